"""deploy/run_stack.sh as an operator runs it: its own PostgreSQL cluster, two replicas, nginx; Ctrl-C."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.stack import DEPLOY_DIR, free_port_run, http_get, missing_packages, port_is_free
from tests.browser import server_logs

pytestmark = pytest.mark.postgres

READY_TIMEOUT = 90.0


def test_run_stack_serves_through_nginx_and_stops_everything_on_ctrl_c() -> None:
    missing = missing_packages()
    if missing:
        pytest.skip(f"Debian packages missing: apt-get install {' '.join(missing)}")
    base = free_port_run(3)
    proc = subprocess.Popen(
        [str(DEPLOY_DIR / "run_stack.sh"), "--port", str(base + 2), "--replica-port", str(base)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    output: list[str] = []
    logs: list[Path] = []
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not output or not output[-1].startswith("Ready."):  # or it ends; the assert says why
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            output.append(line)
        text = "".join(output)
        assert "Ready." in text, text
        url = re.search(r"ASCC M&E Academy: (http://\S+)", text)[1]
        work_dir = Path(re.search(r"Starting in (\S+) \.\.\.", text)[1])
        pg_port = int(re.search(r"PostgreSQL 127\.0\.0\.1:(\d+)", text)[1])
        assert re.search(r"Demo cohort room code: [A-Z0-9-]{6,}", text), text
        assert re.search(r"One-time trainer setup token: \S+", text), text
        assert url == f"http://127.0.0.1:{base + 2}"
        logs += [Path(log) for log in re.findall(r"replica http://\S+ +\(log (\S+)\)", text)]
        assert len(logs) == 2, text
        for log in logs:  # held open: a traceback in them fails the test even once Ctrl-C removed them
            server_logs.watch(log, f"run_stack.sh {log.stem}")

        status, headers, body = http_get(f"{url}/_stcore/health")
        assert (status, body) == (200, b"ok")
        replica = {f"127.0.0.1:{base}": "r0", f"127.0.0.1:{base + 1}": "r1"}[headers["X-Academy-Upstream"]]
        cookie = f"academy_route={replica}; Path=/; HttpOnly; SameSite=Lax"
        assert headers["Set-Cookie"] == cookie
        assert http_get(f"{url}/nginx-health")[:3:2] == (200, b"ok\n")
        assert http_get(f"{url}/_stcore/metrics")[0] == 404  # scraped on each replica, not here

        # Streamlit serves its static files uncompressed; nginx gzips them.
        index = http_get(f"{url}/")[2].decode()
        script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index)
        assert script, index[:500]
        plain = http_get(f"{url}/{script[1]}")
        assert plain[0] == 200 and "Content-Encoding" not in plain[1]
        request = urllib.request.Request(f"{url}/{script[1]}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            assert len(resp.read()) < len(plain[2]) / 2

        proc.send_signal(signal.SIGINT)  # Ctrl-C
        proc.wait(timeout=60)
        while (line := lines.get(timeout=10)) is not None:
            output.append(line)
        assert proc.returncode == 0, "".join(output)
        assert "Stopped." in output[-1], "".join(output)
        for port in (base, base + 1, base + 2, pg_port):
            assert port_is_free(port), f"port {port} still in use after Ctrl-C"
        assert not work_dir.exists(), f"{work_dir} was not removed"
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        for log in logs:
            server_logs.release(log)

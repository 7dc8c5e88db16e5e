"""`python -m bench.run`: seed a database, start the app and a floor server, load them, print one table.

Everything stays on loopback. The servers are pinned to one CPU and this client to another when the
machine has two, and every server started here is stopped on the way out (process groups, finally).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bench.client import (
    DEFAULT_DEADLINE,
    DEFAULT_RUN_TIMEOUT,
    MAX_DEADLINE,
    BoundsError,
    check_bounds,
    http_get,
    require_loopback,
)
from bench.load import MODES, LoadResult, Scenario, run_scenario, summarise
from bench.seed import Seeded, count_statements, seed

PROJECT_DIR = Path(__file__).resolve().parent.parent
FLOOR_SCRIPT = "bench/floor_page.py"
START_TIMEOUT = 90.0
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGES = {  # scenario prefix -> (url path, label, action, server, extra query)
    "lesson": ("lesson", "lesson (check)", "answer", "app", ""),
    "progress": ("my-progress", "my progress", "plain", "app", ""),
    "roster": ("", "trainer roster", "plain", "app", ""),  # the trainer's default page (url path "")
    "floor": ("", "floor (st.write)", "plain", "floor", ""),
    "tfloor": ("", "floor, tuned", "plain", "tfloor", ""),  # floor + the app's process tuning
}
MAX_REPEAT = 500
RERUNS = {"paced": 6, "closed": 10, "burst": 1}
DEFAULT = (
    "lesson-paced-70",
    "lesson-paced-150",
    "lesson-burst-70",
    "lesson-closed-30",
    "progress-paced-70",
    "roster-paced-5",
    "roster-closed-5",
    "floor-paced-70",
    "floor-burst-70",
    "floor-closed-30",
    "tfloor-paced-70",
    "tfloor-burst-70",
    "tfloor-closed-30",
)
QUICK = (
    "lesson-paced-3",
    "lesson-burst-3",
    "progress-paced-3",
    "roster-paced-3",
    "floor-paced-3",
    "tfloor-paced-3",
)


# ---- scenarios -----------------------------------------------------------------------------------


def parse_scenario(name: str) -> Scenario:
    """`<page>-<mode>-<sessions>`, e.g. lesson-paced-70; page is lesson, progress, roster, floor or tfloor."""
    m = re.fullmatch(r"(lesson|progress|roster|floor|tfloor)-(paced|closed|burst)-(\d+)", name)
    if not m:
        raise BoundsError(
            f"unknown scenario {name!r}: use <page>-<mode>-<sessions> with page in {sorted(PAGES)} "
            f"and mode in {list(MODES)}, e.g. lesson-paced-70"
        )
    page, mode, n = m.group(1), m.group(2), int(m.group(3))
    path, label, action, server, query = PAGES[page]
    if page == "roster":
        action = "plain"
    return Scenario(
        name=name,
        mode=mode,
        page=path,
        label=label,
        sessions=n,
        reruns=RERUNS[mode],
        action=action,
        server=server,
        query=query,
    )


def select_scenarios(args: argparse.Namespace) -> list[Scenario]:
    """The scenarios to run with the command-line overrides applied; BoundsError when out of bounds."""
    names = args.scenario or (QUICK if args.quick else DEFAULT)
    out = []
    for name in names:
        sc = parse_scenario(name)
        if args.quick:
            sc = replace(sc, reruns=2, think=(0.2, 0.6), ramp=1.0)
        if args.sessions is not None:
            sc = replace(sc, sessions=args.sessions, name=re.sub(r"\d+$", str(args.sessions), sc.name))
        if args.reruns is not None:
            sc = replace(sc, reruns=args.reruns)
        if args.think is not None:
            sc = replace(sc, think=args.think)
        if args.ramp is not None:
            sc = replace(sc, ramp=args.ramp)
        if args.duration is not None and sc.mode != "burst":
            sc = replace(sc, duration=args.duration, reruns=args.reruns if args.reruns is not None else 1000)
        sc.validate()
        check_bounds(sc.sessions, sc.reruns, args.run_timeout, args.deadline)
        out.append(sc)
    repeat = getattr(args, "repeat", 1)
    if not 1 <= repeat <= MAX_REPEAT:
        raise BoundsError(f"--repeat must be 1 to {MAX_REPEAT}, got {repeat}")
    if repeat > 1:
        out = [replace(sc, name=f"{sc.name}#{k}") for k in range(1, repeat + 1) for sc in out]
    return out


# ---- servers -------------------------------------------------------------------------------------


def free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def cpu_busy_seconds(cpu: int | None) -> float | None:
    """Busy time of one CPU (all processes) from /proc/stat; None when not pinned or unreadable."""
    if cpu is None:
        return None
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith(f"cpu{cpu} "):
                user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, line.split()[1:9])
                return (user + nice + system + irq + softirq + steal) / CLK_TCK
    except OSError:
        return None
    return None


def _pin(cpu: int | None) -> None:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})


@dataclass
class Server:
    """One server on loopback (the app through serve.py, a floor through `streamlit run`) in its own
    process group, optionally pinned to one CPU."""

    name: str
    script: str
    host: str
    port: int
    env: dict[str, str]
    log_path: Path
    cpu: int | None = None
    options: tuple[str, ...] = ()  # extra `--key=value` options for `streamlit run`
    process: subprocess.Popen[bytes] | None = None
    _log: TextIO | None = field(default=None, repr=False)

    def command(self) -> list[str]:
        return [
            sys.executable,
            *(("serve.py",) if self.script == "app.py" else ("-m", "streamlit", "run", self.script)),
            "--server.port",
            str(self.port),
            "--server.address",
            self.host,
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *(f"--{o}" for o in self.options),
        ]

    def start(self) -> None:
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command(),
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
            preexec_fn=(lambda: _pin(self.cpu)) if self.cpu is not None else None,
        )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> float:
        """Seconds until /_stcore/health says ok; RuntimeError with the log tail if it dies or stalls."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited early:\n{self.log_tail()}")
            try:
                status, body = asyncio.run(http_get(self.host, self.port, "/_stcore/health", 2.0))
                if status == 200 and body.strip() == b"ok":
                    return time.monotonic() - t0
            except (OSError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not healthy after {timeout:g} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def cpu_seconds(self) -> float:
        """user + system CPU of the server process (all its threads), from /proc/<pid>/stat."""
        text = Path(f"/proc/{self.pid}/stat").read_text()
        fields = text[text.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
        return 0.0

    def threads(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        """SIGTERM to the process group, SIGKILL after 10 s; safe to call twice."""
        p = self.process
        if p is not None and p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None


# ---- one measured scenario -----------------------------------------------------------------------


async def _measure(
    sc: Scenario,
    server: Server,
    tokens: Sequence[str],
    seeded: Seeded,
    args: argparse.Namespace,
    deadline: float,
) -> tuple[LoadResult, dict[str, Any]]:
    """Run a scenario while sampling the server's RSS every 0.25 s and its CPU time before and after."""
    rss: list[float] = [server.rss_mib()]
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            try:
                rss.append(server.rss_mib())
            except OSError:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 0.25)

    cpu0 = server.cpu_seconds()
    busy0 = cpu_busy_seconds(server.cpu)
    sampler = asyncio.create_task(sample())
    try:
        res = await run_scenario(
            sc,
            server.host,
            server.port,
            tokens,
            seeded.checks,
            run_timeout=args.run_timeout,
            deadline=max(1.0, deadline),
        )
    finally:
        done.set()
        await sampler
    cpu = server.cpu_seconds() - cpu0
    busy1 = cpu_busy_seconds(server.cpu)
    others = None if busy0 is None or busy1 is None else max(0.0, busy1 - busy0 - cpu)
    runs = sum(1 for r in res.runs if r.latency is not None)
    stats = {
        "server_cpu_s": round(cpu, 3),
        "cpu_ms_per_run": round(1000.0 * cpu / runs, 1) if runs else None,
        "server_cpu_share": round(cpu / res.wall_s, 3) if res.wall_s else None,
        "rss_start_mib": round(rss[0], 1),
        "rss_max_mib": round(max(rss), 1),
        "rss_end_mib": round(rss[-1], 1),
        "server_threads_after": server.threads(),
        # CPU time other processes took on the server's CPU: noise from a shared machine
        "other_load_on_server_cpu": round(others / res.wall_s, 3)
        if others is not None and res.wall_s
        else None,
    }
    return res, stats


def tokens_for(sc: Scenario, seeded: Seeded) -> list[str]:
    """Who signs in: fresh learners for answering, the class for My progress, the trainer for the roster."""
    if sc.server != "app":
        return [""]
    if sc.action == "answer":
        return seeded.take_fresh(sc.sessions)
    if sc.page == "":
        return [seeded.trainer_token]
    return seeded.class_tokens


def fresh_needed(scenarios: Sequence[Scenario]) -> int:
    return sum(sc.sessions for sc in scenarios if sc.action == "answer" and sc.server == "app")


WARMUPS = (  # one session per page, so imports, caches and the first-run costs are paid before measuring
    Scenario("warm-lesson", "closed", "lesson", "lesson (check)", 1, 3, action="answer"),
    Scenario("warm-progress", "closed", "my-progress", "my progress", 1, 1),
    Scenario("warm-roster", "closed", "", "trainer roster", 1, 1),
)
FLOOR_WARMUPS = {
    name: Scenario(f"warm-{name}", "closed", "", name, 1, 3, server=name) for name in ("floor", "tfloor")
}


def floor_for(row: dict[str, Any], floors: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The floor row to compare with: same mode and N, else same mode, else paced."""
    for match in (
        lambda f: f["mode"] == row["mode"] and f["sessions"] == row["sessions"],
        lambda f: f["mode"] == row["mode"],
        lambda f: f["mode"] == "paced",
        lambda f: True,
    ):
        found = [f for f in floors if match(f)]
        if found:
            return found[0]
    return None


def page_p50(row: dict[str, Any]) -> float | None:
    """The latency a row is compared on: a burst's first-run p50, otherwise the rerun p50."""
    if row["mode"] == "burst" or not row["rerun_ms"]["n"]:
        return row["first_ms"]["p50"]
    return row["rerun_ms"]["p50"]


def add_ratios(rows: list[dict[str, Any]]) -> None:
    """x_floor_* against the stock floor, x_tfloor_* against the tuned floor (None when not measured)."""
    for server in ("floor", "tfloor"):
        floors = [r for r in rows if r["server"] == server]
        for row in rows:
            ref = floor_for(row, floors)
            row[f"{server}_ref"] = ref["name"] if ref else None
            ratio_p50 = ratio_cpu = None
            if ref is not None:
                a, b = page_p50(row), page_p50(ref)
                ratio_p50 = round(a / b, 2) if a and b else None
                c, d = row["cpu_ms_per_run"], ref["cpu_ms_per_run"]
                ratio_cpu = round(c / d, 2) if c and d else None
            row[f"x_{server}_p50"] = ratio_p50
            row[f"x_{server}_cpu"] = ratio_cpu


def _fmt(v: Any, digits: int = 0) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def table(rows: Sequence[dict[str, Any]]) -> str:
    """One plain-text table of every scenario."""
    head = [
        "scenario",
        "page",
        "N",
        "runs",
        "err",
        "first p50/95/99 ms",
        "rerun p50/95/99 ms",
        "last ms",
        "runs/s",
        "CPU ms/run",
        "CPU",
        "RSS MiB",
        "p50/floor",
        "CPU/floor",
        "p50/tfloor",
        "CPU/tfloor",
    ]
    body = []
    for r in rows:
        f, rr = r["first_ms"], r["rerun_ms"]
        last = r["waves"].get("0", {}).get("last_ms") if r["waves"] else None
        body.append(
            [
                r["name"],
                r["page"],
                str(r["sessions"]),
                str(r["runs"]),
                str(r["errors"]),
                "/".join(_fmt(f[k]) for k in ("p50", "p95", "p99")),
                "/".join(_fmt(rr[k]) for k in ("p50", "p95", "p99")),
                _fmt(last),
                _fmt(r["runs_per_s"], 1),
                _fmt(r["cpu_ms_per_run"], 1),
                "-" if r["server_cpu_share"] is None else f"{100 * r['server_cpu_share']:.0f}%",
                _fmt(r["rss_max_mib"]),
                _fmt(r["x_floor_p50"], 2),
                _fmt(r["x_floor_cpu"], 2),
                _fmt(r["x_tfloor_p50"], 2),
                _fmt(r["x_tfloor_cpu"], 2),
            ]
        )
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def git_state() -> dict[str, Any]:
    def git(*a: str) -> str:
        done = subprocess.run(["git", *a], cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
        return done.stdout

    changed = [line[3:] for line in git("status", "--porcelain").splitlines() if len(line) > 3]
    return {
        "commit": git("rev-parse", "HEAD").strip(),
        "subject": git("log", "-1", "--format=%s").strip(),
        "changed": changed,
    }


def meta(args: argparse.Namespace, pinning: str, url: str) -> dict[str, Any]:
    return {
        "started_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": git_state(),
        "python": platform.python_version(),
        "streamlit": importlib.metadata.version("streamlit"),
        "cpus": os.cpu_count(),
        "pinning": pinning,
        "database": re.sub(r"//[^@/]*@", "//***@", url),
        "quick": args.quick,
        "run_timeout_s": args.run_timeout,
        "deadline_s": args.deadline,
        "total_deadline_s": args.total_deadline,
        "app_server_options": list(args.server_option or ()),
    }


# ---- command line --------------------------------------------------------------------------------


def parse_think(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    try:
        return float(lo), float(hi or lo)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"think time is 'MIN,MAX' in seconds, got {text!r}") from err


def parse_bool(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Load the app and a floor Streamlit page on loopback; print one table of the figures.",
    )
    p.add_argument("--quick", action="store_true", help="smoke run: 3 sessions, 2 reruns each, seconds")
    p.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="<page>-<mode>-<N> with page lesson|progress|roster|floor and mode paced|closed|burst "
        f"(repeatable; default: {' '.join(DEFAULT)})",
    )
    p.add_argument("--sessions", type=int, help="override N of every selected scenario")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help=f"run the selected scenarios this many times over, named NAME#k (1-{MAX_REPEAT}); "
        "with --reuse-servers, a soak on one server",
    )
    p.add_argument("--reruns", type=int, help="runs after the first, per session")
    p.add_argument("--think", type=parse_think, help="paced think time 'MIN,MAX' seconds (default 2,8)")
    p.add_argument("--ramp", type=float, help="paced arrivals spread over this many seconds (default 10)")
    p.add_argument("--duration", type=float, help="paced/closed sessions stop starting runs after S seconds")
    p.add_argument(
        "--deadline",
        type=float,
        default=DEFAULT_DEADLINE,
        help=f"hard stop per scenario, seconds (default {DEFAULT_DEADLINE:g}, max {MAX_DEADLINE:g})",
    )
    p.add_argument(
        "--total-deadline",
        type=float,
        default=MAX_DEADLINE,
        help=f"budget for all scenarios, seconds (default and max {MAX_DEADLINE:g}); later ones are skipped",
    )
    p.add_argument("--run-timeout", type=float, default=DEFAULT_RUN_TIMEOUT, help="per-run timeout, s")
    p.add_argument("--host", default="127.0.0.1", help="loopback address the servers listen on")
    p.add_argument("--database-url", help="seed and use this database (e.g. PostgreSQL) instead of SQLite")
    p.add_argument(
        "--class-size", type=int, help="learners in the demo cohort, the roster's size (default 70; quick 10)"
    )
    p.add_argument(
        "--server-option",
        action="append",
        metavar="KEY=VALUE",
        help="extra `streamlit run` option for the app server, e.g. runner.postScriptGC=true (diagnosis)",
    )
    p.add_argument("--workdir", type=Path, help="keep the database and server logs here")
    p.add_argument("--json", type=Path, help="write the results as JSON to this path")
    p.add_argument(
        "--reuse-servers",
        action="store_true",
        help="one server of each kind for all scenarios (default: a fresh, warmed-up server per scenario)",
    )
    p.add_argument(
        "--keep-servers",
        type=parse_bool,
        default=False,
        metavar="BOOL",
        help="leave the servers running at the end (implies --reuse-servers; default false)",
    )
    return p


def database_url_of(url: str) -> str:
    """The app's URL forms (`postgres://` → psycopg), and only a database on this machine."""
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        host = make_url(url).host
    except ArgumentError as err:
        raise BoundsError(f"--database-url is not a SQLAlchemy URL: {err}") from err
    if host:  # no host: SQLite, or a PostgreSQL unix socket
        try:
            require_loopback(host)
        except BoundsError as err:
            raise BoundsError(f"--database-url: {err}") from err
    return url


def validate(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Scenario]:
    """Every bound checked before anything is seeded or started; argparse's exit 2 on a violation."""
    try:
        require_loopback(args.host)
        check_bounds(1, 0, args.run_timeout, args.deadline)
        if args.database_url:
            args.database_url = database_url_of(args.database_url)
        if not 0 < args.total_deadline <= MAX_DEADLINE:
            raise BoundsError(
                f"--total-deadline must be in (0, {MAX_DEADLINE:g}] s, got {args.total_deadline:g}"
            )
        scenarios = select_scenarios(args)
        for option in args.server_option or ():
            if not re.fullmatch(r"[A-Za-z]+\.[A-Za-z]+=\S*", option):
                raise BoundsError(
                    f"--server-option takes KEY=VALUE such as runner.postScriptGC=false, got {option!r}"
                )
            if option.startswith(("server.address=", "server.port=")):
                raise BoundsError("--server-option may not change server.address or server.port")
    except BoundsError as err:
        parser.error(str(err))
    return scenarios


# Servers start in the project folder and so read its .streamlit/config.toml, which turns the post-run
# GC off. The stock floor turns it back on: it is what Streamlit costs out of the box.
FLOOR_OPTIONS: dict[str, tuple[str, ...]] = {"floor": ("runner.postScriptGC=true",)}


class Lab:
    """Starts, warms up and stops the servers of one benchmark run; remembers all it started."""

    def __init__(self, args: argparse.Namespace, url: str, workdir: Path, seeded: Seeded, cpu: int | None):
        env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        floor_env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
        self.envs = {"app": env, "floor": floor_env, "tfloor": {**floor_env, "BENCH_FLOOR_TUNED": "1"}}
        self.args, self.workdir, self.seeded, self.cpu = args, workdir, seeded, cpu
        self.started: list[Server] = []
        self.warm_rows: list[dict[str, Any]] = []

    def launch(self, name: str) -> tuple[Server, float]:
        """A fresh server, healthy and warmed up with one session per page; returns it and its idle RSS."""
        server = Server(
            name,
            "app.py" if name == "app" else FLOOR_SCRIPT,
            self.args.host,
            free_port(self.args.host),
            self.envs[name],
            self.workdir / f"{name}-{len(self.started) + 1}.log",
            self.cpu,
            FLOOR_OPTIONS.get(name, ()) + (tuple(self.args.server_option or ()) if name == "app" else ()),
        )
        self.started.append(server)
        server.start()
        healthy = server.wait_healthy()
        if name == "app":
            warmups = [
                (WARMUPS[0], self.seeded.take_fresh(1)),
                (WARMUPS[1], self.seeded.class_tokens[:1]),
                (WARMUPS[2], [self.seeded.trainer_token]),
            ]
        else:
            warmups = [(FLOOR_WARMUPS[name], [""])]
        for sc, tokens in warmups:
            res = asyncio.run(
                run_scenario(sc, server.host, server.port, tokens, self.seeded.checks, run_timeout=60)
            )
            self.warm_rows.append(summarise(res))
        idle = server.rss_mib()
        print(
            f"  {name} server pid {server.pid} on port {server.port}: healthy in {healthy:.1f} s, warmed up, "
            f"idle RSS {idle:.0f} MiB",
            flush=True,
        )
        return server, idle

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    scenarios = validate(parser, args)
    reuse = args.reuse_servers or args.keep_servers
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="academy-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    cpus = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpu = (cpus[0], cpus[1]) if len(cpus) >= 2 else (None, None)
    pinning = (
        f"servers pinned to CPU {server_cpu}, client pinned to CPU {client_cpu}"
        if server_cpu is not None
        else "not pinned: fewer than 2 CPUs, server and client share one"
    )
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})  # the servers pin themselves to server_cpu when they start
    print(pinning, flush=True)
    lab: Lab | None = None
    info = meta(args, pinning, url)  # the commit and changed files as the servers will load them
    try:
        t = time.monotonic()
        class_size = args.class_size if args.class_size is not None else (10 if args.quick else 70)
        launches = 1 if reuse else sum(sc.server == "app" for sc in scenarios)
        seeded = seed(url, class_size=max(1, class_size), fresh=fresh_needed(scenarios) + max(1, launches))
        answered_after_seed = count_statements(url)
        print(f"seeded {url.split('@')[-1]} in {time.monotonic() - t:.1f} s", flush=True)
        lab = Lab(args, url, workdir, seeded, server_cpu)
        shared: dict[str, tuple[Server, float]] = {}
        rows = []
        budget_end = time.monotonic() + args.total_deadline
        for sc in scenarios:
            remaining = budget_end - time.monotonic()
            if remaining < 10:
                print(f"{sc.name}: skipped, the --total-deadline of {args.total_deadline:g} s is used up")
                continue
            print(f"{sc.name}:", flush=True)
            server, idle = shared.get(sc.server) or lab.launch(sc.server)
            if reuse:
                shared[sc.server] = (server, idle)
            deadline = min(args.deadline, budget_end - time.monotonic())
            res, stats = asyncio.run(_measure(sc, server, tokens_for(sc, seeded), seeded, args, deadline))
            if not reuse:
                server.stop()
            row = {**summarise(res), **stats, "rss_idle_mib": round(idle, 1), "server_pid": server.pid}
            rows.append(row)
            print(
                f"  {row['runs']} runs, {row['errors']} errors, rerun p50 {_fmt(row['rerun_ms']['p50'])} ms, "
                f"{_fmt(row['cpu_ms_per_run'], 1)} CPU ms/run, {row['wall_s']:.0f} s",
                flush=True,
            )
        add_ratios(rows)
        answered_end = count_statements(url)
        every = (*lab.warm_rows, *rows)
        answers = {
            "answered_after_seed": answered_after_seed,
            "answered_at_end": answered_end,
            "written": answered_end - answered_after_seed,
            "answer_runs_ok": sum(r["answer_runs_ok"] for r in every),
            "answer_runs_sent": sum(r["answer_runs_sent"] for r in every),
            "fragment_runs_ok": sum(r.get("fragment_runs_ok", 0) for r in every),
        }
        # Runs that timed out may still have been written by the server later; ok <= written <= sent.
        answers["consistent"] = answers["answer_runs_ok"] <= answers["written"] <= answers["answer_runs_sent"]
        print()
        print(table(rows))
        print()
        print(
            f"{pinning}; {'one server of each kind for all' if reuse else 'a fresh server per'} scenario, "
            "warmed up with one session per page.\nCPU ms/run = server CPU time / runs; runs/s counts every "
            "script run. "
            f"Answer statements written: {answers['written']} for {answers['answer_runs_ok']} answer runs "
            f"that finished ({answers['answer_runs_sent']} sent); {answers['fragment_runs_ok']} runs redrew "
            "one fragment only."
        )
        for row in rows:
            if row["client_cpu_share"] and row["client_cpu_share"] > 0.5:
                print(f"warning: the client used {row['client_cpu_share']:.0%} of its CPU in {row['name']}")
            if (row["other_load_on_server_cpu"] or 0) > 0.1:
                print(
                    f"warning: other processes used {row['other_load_on_server_cpu']:.0%} of the server CPU "
                    f"during {row['name']}: its figures are inflated"
                )
            if row["deadline_hit"]:
                print(f"warning: {row['name']} hit the {args.deadline:g} s deadline")
        report = {
            "meta": info,
            "workdir": str(workdir),
            "warmup": lab.warm_rows,
            "scenarios": rows,
            "answers": answers,
        }
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(report, indent=2))
            print(f"JSON: {args.json}")
        failed = sum(r["errors"] for r in every)
        return 1 if failed or answers["written"] != answers["answer_runs_ok"] else 0
    finally:
        if lab is not None and args.keep_servers:
            for s in lab.started:
                if s.process is not None and s.process.poll() is None:
                    print(f"kept {s.name} server: pid {s.pid}, port {s.port}; stop it with: kill -- -{s.pid}")
        elif lab is not None:
            lab.stop_all()
        if args.workdir is None and not args.keep_servers:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

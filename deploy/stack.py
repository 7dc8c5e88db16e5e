"""The whole scale-out stack on one machine, from Debian packages: PostgreSQL, N replicas, nginx.

    deploy/run_stack.sh [--replicas 2] [--port 8080] [--replica-port 8601] [--work-dir DIR]

starts a PostgreSQL cluster in a work dir (as the postgres user when run as root), creates the
`academy` role and database, runs `python -m progress init --demo`, starts N Streamlit replicas
on consecutive loopback ports and nginx in front of them (deploy/nginx.conf.template, sticky
sessions), waits until everything is healthy, prints the address, the room code and the trainer
setup token, and stops everything on Ctrl-C, SIGTERM or exit. It installs nothing: it names the
Debian packages that are missing. The integration test (tests/deploy/) drives the same classes.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ipaddress
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

DEPLOY_DIR = Path(__file__).resolve().parent
PROJECT_DIR = DEPLOY_DIR.parent
TEMPLATE = DEPLOY_DIR / "nginx.conf.template"
PG_ROOT = Path("/usr/lib/postgresql")
START_TIMEOUT = 90.0  # a replica's first start compiles the app, imports pandas and migrates
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


class StackError(RuntimeError):
    """Something the operator has to fix; the message says what."""


# ---- what is installed ------------------------------------------------------------------------


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def find_pg_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin dir (Debian: /usr/lib/postgresql/<v>/bin)."""
    versions = [p.parents[1] for p in PG_ROOT.glob("*/bin/initdb") if p.parents[1].name.isdigit()]
    return max(versions, key=lambda v: int(v.name)) / "bin" if versions else None


def missing_packages(*, need_postgres: bool = True) -> list[str]:
    """Debian packages this stack needs that are not installed."""
    missing = [] if find_nginx() else ["nginx"]
    if need_postgres and find_pg_bin() is None:
        missing.append("postgresql")
    return missing


# ---- small helpers ----------------------------------------------------------------------------


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no obstacle
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def ephemeral_ports() -> tuple[int, int]:
    """The range the kernel draws outgoing connections' local ports from (Linux; the usual default
    elsewhere): a port picked there can be taken by any client socket before a server binds it."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port_run(count: int, host: str = "127.0.0.1", start: int = 20000, stop: int | None = None) -> int:
    """The first of `count` consecutive free ports, from a random place in [start, stop); by default
    `stop` is the start of the ephemeral range, so that no outgoing connection takes the port between
    this check and the server's bind (which happened: "Port … is not available")."""
    if stop is None:
        low = ephemeral_ports()[0]
        stop = low if low - start > 1000 else 60000
    first = start + secrets.randbelow(stop - start - count)
    for base in (*range(first, stop - count), *range(start, first)):
        if all(port_is_free(base + i, host) for i in range(count)):
            return base
    raise StackError(f"no {count} consecutive free ports on {host}")


def http_get(url: str, timeout: float = 2.0) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET; urllib's errors for a refused connection propagate."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def is_healthy(base_url: str) -> bool:
    try:
        status, _headers, body = http_get(f"{base_url}/_stcore/health")
    except OSError:
        return False
    return status == 200 and body.strip() == b"ok"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the child gets SIGTERM if the process that started it dies (even by SIGKILL)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def spawn(args: Sequence[str], *, log: Path, cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Start a child in its own process group (so it and its children stop together), output to log."""
    with log.open("ab") as out:
        return subprocess.Popen(
            list(args),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def stop_group(
    process: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM, timeout: float = 10
) -> None:
    """Signal the child's whole process group; SIGKILL it if it has not exited after `timeout`."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def run_progress(args: Sequence[str], *, env: dict[str, str], python: str = sys.executable) -> str:
    """`python -m progress ARGS` in the project; its output, or a StackError with it."""
    done = subprocess.run(
        [python, "-m", "progress", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise StackError(f"python -m progress {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# ---- PostgreSQL -------------------------------------------------------------------------------


def create_database(admin_url: str, name: str, owner: str | None = None) -> str:
    """Create database `name` (and login role `owner`) on the server of a SQLAlchemy admin URL
    without a database; return the application's DATABASE_URL for it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not all(re.fullmatch(r"[a-z_][a-z0-9_]*", n) for n in (name, owner or name)):
        raise StackError(f"database and role names must be lower-case identifiers: {name!r} {owner!r}")
    engine = create_engine(f"{admin_url}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if owner:
                conn.execute(text(f"CREATE ROLE {owner} LOGIN"))
            conn.execute(text(f"CREATE DATABASE {name}" + (f" OWNER {owner}" if owner else "")))
    finally:
        engine.dispose()
    url = make_url(f"{admin_url}/{name}")
    if owner:
        url = url.set(username=owner)
    return url.render_as_string(hide_password=False)


@dataclass
class PostgresCluster:
    """A throwaway cluster in `root` (initdb + pg_ctl) on loopback, trust auth; root -> postgres user."""

    root: Path
    port: int
    bindir: Path
    run_as: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, root: Path, port: int) -> PostgresCluster:
        bindir = find_pg_bin()
        if bindir is None:
            raise StackError("PostgreSQL server not installed: apt-get install postgresql")
        root.mkdir(parents=True, exist_ok=True)
        run_as: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            shutil.chown(root, "postgres", "postgres")
            run_as = ["runuser", "-u", "postgres", "--"]
        cluster = cls(root, port, bindir, run_as)
        cluster._run("initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        return cluster

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.run_as, str(self.bindir / tool), *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise StackError(f"{tool} failed:\n{done.stdout}\n{done.stderr}\n{tail(self.log)}")

    def start(self) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-t", "60", "-l", str(self.log), "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                capture_output=True,
            )


# ---- Streamlit replicas -----------------------------------------------------------------------


@dataclass
class Replica:
    """One `python serve.py` (Streamlit running app.py) on a loopback port, in its own process group."""

    port: int
    env: dict[str, str]
    log: Path
    host: str = "127.0.0.1"
    python: str = sys.executable
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def address(self) -> str:
        """As nginx names it in $upstream_addr."""
        return f"{self.host}:{self.port}"

    def command(self) -> list[str]:
        options = {
            "server.port": str(self.port),
            "server.address": self.host,
            "server.headless": "true",
            "browser.gatherUsageStats": "false",
        }
        return [self.python, "serve.py", *(f"--{k}={v}" for k, v in options.items())]

    def start(self) -> None:
        if not port_is_free(self.port, self.host):
            raise StackError(f"port {self.host}:{self.port} is in use; choose others with --replica-port")
        self.process = spawn(self.command(), log=self.log, cwd=PROJECT_DIR, env=self.env)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, no clean shutdown: a replica's VM losing power."""
        stop_group(self.process, signal.SIGKILL)

    def stop(self) -> None:
        stop_group(self.process)


def wait_healthy(replicas: Sequence[Replica], timeout: float = START_TIMEOUT) -> None:
    """Until every replica answers `ok` on /_stcore/health; a StackError with its log if one dies."""
    waiting = list(replicas)
    deadline = time.monotonic() + timeout
    while waiting:
        for replica in list(waiting):
            if not replica.alive:
                raise StackError(f"replica on port {replica.port} exited:\n{tail(replica.log)}")
            if is_healthy(replica.base_url):
                waiting.remove(replica)
        if waiting and time.monotonic() > deadline:
            raise StackError(
                f"replica on port {waiting[0].port} not healthy in {timeout:.0f}s:\n{tail(waiting[0].log)}"
            )
        if waiting:
            time.sleep(0.25)


# ---- nginx ------------------------------------------------------------------------------------


def render_nginx_conf(
    work_dir: Path,
    upstreams: Sequence[str],
    *,
    listen_host: str = "127.0.0.1",
    listen_port: int = 8080,
    worker_processes: str = "auto",
    worker_connections: int = 4096,
    proxy_timeout: str = "120s",
    connect_timeout: str = "3s",
    max_fails: int = 2,
    fail_timeout: str = "10s",
    client_max_body_size: str = "20m",
    worker_user: str | None = None,
    template: Path = TEMPLATE,
) -> str:
    """deploy/nginx.conf.template with its double-brace placeholders filled; `upstreams` are host:port."""
    if not upstreams:
        raise StackError("nginx needs at least one replica")
    for addr in upstreams:  # the route cookie is matched against $upstream_addr, which holds IPs
        host, _, port = addr.rpartition(":")
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            raise StackError(f"replica {addr!r}: give an IP address and port, not a host name") from None
        if not port.isdigit():
            raise StackError(f"replica {addr!r}: no port")

    def server(addr: str, extra: str = "") -> str:
        return f"        server {addr} max_fails={max_fails} fail_timeout={fail_timeout}{extra};"

    groups = [
        "    upstream academy_all {  # browsers without a route: the replica with the fewest connections",
        "        zone academy_all 64k;",
        "        least_conn;",
        *(server(addr) for addr in upstreams),
        "        keepalive 16;",
        "    }",
    ]
    for i, primary in enumerate(upstreams):
        groups += [
            f"    upstream academy_r{i} {{  # route r{i}: {primary}, or any other if it is down",
            f"        zone academy_r{i} 64k;",
            server(primary),
            *(server(addr, " backup") for addr in upstreams if addr != primary),
            "        keepalive 8;",
            "    }",
        ]
    maps = [
        "    map $cookie_academy_route $academy_group {",
        "        default academy_all;",
        *(f"        r{i} academy_r{i};" for i in range(len(upstreams))),
        "    }",
        "    map $cookie_academy_route $academy_known_route {",
        '        default "";',
        *(f"        r{i} r{i};" for i in range(len(upstreams))),
        "    }",
        "    map $upstream_addr $academy_route {",
        "        default $academy_known_route;  # nginx answered itself: keep the browser's route",
        *(f'        "~(^|[\\s,]){re.escape(addr)}$" r{i};' for i, addr in enumerate(upstreams)),
        "    }",
    ]
    values = {
        "USER_DIRECTIVE": f"user {worker_user};" if worker_user else "# user: the one running nginx",
        "WORKER_PROCESSES": worker_processes,
        "WORKER_CONNECTIONS": str(worker_connections),
        "WORK_DIR": str(work_dir),
        "UPSTREAMS": "\n".join(groups),
        "ROUTE_MAPS": "\n".join(maps),
        "MAX_FAILS": str(max_fails),
        "FAIL_TIMEOUT": fail_timeout,
        "LISTEN_HOST": listen_host,
        "LISTEN_PORT": str(listen_port),
        "CLIENT_MAX_BODY_SIZE": client_max_body_size,
        "CONNECT_TIMEOUT": connect_timeout,
        "PROXY_TIMEOUT": proxy_timeout,
    }
    text = template.read_text(encoding="utf-8")
    unknown = set(PLACEHOLDER.findall(text)) - values.keys()
    if unknown:
        raise StackError(f"{template} has placeholders nobody fills: {sorted(unknown)}")
    return PLACEHOLDER.sub(lambda m: values[m[1]], text)


@dataclass
class Nginx:
    """A non-daemon nginx with its own prefix, config, pid and logs in `work_dir`."""

    work_dir: Path
    conf_text: str
    listen_host: str
    listen_port: int
    binary: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.listen_host}:{self.listen_port}"

    @property
    def conf(self) -> Path:
        return self.work_dir / "nginx.conf"

    @property
    def error_log(self) -> Path:
        return self.work_dir / "error.log"

    @property
    def access_log(self) -> Path:
        return self.work_dir / "access.log"

    def _args(self) -> list[str]:
        return [self.binary, "-p", f"{self.work_dir}/", "-c", str(self.conf), "-e", str(self.error_log)]

    def start(self, timeout: float = 15) -> None:
        self.binary = self.binary or find_nginx() or ""
        if not self.binary:
            raise StackError("nginx not installed: apt-get install nginx")
        if not port_is_free(self.listen_port, self.listen_host):
            raise StackError(
                f"port {self.listen_host}:{self.listen_port} is in use; choose another with --port"
            )
        (self.work_dir / "tmp").mkdir(parents=True, exist_ok=True)
        self.conf.write_text(self.conf_text, encoding="utf-8")
        check = subprocess.run([*self._args(), "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise StackError(f"nginx rejects {self.conf}:\n{check.stderr}{tail(self.error_log)}")
        self.process = spawn([*self._args(), "-g", "daemon off;"], log=self.work_dir / "nginx.out")
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise StackError(f"nginx exited with {self.process.returncode}:\n{tail(self.error_log)}")
            with contextlib.suppress(OSError):
                if http_get(f"{self.url}/nginx-health")[0] == 200:
                    return
            if time.monotonic() > deadline:
                raise StackError(
                    f"nginx did not answer on {self.url} in {timeout:.0f}s:\n{tail(self.error_log)}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        stop_group(self.process)  # SIGTERM: fast shutdown, open websockets are closed


# ---- the stack --------------------------------------------------------------------------------


@dataclass
class StackConfig:
    replicas: int = 2
    replica_port: int = 8601  # the first; replica i listens on replica_port + i
    replica_host: str = "127.0.0.1"
    listen_host: str = "127.0.0.1"
    listen_port: int = 8080
    work_dir: Path | None = None  # default: a new temporary folder, removed on exit
    keep_work_dir: bool = False
    database_url: str | None = None  # an existing, empty database: no PostgreSQL cluster is started
    pg_port: int = 0  # 0: any free port
    demo: bool = True
    python: str = sys.executable
    nginx_workers: str = "auto"
    nginx_user: str | None = None  # as root: "nobody nogroup" unless set
    proxy_timeout: str = "120s"


class Stack:
    """PostgreSQL (unless a DATABASE_URL is given), `progress init`, N replicas, nginx; stop() undoes it."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.postgres: PostgresCluster | None = None
        self.replicas: list[Replica] = []
        self.nginx: Nginx | None = None
        self.database_url = config.database_url or ""
        self.room_code: str | None = None
        self.setup_token: str | None = None
        self._made_work_dir = config.work_dir is None
        self.work_dir = config.work_dir or Path(tempfile.mkdtemp(prefix="academy-stack-"))

    @property
    def url(self) -> str:
        assert self.nginx is not None, "the stack is not started"
        return self.nginx.url

    def replica_for(self, upstream_addr: str) -> Replica:
        """The replica nginx names in X-Academy-Upstream (the last one tried, if it failed over)."""
        last = upstream_addr.split(",")[-1].strip()
        for replica in self.replicas:
            if replica.address == last:
                return replica
        raise LookupError(f"no replica at {upstream_addr!r}")

    def route(self, replica: Replica) -> str:
        """The `academy_route` cookie value that sends a browser to `replica` (see the template)."""
        return f"r{self.replicas.index(replica)}"

    def env(self) -> dict[str, str]:
        env = {**os.environ, "DATABASE_URL": self.database_url}
        env.pop("ACADEMY_TRAINER_PASSWORD", None)
        return env

    def start(self) -> Stack:
        cfg = self.config
        missing = missing_packages(need_postgres=cfg.database_url is None)
        if missing:
            raise StackError(f"missing Debian packages: apt-get install {' '.join(missing)}")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.work_dir.chmod(0o755)  # the postgres user and nginx's workers look inside
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        cfg = self.config
        if not self.database_url:
            port = cfg.pg_port or free_port_run(1)
            self.postgres = PostgresCluster.create(self.work_dir / "postgres", port)
            self.postgres.start()
            self.database_url = create_database(self.postgres.admin_url, "academy", owner="academy")
        out = run_progress(["init", *(["--demo"] if cfg.demo else [])], env=self.env(), python=cfg.python)
        if found := re.search(r"Demo cohort room code: (\S+)", out):
            self.room_code = found[1]
        if found := re.search(r"trainer setup token: (\S+)", out):
            self.setup_token = found[1]

        env = self.env()
        # One secret for all replicas, so signed cookies (st.login, if ever used) hold on any of them.
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = secrets.token_urlsafe(32)
        logs = self.work_dir / "logs"
        logs.mkdir(exist_ok=True)
        for i in range(cfg.replicas):
            port = cfg.replica_port + i
            replica = Replica(port, env, logs / f"replica-{port}.log", cfg.replica_host, cfg.python)
            self.replicas.append(replica)
            replica.start()
        wait_healthy(self.replicas)

        nginx_dir = self.work_dir / "nginx"
        nginx_dir.mkdir(exist_ok=True)
        nginx_dir.chmod(0o755)
        conf = render_nginx_conf(
            nginx_dir,
            [r.address for r in self.replicas],
            listen_host=cfg.listen_host,
            listen_port=cfg.listen_port,
            worker_processes=cfg.nginx_workers,
            proxy_timeout=cfg.proxy_timeout,
            worker_user=(cfg.nginx_user or "nobody nogroup") if os.geteuid() == 0 else None,
        )
        self.nginx = Nginx(nginx_dir, conf, cfg.listen_host, cfg.listen_port)
        self.nginx.start()
        if not is_healthy(self.nginx.url):
            raise StackError(f"{self.nginx.url}/_stcore/health is not ok:\n{tail(self.nginx.error_log)}")

    def stop(self) -> None:
        """nginx, then the replicas, then PostgreSQL; each is tried even if another fails."""
        with contextlib.suppress(Exception):
            if self.nginx:
                self.nginx.stop()
        for replica in self.replicas:
            with contextlib.suppress(Exception):
                replica.stop()
        with contextlib.suppress(Exception):
            if self.postgres:
                self.postgres.stop()
        if self._made_work_dir and not self.config.keep_work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


# ---- command line -----------------------------------------------------------------------------


def _parse(argv: Sequence[str]) -> tuple[StackConfig, argparse.Namespace]:
    p = argparse.ArgumentParser(
        prog="deploy/run_stack.sh",
        description="PostgreSQL + N Streamlit replicas + nginx (sticky sessions) on this machine.",
    )
    p.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2)")
    p.add_argument("--port", type=int, default=8080, help="nginx port (default 8080)")
    p.add_argument("--listen", default="127.0.0.1", help="nginx address (default 127.0.0.1)")
    p.add_argument("--replica-port", type=int, default=8601, help="first replica port (default 8601)")
    p.add_argument("--pg-port", type=int, default=0, help="PostgreSQL port (default: any free one)")
    p.add_argument("--database-url", help="use this empty database instead of starting PostgreSQL")
    p.add_argument("--work-dir", type=Path, help="keep data, config and logs here (default: temporary)")
    p.add_argument("--keep", action="store_true", help="do not delete the temporary work dir on exit")
    p.add_argument("--no-demo", dest="demo", action="store_false", help="no demo cohort")
    p.add_argument("--nginx-workers", default="auto", help="nginx worker_processes (default auto)")
    p.add_argument("--nginx-user", help="nginx `user` for its workers when run as root (default nobody)")
    p.add_argument(
        "--print-nginx-conf",
        action="store_true",
        help="only print the nginx.conf for --upstream replicas (or the local ones) and exit",
    )
    p.add_argument(
        "--upstream", action="append", metavar="HOST:PORT", help="a replica for --print-nginx-conf (repeat)"
    )
    args = p.parse_args(argv)
    if args.replicas < 1:
        p.error("--replicas must be at least 1")
    return StackConfig(
        replicas=args.replicas,
        replica_port=args.replica_port,
        listen_host=args.listen,
        listen_port=args.port,
        work_dir=args.work_dir.resolve() if args.work_dir else None,
        keep_work_dir=args.keep,
        database_url=args.database_url,
        pg_port=args.pg_port,
        demo=args.demo,
        nginx_workers=args.nginx_workers,
        nginx_user=args.nginx_user,
    ), args


def _raise_exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _signals_exit() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP all end the stack through `finally`."""
    old = {s: signal.signal(s, _raise_exit) for s in (signal.SIGTERM, signal.SIGHUP)}
    # Ctrl-C raises KeyboardInterrupt even when started from a shell that ignores SIGINT.
    old[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def main(argv: Sequence[str]) -> int:
    config, args = _parse(argv)
    if args.print_nginx_conf:
        upstreams = args.upstream or [
            f"{config.replica_host}:{config.replica_port + i}" for i in range(config.replicas)
        ]
        work_dir = config.work_dir or Path.cwd() / "nginx"
        try:
            conf = render_nginx_conf(
                work_dir,
                upstreams,
                listen_host=config.listen_host,
                listen_port=config.listen_port,
                worker_processes=config.nginx_workers,
                proxy_timeout=config.proxy_timeout,
                worker_user=config.nginx_user,
            )
        except StackError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(conf, end="")
        return 0
    missing = missing_packages(need_postgres=config.database_url is None)
    if missing:
        print(f"Missing Debian packages: {' '.join(missing)}", file=sys.stderr)
        print(f"Install them with: sudo apt-get install {' '.join(missing)}", file=sys.stderr)
        return 2
    stack = Stack(config)
    with _signals_exit():
        try:
            print(f"Starting in {stack.work_dir} ...", flush=True)
            stack.start()
            print(f"\nASCC M&E Academy: {stack.url}", flush=True)
            for r in stack.replicas:
                print(f"  replica {r.base_url}  (log {r.log})")
            if stack.postgres:
                print(f"  PostgreSQL 127.0.0.1:{stack.postgres.port}  (log {stack.postgres.log})")
            assert stack.nginx is not None
            print(f"  nginx logs {stack.nginx.work_dir}")
            if stack.room_code:
                print(f"Demo cohort room code: {stack.room_code}")
            if stack.setup_token:
                print(
                    f"One-time trainer setup token: {stack.setup_token}  (Trainer sign-in > First-time setup)"
                )
            print("Ready. Press Ctrl-C to stop everything.", flush=True)
            reported: set[int] = set()
            while stack.nginx.process and stack.nginx.process.poll() is None:
                for r in stack.replicas:
                    if not r.alive and r.port not in reported:
                        reported.add(r.port)
                        print(f"replica {r.base_url} has stopped; nginx sends its users to the others")
                time.sleep(1)
            print(f"nginx has stopped:\n{tail(stack.nginx.error_log)}", file=sys.stderr)
            return 1
        except StackError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            print("Stopping nginx, replicas and PostgreSQL ...", flush=True)
            stack.stop()
            print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

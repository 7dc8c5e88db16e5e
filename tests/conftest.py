"""Shared fixtures: fresh databases on SQLite and on a real PostgreSQL server, and skip policy."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.skipping import xfailed_key
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker
from streamlit import config as streamlit_config

from deploy.stack import free_port_run
from progress.db import make_engine, make_sessionmaker, migrate

FAIL_ON_SKIP = os.environ.get("ACADEMY_FAIL_ON_SKIP") == "1"
# Every page must keep only picklable values in session state. The app's config skips that check for
# speed; every AppTest (this process) and every server the tests start (through this environment) makes it.
os.environ["STREAMLIT_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE"] = "true"
streamlit_config.set_option("runner.enforceSerializableSessionState", True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI a skip or a non-strict xfail fails: a missing browser or a fixed bug must not pass silently."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not FAIL_ON_SKIP:
        return
    if hasattr(report, "wasxfail"):
        imperative = call.excinfo is not None and isinstance(call.excinfo.value, pytest.xfail.Exception)
        marked = item.stash.get(xfailed_key, None)
        if imperative or marked is None or not marked.strict:
            report.outcome = "failed"
            report.longrepr = (
                f"xfail not strict, and those fail here (ACADEMY_FAIL_ON_SKIP=1): {report.wasxfail}"
            )
            del report.wasxfail
    elif report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped, and skips fail here (ACADEMY_FAIL_ON_SKIP=1): {report.longrepr}"


def free_port() -> int:
    """A free loopback port outside the kernel's ephemeral range, where client sockets could take it."""
    return free_port_run(1)


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL server on loopback; yield an admin URL without a database."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql)")
    # Not under pytest's root-only temp folder: the server runs as the postgres user when we are root.
    root = Path(tempfile.mkdtemp(prefix="academy-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off"
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-w",
            "-l",
            str(root / "log"),
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A database migrated once, copied for each test (CREATE DATABASE ... TEMPLATE)."""
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE academy_template"))
    admin.dispose()
    engine = make_engine(f"{postgres_server}/academy_template")
    migrate(engine)
    engine.dispose()
    return "academy_template"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test, on each supported backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'academy.sqlite3'}"
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield url
        return
    server = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("postgres_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    yield f"{server}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield make_sessionmaker(engine)
    engine.dispose()

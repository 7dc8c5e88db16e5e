"""The server-log policy: a traceback in a test server's log fails the test and is named in the failure.

Three levels: the scanner on sample logs; the hook, in a pytest run of its own whose passing test gets
a traceback in a watched log; and the real app, whose log gets an uncaught exception when its database
loses a table under it (no page made to crash).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from deploy.stack import PROJECT_DIR, run_progress
from tests.browser.conftest import ServerProcess, wait_idle
from tests.browser.server_logs import TRACEBACK, UNCAUGHT, ServerLog, find_tracebacks
from tests.conftest import free_port

UNCAUGHT_LOG = """\
2025-06-01 09:00:00.001 INFO  streamlit.web.server: Serving on 127.0.0.1:8501
2025-06-01 09:00:02.417 ERROR streamlit.error_util: Uncaught app execution
Traceback (most recent call last):
  File "/venv/streamlit/runtime/scriptrunner/exec_code.py", line 129, in exec_func_with_error_handling
    result = func()
             ^^^^^^
  File "/app/app.py", line 21, in <module>
    person = person_for_token(db, token)
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^
KeyError: 'sign_in'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/app/progress/accounts.py", line 163, in person_for_token
    found = session.execute(
sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: sign_in
2025-06-01 09:00:02.420 INFO  streamlit.runtime: Script run finished
"""
TORNADO_LOG = """\
2025-06-01 09:01:00.000 ERROR tornado.application: Exception in callback <bound method ...>
Traceback (most recent call last):
  File "/venv/tornado/ioloop.py", line 750, in _run_callback
    ret = callback()
ZeroDivisionError: division by zero
"""
# How Streamlit logs an uncaught exception when rich is installed, as it is for the app.
RED, DIM, OFF = "\x1b[31m", "\x1b[2m", "\x1b[0m"
RICH_LOG = f"""\
{RED}──────{OFF}{RED} {OFF}\x1b[1;31mTraceback {OFF}\x1b[1;2;31m(most recent call last){OFF}{RED} ──────{OFF}
{RED} {OFF} {DIM}/work/main/{OFF}\x1b[1mapp.py{OFF}:21 in <module>                {RED} {OFF}
{RED} {OFF}   {DIM} 20 {OFF}{DIM}│   {OFF}with sessions().begin() as db:        {RED} {OFF}
{RED} {OFF} {RED}❱ {OFF} 21 {DIM}│   │   {OFF}person = person_for_token(db, token) {RED} {OFF}
{RED}──────────────────────────────────────────────────────────{OFF}
\x1b[1;91mOperationalError: {OFF}(sqlite3.OperationalError) no such table: sign_in
[SQL: SELECT person.id FROM person JOIN sign_in ON sign_in.person_id = person.id]
(Background on this error at: https://sqlalche.me/e/21/e3q8)
"""
CLEAN_LOG = """\
  You can now view your Streamlit app in your browser.

  URL: http://127.0.0.1:8501

2025-06-01 09:00:05.000 INFO  progress.db: migrated to 0004 (traceback-free start)
2025-06-01 09:00:06.000 WARNING streamlit.runtime: Session abc123 disconnected
"""


def test_the_scanner_finds_each_traceback_whole_with_its_chain_and_names_its_exception() -> None:
    found = find_tracebacks(CLEAN_LOG + UNCAUGHT_LOG + CLEAN_LOG + TORNADO_LOG)
    assert len(found) == 2
    uncaught, tornado = found
    assert UNCAUGHT.search(uncaught.splitlines()[0])
    assert "KeyError: 'sign_in'" in uncaught  # the first exception and the one raised while handling it
    assert uncaught.splitlines()[-1] == (
        "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: sign_in"
    )
    assert "Script run finished" not in uncaught
    assert tornado.splitlines()[0] == "Traceback (most recent call last):"
    assert tornado.splitlines()[-1] == "ZeroDivisionError: division by zero"


def test_the_scanner_reads_rich_s_coloured_boxed_traceback() -> None:
    (found,) = find_tracebacks(CLEAN_LOG + RICH_LOG + CLEAN_LOG)
    lines = found.splitlines()
    assert lines[0].strip("─ ") == "Traceback (most recent call last)"  # colours removed
    assert lines[3].rstrip().endswith("person = person_for_token(db, token)")
    assert lines[-1] == "OperationalError: (sqlite3.OperationalError) no such table: sign_in"


def test_the_scanner_finds_nothing_in_a_clean_log() -> None:
    assert find_tracebacks(CLEAN_LOG) == []
    assert find_tracebacks("") == []


def test_a_log_is_read_once_and_a_traceback_whole_even_after_its_file_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "server.log"
    log = ServerLog(path, "server")
    assert log.take() == []  # not written yet
    path.write_text(CLEAN_LOG)
    assert log.take() == []
    cut = TORNADO_LOG.index("ZeroDivisionError") + 4
    with path.open("a") as out:
        out.write(TORNADO_LOG[:cut])  # a traceback half written when the log is read
        out.flush()
        assert log.take() == []
        path.unlink()  # a stack's work dir is removed when it stops: the open file is still read
        out.write(TORNADO_LOG[cut:] + UNCAUGHT_LOG.splitlines(keepends=True)[1])
        out.flush()
        assert log.take() == [TORNADO_LOG.split("\n", 1)[1].strip()]
        assert log.take() == []  # the last line, an uncaught-exception report, may have more to come
        assert log.take(final=True) == [UNCAUGHT_LOG.splitlines()[1]]  # the server stopped: no more
    path.write_text(UNCAUGHT_LOG)  # a new file under the same name is not this server's log
    assert log.take(final=True) == []
    log.close()


INNER_TESTS = '''
from tests.browser import server_logs

TRACEBACK = """Traceback (most recent call last):
  File "/app/app.py", line 1, in <module>
ValueError: boom from the server
"""


def serve(tmp_path, text):
    log = tmp_path / "server.log"
    server_logs.watch(log, "inner server")
    log.write_text("INFO serving\\n" + text)
    server_logs.release(log)


def test_passes_but_its_server_crashed(tmp_path):
    serve(tmp_path, TRACEBACK)


def test_passes_and_its_server_is_fine(tmp_path):
    serve(tmp_path, "INFO still serving\\n")


def test_fails_itself_and_its_server_crashed(tmp_path):
    serve(tmp_path, TRACEBACK)
    assert "its own" == "assertion"
'''


def test_the_hook_fails_a_passing_test_whose_server_logged_a_traceback(tmp_path: Path) -> None:
    """Its own pytest run, with only this plugin: the policy's effect on a test's outcome and report."""
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    env.pop("PYTEST_ADDOPTS", None)  # CI's seed is for the outer run
    plugins = ["-p", "tests.browser.server_logs", "-p", "no:randomly", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *plugins, "-rA", "test_inner.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "2 failed, 1 passed" in out, out
    assert "PASSED test_inner.py::test_passes_and_its_server_is_fine" in out, out
    crashed = out.split("test_passes_but_its_server_crashed ___", 1)[1].split("\n___", 1)[0]
    assert "the server logged 1 traceback(s) during this test" in crashed, out
    assert "inner server: ValueError: boom from the server" in crashed, out
    itself = out.split("test_fails_itself_and_its_server_crashed ___", 1)[1].split("short test summary")[0]
    assert "AssertionError" in itself and "- server traceback -" in itself, out  # both are shown
    assert "ValueError: boom from the server" in itself, out


@pytest.mark.browser
def test_a_real_uncaught_exception_of_the_app_is_found_in_its_log(
    browser: Browser, new_page: Callable[[], Page], tmp_path: Path
) -> None:
    """The app on a database that loses a table under it: the page shows an exception, the log has it."""
    database = tmp_path / "academy.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    run_progress(["init"], env=env)
    server = ServerProcess(port=free_port(), env=env, log=tmp_path / "streamlit.log")
    log = ServerLog(server.log, "broken app")  # read here, not watched: this traceback is expected
    try:
        server.start()
        page = new_page()
        page.goto(server.base_url)
        expect(page.get_by_role("heading", name="ASCC M&E Academy")).to_be_visible()
        wait_idle(page)
        assert log.take() == [], server.log.read_text()
        with sqlite3.connect(database) as db:
            db.execute("DROP TABLE sign_in")
        page.goto(f"{server.base_url}/?s=a-sign-in-token")  # app.py looks the token up
        expect(page.get_by_test_id("stException")).to_be_visible()
        found = log.take()  # Streamlit logs the exception before it sends it to the page
    finally:
        server.stop()
        log.close()
    assert len(found) == 1, server.log.read_text()
    assert TRACEBACK.search(found[0].splitlines()[0]) or UNCAUGHT.search(found[0].splitlines()[0]), found[0]
    assert "app.py" in found[0] and "person_for_token" in found[0], found[0]
    assert "no such table: sign_in" in found[0].splitlines()[-1], found[0]

"""Browser fixtures: a throwaway app server with the demo cohort, Debian's Chromium, and helpers.

Playwright's own browser download is not reachable here, so the tests drive /usr/bin/chromium.
Screenshots and axe reports go to test-artifacts/ (git-ignored); two README images go to
tests/browser/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from deploy.stack import Replica, StackError, run_progress, wait_healthy
from tests.browser import server_logs
from tests.browser.server_logs import pytest_runtest_makereport  # noqa: F401  (the traceback policy)
from tests.conftest import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_DIR / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
README_SHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
MAX_SHOT_HEIGHT = 12_000
SERVER_START_TIMEOUT = 60.0
TRAINER_USERNAME = "trainer1"
TRAINER_PASSWORD = "browser-test-password-42"  # a throwaway account in a temp database
SERIOUS = {"serious", "critical"}
EXPECT_TIMEOUT_MS = 15_000  # a first page load compiles the app and imports pandas
RUNS_SCRIPT = (Path(__file__).parent / "streamlit_runs.js").read_text(encoding="utf-8")
IDLE = """token => {
  if (!window.__academyIdle) throw new Error("streamlit_runs.js is missing: open pages with new_context()");
  return window.__academyIdle(token);
}"""


class ServerProcess(Replica):
    """The app (`python serve.py`) on a loopback port, healthy when `start` returns; a test may kill it
    and start it again on the same port."""

    def start(self) -> None:
        super().start()
        try:
            wait_healthy([self], timeout=SERVER_START_TIMEOUT)
        except StackError as err:
            pytest.fail(str(err))


@dataclass(frozen=True)
class AppServer:
    """A running app with the demo cohort and one trainer."""

    base_url: str
    room_code: str
    trainer_username: str
    trainer_password: str
    database_url: str
    server: ServerProcess


def _run(args: list[str], env: dict[str, str]) -> str:
    """Run `python -m progress ...` in the project with `env`; return its output or fail loudly."""
    try:
        return run_progress(args, env=env)
    except StackError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Migrate a fresh SQLite database with the demo cohort and a trainer, and serve the app on it."""
    root = tmp_path_factory.mktemp("browser-app")
    database_url = f"sqlite:///{root / 'academy.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, "ACADEMY_TRAINER_PASSWORD": TRAINER_PASSWORD}
    found = re.search(r"Demo cohort room code: (\S+)", _run(["init", "--demo"], env))
    assert found, "init --demo printed no room code"
    _run(["create-trainer", "--username", TRAINER_USERNAME, "--name", "Trainer One"], env)
    env.pop("ACADEMY_TRAINER_PASSWORD")

    server = ServerProcess(port=free_port(), env=env, log=root / "streamlit.log")
    server_logs.watch(server.log, f"app server on port {server.port}")  # a traceback fails the test
    try:
        server.start()
        yield AppServer(server.base_url, found[1], TRAINER_USERNAME, TRAINER_PASSWORD, database_url, server)
    finally:
        server.stop()
        server_logs.release(server.log)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright; a skip (a failure in CI) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_context(browser: Browser) -> BrowserContext:
    """A fresh browser context whose pages report their script runs to `wait_idle`."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.add_init_script(script=RUNS_SCRIPT)
    return context


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Open pages in fresh browser contexts (separate cookies and storage: 'another browser')."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        contexts.append(new_context(browser))
        return contexts[-1].new_page()

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


def wait_idle(page: Page) -> None:
    """Wait until the run the page last asked for (a click, a page) has finished, been drawn and settled."""
    # The page's own record (streamlit_runs.js) says whether the server has started and finished a run
    # since the last request; the DOM, that Streamlit is connected, not running, shows no stale, loading
    # or status element, and moves nothing (no animation or transition that ends is running). All must
    # hold on two animation frames in a row. No fixed delay: it returns as soon as that is so.
    page.wait_for_function(IDLE, arg=uuid.uuid4().hex, polling="raf")


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save test-artifacts/screenshots/<name>.png once the app is idle.

    Streamlit scrolls inside <main data-testid="stMain">, not the document, so Playwright's
    full_page option would only capture the viewport: grow the viewport to the content instead.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    wait_idle(page)
    viewport = page.viewport_size or VIEWPORT
    height = page.get_by_test_id("stMain").evaluate("el => el.scrollHeight") if full_page else 0
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, MAX_SHOT_HEIGHT)})
        wait_idle(page)
    try:
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(viewport)
    return path


def axe_check(page: Page, name: str) -> list[dict[str, Any]]:
    """Run axe-core on the page; save the full report; return the serious and critical violations."""
    wait_idle(page)
    results = Axe().run(page)
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{name}.json").write_text(json.dumps(results.response, indent=2))
    return [
        {**violation, "page": name}
        for violation in results.response["violations"]
        if violation.get("impact") in SERIOUS
    ]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Per page and rule: impact, axe's help, then each element's CSS target, HTML and axe's finding."""
    lines = []
    for v in violations:
        lines.append(f"[{v['page']}] {v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}")
        for node in v["nodes"]:
            finding = (node.get("failureSummary") or "").splitlines()[-1:] or [""]
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      html: {' '.join(node['html'].split())[:160]}")
            lines.append(f"      axe: {finding[0].strip()[:200]}")
    return "\n".join(lines)

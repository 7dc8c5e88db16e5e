"""The scale-out recipe, end to end: deploy/stack.py starts two replicas and nginx on a fresh PostgreSQL
database; browsers stick to one replica each; a replica killed mid-lesson loses nothing."""

from __future__ import annotations

import json
import re
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlalchemy import create_engine, text

from deploy.stack import (
    Replica,
    Stack,
    StackConfig,
    create_database,
    find_nginx,
    free_port_run,
    run_progress,
    wait_healthy,
)
from tests.browser import server_logs
from tests.browser.conftest import ARTIFACTS, EXPECT_TIMEOUT_MS, new_context, screenshot, wait_idle
from tests.browser.test_learner_flow import (
    CHECK,
    LESSON_LINK,
    RIGHT,
    WRONG,
    answer,
    answers_in_db,
    check_box,
    fill_join_form,
    no_exception,
    roster_rows,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

QUESTION = "m1-chain-2"  # CHECK, "Knowledge check 2" of lesson m1/results-chain
TRAINER, TRAINER_PASSWORD = "trainer1", "deploy-test-password-42"  # a throwaway account
LEARNER_A = "Pham Van An"  # answers on one replica; the trainer reads the roster on the other
LEARNER_K = "Siti Rahmah"  # works on replica r0 while it is killed, then reloads
LEARNER_F = "Chan Dara"  # works on replica r1 while it is killed, and does not reload
VERDICT_WAIT_MS = 8_000  # a first run on a new session may warm a fresh replica (about 2 s)
RECONNECT_TIMEOUT = 30.0  # Streamlit's client backs off up to 4 s between reconnect attempts
ROUTE_TIMEOUT = 60.0  # nginx leaves a failed replica out for fail_timeout (10 s) before trying it again
POLL_S = 0.2  # between two looks at a condition that only the server side can show
TIMINGS = ARTIFACTS / "deploy-timings.json"
ROUTE_COOKIE = "academy_route"


@pytest.fixture(scope="module")
def stack(postgres_server: str) -> Iterator[Stack]:
    """deploy/stack.py on a fresh database of the shared PostgreSQL server: two replicas, nginx."""
    if find_nginx() is None:
        pytest.skip("nginx not installed (apt-get install nginx)")
    name = f"deploy_{uuid.uuid4().hex[:12]}"
    database_url = create_database(postgres_server, name)
    base = free_port_run(3)
    config = StackConfig(
        replicas=2,
        replica_port=base,
        listen_port=base + 2,
        database_url=database_url,
        nginx_workers="1",
    )
    running = Stack(config)
    try:
        running.start()
        for replica in running.replicas:  # a traceback in a replica's log fails the test (server_logs)
            server_logs.watch(replica.log, f"replica {running.route(replica)} on port {replica.port}")
        env = {**running.env(), "ACADEMY_TRAINER_PASSWORD": TRAINER_PASSWORD}
        run_progress(["create-trainer", "--username", TRAINER, "--name", "Trainer One"], env=env)
        yield running
    finally:
        running.stop()
        for replica in running.replicas:
            server_logs.release(replica.log)
        admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@dataclass
class Visitor:
    """One browser context pinned by its `academy_route` cookie, and the replicas that served it."""

    context: BrowserContext
    page: Page
    http: list[str] = field(default_factory=list)  # X-Academy-Upstream of every response fetched via nginx
    sockets: list[tuple[float, str]] = field(default_factory=list)  # (time, upstream) per websocket

    replica: Replica | None = None  # where nginx sent its first request

    def route(self) -> str | None:
        return next((c["value"] for c in self.context.cookies() if c["name"] == ROUTE_COOKIE), None)

    def upstreams(self) -> set[str]:
        return set(self.http) | {addr for _t, addr in self.sockets}

    def summary(self) -> dict[str, Any]:
        return {
            "route": self.route(),
            "upstreams": sorted(self.upstreams()),
            "http_responses": len(self.http),
            "websockets": len(self.sockets),
        }


class Browsers:
    """Browser contexts on nginx, each recording which replica served each of its requests."""

    def __init__(self, browser: Browser, stack: Stack) -> None:
        self.browser, self.stack = browser, stack
        self.contexts: list[BrowserContext] = []

    def on(self, replica: Replica | None = None) -> Visitor:
        """A new browser; its route cookie set for `replica`, or none: nginx balances and sets it."""
        context = new_context(self.browser)
        self.contexts.append(context)
        if replica is not None:
            cookie = {"name": ROUTE_COOKIE, "value": self.stack.route(replica), "url": self.stack.url}
            context.add_cookies([cookie])  # type: ignore[list-item]
        reply = context.request.get(f"{self.stack.url}/_stcore/health")  # shares the context's cookies
        assert reply.ok, reply.status
        visitor = Visitor(context, context.new_page())
        visitor.http.append(reply.headers["x-academy-upstream"])
        visitor.replica = self.stack.replica_for(reply.headers["x-academy-upstream"])
        assert replica in (None, visitor.replica), (replica, visitor.replica)
        assert visitor.route() == self.stack.route(visitor.replica), visitor.route()

        cached: set[str] = set()  # responses from the browser's cache name the replica of their first fetch

        def on_response(event: dict[str, Any]) -> None:
            response = event["response"]
            if not response["url"].startswith(self.stack.url) or event["requestId"] in cached:
                return
            if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
                return
            headers = {k.lower(): v for k, v in response["headers"].items()}
            visitor.http.append(headers.get("x-academy-upstream", "missing"))

        def on_handshake(event: dict[str, Any]) -> None:  # the 101 reply of /_stcore/stream
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            visitor.sockets.append((time.monotonic(), headers.get("x-academy-upstream", "missing")))

        cdp = context.new_cdp_session(visitor.page)
        cdp.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.webSocketHandshakeResponseReceived", on_handshake)
        cdp.send("Network.enable")
        return visitor

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def until(condition: Callable[[], bool], failure: Callable[[], str], timeout: float = ROUTE_TIMEOUT) -> None:
    """Look at `condition` until it holds; fail with `failure()` if it still does not after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure()
        time.sleep(POLL_S)


def upstream(stack: Stack, route: str | None = None) -> str:
    """The replica nginx sends a request with this route cookie (or none) to, as it names it."""
    request = urllib.request.Request(f"{stack.url}/_stcore/health")
    if route:
        request.add_header("Cookie", f"{ROUTE_COOKIE}={route}")
    with urllib.request.urlopen(request, timeout=5) as reply:
        return reply.headers["X-Academy-Upstream"]


def all_replicas_serving(stack: Stack) -> None:
    """Start again any replica an earlier test killed, and wait until nginx sends requests to each again."""
    # After failures nginx leaves a replica out of its groups for fail_timeout: wait until every route
    # reaches its own replica again, and requests without a route reach all of them.
    dead = [replica for replica in stack.replicas if not replica.alive]
    for replica in dead:
        replica.start()
    wait_healthy(dead)
    routes = {stack.route(replica): replica.address for replica in stack.replicas}
    until(
        lambda: all(upstream(stack, route) == address for route, address in routes.items()),
        lambda: f"nginx does not send each route to its replica: {routes}",
    )
    seen: set[str] = set()

    def all_seen() -> bool:
        seen.add(upstream(stack))
        return seen == set(routes.values())

    until(all_seen, lambda: f"requests without a route reach only {seen}")


@pytest.fixture
def browsers(browser: Browser, stack: Stack) -> Iterator[Browsers]:
    """Browsers on the stack, every replica up and in nginx's groups whatever the tests before did."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    all_replicas_serving(stack)
    opened = Browsers(browser, stack)
    try:
        yield opened
    finally:
        opened.close()


def join_and_open_lesson(page: Page, stack: Stack, name: str) -> None:
    """Join the demo cohort through nginx and open lesson m1/results-chain."""
    page.goto(stack.url)
    expect(page.get_by_role("heading", name="ASCC M&E Academy")).to_be_visible()
    assert stack.room_code, "init --demo printed no room code"
    fill_join_form(page, stack.room_code, name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_text(f"Welcome, {name}.", exact=True)).to_be_visible()
    assert "s=" in page.url, "the sign-in token should be kept in the address"
    page.get_by_role("link", name="Start").and_(
        page.locator('[href^="module?module=m1&"]')
    ).click()  # Module 1
    expect(page.get_by_role("heading", name=re.compile(r"^Module 1:"), level=1)).to_be_visible()
    page.get_by_role("link", name=LESSON_LINK).click()
    expect(page.get_by_role("heading", name=re.compile("The results chain"), level=1)).to_be_visible()


def trainer_roster(page: Page, stack: Stack) -> dict[str, dict[str, str]]:
    page.goto(f"{stack.url}/trainer-sign-in")
    page.get_by_role("textbox", name="Username").fill(TRAINER)
    page.get_by_role("textbox", name="Password").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Cohorts and roster", level=1)).to_be_visible()
    return {row["Name"]: row for row in roster_rows(page)}


def lesson_shot(page: Page, box: Locator, name: str) -> None:
    """The knowledge check in the viewport (a full-page shot of a lesson costs seconds)."""
    box.scroll_into_view_if_needed()
    screenshot(page, name, full_page=False)


def checks_correct(row: dict[str, str]) -> tuple[int, int]:
    correct, total = row["M1 checks"].replace(" ", "").split("/")
    return int(correct), int(total)


def test_sticky_replicas_share_one_database(stack: Stack, browsers: Browsers) -> None:
    """(a) Two new browsers are balanced onto different replicas and each stays on its own; the
    learner answers on one, the trainer sees it on the other."""
    learner = browsers.on()  # no route cookie yet: nginx picks the replica with fewest connections
    join_and_open_lesson(learner.page, stack, LEARNER_A)
    box = check_box(learner.page, CHECK)
    answer(box, WRONG, "Not quite.")
    answer(box, RIGHT, "Correct.")
    no_exception(learner.page)
    lesson_shot(learner.page, box, "deploy-01-learner-on-one-replica")

    trainer = browsers.on()  # the learner's websocket makes the other replica the least busy one
    assert trainer.replica is not learner.replica, "least_conn should send the trainer elsewhere"
    rows = trainer_roster(trainer.page, stack)
    assert LEARNER_A in rows, f"{LEARNER_A} is not on the roster: {json.dumps(rows, indent=1)}"
    correct, total = checks_correct(rows[LEARNER_A])
    assert correct == 1 and total > 1, rows[LEARNER_A]
    no_exception(trainer.page)
    screenshot(trainer.page, "deploy-02-trainer-on-the-other-replica")
    assert answers_in_db(stack.database_url, LEARNER_A, QUESTION) == [(1, False), (2, True)]

    # The learner comes back while the trainer is active: a reload is a new page and a new websocket.
    learner.page.reload()
    expect(check_box(learner.page, CHECK).get_by_text("Correct.", exact=True)).to_be_visible()
    wait_idle(learner.page)

    # Stickiness: every HTTP response and every websocket of each browser came from its own replica.
    assert learner.replica and trainer.replica
    assert len(learner.sockets) == 2 and trainer.sockets, "a websocket handshake was not seen"
    assert learner.upstreams() == {learner.replica.address}, learner.summary()
    assert trainer.upstreams() == {trainer.replica.address}, trainer.summary()
    assert len(learner.http) > 20 and len(trainer.http) > 20  # the page, its static files, health, ...
    assert learner.route() == stack.route(learner.replica)
    assert trainer.route() == stack.route(trainer.replica)
    record(
        "sticky",
        learner=learner.summary(),
        trainer=trainer.summary(),
        m1_checks_correct=rows[LEARNER_A]["M1 checks"],
    )


def kill_and_reconnect(learner: Visitor, doomed: Replica, survivor: Replica, stack: Stack) -> float:
    """SIGKILL the learner's replica; wait for Streamlit's client to open a websocket through nginx
    again and check that it reached the survivor. Returns the seconds from the kill to that handshake."""
    sockets_before = len(learner.sockets)
    opened = learner.page.evaluate("window.__academyRuns.opened")  # websockets the page has opened
    killed_at = time.monotonic()
    doomed.kill()
    # The client sees its websocket close, probes /_stcore/health through nginx (which skips the dead
    # replica) and reopens the websocket: a new session on the survivor, signed in again from ?s=.
    learner.page.wait_for_function(
        "n => window.__academyRuns.opened > n", arg=opened, timeout=RECONNECT_TIMEOUT * 1000
    )
    while len(learner.sockets) == sockets_before:  # the handshake's CDP event, if not yet delivered
        assert time.monotonic() - killed_at < RECONNECT_TIMEOUT, "no websocket handshake was seen"
        learner.page.evaluate("0")  # a round trip to the browser, during which Playwright delivers it
    reconnected_at, address = learner.sockets[-1]
    assert stack.replica_for(address) is survivor, address
    wait_idle(learner.page)
    return reconnected_at - killed_at


def test_killed_replica_loses_no_answer(stack: Stack, browsers: Browsers) -> None:
    """(b) The learner's replica dies (SIGKILL) between two answers; the browser reconnects through
    nginx to the survivor and, after a reload, is still signed in; both answers are in the database."""
    doomed, survivor = stack.replicas
    learner = browsers.on(doomed)
    page = learner.page
    join_and_open_lesson(page, stack, LEARNER_K)
    box = check_box(page, CHECK)
    answer(box, WRONG, "Not quite.")
    expect(box.get_by_text("Attempts left: 1 of 2")).to_be_visible()
    lesson_shot(page, box, "deploy-03-before-replica-kill")
    assert learner.upstreams() == {doomed.address}
    http_before = len(learner.http)

    reconnect_s = kill_and_reconnect(learner, doomed, survivor, stack)
    # Streamlit's client does not rerun after a reconnect (it expects its old session back): the page
    # still shows the dead replica's rendering; here the learner reloads (the next test answers without).
    reload_started = time.monotonic()
    page.reload()
    box = check_box(page, CHECK)
    expect(box.get_by_text("Not quite.", exact=True)).to_be_visible()  # the first answer survived
    expect(box.get_by_text("Attempts left: 1 of 2")).to_be_visible()
    expect(box.get_by_role("radio", name=WRONG)).to_be_checked()
    expect(page.get_by_test_id("stSidebar").get_by_text(LEARNER_K, exact=True)).to_be_visible()
    reload_s = time.monotonic() - reload_started
    assert stack.replica_for(learner.sockets[-1][1]) is survivor
    assert learner.route() == stack.route(survivor)  # the cookie followed: it stays there from now on
    lesson_shot(page, box, "deploy-04-after-replica-kill-reloaded")

    answer(box, RIGHT, "Correct.")
    expect(box.get_by_text(f"Your answer: {RIGHT}", exact=True)).to_be_visible()
    no_exception(page)
    lesson_shot(page, box, "deploy-05-right-answer-on-survivor")
    assert answers_in_db(stack.database_url, LEARNER_K, QUESTION) == [(1, False), (2, True)]
    after_kill = learner.http[http_before:]  # "A, B" when nginx tried the dead one first
    assert after_kill and all(addr.endswith(survivor.address) for addr in after_kill), after_kill

    trainer = browsers.on(survivor)
    rows = trainer_roster(trainer.page, stack)  # other tests' learners may be on it too, or not yet
    assert LEARNER_K in rows, rows
    assert checks_correct(rows[LEARNER_K])[0] == 1, rows[LEARNER_K]
    screenshot(trainer.page, "deploy-06-roster-after-replica-kill")
    record(
        "replica_kill",
        websocket_reconnect_s=round(reconnect_s, 2),
        reload_to_answer_visible_s=round(reload_s, 2),
        upstreams_after_kill=sorted(set(after_kill)),
    )


def test_first_answer_after_failover_without_reload(stack: Stack, browsers: Browsers) -> None:
    """(c) The same failover without a reload: the learner just answers again on the page they see.

    The click reaches a brand-new session on the survivor, where Streamlit runs no callbacks; the
    lesson page handles such a submit itself, so the answer is recorded, not dropped.
    """
    survivor, doomed = stack.replicas  # this time r1 dies (the fixture has both up, whatever ran before)
    learner = browsers.on(doomed)
    page = learner.page
    join_and_open_lesson(page, stack, LEARNER_F)
    box = check_box(page, CHECK)
    answer(box, WRONG, "Not quite.")
    kill_and_reconnect(learner, doomed, survivor, stack)

    box.get_by_text(RIGHT, exact=True).click()
    box.get_by_role("button", name="Check my answer").click()
    try:
        expect(box.get_by_text("Correct.", exact=True)).to_be_visible(timeout=VERDICT_WAIT_MS)
    finally:
        lesson_shot(page, box, "deploy-07-first-answer-after-failover")
    assert answers_in_db(stack.database_url, LEARNER_F, QUESTION) == [(1, False), (2, True)]


def record(name: str, **values: Any) -> None:
    """Keep what the runs measured in test-artifacts/deploy-timings.json (and print it for -s)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    data[name] = values
    TIMINGS.write_text(json.dumps(data, indent=2))
    print(f"{name}: {json.dumps(values)}")

"""End to end in a real Chromium: a participant joins, answers, comes back on another browser,
and the trainer sees them on the roster; every page is checked with axe-core on the way."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from deploy.stack import run_progress
from progress.cohorts import create_cohort
from progress.models import NAME_MAX, Person, Statement
from tests.browser.conftest import (
    README_SHOTS,
    AppServer,
    axe_check,
    describe_violations,
    screenshot,
    wait_idle,
)

pytestmark = pytest.mark.browser

LEARNER = "Nguyen Thi Lan"
MEMBER_STATE = "Viet Nam"
SECTORAL_BODY = "ACDM — ASEAN Committee on Disaster Management"
LESSON_LINK = re.compile(r"2\. The results chain")
CHECK = "Knowledge check 2"  # m1-chain-2 in 02-results-chain.md: single choice, 'Output' is right
WRONG, RIGHT = "Activity", "Output"
RECOVERY_CODE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$")


class Findings:
    """axe-core results of every distinct page, reported together so one run shows everything."""

    def __init__(self) -> None:
        self.pages: set[str] = set()
        self.violations: list[dict[str, Any]] = []
        self.requests: list[str] = []

    def watch(self, page: Page) -> Page:
        """Note every address the page asks for: the app must work offline, loopback only."""
        page.on("request", lambda request: self.requests.append(request.url))
        return page

    def offsite(self) -> list[str]:
        return sorted({u for u in self.requests if urlsplit(u).hostname not in ("127.0.0.1", "localhost")})

    def axe(self, page: Page, name: str) -> None:
        if name not in self.pages:
            self.pages.add(name)
            self.violations += axe_check(page, name)


def no_exception(page: Page) -> None:
    """Streamlit shows an uncaught exception in an stException box; there must be none."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def choose(page: Page, combobox: str | re.Pattern[str], text: str) -> None:
    """Choose the option of a Streamlit selectbox whose label holds `text`, from the keyboard."""
    # Not with a click on the option: the list is virtualised and may still be moving it into place
    # when the click lands, which then hits the list and chooses nothing. And only once the page is
    # still (an expander opening, say): the list closes when the page under it scrolls.
    wait_idle(page)
    box = page.get_by_role("combobox", name=combobox)
    box.click()  # opens the list
    box.press_sequentially(text)
    expect(page.get_by_role("option").first).to_contain_text(text)
    box.press("Enter")
    expect(box).to_have_value(re.compile(re.escape(text)))


def fill_join_form(page: Page, room: str, name: str) -> None:
    """Fill the 'Join a workshop' tab (the default one) with Viet Nam and ACDM."""
    page.get_by_role("textbox", name="Room code").fill(room)
    page.get_by_role("tabpanel", name="Join a workshop").get_by_role("textbox", name="Your name").fill(name)
    choose(page, "Member State", MEMBER_STATE)
    choose(page, "Sectoral body", SECTORAL_BODY)


def alerts(page: Page) -> Locator:
    """Streamlit's st.error / st.warning / st.info boxes."""
    return page.get_by_test_id("stAlert")


def check_box(page: Page, title: str) -> Locator:
    """The bordered container of one knowledge check: the innermost block holding its title."""
    return page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(title, exact=True)).last


def answer(box: Locator, choice: str, verdict: str) -> None:
    """Choose a radio option in a knowledge check, submit it, and wait for the verdict."""
    box.get_by_text(choice, exact=True).click()
    expect(box.get_by_role("radio", name=choice)).to_be_checked()
    box.get_by_role("button", name="Check my answer").click()
    expect(box.get_by_text(verdict, exact=True)).to_be_visible()


def roster_rows(page: Page) -> list[dict[str, str]]:
    """The roster as text, read from the accessible table glide-data-grid keeps inside its canvas.

    The grid renders only the columns in view, so the page is made wide enough for all of them.
    """
    viewport = page.viewport_size
    page.set_viewport_size({"width": 3000, "height": viewport["height"] if viewport else 900})
    try:
        grid = (
            page.get_by_role("tabpanel", name="Modules")
            .get_by_test_id("stDataFrame")
            .locator('table[role="grid"]')
        )
        expect(grid.locator('td[role="gridcell"]').first).to_be_attached()
        wait_idle(page)
        headers = [h.strip() for h in grid.locator('th[role="columnheader"]').all_text_contents()]
        rows = []
        for row in grid.locator('tbody tr[role="row"]').all():
            cells = [c.strip() for c in row.locator('td[role="gridcell"]').all_text_contents()]
            rows.append(dict(zip(headers, cells, strict=True)))
        return rows
    finally:
        if viewport:
            page.set_viewport_size(viewport)


def answers_in_db(database_url: str, name: str, question: str) -> list[tuple[int | None, bool | None]]:
    """(attempt, success) of every recorded answer of the named learner to one question."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as db:
            person = db.scalars(select(Person).where(Person.display_name == name)).one()
            query = (
                select(Statement.attempt, Statement.success)
                .where(Statement.actor_id == person.id)
                .where(Statement.verb == "answered", Statement.object_id == question)
                .order_by(Statement.attempt)
            )
            return [(row.attempt, row.success) for row in db.execute(query)]
    finally:
        engine.dispose()


def cohort_of_another_trainer(app_server: AppServer, name: str) -> str:
    """The room code of a new cohort of a second trainer: its learners stay off the demo roster."""
    password = "second-trainer-pw-42"  # a throwaway account in a temp database
    env = {**os.environ, "DATABASE_URL": app_server.database_url, "ACADEMY_TRAINER_PASSWORD": password}
    run_progress(["create-trainer", "--username", "trainer2", "--name", "Trainer Two"], env=env)
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as db, db.begin():
            other = db.scalars(select(Person).where(Person.username == "trainer2")).one()
            return create_cohort(db, other, name).room_code
    finally:
        engine.dispose()


def test_participant_joins_answers_resumes_and_trainer_sees_them(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    """The whole learner journey, across three separate browsers, with axe on every page."""
    found = Findings()
    base = app_server.base_url

    # ---- browser 1: join the demo workshop -------------------------------------------------
    page = found.watch(new_page())
    page.goto(base)
    expect(page.get_by_role("heading", name="ASCC M&E Academy")).to_be_visible()
    found.axe(page, "welcome")
    screenshot(page, "01-welcome")
    fill_join_form(page, app_server.room_code, LEARNER)
    page.get_by_role("button", name="Join the workshop").click()

    expect(page.get_by_role("heading", name="Your personal recovery code")).to_be_visible()
    expect(page.get_by_text(f"Welcome, {LEARNER}.", exact=True)).to_be_visible()
    code = page.get_by_test_id("stCode").locator("code").inner_text().strip()
    assert RECOVERY_CODE.match(code), f"recovery code looks wrong: {code!r}"
    assert "s=" in page.url, "the sign-in token should be kept in the address"
    found.axe(page, "modules")
    screenshot(page, "02-modules-recovery-code")

    # ---- Module 1, then lesson 2 -----------------------------------------------------------
    page.get_by_role("link", name="Start").and_(
        page.locator('[href^="module?module=m1&"]')
    ).click()  # Module 1
    expect(page.get_by_role("heading", name=re.compile(r"^Module 1:"), level=1)).to_be_visible()
    found.axe(page, "module")
    screenshot(page, "03-module")
    page.get_by_role("link", name=LESSON_LINK).click()
    expect(page.get_by_role("heading", name=re.compile("The results chain"), level=1)).to_be_visible()
    assert "lesson=m1%2Fresults-chain" in page.url or "lesson=m1/results-chain" in page.url, page.url

    box = check_box(page, CHECK)
    answer(box, WRONG, "Not quite.")
    expect(box.get_by_text("Attempts left: 1 of 2")).to_be_visible()
    no_exception(page)
    found.axe(page, "lesson")
    screenshot(page, "04-lesson-wrong-answer")

    # ---- the server dies (SIGKILL) between two answers and starts again -------------------
    app_server.server.kill()
    app_server.server.start()
    page.reload()
    box = check_box(page, CHECK)
    expect(box.get_by_text("Not quite.", exact=True)).to_be_visible()  # the first answer survived
    expect(box.get_by_text("Attempts left: 1 of 2")).to_be_visible()
    expect(box.get_by_role("radio", name=WRONG)).to_be_checked()  # and is back in the form
    screenshot(page, "05-lesson-after-server-kill")
    answer(box, RIGHT, "Correct.")
    expect(box.get_by_text(f"Your answer: {RIGHT}", exact=True)).to_be_visible()
    expect(box.get_by_role("radio")).to_have_count(0)  # finished: no more answering
    no_exception(page)
    screenshot(page, "06-lesson-right-answer")

    # ---- a reload keeps the learner signed in and the answer recorded -----------------------
    page.reload()
    box = check_box(page, CHECK)
    expect(box.get_by_text("Correct.", exact=True)).to_be_visible()
    expect(box.get_by_text(f"Your answer: {RIGHT}", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text(LEARNER, exact=True)).to_be_visible()
    screenshot(page, "07-lesson-after-reload")
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    box.evaluate("el => el.scrollIntoView({block: 'center'})")
    wait_idle(page)
    page.screenshot(path=str(README_SHOTS / "lesson.png"))

    # ---- a participant who types a trainer page's address gets no trainer page ------------
    token = re.search(r"[?&]s=([^&]+)", page.url)[1]
    page.goto(f"{base}/cohorts?s={token}")
    expect(page.get_by_text("Page not found")).to_be_visible()  # Streamlit's refusal of an unlisted page
    expect(page.get_by_text(f"Welcome, {LEARNER}.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Cohorts and roster")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    screenshot(page, "08-participant-refused-trainer-page")
    page.goto(f"{base}/lesson?lesson=m1/results-chain&s={token}")
    expect(page.get_by_role("heading", name=re.compile("The results chain"), level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("Basic M&E methods")).first.click()
    lesson_link = page.get_by_role("link", name=LESSON_LINK)
    expect(lesson_link).to_contain_text("started · 1/3 checks answered")
    screenshot(page, "09-module-after-reload")

    page.get_by_role("link", name="My progress").click()
    expect(page.get_by_role("heading", name="My progress", level=1)).to_be_visible()
    checks = page.get_by_test_id("stMetric").filter(has_text=re.compile("checks correct", re.I))
    expect(checks.get_by_test_id("stMetricValue").filter(has_text=re.compile(r"^1 ?/ ?\d+$"))).to_have_count(
        1
    )
    expect(page.get_by_role("link", name=re.compile("Continue where you left off"))).to_be_visible()
    found.axe(page, "my-progress")
    screenshot(page, "09-my-progress")

    # ---- browser 2: resume with the recovery code ------------------------------------------
    page = found.watch(new_page())
    page.goto(base)
    page.get_by_role("tab", name="Resume with my code").click()
    page.get_by_role("textbox", name="Recovery code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_text(f"Welcome, {LEARNER}.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Your personal recovery code")).to_have_count(0)
    screenshot(page, "09-resumed-modules")
    page.get_by_role("link", name="Continue", exact=True).click()
    lesson_link = page.get_by_role("link", name=LESSON_LINK)
    expect(lesson_link).to_contain_text("started · 1/3 checks answered")
    lesson_link.click()
    box = check_box(page, CHECK)
    expect(box.get_by_text("Correct.", exact=True)).to_be_visible()
    expect(box.get_by_text(f"Your answer: {RIGHT}", exact=True)).to_be_visible()
    screenshot(page, "10-resumed-lesson")
    assert answers_in_db(app_server.database_url, LEARNER, "m1-chain-2") == [(1, False), (2, True)]

    # ---- browser 3: the trainer's roster ---------------------------------------------------
    page = found.watch(new_page())
    page.goto(f"{base}/trainer-sign-in")
    expect(page.get_by_role("heading", name="Trainer sign-in", level=1)).to_be_visible()
    found.axe(page, "trainer-sign-in")
    screenshot(page, "11-trainer-sign-in")
    page.get_by_role("textbox", name="Username").fill(app_server.trainer_username)
    page.get_by_role("textbox", name="Password").fill(app_server.trainer_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Cohorts and roster", level=1)).to_be_visible()
    # the only learner in the demo cohort: the bad-input test below joins a cohort of its own
    metric = page.get_by_test_id("stMetric").filter(has_text="Participants")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("1")
    expect(page.get_by_test_id("stMetric").filter(has_text="Room code")).to_contain_text(app_server.room_code)
    rows = {row["Name"]: row for row in roster_rows(page)}
    assert LEARNER in rows, f"{LEARNER} is not on the roster: {json.dumps(rows, indent=1)}"
    mine = rows[LEARNER]
    assert (mine["Member State"], mine["Sectoral body"]) == ("VNM", "ACDM"), mine
    correct, _total = mine["M1 checks"].split("/")
    assert int(correct) == 1, mine
    assert mine["Last activity (UTC)"], mine
    found.axe(page, "cohorts")
    screenshot(page, "12-cohorts-roster")
    page.get_by_role("tabpanel", name="Modules").get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    wait_idle(page)
    page.screenshot(path=str(README_SHOTS / "roster.png"))

    # ---- the trainer creates a cohort in a dialog and lands on it --------------------------
    page.get_by_role("button", name="Create a cohort").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Cohort name").fill("Ha Noi 2019, day 2")
    dialog.get_by_role("textbox", name="Room code (optional)").fill("HANOI2")
    wait_idle(page)
    found.axe(page, "cohorts-create")
    screenshot(page, "13-create-cohort-dialog")
    dialog.get_by_role("button", name="Create the cohort").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Room code: HANOI2")
    expect(page.get_by_test_id("stMetric").filter(has_text="Room code")).to_contain_text("HANOI2")
    wait_idle(page)
    screenshot(page, "14-cohort-created")

    assert found.offsite() == [], "requests left this machine"
    assert found.pages == {
        "welcome",
        "modules",
        "module",
        "lesson",
        "my-progress",
        "trainer-sign-in",
        "cohorts",
        "cohorts-create",
    }
    if found.violations:
        pytest.fail(
            "serious or critical axe violations:\n" + describe_violations(found.violations), pytrace=False
        )


def test_join_form_rejects_bad_input_and_shows_names_literally(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    """Empty name, a 10,000-character name, a wrong room code, and a name full of markup."""
    room_code = cohort_of_another_trainer(app_server, "Join form checks")
    page = new_page()
    page.goto(app_server.base_url)
    fill_join_form(page, room_code, "")
    page.get_by_role("button", name="Join the workshop").click()
    expect(alerts(page).filter(has_text="empty")).to_be_visible()
    no_exception(page)
    screenshot(page, "20-join-empty-name")

    name_box = page.get_by_role("tabpanel", name="Join a workshop").get_by_role("textbox", name="Your name")
    name_box.fill("x" * 10_000)  # a paste of a very long name
    page.get_by_role("button", name="Join the workshop").click()
    expect(alerts(page).filter(has_text="10,000 characters long; the limit is 80")).to_be_visible()
    no_exception(page)
    name_box.fill("x" * NAME_MAX)
    page.get_by_role("textbox", name="Room code").fill("NOPE99")
    page.get_by_role("button", name="Join the workshop").click()
    expect(alerts(page).filter(has_text="No workshop has the room code")).to_be_visible()
    no_exception(page)
    screenshot(page, "21-join-wrong-room-code")

    page.get_by_role("textbox", name="Room code").fill(room_code)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_text(f"Welcome, {'x' * NAME_MAX}.", exact=True)).to_be_visible()
    no_exception(page)

    page = new_page()
    page.goto(app_server.base_url)
    markup = "<script>alert(1)</script> **bold**"
    fill_join_form(page, room_code, markup)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_text(f"Welcome, {markup}.", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text(markup, exact=True)).to_be_visible()
    assert page.locator("script:text('alert(1)')").count() == 0
    assert page.locator("main strong", has_text="bold").count() == 0
    no_exception(page)
    screenshot(page, "22-join-markup-name")

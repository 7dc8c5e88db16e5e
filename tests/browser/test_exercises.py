"""The design exercises in Chromium: a civil-service official builds, submits and exports a logframe.

Edits go through the builder's forms (one row, one indicator), which take the same changes as its
spreadsheet-like tables; each edit is followed by waiting for the matrix below to show its effect.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import AppServer, describe_violations, screenshot, wait_idle
from tests.browser.test_learner_flow import Findings, choose, no_exception

NEW_INDICATOR = "Number of participating agencies with a working citizen feedback channel"
ASSUMPTION = "Member States nominate agencies to take part"
MOV = "Register of feedback channels kept by each national civil service body"


def join_as(page: Page, app_server: AppServer, name: str, member_state: str, body: str) -> None:
    """Join the demo workshop as a participant of `body` (a sectoral body code) and wait for the menu."""
    page.goto(app_server.base_url)
    page.get_by_role("textbox", name="Room code").fill(app_server.room_code)
    page.get_by_role("tabpanel", name="Join a workshop").get_by_role("textbox", name="Your name").fill(name)
    choose(page, "Member State", member_state)
    choose(page, "Sectoral body", body)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice")).to_be_visible()


def join_as_civil_servant(page: Page, app_server: AppServer) -> None:
    join_as(page, app_server, "Siti Aminah", "Malaysia", "ACCSM")


def matrix_row(page: Page, title: str) -> Locator:
    """One row of the feedback matrix: the bordered box headed e.g. "Output 3"."""
    return page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(title, exact=True)).last


def test_civil_servant_builds_submits_and_exports_a_logframe(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    found = Findings()
    page = found.watch(new_page())
    join_as_civil_servant(page, app_server)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice").click()
    expect(page.get_by_role("heading", name="Practice", level=1)).to_be_visible()
    expect(page.get_by_text("Not started")).to_have_count(7)
    found.axe(page, "practice")
    screenshot(page, "40-practice")

    page.get_by_role("link", name="Open: Logframe builder").click()
    template = page.get_by_role("combobox", name="Start from the template of a sector")
    expect(template).to_have_value(re.compile(r"\(ACCSM\)$"))  # the learner's own sector is offered first
    page.get_by_role("button", name="Start from this template").click()
    expect(page.get_by_text("Quality score", exact=True)).to_be_visible()
    no_exception(page)
    output_3 = matrix_row(page, "Output 3 → O")
    expect(output_3.get_by_text("Result with no indicator.")).to_be_visible()

    # An assumption for activity 1.1, in the row form (the tables, when shown, take the same edits).
    wait_idle(page)
    page.get_by_text("Add or edit one row in a form").click()
    choose(page, "Row to add or edit", "1.1 · Activity")
    wait_idle(page)  # the form is drawn again for the chosen row: type into the new one
    page.get_by_role("textbox", name="Assumptions (one per line)").fill(ASSUMPTION)
    page.get_by_role("button", name="Save the row").click()
    expect(matrix_row(page, "Activities → 1").get_by_text(ASSUMPTION)).to_be_visible()

    # The missing indicator of output 3, with its plan, in the form beside the table.
    wait_idle(page)  # the save reruns the page twice: choose once it has settled
    page.get_by_text("Add or edit one indicator in a form").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save the indicator"))
    choose(page, "The result it measures", "3 · Output")  # inside the form: no rerun
    form.get_by_role("textbox", name="Indicator").fill(NEW_INDICATOR)
    form.get_by_role("textbox", name="Means of verification").fill(MOV)
    form.get_by_role("textbox", name="Frequency").fill("Annual")
    responsible = form.get_by_role("textbox", name="Responsible body")
    responsible.fill("National civil service bodies")
    responsible.press("Enter")  # Enter in a form's text field saves the form
    expect(output_3.get_by_text(NEW_INDICATOR)).to_be_visible()
    expect(output_3.get_by_text("Result with no indicator.")).to_have_count(0)
    expect(output_3.get_by_text(MOV)).to_be_visible()
    no_exception(page)
    found.axe(page, "logframe")
    screenshot(page, "41-logframe-builder")

    # Submit, then take the logframe home as a spreadsheet and as text.
    page.get_by_role("button", name="Submit my logframe").click()
    expect(page.get_by_text(re.compile(r"Submitted with a quality score of \d+/100"))).to_be_visible()
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download as a spreadsheet (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    sheet = book["Logframe"]
    assert str(sheet["A1"].value).startswith("Citizen-centric")
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    output = next(r for r in cells if r[0] == "Output" and r[1] == "3")
    assert NEW_INDICATOR in output[3] and MOV in output[4]
    activity = next(r for r in cells if r[1] == "1.1")
    assert ASSUMPTION in activity[5]
    with page.expect_download() as md_download:
        page.get_by_role("button", name="Download as text (Markdown)").click()
    text = Path(md_download.value.path()).read_text(encoding="utf-8")
    assert "### Output 3" in text and NEW_INDICATOR in text

    # A refresh (or another device) brings the draft back, not the start screen.
    page.reload()
    expect(page.get_by_text("Quality score", exact=True)).to_be_visible()
    expect(matrix_row(page, "Output 3 → O").get_by_text(NEW_INDICATOR)).to_be_visible()
    expect(page.get_by_role("button", name="Start from this template")).to_have_count(0)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice").click()
    expect(page.get_by_text(re.compile(r"Done · score \d+%"))).to_be_visible()
    assert not found.offsite(), found.offsite()
    assert not found.violations, describe_violations(found.violations)


def test_the_other_exercises_run_and_pass_the_accessibility_scan(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    found = Findings()
    page = found.watch(new_page())
    join_as_civil_servant(page, app_server)
    nav = page.get_by_test_id("stSidebarNav")

    nav.get_by_role("link", name="Practice").click()
    page.get_by_role("link", name="Open: Results chain sorter").click()
    groups = page.get_by_role("tabpanel", name="Sort statements").get_by_role("radiogroup")
    expect(groups).to_have_count(10)
    for n in range(10):
        groups.nth(n).get_by_text("Output", exact=True).click()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("This round")).to_be_visible()
    no_exception(page)
    found.axe(page, "results-chain")
    screenshot(page, "42-results-chain")

    nav.get_by_role("link", name="Practice").click()
    page.get_by_role("link", name="Open: Indicator clinic").click()
    page.get_by_role("button", name="Check my indicator").click()
    expect(page.get_by_role("heading", name="Feedback")).to_be_visible()
    no_exception(page)
    found.axe(page, "indicator-clinic")
    screenshot(page, "43-indicator-clinic")

    nav.get_by_role("link", name="Practice").click()
    page.get_by_role("link", name="Open: Assumption screening").click()
    expect(page.get_by_text("Who controls it?").first).to_be_visible()
    no_exception(page)
    found.axe(page, "assumptions")
    screenshot(page, "44-assumption-screening")
    assert not found.violations, describe_violations(found.violations)

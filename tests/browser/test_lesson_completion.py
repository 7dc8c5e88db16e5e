"""In Chromium: each knowledge check is a fragment, and the lesson's own status still follows it.

An answer redraws only its check; the answer that completes the lesson redraws the whole page, so
the progress line and the footer say so at once, without a reload.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer, screenshot
from tests.browser.test_learner_flow import check_box, fill_join_form, no_exception

pytestmark = pytest.mark.browser

LESSON = "1. Monitoring and evaluation: two different jobs"
MULTIPLE_RIGHT = (
    "Can the fall in haze-affected days be linked to the programme, or was it caused by other factors?",
    "Will the fire-prevention practices continue after the funding ends?",
    "Were the programme's objectives the right ones for the needs of the affected Member States?",
)


def test_the_answer_that_completes_a_lesson_updates_the_whole_page(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    page = new_page()
    page.goto(app_server.base_url)
    fill_join_form(page, app_server.room_code, "Chan Sokha")
    page.get_by_role("button", name="Join the workshop").click()
    page.get_by_role("link", name="Start").and_(
        page.locator('[href^="module?module=m1&"]')
    ).click()  # Module 1
    page.get_by_role("link", name=re.compile(re.escape(LESSON))).click()
    footer = page.get_by_text("Answer every knowledge check to complete this lesson.")
    expect(footer).to_be_visible()
    progress = page.get_by_text(re.compile(r"module 0/7 lessons done"))
    expect(progress).to_be_visible()

    box = check_box(page, "Knowledge check 1")  # text answer
    box.get_by_role("textbox", name="Your answer").fill("Monitoring")
    box.get_by_role("button", name="Check my answer").click()
    expect(box.get_by_text("Correct.", exact=True)).to_be_visible()
    expect(footer).to_be_visible()  # two checks still open: the page around the check is unchanged

    box = check_box(page, "Knowledge check 2")  # single choice, answered wrong first: a hint appears
    expect(box.get_by_role("button", name=re.compile("Show a hint"))).to_have_count(0)
    box.get_by_text("Routine monitoring", exact=True).click()
    box.get_by_role("button", name="Check my answer").click()
    expect(box.get_by_text("Not quite.", exact=True)).to_be_visible()
    box.get_by_role("button", name=re.compile("Show a hint")).click()
    expect(box.get_by_text(re.compile(r"^Hint 1:"))).to_be_visible()
    box.get_by_text("A mid-term evaluation", exact=True).click()
    box.get_by_role("button", name="Check my answer").click()
    expect(box.get_by_text("Correct.", exact=True)).to_be_visible()
    expect(progress).to_be_visible()

    box = check_box(page, "Knowledge check 3")  # select all that apply: the last open check
    for text in MULTIPLE_RIGHT:
        box.get_by_text(text, exact=True).click()
    box.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("Lesson complete: 3 of 3 knowledge checks correct.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"module 1/7 lessons done"))).to_be_visible()
    expect(footer).to_have_count(0)
    no_exception(page)
    screenshot(page, "lesson-complete")

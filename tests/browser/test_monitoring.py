"""The monitoring exercises in Chromium: an environment official tracks forest cover for Cambodia and
reads from the app's own output why it is off track; the other three monitoring pages run and pass axe."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer, describe_violations, screenshot, wait_idle
from tests.browser.test_exercises import join_as
from tests.browser.test_learner_flow import Findings, choose, no_exception

READING = "Forest cover in Cambodia keeps falling while the plan asks it to rise: the change is negative."


def test_environment_official_tracks_forest_cover_and_sees_why_cambodia_is_off_track(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    found = Findings()
    page = found.watch(new_page())
    join_as(page, app_server, "Sok Dara", "Cambodia", "ASOEN")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice").click()
    expect(page.get_by_text("Not started")).to_have_count(7)
    page.get_by_role("link", name="Open: Indicator tracker").click()
    expect(page.get_by_role("heading", name="Indicator tracker", level=1)).to_be_visible()
    wait_idle(page)
    choose(page, "Indicator", "Forest area (ASOEN)")
    wait_idle(page)
    choose(page, "Member State", "Cambodia")
    wait_idle(page)
    no_exception(page)

    # The app's own output says why: the status is red because the change since the baseline is negative.
    expect(page.get_by_text(re.compile(r"^Status in \d{4}: red$"))).to_be_visible()
    change = page.get_by_text(re.compile(r"^Change achieved: [\d.]+ − [\d.]+ = -[\d.]+\.$"))
    expect(change).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Change planned: [\d.]+ − [\d.]+ = [\d.]+\.$"))).to_be_visible()
    expect(page.get_by_text(re.compile("moved away from the target since the baseline"))).to_be_visible()
    percent = page.get_by_test_id("stMetric").filter(has_text="% achievement").get_by_test_id("stMetricValue")
    expect(percent).to_have_text(re.compile(r"^-\d+\.\d %$"))
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart.get_by_text(re.compile(r"^Source: FAO, Global Forest Resources Assessment"))).to_be_visible()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="Licence:")).to_have_count(1)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(1)

    page.get_by_role("textbox", name=re.compile("What does this show")).fill(READING)
    page.get_by_role("textbox", name=re.compile("What does this show")).press("Control+Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save this tracking plan to my progress").click()
    expect(page.get_by_text(re.compile(r"^Saved: your plan for Forest area, Cambodia"))).to_be_visible()
    found.axe(page, "tracker")
    screenshot(page, "50-tracker-forest-cambodia")

    page.reload()  # the plan comes back as the learner left it
    expect(page.get_by_role("combobox", name="Member State")).to_have_value("Cambodia")
    expect(page.get_by_role("textbox", name=re.compile("What does this show"))).to_have_value(READING)

    for link, heading, shot in (
        (
            "Open: Progress and traffic lights: your turn",
            "Progress and traffic lights: your turn",
            "51-cases",
        ),
        ("Open: Work-plan alignment", "Work-plan alignment", "52-alignment"),
        ("Open: Mid-term review simulation", "Mid-term review simulation", "54-midterm-review"),
    ):
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice").click()
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        wait_idle(page)
        no_exception(page)
        found.axe(page, shot)
        screenshot(page, shot)
        if shot == "52-alignment":  # one item mapped, the rest left: the rules name what is missing
            for field, option in (("characteristic", "C · Sustainable"), ("kra", "C.1 · ")):
                box = page.locator(f".st-key-al-ASOEN-ASOEN-01-{field}").get_by_role("combobox")
                box.click()
                box.press_sequentially(option)
                box.press("Enter")
                expect(box).to_have_value(re.compile("^" + re.escape(option)))
                wait_idle(page)
            page.get_by_role("button", name="Check my mapping").click()
            expect(page.get_by_text("Your cohort's coverage of the Blueprint")).to_be_visible()
            expect(page.get_by_text(re.compile("AL-01")).first).to_be_visible()
            expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(1)
            found.axe(page, "53-alignment-checked")
            screenshot(page, "53-alignment-checked")
    assert not found.offsite(), found.offsite()
    assert not found.violations, describe_violations(found.violations)

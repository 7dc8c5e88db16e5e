"""The course around the lessons in a real Chromium: glossary search, a chart, the pre-test, the
sectoral-body cards, and the facilitator guide that only trainers see; axe-core on each page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from modules.catalog import curriculum
from modules.lessons import Chart, Embed
from tests.browser.conftest import AppServer, describe_violations, screenshot, wait_idle
from tests.browser.test_learner_flow import Findings, choose, fill_join_form, no_exception

pytestmark = pytest.mark.browser
CUR = curriculum()


def join_workshop(page: Page, app_server: AppServer, name: str) -> None:
    """Open the app and join the demo cohort with Viet Nam and ACDM."""
    page.goto(app_server.base_url)
    fill_join_form(page, app_server.room_code, name)
    page.get_by_role("button", name="Join the workshop").click()


def lesson_with(block: type) -> str:
    return next(
        ls.id for m in CUR.modules for ls in m.lessons if any(isinstance(b, block) for b in ls.parsed.blocks)
    )


def go(page: Page, base: str, path: str) -> None:
    """Open an address inside the app, keeping the sign-in token of the current one."""
    token = re.search(r"[?&]s=([^&]+)", page.url)
    assert token, f"no sign-in token in {page.url}"
    page.goto(f"{base}/{path}{'&' if '?' in path else '?'}s={token[1]}")
    wait_idle(page)


def test_participant_uses_the_glossary_charts_cards_and_tests_but_not_the_guide(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    found = Findings()
    base = app_server.base_url
    page = found.watch(new_page())
    join_workshop(page, app_server, "Siti Rahma")
    expect(page.get_by_role("link", name="Take the pre-test")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Glossary")).to_be_visible()
    expect(nav.get_by_role("link", name="Facilitator guide")).to_have_count(0)

    nav.get_by_role("link", name="Glossary").click()
    expect(page.get_by_role("heading", name="Glossary", level=1)).to_be_visible()
    search = page.get_by_role("textbox", name="Search the glossary")
    search.fill("logical framework")
    search.press("Enter")
    expect(page.get_by_role("heading", name="Logframe", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ terms match$"))).to_be_visible()
    no_exception(page)
    found.axe(page, "glossary")
    screenshot(page, "30-glossary-search")

    go(page, base, f"lesson?lesson={lesson_with(Chart)}")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(page.get_by_text("Illustrative figures, not real data.").first).to_be_visible()
    terms = page.get_by_text(re.compile(r"^Key terms in this lesson \(\d+\)$"))
    terms.click()
    expect(page.get_by_role("link", name="Open the full glossary")).to_be_visible()
    no_exception(page)
    found.axe(page, "lesson-with-chart")
    screenshot(page, "31-lesson-chart")

    go(page, base, f"lesson?lesson={lesson_with(Embed)}")
    expect(page.get_by_text("15 of 15 sectoral bodies")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^C\. Sustainable")).click()
    expect(page.get_by_text(re.compile(r"^\d of 15 sectoral bodies$"))).to_be_visible()
    expect(page.get_by_text("ASOEN", exact=True).first).to_be_visible()
    no_exception(page)
    found.axe(page, "sectoral-body-cards")
    screenshot(page, "32-sectoral-body-cards")

    go(page, base, "lesson?test=pre")
    expect(page.get_by_role("heading", name="Pre-test", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Submit the test")).to_be_visible()
    found.axe(page, "pre-test")
    screenshot(page, "33-pre-test")

    go(page, base, "facilitator-guide")  # not in this participant's app: Streamlit shows its default page
    expect(page.get_by_role("heading", name="Facilitator guide")).to_have_count(0)
    assert not found.offsite(), found.offsite()
    assert not found.violations, describe_violations(found.violations)


def test_trainer_reads_the_agenda_and_the_notes(app_server: AppServer, new_page: Callable[[], Page]) -> None:
    found = Findings()
    page = found.watch(new_page())
    page.goto(f"{app_server.base_url}/trainer-sign-in")
    page.get_by_role("textbox", name="Username").fill(app_server.trainer_username)
    page.get_by_role("textbox", name="Password").fill(app_server.trainer_password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Facilitator guide").click()
    expect(page.get_by_role("heading", name="Facilitator guide", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Day 1: "))).to_be_visible()
    expect(page.get_by_role("columnheader", name="Activities").first).to_be_visible()
    found.axe(page, "facilitator-agenda")
    screenshot(page, "34-facilitator-agenda")
    page.get_by_role("tab", name="Notes per lesson").click()
    first = CUR.modules[0].lessons[0]
    page.locator("summary").filter(has_text=first.title).first.click()
    expect(page.get_by_text("Common misconceptions").first).to_be_visible()
    no_exception(page)
    found.axe(page, "facilitator-notes")
    screenshot(page, "35-facilitator-notes")
    assert not found.violations, describe_violations(found.violations)


def test_participant_explores_the_data_and_uploads_their_own(
    app_server: AppServer, new_page: Callable[[], Page], tmp_path
) -> None:
    found = Findings()
    page = found.watch(new_page())
    join_workshop(page, app_server, "Somchai P.")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data explorer").click()
    expect(page.get_by_role("heading", name="Data explorer", level=1)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Licence:")).first).to_be_visible()
    expect(page.get_by_role("button", name="Download this selection (CSV)")).to_be_visible()
    no_exception(page)
    found.axe(page, "data-explorer")
    screenshot(page, "36-data-explorer")

    page.get_by_role("tab", name="Your own data").click()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "iso3,year,indicator,value\nVNM,2019,trained_officials,12\nXYZ,2020,trained_officials,many\n"
    )
    page.locator('input[type="file"]').set_input_files(str(bad))
    expect(
        page.get_by_text("bad.csv, row 3, column 'iso3': not the ISO3 code of an ASEAN Member State")
    ).to_be_visible()
    expect(page.get_by_text("bad.csv, row 3, column 'value': not a number")).to_be_visible()
    screenshot(page, "37-upload-errors")
    good = tmp_path / "good.csv"
    good.write_text(
        "iso3,year,indicator,value\nVNM,2019,trained_officials,12\nVNM,2020,trained_officials,30\n"
    )
    page.locator('input[type="file"]').set_input_files(str(good))
    expect(page.get_by_text("Ready to explore: 2 rows; indicators: 1; countries: 1.")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").last).to_be_visible()
    page.get_by_role("button", name="Save to my workspace").click()
    expect(page.get_by_role("heading", name="Saved in your workspace")).to_be_visible()
    expect(page.get_by_role("strong").filter(has_text="good.csv")).to_be_visible()
    no_exception(page)
    found.axe(page, "data-upload")
    screenshot(page, "38-upload-explored")

    page.reload()  # a new session: the upload is gone, the saved file is not
    page.get_by_role("tab", name="Your own data").click()
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_text("Showing good.csv from your workspace.")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").last).to_be_visible()
    no_exception(page)
    assert not found.offsite(), found.offsite()
    assert not found.violations, describe_violations(found.violations)


def test_a_labour_official_finds_female_labour_force_participation_for_two_countries_since_2010(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    """The issue's story, as a new user would click it: sector, indicator, breakdown, countries, years."""
    page = new_page()
    join_workshop(page, app_server, "Aung Min")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data explorer").click()
    expect(page.get_by_role("heading", name="Data explorer", level=1)).to_be_visible()

    # Each choice typed, as a keyboard user does: a click may hit the virtualised list while it moves.
    for label, option in (
        ("Sectoral body", "SLOM — Senior Labour Officials Meeting"),
        (
            re.compile(r"^Indicator \(\d+\)"),
            "Labour force participation rate (15+) (% of population aged 15+)",
        ),
        ("Breakdown", "female"),
    ):
        choose(page, label, option)
        wait_idle(page)
    countries = page.get_by_role("combobox", name="Countries")
    tags = page.get_by_test_id("stMultiSelect").filter(has=countries).locator("[data-tag]")
    page.get_by_role("button", name="Clear all").first.click()
    expect(tags).to_have_count(0)
    wait_idle(page)
    countries.click()
    for chosen in (["Viet Nam"], ["Viet Nam", "Myanmar"]):
        countries.press_sequentially(chosen[-1])
        expect(page.get_by_role("option").first).to_contain_text(chosen[-1])
        countries.press("Enter")
        expect(tags).to_have_text(chosen)
        wait_idle(page)
    countries.press("Escape")
    expect(page.get_by_role("listbox")).to_have_count(0)
    start = page.get_by_role("slider", name="Years — start")
    start.focus()
    for _ in range(2010 - int(start.get_attribute("min") or 2010)):
        page.keyboard.press("ArrowRight")
    expect(start).to_have_value("2010")
    wait_idle(page)
    expect(page.get_by_text("Labour force participation rate (15+) (female)").first).to_be_visible()
    headers = page.get_by_test_id("stDataFrame").locator('th[role="columnheader"]')
    expect(headers.filter(has_text="Viet Nam")).to_have_count(1)
    expect(headers.filter(has_text="Myanmar")).to_have_count(1)
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    note = page.get_by_test_id("stCaptionContainer").filter(has_text="Licence:")
    expect(note).to_contain_text("ILO")  # the chart says where the data comes from
    expect(note).to_contain_text("Source:")
    no_exception(page)
    screenshot(page, "39-labour-force-female")

"""The live room in Chromium: a trainer creates a cohort, two participants join from other browsers,
one answers a knowledge check wrongly three times, and the trainer's live room flags it within 5 s;
at the end the trainer downloads the workshop pack and every file in it opens."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdfium2 as pdfium
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer, describe_violations, screenshot, wait_idle
from tests.browser.test_learner_flow import Findings, check_box, choose, no_exception

ROOM = "LIVE01"
LESSON = "m1%2Fmonitoring-vs-evaluation"
WRONG = ("Routine monitoring", "A baseline study", "Implementation-focused monitoring")


def join(page: Page, base: str, name: str, state: str, body: str) -> str:
    """Join the live cohort; return the sign-in token from the address."""
    page.goto(base)
    page.get_by_role("textbox", name="Room code").fill(ROOM)
    page.get_by_role("tabpanel", name="Join a workshop").get_by_role("textbox", name="Your name").fill(name)
    choose(page, "Member State", state)
    choose(page, "Sectoral body", body)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_role("heading", name="Your personal recovery code")).to_be_visible()
    return parse_qs(urlsplit(page.url).query)["s"][0]


def test_the_trainer_sees_three_wrong_answers_within_five_seconds(
    app_server: AppServer, new_page: Callable[[], Page]
) -> None:
    found = Findings()
    base = app_server.base_url
    trainer = found.watch(new_page())
    trainer.goto(f"{base}/trainer-sign-in")
    trainer.get_by_role("textbox", name="Username").fill(app_server.trainer_username)
    trainer.get_by_role("textbox", name="Password").fill(app_server.trainer_password)
    trainer.get_by_role("button", name="Sign in").click()
    trainer.get_by_role("button", name="Create a cohort").click()
    dialog = trainer.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Cohort name").fill("Live room test")
    dialog.get_by_role("textbox", name="Room code (optional)").fill(ROOM)
    dialog.get_by_role("button", name="Create the cohort").click()
    expect(trainer.get_by_test_id("stMetric").filter(has_text="Room code")).to_contain_text(ROOM)
    trainer.get_by_test_id("stSidebarNav").get_by_role("link", name="Live room").click()
    expect(trainer.get_by_role("heading", name="Live room", level=1)).to_be_visible()
    wait_idle(trainer)
    choose(trainer, "Cohort", "Live room test")
    expect(trainer.get_by_test_id("stMetric").filter(has_text="Participants")).to_contain_text("0")

    lan = found.watch(new_page())
    token = join(lan, base, "Lan", "Viet Nam", "ACDM")
    hung = found.watch(new_page())
    join(hung, base, "Hung", "Thailand", "SLOM")
    expect(trainer.get_by_test_id("stMetric").filter(has_text="Participants")).to_contain_text("2")

    lan.goto(f"{base}/lesson?lesson={LESSON}&s={token}")
    box = check_box(lan, "Knowledge check 2")
    for n, choice in enumerate(WRONG, start=1):
        box.get_by_text(choice, exact=True).click()
        box.get_by_role("button", name="Check my answer").click()
        expect(box.get_by_text("Not quite.", exact=True)).to_be_visible()
        if n < len(WRONG):
            wait_idle(lan)
    third = time.monotonic()
    flag = trainer.get_by_test_id("stAlert").filter(has_text="Lan").filter(has_text="3 wrong answers")
    expect(flag).to_be_visible(timeout=5_000)
    seen = time.monotonic() - third
    print(f"flag seen {seen:.1f} s after the third wrong answer")
    expect(flag).to_contain_text("Routine monitoring")
    expect(trainer.get_by_test_id("stMetric").filter(has_text="Need help")).to_contain_text("1")
    no_exception(trainer)
    wait_idle(trainer)
    found.axe(trainer, "live-room")
    screenshot(trainer, "60-live-room-needs-help")

    # ---- the end of the workshop: the pack downloads, and every file in it opens ---------------
    trainer.get_by_test_id("stSidebarNav").get_by_role("link", name="Reports").click()
    expect(trainer.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    wait_idle(trainer)
    choose(trainer, "Cohort", "Live room test")
    wait_idle(trainer)
    found.axe(trainer, "reports")
    screenshot(trainer, "61-reports")
    with trainer.expect_download() as download:
        trainer.get_by_role("button", name="End-of-workshop pack (ZIP)").click()
    pack = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = pack.namelist()
    assert {n.rsplit("-", 1)[-1] for n in names} >= {"roster.csv", "results.csv", "xapi.json", "summary.pdf"}
    for name in names:
        data = pack.read(name)
        if name.endswith(".pdf"):
            doc = pdfium.PdfDocument(data)
            assert len(doc) >= 1
            doc.close()
        elif name.endswith(".xlsx"):
            assert load_workbook(io.BytesIO(data)).sheetnames == ["Roster", "Results"]
        elif name.endswith(".json"):
            statements = json.loads(data)
            assert {s["actor"]["name"] for s in statements} == {"Lan"}  # Hung has done nothing yet
        elif name.endswith(".csv"):
            assert "Lan" in data.decode("utf-8-sig")
    assert not found.offsite(), found.offsite()
    assert not found.violations, describe_violations(found.violations)

"""The logframe as XLSX and Markdown: a real matrix, inert formulas, literal learner text."""

from __future__ import annotations

import io
from dataclasses import replace

from openpyxl import load_workbook

from exercises.logframe import check_logframe
from exercises.logframe_export import MATRIX_HEADERS, to_markdown, to_xlsx
from tests.exercises.test_logframe import SOUND, change


def test_the_workbook_opens_and_reads_as_a_logframe():
    book = load_workbook(io.BytesIO(to_xlsx(SOUND, check_logframe(SOUND))))
    assert book.sheetnames == ["Logframe", "Indicator plan", "Feedback"]
    sheet = book["Logframe"]
    assert sheet["A1"].value == SOUND.title
    assert [c.value for c in sheet[4]] == list(MATRIX_HEADERS)
    levels = [sheet.cell(row=r, column=1).value for r in range(5, 5 + len(SOUND.rows))]
    assert levels == ["Goal", "Outcome", "Output", "Output", "Activity", "Activity"]
    outcome = 6
    assert sheet.cell(row=outcome, column=3).value == SOUND.rows[1].narrative
    assert sheet.cell(row=outcome, column=4).value == SOUND.rows[1].indicators[0].statement
    assert sheet.cell(row=outcome, column=6).value == "• " + SOUND.rows[1].assumptions
    assert sheet.cell(row=outcome, column=3).alignment.wrap_text
    assert sheet.freeze_panes == "C5" and sheet.page_setup.orientation == "landscape"
    plan = book["Indicator plan"]
    assert plan["C1"].value == "Indicator" and plan.max_row == 1 + sum(len(r.indicators) for r in SOUND.rows)


def test_the_feedback_sheet_lists_the_findings():
    frame = change("1", indicators=())
    findings = check_logframe(frame)
    sheet = load_workbook(io.BytesIO(to_xlsx(frame, findings)))["Feedback"]
    assert [sheet.cell(row=2, column=c).value for c in (1, 2, 3)] == ["1", "IND-14", "error"]
    assert sheet.max_row == 1 + len(findings)


def test_formula_like_learner_text_stays_text_in_the_workbook():
    attack = '=HYPERLINK("http://example.invalid","click")'
    frame = replace(change("O", narrative=attack), title="+SUM(A1:A9)")
    sheet = load_workbook(io.BytesIO(to_xlsx(frame, [])))["Logframe"]
    cell = sheet.cell(row=6, column=3)
    assert cell.value == attack and cell.data_type == "s" and cell.quotePrefix
    assert sheet["A1"].value == "+SUM(A1:A9)" and sheet["A1"].data_type == "s"


def test_markdown_lists_every_row_top_down_with_learner_text_escaped():
    frame = change("O", narrative="Increased use of <b>feedback</b> by *agencies* in AMS")
    text = to_markdown(frame)
    assert text.startswith("# Citizen feedback in civil services\n")
    assert (
        text.index("### Goal G")
        < text.index("### Outcome O")
        < text.index("### Output 1")
        < text.index(r"### Activity 2\.1")
    )
    assert r"\<b\>feedback\</b\> by \*agencies\*" in text
    assert "- Number of agencies that use citizen feedback to change a service — _ASEAN Secretariat" in text

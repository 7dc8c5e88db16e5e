"""The end-of-workshop pack: one ZIP with the roster and results (CSV and XLSX), the learning records
(xAPI JSON), a printable PDF summary with its charts, and the certificates of everyone who completed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd
from fpdf import FPDF, FontFace
from sqlalchemy.orm import Session

from modules.catalog import Curriculum
from progress.analytics import breakdown, completion_matrix, module_completion, objective_scores, quiz_items
from progress.certificates import dates, issue_for_cohort, pdf_for_code, pdf_with_fonts
from progress.export import base_url, export_files, slug, zip_files
from progress.models import Cohort, utcnow

BLUE, GREY = (31, 78, 120), (190, 190, 190)


def summary_pdf(session: Session, cur: Curriculum, cohort: Cohort) -> bytes:
    """A4 portrait: the cohort, completion per module (bars), pre/post per objective (paired bars), quiz
    questions to look at again, and the breakdown by Member State."""
    matrix = completion_matrix(session, cur, cohort.id)
    per_module = module_completion(cur, matrix) if not matrix.empty else pd.DataFrame()
    objectives = objective_scores(session, cur, cohort.id)
    items = quiz_items(session, cur, cohort.id)
    by_state = breakdown(session, cur, cohort.id, "member_state")
    pdf: FPDF = pdf_with_fonts()
    pdf.set_title(f"Workshop summary: {cohort.name}")
    pdf.set_author("ASCC M&E Academy")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page(orientation="portrait")
    pdf.set_font("Noto", "B", 18)
    pdf.multi_cell(0, 9, new_x="LMARGIN", new_y="NEXT", text=f"Workshop summary: {cohort.name}")
    pdf.set_font("Noto", "", 11)
    people = matrix["name"].nunique() if not matrix.empty else 0
    where = " · ".join(x for x in (dates(cohort), cohort.venue or "", f"room code {cohort.room_code}") if x)
    pdf.multi_cell(
        0,
        6,
        new_x="LMARGIN",
        new_y="NEXT",
        text=f"{where}\n{people} participants. Figures as of {utcnow():%d %B %Y, %H:%M} UTC.",
    )
    pdf.ln(4)

    _heading(pdf, "Completion per module (share of lessons and quiz done)")
    for row in per_module.itertuples(index=False):
        _bar(pdf, f"{row.module}", row[2], f"{row[2]:.0f} %")
    _heading(pdf, "Learning gain: mean score per objective, pre-test (grey) and post-test (blue)")
    for row in objectives.itertuples(index=False):
        pre, post = row[2], row[3]
        if pre is None and post is None:
            continue
        _bar(pdf, row.objective, pre or 0, "" if pre is None else f"{pre:.0f}", colour=GREY, height=3)
        _bar(pdf, "", post or 0, "" if post is None else f"{post:.0f}", height=3)
        pdf.ln(1)
    _heading(pdf, "Quiz questions to look at again")
    flagged = items[
        (items["facility %"] < 30) | (items["facility %"] > 90) | (items["discrimination"].fillna(1) < 0.2)
    ]
    if flagged.empty:
        pdf.set_font("Noto", "", 10)
        pdf.multi_cell(
            0,
            5,
            "None: every question has a facility between 30 and 90 % and a discrimination of 0.2 or more.",
        )
    else:
        _table(
            pdf, flagged[["question", "answered", "facility %", "first attempt right %", "discrimination"]]
        )
    _heading(pdf, "By Member State")
    _table(pdf, by_state)
    pdf.set_font("Noto", "", 8)
    pdf.ln(3)
    pdf.multi_cell(
        0,
        4,
        "Facility: mean score on the first attempt. Discrimination: correlation with the rest of the quiz.",
    )
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("Noto", "B", 12)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 7, new_x="LMARGIN", new_y="NEXT", text=text)
    pdf.set_text_color(0, 0, 0)


def _bar(
    pdf: FPDF, label: str, percent: float, text: str, colour: tuple[int, int, int] = BLUE, height: float = 5
) -> None:
    """One horizontal bar on a 0–100 scale, with its label before and its value after."""
    if pdf.get_y() > pdf.h - 25:
        pdf.add_page(orientation="portrait")
    x, y, width = 35.0, pdf.get_y(), 120.0
    pdf.set_font("Noto", "", 9)
    pdf.set_xy(15, y)
    pdf.cell(19, height, label)
    pdf.set_fill_color(240, 240, 240)
    pdf.rect(x, y + 0.5, width, height - 1, style="F")
    pdf.set_fill_color(*colour)
    pdf.rect(x, y + 0.5, width * max(0.0, min(100.0, float(percent))) / 100, height - 1, style="F")
    pdf.set_xy(x + width + 2, y)
    pdf.cell(20, height, text)
    pdf.set_y(y + height + 0.5)


def _table(pdf: FPDF, frame: pd.DataFrame) -> None:
    pdf.set_font("Noto", "", 9)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*GREY)
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)
    with pdf.table(
        text_align="LEFT",
        first_row_as_headings=True,
        headings_style=heading,
        cell_fill_color=(246, 246, 246),
        cell_fill_mode="ROWS",
        line_height=5,
    ) as table:
        table.row([str(c) for c in frame.columns])
        for values in frame.itertuples(index=False):
            table.row(["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values])


def workshop_pack(session: Session, cur: Curriculum, cohort: Cohort) -> bytes:
    """Everything, zipped; certificates are issued first to everyone who qualifies."""
    stem = f"{slug(cohort.name)}-{cohort.room_code.lower()}"
    files: dict[str, bytes] = {}
    for fmt in ("csv", "xlsx", "xapi"):
        files |= export_files(session, cur, cohort, fmt)
    files[f"{stem}-summary.pdf"] = summary_pdf(session, cur, cohort)
    for person, cert in issue_for_cohort(session, cur, cohort.id):
        name = file_name(person.display_name)
        files[f"certificates/{name}-{cert.code}.pdf"] = pdf_for_code(session, cert.code, base_url())
    files["README.txt"] = _readme(cohort, files).encode("utf-8")
    return zip_files(files)


def file_name(text: str) -> str:
    """A name for a file in the ZIP: letters and their marks (Thai vowels, Vietnamese tones) kept,
    everything else a hyphen."""
    kept = "".join(ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else "-" for ch in text)
    return re.sub(r"-+", "-", kept).strip("-")[:40] or "participant"


def _readme(cohort: Cohort, files: dict[str, bytes]) -> str:
    listing = "\n".join(f"  {name}" for name in sorted(files))
    return (
        f"End-of-workshop pack: {cohort.name} (room code {cohort.room_code}), "
        f"made {dt.date.today():%d %B %Y}.\n\n"
        "Files:\n"
        f"{listing}\n\n"
        "CSV and XLSX: the roster and each participant's results; text that a spreadsheet could read as a\n"
        "formula is stored as plain text. JSON: every learning statement in xAPI 1.0.3. PDF: a printable\n"
        "summary with the charts, and one certificate per participant who completed the course; each\n"
        "certificate can be checked on the app's Verify page with its code.\n"
    )


FORMATS = ("csv", "xlsx", "xapi", "pdf", "zip")


def files_for(session: Session, cur: Curriculum, cohort: Cohort, fmt: str) -> dict[str, bytes]:
    """The files of one format, as the page offers them: "pdf" is the summary, "zip" the whole pack."""
    stem = f"{slug(cohort.name)}-{cohort.room_code.lower()}"
    if fmt == "pdf":
        return {f"{stem}-summary.pdf": summary_pdf(session, cur, cohort)}
    if fmt == "zip":
        return {f"{stem}-pack.zip": workshop_pack(session, cur, cohort)}
    return export_files(session, cur, cohort, fmt)

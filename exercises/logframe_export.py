"""A logframe as files to take home: a formatted XLSX matrix (with its indicator plan) and Markdown."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from datasets.export import set_text
from exercises.indicators import FIELD_LABELS
from exercises.logframe import LEVEL_LABELS, Logframe, Row
from exercises.rules import Finding
from modules.lessons import plain

MATRIX_HEADERS = ("Level", "Ref.", "Narrative summary", "Indicators", "Means of verification", "Assumptions")
MATRIX_WIDTHS = (12, 8, 48, 48, 38, 40)
LEVEL_FILLS = {"goal": "DCE6F2", "outcome": "E2EFDA", "output": "FFF2CC", "activity": "F2F2F2"}
HEADER_FILL = "1F4E78"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, col: int, value: str, fill: str | None = None, bold: bool = False) -> None:
    """One text cell, formula-safe (datasets.export.set_text), wrapped and bordered."""
    cell = ws.cell(row=row, column=col)
    set_text(cell, value)
    cell.alignment = _WRAP
    cell.border = _BORDER
    if fill:
        cell.fill = PatternFill("solid", start_color=fill)
    if bold:
        cell.font = Font(bold=True, color="FFFFFF" if fill == HEADER_FILL else "000000")


def _numbered(items: list[str]) -> str:
    return (
        "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
        if len(items) > 1
        else "".join(items)
    )


def _matrix(ws: Worksheet, frame: Logframe) -> None:
    ws.title = "Logframe"
    _put(ws, 1, 1, frame.title or "Logframe", bold=True)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    _put(ws, 2, 1, f"Sectoral body: {frame.body}" if frame.body else "")
    for col, (header, width) in enumerate(zip(MATRIX_HEADERS, MATRIX_WIDTHS, strict=True), start=1):
        _put(ws, 4, col, header, fill=HEADER_FILL, bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    line = 5
    for r in frame.ordered():
        fill = LEVEL_FILLS.get(r.level)
        cells = (
            LEVEL_LABELS.get(r.level, r.level),
            r.ref,
            r.narrative if r.level != "activity" or not r.parent else f"{r.narrative}\n(→ {r.parent})",
            _numbered([i.statement for i in r.indicators]),
            _numbered([i.means_of_verification for i in r.indicators]),
            "\n".join(f"• {a}" for a in r.assumption_lines),
        )
        for col, value in enumerate(cells, start=1):
            _put(ws, line, col, value, fill=fill, bold=col == 1)
        line += 1
    ws.freeze_panes = "C5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _plan(ws: Worksheet, frame: Logframe) -> None:
    ws.title = "Indicator plan"
    headers = ["Row", "Level", *FIELD_LABELS.values()]
    for col, header in enumerate(headers, start=1):
        _put(ws, 1, col, header, fill=HEADER_FILL, bold=True)
        ws.column_dimensions[get_column_letter(col)].width = 30 if col > 2 else 10
    line = 2
    for r in frame.ordered():
        for ind in r.indicators:
            values = [r.ref, LEVEL_LABELS.get(r.level, r.level), *ind.to_dict().values()]
            for col, value in enumerate(values, start=1):
                _put(ws, line, col, value)
            line += 1
    ws.freeze_panes = "C2"


def _feedback(ws: Worksheet, findings: list[Finding]) -> None:
    ws.title = "Feedback"
    for col, (header, width) in enumerate(
        zip(("Row", "Rule", "Severity", "Field", "Finding"), (8, 10, 10, 22, 90), strict=True), start=1
    ):
        _put(ws, 1, col, header, fill=HEADER_FILL, bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for line, f in enumerate(findings, start=2):
        where = f.field if f.indicator is None else f"indicator {f.indicator}: {f.field}"
        for col, value in enumerate((f.row, f.rule, f.severity, where, f"{f.title}. {f.message}"), start=1):
            _put(ws, line, col, value)


def to_xlsx(frame: Logframe, findings: list[Finding]) -> bytes:
    """A workbook: the matrix (levels coloured, text wrapped, landscape), the indicator plan, the feedback."""
    book = Workbook()
    _matrix(book.active, frame)
    _plan(book.create_sheet(), frame)
    _feedback(book.create_sheet(), findings)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _md_row(r: Row) -> list[str]:
    head = f"### {LEVEL_LABELS.get(r.level, r.level)} {plain(r.ref)}"
    lines = [head, "", plain(r.narrative) or "_(no narrative)_", ""]
    if r.parent:
        lines += [f"Contributes to: {plain(r.parent)}", ""]
    if r.indicators:
        lines.append("**Indicators** (means of verification)")
        lines.append("")
        for i in r.indicators:
            mov = f" — _{plain(i.means_of_verification)}_" if i.means_of_verification else ""
            lines.append(f"- {plain(i.statement)}{mov}")
        lines.append("")
    if r.assumption_lines:
        lines += ["**Assumptions**", "", *(f"- {plain(a)}" for a in r.assumption_lines), ""]
    return lines


def to_markdown(frame: Logframe) -> str:
    """The logframe top-down, one section per row: readable as text and in any Markdown viewer."""
    lines = [f"# {plain(frame.title or 'Logframe')}", ""]
    if frame.body:
        lines += [f"Sectoral body: {plain(frame.body)}", ""]
    for r in frame.ordered():
        lines += _md_row(r)
    return "\n".join(lines).rstrip() + "\n"

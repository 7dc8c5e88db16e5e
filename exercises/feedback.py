"""Findings worded for the pages: severity badge, rule id, title and advice, learner words shown literally."""

from __future__ import annotations

from collections import Counter

from exercises.indicators import FIELD_LABELS
from exercises.rules import Finding
from modules.lessons import plain

ICONS = {"error": ":material/error:", "warning": ":material/warning:", "hint": ":material/lightbulb:"}
COLOURS = {"error": "red", "warning": "orange", "hint": "blue"}
NAMES = {"error": "Error", "warning": "Warning", "hint": "Hint"}


def place(f: Finding, *, with_row: bool = False) -> str:
    """Where a finding is: "Row 1 · indicator 2 · Denominator" (the row only when asked for)."""
    parts = [f"Row {f.row}" if with_row and f.row else "", f"indicator {f.indicator}" if f.indicator else ""]
    if f.indicator or with_row:
        parts.append(FIELD_LABELS.get(f.field, f.field.replace("_", " ").capitalize()) if f.field else "")
    return " · ".join(plain(p) for p in parts if p)


def finding_markdown(f: Finding, *, where: str = "", short: bool = False) -> str:
    """One finding as a Markdown line: badge, where, title, then the advice (short: the suggestion only;
    the page shows the explanation as the line's tooltip)."""
    badge = f":{COLOURS[f.severity]}[{ICONS[f.severity]} **{NAMES[f.severity]}** {f.rule}]"
    at = f"{where} — " if where else ""
    advice = f.suggest if short else f.message
    return f"{badge} {at}**{plain(f.title)}.** {plain(advice)}"


def tally(findings: list[Finding]) -> str:
    """ "2 errors, 1 warning, no hints" in words."""
    counts = Counter(f.severity for f in findings)
    words = []
    for severity in ("error", "warning", "hint"):
        n = counts.get(severity, 0)
        name = NAMES[severity].lower()
        words.append(f"{n} {name}{'' if n == 1 else 's'}" if n else f"no {name}s")
    return ", ".join(words)

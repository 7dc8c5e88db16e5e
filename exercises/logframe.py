"""The logframe: its typed model, templates, and the checker for rules LF-01 to LF-15 plus IND- per row."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from exercises.indicators import (
    Indicator,
    Style,
    activity_start,
    delivery_words,
    direction_words,
    is_output_type,
    lint_indicator,
    lint_result,
)
from exercises.rules import Finding, find_words, finding, keywords, starts_with
from exercises.text import LONG_MAX, SHORT_MAX, clean

LEVELS = ("goal", "outcome", "output", "activity")
LEVEL_LABELS = {"goal": "Goal", "outcome": "Outcome", "output": "Output", "activity": "Activity"}
PARENT_LEVEL = {"outcome": "goal", "output": "outcome", "activity": "output"}
MAX_ROWS = 40
MAX_INDICATORS = 60
REF_MAX = 20
TEMPLATES_DIR = Path(__file__).parent / "content" / "logframe_templates"
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "for",
        "to",
        "and",
        "or",
        "by",
        "with",
        "at",
        "from",
        "into",
        "among",
        "across",
        "within",
        "its",
        "their",
        "as",
        "is",
        "are",
        "be",
        "that",
        "this",
        "which",
        "who",
        "amsasean",
        "member",
        "states",
    ]
)


@dataclass(frozen=True, slots=True)
class Row:
    """One result or activity: where it sits, what it says, how it is measured, what it assumes."""

    ref: str
    level: str
    parent: str = ""
    narrative: str = ""
    assumptions: str = ""  # one per line or separated by ";": the conditions linking this row to its parent
    indicators: tuple[Indicator, ...] = ()

    @property
    def assumption_lines(self) -> list[str]:
        parts = re.split(r"[\n;]", self.assumptions)
        return [p.strip(" -•*") for p in parts if p.strip(" -•*")]


@dataclass(frozen=True, slots=True)
class Logframe:
    title: str = ""
    body: str = ""
    rows: tuple[Row, ...] = ()
    style: Style = "neutral"
    notes: tuple[str, ...] = field(
        default=(), compare=False
    )  # what cleaning the input did (empty rows dropped …)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for a draft or a submission."""
        return {
            "title": self.title,
            "body": self.body,
            "style": self.style,
            "rows": [
                {
                    "ref": r.ref,
                    "level": r.level,
                    "parent": r.parent,
                    "narrative": r.narrative,
                    "assumptions": r.assumptions,
                    "indicators": [i.to_dict() for i in r.indicators],
                }
                for r in self.rows
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Logframe:
        rows = tuple(
            Row(
                ref=clean(r.get("ref"))[:REF_MAX],
                level=clean(r.get("level")).lower(),
                parent=clean(r.get("parent"))[:REF_MAX],
                narrative=clean(r.get("narrative")),
                assumptions=clean(r.get("assumptions"), multiline=True),
                indicators=tuple(Indicator.from_mapping(i) for i in r.get("indicators", ())),
            )
            for r in data.get("rows", ())[:MAX_ROWS]
        )
        style = "qqt" if data.get("style") == "qqt" else "neutral"
        return cls(clean(data.get("title"))[:SHORT_MAX], clean(data.get("body")), rows, style)

    def row(self, ref: str) -> Row | None:
        return next((r for r in self.rows if r.ref == ref), None)

    def children(self, ref: str) -> list[Row]:
        return [r for r in self.rows if r.parent == ref and ref]

    def ordered(self) -> list[Row]:
        """Rows top-down by level, keeping the learner's order within a level (for the matrix and exports)."""
        rank = {level: i for i, level in enumerate(LEVELS)}
        return sorted(self.rows, key=lambda r: rank.get(r.level, len(LEVELS)))


def from_tables(
    rows: Iterable[Mapping[str, Any]], indicators: Iterable[Mapping[str, Any]], **meta: Any
) -> Logframe:
    """A logframe from the builder's two tables (rows; indicators with a "row" column), cleaned.

    Rows and indicators with nothing in them are dropped (a spreadsheet paste leaves some); a row
    without a reference gets the next free one, so its indicators and children can point to it.
    """
    notes = []
    kept: list[dict[str, Any]] = []
    empty = 0
    for raw in rows:
        r = {
            k: clean(raw.get(k), multiline=k == "assumptions")
            for k in ("ref", "level", "parent", "narrative", "assumptions")
        }
        if not any(r.values()):
            empty += 1
            continue
        r["level"] = r["level"].lower()
        kept.append(r)
    if empty:
        notes.append(f"{empty} empty row(s) left out.")
    if len(kept) > MAX_ROWS:
        notes.append(f"Only the first {MAX_ROWS} rows are kept; a logframe this long is hard to read.")
        kept = kept[:MAX_ROWS]
    used = {r["ref"] for r in kept if r["ref"]}
    counter = 1
    for r in kept:
        r["ref"] = r["ref"][:REF_MAX]
        if not r["ref"]:
            while f"R{counter}" in used:
                counter += 1
            r["ref"] = f"R{counter}"
            used.add(r["ref"])
    by_row: dict[str, list[Indicator]] = {r["ref"]: [] for r in kept}
    stray = 0
    count = 0
    for raw in indicators:
        ind = Indicator.from_mapping(raw)
        if ind.is_empty:
            continue
        count += 1
        if count > MAX_INDICATORS:
            notes.append(f"Only the first {MAX_INDICATORS} indicators are kept.")
            break
        ref = clean(raw.get("row"))
        if ref in by_row:
            by_row[ref].append(ind)
        else:
            stray += 1
    if stray:
        notes.append(
            f"{stray} indicator(s) name no existing row in the “Row” column and are not shown in the matrix."
        )
    frame = Logframe(
        title=clean(meta.get("title"))[:SHORT_MAX],
        body=clean(meta.get("body")),
        style="qqt" if meta.get("style") == "qqt" else "neutral",
        rows=tuple(
            Row(
                r["ref"],
                r["level"],
                r["parent"][:REF_MAX],
                r["narrative"],
                r["assumptions"],
                tuple(by_row[r["ref"]]),
            )
            for r in kept
        ),
    )
    return replace(frame, notes=tuple(notes))


def to_tables(frame: Logframe) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The builder's two tables from a logframe (the inverse of from_tables)."""
    rows = [
        {
            "ref": r.ref,
            "level": r.level,
            "parent": r.parent,
            "narrative": r.narrative,
            "assumptions": r.assumptions,
        }
        for r in frame.rows
    ]
    inds = [{"row": r.ref, **i.to_dict()} for r in frame.rows for i in r.indicators]
    return rows, inds


# --- templates -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    body: str
    title: str
    summary: str
    basis: str
    logframe: Logframe


class TemplateError(ValueError):
    """A template file is broken; the message names the file and what is wrong."""


def from_toml(data: Mapping[str, Any], ref: Callable[[str], str] = str) -> Logframe:
    """A logframe from a TOML table ([[row]] with id, level, parent, narrative, assumptions and
    [[row.indicator]]): the templates' and the verdict sets' format; `ref` renames the row ids."""
    rows = [
        {**r, "ref": ref(r["id"]), "parent": ref(r.get("parent", "")), "indicators": r.get("indicator", [])}
        for r in data["row"]
    ]
    return Logframe.from_dict({"title": data.get("title", ""), "body": data.get("body", ""), "rows": rows})


def _short(row_id: str) -> str:
    """A template's row id as a learner writes it: goal → G, outcome → O, output-1 → 1, activity-1.2 → 1.2."""
    return {"goal": "G", "outcome": "O", "": ""}.get(
        row_id, re.sub(r"^(output|activity|outcome)-", "", row_id)
    )


@functools.cache
def templates() -> dict[str, Template]:
    """The starter logframe of each sector, by body code, read once per process."""
    found = {}
    for path in sorted(TEMPLATES_DIR.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            frame = from_toml(data, ref=_short)
            found[data["body"]] = Template(data["body"], data["title"], data["summary"], data["basis"], frame)
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as err:
            raise TemplateError(f"{path.name}: {err}") from err
    return found


# --- the checker ---------------------------------------------------------------------------------------


def _content_words(text: str) -> set[str]:
    kw = keywords()
    drop = set(kw["direction_words"]) | _STOP
    return {w for w in re.findall(r"[a-z][a-z-]{2,}", text.lower()) if w not in drop}


def _input_findings(frame: Logframe) -> list[Finding]:
    found = []
    seen: set[str] = set()
    for r in frame.rows:
        if r.ref in seen:
            found.append(
                finding(
                    "INPUT",
                    "ref",
                    row=r.ref,
                    explain_input=f"Two rows have the reference “{r.ref}”.",
                    suggest_input="Give each row its own Ref.: 1, 2 for outputs, 1.1, 1.2 for activities.",
                )
            )
        seen.add(r.ref)
        if r.level not in LEVELS:
            found.append(
                finding(
                    "INPUT",
                    "level",
                    row=r.ref,
                    explain_input=f"Row {r.ref} has no level."
                    if not r.level
                    else f"Row {r.ref} has the level “{r.level}”.",
                    suggest_input="Choose goal, outcome, output or activity.",
                )
            )
        if not r.narrative:
            found.append(
                finding(
                    "INPUT",
                    "narrative",
                    row=r.ref,
                    explain_input=f"Row {r.ref} has no narrative.",
                    suggest_input="Write the result or activity, or delete the row.",
                )
            )
        for name, limit, has in (("narrative", SHORT_MAX, "has"), ("assumptions", LONG_MAX, "have")):
            value = getattr(r, name)
            if len(value) > limit:
                found.append(
                    finding(
                        "INPUT",
                        name,
                        row=r.ref,
                        explain_input=f"The {name} of row {r.ref} {has} {len(value)} characters; the limit "
                        f"is {limit}.",
                        suggest_input="Shorten it to the essential.",
                    )
                )
    return found


def _a(noun: str) -> str:
    """The noun with its indefinite article: "a goal", "an output"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _orphans(frame: Logframe) -> list[Finding]:
    found = []
    for r in frame.rows:
        expected = PARENT_LEVEL.get(r.level)
        if expected is None:
            continue
        parent = frame.row(r.parent) if r.parent else None
        if parent is None or parent.level != expected:
            why = (
                f"Row {r.ref} ({r.level}) does not say which {expected} it contributes to."
                if not r.parent
                else f"Row {r.ref} ({r.level}) points to “{r.parent}”, which is not {_a(expected)} row."
            )
            found.append(
                finding(
                    "LF-07",
                    "parent",
                    row=r.ref,
                    explain_orphan=why,
                    suggest_orphan=f"In “Contributes to”, give the Ref. of the {expected} it serves.",
                )
            )
    for r in frame.rows:
        if r.level == "outcome" and not any(c.level == "output" for c in frame.children(r.ref)):
            found.append(
                finding(
                    "LF-07",
                    "narrative",
                    row=r.ref,
                    explain_orphan=f"No output contributes to outcome {r.ref}.",
                    suggest_orphan="Link the outputs that lead to it, or add them.",
                )
            )
    return found


def _result_wording(frame: Logframe) -> list[Finding]:
    kw = keywords()
    found = []
    outputs = [r for r in frame.rows if r.level == "output"]
    for r in frame.rows:
        text = r.narrative
        if not text:
            continue
        if r.level in ("goal", "outcome"):
            action = starts_with(text, kw["action_starts"])
            if not action and (to := re.match(r"^\s*to\s+(\w+)", text, re.IGNORECASE)):
                action = to.group(0).strip()
            if not action and (phrases := find_words(text, kw["action_phrases"])):
                action = phrases[0][1]
            if action:
                found.append(finding("LF-03", "narrative", row=r.ref, word=action))
            changes = direction_words(text)
            if len(changes) >= 2 and re.search(
                r"\band\b", text[text.lower().find(changes[0].lower()) :], re.I
            ):
                found.append(finding("LF-09", "narrative", row=r.ref, word=" … and … ".join(changes[:2])))
        if r.level == "outcome":
            missing = []
            if not direction_words(text):
                missing.append("direction of change")
            if not find_words(text, kw["actor_words"]):
                missing.append("who")
            if missing:
                found.append(finding("LF-04", "narrative", row=r.ref, missing=" and no ".join(missing)))
            restated = _restates_output(r, outputs)
            if restated:
                found.append(finding("LF-05", "narrative", row=r.ref, explain_restate=restated))
        if r.level == "output" and (pair := _two_deliveries(text)):
            found.append(finding("LF-09", "narrative", row=r.ref, word=pair))
        if r.level == "output" and (verb := activity_start(text)):
            found.append(finding("LF-08", "narrative", row=r.ref, word=verb))
    goal = next((r for r in frame.rows if r.level == "goal" and r.narrative), None)
    outcome = next((r for r in frame.rows if r.level == "outcome" and r.narrative), None)
    if goal and outcome and not (_content_words(goal.narrative) & _content_words(outcome.narrative)):
        found.append(finding("LF-06", "narrative", row=outcome.ref))
    return found


def _participle(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in keywords()["participles"]


def _two_deliveries(text: str) -> str | None:
    """Two things delivered in one output ("Toolkit updated and assessors trained"), not one thing taken
    through two steps ("Guideline developed and endorsed")."""
    words = re.findall(r"[\w'-]+", text)
    for i, word in enumerate(words[:-2]):
        if word.lower() != "and" or i == 0 or not _participle(words[i - 1]) or _participle(words[i + 1]):
            continue
        later = next((w for w in words[i + 2 : i + 8] if _participle(w)), None)
        if later:
            return f"{words[i - 1]} … and … {later}"
    return None


def _restates_output(outcome: Row, outputs: list[Row]) -> str:
    words = _content_words(outcome.narrative)
    for out in outputs:
        other = _content_words(out.narrative)
        if words and other and len(words & other) / len(words | other) >= 0.6:
            return (
                f"It says much the same as output {out.ref}: an outcome is what changes because the outputs "
                "exist."
            )
    delivery = delivery_words(outcome.narrative)
    if delivery and not find_words(outcome.narrative, keywords()["uptake_words"]):
        return f"“{delivery[0][1]}” describes a delivery, which is an output, not the change it should bring."
    return ""


def _assumptions(frame: Logframe) -> list[Finding]:
    found = []
    # Every output and outcome is its own link to the level above; the activities of one output share one.
    links: dict[str, list[Row]] = {}
    for r in frame.rows:
        if r.level in ("outcome", "output"):
            links[r.ref] = [r]
        elif r.level == "activity":
            links.setdefault(f"activities of {r.parent}", []).append(r)
    for rows in links.values():
        if not any(r.assumption_lines for r in rows):
            level = rows[0].level
            found.append(
                finding("LF-10", "assumptions", row=rows[0].ref, level=level, parent=PARENT_LEVEL[level])
            )
    for r in frame.rows:
        for line in r.assumption_lines:
            found += assumption_wording(line, row=r.ref)
    return found


def assumption_wording(text: str, *, row: str = "", field: str = "assumptions") -> list[Finding]:
    """LF-11 (the project's own work) or LF-12 (a risk, not a condition) on one assumption's wording."""
    kw = keywords()
    control = find_words(text, kw["control_phrases"])
    verb = starts_with(text, kw["activity_verbs"])
    if control or verb:
        return [finding("LF-11", field, row=row, word=control[0][1] if control else verb or "")]
    if negative := starts_with(text, kw["negative_starts"]):
        return [finding("LF-12", field, row=row, word=negative)]
    return []


def _indicators(frame: Logframe) -> list[Finding]:
    found = []
    for r in frame.rows:
        if r.level not in LEVELS:
            continue
        found += lint_result(list(r.indicators), r.level, row=r.ref)
        for n, ind in enumerate(r.indicators, start=1):
            for f in lint_indicator(ind, r.level, style=frame.style, row=r.ref, number=n):
                if f.rule == "IND-09":  # the same finding, named as the logframe rule
                    f = finding(
                        "LF-14",
                        f.field,
                        row=r.ref,
                        indicator=n,
                        explain_level=f.explain,
                        suggest_level=f.suggest,
                    )
                found.append(f)
    every = [(r, i) for r in frame.rows for i in r.indicators if i.statement]
    if every and all(r.level in ("output", "activity") or is_output_type(i.statement) for r, i in every):
        found.append(finding("LF-15", "indicators"))
    return found


def check_logframe(frame: Logframe) -> list[Finding]:
    """Every finding for a logframe, whole-logframe ones first, then row by row in matrix order."""
    found = _input_findings(frame)
    levels = {r.level for r in frame.rows}
    for level in LEVELS:
        if level not in levels:
            found.append(finding("LF-01", "level", level=level))
    outcomes = [r for r in frame.rows if r.level == "outcome"]
    if len(outcomes) > 1:
        found.append(finding("LF-02", "level", count=str(len(outcomes))))
    found += _orphans(frame) + _result_wording(frame) + _assumptions(frame) + _indicators(frame)
    order = {r.ref: i for i, r in enumerate(frame.ordered())}
    return sorted(found, key=lambda f: (f.row != "", order.get(f.row, -1), f.indicator or 0))

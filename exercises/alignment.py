"""Work-plan alignment: map each item of a sectoral work plan to a Characteristic, Key Result Area and
strategic measure, with a sectoral outcome and a one-line contribution (rules AL-01 to AL-06,
ME-METHODS §3), compared with a trainer's key; and the KRA × sectoral body coverage of a whole cohort.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasets.reference import key_result_areas
from exercises.rules import Finding, finding

KEY_FILE = Path(__file__).parent / "content" / "alignment_key.toml"
OBJECT_PREFIX = "exercise:alignment:"
MEASURE = re.compile(r"[ivxl]+")
SCATTERED = 5  # a body whose items spread over more KRAs than this is "scattered" (AL-05)


@dataclass(frozen=True, slots=True)
class KeyItem:
    """A trainer's answer for one work-plan item."""

    item_id: str
    kra: str
    also: tuple[str, ...]
    outcome_id: str  # "" when none of the body's outcomes fits
    contribution: str
    why: str

    def accepts(self, kra: str) -> bool:
        return kra == self.kra or kra in self.also


class AlignmentKeyError(ValueError):
    """The key file is broken; the message names the item."""


@functools.cache
def answer_key() -> dict[str, KeyItem]:
    """The trainer's key by item id, read once per process."""
    try:
        entries = tomllib.loads(KEY_FILE.read_text(encoding="utf-8"))["item"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as err:
        raise AlignmentKeyError(f"{KEY_FILE.name}: {err}") from err
    codes = {k.code for k in key_result_areas()}
    key = {}
    for entry in entries:
        try:
            item = KeyItem(
                entry["item_id"],
                entry["kra"],
                tuple(entry.get("also", ())),
                entry.get("outcome_id", ""),
                entry["contribution"],
                entry["why"],
            )
        except KeyError as err:
            raise AlignmentKeyError(
                f"{KEY_FILE.name}, item {entry.get('item_id', '?')}: missing {err}"
            ) from err
        unknown = {item.kra, *item.also} - codes
        if unknown:
            raise AlignmentKeyError(
                f"{KEY_FILE.name}, item {item.item_id}: unknown KRA {', '.join(sorted(unknown))}"
            )
        key[item.item_id] = item
    return key


@dataclass(frozen=True, slots=True)
class ItemMapping:
    """What the learner chose for one work-plan item ("" where nothing was chosen)."""

    item_id: str
    characteristic: str = ""
    kra: str = ""
    measure: str = ""  # the roman numeral of the strategic measure within the KRA
    outcome_id: str = ""  # "" = none chosen; NONE = "none of these outcomes"
    contribution: str = ""
    indicator_id: str = ""

    @classmethod
    def from_dict(cls, item_id: str, data: Mapping[str, Any]) -> ItemMapping:
        fields = ("characteristic", "kra", "measure", "outcome_id", "contribution", "indicator_id")
        return cls(item_id, **{f: str(data.get(f) or "").strip() for f in fields})

    @property
    def code(self) -> str:
        """The full strategic-measure code as a work plan writes it: "D.1.iii" (or the KRA alone)."""
        return f"{self.kra}.{self.measure}" if self.kra and self.measure else self.kra


NONE = "none"  # "none of these outcomes": a deliberate answer, unlike an empty choice


@dataclass(frozen=True, slots=True)
class ItemResult:
    item_id: str
    findings: list[Finding]
    kra_agrees: bool | None  # None when the item is not in the key
    outcome_agrees: bool | None


def check_item(
    item: str, m: ItemMapping, outcomes_with_indicators: set[str], key: KeyItem | None
) -> ItemResult:
    """AL-01, AL-02, AL-03 and AL-06 for one item, and how it compares with the trainer's key."""
    found: list[Finding] = []
    missing = [w for w, v in (("Characteristic", m.characteristic), ("Key Result Area", m.kra)) if not v]
    if missing:
        found.append(finding("AL-01", "kra", word=item, side=" and no ".join(missing).lower()))
    codes = {k.code: k.characteristic for k in key_result_areas()}
    if m.kra and m.kra not in codes:
        found.append(finding("AL-02", "kra", word=f"{m.kra} is not a Key Result Area of the Blueprint."))
    elif m.kra and m.characteristic and codes[m.kra] != m.characteristic:
        found.append(
            finding(
                "AL-02",
                "kra",
                word=f"{m.kra} belongs to Characteristic {codes[m.kra]}, not {m.characteristic}.",
            )
        )
    if m.measure and not MEASURE.fullmatch(m.measure):
        found.append(
            finding(
                "AL-02", "measure", word=f"“{m.measure}” is not a strategic-measure number (i, ii, iii, …)."
            )
        )
    if m.kra:
        gaps = []
        if not m.outcome_id:
            gaps.append("no sectoral outcome is chosen")
        if not m.contribution:
            gaps.append("there is no contribution statement")
        if gaps:
            found.append(finding("AL-03", "contribution", word=item, side=" and ".join(gaps)))
    if m.outcome_id in outcomes_with_indicators and not m.indicator_id:
        found.append(finding("AL-06", "indicator_id", word=item, side=m.outcome_id))
    kra_agrees = None if key is None or not m.kra else key.accepts(m.kra)
    outcome_agrees = None
    if key is not None and m.outcome_id:
        outcome_agrees = (m.outcome_id == NONE and not key.outcome_id) or m.outcome_id == key.outcome_id
    return ItemResult(m.item_id, found, kra_agrees, outcome_agrees)


def check_plan(
    items: Mapping[str, str], mappings: Mapping[str, ItemMapping], outcomes_with_indicators: set[str]
) -> tuple[list[ItemResult], list[Finding]]:
    """Every item's result, and the findings on the plan as a whole (AL-04 and AL-05's spread)."""
    key = answer_key()
    results = [
        check_item(text, mappings.get(i, ItemMapping(i)), outcomes_with_indicators, key.get(i))
        for i, text in items.items()
    ]
    plan: list[Finding] = []
    linked = [m for m in mappings.values() if m.outcome_id and m.outcome_id != NONE]
    if items and not linked:
        plan.append(finding("AL-04", "outcome_id"))
    spread = {m.kra for m in mappings.values() if m.kra}
    if len(spread) > SCATTERED:
        plan.append(
            finding(
                "AL-05",
                "kra",
                word=f"The items spread over {len(spread)} Key Result Areas: the plan may be scattered; "
                "a sectoral body usually serves a few areas well.",
            )
        )
    return results, plan


def plan_score(results: list[ItemResult]) -> int:
    """% of items placed in a Key Result Area the trainer accepts."""
    return round(100 * sum(bool(r.kra_agrees) for r in results) / len(results)) if results else 0


# --------------------------------------------------------------------------------------------------
# The cohort's coverage: Key Result Areas × sectoral bodies
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    counts: dict[tuple[str, str], int]  # (KRA, body) → items mapped there
    bodies: tuple[str, ...]
    gaps: tuple[str, ...]  # KRAs no body's items reach
    overlaps: tuple[str, ...]  # KRAs two or more bodies reach


def coverage(submissions: Iterable[tuple[str, Mapping[str, str]]]) -> Coverage:
    """From (body, {item id: KRA}) per submission (the latest one per learner and body), how often each
    KRA is served by each body's items. Each (body, item) counts once: by the KRA most learners chose."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for body, kras in submissions:
        for item, kra in kras.items():
            if kra:
                votes[(body, item)][kra] += 1
    counts: Counter[tuple[str, str]] = Counter()
    for (body, _item), chosen in votes.items():
        counts[(chosen.most_common(1)[0][0], body)] += 1
    bodies = tuple(sorted({b for _, b in counts}))
    all_kras = [k.code for k in key_result_areas()]
    reached: dict[str, set[str]] = defaultdict(set)
    for kra, body in counts:
        reached[kra].add(body)
    return Coverage(
        dict(counts),
        bodies,
        tuple(k for k in all_kras if not reached.get(k)),
        tuple(k for k in all_kras if len(reached.get(k, ())) > 1),
    )


def latest_mappings(events: Iterable[Any]) -> list[tuple[str, dict[str, str]]]:
    """(body, {item id: KRA}) from the latest submitted mapping of each learner and body, from statements
    (anything with actor_id, verb, object_id, response) in the order they happened."""
    latest: dict[tuple[int, str], dict[str, str]] = {}
    for e in events:
        if e.verb != "completed" or not e.object_id.startswith(OBJECT_PREFIX):
            continue
        body = e.object_id[len(OBJECT_PREFIX) :]
        rows = e.response if isinstance(e.response, dict) else {}
        latest[(e.actor_id, body)] = {
            item: str(row.get("kra") or "") for item, row in rows.items() if isinstance(row, dict)
        }
    return [(body, kras) for (_actor, body), kras in latest.items()]


def coverage_table(cov: Coverage) -> list[dict[str, object]]:
    """One row per KRA and body (zeros included) for a heatmap, with the gap/overlap note per KRA."""
    rows = []
    for k in key_result_areas():
        note = "gap" if k.code in cov.gaps else "overlap" if k.code in cov.overlaps else ""
        for body in cov.bodies:
            rows.append(
                {"kra": k.code, "body": body, "items": cov.counts.get((k.code, body), 0), "note": note}
            )
    return rows

"""Your turn: cases in which the learner computes % achievement and the traffic-light colour themselves,
graded with a stated tolerance and explained step by step (rules NUM-08 to NUM-13, ME-METHODS §1.8–1.9).

A case is one indicator with a baseline, one or more periods of targets and actuals, a named convention
and a named preset. "single" cases have one target and one actual; periodic cases follow the cumulation
rules; a case with a breakdown asks whether its parts add up to the reported total (NUM-10).
"""

from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from exercises.rules import Finding, finding
from exercises.tracking import (
    CONVENTIONS,
    PRESETS,
    TOLERANCE,
    Colour,
    Convention,
    Preset,
    achievement,
    explain,
    fmt,
    status,
    target_for_plan,
    trainer_preset,
)

CASES_FILE = Path(__file__).parent / "content" / "tracking_cases.toml"
Kind = Literal["single", "non-cumulative", "cumulative", "percentage"]
KINDS: tuple[Kind, ...] = ("single", "non-cumulative", "cumulative", "percentage")
RULE_OF: dict[Kind, str] = {
    "single": "",
    "non-cumulative": "Non-cumulative: each period's result is new; the life-of-plan target and actual "
    "are the sums over the periods.",
    "cumulative": "Cumulative: targets are running totals, results are reported per period; the "
    "life-of-plan target is the last target and the actual is the sum of the results reported.",
    "percentage": "Percentage: each period's value is a share; the life-of-plan target and actual are the "
    "latest ones, never a sum.",
}
COLOUR_NAMES: dict[Colour, str] = {
    "green": "green",
    "amber": "amber",
    "red": "red",
    "grey": "grey (cannot assess)",
}


class CasesError(ValueError):
    """The case file is broken; the message names the case and what is wrong."""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    indicator: str
    unit: str
    story: str
    convention: Convention
    preset: Preset
    kind: Kind
    baseline: float | None
    targets: tuple[float, ...]  # one for "single"; per period otherwise ("" where no target was set)
    actuals: tuple[float, ...]  # as reported; fewer than targets when later periods are not in yet
    periods: tuple[str, ...] = ()
    breakdown: dict[str, float] = field(default_factory=dict)  # parts of the latest actual, if shown

    @property
    def periodic(self) -> bool:
        return self.kind != "single"


@dataclass(frozen=True, slots=True)
class Expected:
    lop_target: float | None
    lop_actual: float | None
    percent: float | None
    colour: Colour
    adds_up: bool | None  # None when the case has no breakdown


def lop_actual(kind: Kind, actuals: tuple[float, ...]) -> float | None:
    """The life-of-plan actual by the case's rule (a single case: its one actual)."""
    if not actuals:
        return None
    if kind in ("single", "percentage"):
        return actuals[-1]
    return float(sum(actuals))


def expected(case: Case) -> Expected:
    if case.kind == "single":
        lop_target = case.targets[0] if case.targets else None
    else:
        lop_target = target_for_plan(
            case.targets, "non-cumulative" if case.kind == "non-cumulative" else "cumulative"
        )
    actual = lop_actual(case.kind, case.actuals)
    percent = achievement(case.convention, target=lop_target, actual=actual, baseline=case.baseline)
    adds_up = None
    if case.breakdown and case.actuals:
        adds_up = math.isclose(sum(case.breakdown.values()), case.actuals[-1], abs_tol=1e-9)
    return Expected(lop_target, actual, percent, status(case.preset, percent), adds_up)


@dataclass(frozen=True, slots=True)
class Answer:
    """What the learner entered: None where a box was left empty."""

    percent: float | None
    colour: Colour | None
    lop_actual: float | None = None  # periodic cases only
    adds_up: bool | None = None  # cases with a breakdown only

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        return cls(data.get("percent"), data.get("colour"), data.get("lop_actual"), data.get("adds_up"))


@dataclass(frozen=True, slots=True)
class Graded:
    case: Case
    expected: Expected
    findings: list[Finding]
    steps: list[str]
    parts: dict[str, bool]  # each question of the case: right or not

    @property
    def correct(self) -> bool:
        return all(self.parts.values())


def _close(a: float | None, b: float | None, tolerance: float) -> bool:
    return a is not None and b is not None and abs(a - b) <= tolerance


def steps(case: Case, exp: Expected) -> list[str]:
    """The worked answer, as a trainer would write it on the board."""
    lines = []
    if case.periodic:
        lines.append(RULE_OF[case.kind])
        if case.kind == "non-cumulative":
            targets, actuals = " + ".join(map(fmt, case.targets)), " + ".join(map(fmt, case.actuals))
            lines.append(f"Life-of-plan target: {targets} = {fmt(exp.lop_target or 0)}.")
            if case.actuals:
                lines.append(f"Life-of-plan actual so far: {actuals} = {fmt(exp.lop_actual or 0)}.")
        else:
            lines.append(f"Life-of-plan target: the last target, {fmt(exp.lop_target or 0)}.")
            if case.kind == "cumulative" and case.actuals:
                actuals = " + ".join(map(fmt, case.actuals))
                lines.append(f"Life-of-plan actual so far: {actuals} = {fmt(exp.lop_actual or 0)}.")
            elif case.actuals:
                lines.append(f"Life-of-plan actual: the latest value, {fmt(exp.lop_actual or 0)}.")
    lines += explain(case.convention, target=exp.lop_target, actual=exp.lop_actual, baseline=case.baseline)
    if exp.percent is not None:
        lines.append(f"Under {case.preset.name} ({case.preset.describe()}): {COLOUR_NAMES[exp.colour]}.")
    return lines


def grade(case: Case, answer: Answer, tolerance: float = TOLERANCE) -> Graded:
    """Each part of the learner's answer against the engine's, with the findings that explain the slips."""
    exp = expected(case)
    found: list[Finding] = []
    parts: dict[str, bool] = {}
    if case.periodic:
        parts["lop_actual"] = exp.lop_actual is None or _close(answer.lop_actual, exp.lop_actual, 1e-6)
        if not parts["lop_actual"] and answer.lop_actual is not None:
            found.append(_cumulation_slip(case, answer.lop_actual))
    if exp.percent is None:
        parts["percent"] = answer.percent is None
        if answer.percent is not None:
            found.append(finding("NUM-13", "percent", word=_why_undefined(case, exp)))
    else:
        parts["percent"] = _close(answer.percent, exp.percent, tolerance)
        if not parts["percent"]:
            given = "empty" if answer.percent is None else f"{fmt(answer.percent)} %"
            slip = finding("NUM-11", "percent", word=given, side=f"± {fmt(tolerance)} points")
            other = _other_convention(case, exp, answer.percent, tolerance)
            if other:
                asked = CONVENTIONS[case.convention].split(":")[0].lower()
                hint = f"Your number is what the {other} gives; this case asks for the {asked} one. "
                slip = replace(slip, suggest=hint + slip.suggest)
            found.append(slip)
    parts["colour"] = answer.colour == exp.colour
    if not parts["colour"]:
        if exp.percent is None:
            if answer.colour is not None and not any(f.rule == "NUM-13" for f in found):
                found.append(finding("NUM-13", "colour", word=_why_undefined(case, exp)))
        else:
            found.append(
                finding("NUM-12", "colour", word=f"{exp.percent:.1f} %", side=COLOUR_NAMES[exp.colour])
            )
    if exp.adds_up is not None:
        parts["adds_up"] = answer.adds_up == exp.adds_up
        if not exp.adds_up:
            total = sum(case.breakdown.values())
            found.append(
                finding(
                    "NUM-10", "breakdown", word=" + ".join(map(fmt, case.breakdown.values())), side=fmt(total)
                )
            )
    return Graded(case, exp, found, steps(case, exp), parts)


def _cumulation_slip(case: Case, given: float) -> Finding:
    """NUM-08 when percentages were summed, otherwise NUM-09 naming the rule that was applied instead."""
    total, last = float(sum(case.actuals)), case.actuals[-1]  # only asked once a result is reported
    if case.kind == "percentage" and math.isclose(given, total):
        return finding("NUM-08", "lop_actual", word=fmt(given))
    if case.kind == "cumulative" and math.isclose(given, last):
        instead = (
            "You took the last period's result as if it were a running total; here each period reports "
            "only what is new."
        )
    elif case.kind == "non-cumulative" and math.isclose(given, last):
        instead = (
            "You took the latest period only; in a non-cumulative indicator every period's result counts."
        )
    else:
        instead = RULE_OF[case.kind]
    return finding("NUM-09", "lop_actual", word=fmt(given), side=instead)


def _other_convention(case: Case, exp: Expected, given: float | None, tolerance: float) -> str:
    """The name of another convention whose result the learner's number matches, if any ("" if none)."""
    if given is None:
        return ""
    for name, text in CONVENTIONS.items():
        if name == case.convention:
            continue
        value = achievement(name, target=exp.lop_target, actual=exp.lop_actual, baseline=case.baseline)
        if _close(given, value, tolerance):
            return text.split(":")[0].lower()
    return ""


def _why_undefined(case: Case, exp: Expected) -> str:
    if exp.lop_actual is None:
        return "no result has been reported yet"
    if exp.lop_target is None:
        return "there is no target"
    if case.convention == "baseline":
        return "there is no baseline" if case.baseline is None else "the target equals the baseline"
    return "a value of 0 sits in the denominator of the formula"


def set_score(results: list[Graded]) -> int:
    """The share of cases answered right in every part, in %."""
    return round(100 * sum(g.correct for g in results) / len(results)) if results else 0


# --------------------------------------------------------------------------------------------------
# The case file
# --------------------------------------------------------------------------------------------------


def preset_of(entry: dict[str, Any]) -> Preset:
    name = entry.get("preset", "")
    if name == "trainer":
        return trainer_preset(float(entry["green_from"]), float(entry["amber_from"]), entry.get("green_to"))
    if name not in PRESETS:
        raise KeyError(f"preset '{name}' is not one of {', '.join([*PRESETS, 'trainer'])}")
    return PRESETS[name]


def case_of(entry: dict[str, Any]) -> Case:
    """One case from its TOML table ("single" cases give target/actual; periodic ones targets/actuals)."""
    kind = entry.get("cumulation", "single")
    if kind not in KINDS:
        raise KeyError(f"kind '{kind}' is not one of {', '.join(KINDS)}")
    if entry.get("convention") not in CONVENTIONS:
        raise KeyError(f"convention '{entry.get('convention')}' is not one of {', '.join(CONVENTIONS)}")
    if kind == "single":
        targets = (float(entry["target"]),) if "target" in entry else ()
        actuals = (float(entry["actual"]),) if "actual" in entry else ()
    else:
        targets = tuple(float(t) for t in entry["targets"])
        actuals = tuple(float(a) for a in entry.get("actuals", []))
        if len(actuals) > len(targets):
            raise ValueError("more actuals than periods")
    periods = tuple(str(p) for p in entry.get("periods", ()))
    if periods and len(periods) != len(targets):
        raise ValueError("periods and targets differ in length")
    baseline = entry.get("baseline")
    return Case(
        id=str(entry["id"]),
        indicator=str(entry.get("indicator", "")),
        unit=str(entry.get("unit", "")),
        story=str(entry.get("story", "")),
        convention=entry["convention"],
        preset=preset_of(entry),
        kind=kind,
        baseline=None if baseline is None else float(baseline),
        targets=targets,
        actuals=actuals,
        periods=periods,
        breakdown={str(k): float(v) for k, v in entry.get("breakdown", {}).items()},
    )


def read_cases(path: Path) -> list[Case]:
    """Every case of a file, in order; a broken one raises CasesError naming it."""
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise CasesError(f"{path.name}: {err}") from err
    result = []
    for n, entry in enumerate(entries, 1):
        try:
            result.append(case_of(entry))
        except (KeyError, ValueError, TypeError) as err:
            raise CasesError(f"{path.name}, case {entry.get('id', n)}: {err}") from err
    if len({c.id for c in result}) != len(result):
        raise CasesError(f"{path.name}: two cases share an id")
    return result


@functools.cache
def cases() -> tuple[Case, ...]:
    """The exercise's cases, read once per process."""
    return tuple(read_cases(CASES_FILE))

"""A tracking plan for one indicator and country, checked against rules NUM-01 to NUM-07 (ME-METHODS §3.2)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from exercises.rules import Finding, finding
from exercises.tracking import Colour, Convention, Direction, Preset, achievement, status


@dataclass(frozen=True, slots=True)
class Plan:
    """Baseline, target and milestones as a learner sets them; None where nothing was entered."""

    direction: Direction
    percentage: bool
    baseline_year: int | None = None
    baseline: float | None = None
    target_year: int | None = None
    target: float | None = None
    milestones: dict[int, float] = field(default_factory=dict)
    can_be_negative: bool = False


def check_plan(plan: Plan) -> list[Finding]:
    """Findings on the plan's numbers, each naming the field it concerns."""
    found: list[Finding] = []
    if plan.baseline is None or plan.baseline_year is None:
        found.append(finding("NUM-01", "baseline"))
    if plan.target is None or plan.target_year is None:
        found.append(finding("NUM-03", "target"))
    if (
        plan.baseline_year is not None
        and plan.target_year is not None
        and plan.baseline_year >= plan.target_year
    ):
        found.append(finding("NUM-02", "baseline_year", word=str(plan.baseline_year)))
    if plan.baseline is not None and plan.target is not None:
        wrong = plan.target <= plan.baseline if plan.direction == "increase" else plan.target >= plan.baseline
        if wrong:
            side = "above" if plan.direction == "increase" else "below"
            found.append(finding("NUM-04", "target", word=plan.direction, side=side))
    values = {"baseline": plan.baseline, "target": plan.target}
    values.update({f"milestone {year}": v for year, v in sorted(plan.milestones.items())})
    for name, value in values.items():
        if value is None:
            continue
        if plan.percentage and not 0 <= value <= 100:
            found.append(finding("NUM-05", name, word=f"The {name} ({value:g})"))
        elif value < 0 and not plan.can_be_negative:
            found.append(finding("NUM-06", name, word=f"The {name} ({value:g})"))
    found += _milestone_order(plan)
    return found


def _milestone_order(plan: Plan) -> list[Finding]:
    """NUM-07: each milestone at least as close to the target as the one before (from the baseline)."""
    if plan.baseline is None or plan.target is None:
        return []
    sign = 1 if plan.target >= plan.baseline else -1
    previous = plan.baseline
    found = []
    for year, value in sorted(plan.milestones.items()):
        if (value - previous) * sign < 0:
            found.append(finding("NUM-07", f"milestone {year}", word=str(year)))
        previous = value
    return found


def expected_value(plan: Plan, year: int) -> float | None:
    """The interim target for a year: the learner's milestone, or the straight line from the baseline to
    the target (the target itself after the target year); None before the baseline or without both ends."""
    if year in plan.milestones:
        return plan.milestones[year]
    if None in (plan.baseline, plan.target, plan.baseline_year, plan.target_year):
        return None
    b_year, t_year = plan.baseline_year, plan.target_year
    assert b_year is not None and t_year is not None and plan.baseline is not None and plan.target is not None
    if year < b_year or t_year <= b_year:
        return None
    points = sorted({b_year: plan.baseline, **plan.milestones, t_year: plan.target}.items())
    if year >= t_year:
        return plan.target
    (y0, v0), (y1, v1) = next((a, b) for a, b in itertools.pairwise(points) if a[0] <= year <= b[0])
    return v0 + (v1 - v0) * (year - y0) / (y1 - y0)


@dataclass(frozen=True, slots=True)
class YearProgress:
    year: int
    actual: float | None
    expected: float | None
    percent: float | None  # achievement against the year's interim target, under the plan's convention
    colour: Colour


def progress(
    plan: Plan, actuals: dict[int, float], convention: Convention, preset: Preset
) -> list[YearProgress]:
    """Year by year from the baseline year to the target year (and any later data): actual, interim
    target, % achievement against it, colour. A year without data is grey."""
    if plan.baseline_year is None:
        return []
    last = max([plan.target_year or plan.baseline_year, *actuals])
    rows = []
    for year in range(plan.baseline_year, last + 1):
        actual = actuals.get(year)
        expected = expected_value(plan, year)
        percent = achievement(convention, target=expected, actual=actual, baseline=plan.baseline)
        rows.append(YearProgress(year, actual, expected, percent, status(preset, percent)))
    return rows


def latest(rows: list[YearProgress]) -> YearProgress | None:
    """The most recent year with data after the baseline year (the one a report would quote)."""
    return next((r for r in reversed(rows[1:]) if r.actual is not None), None)

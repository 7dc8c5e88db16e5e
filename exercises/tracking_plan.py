"""A tracking plan for one indicator and country, checked against rules NUM-01 to NUM-07 (ME-METHODS §3.2)."""

from __future__ import annotations

from dataclasses import dataclass, field

from exercises.rules import Finding, finding
from exercises.tracking import Direction


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

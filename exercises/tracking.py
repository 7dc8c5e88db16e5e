"""The numbers engine: % achievement under a named convention, traffic-light status under a named
preset, and life-of-plan totals by the cumulation rules (ME-METHODS.md §1.8–1.9, NUM- rules of §3).

Every function is pure. "Cannot assess" is None (shown grey), never a number or an exception: a
target of 0, missing data, or (baseline-adjusted) a baseline equal to the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Convention = Literal["simple", "inverse", "baseline"]
Direction = Literal["increase", "decrease"]
Colour = Literal["green", "amber", "red", "grey"]
Cumulation = Literal["non-cumulative", "cumulative", "percentage"]

CONVENTIONS: dict[Convention, str] = {
    "simple": "Simple ratio: actual ÷ target × 100",
    "inverse": "Inverse, for a decreasing indicator: target ÷ actual × 100",
    "baseline": "Baseline-adjusted: (actual − baseline) ÷ (target − baseline) × 100",
}


def achievement(
    convention: Convention, *, target: float | None, actual: float | None, baseline: float | None = None
) -> float | None:
    """% achievement, or None where the formula is undefined (the grey "cannot assess" state)."""
    if target is None or actual is None:
        return None
    if convention == "simple":
        return None if target == 0 else actual / target * 100
    if convention == "inverse":
        return None if actual == 0 or target == 0 else target / actual * 100
    if baseline is None or target == baseline:
        return None
    return (actual - baseline) / (target - baseline) * 100


def convention_for(direction: Direction, *, baseline_known: bool) -> Convention:
    """The convention a trainer would pick: baseline-adjusted when there is a baseline (it works both
    ways), otherwise the simple ratio, inverted for a decreasing indicator."""
    if baseline_known:
        return "baseline"
    return "inverse" if direction == "decrease" else "simple"


@dataclass(frozen=True, slots=True)
class Preset:
    """Traffic-light bands on % achievement; lower bounds are inclusive (80 % is green at ≥ 80 %)."""

    id: str
    name: str
    green_from: float
    amber_from: float
    green_to: float | None = None  # an upper bound: above it the status is amber ("over the band")
    source: str = ""

    def describe(self) -> str:
        """The bands in words, as the exercise pages show them; an empty amber band is left out."""
        green = f"{self.green_from:g}–{self.green_to:g} %" if self.green_to else f"≥ {self.green_from:g} %"
        bands = (
            [f"{self.amber_from:g} % to below {self.green_from:g} %"]
            if self.amber_from < self.green_from
            else []
        )
        bands += [f"above {self.green_to:g} %"] if self.green_to else []
        amber = f"; amber {' and '.join(bands)}" if bands else ""
        return f"green {green}{amber}; red below {self.amber_from:g} %; grey: cannot assess"


PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        Preset("undp-2014", "UNDP development report card (2014)", 100, 50, source="UNDP 2014 report card"),
        Preset("jica", "JICA ex-post rating, effectiveness", 80, 50, source="JICA ex-post evaluation"),
        Preset(
            "on-track",
            "On track within ±15 % of the target",
            85,
            85,
            green_to=115,
            source="TolaData on-track margin (0.15)",
        ),
    )
}


def trainer_preset(green_from: float, amber_from: float, green_to: float | None = None) -> Preset:
    """A trainer's own bands; amber must start at or below green, and an upper bound above green."""
    if not 0 <= amber_from <= green_from or (green_to is not None and green_to <= green_from):
        raise ValueError("amber must start at or below green, and the upper bound above green")
    return Preset("trainer", "Trainer-defined", green_from, amber_from, green_to)


def status(preset: Preset, percent: float | None) -> Colour:
    """The colour of a % achievement under a preset; None (undefined) is grey."""
    if percent is None:
        return "grey"
    value = round(percent, 6)  # 79.99999999 from float arithmetic is 80
    if preset.green_to is not None and value > preset.green_to:
        return "amber"
    if value >= preset.green_from:
        return "green"
    return "amber" if value >= preset.amber_from else "red"


def life_of_plan(values: Sequence[float | None], cumulation: Cumulation) -> float | None:
    """The total over the periods so far: summed per period (non-cumulative), the running total of
    increments (cumulative), or the latest value, never a sum (percentages)."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    if cumulation == "percentage":
        return known[-1]
    return float(sum(known))


def target_for_plan(period_targets: Sequence[float], cumulation: Cumulation) -> float | None:
    """The life-of-plan target: the sum of period targets (non-cumulative), or the last one
    (cumulative targets are running totals; percentages are never summed)."""
    if not period_targets:
        return None
    return float(sum(period_targets)) if cumulation == "non-cumulative" else float(period_targets[-1])


def fmt(value: float) -> str:
    """A value as people write it: up to two decimals, no trailing zeros ("12980", "57.25", "-11.01")."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value == value else "—"


def explain(
    convention: Convention, *, target: float | None, actual: float | None, baseline: float | None = None
) -> list[str]:
    """The calculation step by step, as a trainer would write it on the board."""
    steps = [CONVENTIONS[convention] + "."]
    if target is None or actual is None:
        return [
            *steps,
            "There is no target or no actual value yet, so achievement cannot be assessed (grey).",
        ]
    if convention == "simple":
        if target == 0:
            return [*steps, "The target is 0: dividing by it is undefined, so the status is grey."]
        return [*steps, f"{fmt(actual)} ÷ {fmt(target)} × 100 = {actual / target * 100:.1f} %."]
    if convention == "inverse":
        if actual == 0 or target == 0:
            return [*steps, "A value of 0 makes the ratio undefined, so the status is grey."]
        return [*steps, f"{fmt(target)} ÷ {fmt(actual)} × 100 = {target / actual * 100:.1f} %."]
    if baseline is None:
        return [*steps, "There is no baseline, so the baseline-adjusted formula cannot be used (grey)."]
    if target == baseline:
        return [
            *steps,
            "The target equals the baseline: no change was planned, so the share is undefined (grey).",
        ]
    done, planned = actual - baseline, target - baseline
    steps += [
        f"Change achieved: {fmt(actual)} − {fmt(baseline)} = {fmt(done)}.",
        f"Change planned: {fmt(target)} − {fmt(baseline)} = {fmt(planned)}.",
        f"{fmt(done)} ÷ {fmt(planned)} × 100 = {done / planned * 100:.1f} %.",
    ]
    if done * planned < 0:
        steps.append(
            "The value moved away from the target since the baseline, so the share of the planned change "
            "achieved is below zero: the trend has to turn before the target can be reached."
        )
    return steps


@dataclass(frozen=True, slots=True)
class Graded:
    correct: bool
    expected: float | None
    steps: list[str]


TOLERANCE = 0.5  # percentage points either side, stated on the exercise page


def grade_percent(
    answer: float | None,
    convention: Convention,
    *,
    target: float | None,
    actual: float | None,
    baseline: float | None = None,
    tolerance: float = TOLERANCE,
) -> Graded:
    """A learner's % against the engine's, within the tolerance; "cannot assess" must be answered None."""
    expected = achievement(convention, target=target, actual=actual, baseline=baseline)
    steps = explain(convention, target=target, actual=actual, baseline=baseline)
    if expected is None:
        return Graded(answer is None, None, steps)
    return Graded(answer is not None and abs(answer - expected) <= tolerance, expected, steps)

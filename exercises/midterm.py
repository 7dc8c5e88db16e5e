"""Mid-term review simulation: evaluation questions matched to the OECD-DAC criteria, each outcome's
progress rated from the data (UNDP 2014 report-card method: the mean of its indicators' % of milestone,
ME-METHODS §1.8 F5 and §1.9), and the learner's findings and recommendations, with a model review."""

from __future__ import annotations

import functools
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from datasets.samples import results_frameworks
from exercises.tracking import PRESETS, Colour, achievement, status

CONTENT = Path(__file__).parent / "content" / "midterm_review"
REVIEW_YEAR = 2019  # the review looks at the data up to the end of this year
PRESET = PRESETS["undp-2014"]
CRITERIA = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")
RATINGS: dict[Colour, str] = {  # an illustrative scale, not an official ASCC one
    "green": "On track",
    "amber": "Partly on track",
    "red": "Off track",
    "grey": "Cannot assess",
}


class ReviewError(ValueError):
    """A review file is broken; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    criterion: str
    why: str


@dataclass(frozen=True, slots=True)
class ModelOutcome:
    findings: str
    recommendation: str


@dataclass(frozen=True, slots=True)
class Review:
    body: str
    context: str
    summary: str
    questions: tuple[Question, ...]
    model: dict[str, ModelOutcome]  # by outcome id

    @property
    def object_id(self) -> str:
        return f"exercise:midterm-review:{self.body}"


def read_review(path: Path) -> Review:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        questions = tuple(Question(q["text"], q["criterion"], q["why"]) for q in data["question"])
        model = {o["outcome_id"]: ModelOutcome(o["findings"], o["recommendation"]) for o in data["outcome"]}
        review = Review(data["body"], data["context"], data["summary"], questions, model)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ReviewError(f"{path.name}: {err}") from err
    except (KeyError, TypeError) as err:
        raise ReviewError(f"{path.name}: missing {err}") from err
    unknown = {q.criterion for q in questions} - set(CRITERIA)
    if unknown:
        raise ReviewError(f"{path.name}: unknown criterion {', '.join(sorted(unknown))}")
    return review


@functools.cache
def reviews() -> dict[str, Review]:
    """Every body's review by body code, read once per process."""
    found = (read_review(p) for p in sorted(CONTENT.glob("*.toml")))
    return {r.body: r for r in found}


# --------------------------------------------------------------------------------------------------
# Ratings from the data
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorRating:
    indicator_id: str
    indicator: str
    year: int | None  # the latest year with data up to the review year
    baseline: float
    milestone: float | None
    actual: float | None
    percent: float | None  # baseline-adjusted against the year's milestone
    colour: Colour


@dataclass(frozen=True, slots=True)
class OutcomeRating:
    outcome_id: str
    outcome: str
    indicators: tuple[IndicatorRating, ...]
    percent: float | None  # the mean of the indicators that can be assessed
    colour: Colour


def rate_indicator(rows: pd.DataFrame, review_year: int = REVIEW_YEAR) -> IndicatorRating:
    """One indicator's rows (one per year): the latest actual up to the review year against its milestone."""
    first = rows.iloc[0]
    reported = rows[(rows["year"] <= review_year) & rows["actual"].notna()].sort_values("year")
    if reported.empty:
        return IndicatorRating(
            first["indicator_id"],
            first["indicator"],
            None,
            float(first["baseline"]),
            None,
            None,
            None,
            "grey",
        )
    last = reported.iloc[-1]
    baseline, milestone, actual = float(last["baseline"]), float(last["milestone"]), float(last["actual"])
    percent = achievement("baseline", target=milestone, actual=actual, baseline=baseline)
    return IndicatorRating(
        last["indicator_id"],
        last["indicator"],
        int(last["year"]),
        baseline,
        milestone,
        actual,
        percent,
        status(PRESET, percent),
    )


@functools.cache
def body_ratings(body: str) -> tuple[OutcomeRating, ...]:
    """A body's outcome ratings on the sample results frameworks, worked out once per process."""
    return tuple(rate_outcomes(results_frameworks(), body))


@functools.cache
def framework_table(body: str, review_year: int = REVIEW_YEAR) -> pd.DataFrame:
    """What the reviewer sees: per indicator its baseline, target, the review year's milestone and the
    actuals reported up to the review year, as text ("—" where nothing was reported)."""
    frame = results_frameworks()
    mine = frame[(frame["body"] == body) & (frame["year"] <= review_year)]
    index = ["outcome_id", "indicator"]
    first = mine.groupby(index, sort=False).first()
    actuals = mine.pivot_table(index=index, columns="year", values="actual", aggfunc="first")
    columns = {
        f"Baseline ({int(first['baseline_year'].iloc[0])})": first["baseline"],
        f"Target ({int(first['target_year'].iloc[0])})": first["target"],
        f"Milestone {review_year}": mine[mine["year"] == review_year].set_index(index)["milestone"],
        **{f"Actual {y}": actuals[y] for y in actuals.columns},
    }
    table = pd.DataFrame(columns).reindex(first.index)
    text = table.map(lambda v: "—" if pd.isna(v) else f"{float(v):.2f}".rstrip("0").rstrip("."))
    return (
        text.reset_index(level="indicator").rename_axis("Outcome").rename(columns={"indicator": "Indicator"})
    )


def rate_outcomes(frame: pd.DataFrame, body: str, review_year: int = REVIEW_YEAR) -> list[OutcomeRating]:
    """Each of a body's outcomes, rated from its indicators (UNDP 2014: mean % of milestone)."""
    result = []
    mine = frame[frame["body"] == body]
    for outcome_id, rows in mine.groupby("outcome_id", sort=False):
        indicators = tuple(
            rate_indicator(r, review_year) for _, r in rows.groupby("indicator_id", sort=False)
        )
        known = [i.percent for i in indicators if i.percent is not None]
        percent = sum(known) / len(known) if known else None
        result.append(
            OutcomeRating(
                str(outcome_id), rows.iloc[0]["outcome"], indicators, percent, status(PRESET, percent)
            )
        )
    return result


# --------------------------------------------------------------------------------------------------
# The learner's review, checked
# --------------------------------------------------------------------------------------------------

NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class OutcomeCheck:
    rating: OutcomeRating
    given: Colour | None
    tips: list[str]

    @property
    def agrees(self) -> bool:
        return self.given == self.rating.colour


def check_writing(findings: str, recommendation: str) -> list[str]:
    """What a reviewer would ask of the learner's text: evidence in the findings, an action in the
    recommendation. Advice only: writing is not scored."""
    tips = []
    if not findings.strip():
        tips.append("Write your findings: what the data show for this outcome, and what may explain it.")
    elif not NUMBER.search(findings):
        tips.append(
            "Your findings quote no figure: cite the indicator values or the % of milestone as evidence."
        )
    words = recommendation.split()
    if not words:
        tips.append("Add a recommendation: who should do what, by when.")
    elif len(words) < 8:
        tips.append("Your recommendation is very short: say who should act, what they should do and by when.")
    return tips


def check_review(
    review: Review,
    ratings: list[OutcomeRating],
    criteria: list[str | None],
    given: dict[str, Colour | None],
    writing: dict[str, tuple[str, str]],
) -> tuple[list[bool], list[OutcomeCheck]]:
    """Which questions were matched to their criterion, and each outcome's rating against the data."""
    matched = [answer == q.criterion for q, answer in zip(review.questions, criteria, strict=True)]
    outcomes = [
        OutcomeCheck(r, given.get(r.outcome_id), check_writing(*writing.get(r.outcome_id, ("", ""))))
        for r in ratings
    ]
    return matched, outcomes


def review_score(matched: list[bool], outcomes: list[OutcomeCheck]) -> int:
    """% of the questions matched and the outcomes rated as the data say."""
    total = len(matched) + len(outcomes)
    right = sum(matched) + sum(o.agrees for o in outcomes)
    return math.floor(100 * right / total + 0.5) if total else 0

"""Exercise attempts and submissions as statements, and each learner's exercise status derived from them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from progress.statements import Actor, Event, record

EXERCISES = {
    "results-chain": "Results chain",
    "indicator-clinic": "Indicator clinic",
    "logframe": "Logframe",
    "assumptions": "Assumption screening",
    "tracker": "Indicator tracking",
    "alignment": "Work-plan alignment",
    "midterm-review": "Mid-term review",
}
LOGFRAME_OBJECT = "exercise:logframe"
TRACKING_CASES = "exercise:tracker:cases"


def tracking_plan_object(indicator_id: str, country: str) -> str:
    """The object of a submitted tracking plan: one per indicator and Member State."""
    return f"exercise:tracker:plan:{indicator_id}:{country}"


def exercise_of(object_id: str) -> str | None:
    """Which exercise a statement's object belongs to ("exercise:<name>:<item>"); the broken-link
    variant counts with the results chain."""
    if not object_id.startswith("exercise:"):
        return None
    name = object_id.split(":")[1]
    return "results-chain" if name == "broken-link" else name if name in EXERCISES else None


def record_attempt(
    session: Session,
    actor: Actor,
    object_id: str,
    nonce: str,
    *,
    score: float,
    response: Any,
    findings: list[str] | None = None,
) -> bool:
    """A checked try that is not yet a submission (an indicator checked in the clinic)."""
    return record(
        session,
        actor,
        "attempted",
        object_id,
        f"attempted:{actor.id}:{object_id}:{nonce}",
        response=response,
        score=score,
        extra={"findings": findings or []},
    )


def record_submission(
    session: Session,
    actor: Actor,
    object_id: str,
    nonce: str,
    *,
    score: float,
    response: Any,
    success: bool | None = None,
    findings: list[str] | None = None,
) -> bool:
    """A submitted piece of work with its score; a repeated click with the same nonce records nothing."""
    return record(
        session,
        actor,
        "completed",
        object_id,
        f"submitted:{actor.id}:{object_id}:{nonce}",
        response=response,
        score=score,
        success=success,
        completion=True,
        extra={"findings": findings or []},
    )


def record_answer(
    session: Session, actor: Actor, object_id: str, nonce: str, *, response: Any, correct: bool
) -> bool:
    """One answer to a single-item task (which link of a chain is broken)."""
    return record(
        session,
        actor,
        "answered",
        object_id,
        f"answered:{actor.id}:{object_id}:{nonce}",
        response=response,
        score=1.0 if correct else 0.0,
        success=correct,
    )


@dataclass(frozen=True, slots=True)
class ExerciseStatus:
    """Where a learner stands in one exercise: items submitted, best score per item averaged, tries."""

    exercise: str
    submitted: int  # items with a submission (rounds for the results chain)
    attempts: int  # every checked try and submission
    score: float | None  # mean of the best submitted score per item
    draft: bool

    @property
    def state(self) -> str:
        if self.submitted:
            return "submitted"
        return "in progress" if self.attempts or self.draft else "not started"

    def label(self) -> str:
        """Short text for a roster cell: "2 done · 85%", "draft", "—"."""
        if self.submitted:
            return f"{self.submitted} done · {round(self.score or 0)}%"
        return "in progress" if self.state == "in progress" else "—"


def exercise_statuses(events: list[Event], drafts: set[str] = frozenset()) -> dict[str, ExerciseStatus]:
    """Each exercise's status for one learner, from their statements and the names of their drafts."""
    best: dict[str, dict[str, float]] = defaultdict(dict)
    tries: dict[str, int] = defaultdict(int)
    for e in events:
        name = exercise_of(e.object_id)
        if name is None:
            continue
        tries[name] += 1
        if e.verb == "completed" and e.score is not None:
            item = e.object_id if name != "results-chain" else f"{e.object_id}#{tries[name]}"
            best[name][item] = max(best[name].get(item, 0.0), float(e.score))
    drafted = {exercise_of(d) for d in drafts}
    result = {}
    for name in EXERCISES:
        scores = best.get(name, {})
        if name == "results-chain" and scores:  # rounds: the best round counts
            mean: float | None = max(scores.values())
        else:
            mean = sum(scores.values()) / len(scores) if scores else None
        result[name] = ExerciseStatus(name, len(scores), tries.get(name, 0), mean, name in drafted)
    return result

"""Tables derived from statements: a learner's progress and a cohort's roster."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from modules.catalog import Curriculum
from progress.models import Person
from progress.practice import EXERCISES, exercise_statuses
from progress.statements import Event
from progress.summary import module_progress


@dataclass(frozen=True, slots=True)
class ModuleRow:
    """One module of a learner's own progress page."""

    title: str
    percent: float
    lessons_done: int
    lessons_total: int
    checks_correct: int
    checks_total: int
    quiz_best: float | None
    quiz_passed: bool
    last_activity: dt.datetime | None


def my_progress_rows(cur: Curriculum, events: list[Event]) -> list[ModuleRow]:
    """One row per module for the learner's own progress page."""
    rows = []
    for m in cur.modules:
        p = module_progress(m, events)
        rows.append(
            ModuleRow(
                title=f"{m.number}. {m.title}",
                percent=p.percent,
                lessons_done=p.lessons_complete,
                lessons_total=p.lessons_total,
                checks_correct=p.checks_correct,
                checks_total=p.checks_total,
                quiz_best=p.quiz.best_percent if p.quiz else None,
                quiz_passed=bool(p.quiz and p.quiz.passed),
                last_activity=p.last_activity,
            )
        )
    return rows


def roster_rows(cur: Curriculum, people: list[Person], events: list[Event]) -> list[dict[str, object]]:
    """One row per participant: profile, then per module completion, checks and quiz score."""
    by_actor: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_actor[e.actor_id].append(e)
    rows: list[dict[str, object]] = []
    for person in people:
        own = by_actor.get(person.id, [])
        row: dict[str, object] = {
            "name": person.display_name,
            "member state": person.member_state,
            "sectoral body": person.sectoral_body,
            "last activity": max((e.timestamp for e in own), default=None),
        }
        for m in cur.modules:
            p = module_progress(m, own)
            row[f"M{m.number} completion"] = round(p.percent)
            row[f"M{m.number} checks correct"] = f"{p.checks_correct}/{p.checks_total}"
            row[f"M{m.number} quiz best"] = (
                None if not p.quiz or p.quiz.best_percent is None else round(p.quiz.best_percent)
            )
        rows.append(row)
    return rows


def exercise_rows(
    people: list[Person], events: list[Event], drafts: set[tuple[int, str]]
) -> list[dict[str, object]]:
    """One row per participant: per exercise, items done with the mean best score, or in progress, or "—"."""
    by_actor: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_actor[e.actor_id].append(e)
    drafted: dict[int, set[str]] = defaultdict(set)
    for person_id, name in drafts:
        drafted[person_id].add(name)
    rows: list[dict[str, object]] = []
    for person in people:
        statuses = exercise_statuses(by_actor.get(person.id, []), drafted.get(person.id, set()))
        row: dict[str, object] = {"name": person.display_name, "sectoral body": person.sectoral_body}
        for name in EXERCISES:
            row[name] = statuses[name].label()
        rows.append(row)
    return rows

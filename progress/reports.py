"""Tables derived from statements: a learner's progress and a cohort's roster."""

from __future__ import annotations

from collections import defaultdict

from modules.catalog import Curriculum
from progress.models import Person
from progress.statements import Event
from progress.summary import module_progress


def my_progress_rows(cur: Curriculum, events: list[Event]) -> list[dict[str, object]]:
    """One row per module for the learner's own progress page."""
    rows: list[dict[str, object]] = []
    for m in cur.modules:
        p = module_progress(m, events)
        rows.append(
            {
                "module": f"{m.number}. {m.title}",
                "completion": round(p.percent),
                "lessons": f"{p.lessons_complete} / {p.lessons_total}",
                "checks correct": f"{p.checks_correct} / {p.checks_total}",
                "quiz best": None
                if not p.quiz or p.quiz.best_percent is None
                else round(p.quiz.best_percent),
                "quiz passed": bool(p.quiz and p.quiz.passed),
                "last activity": p.last_activity,
            }
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
            "joined": person.created_at,
            "last activity": max((e.timestamp for e in own), default=None),
        }
        for m in cur.modules:
            p = module_progress(m, own)
            row[f"M{m.number} completion %"] = round(p.percent)
            row[f"M{m.number} checks correct"] = f"{p.checks_correct}/{p.checks_total}"
            row[f"M{m.number} quiz best %"] = (
                None if not p.quiz or p.quiz.best_percent is None else round(p.quiz.best_percent)
            )
        rows.append(row)
    return rows

"""The live room: what a cohort is doing now, who needs help, and how the room answers a question.

Every query aggregates in the database over a recent window of the cohort's statements (indexed by
cohort and time), so the page can refresh every few seconds for 70 people, or 1,000.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from progress.models import Person, Statement, utcnow

WRONG_IN_A_ROW = 3  # wrong answers on one question, none right: needs help
STUCK_AFTER = dt.timedelta(minutes=8)  # on one exercise, with tries but no submission
IDLE_AFTER = dt.timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Now:
    """A participant's latest statement in the window (None: nothing in it)."""

    person_id: int
    name: str
    member_state: str
    sectoral_body: str
    object_id: str | None
    verb: str | None
    at: dt.datetime | None

    def idle(self, now: dt.datetime) -> bool:
        return self.at is None or now - self.at > IDLE_AFTER


def _latest_ids(cohort_id: int, since: dt.datetime) -> Select[tuple[int]]:
    """Each participant's newest statement in the window (its id), as a subquery."""
    return (
        select(func.max(Statement.id))
        .where(Statement.cohort_id == cohort_id, Statement.timestamp >= since)
        .group_by(Statement.actor_id)
    )


def room_now(session: Session, cohort_id: int, since: dt.datetime) -> list[Now]:
    """Each participant with their latest statement since `since`: one grouped query and one lookup."""
    last = {
        actor: (obj, verb, ts)
        for actor, obj, verb, ts in session.execute(
            select(Statement.actor_id, Statement.object_id, Statement.verb, Statement.timestamp).where(
                Statement.id.in_(_latest_ids(cohort_id, since))
            )
        )
    }
    people = session.execute(
        select(Person.id, Person.display_name, Person.member_state, Person.sectoral_body)
        .where(Person.cohort_id == cohort_id, Person.role == "learner")
        .order_by(Person.display_name)
    )
    return [
        Now(pid, name, state or "", body or "", *last.get(pid, (None, None, None)))
        for pid, name, state, body in people
    ]


@dataclass(frozen=True, slots=True)
class Flag:
    """A participant who needs help, why, with what they answered."""

    person_id: int
    name: str
    object_id: str
    reason: str  # "wrong" (three wrong answers) | "stuck" (long on one exercise)
    since: dt.datetime
    answers: tuple[Any, ...] = ()


def needs_help(
    session: Session,
    cohort_id: int,
    since: dt.datetime,
    checks: Iterable[str],
    now: dt.datetime | None = None,
) -> list[Flag]:
    """Three wrong answers on one knowledge check with none right, and exercises tried for a while without
    a submission; the newest first."""
    now = now or utcnow()
    checks = list(checks)
    recent = and_(Statement.cohort_id == cohort_id, Statement.timestamp >= since)
    wrong = func.sum(case((Statement.success.is_(False), 1), else_=0))
    right = func.sum(case((Statement.success.is_(True), 1), else_=0))
    rows = session.execute(
        select(Statement.actor_id, Statement.object_id, func.max(Statement.timestamp))
        .where(recent, Statement.verb == "answered", Statement.object_id.in_(checks))
        .group_by(Statement.actor_id, Statement.object_id)
        .having(and_(wrong >= WRONG_IN_A_ROW, right == 0))
    ).all()
    names = dict(
        session.execute(select(Person.id, Person.display_name).where(Person.cohort_id == cohort_id)).all()
    )
    flags = []
    if rows:
        given: dict[tuple[int, str], list[Any]] = {}
        pairs = {(a, o) for a, o, _ in rows}
        for actor, obj, response in session.execute(
            select(Statement.actor_id, Statement.object_id, Statement.response)
            .where(recent, Statement.verb == "answered", Statement.object_id.in_({o for _, o in pairs}))
            .order_by(Statement.id)
        ):
            if (actor, obj) in pairs:
                given.setdefault((actor, obj), []).append(None if response is None else json.loads(response))
        flags += [
            Flag(a, names.get(a, "?"), o, "wrong", ts, tuple(given.get((a, o), []))) for a, o, ts in rows
        ]
    flags += _stuck(session, cohort_id, since, now, names)
    return sorted(flags, key=lambda f: f.since, reverse=True)


def _stuck(
    session: Session, cohort_id: int, since: dt.datetime, now: dt.datetime, names: dict[int, str]
) -> list[Flag]:
    """A participant whose latest statement is a try on an exercise item (not a submission), older than
    STUCK_AFTER: they have been working on it, without getting through, for a while."""
    rows = session.execute(
        select(Statement.actor_id, Statement.object_id, Statement.timestamp, Statement.response).where(
            Statement.id.in_(_latest_ids(cohort_id, since)),
            Statement.object_id.startswith("exercise:"),
            Statement.verb.in_(("attempted", "answered")),
            Statement.success.is_not(True),
        )
    )
    return [
        Flag(a, names.get(a, "?"), o, "stuck", ts, () if r is None else (json.loads(r),))
        for a, o, ts, r in rows
        if now - ts > STUCK_AFTER
    ]


@dataclass(frozen=True, slots=True)
class ItemCounts:
    object_id: str
    started: int  # people with any statement on it
    completed: int  # people who completed, passed or submitted it


def item_counts(session: Session, cohort_id: int, since: dt.datetime) -> list[ItemCounts]:
    """Per lesson, quiz, test and exercise item: how many people started it and how many finished it."""
    done = func.count(func.distinct(case((Statement.verb.in_(("completed", "passed")), Statement.actor_id))))
    rows = session.execute(
        select(Statement.object_id, func.count(func.distinct(Statement.actor_id)), done)
        .where(
            Statement.cohort_id == cohort_id,
            Statement.timestamp >= since,
            or_(*(Statement.object_id.startswith(p) for p in ("lesson:", "quiz:", "test:", "exercise:"))),
        )
        .group_by(Statement.object_id)
    )
    return [ItemCounts(o, int(s), int(c)) for o, s, c in rows]


@dataclass(frozen=True, slots=True)
class Distribution:
    object_id: str
    answers: list[tuple[str, bool, int]]  # answer as text, right or not, how many gave it; most first
    people: int

    @property
    def common_wrong(self) -> tuple[str, int] | None:
        return next(((a, n) for a, ok, n in self.answers if not ok), None)


def answer_distribution(session: Session, cohort_id: int, object_id: str, since: dt.datetime) -> Distribution:
    """How the room answered one question (every attempt counts), grouped in the database."""
    rows = session.execute(
        select(
            Statement.response, Statement.success, func.count(), func.count(func.distinct(Statement.actor_id))
        )
        .where(
            Statement.cohort_id == cohort_id,
            Statement.object_id == object_id,
            Statement.verb == "answered",
            Statement.timestamp >= since,
        )
        .group_by(Statement.response, Statement.success)
    ).all()
    counted: Counter[tuple[str, bool]] = Counter()
    for response, success, n, _people in rows:
        counted[(_as_text(response), bool(success))] += int(n)
    people = session.scalar(
        select(func.count(func.distinct(Statement.actor_id))).where(
            Statement.cohort_id == cohort_id,
            Statement.object_id == object_id,
            Statement.verb == "answered",
            Statement.timestamp >= since,
        )
    )
    answers = sorted(((a, ok, n) for (a, ok), n in counted.items()), key=lambda t: (-t[2], t[0]))
    return Distribution(object_id, answers, int(people or 0))


def _as_text(response: str | None) -> str:
    return "(no answer)" if response is None else answer_text(json.loads(response))


def answer_text(value: Any) -> str:
    """An answer as a trainer reads it: choices joined, pairs as left → right."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k} → {v}" for k, v in value.items())
    return str(value)


def recently_answered(
    session: Session, cohort_id: int, since: dt.datetime, checks: Iterable[str]
) -> list[str]:
    """The knowledge checks the room answered in the window, the most recent first."""
    newest = func.max(Statement.id)
    rows = session.execute(
        select(Statement.object_id, newest)
        .where(
            Statement.cohort_id == cohort_id,
            Statement.timestamp >= since,
            Statement.verb == "answered",
            Statement.object_id.in_(list(checks)),
        )
        .group_by(Statement.object_id)
        .order_by(newest.desc())
    )
    return [o for o, _ in rows]


@dataclass(frozen=True, slots=True)
class Step:
    at: dt.datetime
    verb: str
    object_id: str
    response: Any
    score: float | None
    success: bool | None


def timeline(session: Session, cohort_id: int, person_id: int) -> list[Step]:
    """Everything one participant did, in order (the drill-down); only within the trainer's cohort."""
    rows = session.execute(
        select(
            Statement.timestamp,
            Statement.verb,
            Statement.object_id,
            Statement.response,
            Statement.score,
            Statement.success,
        )
        .where(Statement.cohort_id == cohort_id, Statement.actor_id == person_id)
        .order_by(Statement.id)
    )
    return [Step(ts, v, o, None if r is None else json.loads(r), sc, ok) for ts, v, o, r, sc, ok in rows]

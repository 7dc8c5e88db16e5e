"""Write learning statements once (idempotently) and read them back as plain events."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Select, bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from progress.models import Statement, utcnow

VERBS = ("viewed", "answered", "hinted", "attempted", "completed", "passed", "failed")


class Actor(Protocol):
    """Who a statement is about: a Person row, or the signed-in learner's ids (no query needed)."""

    @property
    def id(self) -> int: ...

    @property
    def cohort_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: int
    cohort_id: int | None


@dataclass(frozen=True, slots=True)
class Event:
    """A statement as the pure summaries see it."""

    actor_id: int
    verb: str
    object_id: str
    response: Any
    score: float | None
    success: bool | None
    attempt: int | None
    timestamp: dt.datetime
    extra: dict[str, Any]


class AttemptTaken(Exception):
    """Another writer recorded this attempt number of the learner on this object first (another tab
    answering at the same moment): read the learner's attempts again before trying once more."""


# Built once, like the reads below: a page open writes a statement, and building the insert cost a
# third of running it. Both unique keys are arbiters: the idempotency key (a repeated request) and
# (actor, object, attempt) (two writers taking the same attempt number; see AttemptTaken).
_INSERTS = {
    dialect: insert(Statement).on_conflict_do_nothing().returning(Statement.id)
    for dialect, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_KEY_EXISTS = select(Statement.id).where(Statement.idempotency_key == bindparam("key"))


_clock: ContextVar[Callable[[], dt.datetime]] = ContextVar("statement_clock", default=utcnow)


@contextmanager
def clock(now: Callable[[], dt.datetime]) -> Iterator[None]:
    """Statements recorded inside take their timestamp from `now` instead of the wall clock: the
    demo workshop (progress/demo.py) is recorded as if it had happened over three days."""
    token = _clock.set(now)
    try:
        yield
    finally:
        _clock.reset(token)


def record(
    session: Session,
    actor: Actor,
    verb: str,
    object_id: str,
    key: str,
    *,
    response: Any = None,
    score: float | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    attempt: int | None = None,
    extra: dict[str, Any] | None = None,
    language: str = "en",
) -> bool:
    """Insert one statement unless its idempotency key exists; True if this call wrote it.

    A statement with an attempt number takes that number for good: if another statement of the same
    actor and object holds it already, this raises AttemptTaken and writes nothing."""
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}")
    values = {
        "idempotency_key": key[:200],
        "actor_id": actor.id,
        "verb": verb,
        "object_id": object_id,
        "response": None if response is None else json.dumps(response, ensure_ascii=False),
        "score": score,
        "success": success,
        "completion": completion,
        "cohort_id": actor.cohort_id,
        "attempt": attempt,
        "language": language,
        "extra": extra,
        "timestamp": _clock.get()(),
    }
    stmt = _INSERTS["postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite"]
    if session.execute(stmt, values).scalar_one_or_none() is not None:
        return True
    if attempt is not None and session.execute(_KEY_EXISTS, {"key": key[:200]}).first() is None:
        raise AttemptTaken(f"{object_id} attempt {attempt}")
    return False


_COLUMNS = (
    Statement.actor_id,
    Statement.verb,
    Statement.object_id,
    Statement.response,
    Statement.score,
    Statement.success,
    Statement.attempt,
    Statement.timestamp,
    Statement.extra,
)


# Built once: pages read statements on every run, and building a query cost about as much as running it.
_BY_ACTOR = select(*_COLUMNS).where(Statement.actor_id == bindparam("actor")).order_by(Statement.id)
_BY_ACTOR_AND_OBJECTS = _BY_ACTOR.where(Statement.object_id.in_(bindparam("objects", expanding=True)))
_BY_COHORT = select(*_COLUMNS).where(Statement.cohort_id == bindparam("cohort")).order_by(Statement.id)
_BY_COHORT_AND_PREFIX = _BY_COHORT.where(
    Statement.object_id.startswith(bindparam("prefix"))
)  # no % or _ in it


def _fetch(session: Session, query: Select[Any], params: dict[str, Any]) -> list[Event]:
    """Plain column rows, not ORM objects: summaries read thousands of statements per page."""
    return [
        Event(
            actor, verb, obj, None if resp is None else json.loads(resp), score, ok, attempt, ts, extra or {}
        )
        for actor, verb, obj, resp, score, ok, attempt, ts, extra in session.execute(query, params)
    ]


def events_of(session: Session, person_id: int, object_ids: Iterable[str] | None = None) -> list[Event]:
    """A learner's statements in the order they happened, optionally for some objects only."""
    if object_ids is None:
        return _fetch(session, _BY_ACTOR, {"actor": person_id})
    return _fetch(session, _BY_ACTOR_AND_OBJECTS, {"actor": person_id, "objects": list(object_ids)})


def events_of_cohort(session: Session, cohort_id: int, prefix: str = "") -> list[Event]:
    """A cohort's statements in order; with `prefix`, only those whose object id starts with it."""
    if prefix:
        return _fetch(session, _BY_COHORT_AND_PREFIX, {"cohort": cohort_id, "prefix": prefix})
    return _fetch(session, _BY_COHORT, {"cohort": cohort_id})

"""Exercise drafts as State rows: saved as the learner works, read back on any device, never scored."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from progress.models import Person, State

PREFIX = "draft:"
MAX_BYTES = 256_000  # far above a full logframe (~30 KB); keeps a runaway paste out of the database


class DraftTooLarge(ValueError):
    """The draft is larger than MAX_BYTES; the message says by how much."""


def save_draft(session: Session, person_id: int, name: str, value: dict[str, Any]) -> bool:
    """Keep the draft under `name` (replacing the last one); False if it was already saved as it is."""
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if size > MAX_BYTES:
        raise DraftTooLarge(f"The draft is {size // 1000} KB; the limit is {MAX_BYTES // 1000} KB.")
    key = PREFIX + name
    row = session.get(State, (person_id, key))
    if row is None:
        session.add(State(person_id=person_id, key=key, value=value))
        return True
    if row.value == value:
        return False
    row.value = value
    return True


def load_draft(session: Session, person_id: int, name: str) -> dict[str, Any] | None:
    row = session.get(State, (person_id, PREFIX + name))
    return None if row is None else dict(row.value)


def delete_draft(session: Session, person_id: int, name: str) -> None:
    row = session.get(State, (person_id, PREFIX + name))
    if row is not None:
        session.delete(row)
        session.flush()  # a read in the same transaction must not find it


def cohort_drafts(session: Session, cohort_id: int) -> set[tuple[int, str]]:
    """(person id, draft name) of every draft kept by a cohort's members: for "in progress" on the roster."""
    query = (
        select(State.person_id, State.key)
        .join(Person, Person.id == State.person_id)
        .where(Person.cohort_id == cohort_id, State.key.startswith(PREFIX, autoescape=True))
    )
    return {(pid, key[len(PREFIX) :]) for pid, key in session.execute(query)}


def draft_names(session: Session, person_id: int) -> set[str]:
    """The names of a learner's drafts (for "in progress" on their own pages)."""
    query = select(State.key).where(
        State.person_id == person_id, State.key.startswith(PREFIX, autoescape=True)
    )
    return {key[len(PREFIX) :] for key in session.scalars(query)}

"""A learner's workspace: data files they chose to keep, stored as State rows (drafts, never scores)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from progress.models import State, utcnow

PREFIX = "workspace:data:"
MAX_FILES = 5
NAME_MAX = 120
COLUMNS = ["iso3", "year", "indicator", "value", "sex", "location", "age"]


class WorkspaceFull(Exception):
    """The learner already keeps MAX_FILES files: one must go before another is saved."""


def _key(name: str) -> str:
    return PREFIX + name[:NAME_MAX]


def save_dataset(session: Session, person_id: int, name: str, frame: pd.DataFrame) -> None:
    """Keep a checked table under its file name (saving the same name again replaces it)."""
    existing = session.get(State, (person_id, _key(name)))
    if existing is None and len(saved_datasets(session, person_id)) >= MAX_FILES:
        raise WorkspaceFull(name)
    value = {
        "name": name[:NAME_MAX],
        "saved_at": utcnow().isoformat(),
        "csv": frame[COLUMNS].to_csv(index=False),
    }
    if existing is None:
        session.add(State(person_id=person_id, key=_key(name), value=value))
    else:
        existing.value = value


def saved_datasets(session: Session, person_id: int) -> list[tuple[str, dt.datetime]]:
    """(name, saved at) of every kept file, newest first."""
    rows = session.scalars(
        select(State).where(State.person_id == person_id, State.key.startswith(PREFIX, autoescape=True))
    )
    found = [(r.value["name"], dt.datetime.fromisoformat(r.value["saved_at"])) for r in rows]
    return sorted(found, key=lambda f: f[1], reverse=True)


def load_dataset(session: Session, person_id: int, name: str) -> pd.DataFrame | None:
    row = session.get(State, (person_id, _key(name)))
    if row is None:
        return None
    return pd.read_csv(io.StringIO(row.value["csv"]), dtype=str, keep_default_na=False)


def delete_dataset(session: Session, person_id: int, name: str) -> None:
    row = session.get(State, (person_id, _key(name)))
    if row is not None:
        session.delete(row)

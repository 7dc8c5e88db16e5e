"""The app on a fresh database, for every AppTest module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from progress import db as store
from progress.accounts import create_trainer
from progress.cohorts import adopt_unowned_cohorts, demo_cohort

PASSWORD = "a long trainer password"


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app on a fresh SQLite database with the demo cohort and one trainer; yields the room code."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.sqlite3'}")
    store.sessions.cache_clear()
    with store.sessions().begin() as db:
        code = demo_cohort(db).room_code
        adopt_unowned_cohorts(db, create_trainer(db, "trainer1", "Trainer One", PASSWORD))
    yield code
    store.sessions.cache_clear()

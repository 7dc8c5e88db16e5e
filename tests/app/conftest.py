"""The app on a fresh database, for every AppTest module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

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


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Callable[[AppTest], dict[str, tuple[str, str, bytes]]]:
    """Each download button's label → (file name, MIME type, the bytes a click builds). AppTest drops its
    media manager after a run, so the page's deferred callables are caught as the page registers them."""
    caught: dict[str, tuple[str, str, Callable[[], bytes]]] = {}
    register = MediaFileManager.add_deferred

    def spy(self, make, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, make, mimetype, coordinates, file_name=file_name, **kwargs)
        caught[file_id] = (file_name, mimetype, make)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return lambda at: {
        b.proto.label: (name, mime, make())
        for b in at.get("download_button")
        for name, mime, make in [caught[b.proto.deferred_file_id]]
    }

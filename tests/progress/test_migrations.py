"""Alembic migrations create exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from progress.db import is_current, make_engine, migrate
from progress.models import Base


def test_migrations_match_models(database_url):
    engine = make_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_migrate_is_idempotent_and_sqlite_pragmas_are_on(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'a.sqlite3'}")
    migrate(engine)
    migrate(engine)
    assert is_current(engine)
    assert {"statement", "state", "person", "cohort"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()

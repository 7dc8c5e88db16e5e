"""Alembic migrations create exactly the schema the models describe."""

from __future__ import annotations

import concurrent.futures
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

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


@pytest.mark.postgres
def test_replicas_starting_together_on_an_empty_database_migrate_once(postgres_server):
    """Replicas started at the same moment on an empty PostgreSQL database all end on the newest schema."""
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    name = f"empty_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engines = [make_engine(f"{postgres_server}/{name}") for _ in range(3)]
    try:
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            list(pool.map(migrate, engines))  # without the advisory lock, two would create the same tables
        assert all(is_current(e) for e in engines)
    finally:
        for e in engines:
            e.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def test_an_existing_database_keeps_its_people_through_the_trainer_workspace_migration(tmp_path):
    from alembic import command

    from progress.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:  # a learner with a statement: the person table is referenced
        conn.execute(
            text(
                "INSERT INTO person (id, role, display_name, created_at) "
                "VALUES (1, 'learner', 'Lan', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO statement (idempotency_key, actor_id, verb, object_id, language, timestamp) "
                "VALUES ('k', 1, 'viewed', 'lesson:m1/x', 'en', '2026-01-01')"
            )
        )
    migrate(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT display_name, email, email_consent, is_admin FROM person")).one()
    engine.dispose()
    assert tuple(row) == ("Lan", None, 0, 0)

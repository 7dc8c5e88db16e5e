"""Alembic migrations create exactly the schema the models describe, and carry every row from any earlier
revision to head (and back down), on SQLite and PostgreSQL."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Column, Engine, MetaData, Table, create_engine, func, inspect, select, text
from sqlalchemy.orm import Session

from progress.db import MIGRATIONS_DIR, alembic_config, is_current, make_engine, migrate
from progress.models import Base, Statement
from progress.statements import ActorRef, record


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


# --------------------------------------------------------------------------------------------------
# Every earlier revision to head, with a row in every table
# --------------------------------------------------------------------------------------------------

SCRIPTS = ScriptDirectory(str(MIGRATIONS_DIR))
REVISIONS = [s.revision for s in reversed(list(SCRIPTS.walk_revisions()))]  # oldest first, head last
WHEN = dt.datetime(2026, 11, 24, 8, 30, 15, 123_456)
# Columns whose values mean something to the app get a value it could have written.
MEANINGFUL = {
    "role": "learner",
    "verb": "answered",
    "language": "en",
    "member_state": "VNM",
    "sectoral_body": "ACDM",
    "room_code": "HANOI19",
    "object_id": "lesson:m1/monitoring-vs-evaluation",
}
# What a row that existed before a column was added holds in it after the upgrade.
NEW_COLUMNS = {
    ("cohort", "venue"): None,
    ("cohort", "agenda"): None,
    ("person", "email"): None,
    ("person", "email_consent"): False,
    ("person", "is_admin"): False,
}


class _NotNull:
    """Equal to any value but NULL: a new NOT NULL column whose default is computed."""

    def __eq__(self, other: object) -> bool:
        return other is not None

    def __repr__(self) -> str:
        return "<any value but NULL>"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Engine]]:
    """Makes empty databases (no table, not even Alembic's) on each backend: each call, a new one."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else ""
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT") if server else None
    engines: list[Engine] = []
    names: list[str] = []

    def new() -> Engine:
        if admin is None:
            engines.append(make_engine(f"sqlite:///{tmp_path / f'empty-{len(engines)}.sqlite3'}"))
            return engines[-1]
        names.append(f"empty_{uuid.uuid4().hex[:12]}")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {names[-1]}"))
        engines.append(make_engine(f"{server}/{names[-1]}"))
        return engines[-1]

    yield new
    for engine in engines:
        engine.dispose()
    if admin is not None:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _value(table: Table, column: Column[Any], n: int) -> Any:
    """A value of the column's type that the database must give back unchanged."""
    if isinstance(column.type, JSON):
        return {"seeded": table.name, "items": [1, 2.5, "Việt Nam", None, True]}
    python = column.type.python_type
    if python is bool:
        return True  # never the default, so a default that overwrites it shows
    if python is int:
        return 40 + n
    if python is float:
        return 0.75
    if python is str:
        value = MEANINGFUL.get(column.name, f"{table.name}.{column.name} Việt Nam")
        return value[: column.type.length] if column.type.length else value
    if python is dt.datetime:
        return WHEN + dt.timedelta(days=n)
    if python is dt.date:
        return WHEN.date() + dt.timedelta(days=n)
    raise AssertionError(f"no seed value for {table.name}.{column.name} ({column.type!r}): add one to _value")


def seed(engine: Engine) -> dict[str, dict[str, Any]]:
    """One row in every table the database has now, filled by the column types reflected from it."""
    metadata = MetaData()
    metadata.reflect(engine)
    rows: dict[str, dict[str, Any]] = {}
    with engine.begin() as conn:
        for n, table in enumerate(metadata.sorted_tables):
            if table.name == "alembic_version":
                continue
            row: dict[str, Any] = {}
            for column in table.columns:
                fk = next(iter(column.foreign_keys), None)
                if fk is not None:  # the row just written in the table it refers to
                    row[column.name] = rows[fk.column.table.name][fk.column.name]
                elif list(table.primary_key.columns) != [column] or column.type.python_type is not int:
                    row[column.name] = _value(table, column, n)  # a serial id is left to the database
            key = conn.execute(table.insert().values(row)).inserted_primary_key
            rows[table.name] = row | dict(zip(table.primary_key.columns.keys(), key, strict=True))
    return rows


def read_back(engine: Engine, rows: dict[str, dict[str, Any]]) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """(what the models read, what was written or is each new column's default), by (table, column)."""
    mappers = {m.local_table.name: m for m in Base.registry.mappers}
    tables = set(inspect(engine).get_table_names())
    got: dict[tuple[str, str], Any] = {}
    want: dict[tuple[str, str], Any] = {}
    with Session(engine) as db:
        for name, row in rows.items():
            mapper = mappers.get(name)
            if mapper is None:  # dropped by a later migration
                assert name not in tables, f"table {name} is still there but no model reads it"
                continue
            obj = db.get(mapper.class_, tuple(row[c.name] for c in mapper.primary_key))
            assert obj is not None, f"the seeded {name} row is gone"
            for column in mapper.local_table.columns:
                got[name, column.name] = getattr(obj, mapper.get_property_by_column(column).key)
                want[name, column.name] = row[column.name] if column.name in row else _default(name, column)
    return got, want


def _default(table: str, column: Column[Any]) -> Any:
    """What a row written before `column` existed holds in it now."""
    if (table, column.name) in NEW_COLUMNS:
        return NEW_COLUMNS[table, column.name]
    if column.default is not None and column.default.is_scalar:  # a column added after this file
        return column.default.arg
    return None if column.nullable else _NotNull()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_database_at_any_revision_upgrades_to_head_keeping_every_row(empty_database, revision):
    engine = empty_database()
    command.upgrade(alembic_config(engine), revision)
    rows = seed(engine)
    assert {"person", "cohort", "statement", "state"} <= set(rows)
    migrate(engine)  # as the app does at start
    assert is_current(engine)
    got, want = read_back(engine, rows)
    assert got == want
    with Session(engine) as db, db.begin():  # and it takes new rows: serial ids go on after the seeded ones
        actor = ActorRef(rows["person"]["id"], rows["cohort"]["id"])
        assert record(db, actor, "viewed", "lesson:m0/blueprint", "after-upgrade")
        assert db.scalar(select(func.count()).select_from(Statement)) == 2


def where(index: dict[str, Any]) -> list[tuple[str, str]]:
    """A partial index's condition, as text."""
    return sorted((k, str(v)) for k, v in index.get("dialect_options", {}).items())


def schema(engine: Engine) -> dict[str, Any]:
    """Tables, columns, keys and indexes as the database reports them."""
    insp = inspect(engine)
    return {
        t: (
            sorted(
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in insp.get_columns(t)
            ),
            insp.get_pk_constraint(t)["constrained_columns"],
            sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in insp.get_foreign_keys(t)
            ),
            sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]), where(i))
                for i in insp.get_indexes(t)
            ),
            sorted((str(u["name"]), tuple(u["column_names"])) for u in insp.get_unique_constraints(t)),
        )
        for t in insp.get_table_names()
        if t != "alembic_version"
    }


def test_each_downgrade_restores_the_schema_of_the_revision_below_and_keeps_the_rows(empty_database):
    """Every migration defines a downgrade (read progress/migrations/versions): each is walked."""
    assert len(SCRIPTS.get_heads()) == 1
    upward, downward = empty_database(), empty_database()
    expected = {None: schema(upward)}
    for revision in REVISIONS:
        command.upgrade(alembic_config(upward), revision)
        expected[revision] = schema(upward)
    migrate(downward)
    rows = seed(downward)
    for revision in reversed(REVISIONS):
        below = SCRIPTS.get_revision(revision).down_revision
        command.downgrade(alembic_config(downward), below or "base")
        assert schema(downward) == expected[below], f"the downgrade of {revision}"
        metadata = MetaData()
        metadata.reflect(downward)
        with downward.connect() as conn:
            for table in metadata.sorted_tables:
                if table.name in rows:
                    kept = conn.execute(select(table)).mappings().one()
                    assert dict(kept) == {c: rows[table.name][c] for c in kept}, table.name


def test_0004_renumbers_attempts_a_race_recorded_before_it(empty_database):
    """[1, 2, 2] written by the old race becomes [1, 2, 3] in recorded order; other rows are untouched."""
    engine = empty_database()
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, role, display_name, created_at)"
                " VALUES (1, 'learner', 'Lan', '2026-01-01')"
            )
        )
        rows = [(1, "q", 1), (2, "q", 2), (3, "other", 1), (4, "q", 2), (5, "q", None)]
        for sid, obj, attempt in rows:
            conn.execute(
                text(
                    "INSERT INTO statement (id, idempotency_key, actor_id, verb, object_id, attempt,"
                    " language, timestamp)"
                    " VALUES (:id, :key, 1, 'answered', :obj, :attempt, 'en', '2026-01-01')"
                ),
                {"id": sid, "key": f"k{sid}", "obj": obj, "attempt": attempt},
            )
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        got = conn.execute(text("SELECT id, attempt FROM statement ORDER BY id")).all()
    assert [tuple(r) for r in got] == [(1, 1), (2, 2), (3, 1), (4, 3), (5, None)]

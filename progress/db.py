"""Engine, sessions and migrations: SQLite with WAL and foreign keys, or PostgreSQL by URL."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from progress.config import database_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """One engine per process; SQLite gets its folder created and its pragmas on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Runs are short and serialised by the GIL, so a replica needs few connections (PERFORMANCE.md §5).
    pool = int(os.environ.get("ACADEMY_DB_POOL_SIZE", "3"))
    return create_engine(url, pool_pre_ping=True, pool_size=pool, max_overflow=pool)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def is_current(engine: Engine) -> bool:
    """True when the database schema is at the newest migration."""
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head


MIGRATION_LOCK = 72_450_414  # any constant shared by all replicas: a PostgreSQL advisory lock id


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; replicas starting together take turns)."""
    if engine.dialect.name != "postgresql":
        if not is_current(engine):
            command.upgrade(alembic_config(engine), "head")
        return
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK})
        try:
            if not is_current(engine):
                command.upgrade(alembic_config(engine), "head")
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK})


@functools.cache
def sessions() -> sessionmaker[Session]:
    """The process-wide session factory on DATABASE_URL, migrated to the newest schema once."""
    engine = make_engine(database_url())
    migrate(engine)
    return make_sessionmaker(engine)

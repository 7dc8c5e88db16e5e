"""Alembic environment: runs on the engine the caller passes, or on DATABASE_URL."""

from __future__ import annotations

from alembic import context

from progress.config import database_url
from progress.db import make_engine
from progress.models import Base

config = context.config
engine = config.attributes.get("engine") or make_engine(database_url())

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()

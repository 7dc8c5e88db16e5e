"""Where the database is: `DATABASE_URL` (a SQLAlchemy URL), else a SQLite file in instance/."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_DIR / "instance"
DEFAULT_URL = f"sqlite:///{INSTANCE_DIR / 'academy.sqlite3'}"


def database_url() -> str:
    """The configured database URL; the embedded SQLite default needs no setup."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith("postgres://"):  # the form many hosts print; SQLAlchemy wants a dialect
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url or DEFAULT_URL

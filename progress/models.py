"""Typed SQLAlchemy models: people, cohorts, sign-in sessions, statements and state."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAME_MAX = 80
EMAIL_MAX = 254
VENUE_MAX = 120
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Person(Base):
    """A learner (participant or self-paced) or a trainer."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # "learner" | "trainer"
    display_name: Mapped[str] = mapped_column(String(NAME_MAX))
    member_state: Mapped[str | None] = mapped_column(String(3))
    sectoral_body: Mapped[str | None] = mapped_column(String(16))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id"), index=True)
    # Learners resume with a recovery code; only its SHA-256 is kept, for lookup.
    recovery_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Trainers sign in with a username and an Argon2id password hash.
    username: Mapped[str | None] = mapped_column(String(NAME_MAX), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Optional, from a roster import; exported (e.g. in xAPI) only when the learner agreed.
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    email_consent: Mapped[bool] = mapped_column(default=False)
    is_admin: Mapped[bool] = mapped_column(default=False)  # a trainer who sees every cohort
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Cohort(Base):
    """A workshop group that participants join with its room code."""

    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    room_code: Mapped[str] = mapped_column(String(16), unique=True)
    starts_on: Mapped[dt.date | None]
    ends_on: Mapped[dt.date | None]
    venue: Mapped[str | None] = mapped_column(String(VENUE_MAX))
    # The agenda: item ids in the order the trainer runs them ("module:m1", "exercise:logframe", ...);
    # None means the whole course in its own order.
    agenda: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Pacing(Base):
    """Whether a cohort's item (module, lesson, quiz, test or exercise) is open; no row means open."""

    __tablename__ = "pacing"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    is_open: Mapped[bool] = mapped_column(default=False)
    opens_at: Mapped[dt.datetime | None]  # shown to participants while closed; UTC
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Certificate(Base):
    """A certificate issued to a learner; the public verify page looks it up by its code."""

    __tablename__ = "certificate"

    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id"))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked: Mapped[bool] = mapped_column(default=False)


class CohortTrainer(Base):
    """Which trainers run a cohort (several may share one)."""

    __tablename__ = "cohort_trainer"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)


class SignIn(Base):
    """A signed-in browser: the token travels in the page address so a refresh keeps it."""

    __tablename__ = "sign_in"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked: Mapped[bool] = mapped_column(default=False)


class SetupToken(Base):
    """A one-time token, printed at start, that lets the first trainer create an account."""

    __tablename__ = "setup_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    used_at: Mapped[dt.datetime | None]


class Statement(Base):
    """One immutable learning event, shaped like an xAPI statement."""

    __tablename__ = "statement"
    __table_args__ = (
        Index("ix_statement_actor_object", "actor_id", "object_id"),
        # The cohort's statements, and a recent window of them (the live room) as one range scan.
        Index("ix_statement_cohort_time", "cohort_id", "timestamp"),
        # An attempt number is taken once per learner and object, so two tabs answering at the same
        # moment cannot both record "attempt 2" and pass the attempt limit (progress.record).
        Index(
            "uq_statement_attempt",
            "actor_id",
            "object_id",
            "attempt",
            unique=True,
            sqlite_where=text("attempt IS NOT NULL"),
            postgresql_where=text("attempt IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    verb: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(200))
    response: Mapped[str | None] = mapped_column(Text)  # JSON text of the learner's answer
    score: Mapped[float | None]
    success: Mapped[bool | None]
    completion: Mapped[bool | None]
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id"))
    attempt: Mapped[int | None]
    language: Mapped[str] = mapped_column(String(16), default="en")
    extra: Mapped[dict[str, Any] | None]
    timestamp: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class State(Base):
    """Mutable drafts (like xAPI's State resource): never a source of scores or completion."""

    __tablename__ = "state"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

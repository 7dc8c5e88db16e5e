"""Cohorts: create them with a room code, list a trainer's own, build the demo one."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.i18n import _
from progress.accounts import InputError, clean_name, find_cohort, normalise_code, random_code
from progress.models import VENUE_MAX, Cohort, CohortTrainer, Person

DEMO_NAME = "Demo workshop (Ha Noi format)"
ROOM_CODE = re.compile(r"^[A-Z0-9]{4,12}$")


def new_room_code(session: Session) -> str:
    """A six-character code that no cohort uses yet."""
    while True:
        code = random_code(6)
        if find_cohort(session, code) is None:
            return code


def create_cohort(
    session: Session,
    trainer: Person,
    name: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    room_code: str = "",
) -> Cohort:
    """Create a cohort run by `trainer`; a blank room code gets a fresh random one."""
    if trainer.role != "trainer":
        raise InputError(_("Only trainers create cohorts."))
    clean = clean_name(name, what=_("Cohort name"))
    if starts_on and ends_on and ends_on < starts_on:
        raise InputError(_("The end date is before the start date."))
    code = normalise_code(room_code) if room_code.strip() else new_room_code(session)
    if not ROOM_CODE.match(code):
        raise InputError(_("A room code has 4 to 12 letters or digits."))
    if find_cohort(session, code) is not None:
        raise InputError(_("The room code {code} is already used by another cohort.").format(code=code))
    cohort = Cohort(name=clean, room_code=code, starts_on=starts_on, ends_on=ends_on)
    session.add(cohort)
    session.flush()
    session.add(CohortTrainer(cohort_id=cohort.id, person_id=trainer.id))
    return cohort


def update_cohort(
    session: Session,
    cohort: Cohort,
    name: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    venue: str,
    agenda: list[str] | None = None,
) -> Cohort:
    """Change a cohort's name, dates, venue and agenda (the room code stays: people already use it);
    an agenda of None leaves the agenda as it is, an empty one means the whole course."""
    cohort.name = clean_name(name, what=_("Cohort name"))
    if starts_on and ends_on and ends_on < starts_on:
        raise InputError(_("The end date is before the start date."))
    cohort.starts_on, cohort.ends_on = starts_on, ends_on
    cohort.venue = clean_name(venue, what=_("Venue"), limit=VENUE_MAX) if venue.strip() else None
    if agenda is not None:
        cohort.agenda = agenda or None
    session.flush()
    return cohort


def join_link(base_url: str, cohort: Cohort) -> str:
    """The join page with the room code filled in: what the QR code on the screen points to."""
    return f"{base_url.rstrip('/')}/?room={cohort.room_code}"


def cohorts_of(session: Session, trainer_id: int) -> list[Cohort]:
    """The cohorts a trainer runs (an administrator: every cohort), newest first."""
    trainer = session.get(Person, trainer_id)
    query = select(Cohort).order_by(Cohort.created_at.desc(), Cohort.id.desc())
    if trainer is None or not trainer.is_admin:
        query = query.join(CohortTrainer, CohortTrainer.cohort_id == Cohort.id).where(
            CohortTrainer.person_id == trainer_id
        )
    return list(session.scalars(query))


def remembered(ids: list[int], last: object) -> int:
    """Where a cohort list starts: the cohort the trainer chose last, on any trainer page."""
    return ids.index(last) if last in ids else 0


def cohort_choices(session: Session, trainer_id: int, last: object) -> tuple[dict[int, str], int]:
    """A trainer page's cohort list (id → name) and where it starts (the cohort chosen last)."""
    labels = {c.id: c.name for c in cohorts_of(session, trainer_id)}
    return labels, remembered(list(labels), last)


def can_manage(session: Session, trainer: Person, cohort_id: int) -> bool:
    if trainer.role != "trainer":
        return False
    return trainer.is_admin or session.get(CohortTrainer, (cohort_id, trainer.id)) is not None


def trainers_of(session: Session, cohort_id: int) -> list[Person]:
    query = (
        select(Person)
        .join(CohortTrainer, CohortTrainer.person_id == Person.id)
        .where(CohortTrainer.cohort_id == cohort_id)
        .order_by(Person.display_name)
    )
    return list(session.scalars(query))


def share_cohort(session: Session, by: Person, cohort_id: int, username: str) -> Person:
    """Let another trainer run this cohort too; only someone who runs it may share it."""
    if not can_manage(session, by, cohort_id):
        raise InputError(_("You do not run this cohort."))
    other = session.scalar(
        select(Person).where(Person.role == "trainer", Person.username == username.strip())
    )
    if other is None:
        raise InputError(_("No trainer has the username '{name}'.").format(name=username.strip()[:40]))
    if session.get(CohortTrainer, (cohort_id, other.id)) is None:
        session.add(CohortTrainer(cohort_id=cohort_id, person_id=other.id))
        session.flush()
    return other


def demo_cohort(session: Session) -> Cohort:
    """The demo cohort of the embedded default, created once with a random room code."""
    cohort = session.scalar(select(Cohort).where(Cohort.name == DEMO_NAME))
    if cohort is None:
        cohort = Cohort(name=DEMO_NAME, room_code=new_room_code(session))
        session.add(cohort)
        session.flush()
    return cohort


def adopt_unowned_cohorts(session: Session, trainer: Person) -> None:
    """Give cohorts that no trainer runs (the demo) to a trainer, so they appear on their page."""
    owned = select(CohortTrainer.cohort_id)
    for cohort in session.scalars(select(Cohort).where(Cohort.id.not_in(owned))):
        session.add(CohortTrainer(cohort_id=cohort.id, person_id=trainer.id))


def roster(session: Session, cohort_id: int) -> list[Person]:
    query = select(Person).where(Person.cohort_id == cohort_id).order_by(Person.display_name)
    return list(session.scalars(query))

"""Joining, registering, resuming with a recovery code, trainer passwords and sign-in tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from datasets.reference import member_states, sectoral_bodies
from modules.i18n import _
from progress.models import NAME_MAX, Cohort, Person, SetupToken, SignIn, utcnow

# No 0/O, 1/I/L: codes are read aloud and copied from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LEARNER_SIGN_IN = dt.timedelta(days=120)
TRAINER_SIGN_IN = dt.timedelta(hours=12)
PASSWORD_MIN = 10
_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


class InputError(ValueError):
    """Something a person typed cannot be used; the message says what and how to fix it."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_recovery_code() -> str:
    """A short personal code such as 'K7QM-3XTA' (about 40 bits), shown once to the learner."""
    raw = random_code(8)
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    """Accept codes typed in lower case, with spaces or without the hyphen."""
    return re.sub(r"[\s\-]", "", code).upper()


def clean_name(name: str, *, what: str = "", limit: int = NAME_MAX) -> str:
    """Trim and check a display name; raise InputError with a message a learner can act on."""
    what = what or _("Name")
    text = unicodedata.normalize("NFC", name or "")
    text = " ".join(_CONTROL.sub("", text).split())
    if not text:
        raise InputError(_("{what} is empty: please type it.").format(what=what))
    if len(text) > limit:
        raise InputError(
            _("{what} is {n:,} characters long; the limit is {limit}.").format(
                what=what, n=len(text), limit=limit
            )
        )
    return text


def _check_profile(member_state: str, sectoral_body: str) -> None:
    if member_state not in {m.iso3 for m in member_states()}:
        raise InputError(_("Choose your Member State from the list."))
    if sectoral_body not in {b.code for b in sectoral_bodies()}:
        raise InputError(_("Choose your sectoral body from the list."))


def find_cohort(session: Session, room_code: str) -> Cohort | None:
    code = normalise_code(room_code or "")
    if not code:
        return None
    return session.scalar(select(Cohort).where(func.replace(Cohort.room_code, "-", "") == code))


def _new_learner(
    session: Session, name: str, member_state: str, sectoral_body: str, cohort: Cohort | None
) -> tuple[Person, str]:
    display_name = clean_name(name)
    _check_profile(member_state, sectoral_body)
    code = new_recovery_code()
    person = Person(
        role="learner",
        display_name=display_name,
        member_state=member_state,
        sectoral_body=sectoral_body,
        cohort_id=cohort.id if cohort else None,
        recovery_hash=sha256(normalise_code(code)),
    )
    session.add(person)
    session.flush()
    return person, code


def join_cohort(
    session: Session, room_code: str, name: str, member_state: str, sectoral_body: str
) -> tuple[Person, str]:
    """A participant joins a workshop; returns them and their recovery code."""
    cohort = find_cohort(session, room_code)
    if cohort is None:
        shown = (room_code or "").strip()[:20] or "(empty)"
        raise InputError(
            _("No workshop has the room code '{code}'. Check the code with your trainer.").format(code=shown)
        )
    return _claim(session, cohort, name, member_state, sectoral_body) or _new_learner(
        session, name, member_state, sectoral_body, cohort
    )


def _claim(
    session: Session, cohort: Cohort, name: str, member_state: str, sectoral_body: str
) -> tuple[Person, str] | None:
    """A place the trainer put on the roster (imported, not yet joined) under this name: the participant
    takes it, with the Member State and body they chose, and gets their recovery code."""
    display_name = clean_name(name)
    _check_profile(member_state, sectoral_body)
    waiting = session.scalars(
        select(Person).where(
            Person.cohort_id == cohort.id, Person.role == "learner", Person.recovery_hash.is_(None)
        )
    )
    person = next((p for p in waiting if p.display_name.casefold() == display_name.casefold()), None)
    if person is None:
        return None
    code = new_recovery_code()
    person.recovery_hash = sha256(normalise_code(code))
    person.member_state, person.sectoral_body = member_state, sectoral_body
    session.flush()
    return person, code


def register_self_paced(
    session: Session, name: str, member_state: str, sectoral_body: str
) -> tuple[Person, str]:
    """A learner studies alone, without a room code."""
    return _new_learner(session, name, member_state, sectoral_body, None)


def resume(session: Session, recovery_code: str) -> Person | None:
    code = normalise_code(recovery_code or "")
    if len(code) != 8:
        return None
    return session.scalar(select(Person).where(Person.recovery_hash == sha256(code)))


def start_sign_in(session: Session, person: Person) -> str:
    """Issue a browser sign-in token; only its hash is stored."""
    token = secrets.token_urlsafe(24)
    ttl = TRAINER_SIGN_IN if person.role == "trainer" else LEARNER_SIGN_IN
    session.add(SignIn(token_hash=sha256(token), person_id=person.id, expires_at=utcnow() + ttl))
    return token


def person_for_token(session: Session, token: str) -> Person | None:
    if not token or len(token) > 64:
        return None
    found = session.execute(
        select(Person, SignIn.revoked, SignIn.expires_at)
        .join(SignIn, SignIn.person_id == Person.id)
        .where(SignIn.token_hash == sha256(token))
    ).first()
    if found is None or found.revoked or found.expires_at < utcnow():
        return None
    return found.Person


def end_sign_in(session: Session, token: str) -> None:
    session.execute(update(SignIn).where(SignIn.token_hash == sha256(token)).values(revoked=True))


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise InputError(_("The password needs at least {n} characters.").format(n=PASSWORD_MIN))
    if len(password) > 256:
        raise InputError(_("The password is longer than 256 characters."))


def create_trainer(session: Session, username: str, display_name: str, password: str) -> Person:
    """Create a trainer account with an Argon2id password hash."""
    user = clean_name(username, what=_("Username")).casefold()
    if not re.fullmatch(r"[a-z0-9._@-]{3,80}", user):
        raise InputError(_("A username uses 3 to 80 letters, digits, dots, hyphens, @ or _."))
    _check_password(password)
    if session.scalar(select(Person).where(Person.username == user)):
        raise InputError(_("The username '{user}' is taken.").format(user=user))
    person = Person(
        role="trainer",
        display_name=clean_name(display_name),
        username=user,
        password_hash=_hasher.hash(password),
    )
    session.add(person)
    session.flush()
    return person


def verify_trainer(session: Session, username: str, password: str) -> Person | None:
    person = session.scalar(select(Person).where(Person.username == (username or "").strip().casefold()))
    if person is None or not person.password_hash:
        _hasher.hash("timing-equaliser")  # answer as slowly for unknown names
        return None
    try:
        _hasher.verify(person.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(person.password_hash):
        person.password_hash = _hasher.hash(password)
    return person


def trainer_exists(session: Session) -> bool:
    return session.scalar(select(func.count()).where(Person.role == "trainer")) > 0


def issue_setup_token(session: Session) -> str | None:
    """While no trainer exists, replace any unused setup token with a fresh one and return it."""
    if trainer_exists(session):
        return None
    session.execute(update(SetupToken).where(SetupToken.used_at.is_(None)).values(used_at=utcnow()))
    token = random_code(12)
    session.add(SetupToken(token_hash=sha256(token)))
    return token


def use_setup_token(session: Session, token: str, username: str, display_name: str, password: str) -> Person:
    """Create the first trainer with a one-time setup token."""
    row = session.get(SetupToken, sha256(normalise_code(token or "")))
    if row is None or row.used_at is not None or trainer_exists(session):
        raise InputError(
            _("That setup token is not valid (it is used once, and only before the first trainer exists).")
        )
    person = create_trainer(session, username, display_name, password)
    row.used_at = utcnow()
    return person


def new_recovery_code_for(session: Session, person: Person) -> str:
    """Replace a learner's recovery code (the old one stops working) and return the new one."""
    code = new_recovery_code()
    person.recovery_hash = sha256(normalise_code(code))
    return code

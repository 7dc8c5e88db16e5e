"""Joining, resuming, trainer passwords and sign-in tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from progress.accounts import (
    InputError,
    clean_name,
    create_trainer,
    end_sign_in,
    issue_setup_token,
    join_cohort,
    new_recovery_code_for,
    normalise_code,
    person_for_token,
    register_self_paced,
    resume,
    start_sign_in,
    use_setup_token,
    verify_trainer,
)
from progress.cohorts import create_cohort, demo_cohort
from progress.models import Person, SignIn


@pytest.fixture
def room(sessions) -> str:
    with sessions.begin() as db:
        return demo_cohort(db).room_code


def test_join_with_room_code_and_resume_with_recovery_code(sessions, room):
    with sessions.begin() as db:
        person, code = join_cohort(db, room.lower(), "  Nguyen   Thi Lan ", "VNM", "ACDM")
        pid, cohort_id = person.id, person.cohort_id
    assert cohort_id is not None
    with sessions.begin() as db:
        again = resume(db, normalise_code(code).lower())  # typed without hyphen, in lower case
        assert again is not None and again.id == pid and again.display_name == "Nguyen Thi Lan"
        assert resume(db, "AAAA-AAAA") is None
        assert resume(db, "") is None


def test_self_paced_learner_has_no_cohort(sessions):
    with sessions.begin() as db:
        person, code = register_self_paced(db, "Alex", "TLS", "SOCA")
        assert person.cohort_id is None and len(code) == 9


def test_recovery_code_is_stored_only_as_a_hash(sessions, room):
    with sessions.begin() as db:
        person, code = join_cohort(db, room, "Lan", "VNM", "ACDM")
        stored = db.scalar(select(Person.recovery_hash).where(Person.id == person.id))
    assert normalise_code(code) not in stored and len(stored) == 64


@pytest.mark.parametrize(
    ("room_code", "name", "state", "body", "message"),
    [
        ("WRONG1", "Lan", "VNM", "ACDM", "No workshop has the room code 'WRONG1'"),
        ("", "Lan", "VNM", "ACDM", "No workshop has the room code '(empty)'"),
        (None, "   ", "VNM", "ACDM", "Name is empty"),
        (None, "x" * 10_000, "VNM", "ACDM", "Name is 10,000 characters long; the limit is 80"),
        (None, "Lan", "XXX", "ACDM", "Member State"),
        (None, "Lan", "VNM", "NOPE", "sectoral body"),
    ],
)
def test_bad_join_input_gets_a_clear_message(sessions, room, room_code, name, state, body, message):
    with sessions.begin() as db, pytest.raises(InputError, match=re.escape(message)):
        join_cohort(db, room if room_code is None else room_code, name, state, body)


def test_names_keep_markup_as_text_and_lose_control_characters():
    assert clean_name("<script>alert(1)</script> **x**") == "<script>alert(1)</script> **x**"
    assert clean_name("Lan\x00\u202e\n Tran") == "Lan Tran"


def test_sign_in_token_restores_and_can_end(sessions, room):
    with sessions.begin() as db:
        person, _ = join_cohort(db, room, "Lan", "VNM", "ACDM")
        token = start_sign_in(db, person)
    with sessions.begin() as db:
        assert person_for_token(db, token).id == person.id
        assert person_for_token(db, token + "x") is None
        assert person_for_token(db, "") is None
        end_sign_in(db, token)
    with sessions.begin() as db:
        assert person_for_token(db, token) is None


def test_expired_sign_in_is_refused(sessions, room):
    with sessions.begin() as db:
        person, _ = join_cohort(db, room, "Lan", "VNM", "ACDM")
        token = start_sign_in(db, person)
        row = db.scalars(select(SignIn)).one()
        row.expires_at = dt.datetime(2000, 1, 1)
    with sessions.begin() as db:
        assert person_for_token(db, token) is None


def test_trainer_password_is_argon2id_and_verified(sessions):
    with sessions.begin() as db:
        trainer = create_trainer(db, "Trainer1", "Trainer One", "correct horse battery")
        assert trainer.password_hash.startswith("$argon2id$")
        assert "correct horse" not in trainer.password_hash
    with sessions.begin() as db:
        assert verify_trainer(db, "trainer1", "correct horse battery").username == "trainer1"
        assert verify_trainer(db, "trainer1", "wrong password!") is None
        assert verify_trainer(db, "nobody", "correct horse battery") is None


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("ab", "long enough pw", "3 to 80"),
        ("good.name", "short", "at least 10"),
        ("bad name!", "long enough pw", "3 to 80"),
    ],
)
def test_trainer_account_rules(sessions, username, password, message):
    with sessions.begin() as db, pytest.raises(InputError, match=message):
        create_trainer(db, username, "T", password)


def test_setup_token_works_once_and_only_before_the_first_trainer(sessions):
    with sessions.begin() as db:
        old = issue_setup_token(db)
        token = issue_setup_token(db)  # a restart prints a fresh token; the old one dies
    with sessions.begin() as db, pytest.raises(InputError, match="not valid"):
        use_setup_token(db, old, "first", "First", "long enough pw")
    with sessions.begin() as db:
        assert use_setup_token(db, token.lower(), "first", "First", "long enough pw").role == "trainer"
    with sessions.begin() as db, pytest.raises(InputError, match="not valid"):
        use_setup_token(db, token, "second", "Second", "long enough pw")
    with sessions.begin() as db:
        assert issue_setup_token(db) is None


def test_new_recovery_code_replaces_the_old_one(sessions, room):
    with sessions.begin() as db:
        person, old = join_cohort(db, room, "Lan", "VNM", "ACDM")
        new = new_recovery_code_for(db, person)
    with sessions.begin() as db:
        assert resume(db, old) is None
        assert resume(db, new).id == person.id


def test_cohort_room_codes_are_unique_and_validated(sessions):
    with sessions.begin() as db:
        trainer = create_trainer(db, "trainer1", "T", "long enough pw")
        cohort = create_cohort(db, trainer, "Ha Noi", dt.date(2019, 1, 29), dt.date(2019, 1, 31), "hanoi-19")
        assert cohort.room_code == "HANOI19"
        with pytest.raises(InputError, match="already used"):
            create_cohort(db, trainer, "Again", room_code="HANOI19")
        with pytest.raises(InputError, match="4 to 12"):
            create_cohort(db, trainer, "Bad", room_code="a!")
        with pytest.raises(InputError, match="end date is before"):
            create_cohort(db, trainer, "Dates", dt.date(2019, 2, 1), dt.date(2019, 1, 1))

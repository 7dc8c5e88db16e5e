"""Learners and trainers isolated, end to end through the pages: a learner sees nothing of another
learner, and a trainer nothing of a cohort that is not shared with them.

Everything a page draws (main area and sidebar: text, tables, charts, widget options) is searched for
another person's name and for words only that person wrote. Each search also runs where the words must
be found (the learner's own pages, the cohort's own trainer), so a search that sees nothing cannot pass."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from exercises.logframe import templates
from modules.catalog import curriculum
from progress import db as store
from progress.accounts import create_trainer, join_cohort, start_sign_in
from progress.cohorts import create_cohort
from progress.drafts import save_draft
from progress.models import Person
from progress.practice import LOGFRAME_OBJECT, record_submission
from progress.record import answer_check, submit_test
from tests.app.conftest import PASSWORD
from tests.app.test_every_page import OTHER_TRAINER, PARTICIPANT, TRAINER, routes, signed_in
from tests.app.test_pages import open_page

CUR = curriculum()
DARA = "Quorvel Zyxwa"  # a name found nowhere in the course
DARA_GOAL = "Zyxwa goal: every shelter inspected twice"
SOMCHAI = "Prasert Vandermolen"
SOMCHAI_GOAL = "Vandermolen goal: haze alerts in every province"


def drawn(at: AppTest) -> str:
    """Everything the last run drew, as text: each element's message, tables and charts included."""
    parts: list[bytes] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            parts.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"\n".join(parts).decode("utf-8", errors="replace")


def seed_work(db, person: Person, goal: str) -> None:
    """A learner's own work in each place it is kept: a draft, a submission, answers, a test."""
    template = next(iter(templates().values()))
    frame = template.logframe.to_dict() | {"title": goal}
    save_draft(db, person.id, LOGFRAME_OBJECT, frame)
    record_submission(db, person, LOGFRAME_OBJECT, f"{person.id}-lf", score=0.5, response=frame)
    lesson = CUR.module("m1").lessons[0]
    for q in lesson.parsed.questions:
        answer_check(db, person, lesson, q, goal if q.kind == "text" else None, f"{person.id}-{q.id}")
    form = CUR.test("pre")
    submit_test(db, person, form, {i.question.id: None for i in form.items})


@pytest.fixture
def world(room: str) -> dict[str, str]:
    """Two learners in the demo cohort (Lan; Dara with work of her own), and a second trainer whose own
    cohort has a participant of its own (Somchai). Returns sign-in tokens."""
    with store.sessions().begin() as db:
        lan, _ = join_cohort(db, room, "Nguyen Thi Lan", "VNM", "ACDM")
        dara, _ = join_cohort(db, room, DARA, "KHM", "ACDM")
        seed_work(db, dara, DARA_GOAL)
        trainer = db.query(Person).filter_by(username="trainer1").one()
        other = create_trainer(db, "trainer2", "Trainer Two", PASSWORD)
        bangkok = create_cohort(db, other, "Bangkok workshop", room_code="BKK2026")
        somchai, _ = join_cohort(db, bangkok.room_code, SOMCHAI, "THA", "COP-AATHP")
        seed_work(db, somchai, SOMCHAI_GOAL)
        tokens = {
            "lan": start_sign_in(db, lan),
            "dara": start_sign_in(db, dara),
            "trainer": start_sign_in(db, trainer),
            "other trainer": start_sign_in(db, other),
        }
    return tokens


def pages_seen(token: str, who: str, room: str) -> dict[str, str]:
    """Each route this person may open, and what it drew."""
    at = signed_in(token)
    seen = {}
    for r in routes(room):
        if who in r.who:
            open_page(at, r.path, **dict(r.params))
            assert not at.exception, r.name
            seen[r.name] = drawn(at)
    return seen


def where(seen: dict[str, str], text: str) -> list[str]:
    return [name for name, content in seen.items() if text in content]


def test_a_learner_sees_nothing_of_another_learner(world, room):
    lan = pages_seen(world["lan"], PARTICIPANT, room)
    assert where(lan, "Nguyen Thi Lan"), "the search finds the learner's own name"
    assert where(lan, DARA) == [] and where(lan, DARA_GOAL) == [] and where(lan, "Zyxwa") == []
    assert where(lan, SOMCHAI) == [] and where(lan, "Vandermolen") == []
    dara = pages_seen(world["dara"], PARTICIPANT, room)
    assert where(dara, DARA), "Dara's own pages show her name"
    assert "exercises/logframe_page.py" in where(dara, DARA_GOAL), "and her own logframe"
    assert where(dara, "Nguyen Thi Lan") == [] and where(dara, "Vandermolen") == []


def test_a_trainer_sees_nothing_of_a_cohort_not_shared_with_them(world, room):
    other = pages_seen(world["other trainer"], OTHER_TRAINER, room)
    for secret in (DARA, DARA_GOAL, "Nguyen Thi Lan", "Demo workshop", room):
        assert where(other, secret) == [], secret
    assert where(other, SOMCHAI) and where(other, "Bangkok workshop"), "their own cohort is there"
    own = pages_seen(world["trainer"], TRAINER, room)
    assert where(own, SOMCHAI) == [] and where(own, "Bangkok workshop") == []
    assert where(own, DARA) and where(own, "Demo workshop"), "the cohort's own trainer sees it"


def test_an_administrator_sees_every_cohort(world, room):
    """The positive control for the trainer search: an administrator's cohort list names both."""
    with store.sessions().begin() as db:
        admin = create_trainer(db, "admin1", "Admin One", PASSWORD)
        admin.is_admin = True
        token = start_sign_in(db, admin)
    at = signed_in(token)
    open_page(at, "progress/cohorts_page.py")
    text = drawn(at)
    assert "Bangkok workshop" in text and "Demo workshop" in text

"""The live room's queries: who is where, who needs help, how the room answers, one person's record."""

from __future__ import annotations

import datetime as dt

import pytest

from modules.catalog import curriculum
from modules.grading import model_response
from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.live import answer_distribution, item_counts, needs_help, room_now, timeline
from progress.practice import record_attempt
from progress.record import answer_check, view_lesson
from progress.statements import clock

LESSON = curriculum().lesson("m1/monitoring-vs-evaluation")
Q = next(q for q in LESSON.parsed.questions if q.kind == "single" and q.max_attempts == 0)
WRONG = [c.text for c in Q.choices if not c.correct]
T0 = dt.datetime(2026, 11, 24, 3, 0)


class Tick:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=30)
        return self.now


@pytest.fixture
def room(sessions):
    """Three participants: Lan answers wrong three times, Hung wrong twice then right, Mai is on an
    exercise without submitting; Minh joined and did nothing."""
    tick = Tick()
    with sessions.begin() as db, clock(tick):
        cohort = demo_cohort(db)
        lan, _ = join_cohort(db, cohort.room_code, "Lan", "VNM", "ACDM")
        hung, _ = join_cohort(db, cohort.room_code, "Hung", "VNM", "SLOM")
        mai, _ = join_cohort(db, cohort.room_code, "Mai", "THA", "ASOEN")
        join_cohort(db, cohort.room_code, "Minh", "KHM", "ACCSM")
        for person in (lan, hung, mai):
            view_lesson(db, person, LESSON, "v")
        for answer in (WRONG[0], WRONG[0], WRONG[1 % len(WRONG)]):
            answer_check(db, lan, LESSON, Q, answer, f"l{tick.now}")
        for answer in (WRONG[0], WRONG[0], model_response(Q)):
            answer_check(db, hung, LESSON, Q, answer, f"h{tick.now}")
        record_attempt(
            db, mai, "exercise:indicator-clinic:acdm-1", "n", score=40, response={"statement": "x"}
        )
        ids = {"cohort": cohort.id, "lan": lan.id, "hung": hung.id, "mai": mai.id}
    return ids, tick.now


def test_three_wrong_answers_and_a_long_try_need_help_two_wrong_then_right_does_not(sessions, room):
    ids, last = room
    with sessions.begin() as db:
        early = needs_help(db, ids["cohort"], T0, [Q.id], now=last + dt.timedelta(minutes=1))
        later = needs_help(db, ids["cohort"], T0, [Q.id], now=last + dt.timedelta(minutes=9))
    assert [(f.person_id, f.reason) for f in early] == [(ids["lan"], "wrong")]
    assert early[0].answers == (WRONG[0], WRONG[0], WRONG[1 % len(WRONG)])
    assert {(f.person_id, f.reason) for f in later} == {(ids["lan"], "wrong"), (ids["mai"], "stuck")}


def test_the_window_keeps_old_activity_out(sessions, room):
    ids, last = room
    with sessions.begin() as db:
        assert needs_help(db, ids["cohort"], last + dt.timedelta(seconds=1), [Q.id], now=last) == []
        people = room_now(db, ids["cohort"], last + dt.timedelta(seconds=1))
    assert [p.object_id for p in people] == [None] * 4


def test_who_is_where_and_how_far_the_room_is(sessions, room):
    ids, last = room
    with sessions.begin() as db:
        people = {p.name: p for p in room_now(db, ids["cohort"], T0)}
        counts = {c.object_id: c for c in item_counts(db, ids["cohort"], T0)}
    assert people["Lan"].object_id == Q.id and people["Mai"].object_id.startswith("exercise:")
    assert people["Minh"].object_id is None and people["Minh"].idle(last)
    assert not people["Mai"].idle(last)
    assert counts[LESSON.object_id].started == 3
    assert counts["exercise:indicator-clinic:acdm-1"].started == 1


def test_the_answer_distribution_names_the_most_common_wrong_answer(sessions, room):
    ids, _last = room
    with sessions.begin() as db:
        dist = answer_distribution(db, ids["cohort"], Q.id, T0)
    assert dist.people == 2
    assert dist.common_wrong == (WRONG[0], 4)
    assert (model_response(Q), True, 1) in dist.answers


def test_a_record_is_only_read_within_the_trainers_cohort(sessions, room):
    ids, _last = room
    with sessions.begin() as db:
        steps = timeline(db, ids["cohort"], ids["lan"])
        elsewhere = timeline(db, ids["cohort"] + 1, ids["lan"])
    assert [s.verb for s in steps] == ["viewed", "answered", "answered", "answered"]
    assert steps[1].response == WRONG[0] and steps[1].success is False
    assert elsewhere == []


def test_the_questions_the_room_answered_last_come_first(sessions, room):
    from progress.live import recently_answered

    ids, last = room
    with sessions.begin() as db:
        assert recently_answered(db, ids["cohort"], T0, [Q.id, "m0-bp-1"]) == [Q.id]
        assert recently_answered(db, ids["cohort"], last + dt.timedelta(hours=1), [Q.id]) == []

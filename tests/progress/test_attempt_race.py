"""The attempt limit holds when one learner answers from two tabs at the same moment (both databases):
two writers read "one attempt so far" together, and the database lets only one of them record attempt 2."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from modules.catalog import curriculum
from modules.grading import model_response
from progress import record as record_module
from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.models import Statement
from progress.record import AttemptsUsed, answer_check, submit_quiz
from progress.statements import ActorRef, AttemptTaken, events_of, record
from tests.progress.test_record import wrong_answer

CUR = curriculum()
LIMITED = next(
    (lesson, q)
    for m in CUR.modules
    for lesson in m.lessons
    for q in lesson.parsed.questions
    if q.max_attempts == 2
)
M1 = CUR.module("m1")


def join(sessions, name: str) -> ActorRef:
    with sessions.begin() as db:
        person, _ = join_cohort(db, demo_cohort(db).room_code, name, "VNM", "ACDM")
        return ActorRef(person.id, person.cohort_id)


def attempts(sessions, actor: ActorRef, object_id: str) -> list[int]:
    with sessions.begin() as db:
        return sorted(
            db.scalars(
                select(Statement.attempt).where(
                    Statement.actor_id == actor.id,
                    Statement.object_id == object_id,
                    Statement.attempt.is_not(None),
                )
            )
        )


def side_by_side(monkeypatch, actions: list[Callable[[], Any]]) -> list[Any]:
    """Run the actions in two threads that both finish their first read of the learner's statements
    before either writes: the moment two tabs submit together."""
    barrier = threading.Barrier(len(actions), timeout=20)
    first_read_done = threading.local()
    real = record_module.events_of

    def read_then_wait(*args, **kwargs):
        events = real(*args, **kwargs)
        if not getattr(first_read_done, "yes", False):
            first_read_done.yes = True
            barrier.wait()
        return events

    monkeypatch.setattr(record_module, "events_of", read_then_wait)
    results: list[Any] = [None] * len(actions)

    def run(i: int) -> None:
        try:
            results[i] = actions[i]()
        except Exception as error:  # the outcome under test, compared by the caller
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results


def answering(sessions, actor: ActorRef, answer: Any, nonce: str) -> Callable[[], Any]:
    """One tab's click on "Check my answer" for the limited check, in its own transaction."""

    def go() -> Any:
        with sessions.begin() as db:
            return answer_check(db, actor, *LIMITED, answer, nonce)

    return go


def test_two_tabs_of_one_learner_cannot_pass_the_attempt_limit(sessions, monkeypatch):
    lesson, q = LIMITED
    lan = join(sessions, "Lan")
    with sessions.begin() as db:
        answer_check(db, lan, lesson, q, wrong_answer(q), "tab-a-1")

    outcomes = side_by_side(
        monkeypatch, [answering(sessions, lan, wrong_answer(q), n) for n in ("tab-a-2", "tab-b-1")]
    )
    refused = [o for o in outcomes if isinstance(o, AttemptsUsed)]
    graded = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(refused) == 1 and len(graded) == 1, outcomes
    assert attempts(sessions, lan, q.id) == [1, 2]


def test_two_tabs_within_the_limit_both_count_with_their_own_numbers(sessions, monkeypatch):
    q = LIMITED[1]
    lan = join(sessions, "Lan")

    outcomes = side_by_side(
        monkeypatch, [answering(sessions, lan, wrong_answer(q), n) for n in ("tab-a", "tab-b")]
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert attempts(sessions, lan, q.id) == [1, 2]


def test_two_learners_answering_at_once_are_both_recorded(sessions, monkeypatch):
    q = LIMITED[1]
    lan, dara = join(sessions, "Lan"), join(sessions, "Dara")

    outcomes = side_by_side(
        monkeypatch, [answering(sessions, who, model_response(q), "same-moment") for who in (lan, dara)]
    )
    assert [o.correct for o in outcomes] == [True, True]
    assert attempts(sessions, lan, q.id) == [1] and attempts(sessions, dara, q.id) == [1]


def test_a_quiz_submitted_from_two_tabs_on_its_last_attempt_counts_once(sessions, monkeypatch):
    quiz = M1.quiz
    assert quiz is not None and quiz.max_attempts == 3
    lan = join(sessions, "Lan")
    blank: dict[str, Any] = {}
    for n in (1, 2):
        with sessions.begin() as db:
            submit_quiz(db, lan, M1, blank, f"try-{n}")

    def submit(nonce: str) -> Callable[[], Any]:
        def go() -> Any:
            with sessions.begin() as db:
                return submit_quiz(db, lan, M1, blank, nonce)

        return go

    outcomes = side_by_side(monkeypatch, [submit("tab-a"), submit("tab-b")])
    assert sorted(type(o).__name__ for o in outcomes) == ["AttemptsUsed", "QuizResult"], outcomes
    assert attempts(sessions, lan, quiz.object_id) == [1, 2, 3]
    first_question = quiz.questions[0].id
    assert attempts(sessions, lan, first_question) == [1, 2, 3]


def test_the_store_takes_an_attempt_number_once_and_a_repeat_stays_a_no_op(sessions):
    lan = join(sessions, "Lan")
    with sessions.begin() as db:
        assert record(db, lan, "answered", "m1-x", "key-1", attempt=1) is True
    with sessions.begin() as db, pytest.raises(AttemptTaken):
        record(db, lan, "answered", "m1-x", "key-2", attempt=1)
    with sessions.begin() as db:
        assert record(db, lan, "answered", "m1-x", "key-1", attempt=1) is False  # the same request again
        assert record(db, lan, "answered", "m1-x", "key-3", attempt=2) is True
        # the transaction is still usable after a refused number, on PostgreSQL too
        assert [e.attempt for e in events_of(db, lan.id, ["m1-x"])] == [1, 2]


def test_statements_without_an_attempt_never_collide(sessions):
    lan = join(sessions, "Lan")
    with sessions.begin() as db:
        assert record(db, lan, "viewed", "lesson:m1/a", "v1") and record(
            db, lan, "viewed", "lesson:m1/a", "v2"
        )

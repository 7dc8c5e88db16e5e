"""Statements are written once, and completion and scores are derived from them alone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from modules.catalog import curriculum
from modules.grading import model_response
from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.models import Statement
from progress.record import AttemptsUsed, answer_check, show_hint, submit_quiz, view_lesson
from progress.statements import events_of, record
from progress.summary import module_progress, question_state, resume_point

CUR = curriculum()
M1 = CUR.module("m1")


@pytest.fixture
def learner(sessions):
    with sessions.begin() as db:
        person, _ = join_cohort(db, demo_cohort(db).room_code, "Lan", "VNM", "ACDM")
    return person


def wrong_answer(q):
    if q.kind == "single":
        return next(c.text for c in q.choices if not c.correct)
    if q.kind == "multiple":
        return [next(c.text for c in q.choices if not c.correct)]
    if q.kind == "numeric":
        return q.answer + q.tolerance + 100
    if q.kind == "text":
        return "certainly not this"
    if q.kind == "ordering":
        return list(reversed(q.items))
    return {p.left: None for p in q.pairs}


def count_statements(sessions, **where):
    with sessions.begin() as db:
        query = select(func.count()).select_from(Statement)
        for key, value in where.items():
            query = query.where(getattr(Statement, key) == value)
        return db.scalar(query)


def test_idempotency_key_records_once(sessions, learner):
    with sessions.begin() as db:
        assert record(db, learner, "viewed", "lesson:m1/logframe", "k1") is True
    with sessions.begin() as db:
        assert record(db, learner, "viewed", "lesson:m1/logframe", "k1") is False
    assert count_statements(sessions, idempotency_key="k1") == 1


def test_statement_carries_actor_verb_object_result_context(sessions, learner):
    lesson = M1.lessons[0]
    q = lesson.parsed.questions[0]
    with sessions.begin() as db:
        answer_check(db, learner, lesson, q, model_response(q), "n1")
    with sessions.begin() as db:
        s = db.scalars(select(Statement).where(Statement.verb == "answered")).one()
        assert (s.actor_id, s.object_id, s.success, s.score, s.attempt) == (learner.id, q.id, True, 1.0, 1)
        assert s.cohort_id == learner.cohort_id and s.language == "en" and s.timestamp is not None


def test_wrong_then_right_then_the_lesson_completes(sessions, learner):
    lesson = M1.lessons[1]
    first, *rest = lesson.parsed.questions
    with sessions.begin() as db:
        view_lesson(db, learner, lesson, "visit-1")
        assert not answer_check(db, learner, lesson, first, wrong_answer(first), "a").correct
        assert answer_check(db, learner, lesson, first, model_response(first), "b").correct
        answer_check(db, learner, lesson, first, model_response(first), "b")  # a repeated rerun
    with sessions.begin() as db:
        state = question_state(first, events_of(db, learner.id))
    assert (state.attempts, state.correct, state.first_try_correct) == (2, True, False)
    assert count_statements(sessions, verb="completed") == 0
    with sessions.begin() as db:
        for i, q in enumerate(rest):
            answer_check(db, learner, lesson, q, model_response(q), f"r{i}")
    assert count_statements(sessions, verb="completed") == 1
    with sessions.begin() as db:
        progress = module_progress(M1, events_of(db, learner.id))
    lp = progress.lessons[lesson.id]
    assert lp.complete and lp.checks_correct == lp.checks_total
    assert progress.lessons_complete == 1
    assert progress.percent == pytest.approx(100 / (len(M1.lessons) + 1))


def test_attempt_limit_is_enforced(sessions, learner):
    lesson, q = next((ls, q) for ls in M1.lessons for q in ls.parsed.questions if q.max_attempts)
    with sessions.begin() as db:
        for n in range(q.max_attempts):
            answer_check(db, learner, lesson, q, wrong_answer(q), f"w{n}")
        state = question_state(q, events_of(db, learner.id))
        assert state.exhausted and state.finished
        with pytest.raises(AttemptsUsed):
            answer_check(db, learner, lesson, q, model_response(q), "late")


def test_hints_are_revealed_one_at_a_time_and_remembered(sessions, learner):
    q = next(q for ls in M1.lessons for q in ls.parsed.questions if q.hints)
    with sessions.begin() as db:
        show_hint(db, learner, q, 0)
        show_hint(db, learner, q, 0)
    with sessions.begin() as db:
        assert question_state(q, events_of(db, learner.id)).hints_shown == 1


def test_quiz_pass_mark_best_score_and_attempts(sessions, learner):
    quiz = M1.quiz
    half = {q.id: (model_response(q) if i % 2 else wrong_answer(q)) for i, q in enumerate(quiz.questions)}
    full = {q.id: model_response(q) for q in quiz.questions}
    with sessions.begin() as db:
        failed = submit_quiz(db, learner, M1, half, "q1")
        assert not failed.passed and failed.percent < quiz.pass_mark
        again = submit_quiz(db, learner, M1, half, "q1")  # the same submission replayed
        assert again.attempt == 1
        passed = submit_quiz(db, learner, M1, full, "q2")
        assert passed.passed and passed.percent == 100.0 and passed.attempt == 2
    with sessions.begin() as db:
        progress = module_progress(M1, events_of(db, learner.id)).quiz
    assert (progress.attempts, progress.best_percent, progress.passed) == (2, 100.0, True)
    assert progress.attempts_left == quiz.max_attempts - 2
    with sessions.begin() as db:
        submit_quiz(db, learner, M1, half, "q3")
        with pytest.raises(AttemptsUsed):
            submit_quiz(db, learner, M1, full, "q4")


def test_resume_point_is_the_last_lesson_opened(sessions, learner):
    a, b = M1.lessons[2], M1.lessons[4]
    with sessions.begin() as db:
        view_lesson(db, learner, a, "1")
        view_lesson(db, learner, b, "2")
        view_lesson(db, learner, a, "3")
    with sessions.begin() as db:
        events = events_of(db, learner.id)
    assert resume_point(CUR.modules, events) == a.id
    assert module_progress(M1, events).last_lesson_id == a.id


def test_unknown_verb_is_refused(sessions, learner):
    with sessions.begin() as db, pytest.raises(ValueError, match="unknown verb"):
        record(db, learner, "liked", "x", "k")


def test_cached_roster_follows_new_statements_and_new_members(sessions, learner):
    from progress.accounts import join_cohort
    from progress.roster import cohort_roster

    lesson = M1.lessons[0]
    q = lesson.parsed.questions[0]
    with sessions.begin() as db:
        first = cohort_roster(db, CUR, learner.cohort_id)
        assert cohort_roster(db, CUR, learner.cohort_id) is first  # nothing changed: the cached rows
        assert first[0]["M1 checks correct"] == f"0/{sum(len(ls.parsed.questions) for ls in M1.lessons)}"
        answer_check(db, learner, lesson, q, model_response(q), "n1")
    with sessions.begin() as db:
        second = cohort_roster(db, CUR, learner.cohort_id)
        assert second[0]["M1 checks correct"].startswith("1/")
        join_cohort(db, demo_cohort(db).room_code, "Another", "LAO", "SLOM")
    with sessions.begin() as db:
        assert [r["name"] for r in cohort_roster(db, CUR, learner.cohort_id)] == ["Another", "Lan"]


def test_cached_roster_table_holds_the_same_rows(sessions, learner):
    from progress.roster import cohort_roster_table

    lesson = M1.lessons[0]
    q = lesson.parsed.questions[0]
    with sessions.begin() as db:
        answer_check(db, learner, lesson, q, model_response(q), "n1")
    with sessions.begin() as db:
        rows, table = cohort_roster_table(db, CUR, learner.cohort_id)
        assert cohort_roster_table(db, CUR, learner.cohort_id)[1] is table  # built once, kept
    assert table.column_names == list(rows[0])
    assert table.to_pylist() == rows
    assert str(table.schema.field("last activity").type).startswith("timestamp")

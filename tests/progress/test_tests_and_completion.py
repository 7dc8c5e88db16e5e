"""Pre-test and post-test statements, gain per objective, and the completion checklist."""

from __future__ import annotations

import pytest

from modules.catalog import load_curriculum
from modules.grading import model_response
from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.record import AttemptsUsed, submit_quiz, submit_test
from progress.statements import events_of
from progress.summary import assessment_taken, certificate_checklist, objective_gains
from tests.modules.test_catalog import MODULE_TOML, assessment_item, check, lesson, make_module
from tests.progress.test_record import wrong_answer

QUIZ = """pass_mark = 50
[[questions]]
id = "m9-quiz-1"
kind = "numeric"
prompt = "Two?"
answer = 2
"""


@pytest.fixture
def cur(tmp_path):
    """A one-module course: two objectives, a quiz, and the rule 'pass the quiz, take the post-test'."""
    tests = "".join(assessment_item(k, f"m9-{k}-{n}", n) for k in ("pre", "post") for n in (1, 2))
    make_module(
        tmp_path,
        {
            "module.toml": MODULE_TOML.replace('["Load content"]', '["Load content", "Check content"]'),
            "01-a.md": lesson("A", check("m9-1"), check("m9-2")),
            "quiz.toml": QUIZ,
            "assessment.toml": tests,
        },
    )
    (tmp_path / "course.toml").write_text(
        '[certificate]\nrequirements = [{ kind = "quiz", module = "m9" }, { kind = "post-test" }]\n',
        encoding="utf-8",
    )
    loaded = load_curriculum(tmp_path)
    assert loaded.problems == ()
    return loaded


@pytest.fixture
def learner(sessions):
    with sessions.begin() as db:
        person, _ = join_cohort(db, demo_cohort(db).room_code, "Lan", "VNM", "ACDM")
    return person


def test_a_test_is_taken_once_and_each_answer_carries_its_objective(sessions, learner, cur):
    pre = cur.test("pre")
    answers = {pre.items[0].question.id: 2.0, pre.items[1].question.id: wrong_answer(pre.items[1].question)}
    with sessions.begin() as db:
        result = submit_test(db, learner, pre, answers)
    assert result.percent == 50.0
    with sessions.begin() as db, pytest.raises(AttemptsUsed):
        submit_test(db, learner, pre, answers)
    with sessions.begin() as db:
        events = events_of(db, learner.id)
    taken = assessment_taken(pre, events)
    assert taken is not None and taken.score == 50.0
    answered = [(e.object_id, e.extra) for e in events if e.verb == "answered"]
    assert answered == [
        ("m9-pre-1", {"test": "pre", "objective": "m9.1"}),
        ("m9-pre-2", {"test": "pre", "objective": "m9.2"}),
    ]
    assert assessment_taken(cur.test("post"), events) is None


def test_gain_per_objective_compares_pre_and_post(sessions, learner, cur):
    pre, post = cur.test("pre"), cur.test("post")
    with sessions.begin() as db:
        submit_test(db, learner, pre, {i.question.id: wrong_answer(i.question) for i in pre.items})
    with sessions.begin() as db:
        gains = objective_gains(cur, events_of(db, learner.id))
    assert [(g.key, g.pre, g.post, g.gain) for g in gains] == [
        ("m9.1", 0.0, None, None),
        ("m9.2", 0.0, None, None),
    ]
    with sessions.begin() as db:
        right_first = {
            post.items[0].question.id: 2.0,
            post.items[1].question.id: wrong_answer(post.items[1].question),
        }
        submit_test(db, learner, post, right_first)
        gains = objective_gains(cur, events_of(db, learner.id))
    assert [(g.key, g.pre, g.post, g.gain) for g in gains] == [
        ("m9.1", 0.0, 1.0, 1.0),
        ("m9.2", 0.0, 0.0, 0.0),
    ]


def test_completion_checklist_follows_the_rule_in_course_toml(sessions, learner, cur):
    module = cur.module("m9")
    with sessions.begin() as db:
        assert [i.done for i in certificate_checklist(cur, events_of(db, learner.id))] == [False, False]
        submit_quiz(db, learner, module, {q.id: wrong_answer(q) for q in module.quiz.questions}, "n1")
        assert [i.done for i in certificate_checklist(cur, events_of(db, learner.id))] == [False, False]
        submit_quiz(db, learner, module, {q.id: model_response(q) for q in module.quiz.questions}, "n2")
        assert [i.done for i in certificate_checklist(cur, events_of(db, learner.id))] == [True, False]
        post = cur.test("post")
        submit_test(db, learner, post, {i.question.id: 0.0 for i in post.items})  # taking it is enough
        checklist = certificate_checklist(cur, events_of(db, learner.id))
    assert [(i.requirement.kind, i.done) for i in checklist] == [("quiz", True), ("post-test", True)]

"""Learner actions as single transactions: view, answer, ask for a hint, submit a quiz or a test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from modules.assessment import AssessmentForm
from modules.catalog import Lesson, Module
from modules.grading import Feedback, grade, passes, percent_of
from modules.questions import Question
from progress.statements import Actor, AttemptTaken, events_of, record
from progress.summary import assessment_taken, lesson_progress, question_state, quiz_progress


class AttemptsUsed(Exception):
    """The question or quiz allows no more attempts."""


# How often a learner's action reads their attempts again after another tab took the number it
# meant to record (AttemptTaken): each retry follows a write that did land, so few are ever needed.
RETRIES = 5


def _with_next_attempt(next_attempt: Callable[[], int], write: Callable[[int], bool]) -> tuple[int, bool]:
    """Write under the next attempt number, which `next_attempt` reads (raising AttemptsUsed when none
    is left). The database takes each number once; a writer that lost it to another tab reads again."""
    for _ in range(RETRIES):
        attempt = next_attempt()
        try:
            return attempt, write(attempt)
        except AttemptTaken:
            continue
    raise AttemptsUsed("another tab kept taking the attempt number")


def view_lesson(session: Session, actor: Actor, lesson: Lesson, visit: str) -> None:
    """Record that the learner opened a lesson; `visit` makes one statement per page visit."""
    record(session, actor, "viewed", lesson.object_id, f"viewed:{actor.id}:{lesson.id}:{visit}")


def show_hint(session: Session, actor: Actor, question: Question, hint: int) -> None:
    record(
        session,
        actor,
        "hinted",
        question.id,
        f"hint:{actor.id}:{question.id}:{hint}",
        extra={"hint": hint},
    )


def answer_check(
    session: Session, actor: Actor, lesson: Lesson, question: Question, answer: Any, nonce: str
) -> Feedback:
    """Grade and record one knowledge-check answer; completes the lesson when it was the last.

    The attempt limit holds even when two tabs answer at once: the database takes each attempt
    number once, and the loser reads the attempts again (and is refused when none is left)."""
    feedback = grade(question, answer)

    def next_attempt() -> int:
        state = question_state(question, events_of(session, actor.id, [question.id]))
        if question.max_attempts and state.attempts >= question.max_attempts:
            raise AttemptsUsed(question.id)
        return state.attempts + 1

    _, wrote = _with_next_attempt(
        next_attempt,
        lambda attempt: record(
            session,
            actor,
            "answered",
            question.id,
            f"answered:{actor.id}:{question.id}:{nonce}",
            response=answer,
            score=feedback.score,
            success=feedback.correct,
            attempt=attempt,
            extra={"lesson": lesson.id},
        ),
    )
    if wrote:
        _complete_lesson(session, actor, lesson)
    return feedback


def _complete_lesson(session: Session, actor: Actor, lesson: Lesson) -> None:
    """Record the lesson's completion once it was opened and every check has an answer."""
    lesson_events = events_of(session, actor.id, [lesson.object_id, *(q.id for q in lesson.parsed.questions)])
    progress = lesson_progress(lesson, lesson_events)
    if progress.complete:
        record(
            session,
            actor,
            "completed",
            lesson.object_id,
            f"completed:{actor.id}:{lesson.id}",
            completion=True,
            score=progress.checks_correct / max(1, progress.checks_total),
        )


@dataclass(frozen=True, slots=True)
class QuizResult:
    percent: float
    passed: bool
    feedback: dict[str, Feedback]
    attempt: int


def submit_quiz(
    session: Session, actor: Actor, module: Module, answers: dict[str, Any], nonce: str
) -> QuizResult:
    """Grade a whole module quiz at once and record each answer and the overall result."""
    quiz = module.quiz
    if quiz is None:
        raise ValueError(f"module {module.id} has no quiz")
    feedback = {q.id: grade(q, answers.get(q.id)) for q in quiz.questions}
    percent = percent_of(feedback.values())
    passed = passes(percent, quiz.pass_mark)
    key = f"quiz:{actor.id}:{module.id}:{nonce}"

    def next_attempt() -> int:
        progress = quiz_progress(module, events_of(session, actor.id, [quiz.object_id]))
        if progress and progress.attempts_left == 0:
            raise AttemptsUsed(quiz.object_id)
        return (progress.attempts if progress else 0) + 1

    attempt, wrote = _with_next_attempt(
        next_attempt,
        lambda attempt: record(
            session,
            actor,
            "passed" if passed else "failed",
            quiz.object_id,
            key,
            score=percent,
            success=passed,
            completion=True,
            attempt=attempt,
            extra={"pass_mark": quiz.pass_mark},
        ),
    )
    if not wrote:
        return QuizResult(percent, passed, feedback, attempt - 1)  # a repeated submission: it counted
    for q in quiz.questions:
        f = feedback[q.id]
        record(
            session,
            actor,
            "answered",
            q.id,
            f"{key}:{q.id}",
            response=answers.get(q.id),
            score=f.score,
            success=f.correct,
            attempt=attempt,
            extra={"quiz": module.id},
        )
    return QuizResult(percent, passed, feedback, attempt)


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    percent: float
    feedback: dict[str, Feedback]


def submit_test(
    session: Session, actor: Actor, form: AssessmentForm, answers: dict[str, Any]
) -> AssessmentResult:
    """Grade and record a pre- or post-test: one attempt; each item carries its learning objective."""
    if not form.items:
        raise ValueError(f"the {form.kind}-test has no items")
    if assessment_taken(form, events_of(session, actor.id, [form.object_id])):
        raise AttemptsUsed(form.object_id)
    feedback = {i.question.id: grade(i.question, answers.get(i.question.id)) for i in form.items}
    percent = percent_of(feedback.values())
    key = f"{form.object_id}:{actor.id}"  # one attempt: a second submission changes nothing
    record(session, actor, "completed", form.object_id, key, score=percent, completion=True, attempt=1)
    for item in form.items:
        qid = item.question.id
        record(
            session,
            actor,
            "answered",
            qid,
            f"{key}:{qid}",
            response=answers.get(qid),
            score=feedback[qid].score,
            success=feedback[qid].correct,
            attempt=1,
            extra={"test": form.kind, "objective": item.objective_key},
        )
    return AssessmentResult(percent, feedback)

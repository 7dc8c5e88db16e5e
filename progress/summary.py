"""Completion and scores derived from a learner's statements: the log is the only truth."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from modules.assessment import AssessmentForm
from modules.catalog import Curriculum, Lesson, Module
from modules.course import Requirement
from modules.questions import Question
from progress.statements import Event


@dataclass(frozen=True, slots=True)
class QuestionState:
    attempts: int
    correct: bool  # answered correctly at some attempt
    first_try_correct: bool
    last_response: Any
    last_success: bool
    last_score: float
    hints_shown: int
    exhausted: bool  # attempt limit reached without a correct answer

    @property
    def answered(self) -> bool:
        return self.attempts > 0

    @property
    def finished(self) -> bool:
        """No more attempts are useful: right, or out of attempts."""
        return self.correct or self.exhausted


def question_state(question: Question, events: Iterable[Event]) -> QuestionState:
    """Fold the statements about one question into what the learner has done with it."""
    answers = [e for e in events if e.verb == "answered" and e.object_id == question.id]
    hints = {e.extra.get("hint") for e in events if e.verb == "hinted" and e.object_id == question.id}
    last = answers[-1] if answers else None
    correct = any(e.success for e in answers)
    limit = question.max_attempts
    return QuestionState(
        attempts=len(answers),
        correct=correct,
        first_try_correct=bool(answers and answers[0].success),
        last_response=last.response if last else None,
        last_success=bool(last and last.success),
        last_score=float(last.score or 0.0) if last else 0.0,
        hints_shown=min(len(hints), len(question.hints)),
        exhausted=bool(limit and len(answers) >= limit and not correct),
    )


@dataclass(frozen=True, slots=True)
class LessonProgress:
    viewed: bool
    checks_total: int
    checks_answered: int
    checks_correct: int

    @property
    def complete(self) -> bool:
        """Complete once the lesson was opened and every knowledge check has an answer."""
        return self.viewed and self.checks_answered == self.checks_total


def lesson_progress(lesson: Lesson, events: list[Event]) -> LessonProgress:
    states = [question_state(q, events) for q in lesson.parsed.questions]
    return LessonProgress(
        viewed=any(e.verb == "viewed" and e.object_id == lesson.object_id for e in events),
        checks_total=len(states),
        checks_answered=sum(s.answered for s in states),
        checks_correct=sum(s.correct for s in states),
    )


@dataclass(frozen=True, slots=True)
class QuizProgress:
    attempts: int
    best_percent: float | None
    passed: bool
    attempts_left: int | None  # None means unlimited


@dataclass(frozen=True, slots=True)
class ModuleProgress:
    lessons: dict[str, LessonProgress]
    quiz: QuizProgress | None
    last_activity: dt.datetime | None
    last_lesson_id: str | None

    @property
    def lessons_total(self) -> int:
        return len(self.lessons)

    @property
    def lessons_complete(self) -> int:
        return sum(p.complete for p in self.lessons.values())

    @property
    def checks_total(self) -> int:
        return sum(p.checks_total for p in self.lessons.values())

    @property
    def checks_correct(self) -> int:
        return sum(p.checks_correct for p in self.lessons.values())

    @property
    def percent(self) -> float:
        """Share of the module done: each lesson counts one, the quiz (if any) counts one."""
        parts = self.lessons_total + (1 if self.quiz else 0)
        done = self.lessons_complete + (1 if self.quiz and self.quiz.passed else 0)
        return 100.0 * done / parts if parts else 0.0

    @property
    def complete(self) -> bool:
        return self.percent >= 100.0

    @property
    def started(self) -> bool:
        return self.last_activity is not None


def quiz_progress(module: Module, events: list[Event]) -> QuizProgress | None:
    if module.quiz is None:
        return None
    results = [e for e in events if e.object_id == module.quiz.object_id and e.verb in ("passed", "failed")]
    best = max((float(e.score or 0.0) for e in results), default=None)
    limit = module.quiz.max_attempts
    return QuizProgress(
        attempts=len(results),
        best_percent=best,
        passed=any(e.verb == "passed" for e in results),
        attempts_left=max(0, limit - len(results)) if limit else None,
    )


def module_progress(module: Module, events: list[Event]) -> ModuleProgress:
    """Derive a module's progress from the learner's statements (any order of lessons)."""
    wanted = module.object_ids
    own = [e for e in events if e.object_id in wanted]
    by_lesson_question: dict[str, list[Event]] = defaultdict(list)
    for e in own:
        by_lesson_question[module.check_lessons.get(e.object_id, e.object_id)].append(e)
    lessons = {ls.id: lesson_progress(ls, by_lesson_question.get(ls.object_id, [])) for ls in module.lessons}
    lesson_ids = {ls.object_id: ls.id for ls in module.lessons}
    views = [e for e in own if e.verb == "viewed" and e.object_id in lesson_ids]
    return ModuleProgress(
        lessons=lessons,
        quiz=quiz_progress(module, own),
        last_activity=max((e.timestamp for e in own), default=None),
        last_lesson_id=lesson_ids[views[-1].object_id] if views else None,
    )


def resume_point(modules: Iterable[Module], events: list[Event]) -> str | None:
    """The lesson the learner last opened, across all modules: where 'continue' lands."""
    known = {ls.object_id: ls.id for m in modules for ls in m.lessons}
    for e in reversed(events):
        if e.verb == "viewed" and e.object_id in known:
            return known[e.object_id]
    return None


def assessment_taken(form: AssessmentForm, events: Iterable[Event]) -> Event | None:
    """The statement that the learner took this test, if they did."""
    return next((e for e in events if e.verb == "completed" and e.object_id == form.object_id), None)


@dataclass(frozen=True, slots=True)
class ObjectiveGain:
    """One learning objective: the learner's score on it before and after the course, 0..1."""

    key: str  # "m2.3"
    module_id: str
    objective: int
    pre: float | None
    post: float | None

    @property
    def gain(self) -> float | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


def objective_gains(cur: Curriculum, events: Iterable[Event]) -> list[ObjectiveGain]:
    """Score per objective in the pre-test and the post-test, from the tests' answer statements."""
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for e in events:
        if e.verb == "answered" and e.extra.get("test") in ("pre", "post"):
            scores[(e.extra["test"], str(e.extra.get("objective")))].append(float(e.score or 0.0))

    def mean(kind: str, key: str) -> float | None:
        found = scores.get((kind, key))
        return sum(found) / len(found) if found else None

    gains = []
    for m in cur.modules:
        for n in range(1, len(m.objectives) + 1):
            key = f"{m.id}.{n}"
            gains.append(ObjectiveGain(key, m.id, n, mean("pre", key), mean("post", key)))
    return gains


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    requirement: Requirement
    done: bool


def certificate_checklist(cur: Curriculum, events: list[Event]) -> list[ChecklistItem]:
    """The course's completion rule (course.toml) applied to the learner's statements, item by item."""
    items = []
    for r in cur.certificate:
        if r.kind == "quiz":
            module = cur.module(r.module_id)
            progress = quiz_progress(module, events) if module else None
            items.append(ChecklistItem(r, bool(progress and progress.passed)))
        else:
            form = cur.test("pre" if r.kind == "pre-test" else "post")
            items.append(ChecklistItem(r, assessment_taken(form, events) is not None))
    return items

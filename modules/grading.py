"""Grade an answer: a pure function of (question, answer) over the closed set of kinds."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from modules.i18n import _
from modules.questions import Question

_PUNCT = re.compile(r"[^\w\s%]", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Feedback:
    """The verdict on one answer: score in 0..1, and what to tell the learner."""

    correct: bool
    score: float
    messages: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Fold case, accents-compatible forms, punctuation and repeated spaces for matching."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def is_blank(question: Question, answer: Any) -> bool:
    """True when the learner has not given an answer that can be graded."""
    if answer is None:
        return True
    if question.kind == "text":
        return not (isinstance(answer, str) and normalise(answer))
    if question.kind in ("multiple",):
        return not answer
    if question.kind == "ordering":
        return not isinstance(answer, list | tuple) or len(answer) != len(question.items)
    if question.kind == "matching":
        return not isinstance(answer, dict) or any(not answer.get(p.left) for p in question.pairs)
    return False


def _single(q: Question, answer: Any) -> Feedback:
    chosen = [c for c in q.choices if c.text == answer]
    if not chosen:
        return Feedback(False, 0.0, (_("That answer is not one of the choices."),))
    c = chosen[0]
    return Feedback(c.correct, 1.0 if c.correct else 0.0, (c.feedback,) if c.feedback else ())


def _multiple(q: Question, answer: Any) -> Feedback:
    picked = {str(a) for a in answer} if isinstance(answer, list | tuple | set) else set()
    right = {c.text for c in q.choices if c.correct}
    hits = len(picked & right)
    false_picks = len(picked - right)
    score = max(0.0, (hits - false_picks) / len(right))
    messages = tuple(c.feedback for c in q.choices if c.text in picked and c.feedback)
    missed = len(right - picked)
    if missed and picked <= right:
        messages += (_("You found {hits} of {total} correct choices.").format(hits=hits, total=len(right)),)
    return Feedback(picked == right, round(score, 4), messages)


def _numeric(q: Question, answer: Any) -> Feedback:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, 0.0, (_("Enter a number."),))
    if not math.isfinite(value):
        return Feedback(False, 0.0, (_("Enter a finite number."),))
    ok = abs(value - q.answer) <= q.tolerance + 1e-9
    return Feedback(ok, 1.0 if ok else 0.0)


def _text(q: Question, answer: Any) -> Feedback:
    given = normalise(str(answer or ""))
    ok = any(given == normalise(a) for a in q.answers)
    return Feedback(ok, 1.0 if ok else 0.0)


def _ordering(q: Question, answer: Any) -> Feedback:
    given = list(answer) if isinstance(answer, list | tuple) else []
    in_place = sum(a == b for a, b in zip(given, q.items, strict=False))
    ok = given == list(q.items)
    messages = (
        ()
        if ok
        else (_("{n} of {total} items are in the right place.").format(n=in_place, total=len(q.items)),)
    )
    return Feedback(ok, round(in_place / len(q.items), 4), messages)


def _matching(q: Question, answer: Any) -> Feedback:
    given = answer if isinstance(answer, dict) else {}
    hits = sum(given.get(p.left) == p.right for p in q.pairs)
    ok = hits == len(q.pairs)
    messages = (
        () if ok else (_("{n} of {total} pairs are matched correctly.").format(n=hits, total=len(q.pairs)),)
    )
    return Feedback(ok, round(hits / len(q.pairs), 4), messages)


_GRADERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "text": _text,
    "ordering": _ordering,
    "matching": _matching,
}


def grade(question: Question, answer: Any) -> Feedback:
    """Return the feedback for `answer`; never raises on odd learner input."""
    return _GRADERS[question.kind](question, answer)


def percent_of(feedback: Iterable[Feedback]) -> float:
    """A quiz's or a test's result: the mean score of its questions in percent, to one decimal."""
    scores = [f.score for f in feedback]
    if not scores:
        raise ValueError("a quiz or test needs at least one question")
    return round(100.0 * sum(scores) / len(scores), 1)


def passes(percent: float, pass_mark: int) -> bool:
    """A quiz is passed at its pass mark or above (a pass mark of 70 is passed by exactly 70%)."""
    return percent >= pass_mark


def model_response(question: Question) -> Any:
    """A right answer in the form the lesson page records and `grade` takes."""
    if question.kind == "single":
        return next(c.text for c in question.choices if c.correct)
    if question.kind == "multiple":
        return [c.text for c in question.choices if c.correct]
    if question.kind == "numeric":
        return question.answer
    if question.kind == "text":
        return question.answers[0]
    if question.kind == "ordering":
        return list(question.items)
    return {p.left: p.right for p in question.pairs}


def correct_answer(question: Question) -> str:
    """The right answer in words, for showing after the last attempt."""
    if question.kind in ("single", "multiple"):
        return "; ".join(c.text for c in question.choices if c.correct)
    if question.kind == "numeric":
        unit = f" {question.unit}" if question.unit else ""
        tol = f" (± {question.tolerance:g})" if question.tolerance else ""
        return f"{question.answer:g}{unit}{tol}"
    if question.kind == "text":
        return question.answers[0]
    if question.kind == "ordering":
        return " → ".join(question.items)
    return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)

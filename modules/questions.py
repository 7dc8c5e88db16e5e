"""Question kinds as frozen dataclasses, built from TOML tables with clear errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["single", "multiple", "numeric", "text", "ordering", "matching"]
KINDS: tuple[Kind, ...] = ("single", "multiple", "numeric", "text", "ordering", "matching")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


class ContentError(ValueError):
    """A content file says something the engine cannot use; the message names why."""


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True, slots=True)
class Question:
    """One knowledge-check or quiz question; which fields matter depends on `kind`."""

    id: str
    kind: Kind
    prompt: str
    explanation: str = ""
    hints: tuple[str, ...] = ()
    max_attempts: int = 0  # 0 means unlimited
    choices: tuple[Choice, ...] = ()
    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""
    answers: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = field(default_factory=tuple)

    @property
    def rights(self) -> tuple[str, ...]:
        """Right-hand options of a matching question, sorted so the order gives nothing away."""
        return tuple(sorted({p.right for p in self.pairs}, key=str.casefold))


def _text(table: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ContentError(f"'{key}' must be text")
    if required and not value.strip():
        raise ContentError(f"'{key}' is missing or empty")
    return value.strip()


def _number(table: dict[str, Any], key: str) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContentError(f"'{key}' must be a number")
    return float(value)


def _texts(table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(f"'{key}' must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _choices(table: dict[str, Any]) -> tuple[Choice, ...]:
    raw = table.get("choices", [])
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise ContentError("'choices' must be a list of [[choices]] tables")
    choices = []
    for n, c in enumerate(raw, start=1):
        if not isinstance(c.get("correct", False), bool):
            raise ContentError(f"choice {n}: 'correct' must be true or false")
        try:
            text = _text(c, "text")
        except ContentError as err:
            raise ContentError(f"choice {n}: {err}") from None
        choices.append(Choice(text, bool(c.get("correct", False)), _text(c, "feedback", required=False)))
    return tuple(choices)


def _pairs(table: dict[str, Any]) -> tuple[Pair, ...]:
    raw = table.get("pairs", [])
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        raise ContentError("'pairs' must be a list of [[pairs]] tables")
    return tuple(Pair(_text(p, "left"), _text(p, "right")) for p in raw)


def _check_kind(q: Question) -> None:
    """Raise if the question cannot be answered correctly or graded fairly."""
    if q.kind in ("single", "multiple"):
        correct = sum(c.correct for c in q.choices)
        if len(q.choices) < 2:
            raise ContentError("needs at least two choices")
        if correct == 0:
            raise ContentError("has no correct answer")
        if q.kind == "single" and correct != 1:
            raise ContentError(f"is single choice but marks {correct} choices correct")
        if len({c.text.casefold() for c in q.choices}) != len(q.choices):
            raise ContentError("has two choices with the same text")
    elif q.kind == "numeric":
        if q.tolerance < 0:
            raise ContentError("'tolerance' must not be negative")
    elif q.kind == "text":
        if not q.answers:
            raise ContentError("has no accepted answer in 'answers'")
    elif q.kind == "ordering":
        if len(q.items) < 2:
            raise ContentError("needs at least two items to order")
        if len(set(q.items)) != len(q.items):
            raise ContentError("has two items with the same text")
    elif q.kind == "matching":
        if len(q.pairs) < 2:
            raise ContentError("needs at least two pairs")
        if len({p.left for p in q.pairs}) != len(q.pairs):
            raise ContentError("has two pairs with the same left side")


def parse_question(table: dict[str, Any]) -> Question:
    """Build a Question from a TOML table, or raise ContentError naming what is wrong."""
    qid = table.get("id")
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        raise ContentError(f"question id {qid!r} must be 2-64 lowercase letters, digits or hyphens")
    try:
        kind = table.get("kind")
        if kind not in KINDS:
            raise ContentError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        max_attempts = table.get("max_attempts", 0)
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 0:
            raise ContentError("'max_attempts' must be a whole number, 0 for unlimited")
        numeric = kind == "numeric"
        q = Question(
            id=qid,
            kind=kind,
            prompt=_text(table, "prompt"),
            explanation=_text(table, "explanation", required=False),
            hints=_texts(table, "hints"),
            max_attempts=max_attempts,
            choices=_choices(table) if kind in ("single", "multiple") else (),
            answer=_number(table, "answer") if numeric else 0.0,
            tolerance=_number(table, "tolerance") if numeric and "tolerance" in table else 0.0,
            unit=_text(table, "unit", required=False) if numeric else "",
            answers=_texts(table, "answers") if kind == "text" else (),
            items=_texts(table, "items") if kind == "ordering" else (),
            pairs=_pairs(table) if kind == "matching" else (),
        )
        _check_kind(q)
    except ContentError as err:
        raise ContentError(f"question '{qid}' {err}") from None
    return q

"""Turn what a learner typed or picked into an answer the grader takes; show answers as text."""

from __future__ import annotations

import random
import re
from typing import Any

from modules.questions import Question

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: str) -> float | None:
    """Read '12.5', '12,5', '1,250', ' 40 % ' as numbers; None when it is not one."""
    raw = re.sub(r"[\s%\u00a0\u202f]", "", text or "")
    if "," in raw and "." in raw:
        raw = raw.replace(",", "")
    elif raw.count(",") == 1 and len(raw.split(",")[1]) != 3:
        raw = raw.replace(",", ".")  # a decimal comma, as written in much of ASEAN
    else:
        raw = raw.replace(",", "")
    return float(raw) if _NUMBER.match(raw) else None


def shuffled(items: tuple[str, ...], seed: str) -> list[str]:
    """Items in an order that is fixed for one learner and question, but not the answer order."""
    order = list(items)
    rng = random.Random(seed)
    for _ in range(5):
        rng.shuffle(order)
        if order != list(items) or len(items) < 2:
            break
    return order


def describe(question: Question, response: Any) -> str:
    """A learner's recorded answer in plain words."""
    if response is None:
        return "—"
    if question.kind == "multiple":
        return "; ".join(map(str, response)) or "—"
    if question.kind == "ordering":
        return " → ".join(map(str, response))
    if question.kind == "matching" and isinstance(response, dict):
        return "; ".join(f"{p.left} → {response.get(p.left, '—')}" for p in question.pairs)
    return str(response)

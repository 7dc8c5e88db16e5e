"""Pre-test and post-test: one pair of parallel items per learning objective (assessment.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from modules.questions import ContentError, Question, parse_question

AssessmentKind = Literal["pre", "post"]
ASSESSMENT_KINDS: tuple[AssessmentKind, ...] = ("pre", "post")
ASSESSMENT_FILE = "assessment.toml"


@dataclass(frozen=True, slots=True)
class Item:
    """One test question and the learning objective it measures."""

    question: Question
    module_id: str
    objective: int  # 1-based position in the module's objectives

    @property
    def objective_key(self) -> str:
        return f"{self.module_id}.{self.objective}"


@dataclass(frozen=True, slots=True)
class AssessmentForm:
    kind: AssessmentKind
    items: tuple[Item, ...]

    @property
    def object_id(self) -> str:
        return f"test:{self.kind}"


def parse_assessment(
    data: dict[str, Any], module_id: str, objectives: int
) -> tuple[dict[AssessmentKind, list[Item]], list[str]]:
    """Each kind's items for one module; every objective needs exactly one pre and one post item."""
    problems: list[str] = []
    items: dict[AssessmentKind, list[Item]] = {"pre": [], "post": []}
    for kind in ASSESSMENT_KINDS:
        raw = data.get(kind, [])
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            problems.append(f"'{kind}' must be a list of [[{kind}]] tables")
            continue
        for n, table in enumerate(raw, start=1):
            objective = table.get("objective")
            if (
                isinstance(objective, bool)
                or not isinstance(objective, int)
                or not 1 <= objective <= objectives
            ):
                problems.append(
                    f"[[{kind}]] #{n}: 'objective' must be a number from 1 to {objectives} "
                    f"(the module's objectives), got {objective!r}"
                )
                continue
            question = {k: v for k, v in table.items() if k != "objective"}
            try:
                items[kind].append(Item(parse_question(question), module_id, objective))
            except ContentError as err:
                problems.append(f"[[{kind}]] #{n}: {err}")
        covered = [i.objective for i in items[kind]]
        problems += [
            f"objective {n} has {covered.count(n)} [[{kind}]] items; exactly one is needed"
            for n in range(1, objectives + 1)
            if covered.count(n) != 1
        ]
    kinds = {kind: {i.objective: i.question.kind for i in items[kind]} for kind in ASSESSMENT_KINDS}
    problems += [
        f"objective {n}: the pre and post items should be parallel (the same kind of question)"
        for n, kind in kinds["pre"].items()
        if kinds["post"].get(n, kind) != kind
    ]
    return items, problems

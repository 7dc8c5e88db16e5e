"""Course-wide rules (course.toml): what a learner must do to complete the course."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

COURSE_FILE = "course.toml"
RequirementKind = Literal["quiz", "pre-test", "post-test"]
REQUIREMENT_KINDS: tuple[RequirementKind, ...] = ("quiz", "pre-test", "post-test")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One line of the completion checklist: pass a module's quiz, or take a test."""

    kind: RequirementKind
    module_id: str = ""  # for "quiz"


def parse_certificate(data: dict[str, Any]) -> tuple[tuple[Requirement, ...], list[str]]:
    problems: list[str] = []
    found: list[Requirement] = []
    raw = (
        data.get("certificate", {}).get("requirements") if isinstance(data.get("certificate"), dict) else None
    )
    if not isinstance(raw, list) or not raw:
        return (), ["needs [certificate] with a non-empty 'requirements' list"]
    for n, item in enumerate(raw, start=1):
        kind = item.get("kind") if isinstance(item, dict) else None
        module_id = item.get("module", "") if isinstance(item, dict) else ""
        if kind not in REQUIREMENT_KINDS:
            problems.append(f"requirement {n}: kind must be one of {', '.join(REQUIREMENT_KINDS)}")
        elif kind == "quiz" and not (isinstance(module_id, str) and module_id):
            problems.append(f"requirement {n}: a quiz requirement names its 'module'")
        else:
            found.append(Requirement(kind, module_id if kind == "quiz" else ""))
    if len(set(found)) != len(found):
        problems.append("a requirement is listed twice")
    return tuple(found), problems

"""The indicator clinic: weak indicators to fix, checked by the linter, a model answer after a real try."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from exercises.indicators import Indicator, lint_indicator
from exercises.rules import Finding, score

CASES_FILE = Path(__file__).parent / "content" / "indicator_clinic.toml"


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    body: str
    result: str
    level: str
    weak: str
    problems: tuple[str, ...]
    hint: str
    why: str
    model: Indicator

    @property
    def object_id(self) -> str:
        return f"exercise:indicator-clinic:{self.id}"


class CasesError(ValueError):
    """The clinic's case file is broken; the message names the case."""


@functools.cache
def cases() -> dict[str, Case]:
    """The clinic's cases by id, read once per process."""
    try:
        data = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise CasesError(f"{CASES_FILE.name}: {err}") from err
    found = {}
    for c in data.get("case", []):
        try:
            found[c["id"]] = Case(
                c["id"],
                c["body"],
                c["result"],
                c["level"],
                c["weak"],
                tuple(c["problems"]),
                c["hint"],
                c["why"],
                Indicator.from_mapping(c["model"]),
            )
        except KeyError as err:
            raise CasesError(f"{CASES_FILE.name}: case {c.get('id')!r} lacks {err}") from err
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def is_honest_attempt(case: Case, attempt: Indicator) -> bool:
    """A real try: the statement rewritten (not the weak one again) and at least two plan fields filled.

    The model answer is the reward for trying, as in OpenLearn's "compare with mine": showing it to an
    empty or unchanged form would turn the exercise into reading.
    """
    if _words(attempt.statement) in ([], _words(case.weak)):
        return False
    plan = (
        attempt.definition,
        attempt.means_of_verification,
        attempt.frequency,
        attempt.responsible,
        attempt.unit,
    )
    return sum(1 for v in plan if v) >= 2


@dataclass(frozen=True, slots=True)
class Checked:
    findings: list[Finding]
    score: int
    honest: bool

    @property
    def well_formed(self) -> bool:
        return not any(f.severity in ("error", "warning") for f in self.findings)


def check_attempt(case: Case, attempt: Indicator) -> Checked:
    found = lint_indicator(attempt, case.level)
    return Checked(found, score(found), is_honest_attempt(case, attempt))

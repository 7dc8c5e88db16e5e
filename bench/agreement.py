"""How closely the checkers agree with trainers' verdicts on a set of realistic indicators and logframes.

A verdict set is a folder with indicators.toml ([[case]]: level, indicator, expect = rule ids) and
logframes/*.toml (rows, and [[expect]] rule + row). The tests hold the checker to each case of a set
(tests/exercises/test_realistic.py, test_heldout.py); the benchmark `python -m bench.agreement FOLDER`
prints precision and recall on any set.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exercises.indicators import Indicator, lint_indicator
from exercises.logframe import Logframe, check_logframe, from_toml

# Rules a verdict set does not judge: input limits, and LF-06 (a hint that needs the learner's own view).
UNJUDGED = {"INPUT", "LF-06"}
WHOLE = "(logframe)"  # the row of a finding on the logframe as a whole


@dataclass(frozen=True, slots=True)
class Verdict:
    """One indicator or logframe row: the rules the trainer named and the rules the checker found."""

    id: str
    expected: frozenset[str]
    found: frozenset[str]

    @property
    def missed(self) -> list[str]:
        return sorted(self.expected - self.found)

    @property
    def extra(self) -> list[str]:
        return sorted(self.found - self.expected)


@dataclass
class Agreement:
    agreed: int = 0
    missed: list[str] = field(default_factory=list)  # a trainer flagged it, the checker did not
    extra: list[str] = field(default_factory=list)  # the checker flagged it, the trainer did not
    good_cases: int = 0
    good_cases_flagged: int = 0

    @property
    def precision(self) -> float:
        return self.agreed / max(1, self.agreed + len(self.extra))

    @property
    def recall(self) -> float:
        return self.agreed / max(1, self.agreed + len(self.missed))


def _trainer_rules(expected: list[str]) -> frozenset[str]:
    rules = set(expected)
    if "IND-08" in rules:  # the checker reports an activity once, not also as "no measure"
        rules.discard("IND-01")
    return frozenset(rules)


def indicator_verdict(case: Mapping[str, Any]) -> Verdict:
    """The linter's rules against the trainer's for one [[case]] of indicators.toml."""
    found = {f.rule for f in lint_indicator(Indicator.from_mapping(case["indicator"]), case["level"])}
    return Verdict(case["id"], _trainer_rules(case["expect"]), frozenset(found - UNJUDGED))


def indicator_verdicts(folder: Path) -> list[Verdict]:
    data = tomllib.loads((folder / "indicators.toml").read_text(encoding="utf-8"))
    return [indicator_verdict(case) for case in data["case"]]


def load_logframe(path: Path) -> tuple[Logframe, set[tuple[str, str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    frame = from_toml(data)
    same = {"IND-09": "LF-14"}  # in a logframe the checker names a wrong-level indicator LF-14
    expected = {(same.get(e["rule"], e["rule"]), e["row"]) for e in data.get("expect", [])}
    return frame, expected


def logframe_verdicts(path: Path) -> list[Verdict]:
    """One verdict per row that the trainer or the checker flagged (WHOLE for the logframe as a whole)."""
    frame, expected = load_logframe(path)
    found = {(f.rule, f.row) for f in check_logframe(frame) if f.rule not in UNJUDGED}
    rows = sorted({row for _, row in expected | found})
    return [
        Verdict(
            f"{path.stem}:{row or WHOLE}",
            frozenset(rule for rule, r in expected if r == row),
            frozenset(rule for rule, r in found if r == row),
        )
        for row in rows
    ]


def all_logframe_verdicts(folder: Path) -> list[Verdict]:
    return [v for path in sorted((folder / "logframes").glob("*.toml")) for v in logframe_verdicts(path)]


def agreement(verdicts: list[Verdict]) -> Agreement:
    """The cases' findings summed up: how many agree, which the checker missed and which it added."""
    result = Agreement()
    for v in verdicts:
        result.agreed += len(v.found & v.expected)
        result.missed += [f"{v.id} {rule}" for rule in v.missed]
        result.extra += [f"{v.id} {rule}" for rule in v.extra]
    return result


def indicator_agreement(folder: Path) -> Agreement:
    """Also counts the good indicators (the trainer found nothing) and those the checker flagged."""
    verdicts = indicator_verdicts(folder)
    result = agreement(verdicts)
    good = [v for v in verdicts if not v.expected]
    result.good_cases, result.good_cases_flagged = len(good), sum(bool(v.found) for v in good)
    return result


def logframe_agreement(folder: Path) -> Agreement:
    return agreement(all_logframe_verdicts(folder))


def main(argv: list[str]) -> None:
    for folder in map(Path, argv or ["tests/exercises/realistic"]):
        for name, result in (
            ("indicators", indicator_agreement(folder)),
            ("logframes", logframe_agreement(folder)),
        ):
            print(
                f"{folder} {name}: agreed {result.agreed}, missed {len(result.missed)}, "
                f"extra {len(result.extra)}; precision {result.precision:.0%}, recall "
                f"{result.recall:.0%}"
                + (
                    f"; good indicators flagged {result.good_cases_flagged}/{result.good_cases}"
                    if result.good_cases
                    else ""
                )
            )
            for line in result.missed:
                print(f"  missed {line}")
            for line in result.extra:
                print(f"  extra  {line}")


if __name__ == "__main__":
    main(sys.argv[1:])

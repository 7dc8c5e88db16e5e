"""How closely the checkers agree with trainers' verdicts on a set of realistic indicators and logframes.

A verdict set is a folder with indicators.toml ([[case]]: level, indicator, expect = rule ids) and
logframes/*.toml (rows, and [[expect]] rule + row). The tests hold the checker to one set; the
benchmark `python -m bench.agreement FOLDER` prints precision and recall on any other.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from exercises.indicators import Indicator, lint_indicator
from exercises.logframe import Logframe, check_logframe, from_toml

# Rules a verdict set does not judge: input limits, and LF-06 (a hint that needs the learner's own view).
UNJUDGED = {"INPUT", "LF-06"}


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


def _trainer_rules(expected: list[str]) -> set[str]:
    rules = set(expected)
    if "IND-08" in rules:  # the checker reports an activity once, not also as "no measure"
        rules.discard("IND-01")
    return rules


def indicator_agreement(folder: Path) -> Agreement:
    result = Agreement()
    data = tomllib.loads((folder / "indicators.toml").read_text(encoding="utf-8"))
    for case in data["case"]:
        found = {
            f.rule for f in lint_indicator(Indicator.from_mapping(case["indicator"]), case["level"])
        } - UNJUDGED
        expected = _trainer_rules(case["expect"])
        result.agreed += len(found & expected)
        result.missed += [f"{case['id']} {r}" for r in sorted(expected - found)]
        result.extra += [f"{case['id']} {r}" for r in sorted(found - expected)]
        if not expected:
            result.good_cases += 1
            result.good_cases_flagged += bool(found)
    return result


def load_logframe(path: Path) -> tuple[Logframe, set[tuple[str, str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    frame = from_toml(data)
    same = {"IND-09": "LF-14"}  # in a logframe the checker names a wrong-level indicator LF-14
    expected = {(same.get(e["rule"], e["rule"]), e["row"]) for e in data.get("expect", [])}
    return frame, expected


def logframe_agreement(folder: Path) -> Agreement:
    result = Agreement()
    for path in sorted((folder / "logframes").glob("*.toml")):
        frame, expected = load_logframe(path)
        found = {(f.rule, f.row) for f in check_logframe(frame) if f.rule not in UNJUDGED}
        result.agreed += len(found & expected)
        result.missed += [f"{path.stem} {r}@{row}" for r, row in sorted(expected - found)]
        result.extra += [f"{path.stem} {r}@{row}" for r, row in sorted(found - expected)]
    return result


def main(argv: list[str]) -> None:
    for folder in map(Path, argv or ["tests/exercises/realistic"]):
        for name, agreement in (
            ("indicators", indicator_agreement(folder)),
            ("logframes", logframe_agreement(folder)),
        ):
            print(
                f"{folder} {name}: agreed {agreement.agreed}, missed {len(agreement.missed)}, "
                f"extra {len(agreement.extra)}; precision {agreement.precision:.0%}, recall "
                f"{agreement.recall:.0%}"
                + (
                    f"; good indicators flagged {agreement.good_cases_flagged}/{agreement.good_cases}"
                    if agreement.good_cases
                    else ""
                )
            )
            for line in agreement.missed:
                print(f"  missed {line}")
            for line in agreement.extra:
                print(f"  extra  {line}")


if __name__ == "__main__":
    main(sys.argv[1:])

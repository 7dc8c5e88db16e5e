"""The held-out verdicts (heldout/, written later by another author and never used to tune the checkers),
case by case; where the checker and the trainer differ today, a strict xfail says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.agreement import Verdict, all_logframe_verdicts, indicator_verdicts

HELDOUT = Path(__file__).parent / "heldout"
INDICATORS = indicator_verdicts(HELDOUT)
LOGFRAME_ROWS = all_logframe_verdicts(HELDOUT)

TWO_STEPS = (
    "LF-09 flags two deliveries only when a second thing follows 'and' ('Toolkit updated and assessors "
    "trained'); two participles on one subject are read as one product taken through two steps "
    "('Guideline developed and endorsed'), "
)
DISAGREEMENTS = {
    "h24": "The trainer wants the measure first ('Rate of unemployment among young people'); the "
    "linter accepts an SDG-style name that ends in its measure word ('Youth unemployment rate', like "
    "'Under-five mortality rate'), so it does not raise IND-01.",
    "accsm-egov:output3": TWO_STEPS + "so 'platform launched and maintained' passes, where the trainer "
    "counts launching and running the platform as two results.",
    "cop-aathp-peat:output1": TWO_STEPS + "and 'set up' ends in 'up', not a participle, so 'groups set "
    "up and equipped' passes, where the trainer counts forming and equipping the groups as two results.",
}


def _cases(verdicts: list[Verdict]) -> list[object]:
    """Each verdict as a test case; a known disagreement is a strict xfail, so fixing it must remove it."""
    return [
        pytest.param(
            v,
            id=v.id,
            marks=[pytest.mark.xfail(strict=True, reason=DISAGREEMENTS[v.id])]
            if v.id in DISAGREEMENTS
            else [],
        )
        for v in verdicts
    ]


@pytest.mark.parametrize("verdict", _cases(INDICATORS))
def test_the_indicator_linter_names_exactly_the_trainers_rules(verdict: Verdict):
    assert verdict.found == verdict.expected


@pytest.mark.parametrize("verdict", _cases(LOGFRAME_ROWS))
def test_the_logframe_checker_names_exactly_the_trainers_rules_on_each_row(verdict: Verdict):
    assert verdict.found == verdict.expected


def test_every_case_of_the_set_is_read():
    assert [v.id for v in INDICATORS] == [f"h{n:02}" for n in range(1, 51)]
    assert sum(not v.expected for v in INDICATORS) == 20  # the set's header: 20 good, 30 with findings
    assert {v.id.partition(":")[0] for v in LOGFRAME_ROWS} == {"accsm-egov", "acdm-shelter", "cop-aathp-peat"}


def test_every_known_disagreement_names_a_case_that_still_exists():
    assert set(DISAGREEMENTS) <= {v.id for v in INDICATORS + LOGFRAME_ROWS}

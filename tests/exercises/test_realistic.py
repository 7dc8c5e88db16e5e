"""Acceptance: on logframes and indicators written as officials write them, the checkers say what an
experienced trainer said, case by case (verdicts written blind to the checker's code, realistic/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.agreement import Verdict, all_logframe_verdicts, indicator_verdicts

REALISTIC = Path(__file__).parent / "realistic"
INDICATORS = indicator_verdicts(REALISTIC)
LOGFRAME_ROWS = all_logframe_verdicts(REALISTIC)


@pytest.mark.parametrize("verdict", INDICATORS, ids=lambda v: v.id)
def test_the_indicator_linter_names_exactly_the_trainers_rules(verdict: Verdict):
    assert verdict.found == verdict.expected


@pytest.mark.parametrize("verdict", LOGFRAME_ROWS, ids=lambda v: v.id)
def test_the_logframe_checker_names_exactly_the_trainers_rules_on_each_row(verdict: Verdict):
    assert verdict.found == verdict.expected


def test_every_case_of_the_set_is_read():
    assert [v.id for v in INDICATORS] == [f"r{n:02}" for n in range(1, 61)]
    assert {v.id.partition(":")[0] for v in LOGFRAME_ROWS} == {
        "accsm-service",
        "acdm-assessment",
        "asoen-cities",
        "slom-osh",
    }


def test_the_set_has_enough_good_work_and_enough_faults_to_judge_by():
    assert sum(not v.expected for v in INDICATORS) >= 20  # enough good indicators to catch nagging
    assert sum(len(v.expected) for v in INDICATORS) >= 60
    assert sum(len(v.expected) for v in LOGFRAME_ROWS) >= 25

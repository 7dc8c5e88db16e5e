"""Acceptance: on logframes and indicators written as officials write them, the checkers say what an
experienced trainer said (verdicts written blind to the checker's code, tests/exercises/realistic/)."""

from __future__ import annotations

from pathlib import Path

from bench.agreement import indicator_agreement, logframe_agreement

REALISTIC = Path(__file__).parent / "realistic"


def test_every_indicator_verdict_is_matched_and_good_indicators_are_left_alone():
    result = indicator_agreement(REALISTIC)
    assert result.good_cases >= 20  # enough good work in the set to catch nagging
    assert result.missed == [] and result.extra == []
    assert result.agreed >= 60


def test_every_logframe_verdict_is_matched_row_by_row():
    result = logframe_agreement(REALISTIC)
    assert result.missed == [] and result.extra == []
    assert result.agreed >= 25

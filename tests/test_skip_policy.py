"""The skip policy of tests/conftest.py: under ACADEMY_FAIL_ON_SKIP=1 a skip or a non-strict xfail fails
the run, and a strict xfail, which fails the run the day the bug is fixed, stays an expected failure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).parents[1]

CASES = """
import pytest


@pytest.fixture
def xfail_in_setup():
    pytest.xfail("imperative, from a fixture")


def test_passes():
    pass


@pytest.mark.xfail(strict=True, reason="strict")
def test_strict_xfail():
    raise AssertionError


@pytest.mark.xfail(reason="strict by xfail_strict = true")
def test_xfail_strict_by_the_ini():
    raise AssertionError


@pytest.mark.xfail(strict=False, reason="not strict")
def test_non_strict_xfail():
    raise AssertionError


@pytest.mark.xfail(strict=False, reason="not strict, and it passes")
def test_non_strict_xpass():
    pass


def test_imperative_xfail():
    pytest.xfail("imperative")


@pytest.mark.xfail(strict=True, reason="strict, but the test gives up by itself")
def test_imperative_xfail_under_a_strict_marker():
    pytest.xfail("imperative")


def test_imperative_xfail_in_a_fixture(xfail_in_setup):
    pass


def test_skip():
    pytest.skip("no browser")


@pytest.mark.skip(reason="no database")
def test_skip_marker():
    pass
"""

IN_CI = {
    "test_passes": "PASSED",
    "test_strict_xfail": "XFAIL",
    "test_xfail_strict_by_the_ini": "XFAIL",
    "test_non_strict_xfail": "FAILED",
    "test_non_strict_xpass": "FAILED",
    "test_imperative_xfail": "FAILED",
    "test_imperative_xfail_under_a_strict_marker": "FAILED",
    "test_imperative_xfail_in_a_fixture": "ERROR",
    "test_skip": "FAILED",
    "test_skip_marker": "ERROR",
}
ON_A_LAPTOP = {
    "test_passes": "PASSED",
    "test_strict_xfail": "XFAIL",
    "test_xfail_strict_by_the_ini": "XFAIL",
    "test_non_strict_xfail": "XFAIL",
    "test_non_strict_xpass": "XPASS",
    "test_imperative_xfail": "XFAIL",
    "test_imperative_xfail_under_a_strict_marker": "XFAIL",
    "test_imperative_xfail_in_a_fixture": "XFAIL",
    "test_skip": "SKIPPED",
    "test_skip_marker": "SKIPPED",
}


def _outcomes(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, fail_on_skip: bool
) -> tuple[dict[str, str], pytest.RunResult]:
    """Each test's verdict in a separate pytest run with the project's hook, and that run."""
    pytester.makeini("[pytest]\nxfail_strict = true\n")
    pytester.makepyfile(test_cases=CASES)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    if fail_on_skip:
        monkeypatch.setenv("ACADEMY_FAIL_ON_SKIP", "1")
    else:
        monkeypatch.delenv("ACADEMY_FAIL_ON_SKIP", raising=False)
    result = pytester.runpytest_subprocess("-p", "tests.conftest", "-p", "no:randomly", "-v")
    lines = re.findall(
        r"^test_cases\.py::(\w+) (PASSED|FAILED|ERROR|XFAIL|XPASS|SKIPPED)", result.stdout.str(), re.M
    )
    return dict(lines), result


def test_in_ci_only_a_strict_xfail_may_fail_as_expected(pytester, monkeypatch):
    outcomes, result = _outcomes(pytester, monkeypatch, fail_on_skip=True)
    assert outcomes == IN_CI
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*xfail not strict, and those fail here (ACADEMY_FAIL_ON_SKIP=1): not strict",
            "*skipped, and skips fail here (ACADEMY_FAIL_ON_SKIP=1)*no browser*",
        ]
    )


def test_without_the_setting_skips_and_xfails_are_reported_and_nothing_fails(pytester, monkeypatch):
    outcomes, result = _outcomes(pytester, monkeypatch, fail_on_skip=False)
    assert outcomes == ON_A_LAPTOP
    assert result.ret == pytest.ExitCode.OK

"""The numbers engine: worked examples from the sources, properties, and every preset's boundaries."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from exercises.tracking import (
    PRESETS,
    achievement,
    convention_for,
    explain,
    grade_percent,
    life_of_plan,
    status,
    target_for_plan,
    trainer_preset,
)

# (convention, baseline, target, actual, expected %): ME-METHODS §1.8 and its sources.
WORKED = [
    ("baseline", 7, 12, 9, 40.0),  # LogAlto
    ("baseline", 2505, 15000, 12980, 83.83),  # EC OPSYS, next intermediate target
    ("baseline", 40, 20, 30, 50.0),  # a decrease: drop-out 40 % → 20 %, now 30 %
    ("simple", None, 200, 150, 75.0),  # 150 of 200 officials trained
    ("simple", 0, 1000, 55, 5.5),  # LogAlto, baseline 0: simple and baseline-adjusted coincide
    ("baseline", 0, 1000, 55, 5.5),
    ("inverse", None, 10, 12, 83.33),  # target 10 incidents, 12 happened
]


@pytest.mark.parametrize(("convention", "baseline", "target", "actual", "expected"), WORKED)
def test_worked_examples_from_the_sources(convention, baseline, target, actual, expected):
    got = achievement(convention, target=target, actual=actual, baseline=baseline)
    assert got == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize(
    ("convention", "baseline", "target", "actual"),
    [
        ("simple", None, 0, 5),  # target 0
        ("inverse", None, 10, 0),  # nothing happened: the ratio has no value
        ("baseline", 12, 12, 9),  # baseline equals target
        ("baseline", None, 12, 9),  # no baseline
        ("simple", None, 12, None),  # no data
        ("baseline", 7, None, 9),  # no target
    ],
)
def test_undefined_cases_are_none_and_grey_never_a_number_or_a_crash(convention, baseline, target, actual):
    assert achievement(convention, target=target, actual=actual, baseline=baseline) is None
    assert all(status(p, None) == "grey" for p in PRESETS.values())
    assert "grey" in explain(convention, target=target, actual=actual, baseline=baseline)[-1]


numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


nonzero = numbers.filter(lambda x: abs(x) >= 1e-3)


@given(nonzero, numbers)
def test_simple_ratio_is_100_exactly_when_actual_equals_target(target, actual):
    assert achievement("simple", target=target, actual=target) == 100
    assume(abs(actual - target) >= 1e-6 * abs(target))  # a real difference, not float rounding
    assert abs(achievement("simple", target=target, actual=actual) - 100) > 1e-5


@given(numbers, numbers, numbers)
def test_baseline_adjusted_is_100_at_the_target_and_0_at_the_baseline(baseline, target, actual):
    assume(abs(target - baseline) > 1e-3)
    assert achievement("baseline", baseline=baseline, target=target, actual=target) == pytest.approx(100)
    assert achievement("baseline", baseline=baseline, target=target, actual=baseline) == pytest.approx(
        0, abs=1e-9
    )


@given(numbers, numbers, numbers)
def test_a_decreasing_indicator_mirrors_an_increasing_one(baseline, target, actual):
    assume(abs(target - baseline) > 1e-3)
    up = achievement("baseline", baseline=baseline, target=target, actual=actual)
    down = achievement("baseline", baseline=-baseline, target=-target, actual=-actual)
    assert down == pytest.approx(up, rel=1e-9, abs=1e-6)


@given(st.floats(min_value=0.01, max_value=1e6), st.floats(min_value=0.01, max_value=1e6))
def test_the_inverse_ratio_is_the_simple_ratio_with_roles_swapped(target, actual):
    inverse = achievement("inverse", target=target, actual=actual)
    assert inverse == pytest.approx(achievement("simple", target=actual, actual=target))


# (preset, %, colour): every boundary, and either side of it.
BOUNDARIES = [
    ("undp-2014", 100, "green"),
    ("undp-2014", 99.99, "amber"),
    ("undp-2014", 50, "amber"),
    ("undp-2014", 49.99, "red"),
    ("undp-2014", 250, "green"),
    ("jica", 80, "green"),
    ("jica", 79.99, "amber"),
    ("jica", 50, "amber"),
    ("jica", 49.99, "red"),
    ("jica", 100, "green"),
    ("on-track", 85, "green"),
    ("on-track", 100, "green"),
    ("on-track", 115, "green"),
    ("on-track", 115.01, "amber"),
    ("on-track", 84.99, "red"),
    ("on-track", 50, "red"),
]


@pytest.mark.parametrize(("preset", "percent", "colour"), BOUNDARIES)
def test_each_preset_colours_its_boundaries_as_stated(preset, percent, colour):
    assert status(PRESETS[preset], percent) == colour


def test_float_noise_does_not_push_a_boundary_value_into_the_next_colour():
    noisy = achievement("baseline", baseline=0.1, target=0.6, actual=0.5)  # 80 %, give or take 1e-14
    assert status(PRESETS["jica"], noisy) == "green"


def test_a_trainer_preset_is_checked_and_applied():
    mine = trainer_preset(90, 70)
    assert [status(mine, v) for v in (90, 89.9, 70, 69.9)] == ["green", "amber", "amber", "red"]
    with pytest.raises(ValueError):
        trainer_preset(60, 70)
    assert "green ≥ 90 %" in mine.describe()


def test_the_convention_follows_the_direction_when_there_is_no_baseline():
    assert convention_for("increase", baseline_known=False) == "simple"
    assert convention_for("decrease", baseline_known=False) == "inverse"
    assert convention_for("decrease", baseline_known=True) == "baseline"


def test_cumulation_rules_and_percentages_are_never_summed():
    increments = [3, 4, None, 5]
    assert life_of_plan(increments, "non-cumulative") == 12
    assert life_of_plan(increments, "cumulative") == 12  # increments add up to the running total
    assert life_of_plan([40.0, 55.0, 61.5], "percentage") == 61.5
    assert life_of_plan([None, None], "percentage") is None
    assert target_for_plan([10, 10, 10], "non-cumulative") == 30
    assert target_for_plan([10, 20, 30], "cumulative") == 30
    assert target_for_plan([50, 60, 70], "percentage") == 70
    assert target_for_plan([], "cumulative") is None


def test_a_learners_answer_is_graded_within_the_tolerance_and_explained():
    right = grade_percent(83.5, "baseline", baseline=2505, target=15000, actual=12980)
    assert right.correct and right.expected == pytest.approx(83.83, abs=0.01)
    assert right.steps[1:] == [
        "Change achieved: 12980 − 2505 = 10475.",
        "Change planned: 15000 − 2505 = 12495.",
        "10475 ÷ 12495 × 100 = 83.8 %.",
    ]
    assert not grade_percent(84.5, "baseline", baseline=2505, target=15000, actual=12980).correct
    assert not grade_percent(82.5, "simple", target=15000, actual=12980).correct  # 86.5 % by this one
    assert grade_percent(None, "simple", target=0, actual=4).correct  # "cannot assess" is the answer
    assert not grade_percent(0.0, "simple", target=0, actual=4).correct


def test_a_move_away_from_the_target_is_said_in_words():
    away = explain("baseline", baseline=54.07, target=59.48, actual=43.06)  # forest cover falling
    assert away[-2] == "-11.01 ÷ 5.41 × 100 = -203.5 %."
    assert "moved away from the target" in away[-1]
    towards = explain("baseline", baseline=54.07, target=59.48, actual=55.0)
    assert not any("moved away" in s for s in towards)
    decrease = explain("baseline", baseline=40, target=20, actual=45)  # drop-out rose instead of falling
    assert "moved away from the target" in decrease[-1]

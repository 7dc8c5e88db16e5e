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
    fmt,
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


@pytest.mark.parametrize(
    ("convention", "baseline", "target", "actual", "noisy_percent", "preset", "colour"),
    [
        # (0.62 − 0.7) ÷ (0.6 − 0.7) × 100 is 80 on paper; in floating point it is 79.99999999999999.
        ("baseline", 0.7, 0.6, 0.62, 80, "jica", "green"),
        # (0.7 − 0.4) ÷ 0.3 × 100 is 100 on paper; in floating point it is just below.
        ("simple", None, 0.3, 0.7 - 0.4, 100, "undp-2014", "green"),
        # 3.45 ÷ 3 × 100 is 115 on paper, just above in floating point: still inside the ±15 % band.
        ("simple", None, 3, 3.45, 115, "on-track", "green"),
    ],
)
def test_a_value_that_is_on_a_boundary_on_paper_gets_the_boundarys_colour(
    convention, baseline, target, actual, noisy_percent, preset, colour
):
    got = achievement(convention, baseline=baseline, target=target, actual=actual)
    assert got == pytest.approx(noisy_percent, abs=1e-9)
    assert status(PRESETS[preset], got) == colour


@pytest.mark.parametrize(
    ("preset", "words"),
    [
        ("undp-2014", "green ≥ 100 %; amber 50 % to below 100 %; red below 50 %; grey: cannot assess"),
        ("jica", "green ≥ 80 %; amber 50 % to below 80 %; red below 50 %; grey: cannot assess"),
        # On track: amber only above the band, red below it (no amber band below 85 %).
        ("on-track", "green 85–115 %; amber above 115 %; red below 85 %; grey: cannot assess"),
    ],
)
def test_each_preset_states_its_bands_in_words(preset, words):
    assert PRESETS[preset].describe() == words


@pytest.mark.parametrize(
    ("bands", "words"),
    [
        ((90, 70), "green ≥ 90 %; amber 70 % to below 90 %; red below 70 %; grey: cannot assess"),
        (
            (90, 70, 110),
            "green 90–110 %; amber 70 % to below 90 % and above 110 %; red below 70 %; grey: cannot assess",
        ),
        ((90, 90), "green ≥ 90 %; red below 90 %; grey: cannot assess"),
        ((60, 0), "green ≥ 60 %; amber 0 % to below 60 %; red below 0 %; grey: cannot assess"),
    ],
)
def test_a_trainer_may_set_any_ordered_bands_and_they_are_described(bands, words):
    mine = trainer_preset(*bands)
    assert (mine.id, mine.name, mine.green_from, mine.amber_from) == (
        "trainer",
        "Trainer-defined",
        *bands[:2],
    )
    assert mine.green_to == (bands[2] if len(bands) == 3 else None)
    assert mine.describe() == words


def test_a_trainer_upper_bound_turns_values_above_it_amber():
    mine = trainer_preset(90, 70, 110)
    assert [status(mine, v) for v in (110, 110.01, 90, 89.99, 70, 69.99)] == [
        "green",
        "amber",
        "green",
        "amber",
        "amber",
        "red",
    ]


@pytest.mark.parametrize(
    "bands",
    [(60, 70), (80, -1), (80, 50, 80), (80, 50, 79)],
    ids=["amber-above-green", "negative-amber", "upper-bound-equal-to-green", "upper-bound-below-green"],
)
def test_trainer_bands_out_of_order_are_refused_with_the_rule(bands):
    with pytest.raises(ValueError) as refused:
        trainer_preset(*bands)
    assert str(refused.value) == "amber must start at or below green, and the upper bound above green"


S = "Simple ratio: actual ÷ target × 100."
INV = "Inverse, for a decreasing indicator: target ÷ actual × 100."
B = "Baseline-adjusted: (actual − baseline) ÷ (target − baseline) × 100."
AWAY = (
    "The value moved away from the target since the baseline, so the share of the planned change achieved is "
    "below zero: the trend has to turn before the target can be reached."
)
NO_DATA = "There is no target or no actual value yet, so achievement cannot be assessed (grey)."


@pytest.mark.parametrize(
    ("convention", "baseline", "target", "actual", "steps"),
    [
        ("simple", None, None, 5, [S, NO_DATA]),
        ("inverse", None, 10, None, [INV, NO_DATA]),
        ("simple", None, 0, 5, [S, "The target is 0: dividing by it is undefined, so the status is grey."]),
        ("simple", None, 200, 150, [S, "150 ÷ 200 × 100 = 75.0 %."]),
        ("inverse", None, 10, 12, [INV, "10 ÷ 12 × 100 = 83.3 %."]),  # 10 ÷ 12 = 0.8333
        ("inverse", None, 10, 0, [INV, "A value of 0 makes the ratio undefined, so the status is grey."]),
        ("inverse", None, 0, 5, [INV, "A value of 0 makes the ratio undefined, so the status is grey."]),
        (
            "baseline",
            None,
            12,
            9,
            [B, "There is no baseline, so the baseline-adjusted formula cannot be used (grey)."],
        ),
        (
            "baseline",
            12,
            12,
            9,
            [B, "The target equals the baseline: no change was planned, so the share is undefined (grey)."],
        ),
        (
            "baseline",
            7,
            12,
            9,
            [B, "Change achieved: 9 − 7 = 2.", "Change planned: 12 − 7 = 5.", "2 ÷ 5 × 100 = 40.0 %."],
        ),
        # No change yet is not a move away from the target.
        (
            "baseline",
            7,
            12,
            7,
            [B, "Change achieved: 7 − 7 = 0.", "Change planned: 12 − 7 = 5.", "0 ÷ 5 × 100 = 0.0 %."],
        ),
        (
            "baseline",
            0,
            1,
            0.5,
            [B, "Change achieved: 0.5 − 0 = 0.5.", "Change planned: 1 − 0 = 1.", "0.5 ÷ 1 × 100 = 50.0 %."],
        ),
        (
            "baseline",
            7,
            12,
            6,
            [
                B,
                "Change achieved: 6 − 7 = -1.",
                "Change planned: 12 − 7 = 5.",
                "-1 ÷ 5 × 100 = -20.0 %.",
                AWAY,
            ],
        ),
    ],
)
def test_the_working_is_written_out_step_by_step_for_every_case(convention, baseline, target, actual, steps):
    assert explain(convention, baseline=baseline, target=target, actual=actual) == steps


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (12980.0, "12980"),
        (57.25, "57.25"),
        (57.5, "57.5"),
        (100.0, "100"),
        (-11.01, "-11.01"),
        (0.0, "0"),
        (83.8333, "83.83"),
        (float("nan"), "—"),
    ],
)
def test_numbers_are_written_as_people_write_them(value, written):
    assert fmt(value) == written


def test_the_tolerance_is_inclusive_and_every_convention_is_graded_by_its_own_formula():
    # 150 ÷ 200 = 75 %; the tolerance is 0.5 points either side, both ends included.
    assert grade_percent(75.5, "simple", target=200, actual=150).correct
    assert grade_percent(74.5, "simple", target=200, actual=150).correct
    assert not grade_percent(75.51, "simple", target=200, actual=150).correct
    simple = grade_percent(75.2, "simple", target=200, actual=150)
    assert (simple.correct, simple.expected) == (True, 75.0)
    assert simple.steps == [S, "150 ÷ 200 × 100 = 75.0 %."]
    undefined = grade_percent(None, "simple", target=0, actual=4)
    assert (undefined.correct, undefined.expected) == (True, None)
    assert undefined.steps == [S, "The target is 0: dividing by it is undefined, so the status is grey."]


def test_a_percentage_indicators_life_of_plan_value_is_the_latest_never_the_highest_or_a_sum():
    assert life_of_plan([40.0, 61.5, 55.0], "percentage") == 55.0  # not 61.5, not 156.5
    assert life_of_plan([None, 30.0, None], "percentage") == 30.0  # the latest reported
    assert target_for_plan([50, 70, 60], "percentage") == 60  # the last target, not the highest
    assert life_of_plan([40.0, 61.5, 55.0], "non-cumulative") == 156.5

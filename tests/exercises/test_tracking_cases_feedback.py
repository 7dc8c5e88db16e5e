"""What a learner is told on a tracking case: the worked steps and each finding, word for word."""

from __future__ import annotations

import pytest

from exercises.tracking_cases import Answer, Expected, case_of, grade, set_score
from tests.exercises.test_tracking_cases import periodic, single

S = "Simple ratio: actual ÷ target × 100."
B = "Baseline-adjusted: (actual − baseline) ÷ (target − baseline) × 100."
NO_DATA = "There is no target or no actual value yet, so achievement cannot be assessed (grey)."
ZERO_TARGET = "The target is 0: dividing by it is undefined, so the status is grey."
NON_CUMULATIVE = (
    "Non-cumulative: each period's result is new; the life-of-plan target and actual are the sums over the "
    "periods."
)
CUMULATIVE = (
    "Cumulative: targets are running totals, results are reported per period; the life-of-plan target is the "
    "last target and the actual is the sum of the results reported."
)
PERCENTAGE = (
    "Percentage: each period's value is a share; the life-of-plan target and actual are the latest ones, "
    "never a sum."
)
UNDP = (
    "Under UNDP development report card (2014) (green ≥ 100 %; amber 50 % to below 100 %; red below 50 %; "
    "grey: cannot assess)"
)
JICA = (
    "Under JICA ex-post rating, effectiveness (green ≥ 80 %; amber 50 % to below 80 %; red below 50 %; "
    "grey: cannot assess)"
)
FOLLOW = "Follow the steps below with the convention named in the case."


def baseline_case(baseline, target, actual, convention="baseline"):
    entry = {"id": "b", "cumulation": "single", "convention": convention, "preset": "undp-2014"}
    return case_of({**entry, "baseline": baseline, "target": target, "actual": actual})


STEPS = [
    (
        periodic("non-cumulative", [4, 5, 5, 6], [4, 6, 3]),  # 13 of 20
        [
            NON_CUMULATIVE,
            "Life-of-plan target: 4 + 5 + 5 + 6 = 20.",
            "Life-of-plan actual so far: 4 + 6 + 3 = 13.",
            S,
            "13 ÷ 20 × 100 = 65.0 %.",
            f"{UNDP}: amber.",
        ],
    ),
    (
        periodic("cumulative", [100, 200, 300, 400], [90, 110, 80]),  # 280 of 400
        [
            CUMULATIVE,
            "Life-of-plan target: the last target, 400.",
            "Life-of-plan actual so far: 90 + 110 + 80 = 280.",
            S,
            "280 ÷ 400 × 100 = 70.0 %.",
            f"{UNDP}: amber.",
        ],
    ),
    (
        periodic("percentage", [65, 70, 75], [64, 66, 71]),  # 71 of 75
        [
            PERCENTAGE,
            "Life-of-plan target: the last target, 75.",
            "Life-of-plan actual: the latest value, 71.",
            S,
            "71 ÷ 75 × 100 = 94.7 %.",
            f"{UNDP}: amber.",
        ],
    ),
    (
        periodic("non-cumulative", [0, 0], [3, 0]),
        [
            NON_CUMULATIVE,
            "Life-of-plan target: 0 + 0 = 0.",
            "Life-of-plan actual so far: 3 + 0 = 3.",
            S,
            ZERO_TARGET,
        ],
    ),
    (
        periodic("cumulative", [10, 20], [0, 0]),
        [
            CUMULATIVE,
            "Life-of-plan target: the last target, 20.",
            "Life-of-plan actual so far: 0 + 0 = 0.",
            S,
            "0 ÷ 20 × 100 = 0.0 %.",
            f"{UNDP}: red.",
        ],
    ),
    (
        periodic("percentage", [50, 60], [40, 0]),
        [
            PERCENTAGE,
            "Life-of-plan target: the last target, 60.",
            "Life-of-plan actual: the latest value, 0.",
            S,
            "0 ÷ 60 × 100 = 0.0 %.",
            f"{UNDP}: red.",
        ],
    ),
    (
        periodic("non-cumulative", [10, 20], [0, 0]),
        [
            NON_CUMULATIVE,
            "Life-of-plan target: 10 + 20 = 30.",
            "Life-of-plan actual so far: 0 + 0 = 0.",
            S,
            "0 ÷ 30 × 100 = 0.0 %.",
            f"{UNDP}: red.",
        ],
    ),
    (
        periodic("percentage", [5, 0], [4]),  # a share to bring down to 0 %: the simple ratio is undefined
        [
            PERCENTAGE,
            "Life-of-plan target: the last target, 0.",
            "Life-of-plan actual: the latest value, 4.",
            S,
            ZERO_TARGET,
        ],
    ),
    (
        periodic("cumulative", [10, 20], []),
        [CUMULATIVE, "Life-of-plan target: the last target, 20.", S, NO_DATA],
    ),
    (
        periodic("non-cumulative", [10, 20], []),
        [NON_CUMULATIVE, "Life-of-plan target: 10 + 20 = 30.", S, NO_DATA],
    ),
    (
        periodic("percentage", [10, 20], []),
        [PERCENTAGE, "Life-of-plan target: the last target, 20.", S, NO_DATA],
    ),
    (single(target=200, actual=150), [S, "150 ÷ 200 × 100 = 75.0 %.", f"{JICA}: amber."]),
    (single(target=0, actual=14), [S, ZERO_TARGET]),  # grey: no colour line
    (
        baseline_case(7, 12, 9),
        [
            B,
            "Change achieved: 9 − 7 = 2.",
            "Change planned: 12 − 7 = 5.",
            "2 ÷ 5 × 100 = 40.0 %.",
            f"{UNDP}: red.",
        ],
    ),
]


@pytest.mark.parametrize(("case", "steps"), STEPS, ids=[f"{c.kind}-{n}" for n, (c, _) in enumerate(STEPS)])
def test_the_worked_answer_states_the_rule_the_sums_the_formula_and_the_colour(case, steps):
    assert grade(case, Answer(None, None)).steps == steps


def said(graded) -> list[tuple[str, str, str]]:
    return [(f.rule, f.field, f.explain) for f in graded.findings]


def test_a_percentage_off_by_more_than_the_tolerance_is_num_11_with_the_answer_and_the_tolerance():
    case = single(target=200, actual=150)  # 75 %, amber under JICA
    off = grade(case, Answer(76.0, "amber"))
    why = "differs from the formula's result by more than the stated tolerance (± 0.5 points)."
    assert said(off) == [("NUM-11", "percent", f"Your answer (76 %) {why}")]
    assert off.findings[0].suggest == FOLLOW
    assert off.parts == {"percent": False, "colour": True}
    empty = grade(case, Answer(None, "amber"))
    assert said(empty) == [("NUM-11", "percent", f"Your answer (empty) {why}")]
    assert empty.findings[0].suggest == FOLLOW
    wide = grade(case, Answer(78.0, "amber"), tolerance=2)
    assert wide.findings[0].explain.endswith("stated tolerance (± 2 points).")
    assert grade(case, Answer(77.0, "amber"), tolerance=2).correct


def test_a_right_percent_with_the_wrong_or_no_colour_is_num_12_naming_the_right_colour():
    case = single(target=200, actual=150)
    for colour in ("green", None):
        graded = grade(case, Answer(75.0, colour))
        assert said(graded) == [("NUM-12", "colour", "Under this preset, 75.0 % is amber.")]
        assert graded.parts == {"percent": True, "colour": False}
    right = grade(case, Answer(75.0, "amber"))
    assert (right.findings, right.parts, right.correct) == ([], {"percent": True, "colour": True}, True)


UNDEFINED = [
    (single(target=0, actual=14), "a value of 0 sits in the denominator of the formula"),
    (single(target=10), "no result has been reported yet"),
    (single(actual=10), "there is no target"),
    (baseline_case(None, 12, 9), "there is no baseline"),
    (baseline_case(12, 12, 9), "the target equals the baseline"),
    (baseline_case(None, 10, 0, convention="inverse"), "a value of 0 sits in the denominator of the formula"),
]


@pytest.mark.parametrize(("case", "reason"), UNDEFINED, ids=[r for _, r in UNDEFINED])
def test_a_number_or_a_colour_where_nothing_can_be_assessed_is_num_13_saying_why(case, reason):
    why = f"This case cannot be assessed: {reason}. A number here would mislead the reader."
    assert said(grade(case, Answer(50.0, "amber"))) == [("NUM-13", "percent", why)]  # one slip, said once
    assert said(grade(case, Answer(50.0, "grey"))) == [("NUM-13", "percent", why)]
    assert said(grade(case, Answer(None, "amber"))) == [("NUM-13", "colour", why)]
    right = grade(case, Answer(None, "grey"))
    assert (right.findings, right.parts) == ([], {"percent": True, "colour": True})


PC = periodic("percentage", [65, 70, 75], [64, 66, 71])  # 71 ÷ 75 = 94.7 %, amber
CU = periodic("cumulative", [100, 200, 300, 400], [90, 110, 80])  # 280 ÷ 400 = 70 %, amber
NC = periodic("non-cumulative", [4, 5, 5, 6], [4, 6, 3])  # 13 ÷ 20 = 65 %, amber
SUMMED = (
    "You added up the periods' percentages (201). A percentage is a share of a whole each period; shares do "
    "not add up."
)
TOOK_LAST = (
    "You took the last period's result as if it were a running total; here each period reports only what is "
    "new."
)
LATEST_ONLY = "You took the latest period only; in a non-cumulative indicator every period's result counts."
SLIPS = [
    (PC, 94.7, 201, "NUM-08", SUMMED),
    (PC, 94.7, 66, "NUM-09", f"Your life-of-plan value (66) follows another rule. {PERCENTAGE}"),
    (CU, 70, 80, "NUM-09", f"Your life-of-plan value (80) follows another rule. {TOOK_LAST}"),
    (CU, 70, 400, "NUM-09", f"Your life-of-plan value (400) follows another rule. {CUMULATIVE}"),
    (CU, 70, 280.5, "NUM-09", f"Your life-of-plan value (280.5) follows another rule. {CUMULATIVE}"),
    (NC, 65, 3, "NUM-09", f"Your life-of-plan value (3) follows another rule. {LATEST_ONLY}"),
    (NC, 65, 6, "NUM-09", f"Your life-of-plan value (6) follows another rule. {NON_CUMULATIVE}"),
]


@pytest.mark.parametrize(("case", "percent", "given", "rule", "explain"), SLIPS)
def test_a_wrong_life_of_plan_value_names_the_rule_that_was_applied_instead(
    case, percent, given, rule, explain
):
    graded = grade(case, Answer(percent, "amber", lop_actual=given))
    assert said(graded) == [(rule, "lop_actual", explain)]
    assert graded.parts == {"lop_actual": False, "percent": True, "colour": True}


@pytest.mark.parametrize(
    ("case", "percent", "expect"),
    [
        (PC, 94.7, Expected(75, 71, pytest.approx(94.667, abs=0.001), "amber", None)),  # 71 ÷ 75
        (CU, 70, Expected(400, 280, 70.0, "amber", None)),
        (NC, 65, Expected(20, 13, 65.0, "amber", None)),
    ],
)
def test_the_right_life_of_plan_value_passes_and_an_empty_one_fails_without_a_finding(case, percent, expect):
    right = grade(case, Answer(percent, "amber", lop_actual=expect.lop_actual))
    assert (right.case, right.expected, right.findings, right.correct) == (case, expect, [], True)
    empty = grade(case, Answer(percent, "amber"))
    assert (empty.findings, empty.parts["lop_actual"]) == ([], False)


def test_before_any_result_the_life_of_plan_value_is_not_asked_for():
    graded = grade(periodic("cumulative", [10, 20], []), Answer(None, "grey"))
    assert graded.parts == {"lop_actual": True, "percent": True, "colour": True}


def test_a_breakdown_must_add_up_to_the_total_exactly():
    short = single(target=250, actual=230, breakdown={"women": 120, "men": 95})  # 215, not 230; 92 % green
    graded = grade(short, Answer(92, "green", adds_up=False))
    assert said(graded) == [
        ("NUM-10", "breakdown", "The parts (120 + 95) add up to 215, not to the reported total.")
    ]
    assert graded.parts == {"percent": True, "colour": True, "adds_up": True}
    half = single(target=250, actual=215, breakdown={"women": 120, "men": 95.5})
    assert said(grade(half, Answer(86, "green", adds_up=False)))[0][2] == (
        "The parts (120 + 95.5) add up to 215.5, not to the reported total."
    )
    fine = single(target=250, actual=215, breakdown={"women": 120, "men": 95})  # 86 %, green
    wrong = grade(fine, Answer(86, "green", adds_up=False))
    assert (wrong.findings, wrong.parts["adds_up"]) == ([], False)


@pytest.mark.parametrize(
    ("case", "given", "hint"),
    [
        (
            baseline_case(7, 12, 9),
            75.0,
            "the simple ratio gives; this case asks for the baseline-adjusted one.",
        ),
        (
            baseline_case(7, 12, 9, convention="simple"),  # 75 % by the simple ratio, 40 % baseline-adjusted
            40.0,
            "the baseline-adjusted gives; this case asks for the simple ratio one.",
        ),
        (
            baseline_case(None, 10, 12, convention="inverse"),  # 83.3 % inverse; 120 % by the simple ratio
            120.0,
            "the simple ratio gives; this case asks for the inverse, for a decreasing indicator one.",
        ),
    ],
)
def test_a_number_that_another_convention_gives_is_named(case, given, hint):
    suggest = grade(case, Answer(given, None)).findings[0].suggest
    assert suggest == f"Your number is what {hint} {FOLLOW}"


def test_the_set_score_is_the_share_of_cases_right_in_every_part():
    case = single(target=200, actual=150)
    right, wrong = grade(case, Answer(75, "amber")), grade(case, Answer(75, "green"))
    assert set_score([right, right, wrong]) == 67  # 2 of 3
    assert set_score([wrong]) == 0
    assert set_score([]) == 0

"""The indicator linter on levels, on the plan's owner and frequency, and on a result's indicators."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.indicators import Indicator, lint_indicator, lint_result
from tests.exercises.test_indicators import GOOD

DELIVERY = "Measure the change the delivery is meant to cause: who applies, uses or adopts what."
UPTAKE = "Measure what the project delivers (produced, trained, held), or move this to the outcome."


def level_findings(text: str, level: str) -> list[tuple[str, str, str, str, str, int | None]]:
    ind = replace(GOOD, statement=text, numerator="Those that qualify", denominator="All of them")
    found = lint_indicator(ind, level, row="R", number=2)
    return [(f.rule, f.field, f.explain, f.suggest, f.row, f.indicator) for f in found if f.rule == "IND-09"]


@pytest.mark.parametrize(
    ("text", "level", "explain", "suggest"),
    [
        (
            "Number of officials trained on loss reporting",
            "outcome",
            "“trained” counts what the project delivers, which is an output, but this result is an outcome.",
            DELIVERY,
        ),
        (
            "Number of officials trained on loss reporting",
            "goal",  # a goal is judged as an impact
            "“trained” counts what the project delivers, which is an output, but this result is an impact.",
            DELIVERY,
        ),
        (
            "Number of officials trained on loss reporting",
            "impact",
            "“trained” counts what the project delivers, which is an output, but this result is an impact.",
            DELIVERY,
        ),
        (
            "Number of Member States that adopted the template",
            "output",
            "“adopted” describes uptake or change by others (an outcome), but this result is an output.",
            UPTAKE,
        ),
    ],
)
def test_words_of_another_level_are_ind_09_saying_which_level_they_belong_to(text, level, explain, suggest):
    assert level_findings(text, level) == [("IND-09", "statement", explain, suggest, "R", 2)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Number of officials trained on loss reporting", "output"),
        ("Number of trained officials who apply the template", "outcome"),  # delivery and uptake: an outcome
        ("Number of Member States that adopted the template", "outcome"),
        ("Proportion of births attended by skilled health personnel", "impact"),  # a standard term
        ("Proportion of agricultural land held by women", "outcome"),  # a standard term, the word first
        ("A published service charter in each agency (yes/no)", "outcome"),  # an adjective, not a delivery
        ("Number of officials trained on loss reporting", "activity"),
        ("Number of officials trained on loss reporting", ""),  # no level: nothing to compare
    ],
)
def test_words_that_fit_their_level_or_name_a_standard_term_are_not_ind_09(text, level):
    assert level_findings(text, level) == []


@pytest.mark.parametrize(
    ("missing", "field", "title", "explain", "suggest"),
    [
        (
            ("frequency", "responsible"),
            "frequency",
            "Frequency and responsible body missing",
            "An indicator without frequency and responsible body tends not to be collected at all.",
            "Say how often it is collected (e.g. annually) and who collects and reports it.",
        ),
        (
            ("frequency",),
            "frequency",
            "Frequency missing",
            "An indicator without frequency tends not to be collected at all.",
            "Say how often it is collected (e.g. annually).",
        ),
        (
            ("responsible",),
            "responsible",
            "Responsible body missing",
            "An indicator without responsible body tends not to be collected at all.",
            "Say who collects and reports it.",
        ),
    ],
)
def test_a_plan_without_frequency_or_owner_is_one_ind_12_naming_both(missing, field, title, explain, suggest):
    ind = replace(GOOD, **dict.fromkeys(missing, ""))
    found = [
        (f.rule, f.field, f.title, f.explain, f.suggest, f.row, f.indicator)
        for f in lint_indicator(ind, "output", row="2", number=1)
    ]
    assert found == [("IND-12", field, title, explain, suggest, "2", 1)]


def test_a_result_needs_an_indicator_and_more_than_three_is_a_hint():
    none = lint_result([], "output", row="1")
    assert [(f.rule, f.field, f.row, f.severity) for f in none] == [("IND-14", "indicators", "1", "error")]
    assert none[0].explain == (
        "Every goal, outcome and output needs at least one indicator, or nobody will know whether it "
        "happened."
    )
    assert [(f.rule, f.field, f.row) for f in lint_result([], "impact", field="plan")] == [
        ("IND-14", "plan", "")
    ]
    assert [f.rule for f in lint_result([Indicator()], "outcome")] == ["IND-14"]
    four = lint_result([GOOD] * 4, "outcome", row="O")
    assert [(f.rule, f.field, f.row, f.severity) for f in four] == [("IND-13", "indicators", "O", "hint")]
    assert four[0].explain == "This result has 4 indicators; each one costs effort to collect every period."
    assert lint_result([GOOD] * 3, "outcome") == []
    assert lint_result([], "activity") == []

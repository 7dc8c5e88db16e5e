"""The indicator linter, rule by rule: a statement that triggers it and a close one that must not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.indicators import Indicator, lint_indicator, lint_result
from exercises.rules import score

GOOD = Indicator(
    statement="Number of Member States that report disaster losses with the regional template",
    unit_type="number",
    unit="Member States",
    definition="Reports count when they use every field of the template for the reporting year.",
    means_of_verification="AHA Centre annual register of Member State loss reports",
    frequency="Annual",
    responsible="AHA Centre monitoring unit",
)


def rules(ind: Indicator, level: str = "outcome", **kw: str) -> set[str]:
    return {f.rule for f in lint_indicator(ind, level, **kw)}


def test_a_well_formed_indicator_has_no_finding():
    assert lint_indicator(GOOD, "outcome") == []
    assert score(lint_indicator(GOOD, "outcome")) == 100


# (rule, level, changes that trigger it, changes of a close case that must not)
CASES = [
    (
        "IND-01",
        "outcome",
        {"statement": "Member States reporting disaster losses with the template"},
        {"statement": "Under-five mortality rate in Member States that report losses"},
    ),
    (
        "IND-01",
        "outcome",
        {"statement": "Coverage of social protection for migrant workers"},
        {
            "statement": "Proportion of migrant workers covered by social protection",
            "denominator": "All migrant workers",
        },
    ),
    (
        "IND-02",
        "outcome",
        {"statement": "Number of Member States with improved loss reporting"},
        {"statement": "Number of Member States with more than two loss reports a year"},
    ),
    (
        "IND-02",
        "impact",
        {
            "statement": "Percentage of households with better access to water",
            "denominator": "All households",
        },
        {
            "statement": "Percentage of households using improved sanitation facilities",
            "denominator": "All households",
        },
    ),
    (
        "IND-03",
        "outcome",
        {"statement": "Number of Member States reporting losses with the template by 2025"},
        {"statement": "Number of Member States reporting losses within 30 days of a disaster"},
    ),
    (
        "IND-03",
        "outcome",
        {
            "statement": "Percentage of agencies publishing standards reaches 80%",
            "unit_type": "percentage",
            "denominator": "All agencies",
        },
        {
            "statement": "Percentage of agencies publishing standards online",
            "unit_type": "percentage",
            "denominator": "All agencies",
        },
    ),
    (
        "IND-04",
        "outcome",
        {
            "statement": "Number and percentage of Member States reporting losses",
            "denominator": "Ten Member States",
        },
        {
            "statement": "Number of Member States that ratified the Agreement on Disaster Management "
            "and Emergency Response"
        },
    ),
    (
        "IND-04",
        "output",
        {"statement": "Number of officials trained and number of guidelines published"},
        {"statement": "Number of officials trained in damage and loss assessment"},
    ),
    (
        "IND-05",
        "outcome",
        {"statement": "Percentage of Member States reporting losses", "unit_type": "percentage"},
        {
            "statement": "Percentage of Member States reporting losses",
            "unit_type": "percentage",
            "numerator": "Member States that report",
            "denominator": "The ten Member States",
        },
    ),
    (
        "IND-05",
        "outcome",
        {"statement": "Proportion of agencies with a complaints desk"},  # no unit type chosen: implied
        {
            "statement": "Proportion of agencies with a complaints desk",
            "denominator": "All agencies in the survey",
        },
    ),
    (
        "IND-06",
        "outcome",
        {"statement": "Number of Member States with an effective early warning system", "definition": ""},
        {
            "statement": "Number of Member States with an effective early warning system"
        },  # GOOD has a definition
    ),
    (
        "IND-07",
        "outcome",
        {"disaggregation": "by sex"},
        {"disaggregation": "Sex: female, male; Member State: all ten"},
    ),
    (
        "IND-07",
        "outcome",
        {"disaggregation": "Sex: female, male; age group"},
        {"disaggregation": "Sex (female, male); Age group (15-24, 25+)"},
    ),
    (
        "IND-08",
        "output",
        {"statement": "Conduct regional training on loss reporting"},
        {"statement": "Number of officials trained on loss reporting"},
    ),
    (
        "IND-08",
        "output",
        {"statement": "Draft a regional guideline on loss reporting"},
        {"statement": "Existence of a draft guideline endorsed by ACDM (yes/no)"},
    ),
    (
        "IND-09",
        "outcome",
        {"statement": "Number of officials trained on loss reporting"},
        {"statement": "Number of trained officials who apply the loss reporting template"},
    ),
    (
        "IND-09",
        "output",
        {"statement": "Number of Member States that adopted the template"},
        {"statement": "Number of Member States whose officials were trained on the template"},
    ),
    (
        "IND-10",
        "outcome",
        {"means_of_verification": ""},
        {"means_of_verification": "Loss register of the AHA Centre"},
    ),
    (
        "IND-11",
        "outcome",
        {"means_of_verification": "Project reports"},
        {"means_of_verification": "Project progress reports to ACDM, section on loss data"},
    ),
    (
        "IND-12",
        "outcome",
        {"frequency": ""},
        {"frequency": "Each semester"},
    ),
    (
        "IND-12",
        "outcome",
        {"responsible": ""},
        {"responsible": "National disaster management office"},
    ),
]


@pytest.mark.parametrize(("rule", "level", "bad", "close"), CASES, ids=[c[0] for c in CASES])
def test_rule_flags_the_problem_and_spares_the_close_good_case(rule, level, bad, close):
    assert rule in rules(replace(GOOD, **bad), level)
    assert rule not in rules(replace(GOOD, **close), level)


def test_the_qqt_style_allows_direction_and_targets_in_the_statement():
    dmf = replace(GOOD, statement="Number of Member States reporting losses increased to 10 by 2025")
    assert {"IND-02", "IND-03"} <= rules(dmf)
    assert not {"IND-02", "IND-03"} & rules(dmf, style="qqt")


def test_an_activity_is_not_also_told_it_lacks_a_measure():
    found = rules(replace(GOOD, statement="Organise three regional workshops on loss data"), "output")
    assert "IND-08" in found and "IND-01" not in found


def test_each_finding_names_its_field_and_gives_advice():
    bad = replace(
        GOOD, statement="Improved reporting by 2025", means_of_verification="", unit_type="percentage"
    )
    found = lint_indicator(bad, "outcome", row="O", number=2)
    fields = {f.rule: f.field for f in found}
    assert fields["IND-05"] == "denominator" and fields["IND-10"] == "means_of_verification"
    assert fields["IND-02"] == "statement"
    for f in found:
        assert f.severity in ("error", "warning", "hint")
        assert f.explain.endswith(".") and f.suggest.endswith(".") and "{" not in f.message
        assert f.row == "O" and f.indicator == 2
    assert "“Improved”" in next(f.explain for f in found if f.rule == "IND-02")


def test_result_rules_need_one_indicator_and_hint_beyond_three():
    assert [f.rule for f in lint_result([], "output")] == ["IND-14"]
    assert lint_result([], "activity") == []
    assert lint_result([GOOD] * 3, "outcome") == []
    assert [(f.rule, f.severity) for f in lint_result([GOOD] * 4, "outcome")] == [("IND-13", "hint")]
    assert [f.rule for f in lint_result([Indicator()], "goal")] == ["IND-14"]  # an empty row does not count


def test_over_long_and_empty_input_is_named_not_crashed_on():
    long = replace(GOOD, definition="x" * 1001)
    found = lint_indicator(long, "outcome")
    assert [f.field for f in found if f.rule == "INPUT"] == ["definition"]
    assert "1001 characters; the limit is 1000" in found[0].explain
    assert [f.rule for f in lint_indicator(Indicator(), "outcome")] == ["INPUT"]


def test_pasted_spreadsheet_debris_is_cleaned_before_checking():
    pasted = Indicator.from_mapping(
        {
            **GOOD.to_dict(),
            "statement": "\ufeffNumber\u00a0of Member\u200b States\treporting\r\nlosses ",
            "unit_type": "Number",
            "frequency": None,
            "responsible": float("nan"),
        }
    )
    assert pasted.statement == "Number of Member States reporting losses"
    assert pasted.unit_type == "number"
    assert {f.rule for f in lint_indicator(pasted, "outcome")} == {"IND-12"}
    assert Indicator.from_mapping({"unit_type": "kilograms"}).unit_type == ""


def test_a_scope_before_a_target_does_not_hide_the_target():
    text = "Number of trainings delivered to 5 Member States reaching 80% of officials"
    assert "IND-03" in rules(replace(GOOD, statement=text))
    assert "IND-03" not in rules(replace(GOOD, statement="Number of trainings delivered to 5 Member States"))

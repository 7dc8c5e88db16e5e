"""The indicator linter on the statement itself: each finding, its field and the word it quotes, exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.indicators import Indicator, lint_indicator
from tests.exercises.test_indicators import GOOD

# rules.toml, written out: what each rule says, with the quoted word in {}.
EXPLAIN = {
    "IND-01": "The indicator does not say what is counted or computed, so two people could measure it "
    "differently.",
    "IND-02": "“{}” says which way the value should move; a neutral indicator only names what is measured.",
    "IND-03": "“{}” is a target or a date; written into the indicator, it cannot change without changing the "
    "indicator.",
    "IND-04": "“{}” joins two measures; one indicator can report only one value per period.",
    "IND-05": "A {} needs a numerator and a denominator, otherwise nobody knows what it is a share of.",
    "IND-06": "“{}” can mean different things to different data collectors until it is defined.",
    "IND-07": "“{}” is named as a breakdown but its categories are not listed.",
    "IND-08": "It starts with “{}”, which is work to be done, not something to measure.",
    "IND-10": "Without a source, nobody can check the value that will be reported.",
    "IND-11": "“{}” does not name a document, survey, register or owner that someone could ask for.",
}
FIELD = {"IND-05": "denominator", "IND-06": "definition", "IND-07": "disaggregation"}
FIELD |= {"IND-10": "means_of_verification", "IND-11": "means_of_verification"}


def expect(*pairs: tuple[str, str]) -> list[tuple[str, str, str, str, int]]:
    """(rule, quoted word) pairs as the findings they must be, at row "R", indicator 3."""
    return [(rule, FIELD.get(rule, "statement"), EXPLAIN[rule].format(word), "R", 3) for rule, word in pairs]


def said(ind: Indicator, level: str = "outcome") -> list[tuple[str, str, str, str, int | None]]:
    return [
        (f.rule, f.field, f.explain, f.row, f.indicator)
        for f in lint_indicator(ind, level, row="R", number=3)
    ]


OUTCOME, OUTPUT = "outcome", "output"
STATEMENTS = [
    # IND-01: the measure first, after at most two qualifiers; quotes pasted in front do not hide it.
    ("The annual amount of rice in emergency reserve", OUTCOME, []),
    ("The estimated annual amount of rice in emergency reserve", OUTCOME, [("IND-01", "")]),
    ("Annual average score of client satisfaction", OUTCOME, []),
    ('"Annual amount of rice in emergency reserve"', OUTCOME, []),
    ("Member States listed in the regional index", OUTCOME, [("IND-01", "")]),  # "index" is not first
    ("Land covered by forest (%)", OUTCOME, []),  # a unit in brackets names the measure
    ("Land covered by forest (#)", OUTCOME, []),
    ("Regional plan adopted by the ministry (yes/no)", OUTCOME, []),
    ("Increased number of loss reports", OUTCOME, [("IND-01", ""), ("IND-02", "Increased")]),
    # IND-03: numbers and dates that are targets; "by 5 Member States" and "to 5 Member States" are scopes.
    ("Number of reports submitted by 5 Member States", OUTCOME, []),
    ("Number of reports submitted to 5 Member States", OUTCOME, []),
    ("Proportion of provinces covered by 60 %", OUTCOME, [("IND-03", "by 60 %")]),
    ("Share of schools with internet access up to 60%", OUTCOME, [("IND-03", "to 60%")]),
    ("Percentage of agencies publishing standards reaches 80%", OUTCOME, [("IND-03", "reaches 80%")]),
    ("Number of loss reports by 2025", OUTCOME, [("IND-03", "by 2025")]),
    ("Number of Member States from 4 to 10", OUTCOME, [("IND-03", "from 4 to 10")]),
    ("10 Member States reporting losses", OUTCOME, [("IND-01", ""), ("IND-03", "10")]),
    ("Ten Member States reporting losses", OUTCOME, [("IND-01", ""), ("IND-03", "Ten")]),
    ("All Member States reporting losses", OUTCOME, [("IND-01", "")]),  # "all" is a scope
    # IND-04: two measures joined; the joined phrase, or "and"/"or" with what follows, is quoted.
    ("Number and percentage of States reporting", OUTCOME, [("IND-04", "number and percentage")]),
    ("Number and percent of States reporting", OUTCOME, [("IND-04", "number and percent")]),
    ("Number and proportion of States reporting", OUTCOME, [("IND-04", "number and proportion")]),
    ("# and % of Member States reporting losses", OUTCOME, [("IND-04", "# and %")]),
    ("Number and share of States reporting", OUTCOME, [("IND-04", "number and share")]),
    ("Number of officials trained and number of guides printed", OUTPUT, [("IND-04", "and number of gu …")]),
    ("NUMBER OF OFFICIALS TRAINED AND NUMBER OF GUIDES PRINTED", OUTPUT, [("IND-04", "AND NUMBER OF GU …")]),
    ("Number of schools or number of clinics with a plan", OUTCOME, [("IND-04", "or number of cl …")]),
    # IND-08: an activity verb first; a noun-verb followed by what was delivered is not an activity.
    ("Conduct a survey of trained officials", OUTPUT, [("IND-08", "Conduct")]),
    ("Draft the regional guideline", OUTPUT, [("IND-08", "Draft")]),
    ("Draft guideline endorsed by ACDM", OUTPUT, [("IND-01", "")]),
    ("Review report published", OUTPUT, [("IND-01", "")]),
]


@pytest.mark.parametrize(("text", "level", "pairs"), STATEMENTS, ids=[s[0][:40] for s in STATEMENTS])
def test_a_statement_gets_exactly_its_findings(text, level, pairs):
    shares_defined = replace(GOOD, statement=text, numerator="Those that qualify", denominator="All of them")
    assert said(shares_defined, level) == expect(*pairs)


@pytest.mark.parametrize(
    ("text", "unit_type", "unit"),
    [
        ("Percentage of agencies with a complaints desk", "", "percentage"),
        ("Percent of agencies with a complaints desk", "", "percentage"),
        ("Per cent of agencies with a complaints desk", "", "percentage"),
        ("% of agencies with a complaints desk", "", "percentage"),
        ("Proportion of agencies with a complaints desk", "", "percentage"),
        ("# Proportion of agencies with a complaints desk", "", "percentage"),  # a pasted heading mark
        ("Share of agencies with a complaints desk", "", "percentage"),
        ("Rate of complaints answered within a week", "", "rate"),
        ("Ratio of girls to boys in lower secondary school", "", "rate"),
        (
            "Ratio of girls to boys in lower secondary school",
            "ratio",
            "ratio",
        ),  # the chosen share type counts
        ("Number of agencies with a complaints desk", "percentage", "percentage"),
    ],
)
def test_a_share_without_a_denominator_is_ind_05_naming_its_unit(text, unit_type, unit):
    ind = replace(GOOD, statement=text, unit_type=unit_type)
    assert said(ind) == expect(("IND-05", unit))
    assert said(replace(ind, denominator="All agencies")) == []


def test_a_number_needs_no_denominator():
    assert (
        said(replace(GOOD, statement="Number of agencies with a complaints desk", unit_type="number")) == []
    )
    assert said(replace(GOOD, statement="Number of agencies with a complaints desk", unit_type="")) == []


@pytest.mark.parametrize(
    ("disaggregation", "gap"),
    [
        ("by sex", "sex"),
        ("By sex", "sex"),
        ("Sex and age", "Sex"),
        ("Sex, age, disability", "Sex"),
        ("Sex:; Age: 15-24, 25+", "Sex"),
        ("Sex; age group", "Sex"),  # one finding, for the first gap
        ("Sex: female, male; per province", "province"),
        ("Sex (female, male), age group (15-24, 25+)", None),
        ("Sex: female, male", None),
    ],
)
def test_a_breakdown_must_list_its_values_and_the_first_gap_is_named(disaggregation, gap):
    found = said(replace(GOOD, disaggregation=disaggregation))
    assert found == (expect(("IND-07", gap)) if gap else [])


@pytest.mark.parametrize(
    ("source", "pairs"),
    [
        ("", [("IND-10", "")]),
        ("M & E reports", [("IND-11", "M & E reports")]),
        ("M&E reports", [("IND-11", "M&E reports")]),
        ("Project reports", [("IND-11", "Project reports")]),
        ("AHA Centre annual register of Member State loss reports", []),
    ],
)
def test_a_source_must_name_something_someone_could_ask_for(source, pairs):
    assert said(replace(GOOD, means_of_verification=source)) == expect(*pairs)


def test_a_vague_word_needs_a_definition_and_the_word_is_quoted():
    text = "Number of Member States with an effective early warning system"
    assert said(replace(GOOD, statement=text, definition="")) == expect(("IND-06", "effective"))
    assert said(replace(GOOD, statement=text)) == []


def test_without_a_row_or_number_a_finding_belongs_to_no_row():
    found = lint_indicator(replace(GOOD, statement="Conduct a survey", means_of_verification=""), "output")
    assert [(f.rule, f.row, f.indicator) for f in found] == [("IND-08", "", None), ("IND-10", "", None)]

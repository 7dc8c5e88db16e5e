"""Learner text: what cleaning removes, and the length limits (the limit passes, one more character not)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.indicators import Indicator, input_problems, lint_indicator
from exercises.logframe import Logframe, Row, check_logframe
from exercises.text import LONG_MAX, SHORT_MAX, clean


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        (None, ""),
        (float("nan"), ""),  # an empty spreadsheet cell read by pandas
        (2.5, "2.5"),  # a real number is text like any other
        (0.0, "0.0"),
        ("a\x07b\x00c", "abc"),  # control characters go
        ("\ufeffNumber\u200b of\u00ad", "Number of"),  # invisible marks go
        ("  one\t\u00a0two  ", "one two"),
        ("one\r\ntwo\rthree\nfour", "one two three four"),
    ],
)
def test_cleaning_keeps_what_a_reader_sees(value, cleaned):
    assert clean(value) == cleaned


def test_multiline_cleaning_keeps_line_breaks_of_every_kind_and_drops_empty_lines():
    assert clean("one\r\ntwo\rthree\nfour", multiline=True) == "one\ntwo\nthree\nfour"
    assert clean("a\r\rb", multiline=True) == "a\nb"
    assert clean(" a \n\n b ", multiline=True) == "a\nb"


LABELS = {
    "statement": "Indicator",
    "unit": "Unit (what is counted)",
    "definition": "Definition",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "disaggregation": "Disaggregation",
    "means_of_verification": "Means of verification",
    "frequency": "Frequency",
    "responsible": "Responsible body",
    "baseline": "Baseline (value, year)",
    "target": "Target (value, date)",
}
LONG = ("definition", "numerator", "denominator", "disaggregation", "means_of_verification")
LIMITS = dict.fromkeys(LONG, 1000)  # the others: 300


def test_the_limits_are_300_and_1000_characters():
    assert (SHORT_MAX, LONG_MAX) == (300, 1000)


@pytest.mark.parametrize("name", LABELS)
def test_an_indicator_field_of_exactly_its_limit_passes_and_one_more_character_is_refused(name):
    limit = LIMITS.get(name, 300)
    assert input_problems(Indicator(**{name: "x" * limit})) == []
    alone = input_problems(Indicator(**{name: "x" * (limit + 1)}))  # outside a logframe: no row, no number
    assert [(f.row, f.indicator) for f in alone] == [("", None)]
    found = input_problems(Indicator(**{name: "x" * (limit + 1)}), row="O", number=2)
    assert [(f.rule, f.field, f.row, f.indicator, f.severity) for f in found] == [
        ("INPUT", name, "O", 2, "error")
    ]
    assert found[0].explain == f"{LABELS[name]} has {limit + 1} characters; the limit is {limit}."
    assert found[0].suggest == "Shorten it: say the essential in one or two sentences."


def test_the_linter_reports_over_long_fields_with_the_row_and_indicator_number():
    ind = Indicator(
        statement="Number of agencies using the guideline",
        definition="d" * 1001,
        means_of_verification="Register of the ASEAN Secretariat",
        frequency="Annual",
        responsible="ASEAN Secretariat",
    )
    found = [f for f in lint_indicator(ind, "outcome", row="O", number=3) if f.rule == "INPUT"]
    assert [(f.field, f.row, f.indicator) for f in found] == [("definition", "O", 3)]
    assert found[0].explain == "Definition has 1001 characters; the limit is 1000."


def test_an_empty_indicator_is_one_input_finding_saying_what_to_write():
    found = lint_indicator(Indicator(), "outcome", row="O", number=1)
    assert [(f.rule, f.field, f.row, f.indicator) for f in found] == [("INPUT", "statement", "O", 1)]
    assert found[0].explain == "The indicator is empty."
    assert found[0].suggest == "Write what you would measure: “Number of …” or “Percentage of …”."


ROWS = (
    Row("G", "goal", "", "Improved public services for citizens of AMS", "", ()),
    Row("O", "outcome", "G", "Increased use of feedback by agencies in AMS", "Ministries keep funding", ()),
)


@pytest.mark.parametrize(
    ("name", "limit", "verb"), [("narrative", 300, "has"), ("assumptions", 1000, "have")]
)
def test_a_logframe_cell_of_exactly_its_limit_passes_and_one_more_character_is_refused(name, limit, verb):
    def inputs(text: str) -> list[tuple[str, str, str, str]]:
        frame = Logframe(rows=(replace(ROWS[0], **{name: text}), ROWS[1]))
        return [(f.field, f.row, f.explain, f.suggest) for f in check_logframe(frame) if f.rule == "INPUT"]

    assert inputs("x" * limit) == []
    assert inputs("x" * (limit + 1)) == [
        (
            name,
            "G",
            f"The {name} of row G {verb} {limit + 1} characters; the limit is {limit}.",
            "Shorten it to the essential.",
        )
    ]


def test_a_draft_is_cut_to_the_limits_when_it_is_read_back():
    frame = Logframe.from_dict(
        {"title": "t" * 301, "rows": [{"ref": "r" * 21, "parent": "p" * 21, "level": "Goal"}]}
    )
    assert frame.title == "t" * 300
    assert (frame.rows[0].ref, frame.rows[0].parent, frame.rows[0].level) == ("r" * 20, "p" * 20, "goal")

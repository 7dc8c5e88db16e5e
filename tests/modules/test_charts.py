"""Charts in lessons: a ```chart block is checked and drawn; a bad one names what is wrong."""

from __future__ import annotations

import pytest

from modules.charts import altair_chart, parse_chart
from modules.lessons import Chart, Embed, Prose, parse_lesson
from modules.questions import ContentError

GOOD = {
    "title": "Illustrative: reach",
    "kind": "line",
    "x": "Year",
    "y": "Reached (%)",
    "data": "illustrative",
    "series": [
        {"name": "Target", "x": [2016, 2020], "y": [20, 60]},
        {"name": "Actual", "x": [2016, 2018], "y": [20, 31.5]},
    ],
}


def test_a_chart_keeps_its_points_in_order_and_says_it_is_illustrative():
    spec = parse_chart(GOOD)
    assert [(r["series"], r["x"], r["y"]) for r in spec.rows()] == [
        ("Target", 2016, 20.0),
        ("Target", 2020, 60.0),
        ("Actual", 2016, 20.0),
        ("Actual", 2018, 31.5),
    ]
    assert spec.caption == "Illustrative figures, not real data."


@pytest.mark.parametrize("kind", ["line", "bar"])
def test_altair_draws_each_kind_with_titled_axes(kind):
    drawn = altair_chart(parse_chart({**GOOD, "kind": kind})).to_dict()
    assert drawn["mark"]["type"] == kind
    assert drawn["encoding"]["x"]["title"] == "Year"
    assert drawn["encoding"]["y"]["title"] == "Reached (%)"
    assert len(drawn["data"]["values"]) == 4
    assert ("xOffset" in drawn["encoding"]) == (kind == "bar")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "pie"}, "chart kind 'pie'"),
        ({"data": "real"}, "chart 'data' must be one of illustrative"),
        ({"series": []}, "at least one [[series]]"),
        ({"series": [{"name": "A", "x": [1, 2], "y": [1]}]}, "2 x values but 1 y values"),
        ({"series": [{"name": "A", "x": [1], "y": ["high"]}]}, "every y must be a number"),
        ({"series": [{"name": "A", "x": [1], "y": [1]}, {"name": "A", "x": [2], "y": [2]}]}, "same name"),
        ({"series": [{"name": "A", "x": [1, "Q2"], "y": [1, 2]}]}, "mixes numbers and texts"),
        ({"title": ""}, "'title' is missing"),
    ],
)
def test_a_bad_chart_is_refused_with_the_reason(change, message):
    with pytest.raises(ContentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_chart({**GOOD, **change})


def test_lesson_blocks_include_charts_and_embeds_and_report_bad_ones():
    text = (
        "# T\n\nIntro.\n\n```chart\n"
        'title = "Illustrative"\nkind = "bar"\nx = "Q"\ny = "N"\ndata = "illustrative"\n'
        '[[series]]\nname = "A"\nx = ["Q1", "Q2"]\ny = [1, 2]\n```\n\nMiddle.\n\n'
        "```embed\nsectoral-body-cards\n```\n\n```embed\nno-such-thing\n```\n\n"
        '```chart\nkind = "line"\n```\n'
    )
    parsed = parse_lesson(text)
    assert [type(b) for b in parsed.blocks] == [Prose, Chart, Prose, Embed]
    assert parsed.problems == (
        "embed at line 23: unknown embed 'no-such-thing'; use one of sectoral-body-cards",
        "chart at line 27: chart 'data' must be one of illustrative (got None)",
    )

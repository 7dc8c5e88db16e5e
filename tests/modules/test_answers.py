"""Reading typed numbers and fixing a per-learner order of items."""

from __future__ import annotations

import pytest

from modules.answers import describe, parse_number, shuffled
from modules.questions import parse_question


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("1,250", 1250.0),
        ("1,250.75", 1250.75),
        (" 40 % ", 40.0),
        ("-3", -3.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("", None),
        ("abc", None),
        ("12.5.1", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_shuffled_is_stable_per_seed_and_not_the_answer_order():
    items = ("a", "b", "c", "d")
    assert shuffled(items, "7:q") == shuffled(items, "7:q")
    assert shuffled(items, "7:q") != list(items)
    assert sorted(shuffled(items, "8:q")) == sorted(items)


def test_describe_matching():
    q = parse_question(
        {
            "id": "m-1",
            "kind": "matching",
            "prompt": "P",
            "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}],
        }
    )
    assert describe(q, {"a": "2"}) == "a → 2; b → —"
    assert describe(q, None) == "—"

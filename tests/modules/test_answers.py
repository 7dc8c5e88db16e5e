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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("\u00a040\u202f%", 40.0),  # non-breaking and narrow spaces from a word processor
        ("1 250", 1250.0),  # a space between thousands
        ("+5", 5.0),
        ("5.", 5.0),
        ("-", None),
        ("%", None),
    ],
)
def test_spaces_and_signs_are_read_as_people_type_them(text, value):
    assert parse_number(text) == value


def test_a_learner_rarely_sees_the_items_in_the_answer_order():
    three = ("a", "b", "c")
    orders = [shuffled(three, f"{n}:q") for n in range(300)]
    assert all(sorted(o) == list(three) for o in orders)
    assert list(three) not in orders  # a retry draws again: 1 in 6 per draw, five draws
    two = ("a", "b")
    in_answer_order = sum(shuffled(two, f"{n}:q") == list(two) for n in range(300))
    assert in_answer_order <= 30  # 1 in 32 with five draws; 1 in 2 without retries
    assert shuffled(("only",), "1:q") == ["only"]


QUESTIONS = {
    kind: parse_question(
        {
            "id": f"{kind}-1",
            "kind": kind,
            "prompt": "P",
            "choices": [{"text": "x", "correct": True}, {"text": "y", "correct": False}],
            "items": ["first", "second"],
            "answers": ["x"],
            "answer": 1,
        }
        | (
            {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}
            if kind == "matching"
            else {}
        )
    )
    for kind in ("single", "multiple", "ordering", "text", "numeric", "matching")
}


@pytest.mark.parametrize(
    ("kind", "response", "words"),
    [
        ("multiple", ["x", "y"], "x; y"),
        ("multiple", [], "—"),
        ("ordering", ["second", "first"], "second → first"),
        ("single", "x", "x"),
        ("numeric", 12.5, "12.5"),
        ("text", None, "—"),
        ("matching", ["a"], "['a']"),  # an odd recorded shape is shown as it is, never a crash
    ],
)
def test_a_recorded_answer_in_plain_words(kind, response, words):
    assert describe(QUESTIONS[kind], response) == words

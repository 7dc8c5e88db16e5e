"""Question tables from TOML: valid ones load, broken ones fail with a reason naming the problem."""

from __future__ import annotations

import pytest

from modules.questions import ContentError, parse_question


def base(**kw):
    return {"id": "q-1", "kind": "single", "prompt": "P?", **kw}


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        (base(id="Bad Id"), "must be 2-64 lowercase"),
        (base(kind="essay"), "unknown kind 'essay'"),
        (base(prompt=""), "'prompt' is missing or empty"),
        (
            base(choices=[{"text": "a", "correct": False}, {"text": "b", "correct": False}]),
            "no correct answer",
        ),
        (
            base(choices=[{"text": "a", "correct": True}, {"text": "b", "correct": True}]),
            "marks 2 choices correct",
        ),
        (base(choices=[{"text": "a", "correct": True}]), "at least two choices"),
        (base(choices=[{"text": "a", "correct": True}, {"text": "A", "correct": False}]), "same text"),
        (base(choices=[{"text": "a", "correct": "yes"}, {"text": "b"}]), "'correct' must be true or false"),
        (base(max_attempts=-1, choices=[{"text": "a", "correct": True}, {"text": "b"}]), "max_attempts"),
        ({"id": "n-1", "kind": "numeric", "prompt": "P", "answer": "ten"}, "'answer' must be a number"),
        ({"id": "n-1", "kind": "numeric", "prompt": "P", "answer": 1, "tolerance": -1}, "negative"),
        ({"id": "t-1", "kind": "text", "prompt": "P", "answers": []}, "no accepted answer"),
        ({"id": "o-1", "kind": "ordering", "prompt": "P", "items": ["a"]}, "at least two items"),
        ({"id": "o-1", "kind": "ordering", "prompt": "P", "items": ["a", "a"]}, "same text"),
        (
            {"id": "m-1", "kind": "matching", "prompt": "P", "pairs": [{"left": "a", "right": "b"}]},
            "two pairs",
        ),
    ],
)
def test_broken_questions_name_the_problem(table, reason):
    with pytest.raises(ContentError, match=reason):
        parse_question(table)


def test_error_names_the_question_id():
    with pytest.raises(ContentError, match="question 'q-1'"):
        parse_question(base(choices=[]))


def test_matching_rights_are_sorted_so_order_gives_nothing_away():
    q = parse_question(
        {
            "id": "m-1",
            "kind": "matching",
            "prompt": "P",
            "pairs": [{"left": "x", "right": "zeta"}, {"left": "y", "right": "Alpha"}],
        }
    )
    assert q.rights == ("Alpha", "zeta")

"""Grading is a pure function of (question, answer): a table per question kind."""

from __future__ import annotations

import pytest

from modules.catalog import curriculum
from modules.grading import (
    Feedback,
    correct_answer,
    grade,
    is_blank,
    model_response,
    normalise,
    passes,
    percent_of,
)
from modules.questions import parse_question

SINGLE = parse_question(
    {
        "id": "q-single",
        "kind": "single",
        "prompt": "Level of 'officials trained'?",
        "choices": [
            {"text": "Activity", "correct": False, "feedback": "That is the work done."},
            {"text": "Output", "correct": True, "feedback": "Delivered by the project."},
            {"text": "Outcome", "correct": False},
        ],
    }
)
MULTIPLE = parse_question(
    {
        "id": "q-multi",
        "kind": "multiple",
        "prompt": "Which are SMART letters?",
        "choices": [
            {"text": "Specific", "correct": True},
            {"text": "Measurable", "correct": True},
            {"text": "Cheap", "correct": False, "feedback": "Cost is CREAM's E, not SMART."},
            {"text": "Time-bound", "correct": True},
        ],
    }
)
NUMERIC = parse_question(
    {
        "id": "q-num",
        "kind": "numeric",
        "prompt": "24 of 64 as a percent?",
        "answer": 37.5,
        "tolerance": 0.1,
        "unit": "%",
    }
)
TEXT = parse_question(
    {
        "id": "q-text",
        "kind": "text",
        "prompt": "Level?",
        "answers": ["outcome", "an outcome"],
    }
)
ORDERING = parse_question(
    {
        "id": "q-order",
        "kind": "ordering",
        "prompt": "Order the chain",
        "items": ["Inputs", "Activities", "Outputs", "Outcomes"],
    }
)
MATCHING = parse_question(
    {
        "id": "q-match",
        "kind": "matching",
        "prompt": "Match",
        "pairs": [
            {"left": "ACDM", "right": "Disaster"},
            {"left": "SLOM", "right": "Labour"},
            {"left": "ASOEN", "right": "Environment"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "answer", "correct", "score"),
    [
        (SINGLE, "Output", True, 1.0),
        (SINGLE, "Activity", False, 0.0),
        (SINGLE, "Not a choice", False, 0.0),
        (SINGLE, None, False, 0.0),
        (MULTIPLE, ["Specific", "Measurable", "Time-bound"], True, 1.0),
        (MULTIPLE, ["Specific", "Measurable"], False, 0.6667),
        (MULTIPLE, ["Specific", "Cheap"], False, 0.0),
        (MULTIPLE, ["Specific", "Measurable", "Time-bound", "Cheap"], False, 0.6667),
        (MULTIPLE, [], False, 0.0),
        (NUMERIC, 37.5, True, 1.0),
        (NUMERIC, 37.45, True, 1.0),
        (NUMERIC, "37.6", True, 1.0),
        (NUMERIC, 37.7, False, 0.0),
        (NUMERIC, "abc", False, 0.0),
        (NUMERIC, float("nan"), False, 0.0),
        (TEXT, "Outcome", True, 1.0),
        (TEXT, "  an   OUTCOME. ", True, 1.0),
        (TEXT, "output", False, 0.0),
        (ORDERING, ["Inputs", "Activities", "Outputs", "Outcomes"], True, 1.0),
        (ORDERING, ["Activities", "Inputs", "Outputs", "Outcomes"], False, 0.5),
        (MATCHING, {"ACDM": "Disaster", "SLOM": "Labour", "ASOEN": "Environment"}, True, 1.0),
        (MATCHING, {"ACDM": "Labour", "SLOM": "Disaster", "ASOEN": "Environment"}, False, 0.3333),
        (MATCHING, "garbage", False, 0.0),
    ],
)
def test_grade_table(question, answer, correct, score):
    fb = grade(question, answer)
    assert (fb.correct, fb.score) == (correct, score)


def test_single_choice_feedback_is_the_chosen_choice():
    assert grade(SINGLE, "Activity").messages == ("That is the work done.",)
    assert grade(SINGLE, "Output").messages == ("Delivered by the project.",)


def test_multiple_choice_explains_a_wrong_pick_and_counts_missed():
    assert "Cost is CREAM's E, not SMART." in grade(MULTIPLE, ["Specific", "Cheap"]).messages
    assert "You found 2 of 3 correct choices." in grade(MULTIPLE, ["Specific", "Measurable"]).messages


def test_grading_is_pure():
    assert grade(ORDERING, ["Outputs", "Inputs", "Activities", "Outcomes"]) == grade(
        ORDERING, ["Outputs", "Inputs", "Activities", "Outcomes"]
    )


@pytest.mark.parametrize(
    ("question", "answer", "blank"),
    [
        (TEXT, "   ", True),
        (TEXT, "x", False),
        (MULTIPLE, [], True),
        (ORDERING, ["Inputs"], True),
        (MATCHING, {"ACDM": "Disaster", "SLOM": None, "ASOEN": "Environment"}, True),
        (SINGLE, None, True),
        (NUMERIC, 0.0, False),
    ],
)
def test_blank_answers(question, answer, blank):
    assert is_blank(question, answer) is blank


def test_correct_answer_in_words():
    assert correct_answer(SINGLE) == "Output"
    assert correct_answer(NUMERIC) == "37.5 % (± 0.1)"
    assert correct_answer(ORDERING) == "Inputs → Activities → Outputs → Outcomes"
    assert correct_answer(MATCHING).startswith("ACDM → Disaster")


def test_normalise_folds_case_punctuation_and_spaces():
    assert normalise("  Results-based   MONITORING! ") == "results based monitoring"
    assert normalise("ｏｕｔｃｏｍｅ") == "outcome"  # full-width letters typed on some keyboards


@pytest.mark.parametrize("odd", [None, "", "text", 3, 2.5, [1, 2], {"a": 1}, ("x",), True])
@pytest.mark.parametrize("question", [SINGLE, MULTIPLE, NUMERIC, TEXT, ORDERING, MATCHING])
def test_odd_input_never_raises(question, odd):
    fb = grade(question, odd)
    assert 0.0 <= fb.score <= 1.0


@pytest.mark.parametrize("question", curriculum().questions.values(), ids=lambda q: q.id)
def test_the_model_response_of_every_course_question_is_graded_right(question):
    feedback = grade(question, model_response(question))
    assert feedback.correct and feedback.score == 1.0


# Right: Specific, Measurable, Time-bound (3); wrong: Cheap. Only Cheap and Specific carry feedback.
SMART = parse_question(
    {
        "id": "q-smart",
        "kind": "multiple",
        "prompt": "Which are SMART letters?",
        "choices": [
            {"text": "Specific", "correct": True, "feedback": "One result, one measure."},
            {"text": "Measurable", "correct": True},
            {"text": "Cheap", "correct": False, "feedback": "Cost is CREAM's E, not SMART."},
            {"text": "Time-bound", "correct": True},
        ],
    }
)


@pytest.mark.parametrize(
    ("answer", "score", "messages"),
    [
        # All three right: nothing to add.
        (["Specific", "Measurable", "Time-bound"], 1.0, ("One result, one measure.",)),
        # Partial, nothing wrong: (2 − 0) ÷ 3, and the count of what was found.
        (["Measurable", "Time-bound"], 0.6667, ("You found 2 of 3 correct choices.",)),
        # A picked choice's feedback comes first, then the count.
        (["Specific"], 0.3333, ("One result, one measure.", "You found 1 of 3 correct choices.")),
        # Over-picked: (3 − 1) ÷ 3; the wrong pick is explained and no count is given.
        (
            ["Specific", "Measurable", "Time-bound", "Cheap"],
            0.6667,
            ("One result, one measure.", "Cost is CREAM's E, not SMART."),
        ),
        # One right, one wrong: (1 − 1) ÷ 3 = 0; a wrong pick means no count.
        (["Measurable", "Cheap"], 0.0, ("Cost is CREAM's E, not SMART.",)),
        # More wrong than right never goes below 0.
        (["Cheap"], 0.0, ("Cost is CREAM's E, not SMART.",)),
        # Nothing picked: nothing found yet.
        ([], 0.0, ("You found 0 of 3 correct choices.",)),
    ],
)
def test_multiple_choice_scores_hits_less_false_picks_and_says_what_was_found(answer, score, messages):
    fb = grade(SMART, answer)
    assert (fb.correct, fb.score, fb.messages) == (score == 1.0, score, messages)


@pytest.mark.parametrize(
    ("question", "answer", "messages"),
    [
        (SINGLE, "Not a choice", ("That answer is not one of the choices.",)),
        (SINGLE, "Outcome", ()),  # a choice without feedback says nothing
        (NUMERIC, "abc", ("Enter a number.",)),
        (NUMERIC, None, ("Enter a number.",)),
        (NUMERIC, float("nan"), ("Enter a finite number.",)),
        (NUMERIC, "inf", ("Enter a finite number.",)),
        (NUMERIC, 37.5, ()),
        (NUMERIC, 40, ()),  # wrong, but a number: the score says it
        (ORDERING, ["Inputs", "Activities", "Outputs", "Outcomes"], ()),
        (
            ORDERING,
            ["Activities", "Inputs", "Outputs", "Outcomes"],
            ("2 of 4 items are in the right place.",),
        ),
        (ORDERING, ["Outcomes"], ("0 of 4 items are in the right place.",)),
        (MATCHING, {"ACDM": "Disaster", "SLOM": "Labour", "ASOEN": "Environment"}, ()),
        (
            MATCHING,
            {"ACDM": "Disaster", "SLOM": "Environment", "ASOEN": "Labour"},
            ("1 of 3 pairs are matched correctly.",),
        ),
    ],
)
def test_each_kind_says_exactly_what_was_wrong(question, answer, messages):
    assert grade(question, answer).messages == messages


def test_scores_are_shares_rounded_to_four_decimals():
    three = parse_question({"id": "q-3", "kind": "ordering", "prompt": "Order", "items": ["a", "b", "c"]})
    assert grade(three, ["b", "a", "c"]).score == 0.3333  # 1 of 3 in place
    assert grade(three, ["a", "c", "b"]).score == 0.3333
    assert grade(MATCHING, {"ACDM": "Disaster", "SLOM": "Labour"}).score == 0.6667  # 2 of 3


@pytest.mark.parametrize(
    ("question", "answer", "blank"),
    [
        (ORDERING, ["Outputs", "Inputs", "Activities", "Outcomes"], False),  # every item placed
        (ORDERING, "Inputs, Activities", True),  # not a list
        (MATCHING, {"ACDM": "Disaster", "SLOM": "Labour", "ASOEN": "Environment"}, False),
        (MATCHING, {"ACDM": "Labour", "SLOM": "Disaster", "ASOEN": "Disaster"}, False),  # wrong, not blank
        (MATCHING, ["ACDM"], True),
        (MULTIPLE, ["Cheap"], False),
        (TEXT, None, True),
    ],
)
def test_an_answer_is_blank_only_when_something_is_left_out(question, answer, blank):
    assert is_blank(question, answer) is blank


def test_the_right_answer_in_words_for_every_kind():
    assert correct_answer(MULTIPLE) == "Specific; Measurable; Time-bound"
    assert correct_answer(TEXT) == "outcome"  # the first accepted answer
    assert correct_answer(MATCHING) == "ACDM → Disaster; SLOM → Labour; ASOEN → Environment"
    bare = parse_question({"id": "q-n", "kind": "numeric", "prompt": "How many?", "answer": 42})
    assert correct_answer(bare) == "42"  # no unit, no tolerance: nothing added
    assert model_response(TEXT) == "outcome"


@pytest.mark.parametrize(
    ("scores", "percent"),
    [
        ([1.0, 0.5, 0.0], 50.0),
        ([1.0, 1.0, 0.0], 66.7),  # 200 ÷ 3 = 66.666…, to one decimal
        ([1.0], 100.0),
        ([0.3333, 1.0], 66.7),  # (33.33 + 100) ÷ 2 = 66.665
        ([0.0, 0.0], 0.0),
    ],
)
def test_a_quiz_result_is_the_mean_score_in_percent_to_one_decimal(scores, percent):
    assert percent_of(Feedback(s == 1.0, s) for s in scores) == percent


def test_a_quiz_without_questions_has_no_result():
    with pytest.raises(ValueError, match=r"^a quiz or test needs at least one question$"):
        percent_of([])


@pytest.mark.parametrize(
    ("percent", "passed"), [(70.0, True), (69.9, False), (70.1, True), (100.0, True), (0.0, False)]
)
def test_exactly_the_pass_mark_passes(percent, passed):
    assert passes(percent, 70) is passed

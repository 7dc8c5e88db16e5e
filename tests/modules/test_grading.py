"""Grading is a pure function of (question, answer): a table per question kind."""

from __future__ import annotations

import pytest

from modules.catalog import curriculum
from modules.grading import correct_answer, grade, is_blank, model_response, normalise
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

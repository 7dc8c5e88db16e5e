"""The logframe checker's findings word for word: field, row, indicator and what the learner reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.logframe import Logframe, Row, assumption_wording, check_logframe
from tests.exercises.test_logframe import SOUND, at_level, change, ind, with_row, without


def edited(frame: Logframe, ref: str, **values: object) -> Logframe:
    return replace(frame, rows=tuple(replace(r, **values) if r.ref == ref else r for r in frame.rows))


def said(frame: Logframe, *rules: str) -> list[tuple[str, str, str, int | None, str]]:
    return [
        (f.rule, f.field, f.row, f.indicator, f.explain) for f in check_logframe(frame) if f.rule in rules
    ]


def test_input_problems_say_what_is_wrong_with_which_row():
    frame = replace(
        SOUND, rows=(*SOUND.rows, Row("1.1", "task", "1", ""), Row("X", "", "1", "Hold a meeting"))
    )
    found = [(f.field, f.row, f.explain, f.suggest) for f in check_logframe(frame) if f.rule == "INPUT"]
    assert found == [
        (
            "ref",
            "1.1",
            "Two rows have the reference “1.1”.",
            "Give each row its own Ref.: 1, 2 for outputs, 1.1, 1.2 for activities.",
        ),
        ("level", "1.1", "Row 1.1 has the level “task”.", "Choose goal, outcome, output or activity."),
        ("narrative", "1.1", "Row 1.1 has no narrative.", "Write the result or activity, or delete the row."),
        ("level", "X", "Row X has no level.", "Choose goal, outcome, output or activity."),
    ]


SERVES = "In “Contributes to”, give the Ref. of the {} it serves."


@pytest.mark.parametrize(
    ("frame", "found"),
    [
        (
            change("2.1", parent=""),
            [
                (
                    "parent",
                    "2.1",
                    "Row 2.1 (activity) does not say which output it contributes to.",
                    SERVES.format("output"),
                )
            ],
        ),
        (
            change("2.1", parent="O"),
            [
                (
                    "parent",
                    "2.1",
                    "Row 2.1 (activity) points to “O”, which is not an output row.",
                    SERVES.format("output"),
                )
            ],
        ),
        (
            change("O", parent="1"),
            [
                (
                    "parent",
                    "O",
                    "Row O (outcome) points to “1”, which is not a goal row.",
                    SERVES.format("goal"),
                )
            ],
        ),
        (
            at_level("output", parent="G"),
            [
                (
                    "narrative",
                    "O",
                    "No output contributes to outcome O.",
                    "Link the outputs that lead to it, or add them.",
                ),
                (
                    "parent",
                    "1",
                    "Row 1 (output) points to “G”, which is not an outcome row.",
                    SERVES.format("outcome"),
                ),
                (
                    "parent",
                    "2",
                    "Row 2 (output) points to “G”, which is not an outcome row.",
                    SERVES.format("outcome"),
                ),
            ],
        ),
        # A row without a reference cannot be pointed to.
        (
            replace(
                SOUND,
                rows=(
                    *SOUND.rows,
                    Row("", "output", "O", "Guide printed"),
                    Row("3.1", "activity", "", "Print"),
                ),
            ),
            [
                (
                    "parent",
                    "3.1",
                    "Row 3.1 (activity) does not say which output it contributes to.",
                    SERVES.format("output"),
                )
            ],
        ),
    ],
)
def test_a_row_not_linked_to_the_level_above_is_lf_07_saying_how(frame, found):
    assert [
        (f.field, f.row, f.explain, f.suggest) for f in check_logframe(frame) if f.rule == "LF-07"
    ] == found


EFFORT = "“{}” describes the effort of the project, not the change it brings about."
TWO_CHANGES = "It joins two changes (“{}”), which may happen separately and need separate indicators."
NO_WHO = (
    "An outcome states a change (increased, improved, reduced …) and who experiences it; this one has no {}."
)

WORDING = [
    ("G", "Supported public services for citizens across AMS", "LF-03", EFFORT.format("Supported")),
    (
        "O",
        "To strengthen citizen feedback in civil service agencies of AMS",
        "LF-03",
        EFFORT.format("To strengthen"),
    ),
    ("O", "To support civil service agencies in AMS with feedback", "LF-03", EFFORT.format("To support")),
    ("O", "Agencies in AMS working with citizens on their feedback", "LF-03", EFFORT.format("working with")),
    (
        "O",
        "Agencies in AMS worked with citizens in order to use feedback",
        "LF-03",
        EFFORT.format("worked with"),
    ),
    (
        "O",
        "Increased use of feedback and improved standards in agencies of AMS",
        "LF-09",
        TWO_CHANGES.format("Increased … and … improved"),
    ),
    (
        "O",
        "Increased use and improved standards and reduced complaints among agencies of AMS",
        "LF-09",
        TWO_CHANGES.format("Increased … and … improved"),
    ),
    (
        "O",
        "Improved services for citizens and improved standards in agencies of AMS",
        "LF-09",
        TWO_CHANGES.format("Improved … and … improved"),
    ),
    (
        "O",
        "INCREASED USE AND IMPROVED STANDARDS AMONG AGENCIES OF AMS",
        "LF-09",
        TWO_CHANGES.format("INCREASED … and … IMPROVED"),
    ),
    (
        "G",
        "Improved services and reduced poverty across AMS",
        "LF-09",
        TWO_CHANGES.format("Improved … and … reduced"),
    ),
    ("O", "Use of citizen feedback by agencies in AMS", "LF-04", NO_WHO.format("direction of change")),
    ("O", "Increased use of citizen feedback", "LF-04", NO_WHO.format("who")),
    ("O", "Use of citizen feedback", "LF-04", NO_WHO.format("direction of change and no who")),
    (
        "O",
        "Increased number of officials trained in AMS",
        "LF-05",
        "“trained” describes a delivery, which is an output, not the change it should bring.",
    ),
    (
        "2",
        "Train complaint officers in pilot agencies",
        "LF-08",
        "The output starts with “Train”, which is work to be done rather than something delivered.",
    ),
    ("2", "Toolkit updated and assessors trained", "LF-09", TWO_CHANGES.format("updated … and … trained")),
    ("2", "Workshop held and officials trained", "LF-09", TWO_CHANGES.format("held … and … trained")),
    (
        "2",
        "Toolkit updated and endorsed and assessors trained",
        "LF-09",
        TWO_CHANGES.format("endorsed … and … trained"),
    ),
    ("2", "Manual on planning and budgeting revised", "LF-09", None),  # one product on two topics
    ("2", "And toolkit updated", "LF-09", None),  # an "and" that joins nothing
    ("2", "Toolkit updated and put online", "LF-09", None),  # no second participle after "and"
    ("2", "Toolkit updated and endorsed by ACCSM", "LF-09", None),  # one product taken through two steps
]


@pytest.mark.parametrize(("ref", "narrative", "rule", "explain"), WORDING, ids=[w[1][:40] for w in WORDING])
def test_a_result_worded_as_effort_two_changes_or_a_delivery_is_named_with_its_words(
    ref, narrative, rule, explain
):
    expected = [(rule, "narrative", ref, None, explain)] if explain else []
    assert said(change(ref, narrative=narrative), rule) == expected


@pytest.mark.parametrize(
    ("output", "restated"),
    [
        ("Feedback use guide for agencies drafted", True),  # {feedback, use, agencies} of 5 words: 0.6
        ("Regional feedback use guide for agencies drafted", False),  # 3 of 6: 0.5
    ],
)
def test_an_outcome_sharing_six_tenths_of_its_words_with_an_output_restates_it(output, restated):
    frame = edited(change("1", narrative=output), "O", narrative="Increased feedback use among agencies")
    restates = "It says much the same as output 1: an outcome is what changes because the outputs exist."
    assert said(frame, "LF-05") == ([("LF-05", "narrative", "O", None, restates)] if restated else [])


UNCONNECTED = "The goal and the outcome share no subject, so the link between them is not visible."


def test_a_goal_and_outcome_sharing_only_a_direction_word_are_unconnected():
    frame = change("G", narrative="Improved health of citizens across the region")
    frame = edited(frame, "O", narrative="Improved use of feedback by agencies in AMS")
    assert said(frame, "LF-06") == [("LF-06", "narrative", "O", None, UNCONNECTED)]
    # Output 1 shares "feedback" with the outcome; listed first, it must not be taken for the goal.
    output_first = replace(frame, rows=(frame.rows[2], *frame.rows[:2], *frame.rows[3:]))
    assert said(output_first, "LF-06") == [("LF-06", "narrative", "O", None, UNCONNECTED)]


def test_a_logframe_without_a_goal_or_an_outcome_says_so_and_nothing_else_breaks():
    no_level = "The logframe has no {} row, so the chain from activities to goal is incomplete."
    assert said(without("G"), "LF-01") == [("LF-01", "level", "", None, no_level.format("goal"))]
    no_outcome = replace(SOUND, rows=tuple(r for r in SOUND.rows if r.level != "outcome"))
    assert said(no_outcome, "LF-01") == [("LF-01", "level", "", None, no_level.format("outcome"))]
    assert said(replace(SOUND, rows=SOUND.rows[:4]), "LF-01") == [
        ("LF-01", "level", "", None, no_level.format("activity"))
    ]
    two = with_row(Row("O2", "outcome", "G", "Reduced complaint backlogs in agencies of AMS"))
    many = "The logframe has 2 outcomes; a single project usually has one purpose that all outputs serve."
    assert said(two, "LF-02") == [("LF-02", "level", "", None, many)]


LINK = "No assumption states what must hold, outside the project's control, for this {} to lead to the {}."


@pytest.mark.parametrize(
    ("frame", "found"),
    [
        (change("2", assumptions=""), [("2", LINK.format("output", "outcome"))]),
        (change("O", assumptions=""), [("O", LINK.format("outcome", "goal"))]),
        (
            at_level("activity", assumptions=""),
            [("1.1", LINK.format("activity", "output")), ("2.1", LINK.format("activity", "output"))],
        ),
        (with_row(Row("1.2", "activity", "1", "Hold a meeting")), []),  # 1.1 holds the link for output 1
    ],
)
def test_each_link_without_an_assumption_is_lf_10_naming_both_levels(frame, found):
    assert [
        (row, explain) for _, field, row, _, explain in said(frame, "LF-10") if field == "assumptions"
    ] == found


OWN_WORK = "“{}” is something the project does itself; assumptions are conditions outside its control."
A_RISK = "“{}” states a risk or a lack; an assumption states the condition that must hold."


@pytest.mark.parametrize(
    ("text", "rule", "explain"),
    [
        ("The project will fund the travel", "LF-11", OWN_WORK.format("The project will")),
        ("Organise the venue early", "LF-11", OWN_WORK.format("Organise")),
        ("Lack of funds in agencies", "LF-12", A_RISK.format("Lack of")),
        ("Agencies fund the follow-up", None, None),
    ],
)
def test_an_assumption_that_is_own_work_or_a_risk_is_named(text, rule, explain):
    found = [(f.rule, f.field, f.row, f.explain) for f in assumption_wording(text)]
    assert found == ([(rule, "assumptions", "", explain)] if rule else [])
    on_row = assumption_wording(text, row="2", field="assumption 1")
    assert [(f.field, f.row) for f in on_row] == ([("assumption 1", "2")] if rule else [])


def test_an_indicator_at_the_wrong_level_is_lf_14_with_its_number():
    frame = change(
        "O", indicators=(SOUND.rows[1].indicators[0], ind("Number of officials trained in feedback handling"))
    )
    found = [
        (f.rule, f.field, f.row, f.indicator, f.severity, f.explain, f.suggest) for f in check_logframe(frame)
    ]
    assert found == [
        (
            "LF-14",
            "statement",
            "O",
            2,
            "warning",
            "“trained” counts what the project delivers, which is an output, but this result is an outcome.",
            "Measure the change the delivery is meant to cause: who applies, uses or adopts what.",
        )
    ]


def test_indicators_are_checked_in_every_row_after_a_broken_one_and_in_the_logframes_style():
    dmf = ind("Number of agencies that use citizen feedback increased to 40 by 2025")
    frame = change("O", indicators=(dmf,))
    frame = replace(frame, rows=(Row("X", "task", "", "Something"), *frame.rows))
    assert [(r, row, n) for r, _, row, n, _ in said(frame, "IND-02", "IND-03")] == [
        ("IND-02", "O", 1),
        ("IND-03", "O", 1),
    ]
    assert said(replace(frame, style="qqt"), "IND-02", "IND-03") == []


ONLY_OUTPUT = "Every indicator measures what the project delivers; none measures the change it is for."


def test_only_output_indicators_is_lf_15_even_with_an_uptake_indicator_on_an_activity():
    frame = edited(edited(SOUND, "G", indicators=()), "O", indicators=())
    frame = edited(frame, "1.1", indicators=(ind("Number of agencies that use the guideline"),))
    assert said(frame, "LF-15") == [("LF-15", "indicators", "", None, ONLY_OUTPUT)]


def test_findings_come_whole_logframe_first_then_row_by_row_in_matrix_order_then_by_indicator():
    o = replace(
        SOUND.rows[1], narrative="Increased use of citizen feedback for public services"
    )  # LF-04: no "who"
    o = replace(
        o, indicators=(*o.indicators, replace(o.indicators[0], means_of_verification=""))
    )  # IND-10, no. 2
    rows = {r.ref: r for r in SOUND.rows} | {"O": o}
    rows["2"] = replace(rows["2"], assumptions="")  # LF-10
    rows["1"] = replace(rows["1"], indicators=())  # IND-14
    rows["2.1"] = replace(rows["2.1"], parent="")  # LF-07
    extra = Row(
        "O2", "outcome", "G", "Reduced complaint backlogs among agencies in AMS", "Budgets hold"
    )  # LF-02
    frame = Logframe(rows=(*reversed(rows.values()), extra))  # given bottom-up; matrix: G O O2 2 1 2.1 1.1
    found = [(f.rule, f.row, f.indicator) for f in check_logframe(frame)]
    assert found == [
        ("LF-02", "", None),
        ("LF-04", "O", None),
        ("IND-10", "O", 2),
        ("LF-07", "O2", None),  # no output serves it
        ("IND-14", "O2", None),
        ("LF-10", "2", None),
        ("IND-14", "1", None),
        ("LF-07", "2.1", None),
    ]


def test_a_row_without_a_narrative_does_not_stop_the_wording_checks_of_the_rows_after_it():
    frame = change("O", narrative="To support civil service agencies in AMS with feedback")
    frame = replace(frame, rows=(Row("3", "output", "O", ""), *frame.rows))
    assert said(frame, "LF-03") == [("LF-03", "narrative", "O", None, EFFORT.format("To support"))]


@pytest.mark.parametrize(
    ("goal", "outcome", "only_output"),
    [
        ("Number of officials trained in feedback handling", "Number of workshops held for agencies", True),
        # "use" is uptake: an indicator that counts trained officials who use something measures change.
        (
            "Number of officials trained in feedback handling",
            "Number of trained officials who use the guide",
            False,
        ),
    ],
)
def test_lf_15_counts_delivery_indicators_at_goal_and_outcome_as_output_indicators(
    goal, outcome, only_output
):
    frame = edited(change("G", indicators=(ind(goal),)), "O", indicators=(ind(outcome),))
    assert said(frame, "LF-15") == ([("LF-15", "indicators", "", None, ONLY_OUTPUT)] if only_output else [])

"""The logframe checker rule by rule, on a sound logframe changed one cell at a time; the builder's tables."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.indicators import Indicator
from exercises.logframe import Logframe, Row, check_logframe, from_tables, templates, to_tables


def ind(statement: str, **plan: str) -> Indicator:
    return Indicator(
        statement=statement,
        unit_type=plan.get("unit_type", "number"),
        unit="agencies",
        definition=plan.get(
            "definition", "Agencies are the central service agencies named in the agreement."
        ),
        denominator=plan.get("denominator", ""),
        means_of_verification=plan.get("mov", "ASEAN Secretariat annual survey of participating agencies"),
        frequency="Annual",
        responsible="ACCSM focal points",
    )


SOUND = Logframe(
    title="Citizen feedback in civil services",
    body="ACCSM",
    rows=(
        Row(
            "G",
            "goal",
            "",
            "Improved public service delivery to citizens across AMS",
            "",
            (ind("Average score of citizen satisfaction surveys in AMS"),),
        ),
        Row(
            "O",
            "outcome",
            "G",
            "Increased use of citizen feedback by civil service agencies in AMS",
            "Governments keep civil service reform among their priorities",
            (ind("Number of agencies that use citizen feedback to change a service"),),
        ),
        Row(
            "1",
            "output",
            "O",
            "Regional guideline on citizen feedback endorsed by ACCSM",
            "Heads of agencies agree to apply the guideline",
            (ind("Existence of a regional guideline endorsed by ACCSM (yes/no)", unit_type="yes/no"),),
        ),
        Row(
            "2",
            "output",
            "O",
            "Complaint officers in pilot agencies trained in feedback handling",
            "Trained officers stay in their posts",
            (ind("Number of complaint officers trained in feedback handling"),),
        ),
        Row(
            "1.1",
            "activity",
            "1",
            "Draft the guideline with an ASEAN Resource Centre",
            "Member States nominate experts",
        ),
        Row(
            "2.1",
            "activity",
            "2",
            "Conduct a course for complaint officers",
            "Agencies release officers to attend",
        ),
    ),
)


def rules(frame: Logframe) -> list[tuple[str, str]]:
    return [(f.rule, f.row) for f in check_logframe(frame)]


def change(ref: str, **values: object) -> Logframe:
    return replace(SOUND, rows=tuple(replace(r, **values) if r.ref == ref else r for r in SOUND.rows))


def at_level(level: str, **values: object) -> Logframe:
    return replace(SOUND, rows=tuple(replace(r, **values) if r.level == level else r for r in SOUND.rows))


def with_row(row: Row) -> Logframe:
    """SOUND plus a row; an activity without assumptions is fine when another of its output's has some."""
    return replace(SOUND, rows=(*SOUND.rows, row))


def without(ref: str) -> Logframe:
    return replace(SOUND, rows=tuple(r for r in SOUND.rows if r.ref != ref))


def test_a_sound_logframe_gets_no_error_or_warning():
    assert [f for f in check_logframe(SOUND) if f.severity != "hint"] == []


# (rule, row it concerns, a logframe with the problem, a close one without it)
CASES = [
    ("LF-01", "", replace(SOUND, rows=SOUND.rows[:4]), SOUND),  # no activity rows
    (
        "LF-02",
        "",
        replace(
            SOUND,
            rows=(*SOUND.rows, Row("O2", "outcome", "G", "Reduced complaint backlogs in agencies of AMS")),
        ),
        SOUND,
    ),
    ("LF-03", "O", change("O", narrative="To support civil service agencies in AMS with feedback"), SOUND),
    (
        "LF-03",
        "O",
        change("O", narrative="Supported agencies in AMS to collect citizen feedback"),
        change("O", narrative="Agencies in AMS supported by the guideline use citizen feedback more often"),
    ),
    ("LF-04", "O", change("O", narrative="Use of citizen feedback by agencies in AMS"), SOUND),
    ("LF-04", "O", change("O", narrative="Increased use of citizen feedback"), SOUND),
    (
        "LF-05",
        "O",
        change("O", narrative="Complaint officers in agencies of AMS trained and guideline produced"),
        SOUND,
    ),
    ("LF-07", "2.1", change("2.1", parent=""), SOUND),
    ("LF-07", "2.1", change("2.1", parent="O"), SOUND),  # an activity must serve an output
    ("LF-07", "O", at_level("output", parent="G"), SOUND),  # outputs pointing past the outcome leave it alone
    (
        "LF-08",
        "2",
        change("2", narrative="Train complaint officers in pilot agencies"),
        change("2", narrative="Training modules for complaint officers developed"),
    ),
    (
        "LF-09",
        "O",
        change("O", narrative="Increased use of feedback and improved service standards in agencies of AMS"),
        SOUND,
    ),
    (
        "LF-09",
        "2",
        change("2", narrative="Toolkit updated and complaint officers trained"),
        change("2", narrative="Toolkit updated and endorsed by ACCSM"),
    ),
    ("LF-10", "1.1", change("1.1", assumptions=""), with_row(Row("1.2", "activity", "1", "Hold a meeting"))),
    ("LF-10", "2", change("2", assumptions=""), SOUND),  # each output is its own link to the outcome
    (
        "LF-11",
        "2",
        change("2", assumptions="The project will release officers for the course"),
        change("2", assumptions="Agencies release officers for the course"),
    ),
    ("LF-11", "2", change("2", assumptions="Organise the course on time"), SOUND),
    (
        "LF-12",
        "2",
        change("2", assumptions="Lack of funds in agencies"),
        change("2", assumptions="Agencies fund the follow-up"),
    ),
    ("LF-12", "O", change("O", assumptions="Risk of staff turnover"), SOUND),
    ("LF-14", "O", change("O", indicators=(ind("Number of officials trained in feedback handling"),)), SOUND),
    ("IND-14", "1", change("1", indicators=()), SOUND),
]


@pytest.mark.parametrize(("rule", "row", "bad", "close"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule_flags_the_problem_and_spares_the_close_good_case(rule, row, bad, close):
    assert (rule, row) in rules(bad)
    assert rule not in {r for r, _ in rules(close)}


def test_only_output_indicators_is_an_error_for_the_whole_logframe():
    frame = at_level("outcome", indicators=())
    frame = replace(
        frame, rows=tuple(replace(r, indicators=()) if r.level == "goal" else r for r in frame.rows)
    )
    assert ("LF-15", "") in rules(frame)
    assert "LF-15" not in {r for r, _ in rules(SOUND)}


def test_goal_and_outcome_with_nothing_in_common_get_a_hint_only():
    frame = change("G", narrative="Reduced deaths from road traffic accidents in the region")
    found = [f for f in check_logframe(frame) if f.rule == "LF-06"]
    assert [(f.severity, f.row) for f in found] == [("hint", "O")]
    assert "LF-06" not in {f.rule for f in check_logframe(SOUND)}  # "public service" is shared


def test_findings_come_whole_logframe_first_then_in_matrix_order():
    frame = replace(
        at_level("activity", assumptions=""), rows=(Row("3", "output", "O", "Train staff"), *SOUND.rows)
    )
    found = [f.row for f in check_logframe(replace(frame, rows=frame.rows[:-2]))]  # no activities: LF-01
    matrix = ["", *(r.ref for r in replace(frame, rows=frame.rows[:-2]).ordered())]
    assert found[0] == "" and found == sorted(found, key=matrix.index)


def test_input_problems_are_named_row_by_row():
    frame = replace(
        SOUND, rows=(*SOUND.rows, Row("1.1", "task", "1", ""), Row("X", "output", "O", "x" * 301))
    )
    found = {(f.rule, f.row, f.field) for f in check_logframe(frame)}
    assert ("INPUT", "1.1", "ref") in found  # a duplicate reference
    assert ("INPUT", "1.1", "level") in found
    assert ("INPUT", "1.1", "narrative") in found
    assert ("INPUT", "X", "narrative") in found  # over 300 characters


def test_builder_tables_drop_empty_rows_number_unnamed_ones_and_keep_indicators_with_their_row():
    rows = [
        {
            "ref": "G",
            "level": "Goal",
            "parent": None,
            "narrative": "Improved services\u00a0in AMS",
            "assumptions": None,
        },
        {
            "ref": None,
            "level": None,
            "parent": None,
            "narrative": None,
            "assumptions": None,
        },  # an empty pasted row
        {
            "ref": "",
            "level": "outcome",
            "parent": "G",
            "narrative": "Increased use of feedback by agencies",
            "assumptions": "A\nB; C",
        },
    ]
    inds = [
        {"row": "G", "statement": "Average satisfaction score", "unit_type": "score"},
        {"row": "Z", "statement": "Number of something"},
        {"row": None, "statement": None},
    ]
    frame = from_tables(rows, inds, title="T", body="ACCSM", style="qqt")
    assert [r.ref for r in frame.rows] == ["G", "R1"]
    assert frame.rows[0].level == "goal" and frame.rows[0].narrative == "Improved services in AMS"
    assert frame.rows[1].assumption_lines == ["A", "B", "C"]
    assert [i.statement for i in frame.rows[0].indicators] == ["Average satisfaction score"]
    assert frame.style == "qqt"
    assert frame.notes == (
        "1 empty row(s) left out.",
        "1 indicator(s) name no existing row in the “Row” column and are not shown in the matrix.",
    )
    again = from_tables(*to_tables(frame), title="T", body="ACCSM", style="qqt")
    assert again == frame


def test_a_draft_survives_a_round_trip_and_junk_is_cut_to_size():
    assert Logframe.from_dict(SOUND.to_dict()) == SOUND
    junk = Logframe.from_dict({"style": "other", "rows": [{"ref": "r" * 50, "level": "OUTPUT"}] * 60})
    assert junk.style == "neutral" and len(junk.rows) == 40 and junk.rows[0].ref == "r" * 20
    assert junk.rows[0].level == "output"


def test_every_template_is_a_sound_start_for_its_sector():
    found = templates()
    assert set(found) == {"ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM"}
    for body, template in found.items():
        frame = template.logframe
        levels = [r.level for r in frame.rows]
        assert levels.count("goal") == 1 and levels.count("outcome") == 1 and levels.count("output") == 3, (
            body
        )
        problems = {f.rule for f in check_logframe(frame) if f.severity == "error"}
        # What the learner is meant to complete: an output's missing indicator and the output plans.
        assert problems <= {"IND-14", "IND-10"}, (body, problems)
        structural = [f for f in check_logframe(frame) if f.rule.startswith("LF-") and f.rule != "LF-10"]
        assert structural == [], (body, structural)

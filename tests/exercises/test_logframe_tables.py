"""A logframe from the builder's tables, a draft or a template file: cleaned, capped, numbered as stated."""

from __future__ import annotations

from exercises.logframe import Logframe, Row, from_tables, from_toml, templates
from tests.exercises.test_logframe import SOUND


def row(ref: str = "", level: str = "output", parent: str = "O", narrative: str = "Guide printed") -> dict:
    return {"ref": ref, "level": level, "parent": parent, "narrative": narrative, "assumptions": ""}


def test_unnamed_rows_get_the_next_free_reference_and_names_are_cut_to_twenty_characters():
    rows = [row("R1"), row(), row("R3"), row(), row("x" * 25, parent="p" * 25)]
    frame = from_tables(rows, [])
    assert [r.ref for r in frame.rows] == ["R1", "R2", "R3", "R4", "x" * 20]
    assert frame.rows[4].parent == "p" * 20
    assert frame.rows[1] == Row("R2", "output", "O", "Guide printed", "", ())


def test_empty_rows_and_stray_indicators_are_counted_in_the_notes():
    blank = {"ref": None, "level": " ", "parent": "", "narrative": None, "assumptions": "\u200b"}
    inds = [{"row": "Z", "statement": "Number of a"}, {"row": "Y", "statement": "Number of b"}, {"row": "Z"}]
    frame = from_tables([row("1"), blank, blank], inds)
    assert frame.notes == (
        "2 empty row(s) left out.",
        "2 indicator(s) name no existing row in the “Row” column and are not shown in the matrix.",
    )
    assert from_tables([row("1")], [{"row": "1", "statement": "Number of a"}]).notes == ()


def test_forty_rows_are_kept_and_the_forty_first_is_dropped_with_a_note():
    assert from_tables([row(f"{n}") for n in range(40)], []).notes == ()
    over = from_tables([row(f"{n}") for n in range(41)], [])
    assert len(over.rows) == 40 and over.rows[-1].ref == "39"
    assert over.notes == ("Only the first 40 rows are kept; a logframe this long is hard to read.",)


def test_sixty_indicators_are_kept_and_the_sixty_first_is_dropped_with_a_note():
    def inds(n: int) -> list[dict]:
        return [{"row": "1", "statement": ""}] + [
            {"row": "1", "statement": f"Number of {k}"} for k in range(n)
        ]

    sixty = from_tables([row("1")], inds(60))
    assert (len(sixty.rows[0].indicators), sixty.notes) == (60, ())
    over = from_tables([row("1")], inds(61))
    assert len(over.rows[0].indicators) == 60 and over.rows[0].indicators[-1].statement == "Number of 59"
    assert over.notes == ("Only the first 60 indicators are kept.",)


def test_the_title_body_and_style_come_from_the_form():
    frame = from_tables([row("1")], [], title="t" * 301, body=" ACCSM ")
    assert (frame.title, frame.body, frame.style) == ("t" * 300, "ACCSM", "neutral")
    assert from_tables([row("1")], [], style="qqt").style == "qqt"


def test_a_draft_keeps_its_style_its_assumption_lines_and_reads_missing_parts_as_empty():
    dmf = Logframe(
        title="T", body="SLOM", rows=(Row("1", "output", "O", "Guide printed", "A\nB"),), style="qqt"
    )
    assert Logframe.from_dict(dmf.to_dict()) == dmf
    assert dmf.to_dict()["style"] == "qqt"
    assert Logframe.from_dict({"rows": [{"assumptions": "A\r\nB"}]}).rows[0].assumptions == "A\nB"
    assert Logframe.from_dict({}) == Logframe()
    assert Logframe.from_dict({"style": "QQT"}).style == "neutral"  # only the exact name


def test_rows_are_found_by_reference_and_ordered_top_down_keeping_the_learners_order():
    frame = Logframe(rows=(Row("X", "task"), *reversed(SOUND.rows)))
    assert [r.ref for r in frame.ordered()] == [
        "G",
        "O",
        "2",
        "1",
        "2.1",
        "1.1",
        "X",
    ]  # an unknown level last
    assert frame.row("2.1") == SOUND.rows[5] and frame.row("nope") is None


def test_a_template_file_names_its_rows_as_a_learner_writes_them():
    frame = templates.__wrapped__()["ACCSM"].logframe  # read afresh, not from the per-process cache
    refs = ["G", "O", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3"]
    assert [r.ref for r in frame.rows] == refs
    assert [r.parent for r in frame.rows] == ["", "G", "O", "1", "1", "1", "O", "2", "2", "O", "3", "3", "3"]
    title = "Citizen-centric public services: service standards and feedback in AMS civil services"
    assert (frame.title, frame.body) == (title, "ACCSM")


def test_a_toml_logframe_keeps_title_body_parents_and_indicators_and_reads_missing_ones_as_empty():
    data = {
        "title": "T",
        "body": "ACDM",
        "row": [
            {"id": "g", "level": "goal", "narrative": "Improved services"},
            {"id": "o", "level": "outcome", "parent": "g", "indicator": [{"statement": "Number of users"}]},
        ],
    }
    frame = from_toml(data)
    assert (frame.title, frame.body) == ("T", "ACDM")
    assert [(r.ref, r.parent) for r in frame.rows] == [("g", ""), ("o", "g")]
    assert [i.statement for i in frame.rows[1].indicators] == ["Number of users"]
    assert [(r.ref, r.parent) for r in from_toml(data, ref=str.upper).rows] == [("G", ""), ("O", "G")]
    bare = from_toml({"row": data["row"]})
    assert (bare.title, bare.body) == ("", "")

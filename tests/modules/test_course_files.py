"""Glossary, pre/post-test items, facilitator notes, agenda and the completion rule: loaded and checked."""

from __future__ import annotations

import pytest

from modules.assessment import parse_assessment
from modules.catalog import load_curriculum
from modules.course import Requirement, parse_certificate
from modules.facilitator import parse_agenda, parse_notes
from modules.glossary import Glossary, Term, lessons_using, parse_glossary
from tests.modules.test_catalog import assessment_item, check, lesson, make_module


def term(tid: str, name: str, *, aliases=(), definition="A thing.", see_also=()) -> dict:
    return {
        "id": tid,
        "term": name,
        "aliases": list(aliases),
        "definition": definition,
        "source": "A source",
        "see_also": list(see_also),
    }


# ---- glossary -------------------------------------------------------------------------------


def test_glossary_sorts_terms_and_finds_them_by_name_before_definition():
    glossary, problems = parse_glossary(
        {
            "terms": [
                term("outcome", "Outcome", aliases=["outcomes"], definition="A change others make."),
                term("indicator", "Indicator", definition="Measures an outcome or an output."),
                term("output", "Output", see_also=["outcome"]),
            ]
        }
    )
    assert problems == []
    assert [t.id for t in glossary.terms] == ["indicator", "outcome", "output"]
    assert [t.id for t in glossary.search("outcome")] == ["outcome", "indicator"]  # name, then definition
    assert [t.id for t in glossary.search("OUT")] == ["outcome", "output", "indicator"]
    assert [t.id for t in glossary.search("measures output")] == ["indicator"]  # every word must match
    assert glossary.search("zebra") == []
    assert len(glossary.search("  ")) == 3


@pytest.mark.parametrize(
    ("terms", "problem"),
    [
        ([term("aa", "A"), term("aa", "B")], "term 'aa' is defined twice"),
        (
            [term("aa", "Output"), term("bb", "Outputs", aliases=["output"])],
            "the name 'output' already belongs",
        ),
        ([term("aa", "A", see_also=["zzz"])], "see_also names unknown term 'zzz'"),
        ([{"id": "a", "term": "A"}], "definition, source missing or not text"),
        ([term("Bad Id", "A")], "id must be lower-case"),
        ([{**term("aa", "A"), "aliases": "x"}], "'aliases' and 'see_also' must be lists"),
    ],
)
def test_glossary_problems_name_the_term(terms, problem):
    _, problems = parse_glossary({"terms": terms})
    assert any(problem in p for p in problems), problems


def test_lessons_using_a_term_match_whole_words_aliases_and_links():
    glossary = Glossary(
        (
            Term("output", "Output", ("outputs",), "d", "s", ()),
            Term("sectoral-body", "Sectoral body", ("sectoral bodies",), "d", "s", ()),
            Term("mtr", "Mid-term review", (), "d", "s", ()),
        )
    )
    used = lessons_using(
        glossary,
        [
            ("m1/a", "Outputs are delivered. Input-output tables are not."),
            ("m1/b", "The fifteen sectoral bodies report."),
            ("m1/c", "An outputting machine; see [the review](glossary:mtr)."),
        ],
    )
    assert used == {"output": ("m1/a",), "sectoral-body": ("m1/b",), "mtr": ("m1/c",)}


def test_curriculum_checks_glossary_links_and_lists_where_terms_are_used(tmp_path):
    (tmp_path / "glossary.toml").write_text(
        '[[terms]]\nid = "outcome"\nterm = "Outcome"\naliases = []\ndefinition = "A change."\n'
        'source = "OECD"\nsee_also = []\n',
        encoding="utf-8",
    )
    body = "An [outcome](glossary:outcome) and a [missing](glossary:nothing)."
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-1"), check("m9-2"), body=body)})
    cur = load_curriculum(tmp_path)
    assert [str(p) for p in cur.problems] == ["m9/a: broken link to unknown glossary term 'glossary:nothing'"]
    assert cur.term_lessons == {"outcome": ("m9/a",)}


# ---- pre-test and post-test ----------------------------------------------------------------


def items(*tables: str) -> dict:
    import tomllib

    return tomllib.loads("".join(tables))


def test_each_objective_gets_one_pre_and_one_post_item():
    data = items(
        assessment_item("pre", "x-pre-1", 1),
        assessment_item("post", "x-post-1", 1),
        assessment_item("pre", "x-pre-2", 2),
        assessment_item("post", "x-post-2", 2),
    )
    found, problems = parse_assessment(data, "m9", objectives=2)
    assert problems == []
    assert [i.objective_key for i in found["pre"]] == ["m9.1", "m9.2"]
    assert [i.question.id for i in found["post"]] == ["x-post-1", "x-post-2"]


@pytest.mark.parametrize(
    ("tables", "problem"),
    [
        ([assessment_item("pre", "p1", 1)], "objective 1 has 0 [[post]] items; exactly one is needed"),
        (
            [
                assessment_item("pre", "p1", 1),
                assessment_item("pre", "p2", 1),
                assessment_item("post", "q1", 1),
            ],
            "objective 1 has 2 [[pre]] items",
        ),
        ([assessment_item("pre", "p1", 3)], "'objective' must be a number from 1 to 1"),
        (
            [assessment_item("pre", "p1", 1), assessment_item("post", "q1", 1).replace("numeric", "text")],
            "question 'q1' has no accepted answer",
        ),
    ],
)
def test_assessment_problems_are_named(tables, problem):
    _, problems = parse_assessment(items(*tables), "m9", objectives=1)
    assert any(problem in p for p in problems), problems


def test_pre_and_post_items_must_be_parallel():
    post = assessment_item("post", "q1", 1).replace('kind = "numeric"', 'kind = "text"\nanswers = ["2"]')
    _, problems = parse_assessment(items(assessment_item("pre", "p1", 1), post), "m9", objectives=1)
    assert problems == ["objective 1: the pre and post items should be parallel (the same kind of question)"]


def test_the_course_test_gathers_every_module_in_order(tmp_path):
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-1"), check("m9-2"))})
    cur = load_curriculum(tmp_path)
    assert cur.problems == ()
    assert [i.question.id for i in cur.test("pre").items] == ["m9-pre-1"]
    assert cur.test("post").object_id == "test:post"
    assert "m9-post-1" in cur.questions


def test_a_test_item_id_may_not_repeat_a_check_id(tmp_path):
    make_module(
        tmp_path,
        {
            "01-a.md": lesson("A", check("m9-pre-1"), check("m9-2")),
        },
    )
    problems = [str(p) for p in load_curriculum(tmp_path).problems]
    assert problems == ["m9/pre-test: duplicate question id 'm9-pre-1' (also in m9/a)"]


# ---- facilitator notes and agenda ----------------------------------------------------------


def test_every_lesson_needs_a_complete_note_and_no_note_names_a_missing_lesson():
    data = {
        "lessons": {
            "a": {"minutes": 30, "how": "Pairs.", "misconceptions": ["X."], "discussion": "Why?"},
            "b": {"minutes": 30, "how": "Pairs.", "misconceptions": [], "discussion": "Why?"},
            "zzz": {"minutes": 30, "how": "Pairs.", "misconceptions": ["X."], "discussion": "Why?"},
        }
    }
    notes, problems = parse_notes(data, ("a", "b", "c"))
    assert list(notes) == ["a"]
    assert problems == [
        "[lessons.b]: needs minutes (1-480), how, discussion and a list of misconceptions",
        "[lessons.zzz]: no lesson with this id in the module",
        "lesson 'c' has no [lessons.c] note",
    ]


def session(start: str, **extra) -> dict:
    return {"start": start, "minutes": 60, "title": "S", "lessons": [], "activities": [], **extra}


def test_agenda_days_sum_their_sessions_and_times_must_move_forward():
    days, problems = parse_agenda(
        {"days": [{"title": "Day 1", "sessions": [session("09:00"), session("10:30")]}]}
    )
    assert problems == [] and days[0].minutes == 120
    _, problems = parse_agenda(
        {"days": [{"title": "Day 1", "sessions": [session("10:00"), session("09:00"), session("9am")]}]}
    )
    assert problems == [
        "day 1, session 2: starts at 09:00, not after the session before it",
        "day 1, session 3: needs start (HH:MM), minutes (1-480), title, and lists lessons and activities",
    ]
    assert parse_agenda({})[1] == ["needs at least one [[days]] table"]
    assert parse_agenda({"days": [{"sessions": []}]})[1] == ["day 1: needs a title and [[days.sessions]]"]


def test_agenda_lessons_must_exist_and_every_lesson_must_be_scheduled(tmp_path):
    make_module(
        tmp_path,
        {
            "01-a.md": lesson("A", check("m9-1"), check("m9-2")),
            "02-b.md": lesson("B", check("m9-3"), check("m9-4")),
        },
    )
    (tmp_path / "agenda.toml").write_text(
        '[[days]]\ntitle = "Day 1"\n[[days.sessions]]\nstart = "09:00"\nminutes = 60\ntitle = "S"\n'
        'lessons = ["m9/a", "m9/zzz"]\nactivities = []\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in load_curriculum(tmp_path).problems]
    assert problems == ["agenda.toml: unknown lesson 'm9/zzz'", "agenda.toml: lesson 'm9/b' is in no session"]


# ---- completion rule -----------------------------------------------------------------------


def test_certificate_rule_is_read_in_order():
    rule, problems = parse_certificate(
        {"certificate": {"requirements": [{"kind": "quiz", "module": "m1"}, {"kind": "post-test"}]}}
    )
    assert problems == []
    assert rule == (Requirement("quiz", "m1"), Requirement("post-test"))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({}, "needs [certificate] with a non-empty 'requirements' list"),
        ({"certificate": {"requirements": [{"kind": "essay"}]}}, "requirement 1: kind must be one of"),
        ({"certificate": {"requirements": [{"kind": "quiz"}]}}, "requirement 1: a quiz requirement names"),
        ({"certificate": {"requirements": [{"kind": "post-test"}, {"kind": "post-test"}]}}, "listed twice"),
    ],
)
def test_certificate_rule_problems(data, problem):
    assert any(problem in p for p in parse_certificate(data)[1])


def test_certificate_quiz_must_exist(tmp_path):
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-1"), check("m9-2"))})
    (tmp_path / "course.toml").write_text(
        '[certificate]\nrequirements = [{ kind = "quiz", module = "m9" }]\n', encoding="utf-8"
    )
    problems = [str(p) for p in load_curriculum(tmp_path).problems]
    assert problems == ["course.toml: requirement names module 'm9', which has no quiz"]


# ---- readability and sources -----------------------------------------------------------------


def test_a_wall_of_text_is_a_problem_but_long_lists_and_tables_are_not():
    from modules.lessons import parse_lesson

    long = " ".join(["word"] * 151)
    listed = "\n".join(f"- item {n} " + " ".join(["word"] * 20) for n in range(10))
    parsed = parse_lesson(f"# T\n\nShort paragraph.\n\n{long}\n\n{listed}\n")
    assert parsed.problems == ("a paragraph at line 5 has 151 words; split it (at most 150)",)


def test_every_source_names_a_web_address(tmp_path):
    sources = "# Sources\n\n- Good. https://asean.org/x\n- Only a title, no address\n\nA note line.\n"
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-1"), check("m9-2")), "sources.md": sources})
    problems = [str(p) for p in load_curriculum(tmp_path).problems]
    assert problems == [
        "m9-test/sources.md: line 4: a source without a web address (- Only a title, no address…)"
    ]

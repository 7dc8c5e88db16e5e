"""Content loading and `python -m modules check`: every problem names its file and reason."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from modules.__main__ import main
from modules.catalog import load_curriculum

MODULE_TOML = """id = "m9"
number = 9
title = "Test module"
aim = "Check the loader."
estimated_minutes = 30
objectives = ["Load content"]
"""


def check(qid: str, correct: str = "true") -> str:
    return textwrap.dedent(f"""
    ```question
    id = "{qid}"
    kind = "single"
    prompt = "Pick one"
    explanation = "Because."
    [[choices]]
    text = "Right"
    correct = {correct}
    feedback = "Yes."
    [[choices]]
    text = "Wrong"
    correct = false
    feedback = "No."
    ```
    """)


def lesson(title: str, *checks: str, body: str = "Some text about monitoring.") -> str:
    return f"# {title}\n\n{body}\n" + "".join(checks)


def notes_for(*slugs: str) -> str:
    """A facilitator.toml with a valid note for each lesson."""
    return "".join(
        f'[lessons.{s}]\nminutes = 30\nhow = "Pairs."\nmisconceptions = ["One."]\ndiscussion = "Why?"\n'
        for s in slugs
    )


def assessment_item(kind: str, qid: str, objective: int = 1) -> str:
    return textwrap.dedent(f"""
    [[{kind}]]
    id = "{qid}"
    objective = {objective}
    kind = "numeric"
    prompt = "How many?"
    answer = 2
    """)


ASSESSMENT = assessment_item("pre", "m9-pre-1") + assessment_item("post", "m9-post-1")


COURSE = '[certificate]\nrequirements = [{ kind = "post-test" }]\n'


def make_module(root: Path, files: dict[str, str], name: str = "m9-test") -> Path:
    """A module folder with valid defaults for every file not given; the course file beside it."""
    folder = root / name
    folder.mkdir(parents=True)
    if not (root / "course.toml").exists():
        (root / "course.toml").write_text(COURSE, encoding="utf-8")
    slugs = [f[3:-3] for f in files if f[:2].isdigit() and f.endswith(".md")]
    files = {
        "module.toml": MODULE_TOML,
        "sources.md": "# Sources\n\n- A source. https://asean.org/\n",
        "facilitator.toml": notes_for(*slugs),
        "assessment.toml": ASSESSMENT,
        **files,
    }
    for fname, content in files.items():
        (folder / fname).write_text(content, encoding="utf-8")
    return folder


def test_valid_module_loads_in_order_with_stable_ids(tmp_path):
    make_module(
        tmp_path,
        {
            "02-second.md": lesson("Second", check("m9-b1"), check("m9-b2")),
            "01-first.md": lesson("First", check("m9-a1"), check("m9-a2"), body="See [next](lesson:second)."),
        },
    )
    cur = load_curriculum(tmp_path)
    assert cur.problems == ()
    (m,) = cur.modules
    assert [ls.id for ls in m.lessons] == ["m9/first", "m9/second"]
    assert cur.lesson("m9/second").title == "Second"
    assert cur.summary() == "1 modules, 2 lessons, 6 questions, 0 glossary terms, 0 problems"


def test_renumbering_a_file_keeps_the_lesson_id(tmp_path):
    make_module(tmp_path, {"07-first.md": lesson("First", check("m9-a1"), check("m9-a2"))})
    assert load_curriculum(tmp_path).modules[0].lessons[0].id == "m9/first"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"01-a.md": lesson("A", check("m9-x"), check("m9-x"))}, "m9/a: duplicate question id 'm9-x'"),
        ({"01-a.md": lesson("A", check("m9-x", "false"), check("m9-y"))}, "01-a.md: knowledge check at line"),
        (
            {"01-a.md": lesson("A", check("m9-x"), check("m9-y"), body="[b](lesson:nowhere)")},
            "broken link to unknown lesson 'lesson:nowhere'",
        ),
        (
            {"01-a.md": lesson("A", check("m9-x"), check("m9-y"), body="[b](other.md)")},
            "broken link 'other.md'",
        ),
        ({"01-a.md": "# A\n"}, "01-a.md: is empty"),
        (
            {"01-a.md": "No title here\n" + check("m9-x") + check("m9-y")},
            "needs exactly one '# Title' heading",
        ),
        ({"01-a.md": lesson("A", check("m9-x"))}, "has 1 knowledge checks; at least 2"),
        ({"01-a.md": lesson("A", check("m9-x"), check("m9-y"), body="<b>hi</b> there")}, "raw HTML"),
        ({"01-a.md": lesson("A", "```question\nid = \n```\n", check("m9-y"))}, "invalid TOML"),
        ({"a.md": lesson("A")}, "lesson file names look like"),
        (
            {"01-a.md": lesson("A", check("m9-x"), check("m9-y")), "quiz.toml": "pass_mark = 0\n"},
            "'pass_mark' must be a whole percent",
        ),
        (
            {"01-a.md": lesson("A", check("m9-x"), check("m9-y")), "module.toml": "id = 'm9'\n"},
            "'title' is missing",
        ),
        ({"01-a.md": lesson("A", check("m9-x"), check("m9-y")), "module.toml": "id = = 1"}, "invalid TOML"),
        ({"01-a.md": lesson("A", check("m9-x"), check("m9-y")), "sources.md": ""}, "sources.md: is missing"),
    ],
)
def test_problems_name_file_and_reason(tmp_path, files, expected):
    make_module(tmp_path, files)
    problems = [str(p) for p in load_curriculum(tmp_path).problems]
    assert any(expected in p for p in problems), problems


def test_one_broken_check_spares_the_rest_of_the_lesson(tmp_path):
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-x", "false"), check("m9-y"), check("m9-z"))})
    cur = load_curriculum(tmp_path)
    assert [q.id for q in cur.modules[0].lessons[0].parsed.questions] == ["m9-y", "m9-z"]


def test_cli_prints_problems_and_summary_and_fails(tmp_path, capsys):
    make_module(tmp_path, {"01-a.md": lesson("A", check("m9-x"), check("m9-x"))})
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "duplicate question id 'm9-x'" in out[0]
    assert out[-1] == "1 modules, 1 lessons, 3 questions, 0 glossary terms, 1 problems"


def test_cli_usage():
    assert main([]) == 2


def test_real_content_has_no_problems():
    """The shipped curriculum passes `python -m modules check` (run as trainers would)."""
    result = subprocess.run(
        [sys.executable, "-m", "modules", "check"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("0 problems")


def test_module_one_meets_the_course_standard():
    cur = load_curriculum()
    m1 = cur.module("m1")
    assert m1 is not None and len(m1.lessons) >= 6
    assert all(len(ls.parsed.questions) >= 2 for ls in m1.lessons)
    assert m1.quiz is not None and len(m1.quiz.questions) >= 10
    kinds = {q.kind for ls in m1.lessons for q in ls.parsed.questions} | {q.kind for q in m1.quiz.questions}
    assert kinds == {"single", "multiple", "numeric", "text", "ordering", "matching"}
    assert "Sources" in m1.sources


@pytest.mark.parametrize("module", load_curriculum().modules, ids=lambda m: m.id)
def test_every_module_meets_the_course_standard(module):
    """Objectives, at least five lessons of at least two checks, a quiz of ten with a pass mark,
    sources, a facilitator note per lesson, and a pre and a post item per objective."""
    assert len(module.objectives) >= 4
    assert len(module.lessons) >= 5
    assert all(len(ls.parsed.questions) >= 2 for ls in module.lessons)
    assert all(q.explanation for ls in module.lessons for q in ls.parsed.questions)
    assert module.quiz is not None and len(module.quiz.questions) >= 10 and 50 <= module.quiz.pass_mark <= 100
    assert module.sources.strip()
    assert set(module.notes) == {ls.slug for ls in module.lessons}
    for kind in ("pre", "post"):
        assert sorted(i.objective for i in module.tests[kind]) == list(range(1, len(module.objectives) + 1))


def test_the_course_around_the_modules():
    cur = load_curriculum()
    assert len(cur.glossary.terms) >= 60
    assert len(cur.agenda) == 3
    used = cur.term_lessons
    assert sum(1 for t in cur.glossary.terms if used[t.id]) >= 60  # terms the lessons really use
    assert [r.kind for r in cur.certificate] == ["quiz"] * len(cur.modules) + ["post-test"]
    assert {r.module_id for r in cur.certificate if r.kind == "quiz"} == {m.id for m in cur.modules}

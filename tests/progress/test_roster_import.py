"""Roster import: each problem named by line and column, nothing half-imported, joining claims a place."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from progress.__main__ import main
from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.models import Person
from progress.roster_import import import_roster, parse_roster

GOOD = (
    "Name,Email,Member State,Sectoral body\n"
    "Nguyễn Thị Lan,lan@example.org,Viet Nam,ACDM\n"
    "สมชาย ศรีสุข,,THA,ASEAN Senior Officials on the Environment\n"
    "\n"
    "Maria Santos,maria@example.org,philippines,slom\n"
)


def test_a_good_file_in_a_spreadsheets_utf8_with_bom_and_semicolons():
    parsed = parse_roster(("\ufeff" + GOOD.replace(",", ";")).encode("utf-8"))
    assert parsed.problems == []
    assert [(r.line, r.name, r.email, r.member_state, r.sectoral_body) for r in parsed.rows] == [
        (2, "Nguyễn Thị Lan", "lan@example.org", "VNM", "ACDM"),
        (3, "สมชาย ศรีสุข", None, "THA", "ASOEN"),
        (5, "Maria Santos", "maria@example.org", "PHL", "SLOM"),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Name,Country\nLan,VNM\n", "line 1, header: no column for sectoral body"),
        ("Name,Country,Body\nLan,Vietnamm,ACDM\n", "line 2, member state: “Vietnamm” is not a Member State"),
        ("Name,Country,Body\nLan,VNM,ACDMX\n", "line 2, sectoral body: “ACDMX” is not a sectoral body"),
        (
            "Name,Email,Country,Body\nLan,lan(at)x.org,VNM,ACDM\n",
            "line 2, email: “lan(at)x.org” is not an e-mail",
        ),
        ("Name,Country,Body\n" + "x" * 81 + ",VNM,ACDM\n", "line 2, name: Name is 81 characters long"),
        ("Name,Country,Body\n,VNM,ACDM\n", "line 2, name: Name is empty"),
        ("Name,Country,Body\nLan,VNM,ACDM\nlan,THA,ACDM\n", "line 3, name: “lan” is also on line 2"),
        ("", "the file: it is empty"),
    ],
)
def test_each_problem_is_named_with_its_line_and_column(text, problem):
    parsed = parse_roster(text.encode("utf-8"))
    assert any(str(p).startswith(problem) for p in parsed.problems), [str(p) for p in parsed.problems]


def test_files_that_are_not_utf8_or_too_large_are_refused_whole():
    assert str(parse_roster("Name\nLê\n".encode("cp1258")).problems[0]).startswith(
        "the file: it is not UTF-8"
    )
    big = parse_roster(b"Name,Country,Body\n" + b"Lan,VNM,ACDM\n" * 80_000)
    assert "the limit is 1,000 KB" in str(big.problems[0]) and big.rows == []


def test_formula_like_names_are_kept_as_text():
    parsed = parse_roster(b'Name,Country,Body\n"=HYPERLINK(""http://x"")",VNM,ACDM\n')
    assert parsed.rows[0].name == '=HYPERLINK("http://x")'  # stored as typed; exports neutralise it


def test_import_adds_waiting_places_that_joining_claims(sessions):
    with sessions.begin() as db:
        cohort = demo_cohort(db)
        first = import_roster(db, cohort, parse_roster(GOOD.encode()).rows)
        again = import_roster(db, cohort, parse_roster(GOOD.encode()).rows)
        assert len(first.added) == 3 and again.added == [] and len(again.already) == 3
        person, code = join_cohort(db, cohort.room_code, "nguyễn thị lan", "VNM", "ACDM")
        assert person.email == "lan@example.org" and person.recovery_hash and code
        newcomer, _ = join_cohort(db, cohort.room_code, "Somebody Else", "MYS", "ACCSM")
        names = [p.display_name for p in db.scalars(select(Person).where(Person.cohort_id == cohort.id))]
        assert sorted(names) == sorted(["Nguyễn Thị Lan", "สมชาย ศรีสุข", "Maria Santos", "Somebody Else"])
        assert newcomer.id != person.id


def test_the_command_imports_a_good_file_and_refuses_a_bad_one(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init", "--demo"]) == 0
    room = next(line.split()[4] for line in capsys.readouterr().out.splitlines() if "room code" in line)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD + "Ana Cruz,,Atlantis,ACDM\n", encoding="utf-8")
    assert main(["roster", "--cohort", room, "--import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Nothing imported: 1 problem(s)" in err and "line 6, member state: “Atlantis”" in err
    assert main(["roster", "--cohort", room, "--import", str(good)]) == 0
    assert capsys.readouterr().out.startswith("3 participant(s) added")
    assert main(["roster", "--cohort", "NOPE42", "--import", str(good)]) == 1
    assert main(["roster", "--cohort", room, "--import", str(tmp_path / "missing.csv")]) == 1

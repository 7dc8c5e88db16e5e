"""Reports computed in the database, checked against hand-made records; the end-of-workshop pack opens."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import Counter

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.catalog import curriculum
from modules.grading import model_response
from progress.accounts import join_cohort
from progress.analytics import (
    breakdown,
    completion_matrix,
    module_completion,
    objective_scores,
    quiz_items,
    reports,
)
from progress.cohorts import demo_cohort
from progress.demo import simulate, typical_mistake
from progress.models import Certificate, Cohort, Person
from progress.pack import file_name, summary_pdf, workshop_pack
from progress.record import answer_check, submit_quiz, submit_test, view_lesson
from tests.pdf_text import pdf_lines
from tests.progress.test_certificates import assert_qr_says, complete_the_course, name_drawn

CUR = curriculum()
M0 = CUR.modules[0]


@pytest.fixture
def three(sessions):
    """Three participants and their M0 quiz first attempts: strong (all right), middle (first half right),
    weak (all wrong); the strong one also completes the course."""
    import random

    rng = random.Random(1)
    with sessions.begin() as db:
        cohort = demo_cohort(db)
        strong, _ = join_cohort(db, cohort.room_code, "Strong", "VNM", "ACDM")
        middle, _ = join_cohort(db, cohort.room_code, "Middle", "THA", "ACDM")
        weak, _ = join_cohort(db, cohort.room_code, "Weak", "THA", "SLOM")
        questions = M0.quiz.questions
        half = len(questions) // 2
        for person, right in ((strong, len(questions)), (middle, half), (weak, 0)):
            answers = {
                q.id: model_response(q) if n < right else typical_mistake(q, rng)
                for n, q in enumerate(questions)
            }
            submit_quiz(db, person, M0, answers, "first")
        view_lesson(db, weak, M0.lessons[0], "v")
        complete_the_course(db, strong)
        form = CUR.test("pre")
        submit_test(db, middle, form, {i.question.id: model_response(i.question) for i in form.items})
        return cohort.id, [q.id for q in questions], half


def test_quiz_item_analysis_facility_first_attempt_and_discrimination(sessions, three):
    cohort_id, ids, _half = three
    with sessions.begin() as db:
        items = quiz_items(db, CUR, cohort_id).set_index("question")
    first, last = items.loc[ids[0]], items.loc[ids[-1]]
    assert first["answered"] == 3
    assert first["facility %"] == pytest.approx(200 / 3, abs=0.1)  # right for strong and middle
    assert last["facility %"] == pytest.approx(100 / 3, abs=0.1)  # right for strong only
    assert first["first attempt right %"] == pytest.approx(200 / 3, abs=0.1)
    assert first["discrimination"] > 0.5 and last["discrimination"] > 0.5  # the stronger, the more right


def test_completion_and_objective_scores(sessions, three):
    cohort_id, _ids, _half = three
    with sessions.begin() as db:
        matrix = completion_matrix(db, CUR, cohort_id)
        objectives = objective_scores(db, CUR, cohort_id).set_index("objective")
        states = breakdown(db, CUR, cohort_id, "member_state").set_index("member_state")
    state = matrix.set_index(["name", "object_id"])["state"]
    assert state[("Strong", "quiz:m0")] == "done" and state[("Strong", "test:post")] == "done"
    assert (
        state[("Weak", M0.lessons[0].object_id)] == "started"
        and state[("Weak", "test:post")] == "not started"
    )
    assert state[("Weak", "quiz:m0")] in ("started", "done")  # failed quiz: started (a pass would be done)
    per_module = module_completion(CUR, matrix).set_index("module")
    assert 0 < per_module.loc["M0", "done %"] < 100
    assert objectives.loc["M0.1", "pre %"] == 100.0 and objectives.loc["M0.1", "post %"] == 100.0
    assert states.loc["THA", "participants"] == 2 and states.loc["VNM", "post-test %"] == 100.0


def test_the_pack_holds_every_file_and_each_opens(sessions, monkeypatch):
    """The pack of a simulated workshop plus one participant who completed the course: every file by name;
    each certificate names its holder, the workshop and its dates, its code and verify link (the QR code of
    one is read too); the summary counts the 6 participants; a name like a formula stays text."""
    monkeypatch.setenv("ACADEMY_BASE_URL", "http://academy.test")
    formula = '=HYPERLINK("http://x")'
    with sessions.begin() as db:
        workshop = simulate(db, 5, start=dt.date(2026, 11, 24), seed=11)
        lan, _ = join_cohort(db, workshop.cohort.room_code, formula, "VNM", "ACDM")
        complete_the_course(db, lan)
        data = workshop_pack(db, CUR, workshop.cohort)
        room = workshop.cohort.room_code
        issued = db.scalars(select(Certificate).where(Certificate.cohort_id == workshop.cohort.id)).all()
        holders = {c.code: (db.get_one(Person, c.person_id).display_name, c.issued_at.date()) for c in issued}
    pack = zipfile.ZipFile(io.BytesIO(data))
    stem = f"simulated-workshop-5-participants-demo-d-{room.lower()}"  # the name's slug stops at 40
    files = [f"{stem}-{n}" for n in ("roster.csv", "results.csv", "xapi.json", "summary.pdf")]
    names = pack.namelist()
    assert sorted(n for n in names if "/" not in n) == sorted([*files, f"{stem}.xlsx", "README.txt"])
    certificates = {n[-23:-4]: n for n in names if n.startswith("certificates/")}
    assert set(certificates) == set(holders) and formula in {name for name, _ in holders.values()}
    for code, path in certificates.items():
        name, day = holders[code]
        lines = pdf_lines(pack.read(path))
        assert sorted(name_drawn(lines).replace(" ", "")) == sorted(name.replace(" ", "")), path
        assert lines[lines.index("has completed") + 1 :] == [
            "ASCC M&E Academy: monitoring and evaluating the ASCC Blueprint 2025",
            "Simulated workshop, 5 participants (demo data) · 24 November 2026 to 26 November 2026",
            f"Verification code: {code}",
            f"Issued on {day:%d %B %Y}.",
            f"Check it at http://academy.test/verify?code={code}",
        ], path
    code = next(c for c, (name, _) in holders.items() if name == formula)
    assert certificates[code] == f"certificates/HYPERLINK-http-x-{code}.pdf"
    assert_qr_says(pack.read(certificates[code]), f"http://academy.test/verify?code={code}")
    assert as_of(pdf_lines(pack.read(f"{stem}-summary.pdf")))[:4] == [
        "Workshop summary: Simulated workshop, 5 participants",  # the title wraps
        "(demo data)",
        f"24 November 2026 to 26 November 2026 · room code {room}",
        "6 participants. Figures as of <when> UTC.",
    ]
    book = load_workbook(io.BytesIO(pack.read(f"{stem}.xlsx")))
    assert (book["Roster"]["A2"].value, book["Roster"]["A2"].data_type) == (formula, "s")
    assert json.loads(pack.read(f"{stem}-xapi.json"))[0]["version"] == "1.0.3"
    roster = pack.read(f"{stem}-roster.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in roster


def hand_made(db: Session) -> Cohort:
    """Three participants of the demo cohort, recorded through the app's own functions, whose figures are
    worked out by hand in `summary`: Lan (VNM) gets everything right and completes lesson M0.1; Somchai (THA)
    passes the M0 quiz with 11 of 15 and answers only M0 (pre) or M0 and M1 (post) test items; Kanya (THA)
    gets only the first quiz question right, answers the checks of lessons M0.2 and M0.3 wrongly (they are
    complete all the same), answers nothing in the pre-test and skips the post-test."""
    cohort = demo_cohort(db)
    cohort.name, cohort.venue = "Ha Noi pilot", "Ha Noi"
    cohort.starts_on, cohort.ends_on = dt.date(2019, 1, 28), dt.date(2019, 1, 30)
    lan, _ = join_cohort(db, cohort.room_code, "Lan", "VNM", "ACDM")
    somchai, _ = join_cohort(db, cohort.room_code, "Somchai", "THA", "ASOEN")
    kanya, _ = join_cohort(db, cohort.room_code, "Kanya", "THA", "SLOM")
    quiz = M0.quiz.questions
    for person, right, percent in ((lan, 15, 100.0), (somchai, 11, 73.3), (kanya, 1, 6.7)):
        answers = {q.id: model_response(q) for q in quiz[:right]}  # the rest left blank: 0 points
        assert submit_quiz(db, person, M0, answers, "first").percent == percent
    for person, lesson, right in (
        (lan, M0.lessons[0], True),
        (kanya, M0.lessons[1], False),
        (kanya, M0.lessons[2], False),
    ):
        view_lesson(db, person, lesson, "visit")
        for q in lesson.parsed.questions:
            answer_check(db, person, lesson, q, model_response(q) if right else "not the answer", q.id)
    for kind, takers in (
        ("pre", ((lan, "m0 m1 m2 m3"), (somchai, "m0"), (kanya, ""))),
        ("post", ((lan, "m0 m1 m2 m3"), (somchai, "m0 m1"))),
    ):
        form = CUR.test(kind)
        for person, modules in takers:
            answers = {
                i.question.id: model_response(i.question)
                for i in form.items
                if i.objective_key.split(".")[0] in modules.split()
            }
            submit_test(db, person, form, answers)
    return cohort


def summary(room_code: str) -> list[str]:
    """The hand-made cohort's summary, line by line, worked out by hand. Completion per module: M0 has 6
    lessons and a quiz, 21 cells for 3 people, 5 done (2 quizzes passed, 3 lessons) = 24 %. Pre-test per
    objective: M0 items right for Lan and Somchai (2/3 = 67), others for Lan only (1/3 = 33); post-test:
    M0 and M1 right for both takers (100), M2 and M3 for Lan only (50). Quiz: question 1 was right for all
    three (facility 100 > 90: flagged; no discrimination, it does not vary); 2-11 were right for two (67),
    12-15 for Lan (33), each with a discrimination far above 0.2. Member States: of 32 course items,
    Somchai did 3 (both tests, the quiz) and Kanya 3 (the pre-test, lessons M0.2-3), a mean of 9.4 %; tests
    24 % and 0 % (mean 12.0), post 52 % (13 of 25); Lan did 4 of 32 (12.5 %), 100 % in both tests."""
    gain = {"M0": ("67", "100"), "M1": ("33", "100"), "M2": ("33", "50"), "M3": ("33", "50")}
    return [
        "Workshop summary: Ha Noi pilot",
        f"28 January 2019 to 30 January 2019 · Ha Noi · room code {room_code}",
        "3 participants. Figures as of <when> UTC.",
        "Completion per module (share of lessons and quiz done)",
        "M0 24 %",
        "M1 0 %",
        "M2 0 %",
        "M3 0 %",
        "Learning gain: mean score per objective, pre-test (grey) and post-test (blue)",
        *[line for o in GAINS for line in (f"{o} {gain[o[:2]][0]}", gain[o[:2]][1])],  # M0.1 … M3.5
        "Quiz questions to look at again",
        "question answered facility % first attempt right % discrimination",
        "m0-quiz-1 3 100.0 100.0",
        "By Member State",
        "member_state participants items done % pre-test % post-test %",
        "THA 2 9.4 12.0 52.0",
        "VNM 1 12.5 100.0 100.0",
        "Facility: mean score on the first attempt. Discrimination: correlation with the rest of the quiz.",
    ]


# The hand-made cohort's report tables, worked out by hand as in `summary`: done % per module; the items
# each person did (of 32); facility per M0 quiz question; per objective pre %, post %, gain, people (post);
# per Member State and per body: participants, items done %, pre-test %, post-test %.
MODULES = [["M0", 23.8], ["M1", 0.0], ["M2", 0.0], ["M3", 0.0]]
DONE = {
    "Kanya": ["M0.2", "M0.3", "Pre-test"],
    "Lan": ["M0 quiz", "M0.1", "Post-test", "Pre-test"],
    "Somchai": ["M0 quiz", "Post-test", "Pre-test"],
}
FACILITY = [100.0] + [66.7] * 10 + [33.3] * 4
GAINS = {
    f"M{m}.{n}": [
        [66.7, 100.0, 33.3, 2],
        [33.3, 100.0, 66.7, 2],
        [33.3, 50.0, 16.7, 2],
        [33.3, 50.0, 16.7, 2],
    ][m]
    for m, count in enumerate((6, 7, 7, 5))
    for n in range(1, count + 1)
}
BY_STATE = [["THA", 2, 9.4, 12.0, 52.0], ["VNM", 1, 12.5, 100.0, 100.0]]
BY_BODY = [["ACDM", 1, 12.5, 100.0, 100.0], ["ASOEN", 1, 9.4, 24.0, 52.0], ["SLOM", 1, 9.4, 0.0, None]]


def test_the_reports_of_a_hand_made_cohort(sessions):
    """Every report table of the three people of `hand_made`, against the figures worked out by hand."""
    with sessions.begin() as db:
        found = reports(db, CUR, hand_made(db).id)
    assert module_completion(CUR, found.matrix)[["module", "done %"]].values.tolist() == MODULES
    done = found.matrix[found.matrix["state"] == "done"].groupby("name")["item"].agg(sorted)
    assert done.to_dict() == DONE
    assert found.items["facility %"].tolist() == FACILITY
    assert found.items["discrimination"].isna().tolist() == [True] + [False] * 14  # q1: everyone right
    assert (found.items["discrimination"][1:] > 0.2).all()
    columns = ["pre %", "post %", "gain (points)", "people (post)"]
    assert found.objectives.set_index("objective")[columns].values.tolist() == list(GAINS.values())
    for frame, rows in ((found.by_state, BY_STATE), (found.by_body, BY_BODY)):
        assert frame.astype(object).where(frame.notna(), None).values.tolist() == rows


def as_of(lines: list[str]) -> list[str]:
    """The lines with the time the figures were worked out replaced by <when> (it is the clock's)."""
    return [re.sub(r"as of \d\d [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC", "as of <when> UTC", x) for x in lines]


def test_the_summary_names_the_cohort_and_its_figures(sessions):
    with sessions.begin() as db:
        cohort = hand_made(db)
        data, code = summary_pdf(db, CUR, cohort), cohort.room_code
    assert as_of(pdf_lines(data)) == summary(code)


def test_the_pack_of_a_hand_made_cohort_holds_its_figures(sessions):
    """Every file of the pack, its name and the figures in it, for the three people of `hand_made`: nobody
    completed the course, so there is no certificate; 193 statements (Lan 16 for the quiz, 5 for lesson
    M0.1, 26 per test; Somchai 16 + 26 + 26; Kanya 16 + 5 + 5 + 26)."""
    with sessions.begin() as db:
        cohort = hand_made(db)
        data, code = workshop_pack(db, CUR, cohort), cohort.room_code
    pack = zipfile.ZipFile(io.BytesIO(data))
    stem = f"ha-noi-pilot-{code.lower()}"
    files = [f"{stem}-{n}" for n in ("roster.csv", "results.csv", "xapi.json", "summary.pdf")]
    assert sorted(pack.namelist()) == sorted([*files, f"{stem}.xlsx", "README.txt"])
    assert as_of(pdf_lines(pack.read(f"{stem}-summary.pdf"))) == summary(code)
    results = list(csv.DictReader(io.StringIO(pack.read(f"{stem}-results.csv").decode("utf-8-sig"))))
    columns = ("name", "member state", "M0 completion", "M0 quiz best", "pre-test %", "post-test %")
    assert [tuple(row[c] for c in columns) for row in results] == [
        ("Kanya", "THA", "29", "7", "0.0", ""),  # M0: 2 of 7 parts (lessons M0.2-3); quiz 6.7 %
        ("Lan", "VNM", "29", "100", "100.0", "100.0"),  # 2 of 7 (lesson M0.1, the quiz)
        ("Somchai", "THA", "14", "73", "24.0", "52.0"),  # 1 of 7 (the quiz, 73.3 %)
    ]
    statements = json.loads(pack.read(f"{stem}-xapi.json"))
    verbs = Counter(s["verb"]["display"]["en-US"] for s in statements)
    assert verbs == {"answered": 179, "completed": 8, "passed": 2, "failed": 1, "viewed": 3}
    readme = pack.read("README.txt").decode()
    assert f"End-of-workshop pack: Ha Noi pilot (room code {code})" in readme
    assert all(f"  {name}\n" in readme for name in pack.namelist() if name != "README.txt")


def test_file_names_keep_letters_and_marks_and_nothing_else():
    assert file_name("นิรันดร์ ศรีสุข") == "นิรันดร์-ศรีสุข"
    assert file_name("../../etc/passwd") == "etc-passwd"
    assert file_name("   ") == "participant"


def test_reports_are_worked_out_again_only_after_a_change(sessions, three):
    from progress.analytics import reports
    from progress.models import Person

    cohort_id, _ids, _half = three
    with sessions.begin() as db:
        first = reports(db, CUR, cohort_id)
        assert reports(db, CUR, cohort_id) is first
        weak = db.query(Person).filter_by(display_name="Weak").one()
        view_lesson(db, weak, M0.lessons[1], "again")
        fresh = reports(db, CUR, cohort_id)
    assert fresh is not first
    state = fresh.matrix.set_index(["name", "object_id"])["state"]
    assert state[("Weak", M0.lessons[1].object_id)] == "started"

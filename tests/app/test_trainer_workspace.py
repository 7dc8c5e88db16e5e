"""The trainer's cohort tools in AppTest: edit a cohort, project the room code, downloads; the join link."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from modules.catalog import curriculum
from modules.grading import model_response
from progress import db as store
from progress.accounts import join_cohort
from progress.demo import simulate
from progress.models import Cohort, Person, Statement
from progress.record import answer_check, view_lesson
from tests.app.test_pages import app, sign_in_trainer
from tests.progress.test_reports_and_pack import BY_BODY, BY_STATE, DONE, FACILITY, GAINS, MODULES, hand_made


def test_the_trainer_edits_the_cohort_and_shows_its_venue(room):
    at = sign_in_trainer(app())
    next(b for b in at.button if b.label == "Edit the cohort").click().run()
    name = next(t for t in at.text_input if t.label == "Cohort name")
    venue = next(t for t in at.text_input if t.label == "Venue")
    name.input("ASCC M&E workshop, Ha Noi")
    venue.input("National Convention Center, Ha Noi")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    assert any(s.value == "Cohort saved." for s in at.success)
    assert any("National Convention Center, Ha Noi" in c.value for c in at.caption)
    with store.sessions().begin() as db:
        cohort = db.query(Cohort).filter_by(room_code=room).one()
        assert (cohort.name, cohort.venue) == (
            "ASCC M&E workshop, Ha Noi",
            "National Convention Center, Ha Noi",
        )


def test_an_end_before_the_start_is_refused_with_a_message(room):
    import datetime as dt

    at = sign_in_trainer(app())
    next(b for b in at.button if b.label == "Edit the cohort").click().run()
    at.date_input[0].set_value(dt.date(2026, 12, 3))
    at.date_input[1].set_value(dt.date(2026, 12, 1))
    next(b for b in at.button if b.label == "Save").click().run()
    assert "The end date is before the start date." in at.error[0].value


def test_the_room_code_is_shown_large_with_a_qr_code_to_the_join_page(room):
    at = sign_in_trainer(app())
    next(b for b in at.button if b.label == "Show the room code on the screen").click().run()
    assert not at.exception
    assert any(m.value == f"# {room}" for m in at.markdown)
    assert any(f"/?room={room}" in m.value for m in at.markdown)
    assert len(at.get("image")) == 1


def test_the_downloads_are_offered_and_built_on_click(room, downloads):
    """The three downloads of the hand-made cohort (tests/progress/test_reports_and_pack.hand_made), built
    as a click builds them: their names, types, and the participants and figures in them."""
    with store.sessions().begin() as db:
        hand_made(db)
    files = downloads(sign_in_trainer(app()))
    stem = f"ha-noi-pilot-{room.lower()}"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert {label: (name, mime) for label, (name, mime, _data) in files.items()} == {
        "Roster and results (XLSX)": (f"{stem}.xlsx", xlsx),
        "Roster and results (CSV, zipped)": (f"{stem}-csv.zip", "application/zip"),
        "Learning records (xAPI JSON)": (f"{stem}-xapi.json", "application/json"),
    }
    book = load_workbook(io.BytesIO(files["Roster and results (XLSX)"][2]))
    assert book.sheetnames == ["Roster", "Results"]
    people = [("Kanya", "THA", "SLOM"), ("Lan", "VNM", "ACDM"), ("Somchai", "THA", "ASOEN")]
    roster = list(book["Roster"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3]) for r in roster] == people and {r[1] for r in roster} == {None}  # no e-mail
    sheet = list(book["Results"].values)
    results = [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]
    figures = [(r["name"], r["M0 quiz best"], r["pre-test %"], r["post-test %"]) for r in results]
    assert figures == [("Kanya", 7, 0, None), ("Lan", 100, 100, 100), ("Somchai", 73, 24, 52)]
    csvs = zipfile.ZipFile(io.BytesIO(files["Roster and results (CSV, zipped)"][2]))
    assert sorted(csvs.namelist()) == [f"{stem}-results.csv", f"{stem}-roster.csv"]
    rows = csv.DictReader(io.StringIO(csvs.read(f"{stem}-roster.csv").decode("utf-8-sig")))
    got = [(r["name"], r["member state"], r["sectoral body"], r["joined"]) for r in rows]
    assert got == [(*person, "yes") for person in people]
    statements = json.loads(files["Learning records (xAPI JSON)"][2])
    assert len(statements) == 193  # counted in test_the_pack_of_a_hand_made_cohort_holds_its_figures
    assert {s["actor"]["name"] for s in statements} == {"Kanya", "Lan", "Somchai"}


def test_the_join_link_fills_in_the_room_code(room):

    from tests.app.test_pages import APP

    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["room"] = room
    at.run()
    assert at.text_input[0].value == room


RETEACH, BY_STATE_AND_BODY = "Worth stopping to re-teach?", "By Member State and body"


def chart_data(chart) -> list[dict]:
    """The rows a Vega-Lite chart element was given (its Arrow data)."""
    return convert_arrow_bytes_to_pandas_df(chart.proto.data.data).to_dict("records")


def test_the_live_room_shows_the_demo_workshop_and_who_needs_help(room):
    """The simulated workshop of 12, three days old: nobody is active; each call for help names a person
    and the metric counts them; the chart of the answers to m1-mve-2 and its table agree; a participant's
    record lists every statement of theirs, in order."""
    with store.sessions().begin() as db:
        simulate(db, 12, start=dt.date.today() - dt.timedelta(days=3), seed=5)
    at = sign_in_trainer(app())
    at.switch_page("progress/live_room_page.py").run()
    assert not at.exception
    at.selectbox(key="live:cohort").select("Simulated workshop, 12 participants (demo data)").run()
    at.selectbox(key="live:window").set_value("all").run()
    assert not at.exception
    helped = {e.value.split("**")[1] for e in [*at.error, *at.warning] if e.value.startswith("**")}
    metrics = {"Participants": "12", "Active now": "0", "Idle or away": "12", "Need help": str(len(helped))}
    assert {m.label: m.value for m in at.metric} == metrics and helped
    where = at.dataframe[0].value
    assert len(where) == 12 and set(where["Status"]) == {"idle"}  # the last statement is days old
    at.selectbox(key="live:question").set_value("m1-mve-2").run()
    [chart] = at.get("vega_lite_chart")
    table = at.dataframe[-1].value.to_dict("records")
    assert chart_data(chart) == table  # the table beside the chart lists the same answers
    wrong = next(row for row in table if row["Right"] == "wrong")
    said = [w.value.replace("\\", "") for w in at.warning if w.value.startswith("Most")]  # unescaped
    assert said == [f"Most common wrong answer: “{wrong['Answer']}” ({wrong['Times']} times). {RETEACH}"]
    with store.sessions().begin() as db:
        person_id = db.query(Person).filter_by(display_name=where["Name"][0]).one().id
        own = select(Statement.verb).where(Statement.actor_id == person_id).order_by(Statement.id)
        verbs = list(db.scalars(own))
    at.selectbox(key="live:person").set_value(person_id).run()
    assert list(at.dataframe[-1].value["Did"]) == verbs and {"viewed", "answered", "completed"} <= set(verbs)


LIVE = (  # who answered the knowledge check m1-mve-2 what, in order
    ("Ana", "PHL", "ACDM", ["Routine monitoring"] * 3),
    ("Budi", "IDN", "SLOM", ["A baseline study", "A baseline study", "A mid-term evaluation"]),
    ("Chan", "KHM", "ASOEN", []),
)


def test_the_live_room_names_who_needs_help_and_how_the_room_answered(room):
    """Three participants recorded by hand on the knowledge check m1-mve-2 (right answer: a mid-term
    evaluation): Ana answers "Routine monitoring" three times (needs help), Budi "A baseline study" twice
    then right (does not), Chan only opens the lesson (opened by 3, done by none); all three active now."""
    lesson = curriculum().lesson("m1/monitoring-vs-evaluation")
    check = next(q for q in lesson.parsed.questions if q.id == "m1-mve-2")
    assert model_response(check) == "A mid-term evaluation"
    ids = {}
    with store.sessions().begin() as db:
        for name, state, body, answers in LIVE:
            person, _ = join_cohort(db, room, name, state, body)
            ids[name] = person.id
            view_lesson(db, person, lesson, "visit")
            for n, given in enumerate(answers):
                answer_check(db, person, lesson, check, given, f"try-{n}")
    at = sign_in_trainer(app())
    at.switch_page("progress/live_room_page.py").run()
    assert not at.exception
    metrics = {"Participants": "3", "Active now": "3", "Idle or away": "0", "Need help": "1"}
    assert {m.label: m.value for m in at.metric} == metrics
    assert [e.value for e in at.error] == [
        "**Ana**: 3 wrong answers on Knowledge check in “Monitoring and evaluation\\: two different jobs”, "
        "none right (just now). Answers given: “Routine monitoring” (×3)"
    ]
    where = at.dataframe[0].value[["Name", "Member State", "Body", "Status"]].values.tolist()
    assert where == [[name, state, body, "active"] for name, state, body, _answers in LIVE]
    assert at.dataframe[1].value.values.tolist() == [
        ["Monitoring and evaluation: two different jobs", 3, 0, 0]
    ]
    assert at.selectbox(key="live:question").value == "m1-mve-2"  # the check answered last comes first
    assert [w.value for w in at.warning] == [
        f"Most common wrong answer: “Routine monitoring” (3 times). {RETEACH}"
    ]
    [chart] = at.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["title"]["text"] == "Answers given (2 people)"
    expected = [
        {"Answer": "Routine monitoring", "Right": "wrong", "Times": 3},
        {"Answer": "A baseline study", "Right": "wrong", "Times": 2},
        {"Answer": "A mid-term evaluation", "Right": "right", "Times": 1},
    ]
    assert chart_data(chart) == expected and at.dataframe[2].value.to_dict("records") == expected
    at.selectbox(key="live:person").set_value(ids["Ana"]).run()
    record = at.dataframe[-1].value[["Did", "Answer", "Right"]].values.tolist()
    assert record == [["viewed", "", ""]] + [["answered", "Routine monitoring", "✗"]] * 3


def test_participants_cannot_reach_the_live_room(room):
    from tests.app.test_pages import join, trainers_only

    page = trainers_only(join(app(), room), "progress/live_room_page.py")
    assert not page.dataframe and not page.metric


def test_the_reports_show_charts_with_tables_and_offer_the_pack(room, downloads):
    """The reports of the hand-made cohort: each table beside its chart, with the figures worked out by hand
    in test_reports_and_pack (MODULES, DONE, FACILITY, GAINS, BY_STATE, BY_BODY); the pack a click builds."""
    with store.sessions().begin() as db:
        hand_made(db)
    at = sign_in_trainer(app())
    at.switch_page("progress/reports_page.py").run()
    assert not at.exception
    assert (chosen := at.selectbox(key="reports:cohort")).format_func(chosen.value) == "Ha Noi pilot"
    assert [t.label for t in at.tabs] == ["Completion", "Quiz items", "Learning gain", BY_STATE_AND_BODY]
    charts = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    assert len(charts) == 6  # heatmap, per module, items, gain, by state, by body
    per_module, wide, items, gains, texts, by_state, by_body = (d.value for d in at.dataframe)
    assert per_module[["module", "done %"]].values.tolist() == MODULES
    assert list(wide.index) == list(DONE) and len(wide.columns) == 32  # 26 lessons, 4 quizzes, 2 tests
    assert {name: sorted(wide.columns[wide.loc[name] == "done"]) for name in wide.index} == DONE
    assert list(wide.columns[wide.loc["Kanya"] == "started"]) == ["M0 quiz"]  # failed: started, not done
    assert items["question"].tolist() == [f"m0-quiz-{n}" for n in range(1, 16)]
    assert items["facility %"].tolist() == FACILITY and pd.isna(items["discrimination"][0])
    assert list(texts["objective"]) == list(GAINS)
    assert gains.values.tolist() == [[objective, *row] for objective, row in GAINS.items()]
    for frame, rows in ((by_state, BY_STATE), (by_body, BY_BODY)):
        assert frame.astype(object).where(frame.notna(), None).values.tolist() == rows  # NaN read as None
    files = downloads(at)
    [(name, mime, data)] = files.values()
    assert list(files) == ["End-of-workshop pack (ZIP)"] and mime == "application/zip"
    assert name == f"ha-noi-pilot-{room.lower()}-pack.zip"
    assert f"ha-noi-pilot-{room.lower()}-summary.pdf" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_participants_cannot_reach_the_reports(room):
    from tests.app.test_pages import join, trainers_only

    page = trainers_only(join(app(), room), "progress/reports_page.py")
    assert not page.get("download_button")


def test_pacing_closes_the_course_for_participants_and_says_so(room):
    from tests.app.test_pages import join, open_page

    trainer = sign_in_trainer(app())
    trainer.switch_page("progress/pacing_page.py").run()
    assert not trainer.exception
    next(b for b in trainer.button if b.label == "Close everything but the pre-test").click().run()
    assert any(s.value.startswith("Saved.") for s in trainer.success)

    learner = open_page(join(app(), room), "modules/modules_page.py")
    locked = [i.value for i in learner.info]
    assert len(locked) == 4 and all("This module is not open yet." in m for m in locked)
    assert any(link.proto.label == "Take the pre-test" for link in learner.get("page_link"))
    open_page(learner, "modules/lesson_page.py", lesson="m1/logframe")
    assert "This lesson is not open yet." in learner.info[0].value
    assert not learner.get("radio")
    open_page(learner, "exercises/logframe_page.py")
    assert "This exercise is not open yet." in learner.info[0].value
    open_page(learner, "exercises/practice_page.py")
    assert sum("This exercise is not open yet." in i.value for i in learner.info) == 7

    next(b for b in trainer.button if b.label == "Open everything").click().run()
    open_page(learner, "modules/lesson_page.py", lesson="m1/logframe")
    assert not learner.info and learner.title[0].value.endswith("plan on one page")


def test_a_cohort_is_shared_with_another_trainer_by_username(room):
    from progress.accounts import create_trainer

    with store.sessions().begin() as db:
        create_trainer(db, "trainer2", "Trainer Two", "another long password")
    at = sign_in_trainer(app())
    assert any(c.value == "Trainers of this cohort: Trainer One" for c in at.caption)
    next(b for b in at.button if b.label == "Share with a trainer").click().run()
    next(t for t in at.text_input if t.label == "Their username").input("trainer2")
    next(b for b in at.button if b.label == "Share").click().run()
    assert any(s.value == "Trainer Two now runs this cohort with you." for s in at.success)
    assert any(c.value == "Trainers of this cohort: Trainer One, Trainer Two" for c in at.caption)


TRAINER_PAGES = (
    "progress/cohorts_page.py",
    "progress/live_room_page.py",
    "progress/reports_page.py",
    "progress/pacing_page.py",
    "modules/facilitator_page.py",
)


def test_no_trainer_page_for_participants_or_visitors_by_navigation_or_by_address(room):
    from streamlit.testing.v1 import AppTest

    from tests.app.test_pages import APP, ROOT, join, trainers_only

    for path in TRAINER_PAGES:
        page = trainers_only(join(app(), room), path)
        assert not page.get("download_button") and not page.dataframe, path
        visitor = AppTest.from_file(APP, default_timeout=30)
        visitor.run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            visitor.switch_page(path)
        direct = AppTest.from_file(
            str(ROOT / path), default_timeout=30
        )  # the script run with no one signed in
        direct.run()
        assert [e.value for e in direct.error] == ["This page is for trainers only."], path


def test_the_agenda_orders_what_participants_see(room):
    from tests.app.test_pages import join, open_page

    at = sign_in_trainer(app())
    next(b for b in at.button if b.label == "Edit the cohort").click().run()
    agenda = next(m for m in at.multiselect if m.label.startswith("Agenda"))
    agenda.set_value(["module:m2", "module:m1", "exercise:tracker", "exercise:logframe"])
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception
    with store.sessions().begin() as db:
        assert db.query(Cohort).filter_by(room_code=room).one().agenda == [
            "module:m2",
            "module:m1",
            "exercise:tracker",
            "exercise:logframe",
        ]
    learner = open_page(join(app(), room), "modules/modules_page.py")
    headers = [h.value for h in learner.header]
    modules = [h for h in headers if h.startswith("Module ")]
    assert modules[:2] == [h for h in modules if h.startswith(("Module 2", "Module 1"))][:2]
    assert modules[0].startswith("Module 2") and modules[1].startswith("Module 1")
    assert (
        "Also in the course" in headers
        and headers.index("Also in the course") == headers.index(modules[2]) - 1
    )
    open_page(learner, "exercises/practice_page.py")
    titles = [s.value for s in learner.subheader]
    assert titles[:2] == ["Indicator tracking", "Logframe builder"]


def test_the_next_trainer_page_opens_on_the_cohort_chosen_last(room):
    from progress.cohorts import create_cohort

    with store.sessions().begin() as db:
        trainer = db.query(Person).filter_by(username="trainer1").one()
        create_cohort(db, trainer, "Second cohort")
    at = sign_in_trainer(app())
    at.switch_page("progress/reports_page.py").run()
    demo_id = next(i for i in at.selectbox(key="reports:cohort").options if "Demo" in i)
    at.selectbox(key="reports:cohort").select(demo_id).run()
    at.switch_page("progress/live_room_page.py").run()
    chosen = at.selectbox(key="live:cohort")
    assert chosen.format_func(chosen.value).startswith("Demo")


def test_an_agenda_of_lessons_orders_the_module_page(room):
    from tests.app.test_pages import join, open_page

    with store.sessions().begin() as db:
        db.query(Cohort).filter_by(room_code=room).one().agenda = [
            "lesson:m1/indicators",
            "lesson:m1/logframe",
        ]
    learner = open_page(join(app(), room), "modules/modules_page.py")
    assert next(h.value for h in learner.header if h.value.startswith("Module ")).startswith("Module 1")
    open_page(learner, "modules/module_page.py", module="m1")
    links = [
        link.proto.label for link in learner.get("page_link") if link.proto.label[:2] in ("4.", "5.", "1.")
    ]
    assert links[0].startswith("5. ") and links[1].startswith("4. ")  # indicators (5) before logframe (4)
    assert any(c.value.startswith("Not on this workshop's agenda") for c in learner.caption)

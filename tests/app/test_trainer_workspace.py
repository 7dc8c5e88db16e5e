"""The trainer's cohort tools in AppTest: edit a cohort, project the room code, downloads; the join link."""

from __future__ import annotations

from progress import db as store
from progress.models import Cohort, Person
from tests.app.test_pages import app, sign_in_trainer


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


def test_the_downloads_are_offered_and_built_on_click(room):
    at = sign_in_trainer(app())
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Roster and results (XLSX)",
        "Roster and results (CSV, zipped)",
        "Learning records (xAPI JSON)",
    ]


def test_the_join_link_fills_in_the_room_code(room):
    from streamlit.testing.v1 import AppTest

    from tests.app.test_pages import APP

    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["room"] = room
    at.run()
    assert at.text_input[0].value == room


def test_the_live_room_shows_the_demo_workshop_and_who_needs_help(room):
    import datetime as dt

    from progress.demo import simulate

    with store.sessions().begin() as db:
        simulate(db, 12, start=dt.date.today() - dt.timedelta(days=3), seed=5)
    at = sign_in_trainer(app())
    at.switch_page("progress/live_room_page.py").run()
    assert not at.exception
    at.selectbox(key="live:cohort").select("Simulated workshop, 12 participants (demo data)").run()
    at.selectbox(key="live:window").set_value("all").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Participants"] == "12"
    assert int(metrics["Need help"]) >= 1
    assert any("wrong answers on" in e.value and "Answers given:" in e.value for e in at.error)
    where = at.dataframe[0].value
    assert len(where) == 12 and set(where["Status"]) <= {"active", "idle", "no activity"}
    at.selectbox(key="live:question").set_value("m1-mve-2").run()
    assert any(w.value.startswith("Most common wrong answer") for w in at.warning)
    assert at.get("vega_lite_chart")
    name = where["Name"][0]
    with store.sessions().begin() as db:
        person_id = db.query(Person).filter_by(display_name=name).one().id
    at.selectbox(key="live:person").set_value(person_id).run()
    record = at.dataframe[-1].value
    assert {"viewed", "answered", "completed"} <= set(record["Did"])
    assert len(record) > 100


def test_participants_cannot_reach_the_live_room(room):
    from tests.app.test_pages import join, trainers_only

    page = trainers_only(join(app(), room), "progress/live_room_page.py")
    assert not page.dataframe and not page.metric


def test_the_reports_show_charts_with_tables_and_offer_the_pack(room):
    import datetime as dt

    from progress.demo import simulate

    with store.sessions().begin() as db:
        simulate(db, 8, start=dt.date.today() - dt.timedelta(days=3), seed=2)
    at = sign_in_trainer(app())
    at.switch_page("progress/reports_page.py").run()
    at.selectbox(key="reports:cohort").select("Simulated workshop, 8 participants (demo data)").run()
    assert not at.exception
    tabs = ["Completion", "Quiz items", "Learning gain", "By Member State and body"]
    assert [t.label for t in at.tabs] == tabs
    charts = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    assert len(charts) == 6  # heatmap, per module, items, gain, by state, by body
    assert [b.proto.label for b in at.get("download_button")] == ["End-of-workshop pack (ZIP)"]
    assert len(at.dataframe) >= 5


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
    import pytest
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

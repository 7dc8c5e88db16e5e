"""The trainer's cohort tools in AppTest: edit a cohort, project the room code, downloads; the join link."""

from __future__ import annotations

from progress import db as store
from progress.models import Cohort
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

"""The monitoring exercises in AppTest: tracking plans, the tracking cases, alignment, the mid-term review."""

from __future__ import annotations

import json

from exercises.tracking_cases import cases, expected
from progress.practice import TRACKING_CASES
from tests.app.test_exercise_pages import load_draft_of, statements
from tests.app.test_pages import app, join, open_page


def test_the_tracking_cases_are_graded_explained_and_recorded(room):
    at = open_page(join(app(), room), "exercises/tracking_cases_page.py")
    assert not at.exception
    check = next(b for b in at.button if b.label == "Check my answers")
    assert check.disabled  # a status is needed for every case first
    for n, case in enumerate(cases()):
        want = expected(case)
        key = f"tc:{case.id}:"
        if case.periodic:
            at.number_input(key=key + "lop_actual").set_value(want.lop_actual)
        right = n != 0  # the first case is answered wrongly
        if want.percent is not None:
            at.number_input(key=key + "percent").set_value(round(want.percent, 1) + (0 if right else 10))
        at.radio(key=key + "colour").set_value(want.colour)
        if want.adds_up is not None:
            at.radio(key=key + "adds_up").set_value(want.adds_up)
    at.run()
    assert not at.exception
    draft = load_draft_of("Nguyen Thi Lan", TRACKING_CASES)
    assert draft["checked"] is False and len(draft["answers"]) == len(cases())
    next(b for b in at.button if b.label == "Check my answers").click().run()
    assert not at.exception
    total = len(cases())
    assert at.metric[0].value == f"{total - 1} of {total}"
    assert any("NUM-11" in m.value for m in at.markdown)
    assert len(at.success) == total - 1
    done = statements("completed", TRACKING_CASES)
    assert len(done) == 1 and round(done[0].score) == round(100 * (total - 1) / total)
    assert "NUM-11" in done[0].extra["findings"]
    assert load_draft_of("Nguyen Thi Lan", TRACKING_CASES)["checked"] is True  # what a reload reads


def test_a_tracking_plan_is_kept_as_a_draft_and_saved_with_the_learners_reading(room):
    at = open_page(join(app(), room), "exercises/tracker_page.py")
    at.selectbox(key="tr:ind").set_value("forest_area_percent_land").run()
    at.selectbox(key="tr:country").select("Cambodia").run()
    at.text_input(key="tr:ms").input("2025: 48; 2028: 49.5").run()
    at.text_area(key="tr:reading").input("Forest cover keeps falling while the plan wants it to rise.").run()
    assert not at.exception
    widgets = load_draft_of("Nguyen Thi Lan", "exercise:tracker:plan")["widgets"]
    assert widgets["tr:ind"] == "forest_area_percent_land" and widgets["tr:country"] == "Cambodia"
    assert widgets["tr:ms"] == "2025: 48; 2028: 49.5"
    next(b for b in at.button if b.label == "Save this tracking plan to my progress").click().run()
    assert not at.exception
    saved = statements("completed", "exercise:tracker:plan:forest_area_percent_land:")
    assert len(saved) == 1
    response = json.loads(saved[0].response)
    assert response["country"] == "Cambodia" and response["milestones"] == {"2025": 48.0, "2028": 49.5}
    assert response["latest"]["colour"] in {"red", "amber", "green", "grey"}
    assert response["reading"].startswith("Forest cover")
    # a new session of the same learner starts from the draft
    at.session_state["tr:loaded"] = None
    del at.session_state["tr:loaded"]
    at.run()
    assert at.selectbox(key="tr:country").value == "Cambodia"

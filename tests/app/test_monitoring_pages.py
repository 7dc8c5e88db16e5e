"""The monitoring exercises in AppTest: tracking plans, the tracking cases, alignment, the mid-term review."""

from __future__ import annotations

import json
import re

from exercises.tracking_cases import cases, expected
from modules.lessons import plain
from progress.practice import TRACKING_CASES
from tests.app.test_exercise_pages import load_draft_of, statements
from tests.app.test_pages import app, join, open_page, sign_in_trainer


def test_the_tracking_cases_are_graded_explained_and_recorded(room):
    at = open_page(join(app(), room), "exercises/tracking_cases_page.py")
    assert not at.exception
    next(b for b in at.button if b.label == "Check my answers").click().run()
    assert "still open: case 1, 2, 3" in at.error[0].value  # a status is needed for every case first
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
    assert any(m.value.startswith("**Your answer:** 85 %") for m in at.markdown)
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


def test_work_plan_alignment_checks_the_mapping_and_shows_the_cohort_coverage(room):
    at = open_page(join(app(), room), "exercises/alignment_page.py")
    assert not at.exception
    assert at.selectbox(key="al:body").value == "ACDM"  # the participant's own body first
    at.selectbox(key="al:ACDM:ACDM-01:characteristic").set_value("D").run()
    kra = at.selectbox(key="al:ACDM:ACDM-01:kra")
    assert all(o.startswith("D.") for o in kra.options)  # only the Characteristic's KRAs
    kra.set_value("D.1")
    at.text_input(key="al:ACDM:ACDM-01:measure").input("ii")
    at.selectbox(key="al:ACDM:ACDM-01:outcome_id").set_value("ACDM-O1").run()
    at.text_input(key="al:ACDM:ACDM-01:contribution").input(
        "Shared hazard data feed the regional risk picture."
    )
    at.selectbox(key="al:ACDM:ACDM-06:characteristic").set_value("E").run()
    at.selectbox(key="al:ACDM:ACDM-06:kra").set_value("E.3").run()  # the plan's own (planted) code
    assert not at.exception
    draft = load_draft_of("Nguyen Thi Lan", "exercise:alignment:ACDM")
    assert draft["rows"]["ACDM-01"]["kra"] == "D.1" and draft["rows"]["ACDM-01"]["measure"] == "ii"
    next(b for b in at.button if b.label == "Check my mapping").click().run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "AL-01" in text  # the items left unmapped
    assert "AL-06" in text  # ACDM-01 serves ACDM-O1 but names no indicator
    assert any("A trainer accepts D.1" in s.value for s in at.success)
    assert any("A trainer places it under D.1" in e.value for e in at.error)  # ACDM-06
    done = statements("completed", "exercise:alignment:ACDM")
    assert len(done) == 1 and done[0].score == round(100 * 1 / 12)
    assert "AL-01" in done[0].extra["findings"]
    chart = at.get("vega_lite_chart")
    assert len(chart) == 1
    assert any("Gaps" in m.value and "A.1" in m.value for m in at.markdown)


def test_the_mid_term_review_checks_criteria_and_ratings_and_shows_the_model(room):
    from datasets.samples import results_frameworks
    from exercises.midterm import rate_outcomes, reviews

    at = open_page(join(app(), room), "exercises/midterm_review_page.py")
    assert not at.exception
    review = reviews()["ACDM"]
    assert any("Synthetic sample" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Submit my review").click().run()
    assert "Still open: question 1, 2, 3, 4, 5, 6, 7, 8; the rating of ACDM-O1, ACDM-O2" in at.error[0].value
    for n, q in enumerate(review.questions):
        answer = q.criterion if n else ("impact" if q.criterion != "impact" else "relevance")
        at.selectbox(key=f"mr:ACDM:q{n}").set_value(answer)
    ratings = rate_outcomes(results_frameworks(), "ACDM")
    assert [r.colour for r in ratings] == ["amber", "green"]
    at.radio(key="mr:ACDM:rate:ACDM-O1").set_value("amber")
    at.radio(key="mr:ACDM:rate:ACDM-O2").set_value("amber")  # the data say green
    at.text_area(key="mr:ACDM:find:ACDM-O1").input(
        "Data sharing rose to 10 Member States, above the milestone."
    )
    at.text_area(key="mr:ACDM:rec:ACDM-O1").input("Fix it.")
    at.run()
    next(b for b in at.button if b.label == "Submit my review").click().run()
    assert not at.exception
    total = len(review.questions) + 2
    assert at.metric[0].value == f"{round(100 * (total - 2) / total)}%"
    assert any("the data say “On track”" in e.value for e in at.error)
    assert any("very short" in c.value for c in at.caption)  # the recommendation tip
    assert any(plain(review.model["ACDM-O2"].findings)[:40] in m.value for m in at.markdown)
    assert any(m.value.startswith("**Your findings.** Data sharing rose to 10") for m in at.markdown)
    done = statements("completed", review.object_id)
    assert len(done) == 1 and round(done[0].score) == round(100 * (total - 2) / total)


def test_the_trainer_sees_monitoring_statuses_and_the_cohorts_coverage(room):
    at = open_page(join(app(), room), "exercises/alignment_page.py")
    at.selectbox(key="al:ACDM:ACDM-01:characteristic").set_value("D").run()
    at.selectbox(key="al:ACDM:ACDM-01:kra").set_value("D.1").run()
    next(b for b in at.button if b.label == "Check my mapping").click().run()
    open_page(at, "progress/my_progress_page.py")
    mine = {m.label: (m.value, m.delta) for m in at.metric}
    assert mine["Work-plan alignment"] == ("8%", "submitted")
    assert mine["Indicator tracking"] == ("—", "not started")

    trainer = sign_in_trainer(app())
    assert not trainer.exception
    row = trainer.dataframe[1].value.set_index("name").loc["Nguyen Thi Lan"]
    assert row["alignment"] == "1 done · 8%" and row["midterm-review"] == "—"
    charts = trainer.get("vega_lite_chart")
    assert len(charts) == 1
    note = next(c.value for c in trainer.caption if c.value.startswith("Work-plan items per Key Result Area"))
    gaps = re.search(r"Gaps: (.*?)\. Overlaps", note)[1].split(", ")
    assert "D.1" not in gaps and "A.1" in gaps and len(gaps) == 16  # ACDM-01 sits in D.1, the rest is open


def test_the_tracker_is_grey_when_the_target_equals_the_baseline_and_takes_a_trainers_bands(room):
    at = open_page(join(app(), room), "exercises/tracker_page.py")
    at.selectbox(key="tr:ind").set_value("forest_area_percent_land").run()
    at.selectbox(key="tr:country").select("Cambodia").run()
    baseline = next(n for n in at.number_input if n.label == "Baseline value").value
    next(n for n in at.number_input if n.label == "Target value").set_value(baseline).run()
    assert not at.exception
    assert any("Status in" in m.value and "grey: cannot assess" in m.value for m in at.markdown)
    assert any("no change was planned" in m.value for m in at.markdown)
    assert next(m for m in at.metric if m.label == "% achievement").value == "—"

    next(n for n in at.number_input if n.label == "Target value").set_value(baseline + 10).run()
    at.selectbox(key="tr:preset").set_value("trainer").run()
    at.number_input(key="tr:green").set_value(90.0)
    at.number_input(key="tr:upper").set_value(80.0).run()  # an upper bound below green is refused
    assert "the upper bound must be above green" in at.error[0].value
    at.number_input(key="tr:upper").set_value(120.0).run()
    assert not at.error
    assert any("green 90–120 %" in c.value for c in at.caption)


def test_the_issues_examples_track_a_decrease_and_a_breakdown(room):
    """Under-5 mortality for Lao PDR (a decrease) and female labour force participation for Myanmar."""
    at = open_page(join(app(), room), "exercises/tracker_page.py")
    at.selectbox(key="tr:ind").set_value("under5_mortality_rate").run()
    at.selectbox(key="tr:country").select("Lao PDR").run()
    assert not at.exception
    assert any("**Desired change:** decrease" in m.value for m in at.markdown)
    baseline = next(n for n in at.number_input if n.label == "Baseline value").value
    assert next(n for n in at.number_input if n.label == "Target value").value < baseline  # a lower target
    assert not any("NUM-04" in m.value for m in at.markdown)
    at.selectbox(key="tr:ind").set_value("labour_force_participation_rate").run()
    at.selectbox(key="tr:breakdown").set_value(("female", "", "")).run()
    at.selectbox(key="tr:country").select("Myanmar").run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "% achievement").value.endswith("%")

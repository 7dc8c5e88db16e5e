"""The four design exercises in AppTest: each runs, records its statements, keeps its draft."""

from __future__ import annotations

import json

from exercises.clinic import cases
from exercises.logframe import templates
from exercises.results_chain import banks, round_of
from modules.lessons import plain
from progress import db as store
from progress.drafts import load_draft
from progress.models import Person, Statement
from progress.practice import EXERCISES, LOGFRAME_OBJECT
from tests.app.test_pages import app, join, open_page, sign_in_trainer


def person_id(name: str) -> int:
    with store.sessions().begin() as db:
        return db.query(Person).filter_by(display_name=name).one().id


def statements(verb: str, prefix: str) -> list[Statement]:
    with store.sessions().begin() as db:
        rows = (
            db.query(Statement).filter(Statement.verb == verb, Statement.object_id.startswith(prefix)).all()
        )
        db.expunge_all()
        return rows


def badges(at) -> list[str]:
    """The status badges of the practice page (st.badge renders as Markdown)."""
    return [m.value for m in at.markdown if "-badge[" in m.value]


def test_practice_hub_lists_the_four_exercises_and_each_page_runs(room):
    at = open_page(join(app(), room), "exercises/practice_page.py")
    assert not at.exception
    assert [s.value for s in at.subheader] == [
        "Results chain sorter",
        "Indicator clinic",
        "Logframe builder",
        "Assumption screening",
        "Indicator tracking",  # the monitoring exercises (issue 7)
        "Work-plan alignment",
        "Mid-term review simulation",
    ]
    assert [b.count("Not started") for b in badges(at)] == [1] * 7
    pages = ("results_chain", "indicator_clinic", "logframe", "assumptions", "tracker", "tracking_cases")
    for page in (*pages, "alignment", "midterm_review"):
        open_page(at, f"exercises/{page}_page.py")
        assert not at.exception, page
    assert at.title[0].value == "Mid-term review simulation"


def test_a_results_chain_round_is_scored_and_explained(room):
    at = open_page(join(app(), room), "exercises/results_chain_page.py")
    bank = banks()["ACDM"]  # the participant's own sector comes first
    assert at.selectbox[0].value == "ACDM"
    seed = load_draft_of("Nguyen Thi Lan", bank.object_id)["seed"]
    items = round_of(bank, seed)
    assert len(at.radio) == len(items) + 1  # plus the broken-link question in the other tab
    for n, item in enumerate(items):
        answer = item.level if n < 7 else next(level for level in ("input", "impact") if level != item.level)
        at.radio(key=f"rc:{seed}:{item.id}").set_value(answer)
    at.run()
    at.button[0].click().run()  # Check my answers
    assert not at.exception
    assert at.metric[0].value == f"7/{len(items)}"
    assert len(at.success) + len(at.error) >= len(items)
    assert any(plain(item.why) in e.value for item in items[7:] for e in at.error)
    done = statements("completed", bank.object_id)
    assert [(d.score, d.success) for d in done] == [(70.0, False)]
    assert json.loads(done[0].response)[items[0].id] == items[0].level


def load_draft_of(name: str, key: str) -> dict:
    with store.sessions().begin() as db:
        draft = load_draft(db, person_id(name), key)
    assert draft is not None
    return draft


def test_broken_link_answer_is_recorded_with_the_explanation(room):
    at = open_page(join(app(), room), "exercises/results_chain_page.py")
    chain = banks()["ACDM"].chains[0]
    wrong = 1 if chain.broken != 1 else 2
    at.radio(key=f"rc:pick:{chain.id}").set_value(wrong).run()
    at.button(key=f"rc:check:{chain.id}").click().run()
    assert not at.exception
    assert any(plain(chain.why) in e.value for e in at.error)
    answered = statements("answered", "exercise:broken-link:")
    assert [(a.object_id, a.success) for a in answered] == [(f"exercise:broken-link:{chain.id}", False)]


def test_indicator_clinic_shows_findings_then_the_model_after_a_real_attempt(room):
    at = open_page(join(app(), room), "exercises/indicator_clinic_page.py")
    case = cases()[at.selectbox[0].value]
    assert case.body == "ACDM"
    at.button[0].click().run()  # check the weak indicator as given
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    for rule in case.problems:
        assert rule in shown
    assert "Model answer" not in [e.label for e in at.expander]  # no honest attempt yet
    model = case.model
    for name in ("statement", "definition", "numerator", "denominator", "means_of_verification"):
        widget = at.text_area if name in ("statement", "definition") else at.text_input
        widget(key=f"ic:{case.id}:{name}").input(getattr(model, name))
    at.text_input(key=f"ic:{case.id}:frequency").input(model.frequency)
    at.text_input(key=f"ic:{case.id}:responsible").input(model.responsible)
    at.selectbox(key=f"ic:{case.id}:unit_type").select(model.unit_type)
    at.run()
    at.button[0].click().run()
    assert not at.exception
    assert any("well-formed" in s.value for s in at.success)
    assert "Model answer" in [e.label for e in at.expander]
    at.button[1].click().run()  # Submit this indicator
    submitted = statements("completed", case.object_id)
    assert [s.score for s in submitted] == [100.0]
    assert len(statements("attempted", case.object_id)) == 2


def test_logframe_starts_from_a_template_saves_a_draft_and_submits(room):
    at = open_page(join(app(), room), "exercises/logframe_page.py")
    assert not at.exception
    assert at.selectbox[0].value == "ACDM"
    at.button[0].click().run()  # Start from this template
    assert not at.exception
    template = templates()["ACDM"].logframe
    draft = load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)
    assert [r["narrative"] for r in draft["rows"]] == [r.narrative for r in template.rows]
    assert at.metric[0].value.endswith("/100")
    assert any("IND-14" in m.value for m in at.markdown)  # the template leaves one output without indicator
    submit = next(b for b in at.button if b.label == "Submit my logframe")
    submit.click().run()
    assert not at.exception
    done = statements("completed", LOGFRAME_OBJECT)
    assert (
        len(done) == 1 and json.loads(done[0].response)["rows"][0]["narrative"] == template.rows[0].narrative
    )

    # A new session (a refresh, another device) finds the draft, not the start screen.
    again = open_page(at, "exercises/practice_page.py")
    assert "Done" in badges(again)[2]
    fresh = app()
    fresh.query_params["s"] = at.query_params["s"]
    fresh.run()
    open_page(fresh, "exercises/logframe_page.py")
    assert not fresh.exception
    assert "Start from this template" not in [b.label for b in fresh.button]


def test_assumption_screening_scores_decisions_against_the_trainer(room):
    at = open_page(join(app(), room), "exercises/assumptions_page.py")
    from exercises.assumptions import projects

    project = projects()[at.selectbox[0].value]
    assert project.body == "ACDM"
    for n, cand in enumerate(project.candidates):
        m = cand.model
        at.radio(key=f"as:{project.id}:{n}:controlled").set_value(m.controlled)
        at.radio(key=f"as:{project.id}:{n}:important").set_value(m.important)
        at.radio(key=f"as:{project.id}:{n}:likely").set_value(m.likely)
        at.radio(key=f"as:{project.id}:{n}:decision").set_value(m.decision if n else "keep")
    at.run()
    next(b for b in at.button if b.label == "Check my screening").click().run()
    assert not at.exception
    first = project.candidates[0].model.decision
    expected = round(100 * (len(project.candidates) - (first != "keep")) / len(project.candidates))
    assert at.metric[0].value == f"{expected}%"
    assert [s.score for s in statements("completed", project.object_id)] == [expected]


def test_trainer_can_open_the_exercises_too(room):
    at = sign_in_trainer(app())
    for page in ("practice", "results_chain", "indicator_clinic", "logframe", "assumptions"):
        open_page(at, f"exercises/{page}_page.py")
        assert not at.exception, page


def test_trainer_sees_each_participants_exercise_status_and_score(room):
    at = open_page(join(app(), room), "exercises/assumptions_page.py")
    from exercises.assumptions import projects

    project = projects()[at.selectbox[0].value]
    for n, cand in enumerate(project.candidates):
        for field in ("controlled", "important", "likely", "decision"):
            at.radio(key=f"as:{project.id}:{n}:{field}").set_value(getattr(cand.model, field))
    at.run()
    next(b for b in at.button if b.label == "Check my screening").click().run()
    open_page(at, "exercises/logframe_page.py")
    at.button[0].click().run()  # a logframe started from a template: a draft, not yet submitted
    open_page(at, "progress/my_progress_page.py")
    mine = {m.label: (m.value, m.delta) for m in at.metric if m.label in EXERCISES.values()}
    assert mine["Assumption screening"] == ("100%", "submitted")
    assert mine["Logframe"] == ("—", "in progress") and mine["Results chain"] == ("—", "not started")

    trainer = sign_in_trainer(app())
    table = trainer.dataframe[1].value  # the Exercises tab
    row = table.set_index("name").loc["Nguyen Thi Lan"]
    assert row["assumptions"] == "1 done · 100%"
    assert row["logframe"] == "in progress"
    assert row["results-chain"] == "—" and row["indicator-clinic"] == "—"


def field(at, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def test_the_indicator_form_adds_and_edits_an_indicator_with_its_plan(room):
    at = open_page(join(app(), room), "exercises/logframe_page.py")
    at.button[0].click().run()  # the ACDM template
    measures = field(at, "selectbox", "The result it measures")
    target = next(o for o in measures.options if o.startswith("3 · "))
    measures.select(measures.options[measures.options.index(target)])
    field(at, "text_area", "Indicator").input("Number of provinces with a tested evacuation plan")
    field(at, "text_input", "Means of verification").input("AHA Centre register of provincial drills")
    field(at, "button", "Save the indicator").click().run()
    assert not at.exception
    row = next(r for r in load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"] if r["ref"] == "3")
    added = row["indicators"][-1]
    assert added["statement"] == "Number of provinces with a tested evacuation plan"
    assert added["means_of_verification"] == "AHA Centre register of provincial drills"
    assert at.selectbox(key="lf:pick").value == -1  # the form is ready for the next new indicator

    at.selectbox(key="lf:pick").select_index(1).run()  # edit the first existing one
    field(at, "text_area", "Indicator").input("Number of disaster deaths per 100,000 people in AMS")
    field(at, "button", "Save the indicator").click().run()
    goal = load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"][0]
    assert goal["indicators"][0]["statement"] == "Number of disaster deaths per 100,000 people in AMS"
    assert len(goal["indicators"]) == len(templates()["ACDM"].logframe.rows[0].indicators)


def test_the_row_form_edits_a_row_and_a_new_ref_keeps_its_links(room):
    at = open_page(join(app(), room), "exercises/logframe_page.py")
    at.button[0].click().run()
    at.selectbox(key="lf:pick-row").select_index(1).run()  # the goal
    field(at, "text_area", "Assumptions (one per line)").input("Member States keep the reform going")
    field(at, "button", "Save the row").click().run()
    assert not at.exception
    rows = load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"]
    assert rows[0]["assumptions"] == "Member States keep the reform going"

    at.selectbox(key="lf:pick-row").select_index(2).run()  # the outcome, O
    field(at, "text_input", "Ref.").input("OC")
    field(at, "button", "Save the row").click().run()
    rows = load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"]
    assert rows[1]["ref"] == "OC"
    assert {r["parent"] for r in rows if r["level"] == "output"} == {"OC"}  # the outputs follow it
    assert rows[1]["indicators"]  # and so do its indicators

    at.selectbox(key="lf:pick-row").select_index(0).run()  # a new row
    field(at, "text_input", "Ref.").input("4")
    field(at, "text_area", "Narrative summary").input("Regional network of complaint officers set up")
    field(at, "button", "Save the row").click().run()
    assert load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"][-1]["ref"] == "4"


def test_the_tables_are_shown_on_request_and_start_from_the_latest_draft(room):
    at = open_page(join(app(), room), "exercises/logframe_page.py")
    at.button[0].click().run()
    assert len(at.dataframe) == 0  # forms and matrix only: the lighter default
    at.selectbox(key="lf:pick-row").select_index(1).run()
    field(at, "text_area", "Narrative summary").input("Safer communities across AMS")
    field(at, "button", "Save the row").click().run()
    at.toggle(key="lf:grid").set_value(True).run()
    assert not at.exception
    rows, indicators = at.dataframe[0].value, at.dataframe[1].value
    assert rows["narrative"].iloc[0] == "Safer communities across AMS"  # the form's change is in the table
    assert list(indicators.columns[:2]) == ["row", "statement"]
    at.toggle(key="lf:grid").set_value(False).run()
    assert len(at.dataframe) == 0 and not at.exception
    assert (
        load_draft_of("Nguyen Thi Lan", LOGFRAME_OBJECT)["rows"][0]["narrative"]
        == "Safer communities across AMS"
    )


def test_the_tracker_shows_progress_for_a_real_indicator_and_flags_a_wrong_target(room):
    at = open_page(join(app(), room), "exercises/tracker_page.py")
    assert not at.exception
    ind = at.selectbox(key="tr:ind")
    ind.set_value("forest_area_percent_land").run()
    at.selectbox(key="tr:country").select("Cambodia").run()
    assert not at.exception
    assert at.metric[2].label == "% achievement"
    assert len(at.get("vega_lite_chart")) == 1
    table = at.dataframe[0].value
    assert set(table["Status"]) <= {"green", "amber", "red", "grey: cannot assess"}
    assert any("Source:" in c.value for c in at.caption)
    target = next(n for n in at.number_input if n.label == "Target value")
    baseline = next(n for n in at.number_input if n.label == "Baseline value").value
    target.set_value(baseline + 5).run()  # forest cover should rise: a higher target is fine
    assert not any("NUM-04" in m.value for m in at.markdown)
    target.set_value(baseline - 5).run()
    assert any("NUM-04" in m.value for m in at.markdown)

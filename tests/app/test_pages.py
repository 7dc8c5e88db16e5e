"""Every page runs for a visitor, a participant and a trainer; the main flows work in AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modules.catalog import curriculum
from progress import db as store
from progress.accounts import issue_setup_token, resume
from progress.cohorts import demo_cohort
from progress.models import Person
from progress.statements import events_of
from tests.app.conftest import PASSWORD

ROOT = Path(__file__).parents[2]
APP = str(ROOT / "app.py")
M1 = curriculum().module("m1")


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def join(at: AppTest, room: str, name: str = "Nguyen Thi Lan") -> AppTest:
    at.text_input[0].input(room)
    at.text_input[1].input(name)
    at.selectbox[0].select("VNM")
    at.selectbox[1].select("ACDM")
    return at.button[0].click().run()


def sign_in_trainer(at: AppTest) -> AppTest:
    at.switch_page("progress/trainer_signin_page.py").run()
    at.text_input[0].input("trainer1")
    at.text_input[1].input(PASSWORD)
    return at.button[0].click().run()


def open_page(at: AppTest, path: str, **params: str) -> AppTest:
    for key in list(at.query_params):
        if key != "s":
            del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(path).run()


def test_visitor_sees_welcome_and_trainer_sign_in(room):
    at = app()
    assert not at.exception and titles(at) == ["ASCC M&E Academy"]
    assert [t.label for t in at.tabs] == ["Join a workshop", "Study on my own", "Resume with my code"]
    at.switch_page("progress/trainer_signin_page.py").run()
    assert not at.exception and titles(at) == ["Trainer sign-in"]


M1_LESSON_TITLES = {  # each lesson's own heading, as written in its Markdown file
    "m1/monitoring-vs-evaluation": "Monitoring and evaluation: two different jobs",
    "m1/results-chain": "The results chain: from inputs to impact",
    "m1/theory-of-change": "Theory of change: explaining how and why change happens",
    "m1/logframe": "The logframe: a plan on one page",
    "m1/indicators": "Indicators: measuring one thing clearly",
    "m1/baselines-targets": "Baselines, targets and measuring progress",
    "m1/blueprint-planning-and-me-cycle": "The Blueprint's planning chain and the ASCC M&E system",
}


def test_participant_joins_and_every_learner_page_runs(room):
    """The recovery code shown after joining is one of the app's codes (four and four letters or digits,
    no 0, O, 1, I or L) and signs this learner back in; each learner page shows its own title."""
    at = join(app(), room)
    assert not at.exception
    assert "s" in at.query_params  # the sign-in travels in the address, so a refresh keeps it
    [code] = [c.value for c in at.code]  # the recovery code, shown once
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code), code
    with store.sessions().begin() as db:
        again = resume(db, code.lower().replace("-", " "))
        assert again is not None and again.id == at.session_state["me"]["id"]
        assert again.display_name == "Nguyen Thi Lan"
    next(b for b in at.button if b.label == "I have noted my code").click().run()
    assert not at.code  # once noted, it is not shown again
    pages = [
        (
            "modules/module_page.py",
            {"module": "m1"},
            "Module 1: Basic M&E methods and why they matter for the ASCC Blueprint 2025",
        ),
        ("modules/lesson_page.py", {"quiz": "m1"}, "Module 1 quiz"),
        ("progress/my_progress_page.py", {}, "My progress"),
        ("modules/modules_page.py", {}, "ASCC M&E Academy"),
    ]
    pages += [("modules/lesson_page.py", {"lesson": ls.id}, M1_LESSON_TITLES[ls.id]) for ls in M1.lessons]
    assert len(pages) == 4 + 7  # every lesson of module 1 has its title above
    for path, params, title in pages:
        open_page(at, path, **params)
        assert not at.exception, (path, params, at.exception)
        assert titles(at) == [title], (path, params)


def test_unknown_lesson_gets_a_clear_page(room):
    at = open_page(join(app(), room), "modules/lesson_page.py", lesson="m1/nowhere")
    assert not at.exception and titles(at) == ["Lesson not found"]


def test_refresh_restores_the_learner_from_the_address(room):
    at = join(app(), room)
    token = at.query_params["s"]
    fresh = AppTest.from_file(APP, default_timeout=30)
    fresh.query_params["s"] = token
    fresh.run()
    assert titles(fresh) == ["ASCC M&E Academy"] and "Welcome, Nguyen Thi Lan." in fresh.markdown[0].value
    stale = AppTest.from_file(APP, default_timeout=30)
    stale.query_params["s"] = "not-a-token"
    stale.run()
    assert "Your sign-in has ended" in stale.info[0].value


def test_answer_wrong_then_right_and_reveal_a_hint(room):
    at = join(app(), room)
    lesson = next(ls for ls in M1.lessons if any(q.kind == "single" and q.hints for q in ls.parsed.questions))
    q = next(q for q in lesson.parsed.questions if q.kind == "single" and q.hints)
    open_page(at, "modules/lesson_page.py", lesson=lesson.id)
    key = f"ans:{q.id}:"
    wrong = next(c.text for c in q.choices if not c.correct)
    right = next(c.text for c in q.choices if c.correct)
    at.radio(key=key).set_value(wrong)
    at.button(key=f"FormSubmitter:check:{q.id}-Check my answer").click().run()
    assert any("Not quite." in e.value for e in at.error)
    at.button(key=f"hint:{q.id}").click().run()
    assert any(q.hints[0][:30] in i.value for i in at.info)
    at.radio(key=key).set_value(right)
    at.button(key=f"FormSubmitter:check:{q.id}-Check my answer").click().run()
    assert not at.exception
    assert any("Correct." in s.value for s in at.success)


def test_blank_answer_is_not_recorded(room):
    at = join(app(), room)
    lesson = M1.lessons[0]
    q = lesson.parsed.questions[0]
    open_page(at, "modules/lesson_page.py", lesson=lesson.id)
    at.button(key=f"FormSubmitter:check:{q.id}-Check my answer").click().run()
    assert any("Give an answer first." in w.value for w in at.warning)
    with store.sessions().begin() as db:
        assert not [e for e in events_of(db, at.session_state["me"]["id"]) if e.verb == "answered"]


def test_an_ordering_check_takes_every_item_in_the_order_chosen(room):
    at = join(app(), room)
    lesson = next(ls for ls in M1.lessons if any(q.kind == "ordering" for q in ls.parsed.questions))
    q = next(q for q in lesson.parsed.questions if q.kind == "ordering")
    open_page(at, "modules/lesson_page.py", lesson=lesson.id)
    submit = f"FormSubmitter:check:{q.id}-Check my answer"
    at.multiselect(key=f"ans:{q.id}:").set_value(list(q.items[:2]))
    at.button(key=submit).click().run()
    assert any(f"Place every item: 2 of {len(q.items)}" in w.value for w in at.warning)
    at.multiselect(key=f"ans:{q.id}:").set_value([q.items[1], q.items[0], *q.items[2:]])
    at.button(key=submit).click().run()
    verdicts = [e.value for e in at.error] + [w.value for w in at.warning]
    assert not at.exception and any(v.startswith(("**Not quite.**", "**Partly right.**")) for v in verdicts)
    with store.sessions().begin() as db:
        (given,) = [e.response for e in events_of(db, at.session_state["me"]["id"]) if e.object_id == q.id]
    assert given == [q.items[1], q.items[0], *q.items[2:]]


def test_quiz_refuses_a_partial_submission(room):
    at = open_page(join(app(), room), "modules/lesson_page.py", quiz="m1")
    at.button(key="FormSubmitter:quiz:m1-Submit the quiz").click().run()
    assert not at.exception
    assert any("Answer every question before you submit" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("name", "room_code", "message"),
    [
        ("", None, "Name is empty"),
        ("x" * 10_000, None, "Name is"),  # the widget caps input at 80; longer never joins
        ("Lan", "NOPE42", "No workshop has the room code"),
    ],
)
def test_bad_join_input_shows_a_message(room, name, room_code, message):
    at = join(app(), room_code or room, name)
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert "me" not in at.session_state


def test_markup_in_a_name_is_shown_as_text(room):
    at = join(app(), room, "<script>alert(1)</script> **bold**")
    welcome = at.markdown[0].value
    assert r"\<script\>" in welcome and r"\*\*bold\*\*" in welcome


def test_trainer_signs_in_creates_a_cohort_and_sees_the_roster(room):
    join(app(), room)
    at = sign_in_trainer(app())
    assert not at.exception and titles(at) == ["Cohorts and roster"]
    assert at.metric[0].value == room
    assert at.metric[1].value == "1"
    roster = at.dataframe[0].value
    assert list(roster["name"]) == ["Nguyen Thi Lan"]
    assert "M1 completion" in roster.columns
    assert not at.text_input  # the cohort form is drawn only when asked for
    at.button[0].click().run()
    at.text_input[0].input("Ha Noi 2019")
    at.text_input[1].input("HANOI19")
    at.button(key="FormSubmitter:new-cohort-Create the cohort").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Cohort created. Room code: HANOI19"]
    assert at.metric[0].value == "HANOI19" and not at.text_input  # the new cohort shown, form closed
    at.button[0].click().run()
    at.text_input[0].input("Ha Noi again")
    at.text_input[1].input("hanoi19")
    at.button(key="FormSubmitter:new-cohort-Create the cohort").click().run()
    assert [e.value for e in at.error] == ["The room code HANOI19 is already used by another cohort."]
    assert at.text_input[0].value == "Ha Noi again"  # the form stays open with what was typed


def test_wrong_trainer_password_is_refused(room):
    at = app()
    at.switch_page("progress/trainer_signin_page.py").run()
    at.text_input[0].input("trainer1")
    at.text_input[1].input("wrong password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert "me" not in at.session_state


def trainers_only(learner: AppTest, path: str) -> AppTest:
    """Assert a participant has no menu entry for the page and, run directly, it refuses them."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        learner.switch_page(path)
    page = AppTest.from_file(str(ROOT / path), default_timeout=30)
    page.session_state["me"] = learner.session_state["me"]
    page.run()
    assert [e.value for e in page.error] == ["This page is for trainers only."]
    return page


def test_participant_never_gets_trainer_pages(room):
    page = trainers_only(join(app(), room), "progress/cohorts_page.py")
    assert not page.dataframe


def test_trainer_exists_in_the_database(room):
    with store.sessions().begin() as db:
        assert db.query(Person).filter_by(role="trainer").count() == 1


def fill_correctly(at: AppTest, q) -> None:
    """Set every widget of a question to its right answer, as a learner would."""
    key = f"ans:{q.id}:"
    if q.kind == "single":
        at.radio(key=key).set_value(next(c.text for c in q.choices if c.correct))
    elif q.kind == "multiple":
        for i, c in enumerate(q.choices):
            at.checkbox(key=f"{key}{i}").set_value(c.correct)
    elif q.kind == "numeric":
        at.text_input(key=key).input(f"{q.answer:g}".replace(".", ","))  # a decimal comma is fine
    elif q.kind == "text":
        at.text_input(key=key).input(q.answers[0].upper())
    elif q.kind == "ordering":
        at.multiselect(key=key).set_value(list(q.items))  # in the order chosen
    else:
        for i, p in enumerate(q.pairs):
            at.selectbox(key=f"{key}{i}").select(p.right)


def test_quiz_answered_right_through_every_widget_kind_passes(room):
    at = open_page(join(app(), room), "modules/lesson_page.py", quiz="m1")
    for q in M1.quiz.questions:
        fill_correctly(at, q)
    at.button(key="FormSubmitter:quiz:m1-Submit the quiz").click().run()
    assert not at.exception
    assert next(s.value for s in at.success).startswith("You passed this quiz. Best score: 100%")
    open_page(at, "modules/module_page.py", module="m1")
    assert not at.exception


def test_self_paced_learner_registers_and_resumes_in_another_browser(room):
    at = app()
    at.text_input(key="alone-name").input("Alex Santos")
    at.selectbox(key="alone-state").select("PHL")
    at.selectbox(key="alone-body").select("SOMY")
    at.button(key="FormSubmitter:alone-Start learning").click().run()
    assert not at.exception and at.session_state["me"]["cohort_id"] is None
    code = at.code[0].value
    other = app()
    other.text_input(key="resume-code").input(code.lower())
    other.button(key="FormSubmitter:resume-Resume").click().run()
    assert other.session_state["me"]["name"] == "Alex Santos"
    wrong = app()
    wrong.text_input(key="resume-code").input("ZZZZ-ZZZZ")
    wrong.button(key="FormSubmitter:resume-Resume").click().run()
    assert [e.value for e in wrong.error] == [
        "No learner has that recovery code. Check it, letter by letter."
    ]


def test_first_trainer_is_created_with_the_setup_token(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    store.sessions.cache_clear()
    with store.sessions().begin() as db:
        token = issue_setup_token(db)
        demo_cohort(db)
    at = app()
    at.switch_page("progress/trainer_signin_page.py").run()
    for key, value in [
        ("setup-token", token),
        ("setup-user", "lan.tran"),
        ("setup-name", "Lan Tran"),
        ("setup-pw1", PASSWORD),
        ("setup-pw2", PASSWORD),
    ]:
        at.text_input(key=key).input(value)
    at.button(key="FormSubmitter:setup-Create the trainer account").click().run()
    assert not at.exception and titles(at) == ["Cohorts and roster"]
    assert at.selectbox(key="cohort").options == ["Demo workshop (Ha Noi format)"]  # the demo is theirs
    store.sessions.cache_clear()


def test_trainer_can_open_the_learner_pages(room):
    at = sign_in_trainer(app())
    for path, params in [
        ("modules/modules_page.py", {}),
        ("modules/module_page.py", {"module": "m1"}),
        ("modules/lesson_page.py", {"lesson": M1.lessons[0].id}),
    ]:
        open_page(at, path, **params)
        assert not at.exception, path

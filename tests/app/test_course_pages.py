"""The whole course in AppTest: every lesson and quiz renders, the glossary, the tests, the guide."""

from __future__ import annotations

from modules.catalog import curriculum
from modules.grading import model_response
from modules.lessons import Chart, Embed
from progress import db as store
from progress.record import submit_quiz, submit_test
from progress.statements import ActorRef, events_of
from tests.app.test_pages import app, fill_correctly, join, open_page, sign_in_trainer, trainers_only
from tests.progress.test_record import wrong_answer

CUR = curriculum()


def test_every_lesson_and_quiz_of_every_module_renders(room):
    at = join(app(), room)
    for module in CUR.modules:
        for lesson in module.lessons:
            open_page(at, "modules/lesson_page.py", lesson=lesson.id)
            assert not at.exception, lesson.id
            assert at.title[0].value == lesson.title
            assert len(at.get("form")) >= 1 or lesson.parsed.questions == ()
        if module.quiz:
            open_page(at, "modules/lesson_page.py", quiz=module.id)
            assert not at.exception, module.id


def test_charts_render_where_lessons_place_them(room):
    at = join(app(), room)
    with_chart = next(
        ls for m in CUR.modules for ls in m.lessons if any(isinstance(b, Chart) for b in ls.parsed.blocks)
    )
    open_page(at, "modules/lesson_page.py", lesson=with_chart.id)
    assert at.get("vega_lite_chart"), with_chart.id
    assert "Illustrative figures, not real data." in [c.value for c in at.caption]


def test_sectoral_body_cards_filter_by_characteristic(room):
    at = join(app(), room)
    with_cards = next(
        ls for m in CUR.modules for ls in m.lessons if any(isinstance(b, Embed) for b in ls.parsed.blocks)
    )
    open_page(at, "modules/lesson_page.py", lesson=with_cards.id)
    assert not at.exception
    assert "15 of 15 sectoral bodies" in [c.value for c in at.caption]
    at.button_group(key="cards:filter").set_value(["C. Sustainable"]).run()
    shown = next(c.value for c in at.caption if "sectoral bodies" in c.value)
    assert shown == "2 of 15 sectoral bodies", shown  # ASOEN and COP-AATHP serve C
    cards = [m.value for m in at.markdown if "Work plan:" in m.value]
    assert [c.split("**")[1] for c in cards] == ["ASOEN", "COP-AATHP"]
    assert "official link" in cards[0] and "our mapping, not official" in cards[1]


def test_glossary_search_and_a_link_from_a_lesson(room):
    at = join(app(), room)
    open_page(at, "modules/glossary_page.py")
    everything = len(at.markdown)
    assert everything >= 60 and not at.exception
    at.text_input(key="glossary:q").input("logframe").run()
    entries = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert entries and all(
        "logframe" in e.casefold() or "logical framework" in e.casefold() for e in entries[:1]
    )
    at.text_input(key="glossary:q").input("zzzz-no-such-term").run()
    assert [i.value for i in at.info] == [
        "No term matches. Try a shorter word, or clear the search to see every term."
    ]
    term = CUR.glossary.terms[0]
    open_page(at, "modules/glossary_page.py", term=term.id)
    assert at.text_input(key="glossary:q").value == term.term
    assert at.markdown[0].value.startswith(f"#### {term.term}".replace(".", "\\."))


def test_pre_test_once_then_my_progress_shows_it_and_the_post_test_waits_for_the_quizzes(room):
    at = join(app(), room)
    assert any("the pre-test" in m.value for m in at.markdown)  # the modules page invites it
    open_page(at, "modules/lesson_page.py", test="pre")
    pre = CUR.test("pre")
    assert len(at.get("form")) == 1 and at.title[0].value == "Pre-test"
    at.button[0].click().run()  # nothing answered
    assert at.warning[0].value.startswith("Answer every question before you submit. Still open: 1, 2, 3")
    for item in pre.items:
        fill_correctly(at, item.question)
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value.endswith("100% correct.")
    with store.sessions().begin() as db:
        events = events_of(db, at.session_state["me"]["id"])
    assert sum(e.verb == "answered" and e.extra.get("test") == "pre" for e in events) == len(pre.items)
    open_page(at, "progress/my_progress_page.py")
    assert "100%" in [m.value for m in at.metric]
    assert at.dataframe[0].value.shape[0] == len(pre.items)
    open_page(at, "modules/lesson_page.py", test="post")
    assert at.info[0].value.startswith("The post-test opens when you have finished the modules.")
    assert not at.get("form")


def test_trainer_reads_the_facilitator_guide_and_a_participant_cannot(room):
    at = sign_in_trainer(app())
    open_page(at, "modules/facilitator_page.py")
    assert not at.exception and at.title[0].value == "Facilitator guide"
    assert len(at.expander) == sum(len(m.lessons) for m in CUR.modules)
    assert any("| Time | Session | Lessons | Activities |" in m.value for m in at.markdown)
    page = trainers_only(join(app(), room), "modules/facilitator_page.py")
    assert not page.markdown and not page.expander


def test_after_every_quiz_the_post_test_completes_the_course_and_shows_the_gain(room):
    at = join(app(), room)
    me = at.session_state["me"]
    learner = ActorRef(me["id"], me["cohort_id"])
    with store.sessions().begin() as db:
        for module in CUR.modules:
            answers = {q.id: model_response(q) for q in module.quiz.questions}
            assert submit_quiz(db, learner, module, answers, f"pass-{module.id}").passed
        pre = CUR.test("pre")  # all wrong before the course
        submit_test(db, learner, pre, {i.question.id: wrong_answer(i.question) for i in pre.items})
    open_page(at, "modules/lesson_page.py", test="post")
    assert at.title[0].value == "Post-test" and len(at.get("form")) == 1
    for item in CUR.test("post").items:
        fill_correctly(at, item.question)
    at.button[0].click().run()
    assert not at.exception and at.success[0].value.endswith("100% correct.")
    open_page(at, "progress/my_progress_page.py")
    assert "You have completed the course." in [s.value for s in at.success]
    table = at.dataframe[0].value
    assert list(table["Before (%)"]) == [0] * len(table) and list(table["After (%)"]) == [100] * len(table)
    assert at.get("vega_lite_chart")  # before and after, per objective

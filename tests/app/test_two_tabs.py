"""One learner in two tabs: a tab that still shows a check whose attempts were used in the other tab
is refused with a clear message, shows what was recorded, and records nothing more."""

from __future__ import annotations

from modules.catalog import curriculum
from progress import db as store
from progress.accounts import join_cohort, start_sign_in
from progress.statements import events_of
from tests.app.test_every_page import signed_in
from tests.app.test_pages import open_page
from tests.progress.test_record import wrong_answer

LESSON, Q = next(
    (lesson, q)
    for m in curriculum().modules
    for lesson in m.lessons
    for q in lesson.parsed.questions
    if q.max_attempts == 2 and q.kind == "single"
)
SUBMIT = f"FormSubmitter:check:{Q.id}-Check my answer"


def test_the_second_tab_is_told_the_attempts_are_used_and_nothing_more_is_recorded(room):
    with store.sessions().begin() as db:
        lan, _ = join_cohort(db, room, "Nguyen Thi Lan", "VNM", "ACDM")
        token = start_sign_in(db, lan)
    tab_a, tab_b = signed_in(token), signed_in(token)
    for tab in (tab_a, tab_b):
        open_page(tab, "modules/lesson_page.py", lesson=LESSON.id)
        assert tab.button(key=SUBMIT).label == "Check my answer"
    for _ in range(2):
        tab_a.radio(key=f"ans:{Q.id}:").set_value(wrong_answer(Q))
        tab_a.button(key=SUBMIT).click().run()
    assert not tab_a.exception
    tab_b.radio(key=f"ans:{Q.id}:").set_value(wrong_answer(Q))
    tab_b.button(key=SUBMIT).click().run()
    assert not tab_b.exception
    assert [w.value for w in tab_b.warning] == [
        "You have used all your attempts on this question (perhaps in another tab or window). "
        "Your recorded answers are shown here."
    ]
    assert SUBMIT not in [b.key for b in tab_b.button], "the check no longer takes answers"
    with store.sessions().begin() as db:
        answers = [e.attempt for e in events_of(db, lan.id, [Q.id]) if e.verb == "answered"]
    assert answers == [1, 2]

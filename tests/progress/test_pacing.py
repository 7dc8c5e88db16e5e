"""Pacing: open by default, a module closes its lessons and quiz, a time opens an item by itself."""

from __future__ import annotations

import datetime as dt

from modules.catalog import curriculum
from progress.cohorts import demo_cohort
from progress.models import Pacing
from progress.pacing import OPEN, Gate, Schedule, items, parent, schedule, set_item

NOW = dt.datetime(2026, 11, 25, 3, 0)


def test_everything_is_open_until_closed_and_a_module_closes_its_parts():
    assert OPEN.gate("lesson:m1/logframe", NOW) is None
    closed = Schedule({"module:m1": (False, None)})
    assert closed.gate("lesson:m1/logframe", NOW) == Gate("module:m1", None)
    assert closed.gate("quiz:m1", NOW) == Gate("module:m1", None)
    assert closed.gate("lesson:m2/ten-steps", NOW) is None
    assert parent("exercise:logframe") is None and parent("quiz:m3") == "module:m3"


def test_a_closed_item_with_a_time_opens_by_itself_and_says_when():
    later = NOW + dt.timedelta(hours=2)
    schedule_ = Schedule({"exercise:logframe": (False, later)})
    gate = schedule_.gate("exercise:logframe", NOW)
    assert (
        gate.message("This exercise")
        == "This exercise is not open yet. It opens on 25 Nov 2026 at 05:00 UTC."
    )
    assert schedule_.gate("exercise:logframe", later) is None
    assert Gate("x", None).message() == "Not open yet. Your trainer will open it during the workshop."


def test_rows_are_kept_only_for_what_differs_from_open(sessions):
    with sessions.begin() as db:
        cohort = demo_cohort(db)
        set_item(db, cohort.id, "module:m2", False, None)
        set_item(db, cohort.id, "exercise:tracker", False, NOW)
        assert schedule(db, cohort.id).rows == {"module:m2": (False, None), "exercise:tracker": (False, NOW)}
        set_item(db, cohort.id, "module:m2", True, None)
        assert db.query(Pacing).count() == 1
        assert schedule(db, None) is OPEN


def test_the_trainer_can_pace_every_module_lesson_quiz_test_and_exercise():
    listed = {i.item_id for i in items(curriculum())}
    cur = curriculum()
    assert {"test:pre", "test:post", "exercise:logframe", "exercise:midterm-review"} <= listed
    assert {f"module:{m.id}" for m in cur.modules} | {
        ls.object_id for m in cur.modules for ls in m.lessons
    } <= listed


def test_an_agenda_keeps_the_chosen_order_and_the_rest_after_it():
    from progress.pacing import agenda_choices, clean_agenda, in_agenda_order

    cur = curriculum()
    everything = list(agenda_choices(cur))
    assert clean_agenda(cur, everything) is None  # the whole course in its order: no agenda needed
    chosen = clean_agenda(cur, ["module:m2", "exercise:tracker", "module:m1", "module:m2", "module:zz"])
    assert chosen == ["module:m2", "exercise:tracker", "module:m1"]
    modules = [f"module:{m.id}" for m in cur.modules]
    assert in_agenda_order(chosen, modules) == (["module:m2", "module:m1"], ["module:m0", "module:m3"])
    assert in_agenda_order(None, modules) == (modules, [])


def test_lessons_on_an_agenda_bring_their_module_and_keep_their_order():
    from progress.pacing import agenda_choices, agenda_modules, clean_agenda, in_agenda_order

    cur = curriculum()
    assert "lesson:m1/logframe" in agenda_choices(cur)
    agenda = clean_agenda(
        cur, ["lesson:m1/logframe", "module:m0", "lesson:m1/indicators", "exercise:logframe"]
    )
    assert agenda_modules(agenda) == ["module:m1", "module:m0"]
    m1 = [ls.object_id for ls in cur.module("m1").lessons]
    on, rest = in_agenda_order(agenda, m1)
    assert on == ["lesson:m1/logframe", "lesson:m1/indicators"] and len(rest) == len(m1) - 2
    assert agenda_modules(None) is None

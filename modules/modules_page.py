"""The module list: each module's aim, size and time, my completion, and 'continue'."""

from __future__ import annotations

import streamlit as st

from modules.catalog import Module, curriculum
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.models import Cohort
from progress.pacing import agenda_modules, in_agenda_order, schedule
from progress.statements import events_of
from progress.summary import assessment_taken, module_progress, resume_point

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()

if me is None:
    st.warning(_("Please sign in first."))
    st.stop()

st.title(_("ASCC M&E Academy"))
st.write(_("Welcome, {name}.").format(name=plain(me["name"])))

if code := st.session_state.get("new_recovery_code"):
    with st.container(border=True):
        st.header(_("Your personal recovery code"), anchor=False)
        st.code(code, language=None)
        st.write(
            _(
                "Write it down or take a photo. With it you can continue on another computer or "
                "browser, and find all your answers and progress there."
            )
        )
        if st.button(_("I have noted my code"), type="primary"):
            del st.session_state["new_recovery_code"]
            st.rerun()

if cur.problems:
    st.warning(
        _(
            "Some course content could not be loaded; your trainer has been told what to fix. "
            "Everything else works."
        ),
        icon=":material/warning:",
    )

with sessions().begin() as db:
    events = events_of(db, me["id"])
    pacing = schedule(db, me.get("cohort_id"))
    cohort = db.get(Cohort, me["cohort_id"]) if me.get("cohort_id") else None
    agenda = cohort.agenda if cohort else None

resume = resume_point(cur.modules, events)
if resume and (lesson := cur.lesson(resume)):
    with st.container(border=True):
        st.caption(_("Continue where you left off"))
        st.page_link(
            "modules/lesson_page.py",
            label=lesson.title,
            icon=":material/play_circle:",
            query_params={"lesson": lesson.id, "s": token},
        )

pre_test = cur.test("pre")
tests_untouched = not assessment_taken(pre_test, events) and not assessment_taken(cur.test("post"), events)
if pre_test.items and tests_untouched and pacing.gate("test:pre") is None:
    with st.container(border=True):
        st.markdown(
            _(
                "**Before you start: the pre-test.** {n} questions, one per learning objective, about "
                "{minutes} minutes. It shows what you know already; after the course, the post-test shows "
                "what you have learned."
            ).format(n=len(pre_test.items), minutes=max(5, round(len(pre_test.items) * 0.75)))
        )
        st.page_link(
            "modules/lesson_page.py",
            label=_("Take the pre-test"),
            icon=":material/quiz:",
            query_params={"test": "pre", "s": token},
        )


def module_card(module: Module) -> None:
    progress = module_progress(module, events)
    with st.container(border=True):
        st.header(_("Module {n}: {title}").format(n=module.number, title=module.title), anchor=False)
        st.write(module.aim)
        hours, minutes = divmod(module.estimated_minutes, 60)
        duration = (
            _("{h} h {m:02d} min").format(h=hours, m=minutes) if hours else _("{m} min").format(m=minutes)
        )
        quiz = _(" + module quiz") if module.quiz else ""
        st.caption(
            _("{n} lessons{quiz} · about {duration}").format(
                n=len(module.lessons), quiz=quiz, duration=duration
            )
        )
        st.progress(progress.percent / 100, text=_("{p:.0f}% complete").format(p=progress.percent))
        if (gate := pacing.gate(f"module:{module.id}")) is not None:
            st.info(gate.message(_("This module")), icon=":material/lock_clock:")
            return
        label = _("Review") if progress.complete else _("Continue") if progress.started else _("Start")
        st.page_link(
            "modules/module_page.py",
            label=label,
            icon=":material/arrow_forward:",
            query_params={"module": module.id, "s": token},
        )


by_id = {f"module:{m.id}": m for m in cur.modules}
on_agenda, elsewhere = in_agenda_order(agenda_modules(agenda), list(by_id))
for item in on_agenda:
    module_card(by_id[item])
if elsewhere:
    st.header(_("Also in the course"), anchor=False)
    st.caption(_("Not on this workshop's agenda; open to you whenever you like."))
    for item in elsewhere:
        module_card(by_id[item])

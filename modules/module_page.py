"""One module: learning objectives, lessons in order with my status, the quiz, the sources."""

from __future__ import annotations

import streamlit as st

from modules.catalog import curriculum
from modules.i18n import _
from modules.lessons import demote_headings, for_streamlit, plain
from progress.db import sessions
from progress.models import Cohort
from progress.pacing import in_agenda_order, schedule
from progress.statements import events_of
from progress.summary import module_progress

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()
module = cur.module(st.query_params.get("module", ""))

if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
if module is None:
    st.title(_("Module not found"))
    st.page_link(
        "modules/modules_page.py",
        label=_("Go to the module list"),
        icon=":material/menu_book:",
        query_params={"s": token},
    )
    st.stop()

with sessions().begin() as db:
    events = events_of(db, me["id"], module.object_ids)
    pacing = schedule(db, me.get("cohort_id"))
    cohort = db.get(Cohort, me["cohort_id"]) if me.get("cohort_id") else None
    agenda = cohort.agenda if cohort else None
progress = module_progress(module, events)
if (gate := pacing.gate(f"module:{module.id}")) is not None:
    st.title(_("Module {n}: {title}").format(n=module.number, title=module.title))
    st.info(gate.message(_("This module")), icon=":material/lock_clock:")
    st.stop()

st.page_link(
    "modules/modules_page.py", label=_("All modules"), icon=":material/arrow_back:", query_params={"s": token}
)
st.title(_("Module {n}: {title}").format(n=module.number, title=module.title))
st.write(module.aim)
st.progress(
    progress.percent / 100,
    text=_("{done} of {total} lessons complete · {p:.0f}% of the module").format(
        done=progress.lessons_complete, total=progress.lessons_total, p=progress.percent
    ),
)

st.header(_("By the end of this module you will be able to"), anchor=False)
st.markdown("\n".join(f"- {for_streamlit(o)}" for o in module.objectives))

st.header(_("Lessons"), anchor=False)
lessons = {ls.object_id: ls for ls in module.lessons}
chosen, others = in_agenda_order(agenda, list(lessons))
if agenda is not None and not chosen:  # an agenda that names no lesson of this module: all, in order
    chosen, others = others, []
for lesson in [lessons[i] for i in chosen + others]:
    if others and lesson.object_id == others[0]:
        st.caption(_("Not on this workshop's agenda; open to you whenever you like:"))
    lp = progress.lessons[lesson.id]
    if lp.complete:
        icon, status = (
            ":material/check_circle:",
            _("done · {c}/{t} checks correct").format(c=lp.checks_correct, t=lp.checks_total),
        )
    elif lp.viewed or lp.checks_answered:
        icon, status = (
            ":material/pending:",
            _("started · {a}/{t} checks answered").format(a=lp.checks_answered, t=lp.checks_total),
        )
    else:
        icon, status = ":material/radio_button_unchecked:", _("not started")
    if (gate := pacing.gate(lesson.object_id)) is not None:
        st.markdown(
            f":gray[:material/lock_clock: {lesson.number}. {plain(lesson.title)}] — {plain(gate.message(''))}"
        )
        continue
    st.page_link(
        "modules/lesson_page.py",
        icon=icon,
        label=_("{n}. {title} — {minutes} min · {status}").format(
            n=lesson.number, title=lesson.title, minutes=lesson.parsed.minutes, status=status
        ),
        query_params={"lesson": lesson.id, "s": token},
    )

if module.quiz and progress.quiz and (gate := pacing.gate(module.quiz.object_id)) is not None:
    st.header(_("Module quiz"), anchor=False)
    st.info(gate.message(_("The module quiz")), icon=":material/lock_clock:")
elif module.quiz and progress.quiz:
    st.header(_("Module quiz"), anchor=False)
    q = progress.quiz
    if q.attempts:
        verdict = _("passed") if q.passed else _("not passed yet")
        status = _("best score {best:.0f}% · {verdict}").format(best=q.best_percent or 0, verdict=verdict)
    else:
        status = _("not taken")
    st.page_link(
        "modules/lesson_page.py",
        icon=":material/quiz:",
        label=_("{n} questions · pass mark {mark}% · {status}").format(
            n=len(module.quiz.questions), mark=module.quiz.pass_mark, status=status
        ),
        query_params={"quiz": module.id, "s": token},
    )

with st.expander(_("Sources of this module"), icon=":material/menu_book:"):
    st.markdown(for_streamlit(demote_headings(module.sources.split("\n", 1)[-1], by=1)))

"""My progress: per module completion, scores, last activity; continue; a new recovery code."""

from __future__ import annotations

import streamlit as st

from modules.catalog import curriculum
from modules.i18n import _
from progress.accounts import new_recovery_code_for
from progress.db import sessions
from progress.models import Person
from progress.reports import my_progress_rows
from progress.statements import events_of
from progress.summary import resume_point

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()

if me is None:
    st.warning(_("Please sign in first."))
    st.stop()

st.title(_("My progress"))
with sessions().begin() as db:
    events = events_of(db, me["id"])

resume = resume_point(cur.modules, events)
if resume and (lesson := cur.lesson(resume)):
    st.page_link(
        "modules/lesson_page.py",
        label=_("Continue where you left off: {t}").format(t=lesson.title),
        icon=":material/play_circle:",
        query_params={"lesson": lesson.id, "s": token},
    )
else:
    st.page_link(
        "modules/modules_page.py",
        label=_("Start the first module"),
        icon=":material/play_circle:",
        query_params={"s": token},
    )

for row in my_progress_rows(cur, events):
    with st.container(border=True):
        st.header(row.title, anchor=False)
        st.progress(row.percent / 100, text=_("{p:.0f}% complete").format(p=row.percent))
        c1, c2, c3 = st.columns(3)
        c1.metric(_("Lessons done"), f"{row.lessons_done} / {row.lessons_total}")
        c2.metric(_("Knowledge checks correct"), f"{row.checks_correct} / {row.checks_total}")
        if row.quiz_best is None:
            c3.metric(_("Module quiz, best"), "—", help=_("Not taken yet"))
        else:
            verdict = _("passed") if row.quiz_passed else _("not passed yet")
            c3.metric(
                _("Module quiz, best"),
                f"{row.quiz_best:.0f}%",
                verdict,
                delta_color="normal" if row.quiz_passed else "off",
                delta_arrow="off",
            )
        st.caption(
            _(
                "A lesson is done when each of its knowledge checks has an answer; "
                "the module is complete when its lessons are done and its quiz is passed."
            )
        )
        when = row.last_activity.strftime("%d %b %Y, %H:%M UTC") if row.last_activity else _("none yet")
        st.caption(_("Last activity: {when}").format(when=when))

st.header(_("Continue on another device"), anchor=False)
st.write(
    _(
        "Use the recovery code you were given when you joined. Lost it? Get a new one here; "
        "the old code stops working."
    )
)
if st.button(_("Give me a new recovery code"), icon=":material/key:"):
    with sessions().begin() as db:
        code = new_recovery_code_for(db, db.get_one(Person, me["id"]))
    st.code(code, language=None)
    st.caption(_("Write it down now: it is shown only once."))

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

rows = my_progress_rows(cur, events)
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "module": st.column_config.TextColumn(_("Module"), width="large"),
        "completion": st.column_config.ProgressColumn(
            _("Completion"), min_value=0, max_value=100, format="%d%%"
        ),
        "lessons": st.column_config.TextColumn(_("Lessons done")),
        "checks correct": st.column_config.TextColumn(_("Checks correct")),
        "quiz best": st.column_config.NumberColumn(_("Quiz best"), format="%d%%"),
        "quiz passed": st.column_config.CheckboxColumn(_("Quiz passed")),
        "last activity": st.column_config.DatetimeColumn(
            _("Last activity (UTC)"), format="D MMM YYYY, HH:mm"
        ),
    },
)

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

st.subheader(_("Continue on another device"), anchor=False)
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

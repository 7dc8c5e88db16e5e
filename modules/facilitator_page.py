"""Trainers only: the three-day workshop agenda and, per lesson, how to run it."""

from __future__ import annotations

import streamlit as st

from modules.catalog import Lesson, curriculum
from modules.i18n import _
from modules.lessons import for_streamlit, plain
from progress.identity import is_trainer

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()

if not is_trainer(me):
    st.error(_("This page is for trainers only."), icon=":material/block:")
    st.stop()


def lesson_link(lesson: Lesson) -> str:
    return f"[{plain(lesson.title)}](lesson?lesson={lesson.id}&s={token})"


def clock(start: str, minutes: int) -> str:
    hours, mins = divmod(int(start[:2]) * 60 + int(start[3:]) + minutes, 60)
    return f"{start}–{hours:02d}:{mins:02d}"


st.title(_("Facilitator guide"))
st.write(
    _(
        "How to run the course as a workshop: the agenda maps each session to lessons and activities; "
        "the notes say, lesson by lesson, how to run it, what participants often get wrong, and a question "
        "for discussion. Participants do not see this page."
    )
)
agenda_tab, notes_tab = st.tabs([_("Three-day agenda"), _("Notes per lesson")])

with agenda_tab:
    for day in cur.agenda:
        hours, mins = divmod(day.minutes, 60)
        st.subheader(f"{plain(day.title)} · {hours} h {mins:02d} min", anchor=False)
        rows = [f"| {_('Time')} | {_('Session')} | {_('Lessons')} | {_('Activities')} |", "|---|---|---|---|"]
        for s in day.sessions:
            lessons = ", ".join(lesson_link(ls) for lid in s.lessons if (ls := cur.lesson(lid)))
            activities = "; ".join(for_streamlit(a) for a in s.activities)
            rows.append(f"| {clock(s.start, s.minutes)} | {plain(s.title)} | {lessons} | {activities} |")
        st.markdown("\n".join(rows))
    if not cur.agenda:
        st.info(_("No agenda has been written yet (modules/content/agenda.toml)."))

with notes_tab:
    for module in cur.modules:
        st.subheader(_("Module {n}: {title}").format(n=module.number, title=module.title), anchor=False)
        for lesson in module.lessons:
            note = module.notes.get(lesson.slug)
            with st.expander(f"{lesson.title} · {note.minutes} min" if note else lesson.title):
                if note is None:
                    st.caption(_("No note for this lesson yet."))
                    continue
                st.markdown(
                    "\n\n".join(
                        [
                            lesson_link(lesson),
                            f"**{_('How to run it')}**: {for_streamlit(note.how)}",
                            f"**{_('Common misconceptions')}**\n\n"
                            + "\n".join(f"- {for_streamlit(m)}" for m in note.misconceptions),
                            f"**{_('Discussion question')}**: {for_streamlit(note.discussion)}",
                        ]
                    )
                )

"""My progress: per module completion, scores, last activity; continue; a new recovery code."""

from __future__ import annotations

from functools import partial

import altair as alt
import streamlit as st

from modules.catalog import curriculum
from modules.course import Requirement
from modules.i18n import _
from progress.accounts import new_recovery_code_for
from progress.certificates import issue, pdf_for_code
from progress.db import sessions
from progress.drafts import draft_names
from progress.export import base_url
from progress.models import Person
from progress.practice import EXERCISES, exercise_statuses
from progress.reports import my_progress_rows
from progress.statements import events_of
from progress.summary import assessment_taken, certificate_checklist, objective_gains, resume_point


def certificate_bytes(code: str) -> bytes:
    """Built on click (the download runs outside the page's run: no session state here)."""
    with sessions().begin() as db:
        return pdf_for_code(db, code, base_url())


me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()


def requirement_label(r: Requirement) -> str:
    if r.kind == "quiz":
        module = cur.module(r.module_id)
        return _("Pass the Module {n} quiz: {title}").format(
            n=module.number if module else "?", title=module.title if module else r.module_id
        )
    return _("Take the pre-test") if r.kind == "pre-test" else _("Take the post-test")


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


st.header(_("Course completion"), anchor=False)
checklist = certificate_checklist(cur, events)
done = sum(item.done for item in checklist)
st.write(
    _("You complete the course when every line below is ticked: {done} of {total} so far.").format(
        done=done, total=len(checklist)
    )
)
st.markdown(
    "  \n".join(
        (":green[:material/check_box:] " if item.done else ":gray[:material/check_box_outline_blank:] ")
        + requirement_label(item.requirement)
        for item in checklist
    )
)
if checklist and done == len(checklist):
    st.success(_("You have completed the course."), icon=":material/workspace_premium:")
    with sessions().begin() as db:
        cert = issue(db, cur, db.get_one(Person, me["id"]))
        code = cert.code if cert else None
    if code:
        st.download_button(
            _("Download your certificate (PDF)"),
            partial(certificate_bytes, code),
            f"certificate-{code}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
            type="primary",
        )
        st.caption(
            _("Verification code: {code}. Anyone can check it on this app's Verify page.").format(code=code)
        )

st.header(_("What you knew before and after"), anchor=False)
pre, post = assessment_taken(cur.test("pre"), events), assessment_taken(cur.test("post"), events)
left, right = st.columns(2)
tests = ((left, "pre", pre, _("Pre-test")), (right, "post", post, _("Post-test")))
for column, kind, done_on, label in tests:
    if done_on:
        column.metric(label, f"{done_on.score or 0:.0f}%", help=done_on.timestamp.strftime("%d %b %Y"))
    elif kind == "post" and not all(i.done for i in checklist if i.requirement.kind == "quiz"):
        column.metric(label, "—", help=_("Opens when you have passed every module quiz."))
    elif cur.test(kind).items:
        column.page_link(
            "modules/lesson_page.py",
            label=_("Take the {test}").format(test=label.lower()),
            icon=":material/quiz:",
            query_params={"test": kind, "s": token},
        )
gains = [g for g in objective_gains(cur, events) if g.pre is not None or g.post is not None]
if gains:
    rows = []
    for g in gains:
        module = cur.module(g.module_id)
        assert module is not None  # the gains are listed from the curriculum's modules
        rows.append(
            {
                _("Module"): module.number,
                _("Learning objective"): module.objectives[g.objective - 1],
                _("Before (%)"): None if g.pre is None else round(100 * g.pre),
                _("After (%)"): None if g.post is None else round(100 * g.post),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    if pre and post:
        chart_rows = [
            {"objective": g.key, "test": test, "percent": 100 * value}
            for g in gains
            for test, value in ((_("Before"), g.pre), (_("After"), g.post))
            if value is not None
        ]
        chart = (
            alt.Chart(
                alt.Data(values=chart_rows), title=_("Correct per learning objective, before and after")
            )
            .mark_bar()
            .encode(
                x=alt.X(
                    "objective:N", title=_("Learning objective (module.number)"), axis=alt.Axis(labelAngle=0)
                ),
                xOffset=alt.XOffset("test:N", sort=[_("Before"), _("After")]),
                y=alt.Y("percent:Q", title=_("Correct (%)"), scale=alt.Scale(domain=[0, 100])),
                color=alt.Color(
                    "test:N", title=None, sort=[_("Before"), _("After")], legend=alt.Legend(orient="bottom")
                ),
            )
        )
        st.altair_chart(chart, width="stretch")
    st.caption(
        _(
            "Each test has one question per objective: read the pattern across the objectives rather "
            "than any one figure."
        )
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

st.header(_("Practice"), anchor=False)
with sessions().begin() as db:
    drafts = draft_names(db, me["id"])
practice = exercise_statuses(events, drafts)
STATE_WORDS = {"submitted": _("submitted"), "in progress": _("in progress"), "not started": _("not started")}
names = list(EXERCISES)
columns = [c for start in range(0, len(names), 4) for c in st.columns(4)]  # rows of four
for column, name in zip(columns, names, strict=False):
    title, status = EXERCISES[name], practice[name]
    score = "—" if status.score is None else f"{round(status.score)}%"
    column.metric(_(title), score, STATE_WORDS[status.state], delta_color="off", delta_arrow="off")
st.page_link(
    "exercises/practice_page.py",
    label=_("Open the exercises"),
    icon=":material/edit_note:",
    query_params={"s": token},
)
st.caption(_("The score is the mean of your best submitted score on each item of an exercise."))

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

"""Trainer: a cohort's reports, each chart with its table beside it: completion (participants × items, and
per module), quiz item analysis, learning gain per objective, and breakdowns by Member State and body;
the end-of-workshop pack in one click."""

from __future__ import annotations

from functools import partial

import altair as alt
import streamlit as st

from modules.catalog import curriculum
from modules.i18n import _
from progress.analytics import item_order, module_completion, reports
from progress.cohorts import cohort_choices
from progress.db import sessions
from progress.export import slug
from progress.identity import is_trainer
from progress.models import Cohort, utcnow
from progress.pack import workshop_pack

me = st.session_state.get("me")
if not is_trainer(me):
    st.error(_("This page is for trainers only."), icon=":material/block:")
    st.stop()

st.title(_("Reports"))
with sessions().begin() as db:
    labels, start = cohort_choices(db, me["id"], st.session_state.get("trainer:cohort"))
if not labels:
    st.info(_("You have no cohorts yet."), icon=":material/info:")
    st.stop()
cohort_id = st.selectbox(
    _("Cohort"),
    list(labels),
    index=start,
    format_func=labels.__getitem__,
    key="reports:cohort",
)
st.session_state["trainer:cohort"] = cohort_id  # the next trainer page opens on the same cohort
cur = curriculum()
with sessions().begin() as db:
    cohort = db.get_one(Cohort, cohort_id)
    db.expunge(cohort)


def pack_bytes(cohort_id: int) -> bytes:
    """Built on click: the ZIP with every file of the end-of-workshop pack."""
    with sessions().begin() as db:
        return workshop_pack(db, cur, db.get_one(Cohort, cohort_id))


st.download_button(
    _("End-of-workshop pack (ZIP)"),
    partial(pack_bytes, cohort_id),
    f"{slug(cohort.name)}-{cohort.room_code.lower()}-pack.zip",
    mime="application/zip",
    on_click="ignore",
    type="primary",
    icon=":material/folder_zip:",
    help=_(
        "Roster and results as CSV and XLSX, the learning records as xAPI JSON, a printable PDF summary "
        "with the charts, and a PDF certificate for each participant who completed the course."
    ),
)

with sessions().begin() as db:
    found = reports(db, cur, cohort_id)
matrix, items, objectives = found.matrix, found.items, found.objectives
by_state, by_body = found.by_state, found.by_body
if matrix.empty:
    st.info(_("Nobody has joined this cohort yet."), icon=":material/info:")
    st.stop()

STATE_COLOURS = alt.Scale(domain=["done", "started", "not started"], range=["#1f6e43", "#9ccc9c", "#eeeeee"])
completion_tab, items_tab, gain_tab, breakdown_tab = st.tabs(
    [_("Completion"), _("Quiz items"), _("Learning gain"), _("By Member State and body")]
)

with completion_tab:
    order = [label for _obj, label in item_order(cur)]
    heat = (
        alt.Chart(matrix, title=_("Course items done, per participant"))
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("item:N", sort=order, title=None, axis=alt.Axis(labelAngle=-90, labelOverlap=False)),
            y=alt.Y(
                "name:N", title=None, sort="ascending", axis=alt.Axis(labelOverlap=False, labelLimit=220)
            ),
            color=alt.Color("state:N", scale=STATE_COLOURS, title=_("State")),
            tooltip=["name", "item", "state"],
        )
        .properties(height=alt.Step(20))
    )
    st.altair_chart(heat, width="stretch")
    per_module = module_completion(cur, matrix)
    left, right = st.columns([3, 2])
    bars = (
        alt.Chart(per_module, title=_("Per module: share of lessons and quiz done"))
        .mark_bar(color="#1f4e78")
        .encode(
            x=alt.X("done %:Q", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("module:N", sort=None),
            tooltip=["module", "title", "done %"],
        )
    )
    left.altair_chart(bars, width="stretch")
    right.dataframe(per_module[["module", "done %", "title"]], hide_index=True)
    wide = matrix.pivot_table(index="name", columns="item", values="state", aggfunc="first")[order]
    with st.expander(_("The table behind the heatmap")):
        st.dataframe(wide, width="stretch")

with items_tab:
    if items.empty:
        st.write(_("No quiz has been taken yet."))
    else:
        st.caption(
            _(
                "Over each participant's first attempt at a module quiz. Facility: the mean score (%): below "
                "30 the question is hard, above 90 easy. Discrimination: the correlation between the "
                "question and the rest of the quiz; below 0.2, the question does not separate those who know "
                "from those who do not (check its wording or key)."
            )
        )
        left, right = st.columns([3, 2])
        chart = (
            alt.Chart(items, title=_("Facility and discrimination per question"))
            .mark_circle(size=80)
            .encode(
                x=alt.X("facility %:Q", scale=alt.Scale(domain=[0, 100])),
                y=alt.Y("discrimination:Q", scale=alt.Scale(domain=[-1, 1])),
                color=alt.Color("module:N"),
                tooltip=list(items.columns),
            )
        )
        left.altair_chart(chart, width="stretch")
        right.dataframe(items, hide_index=True, height=420)

with gain_tab:
    shown = objectives.dropna(subset=["pre %", "post %"], how="all")
    if shown.empty:
        st.write(_("No pre- or post-test has been taken yet."))
    else:
        long = shown.melt(
            id_vars=["objective"], value_vars=["pre %", "post %"], var_name="test", value_name="score"
        )
        left, right = st.columns([3, 2])
        chart = (
            alt.Chart(long, title=_("Mean score per learning objective, before and after"))
            .mark_bar()
            .encode(
                y=alt.Y("objective:N", sort=None, title=None),
                x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="%"),
                yOffset="test:N",
                color=alt.Color(
                    "test:N", scale=alt.Scale(domain=["pre %", "post %"], range=["#bbbbbb", "#1f4e78"])
                ),
                tooltip=["objective", "test", "score"],
            )
        )
        left.altair_chart(chart, width="stretch")
        right.dataframe(
            shown[["objective", "pre %", "post %", "gain (points)", "people (post)"]],
            hide_index=True,
            height=520,
        )
        with st.expander(_("The objectives in full")):
            st.dataframe(shown[["objective", "text"]], hide_index=True)

with breakdown_tab:
    for frame, column, heading in (
        (by_state, "member_state", _("By Member State")),
        (by_body, "sectoral_body", _("By sectoral body")),
    ):
        st.subheader(heading, anchor=False)
        left, right = st.columns([3, 2])
        long = frame.melt(
            id_vars=[column], value_vars=["items done %", "pre-test %", "post-test %"], var_name="measure"
        )
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                y=alt.Y(f"{column}:N", title=None),
                x=alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title="%"),
                yOffset="measure:N",
                color=alt.Color("measure:N"),
                tooltip=[column, "measure", "value"],
            )
        )
        left.altair_chart(chart, width="stretch")
        right.dataframe(frame, hide_index=True)
st.caption(utcnow().strftime(_("Figures as of %d %b %Y, %H:%M UTC.")))

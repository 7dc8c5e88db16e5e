"""Trainer: open and close a cohort's modules, lessons, quizzes, tests and exercises; set when a closed
item opens by itself. Participants see what is open, and when a closed item opens."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.catalog import curriculum
from modules.i18n import _
from progress.cohorts import cohort_choices
from progress.db import sessions
from progress.identity import is_trainer
from progress.pacing import items, schedule, set_item

me = st.session_state.get("me")
if not is_trainer(me):
    st.error(_("This page is for trainers only."), icon=":material/block:")
    st.stop()

st.title(_("Pacing"))
st.caption(
    _(
        "Everything is open until you close it. A closed module closes its lessons and quiz. Give a closed "
        "item a time (UTC) and it opens by itself then; participants see that time."
    )
)
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
    key="pacing:cohort",
)
st.session_state["trainer:cohort"] = cohort_id  # the next trainer page opens on the same cohort
all_items = items(curriculum())
with sessions().begin() as db:
    current = schedule(db, cohort_id)
table = pd.DataFrame(
    [
        {
            "item_id": i.item_id,
            _("Item"): i.label,
            _("Open"): current.rows.get(i.item_id, (True, None))[0],
            _("Opens at (UTC)"): current.rows.get(i.item_id, (True, None))[1],
        }
        for i in all_items
    ]
)
edited = st.data_editor(
    table,
    hide_index=True,
    disabled=["item_id", _("Item")],
    column_order=[_("Item"), _("Open"), _("Opens at (UTC)")],
    column_config={
        _("Item"): st.column_config.TextColumn(width="large"),
        _("Open"): st.column_config.CheckboxColumn(width="small"),
        _("Opens at (UTC)"): st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", step=60 * 15),
    },
    height=38 + 35 * len(table),
    key=f"pacing:table:{cohort_id}",
)
c1, c2, c3 = st.columns(3)


def save(frame: pd.DataFrame) -> None:
    with sessions().begin() as db:
        for row in frame.itertuples(index=False):
            when = row[3]
            opens_at = (
                None
                if when is None or pd.isna(when)
                else pd.Timestamp(when).to_pydatetime().replace(tzinfo=None)
            )
            set_item(db, cohort_id, row[0], bool(row[2]), opens_at)
    st.session_state.pop(f"pacing:table:{cohort_id}", None)
    st.session_state["pacing:saved"] = True


if c1.button(_("Save"), type="primary", icon=":material/save:"):
    save(edited)
    st.rerun()
if c2.button(_("Open everything"), icon=":material/lock_open:"):
    save(table.assign(**{_("Open"): True, _("Opens at (UTC)"): None}))
    st.rerun()
if c3.button(_("Close everything but the pre-test"), icon=":material/lock:"):
    save(table.assign(**{_("Open"): table["item_id"] == "test:pre", _("Opens at (UTC)"): None}))
    st.rerun()
if st.session_state.pop("pacing:saved", False):
    st.success(_("Saved. Participants see the change at their next click."), icon=":material/check_circle:")

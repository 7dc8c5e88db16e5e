"""Trainer: create cohorts, see the room code to share, and each participant's progress."""

from __future__ import annotations

import streamlit as st

from exercises.alignment import OBJECT_PREFIX, coverage, latest_mappings
from exercises.alignment_chart import coverage_spec
from modules.catalog import curriculum
from modules.i18n import _
from progress.accounts import InputError
from progress.cohorts import cohorts_of, create_cohort
from progress.db import sessions
from progress.identity import is_trainer
from progress.models import NAME_MAX, Person
from progress.practice import EXERCISES
from progress.roster import cohort_exercises, cohort_roster_table
from progress.statements import events_of_cohort

me = st.session_state.get("me")
if not is_trainer(me):
    st.error(_("This page is for trainers only."), icon=":material/block:")
    st.stop()

st.title(_("Cohorts and roster"))


def show_form(shown: bool) -> None:
    st.session_state["creating"] = shown


@st.dialog(_("Create a cohort"), on_dismiss=lambda: show_form(False))
def new_cohort() -> None:
    """The cohort form, drawn only while the trainer has it open, so it costs the roster's reruns
    nothing. Open is state, not the button's click: a submit that arrives as a full run (after a
    reconnect) still finds the form drawn and is not lost."""
    with st.form("new-cohort"):
        name = st.text_input(
            _("Cohort name"), max_chars=NAME_MAX, placeholder=_("e.g. ASCC M&E workshop, Ha Noi")
        )
        c1, c2 = st.columns(2)
        starts = c1.date_input(_("First day"), value=None, format="DD/MM/YYYY")
        ends = c2.date_input(_("Last day"), value=None, format="DD/MM/YYYY")
        code = st.text_input(
            _("Room code (optional)"),
            max_chars=12,
            help=_("4 to 12 letters or digits; leave empty for a random code."),
        )
        if not st.form_submit_button(_("Create the cohort"), type="primary"):
            return
    try:
        with sessions().begin() as db:
            cohort = create_cohort(db, db.get_one(Person, me["id"]), name, starts, ends, code)
    except InputError as err:
        st.error(str(err), icon=":material/error:")
        return
    st.session_state["cohort"] = cohort.id  # committed: the roster below shows the new cohort
    st.session_state["created"] = _("Cohort created. Room code: {code}").format(code=cohort.room_code)
    show_form(False)
    st.rerun()


st.button(_("Create a cohort"), icon=":material/add:", on_click=show_form, args=(True,))
if st.session_state.get("creating"):
    new_cohort()
if created := st.session_state.pop("created", None):
    st.success(created, icon=":material/check_circle:")

with sessions().begin() as db:
    mine = cohorts_of(db, me["id"])
    if not mine:
        st.info(_("You have no cohorts yet. Create one above."), icon=":material/info:")
        st.stop()
    labels = {c.id: c.name for c in mine}
    chosen = st.selectbox(_("Cohort"), list(labels), format_func=labels.__getitem__, key="cohort")
    cohort = next(c for c in mine if c.id == chosen)
    rows, table = cohort_roster_table(db, curriculum(), cohort.id)
    practice = cohort_exercises(db, cohort.id)
    alignment = coverage(latest_mappings(events_of_cohort(db, cohort.id, OBJECT_PREFIX)))

left, right = st.columns([1, 2])
with left:
    st.metric(_("Room code"), cohort.room_code)
    st.caption(_("Participants open this app, choose **Join a workshop** and type the room code."))
with right:
    dates = " – ".join(d.strftime("%d %b %Y") for d in (cohort.starts_on, cohort.ends_on) if d)
    st.metric(_("Participants"), len(rows))
    if dates:
        st.caption(dates)

st.header(_("Roster"), anchor=False)
modules_tab, exercises_tab = st.tabs([_("Modules"), _("Exercises")])
with modules_tab:
    if not rows:
        st.write(_("Nobody has joined yet."))
    else:
        config = {
            "name": st.column_config.TextColumn(
                _("Name"), pinned=True
            ),  # stays in view when scrolled sideways
            "member state": st.column_config.TextColumn(_("Member State"), width="small"),
            "sectoral body": st.column_config.TextColumn(_("Sectoral body"), width="small"),
            "last activity": st.column_config.DatetimeColumn(_("Last activity (UTC)"), format="D MMM, HH:mm"),
        }
        for key in rows[0]:  # per module: "M1 completion", "M1 checks correct", "M1 quiz best"
            module = key.split(" ")[0]
            if key.endswith("completion"):
                config[key] = st.column_config.ProgressColumn(
                    _("{m} done").format(m=module), min_value=0, max_value=100, format="%d%%", width="small"
                )
            elif key.endswith("checks correct"):
                config[key] = st.column_config.TextColumn(_("{m} checks").format(m=module), width="small")
            elif key.endswith("quiz best"):
                config[key] = st.column_config.NumberColumn(
                    _("{m} quiz").format(m=module), format="%d%%", width="small"
                )
        st.dataframe(table, hide_index=True, column_config=config)
with exercises_tab:
    if practice:
        st.caption(
            _(
                "Per exercise: items submitted and the mean of their best scores, “in progress” for "
                "a draft or "
                "a checked try, “—” when not started."
            )
        )
        exercise_config = {
            "name": st.column_config.TextColumn(_("Name"), pinned=True),
            "sectoral body": st.column_config.TextColumn(_("Sectoral body"), width="small"),
        }
        for key, title in EXERCISES.items():
            exercise_config[key] = st.column_config.TextColumn(_(title))
        st.dataframe(practice, hide_index=True, column_config=exercise_config)
    else:
        st.write(_("Nobody has joined yet."))

    st.subheader(_("Work-plan alignment: the cohort's coverage of the Blueprint"), anchor=False)
    if not alignment.counts:
        st.write(_("No participant has checked a work-plan mapping yet."))
    else:
        st.caption(
            _(
                "Work-plan items per Key Result Area and sectoral body, from each participant's latest "
                "checked mapping (each item once, where most placed it). Gaps: {gaps}. Overlaps: {overlaps}."
            ).format(
                gaps=", ".join(alignment.gaps) or _("none"),
                overlaps=", ".join(alignment.overlaps) or _("none"),
            )
        )
        title = _("Key Result Areas × sectoral bodies")
        source = _("Source: the cohort's mappings · synthetic sample work plans")
        st.vega_lite_chart(coverage_spec(alignment, title=title, source=source), width="stretch")

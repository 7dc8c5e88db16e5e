"""Trainer: create cohorts, see the room code to share, and each participant's progress."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from exercises.alignment import OBJECT_PREFIX, coverage, latest_mappings
from exercises.alignment_chart import coverage_spec
from modules.catalog import curriculum
from modules.i18n import _
from modules.lessons import plain
from progress.accounts import InputError
from progress.cohorts import (
    cohorts_of,
    create_cohort,
    join_link,
    remembered,
    share_cohort,
    trainers_of,
    update_cohort,
)
from progress.db import sessions
from progress.export import base_url, export_files, slug, zip_files
from progress.identity import is_trainer
from progress.models import NAME_MAX, VENUE_MAX, Cohort, Person
from progress.pacing import agenda_choices, clean_agenda
from progress.practice import EXERCISES
from progress.qr import qr_png
from progress.roster import cohort_exercises, cohort_roster_table, stamped
from progress.roster_import import import_roster, parse_roster
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
    chosen = st.selectbox(
        _("Cohort"),
        list(labels),
        index=remembered(list(labels), st.session_state.get("trainer:cohort")),
        format_func=labels.__getitem__,
        key="cohort",
    )
    st.session_state["trainer:cohort"] = chosen  # the next trainer page opens on the same cohort
    cohort = next(c for c in mine if c.id == chosen)
    rows, table = cohort_roster_table(db, curriculum(), cohort.id)
    practice = cohort_exercises(db, cohort.id)
    alignment = stamped(
        db,
        "coverage",
        cohort.id,
        lambda: coverage(latest_mappings(events_of_cohort(db, cohort.id, OBJECT_PREFIX))),
    )


def open_dialog(name: str | None) -> None:
    """Which dialog is open is state, not a click: a dialog's own buttons rerun the page, and the dialog
    must be drawn again for them to count (the same reason as for the cohort form above)."""
    st.session_state["dialog"] = name


@st.dialog(_("Room code"), width="large", on_dismiss=lambda: open_dialog(None))
def show_room(code: str, link: str) -> None:
    """For the projector: the code in large type and a QR code that opens the join page with it."""
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(f"# {code}")
    left.markdown(
        _("Open **{link}** and choose **Join a workshop**, or scan the code.").format(link=plain(link))
    )
    right.image(qr_png(link), caption=_("Join with this room code"), width=280)


@st.dialog(_("Edit the cohort"), on_dismiss=lambda: open_dialog(None))
def edit_cohort(cohort_id: int) -> None:
    with sessions().begin() as db:
        current = db.get_one(Cohort, cohort_id)
        name, starts, ends, venue = current.name, current.starts_on, current.ends_on, current.venue or ""
        agenda = current.agenda
    with st.form("edit-cohort"):
        new_name = st.text_input(_("Cohort name"), value=name, max_chars=NAME_MAX)
        c1, c2 = st.columns(2)
        new_starts = c1.date_input(_("First day"), value=starts, format="DD/MM/YYYY")
        new_ends = c2.date_input(_("Last day"), value=ends, format="DD/MM/YYYY")
        new_venue = st.text_input(_("Venue"), value=venue, max_chars=VENUE_MAX, placeholder=_("e.g. Ha Noi"))
        choices = agenda_choices(curriculum())
        new_agenda = st.multiselect(
            _("Agenda: the modules and exercises you will run, in that order"),
            list(choices),
            default=agenda or list(choices),
            format_func=choices.__getitem__,
            help=_("Participants see them in this order; what you leave out stays available below them."),
        )
        if not st.form_submit_button(_("Save"), type="primary"):
            return
    try:
        with sessions().begin() as db:
            cleaned = clean_agenda(curriculum(), new_agenda) or []
            update_cohort(
                db, db.get_one(Cohort, cohort_id), new_name, new_starts, new_ends, new_venue, cleaned
            )
    except InputError as err:
        st.error(str(err), icon=":material/error:")
        return
    st.session_state["created"] = _("Cohort saved.")
    open_dialog(None)
    st.rerun()


@st.dialog(_("Import a roster"), width="large", on_dismiss=lambda: open_dialog(None))
def import_dialog(cohort_id: int) -> None:
    st.write(
        _(
            "A CSV file with a header row and the columns **name**, **email** (optional), **Member State** "
            "and **sectoral body**, one participant per line, saved as “CSV UTF-8”. Participants then join "
            "with the room code and the same name."
        )
    )
    upload = st.file_uploader(_("Roster file (CSV)"), type=["csv"], max_upload_size=1)
    if upload is None:
        return
    parsed = parse_roster(upload.getvalue())
    if parsed.problems:
        st.error(
            _(
                "Nothing can be imported yet: {n} problem(s). Fix them in the file and upload it again."
            ).format(n=len(parsed.problems)),
            icon=":material/error:",
        )
        st.markdown("\n".join(f"- {plain(str(p))}" for p in parsed.problems[:50]))
        return
    preview = pd.DataFrame(
        [
            {
                "name": r.name,
                "email": r.email or "",
                "member state": r.member_state,
                "sectoral body": r.sectoral_body,
            }
            for r in parsed.rows
        ]
    )
    st.dataframe(preview, hide_index=True)
    if st.button(_("Import {n} participants").format(n=len(parsed.rows)), type="primary"):
        with sessions().begin() as db:
            result = import_roster(db, db.get_one(Cohort, cohort_id), parsed.rows)
        st.session_state["created"] = _("{added} added to the roster; {already} were on it already.").format(
            added=len(result.added), already=len(result.already)
        )
        open_dialog(None)
        st.rerun()


@st.dialog(_("Share with a trainer"), on_dismiss=lambda: open_dialog(None))
def share_dialog(cohort_id: int) -> None:
    st.write(_("Another trainer then sees this cohort, its live room, reports and downloads, as you do."))
    with st.form("share"):
        username = st.text_input(_("Their username"), max_chars=NAME_MAX)
        if not st.form_submit_button(_("Share"), type="primary"):
            return
    try:
        with sessions().begin() as db:
            other = share_cohort(db, db.get_one(Person, me["id"]), cohort_id, username)
            name = other.display_name
    except InputError as err:
        st.error(str(err), icon=":material/error:")
        return
    st.session_state["created"] = _("{name} now runs this cohort with you.").format(name=plain(name))
    open_dialog(None)
    st.rerun()


def export_data(cohort_id: int, fmt: str) -> bytes:
    """Built when the button is clicked, not on every rerun (an xAPI file of a big cohort takes seconds)."""
    with sessions().begin() as db:
        files = export_files(db, curriculum(), db.get_one(Cohort, cohort_id), fmt)
    return next(iter(files.values())) if len(files) == 1 else zip_files(files)


left, right = st.columns([1, 2])
with left:
    st.metric(_("Room code"), cohort.room_code)
    st.caption(_("Participants open this app, choose **Join a workshop** and type the room code."))
with right:
    dates = " – ".join(d.strftime("%d %b %Y") for d in (cohort.starts_on, cohort.ends_on) if d)
    st.metric(_("Participants"), len(rows))
    where = " · ".join(plain(x) for x in (dates, cohort.venue or "") if x)
    if where:
        st.caption(where)
with sessions().begin() as db:
    team = [t.display_name for t in trainers_of(db, cohort.id)]
st.caption(_("Trainers of this cohort: {names}").format(names=", ".join(plain(n) for n in team) or "—"))
b1, b2, b3, b4 = st.columns(4)
b1.button(
    _("Show the room code on the screen"), icon=":material/qr_code_2:", on_click=open_dialog, args=("room",)
)
b2.button(_("Edit the cohort"), icon=":material/edit:", on_click=open_dialog, args=("edit",))
b3.button(_("Import a roster (CSV)"), icon=":material/upload_file:", on_click=open_dialog, args=("import",))
b4.button(_("Share with a trainer"), icon=":material/group_add:", on_click=open_dialog, args=("share",))
match st.session_state.get("dialog"):
    case "room":
        show_room(cohort.room_code, join_link(base_url(), cohort))
    case "edit":
        edit_cohort(cohort.id)
    case "import":
        import_dialog(cohort.id)
    case "share":
        share_dialog(cohort.id)

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

st.header(_("Downloads"), anchor=False)
stem = f"{slug(cohort.name)}-{cohort.room_code.lower()}"
DOWNLOADS = (  # (format, label, file name ending, MIME type, icon)
    (
        "xlsx",
        _("Roster and results (XLSX)"),
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table:",
    ),
    ("csv", _("Roster and results (CSV, zipped)"), "-csv.zip", "application/zip", ":material/download:"),
    ("xapi", _("Learning records (xAPI JSON)"), "-xapi.json", "application/json", ":material/data_object:"),
)
for column, (fmt, label, ending, mime, icon) in zip(st.columns(3), DOWNLOADS, strict=True):
    column.download_button(
        label, partial(export_data, cohort.id, fmt), stem + ending, mime=mime, on_click="ignore", icon=icon
    )
st.caption(
    _(
        "Names and other text that a spreadsheet could read as a formula are saved as plain text. "
        "The xAPI file names each participant by an account of this app; an e-mail only if they agreed."
    )
)

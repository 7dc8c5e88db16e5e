"""Logframe builder: rows and indicators edited like a spreadsheet, checked live, kept as a draft."""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from typing import Any

import pandas as pd
import streamlit as st

from exercises.feedback import finding_markdown, place, tally
from exercises.indicators import FIELD_LABELS, UNIT_TYPES, Indicator
from exercises.logframe import (
    LEVEL_LABELS,
    LEVELS,
    MAX_INDICATORS,
    MAX_ROWS,
    REF_MAX,
    Logframe,
    Row,
    TemplateError,
    check_logframe,
    from_tables,
    templates,
    to_tables,
)
from exercises.logframe_export import to_markdown, to_xlsx
from exercises.rules import Finding, score
from exercises.text import LONG_MAX, SHORT_MAX
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import DraftTooLarge, delete_draft, load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import LOGFRAME_OBJECT, record_submission
from progress.statements import ActorRef, events_of

st.set_page_config(layout="wide")  # the matrix needs the width
me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
closed = closed_message(me.get("cohort_id"), "exercise:logframe", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])
DRAFT = LOGFRAME_OBJECT
STYLES = {
    "neutral": _("Neutral indicators (UNDP, EC): targets in their own field"),
    "qqt": _("Indicators with targets (ADB design and monitoring framework)"),
}

st.title(_("Logframe builder"))
st.caption(
    _(
        "Build the logical framework of a project in your sector: goal, outcome, outputs and activities, "
        "each with indicators, means of verification and assumptions. The checker reads it as an "
        "experienced trainer would (rules LF-01 to LF-15 and IND-01 to IND-14) and shows its findings "
        "beside the cells. Your draft is saved as you type; submit it when you are ready."
    )
)

try:
    starters = templates()
except TemplateError as err:
    st.error(_("The logframe templates could not be read: {error}").format(error=plain(str(err))))
    starters = {}


def start(frame: Logframe) -> None:
    """Put a logframe in the editors (a new key: the editors start again from it)."""
    rows, inds = to_tables(frame)
    st.session_state["lf:base"] = {"rows": rows, "indicators": inds}
    # The title and style widgets may exist already in this run: their values are set at the next one.
    st.session_state["lf:next"] = {"lf:title": frame.title, "lf:style": frame.style}
    st.session_state["lf:body"] = frame.body
    st.session_state["lf:v"] = st.session_state.get("lf:v", 0) + 1


if "lf:base" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], DRAFT)
    if draft is not None:
        start(Logframe.from_dict(draft))
        st.session_state["lf:saved"] = draft

if "lf:base" not in st.session_state:
    st.subheader(_("Start"), anchor=False)
    own = me.get("sectoral_body") or ""
    names = {body: f"{t.title} ({body})" for body, t in starters.items()}
    options = sorted(names, key=lambda b: (b != own, b))
    with st.container(border=True):
        if options:
            body = st.selectbox(
                _("Start from the template of a sector"), options, format_func=names.__getitem__
            )
            st.caption(plain(starters[body].summary) + " " + plain(starters[body].basis))
            if st.button(_("Start from this template"), type="primary", icon=":material/content_copy:"):
                start(starters[body].logframe)
                st.rerun()
        st.divider()
        if st.button(_("Start with a blank logframe"), icon=":material/note_add:"):
            blank = [
                {"ref": "G", "level": "goal"},
                {"ref": "O", "level": "outcome", "parent": "G"},
                {"ref": "1", "level": "output", "parent": "O"},
                {"ref": "1.1", "level": "activity", "parent": "1"},
            ]
            start(from_tables(blank, [], body=own))
            st.rerun()
    st.stop()


def grid_height(rows: int) -> int:
    """Every row, the header and room for five more (35 px a row), so added rows do not scroll out of view."""
    return 35 * (min(rows, 20) + 6) + 3


version = st.session_state["lf:v"]
base = st.session_state["lf:base"]
ROW_COLUMNS = ["ref", "level", "parent", "narrative", "assumptions"]
INDICATOR_COLUMNS = ["row", *FIELD_LABELS]
if st.session_state.get("lf:tables", (None,))[0] != version:  # built once per start: 7 ms each in pandas
    st.session_state["lf:tables"] = (
        version,
        pd.DataFrame(base["rows"], columns=ROW_COLUMNS),
        pd.DataFrame(base["indicators"], columns=INDICATOR_COLUMNS),
    )
tables = st.session_state["lf:tables"][1:]
st.session_state.update(st.session_state.pop("lf:next", {}))
top = st.columns([3, 2])
title = top[0].text_input(_("Project title"), key="lf:title", max_chars=SHORT_MAX)
style = top[1].selectbox(_("Indicator style"), list(STYLES), format_func=STYLES.__getitem__, key="lf:style")


def sync_editors() -> None:
    """Before the tables are shown or hidden, restart the editors from the saved draft (the table
    edits are in it), so that neither view shows stale cells."""
    if saved := st.session_state.get("lf:saved"):
        start(Logframe.from_dict(saved))


st.subheader(_("1. Edit"), anchor=False)
st.caption(
    _(
        "Change one row or one indicator at a time in the forms below, or switch on the tables to work as "
        "in a spreadsheet (you can paste cells from one). Everything is saved as a draft as you go."
    )
)
tables_on = st.toggle(_("Edit as tables, like a spreadsheet"), key="lf:grid", on_change=sync_editors)
meta = {"title": title, "body": st.session_state.get("lf:body", ""), "style": style}
if tables_on:
    st.markdown(_("**Rows**"))
    st.caption(
        _(
            "One line per result or activity. **Ref.** is a short name (G, O, 1, 1.1); **Contributes to** is "
            "the Ref. of the row above it (an activity → its output → the outcome → the goal). Separate "
            "assumptions with “;”. You can paste cells from a spreadsheet. Up to {rows} rows."
        ).format(rows=MAX_ROWS)
    )
    rows_frame = st.data_editor(
        tables[0],
        key=f"lf:rows:{version}",
        num_rows="dynamic",
        height=grid_height(len(base["rows"])),
        hide_index=True,
        width="stretch",
        column_config={
            "ref": st.column_config.TextColumn(_("Ref."), max_chars=REF_MAX, width="small"),
            "level": st.column_config.SelectboxColumn(_("Level"), options=list(LEVELS), width="small"),
            "parent": st.column_config.TextColumn(_("Contributes to"), max_chars=REF_MAX, width=110),
            "narrative": st.column_config.TextColumn(
                _("Narrative summary"), max_chars=SHORT_MAX, width="large"
            ),
            "assumptions": st.column_config.TextColumn(_("Assumptions"), max_chars=LONG_MAX, width="large"),
        },
    )

    st.markdown(_("**Indicators**"))
    st.caption(
        _(
            "One line per indicator; **Row** says which result it measures. Scroll sideways for the "
            "indicator plan: definition, numerator and denominator, disaggregation (e.g. “Sex: female, "
            "male”), means of verification, frequency and who is responsible. Up to {n} indicators."
        ).format(n=MAX_INDICATORS)
    )
    config: dict[str, Any] = {
        # Text, not a list to pick from: a pasted spreadsheet keeps its references; unknown ones are named.
        "row": st.column_config.TextColumn(_("Row"), max_chars=REF_MAX, width="small"),
        "unit_type": st.column_config.SelectboxColumn(
            _("Unit type"), options=list(UNIT_TYPES), width="small"
        ),
    }
    for name, label in FIELD_LABELS.items():
        if name != "unit_type":
            limit = (
                LONG_MAX
                if name in ("definition", "numerator", "denominator", "means_of_verification")
                else SHORT_MAX
            )
            config[name] = st.column_config.TextColumn(
                _(label), max_chars=limit, width="large" if name == "statement" else "medium"
            )
    indicators_frame = st.data_editor(
        tables[1],
        key=f"lf:inds:{version}",
        num_rows="dynamic",
        height=grid_height(len(base["indicators"])),
        hide_index=True,
        width="stretch",
        column_config=config,
    )

    frame = from_tables(rows_frame.to_dict("records"), indicators_frame.to_dict("records"), **meta)
else:  # the forms and the matrix only: lighter, and easier with a keyboard or a screen reader
    frame = from_tables(base["rows"], base["indicators"], **meta)


def indicator_form(frame: Logframe) -> None:
    """One indicator at a time in roomy fields: easier than the table's narrow cells for a full plan."""
    results = [r for r in frame.rows if r.level in ("goal", "outcome", "output")]
    if not results:
        return
    existing = [(r, n) for r in results for n in range(len(r.indicators))]
    labels = {-1: _("A new indicator")}
    for i, (r, n) in enumerate(existing):
        labels[i] = f"{r.ref} · {r.indicators[n].statement[:70]}"
    chosen = st.selectbox(
        _("Indicator to add or edit"), list(labels), format_func=labels.__getitem__, key="lf:pick"
    )
    current = Indicator() if chosen == -1 else existing[chosen][0].indicators[existing[chosen][1]]
    row_refs = {r.ref: f"{r.ref} · {_(LEVEL_LABELS[r.level])}: {r.narrative[:60]}" for r in results}
    with st.form(f"lf:form:{version}:{chosen}"):
        ref = st.selectbox(
            _("The result it measures"),
            list(row_refs),
            index=list(row_refs).index(existing[chosen][0].ref) if chosen != -1 else 0,
            format_func=row_refs.__getitem__,
        )
        values = {
            "statement": st.text_area(_("Indicator"), current.statement, max_chars=SHORT_MAX, height=70)
        }
        c1, c2 = st.columns(2)
        values["unit_type"] = c1.selectbox(
            _("Unit type"), ["", *UNIT_TYPES], index=["", *UNIT_TYPES].index(current.unit_type)
        )
        values["unit"] = c2.text_input(_("Unit (what is counted)"), current.unit, max_chars=SHORT_MAX)
        values["definition"] = st.text_area(
            _("Definition"), current.definition, max_chars=LONG_MAX, height=70
        )
        c1, c2 = st.columns(2)
        values["numerator"] = c1.text_input(_("Numerator"), current.numerator, max_chars=LONG_MAX)
        values["denominator"] = c2.text_input(_("Denominator"), current.denominator, max_chars=LONG_MAX)
        values["disaggregation"] = st.text_input(
            _("Disaggregation"),
            current.disaggregation,
            max_chars=LONG_MAX,
            placeholder=_("e.g. Sex: female, male"),
        )
        values["means_of_verification"] = st.text_input(
            _("Means of verification"), current.means_of_verification, max_chars=LONG_MAX
        )
        c1, c2 = st.columns(2)
        values["frequency"] = c1.text_input(_("Frequency"), current.frequency, max_chars=SHORT_MAX)
        values["responsible"] = c2.text_input(_("Responsible body"), current.responsible, max_chars=SHORT_MAX)
        c1, c2 = st.columns(2)
        values["baseline"] = c1.text_input(_("Baseline (value, year)"), current.baseline, max_chars=SHORT_MAX)
        values["target"] = c2.text_input(_("Target (value, date)"), current.target, max_chars=SHORT_MAX)
        if not st.form_submit_button(_("Save the indicator"), type="primary"):
            return
    indicator = Indicator.from_mapping(values)
    if indicator.is_empty:
        st.warning(_("The indicator is empty: nothing to save."))
        return
    rows, inds = to_tables(frame)
    line = {"row": ref, **indicator.to_dict()}
    if chosen == -1:
        inds.append(line)
    else:
        row, n = existing[chosen]
        inds[sum(len(r.indicators) for r in frame.rows[: frame.rows.index(row)]) + n] = line
    start(from_tables(rows, inds, title=frame.title, body=frame.body, style=frame.style))
    st.session_state["lf:next"]["lf:pick"] = -1  # back to "a new indicator"
    st.rerun()


LEVEL_NAMES = {level: _(label) for level, label in LEVEL_LABELS.items()}


def row_form(frame: Logframe) -> None:
    """One row at a time: the same edits as the table, in fields a keyboard or screen reader handles well."""
    labels = {-1: _("A new row")}
    for i, r in enumerate(frame.rows):
        labels[i] = f"{r.ref} · {_(LEVEL_LABELS.get(r.level, r.level or '?'))}: {r.narrative[:60]}"
    chosen = st.selectbox(
        _("Row to add or edit"), list(labels), format_func=labels.__getitem__, key="lf:pick-row"
    )
    current = Row("", "output") if chosen == -1 else frame.rows[chosen]
    refs = ["", *(r.ref for r in frame.rows if r.ref != current.ref)]
    with st.form(f"lf:row-form:{version}:{chosen}"):
        c1, c2, c3 = st.columns(3)
        ref = c1.text_input(_("Ref."), current.ref, max_chars=REF_MAX)
        level = c2.selectbox(
            _("Level"),
            list(LEVELS),
            index=LEVELS.index(current.level) if current.level in LEVELS else 2,
            format_func=LEVEL_NAMES.__getitem__,
        )
        parent_names = {ref: ref or _("(nothing: the goal)") for ref in refs}
        parent = c3.selectbox(
            _("Contributes to"),
            refs,
            index=refs.index(current.parent) if current.parent in refs else 0,
            format_func=parent_names.__getitem__,
        )
        narrative = st.text_area(_("Narrative summary"), current.narrative, max_chars=SHORT_MAX, height=70)
        assumptions = st.text_area(
            _("Assumptions (one per line)"), current.assumptions, max_chars=LONG_MAX, height=90
        )
        if not st.form_submit_button(_("Save the row"), type="primary"):
            return
    rows, inds = to_tables(frame)
    line = {"ref": ref, "level": level, "parent": parent, "narrative": narrative, "assumptions": assumptions}
    if chosen == -1:
        rows.append(line)
    else:
        old_ref = frame.rows[chosen].ref
        rows[chosen] = line
        for other in (*rows, *inds):  # a new Ref. carries its links and indicators with it
            key = "row" if "row" in other else "parent"
            if other is not line and other[key] == old_ref and ref:
                other[key] = ref
    start(from_tables(rows, inds, title=frame.title, body=frame.body, style=frame.style))
    st.session_state["lf:next"]["lf:pick-row"] = -1
    st.rerun()


with st.expander(_("Add or edit one row in a form"), icon=":material/table_rows:"):
    row_form(frame)
with st.expander(_("Add or edit one indicator in a form"), icon=":material/edit_note:"):
    indicator_form(frame)
findings = check_logframe(frame)
draft = frame.to_dict()
if draft != st.session_state.get("lf:saved"):
    try:
        with sessions().begin() as db:
            save_draft(db, me["id"], DRAFT, draft)
        st.session_state["lf:saved"] = draft
        st.session_state["lf:saved_at"] = dt.datetime.now().strftime("%H:%M:%S")
    except DraftTooLarge as err:
        st.error(_("Your draft could not be saved: {error} Shorten some cells.").format(error=str(err)))
if saved_at := st.session_state.get("lf:saved_at"):
    st.caption(_(":material/cloud_done: Draft saved at {time}.").format(time=saved_at))
for note in frame.notes:
    st.info(plain(note), icon=":material/info:")

# --- the matrix with its feedback ---------------------------------------------------------------------
st.subheader(_("2. Your logframe and the checker's feedback"), anchor=False)
quality = score(findings)
m1, m2 = st.columns([1, 3])
m1.metric(_("Quality score"), f"{quality}/100")
m2.markdown(
    _("**Findings:** {tally}. Each error costs 15 points and each warning 5; hints cost nothing.").format(
        tally=tally(findings)
    )
)
general = [f for f in findings if not f.row or frame.row(f.row) is None]
for f in general:
    st.markdown(finding_markdown(f, where=place(f, with_row=True)))

by_cell: dict[tuple[str, str], list[Finding]] = {}
for f in findings:
    column = "assumptions" if f.field == "assumptions" else "narrative"
    if f.indicator is not None or f.field == "indicators":
        column = "mov" if f.field == "means_of_verification" else "indicators"
    by_cell.setdefault((f.row, column), []).append(f)


def cell(rows: list[Row], column: str, lines: list[str]) -> None:
    """A matrix cell: its text, then its findings in short (the explanation is the line's tooltip)."""
    st.markdown("\n\n".join(lines) if lines else "—")
    for r in rows:
        for f in by_cell.get((r.ref, column), []):
            where = place(f, with_row=len(rows) > 1)
            st.markdown(finding_markdown(f, where=where, short=True), help=plain(f.explain))


def matrix_boxes(frame: Logframe) -> list[tuple[str, list[Row]]]:
    """The matrix top-down, one box per goal, outcome and output, and one for each output's activities
    (as a printed logframe lists them together): (heading, rows)."""
    boxes: list[tuple[str, list[Row]]] = []
    activities: dict[str, list[Row]] = {}
    for r in frame.ordered():
        if r.level != "activity":
            parent = f" → {plain(r.parent)}" if r.parent else ""
            boxes.append((f"**{LEVEL_NAMES.get(r.level, r.level or '?')} {plain(r.ref)}**{parent}", [r]))
        elif r.parent in activities:
            activities[r.parent].append(r)
        else:
            activities[r.parent] = [r]
            heading = _("Activities → {ref}").format(ref=plain(r.parent)) if r.parent else _("Activities")
            boxes.append((f"**{heading}**", activities[r.parent]))
    return boxes


def numbered(rows: list[Row], text: str) -> str:
    return f"**{plain(rows[0].ref)}** {text}" if len(rows) > 1 or rows[0].level == "activity" else text


heads = st.columns(4)
for head, label in zip(
    heads,
    (_("Narrative summary"), _("Indicators"), _("Means of verification"), _("Assumptions")),
    strict=True,
):
    head.markdown(f"**{label}**")
for heading, rows in matrix_boxes(frame):
    with st.container(border=True):
        st.markdown(heading)
        cols = st.columns(4)
        with cols[0]:
            cell(rows, "narrative", [numbered([r], plain(r.narrative)) for r in rows if r.narrative])
        with cols[1]:
            cell(
                rows,
                "indicators",
                [f"{n}. {plain(i.statement)}" for r in rows for n, i in enumerate(r.indicators, 1)],
            )
        with cols[2]:
            cell(
                rows,
                "mov",
                [
                    f"{n}. {plain(i.means_of_verification) or _('(none yet)')}"
                    for r in rows
                    for n, i in enumerate(r.indicators, 1)
                ],
            )
        with cols[3]:
            cell(rows, "assumptions", [f"- {plain(a)}" for r in rows for a in r.assumption_lines])

# --- submit and export ----------------------------------------------------------------------------------
st.subheader(_("3. Submit and export"), anchor=False)
with sessions().begin() as db:
    submissions = [e for e in events_of(db, me["id"], [LOGFRAME_OBJECT]) if e.verb == "completed"]
if submissions:
    last = submissions[-1]
    st.caption(
        _("Submitted {n} time(s); last on {when} UTC with a quality score of {score}/100.").format(
            n=len(submissions), when=last.timestamp.strftime("%d %b %H:%M"), score=round(last.score or 0)
        )
    )
left, middle, right = st.columns(3)
if left.button(_("Submit my logframe"), type="primary", icon=":material/send:", disabled=not frame.rows):
    nonce = st.session_state.setdefault("lf:nonce", uuid.uuid4().hex)
    with sessions().begin() as db:
        record_submission(
            db,
            actor,
            LOGFRAME_OBJECT,
            nonce,
            score=quality,
            response=draft,
            findings=[f.rule for f in findings],
        )
    st.session_state["lf:nonce"] = uuid.uuid4().hex
    st.session_state["lf:submitted"] = quality
    st.rerun()
if (submitted := st.session_state.pop("lf:submitted", None)) is not None:
    st.success(
        _("Submitted with a quality score of {score}/100. Your trainer can see it.").format(score=submitted),
        icon=":material/check_circle:",
    )
file_name = re.sub(r"[^\w-]+", "-", frame.title or "logframe").strip("-")[:60] or "logframe"
middle.download_button(
    _("Download as a spreadsheet (XLSX)"),
    functools.partial(to_xlsx, frame, findings),
    on_click="ignore",
    file_name=f"{file_name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table:",
)
right.download_button(
    _("Download as text (Markdown)"),
    functools.partial(to_markdown, frame),
    on_click="ignore",
    file_name=f"{file_name}.md",
    mime="text/markdown",
    icon=":material/description:",
)

with st.expander(_("Start again")):
    st.write(_("This clears your draft (your submissions stay on record)."))
    if st.button(_("Clear my draft and start again"), icon=":material/restart_alt:"):
        with sessions().begin() as db:
            delete_draft(db, me["id"], DRAFT)
        for key in [k for k in st.session_state if str(k).startswith("lf:") and k != "lf:v"]:
            del st.session_state[key]
        st.rerun()

"""Data explorer: an indicator of the library for chosen countries and years, or the learner's own CSV."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from datasets.catalogue import CatalogueError, Indicator
from datasets.export import to_safe_csv
from datasets.library import LibraryError, View, library, library_view, make_view
from datasets.reference import characteristics, sectoral_bodies
from datasets.validate import MAX_UPLOAD_BYTES, TIDY_COLUMNS, check_tidy, read_csv_bytes, summarise
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.workspace import (
    MAX_FILES,
    WorkspaceFull,
    delete_dataset,
    load_dataset,
    save_dataset,
    saved_datasets,
)

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()

try:
    lib = library()
except (LibraryError, CatalogueError) as err:  # a broken data file: say which, keep the app running
    st.error(
        _("The data library could not be loaded: {error}").format(error=plain(str(err))),
        icon=":material/error:",
    )
    st.stop()
ALL = _("All")
BREAKDOWN_NAMES = {"": "", "female": _("female"), "male": _("male"), "urban": _("urban"), "rural": _("rural")}


def breakdown_label(sex: str, location: str, age: str) -> str:
    parts = [BREAKDOWN_NAMES.get(sex, sex), BREAKDOWN_NAMES.get(location, location), age]
    shown = ", ".join(p for p in parts if p)
    return shown or _("total")


def show(view: View, file_name: str) -> None:
    """Chart, table and download for one indicator's rows (country, year, value)."""
    series = view.series
    if series.empty:
        st.info(_("No data for this choice. Choose more countries or a wider range of years."))
        return
    st.vega_lite_chart(view.spec, width="stretch")
    st.caption(
        _(
            "Lines: countries. Dashed line: the median of the countries shown; grey band: lowest to highest "
            "(both only for years with data from at least three countries). A blank in the table: no data."
        )
    )
    st.dataframe(view.table, hide_index=True, width="stretch", column_config={"year": _("Year")})
    rows = series.assign(indicator=file_name)[["iso3", "country", "year", "indicator", "value"]]
    st.download_button(
        _("Download this selection (CSV)"),
        functools.partial(to_safe_csv, rows),  # made when clicked, not on every run
        on_click="ignore",
        file_name=f"{file_name}.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def source_note(ind: Indicator) -> None:
    lines = [
        _("**Unit:** {unit}").format(unit=plain(ind.unit)),
        _("**Source:** [{source}]({url})").format(source=plain(ind.source), url=ind.source_url)
        if ind.source_url.startswith("https://")
        else _("**Source:** {source}").format(source=plain(ind.source)),
        _("**Licence:** {licence}").format(licence=plain(ind.licence)),
        _("**Serves:** characteristic {c}, {body} ({mapping})").format(
            c=ind.characteristic,
            body=ind.sectoral_body,
            mapping=_("official link") if ind.official_mapping else _("our mapping, not official"),
        ),
    ]
    st.caption("  \n".join(lines))


st.title(_("Data explorer"))
st.write(
    _(
        "Real public data for the ten Member States, by indicator, with the ASEAN median and range. Every "
        "figure comes from the source named under the chart; synthetic samples are labelled as such."
    )
)
library_tab, own_tab = st.tabs([_("ASEAN indicators"), _("Your own data")])

with library_tab:
    # Options are the labels themselves (no format functions): session state must stay picklable.
    by_characteristic = {ALL: ALL, **{f"{c.code}. {c.title}": c.code for c in characteristics()}}
    bodies = {b.code: b.label for b in sectoral_bodies()}
    left, right = st.columns(2)
    characteristic = by_characteristic[left.selectbox(_("Blueprint characteristic"), list(by_characteristic))]
    in_characteristic = [
        i
        for i in lib.indicators
        if characteristic in (ALL, i.characteristic) and i.file.startswith("library/")
    ]
    codes = sorted({i.sectoral_body for i in in_characteristic})
    by_body = {ALL: ALL, **{bodies.get(code, code): code for code in codes}}
    body = by_body[right.selectbox(_("Sectoral body"), list(by_body))]
    by_label = {i.label: i for i in in_characteristic if body in (ALL, i.sectoral_body)}
    if not by_label:
        st.info(_("No indicator for this choice."))
        st.stop()
    ind = by_label[st.selectbox(_("Indicator ({n})").format(n=len(by_label)), list(by_label))]
    st.caption(plain(ind.definition))
    by_breakdown = {breakdown_label(*b): b for b in lib.breakdowns(ind.id)}
    shown_as = (
        st.selectbox(_("Breakdown"), list(by_breakdown))
        if len(by_breakdown) > 1
        else next(iter(by_breakdown))
    )
    breakdown = by_breakdown[shown_as]
    series = lib.series(ind.id, sex=breakdown[0], location=breakdown[1], age=breakdown[2])
    countries = sorted(series["country"].unique())
    picked = st.multiselect(_("Countries"), countries, default=countries)
    first, last = int(series["year"].min()), int(series["year"].max())
    years = st.slider(_("Years"), first, last, (first, last)) if first < last else (first, last)
    title = ind.name if breakdown == ("", "", "") else f"{ind.name} ({breakdown_label(*breakdown)})"
    if ind.synthetic:
        st.warning(_("Synthetic sample: generated for practice, not real data."), icon=":material/science:")
    show(library_view(ind.id, breakdown, tuple(picked), (int(years[0]), int(years[1])), title), ind.id)
    source_note(ind)


def explore_own(typed: pd.DataFrame) -> None:
    own_id = st.selectbox(_("Indicator"), sorted(typed["indicator"].unique()), key="own-indicator")
    unit = st.text_input(_("Unit shown on the chart"), value=_("value"), max_chars=40, key="own-unit")
    total = (typed["sex"] == "") & (typed["location"] == "") & (typed["age"] == "")
    rows = typed[(typed["indicator"] == own_id) & total]
    view = make_view(
        rows[["iso3", "country", "year", "value"]], own_id, unit or _("value")
    )  # chart text, not Markdown
    show(view, own_id)


def workspace_list() -> str | None:
    """The learner's kept files with Open and Delete; returns the name of the one opened, if any.

    The list is read once per browser session (and after a save or delete), not on every rerun of the
    library tab, which Streamlit runs together with this one."""
    if "own-kept" not in st.session_state:
        with sessions().begin() as db:
            st.session_state["own-kept"] = saved_datasets(db, me["id"])
    kept = st.session_state["own-kept"]
    if not kept:
        return None
    st.subheader(_("Saved in your workspace"), anchor=False)
    opened = st.session_state.get("own-open")
    for name, saved_at in kept:
        left, middle, right = st.columns([4, 1, 1], vertical_alignment="center")
        left.markdown(f"**{plain(name)}** :gray[{saved_at:%d %b %Y, %H:%M} UTC]")
        if middle.button(_("Open"), key=f"own-open:{name}"):
            st.session_state["own-open"] = opened = name
        if right.button(_("Delete"), key=f"own-delete:{name}"):
            with sessions().begin() as db:
                delete_dataset(db, me["id"], name)
            st.session_state.pop("own-open", None)
            st.session_state.pop("own-kept", None)
            st.rerun()
    return opened


with own_tab:
    st.write(
        _(
            "Explore an indicator of your own sector in the same long format: one row per country, year "
            "and indicator. The header must be: {header} (iso3, year, indicator and value are required; "
            "leave the breakdown columns blank for totals). Up to {mb} MB."
        ).format(header=f"`{','.join(TIDY_COLUMNS)}`", mb=MAX_UPLOAD_BYTES // 1_000_000)
    )
    st.caption(
        _(
            "Nothing is stored unless you choose to save it: an uploaded file stays in this browser session. "
            "Your workspace keeps up to {n} files."
        ).format(n=MAX_FILES)
    )
    upload = st.file_uploader(_("Your CSV file"), type=["csv"], key="own-data")
    opened = workspace_list()
    if upload is not None:
        raw_frame, problems = read_csv_bytes(upload.getvalue(), upload.name)
        typed, more = check_tidy(raw_frame, upload.name) if raw_frame is not None else (None, [])
        problems += more
        if problems or typed is None:
            st.error(
                _("The file cannot be used yet. Fix these and upload it again:")
                + "\n\n"
                + "\n".join(f"- {plain(line)}" for line in summarise(problems)),
                icon=":material/error:",
            )
        else:
            st.success(
                _("Ready to explore: {rows} rows; indicators: {n}; countries: {countries}.").format(
                    rows=len(typed), n=typed["indicator"].nunique(), countries=typed["iso3"].nunique()
                ),
                icon=":material/check_circle:",
            )
            if st.button(_("Save to my workspace"), icon=":material/save:", key="own-save"):
                try:
                    with sessions().begin() as db:
                        save_dataset(db, me["id"], upload.name, typed)
                    st.session_state["own-open"] = upload.name
                    st.session_state.pop("own-kept", None)
                    st.rerun()
                except WorkspaceFull:
                    st.warning(
                        _("Your workspace already keeps {n} files: delete one first.").format(n=MAX_FILES),
                        icon=":material/warning:",
                    )
            explore_own(typed)
    elif opened:
        with sessions().begin() as db:
            kept = load_dataset(db, me["id"], opened)
        typed, problems = check_tidy(kept, opened) if kept is not None else (None, [])
        if typed is None:
            st.error(_("This saved file can no longer be read."), icon=":material/error:")
        else:
            st.caption(_("Showing {name} from your workspace.").format(name=plain(opened)))
            explore_own(typed)

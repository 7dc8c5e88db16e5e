"""Data explorer: an indicator of the library for chosen countries and years, or the learner's own CSV."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from datasets.catalogue import CatalogueError, Indicator
from datasets.export import to_safe_csv
from datasets.library import LibraryError, chart_spec, library
from datasets.reference import characteristics, sectoral_bodies
from datasets.validate import MAX_UPLOAD_BYTES, TIDY_COLUMNS, check_tidy, read_csv_bytes, summarise
from modules.i18n import _
from modules.lessons import plain

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


def show(series: pd.DataFrame, title: str, unit: str, file_name: str) -> None:
    """Chart, table and download for one indicator's rows (country, year, value)."""
    if series.empty:
        st.info(_("No data for this choice. Choose more countries or a wider range of years."))
        return
    st.vega_lite_chart(chart_spec(series, title, unit), width="stretch")
    st.caption(
        _(
            "Lines: countries. Dashed line: the median of the countries shown; grey band: lowest to highest "
            "(both only for years with data from at least three countries). A blank in the table: no data."
        )
    )
    table = series.pivot_table(index="year", columns="country", values="value")
    shown = table.apply(lambda column: column.map(lambda v: "" if pd.isna(v) else f"{v:,.6g}")).reset_index()
    shown.columns.name = None
    shown["year"] = shown["year"].astype(str)
    st.dataframe(shown, hide_index=True, width="stretch", column_config={"year": _("Year")})
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
    selection = series[series["country"].isin(picked) & series["year"].between(*years)]
    title = ind.name if breakdown == ("", "", "") else f"{ind.name} ({breakdown_label(*breakdown)})"
    if ind.synthetic:
        st.warning(_("Synthetic sample: generated for practice, not real data."), icon=":material/science:")
    show(selection, title, ind.unit, ind.id)
    source_note(ind)

with own_tab:
    st.write(
        _(
            "Explore an indicator of your own sector in the same long format: one row per country, year "
            "and indicator. The header must be: {header} (iso3, year, indicator and value are required; "
            "leave the breakdown columns blank for totals). Up to {mb} MB."
        ).format(header=f"`{','.join(TIDY_COLUMNS)}`", mb=MAX_UPLOAD_BYTES // 1_000_000)
    )
    st.caption(_("Nothing is stored: the file stays in this browser session and is gone when you leave."))
    upload = st.file_uploader(_("Your CSV file"), type=["csv"], key="own-data")
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
                _("{rows} rows, {n} indicators, {countries} countries: ready to explore.").format(
                    rows=len(typed), n=typed["indicator"].nunique(), countries=typed["iso3"].nunique()
                ),
                icon=":material/check_circle:",
            )
            own_id = st.selectbox(_("Indicator"), sorted(typed["indicator"].unique()), key="own-indicator")
            unit = st.text_input(_("Unit shown on the chart"), value=_("value"), max_chars=40, key="own-unit")
            rows = typed[
                (typed["indicator"] == own_id)
                & (typed["sex"] == "")
                & (typed["location"] == "")
                & (typed["age"] == "")
            ]
            show(rows[["iso3", "country", "year", "value"]], plain(own_id), unit or _("value"), own_id)

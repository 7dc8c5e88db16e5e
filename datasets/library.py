"""The indicator library: the catalogue and every file it names, checked and loaded once per process."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from datasets.catalogue import DATASETS_DIR, CatalogueError, Indicator, load_catalogue
from datasets.validate import TIDY_COLUMNS, check_tidy, summarise

TIDY_FILES = "library"  # folders whose CSVs are in the long format; synthetic/ has its own shapes


class LibraryError(ValueError):
    """A committed data file does not match its catalogue entry; the message names file, row, column."""


@dataclass(frozen=True)
class Library:
    indicators: tuple[Indicator, ...]
    rows: pd.DataFrame  # every long-format row of every file, typed
    _by_id: dict[str, Indicator] = field(default_factory=dict, repr=False)

    _rows_by_id: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((i.id, i) for i in self.indicators)
        self._rows_by_id.update((str(k), g) for k, g in self.rows.groupby("indicator"))  # once, not per run

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def series(self, indicator_id: str, *, sex: str = "", location: str = "", age: str = "") -> pd.DataFrame:
        """One indicator's rows for one breakdown (blank = total), by country and year."""
        r = self.rows
        mask = (
            (r["indicator"] == indicator_id)
            & (r["sex"] == sex)
            & (r["location"] == location)
            & (r["age"] == age)
        )
        return r.loc[mask, ["iso3", "country", "year", "value"]].sort_values(["iso3", "year"])

    def breakdowns(self, indicator_id: str) -> list[tuple[str, str, str]]:
        """The (sex, location, age) combinations an indicator has data for, the total first."""
        r = self._rows_by_id.get(indicator_id, self.rows.iloc[0:0])
        found = sorted({(s, lo, a) for s, lo, a in zip(r["sex"], r["location"], r["age"], strict=True)})
        return sorted(found, key=lambda b: b != ("", "", ""))


def load_library(root: Path = DATASETS_DIR) -> Library:
    """Read the catalogue and its long-format files; raise LibraryError at the first broken file."""
    indicators = load_catalogue(root / "catalogue.csv")
    by_id = {i.id: i for i in indicators}
    frames = []
    for file in sorted({i.file for i in indicators if i.file.startswith(f"{TIDY_FILES}/")}):
        path = root / file
        if not path.exists():
            raise LibraryError(f"{file}: named in the catalogue but missing")
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        typed, problems = check_tidy(raw, file, by_id)
        if problems or typed is None:
            raise LibraryError("\n".join(summarise(problems)))
        frames.append(typed)
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(TIDY_COLUMNS))
    absent = [
        i.id for i in indicators if i.file.startswith(f"{TIDY_FILES}/") and i.id not in set(rows["indicator"])
    ]
    if absent:
        raise LibraryError(f"catalogue.csv: no rows in their files for {', '.join(absent)}")
    return Library(indicators, rows)


@functools.cache
def library() -> Library:
    """The shipped library, loaded once per process: pages never re-read files on a rerun."""
    return load_library()


MIN_COUNTRIES_FOR_BAND = 3  # a median of one or two countries says nothing about ASEAN


def asean_band(series: pd.DataFrame) -> pd.DataFrame:
    """Per year with data from at least three of the countries shown: their median, lowest and highest
    value, and how many countries reported (survey data are sparse: other years are left out)."""
    grouped = series.groupby("year")["value"]
    band = pd.DataFrame(
        {
            "median": grouped.median(),
            "low": grouped.min(),
            "high": grouped.max(),
            "countries": grouped.count(),
        }
    ).reset_index()
    return band[band["countries"] >= MIN_COUNTRIES_FOR_BAND].reset_index(drop=True)


def chart_spec(series: pd.DataFrame, title: str, unit: str) -> dict[str, Any]:
    """A Vega-Lite spec: countries as lines with points, the ASEAN median dashed, the range shaded.

    Written as a plain dict rather than with Altair: building and validating the Altair chart cost
    about 27 ms a run, this costs about 1 ms (the explorer reruns on every change of a choice).
    """
    band = asean_band(series)
    points = series[["country", "year", "value"]].to_dict("records")
    summary = band.to_dict("records")
    x = {"field": "year", "type": "quantitative", "title": "Year", "axis": {"format": "d", "tickMinStep": 1}}
    year = {"field": "year", "type": "quantitative", "title": "Year", "format": "d"}
    area = {
        "data": {"values": summary},
        "mark": {"type": "area", "opacity": 0.15, "color": "gray"},
        "encoding": {
            "x": x,
            "y": {"field": "low", "type": "quantitative", "title": unit},
            "y2": {"field": "high"},
        },
    }
    lines = {
        "data": {"values": points},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": x,
            "y": {"field": "value", "type": "quantitative", "title": unit},
            "color": {
                "field": "country",
                "type": "nominal",
                "title": "Country",
                "legend": {"orient": "bottom", "columns": 5},
            },
            "tooltip": [
                {"field": "country", "type": "nominal", "title": "Country"},
                year,
                {"field": "value", "type": "quantitative", "title": "Value", "format": ",.2f"},
            ],
        },
    }
    median = {
        "data": {"values": summary},
        "mark": {"type": "line", "strokeDash": [6, 4], "color": "black"},
        "encoding": {
            "x": x,
            "y": {"field": "median", "type": "quantitative", "title": unit},
            "tooltip": [
                year,
                {"field": "median", "type": "quantitative", "title": "ASEAN median", "format": ",.2f"},
            ],
        },
    }
    # No band or median layer without data: an empty mark group is an unlabelled image to a screen reader.
    layers = [area, lines, median] if summary else [lines]
    return {"title": title, "description": f"{title}, {unit}, by country and year", "layer": layers}


@dataclass(frozen=True)
class View:
    """What the explorer shows for one selection: the rows, the chart and the table."""

    series: pd.DataFrame  # iso3, country, year, value
    spec: dict[str, Any]
    table: pd.DataFrame  # one row per year, one text column per country ("" = no data)


def make_view(series: pd.DataFrame, title: str, unit: str) -> View:
    wide = series.set_index(["year", "country"])["value"].unstack("country")
    table = wide.apply(lambda column: column.map(lambda v: "" if pd.isna(v) else f"{v:,.6g}"))
    table = table.reset_index().assign(year=lambda t: t["year"].astype(str))
    table.columns.name = None
    return View(series, chart_spec(series, title, unit), table)


@functools.lru_cache(maxsize=256)
def library_view(
    indicator_id: str,
    breakdown: tuple[str, str, str],
    countries: tuple[str, ...],
    years: tuple[int, int],
    title: str,
) -> View:
    """A selection of the library, computed once per process however many learners ask for it (a room
    that opens the same indicator shares one)."""
    lib = library()
    indicator = lib.indicator(indicator_id)
    unit = indicator.unit if indicator else ""
    series = lib.series(indicator_id, sex=breakdown[0], location=breakdown[1], age=breakdown[2])
    chosen = series[series["country"].isin(countries) & series["year"].between(*years)]
    return make_view(chosen, title, unit)


def warm_library() -> None:
    """Load the library before the server answers; a broken file is reported by the explorer page
    (the cache keeps no failure, so the page meets the same error and shows it), not by every page."""
    with contextlib.suppress(LibraryError, CatalogueError, OSError):
        library()

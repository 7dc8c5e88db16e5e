"""The synthetic samples (datasets/synthetic/*.csv) read as typed tables, checked cell by cell.

The exercises read these, never the CSV files directly. A broken cell raises SampleError naming the
file, the spreadsheet row (the header is row 1) and the column.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from datasets.reference import key_result_areas, member_states, sectoral_bodies

SAMPLES_DIR = Path(__file__).parent / "synthetic"
LABEL = "synthetic sample"
STATUSES = ("completed", "ongoing", "delayed", "not started", "cancelled")
SUBREGIONS = ("Sumatra", "Kalimantan", "Mekong")


class SampleError(ValueError):
    """A synthetic sample file does not have the shape the exercises rely on."""


Check = Callable[[pd.Series], pd.Series]  # text cells -> True where the cell is acceptable


def _is_date(cells: pd.Series, blank_ok: bool = False) -> pd.Series:
    parsed = pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")
    return parsed.notna() | ((cells == "") if blank_ok else False)


def _is_number(cells: pd.Series, blank_ok: bool = False) -> pd.Series:
    parsed = pd.to_numeric(cells, errors="coerce")
    return parsed.notna() | ((cells == "") if blank_ok else False)


def _one_of(values: set[str] | tuple[str, ...]) -> Check:
    return lambda cells: cells.isin(values)


def _kra_code(cells: pd.Series) -> pd.Series:
    """A strategic-measure code: an existing KRA plus a lower-case roman numeral, e.g. D.1.iii."""
    kras = {k.code for k in key_result_areas()}
    parts = cells.str.rsplit(".", n=1)
    return parts.str[0].isin(kras) & parts.str[1].fillna("").str.fullmatch(r"[ivxl]+")


def _read(name: str, checks: dict[str, Check]) -> pd.DataFrame:
    path = SAMPLES_DIR / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in (*checks, "label") if c not in frame.columns]
    if missing:
        raise SampleError(f"{name}: missing columns {', '.join(missing)}")
    for column, check in {**checks, "label": _one_of((LABEL,))}.items():
        bad = ~check(frame[column])
        if bad.any():
            row = int(bad.idxmax()) + 2
            raise SampleError(
                f"{name}, row {row}, column '{column}': '{frame.at[row - 2, column]}' is not valid"
            )
    return frame


def _bodies() -> set[str]:
    return {b.code for b in sectoral_bodies() if b.kind == "sectoral"}


@functools.cache
def tool1_reports() -> pd.DataFrame:
    """Work-plan items in the shape of ASCC monitoring Tool 1: dates as dates (NaT when not reported)."""
    states = {m.iso3 for m in member_states()}
    frame = _read(
        "tool1_reports.csv",
        {
            "body": _one_of(_bodies()),
            "item_id": lambda c: c.str.len() > 0,
            "item": lambda c: c.str.len() > 0,
            "blueprint_code": _kra_code,
            "lead_country": _one_of(states),
            "planned_start": _is_date,
            "planned_end": _is_date,
            "actual_start": lambda c: _is_date(c, blank_ok=True),
            "actual_end": lambda c: _is_date(c, blank_ok=True),
            "status": _one_of(STATUSES),
            "budget_usd": _is_number,
        },
    )
    dates = ["planned_start", "planned_end", "actual_start", "actual_end"]
    typed = frame.assign(**{d: pd.to_datetime(frame[d], format="%Y-%m-%d", errors="coerce") for d in dates})
    return typed.assign(budget_usd=pd.to_numeric(frame["budget_usd"]).astype(int))


@functools.cache
def results_frameworks() -> pd.DataFrame:
    """Outcomes, indicators, baselines, targets, milestones and actuals per body and year (actual NaN
    where no data was reported)."""
    frame = _read(
        "results_frameworks.csv",
        {
            "body": _one_of(_bodies()),
            "indicator_id": lambda c: c.str.len() > 0,
            "direction": _one_of(("increase", "decrease")),
            "percentage": _one_of(("true", "false")),
            "cumulative": _one_of(("true", "false")),
            "baseline_year": _is_number,
            "baseline": _is_number,
            "target_year": _is_number,
            "target": _is_number,
            "year": _is_number,
            "milestone": _is_number,
            "actual": lambda c: _is_number(c, blank_ok=True),
        },
    )
    numbers = ["baseline", "target", "milestone", "actual"]
    typed = frame.assign(**{n: pd.to_numeric(frame[n], errors="coerce") for n in numbers})
    typed = typed.assign(**{y: frame[y].astype(int) for y in ("baseline_year", "target_year", "year")})
    return typed.assign(percentage=frame["percentage"] == "true", cumulative=frame["cumulative"] == "true")


@functools.cache
def haze_hotspots() -> pd.DataFrame:
    """Daily hotspot counts by sub-region with the Alert Level 2 hotspot flag."""
    frame = _read(
        "haze_hotspots.csv",
        {
            "date": _is_date,
            "subregion": _one_of(SUBREGIONS),
            "hotspots": lambda c: _is_number(c) & (pd.to_numeric(c, errors="coerce") >= 0),
            "alert_level_2_day": _one_of(("true", "false")),
        },
    )
    return frame.assign(
        date=pd.to_datetime(frame["date"], format="%Y-%m-%d"),
        hotspots=pd.to_numeric(frame["hotspots"]).astype(int),
        alert_level_2_day=frame["alert_level_2_day"] == "true",
    )

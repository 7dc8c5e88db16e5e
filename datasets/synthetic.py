"""Synthetic samples for the data library: haze hotspots, Tool 1 work-plan reports, results frameworks.

Nothing here is real data. Every row carries ``label = "synthetic sample"``; the README next to the files
(datasets/synthetic/README.md) says what each file shows, which rules made it and which problems were
planted on purpose for the exercises.

The functions are pure: the same seed (with the pinned numpy) gives the same tables, byte for byte.
The CSV files in datasets/synthetic/ are committed, so the app, the exercises and the tests read fixed
files and never run this generator. Regenerate them by hand, and only when this generator changes::

    python -m datasets.synthetic

then review the diff of the CSV files and update the README if a count it quotes has changed.
"""

from __future__ import annotations

import calendar
import csv
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20190129  # the first day of the Ha Noi workshop, 29 January 2019
SYNTHETIC_DIR = Path(__file__).parent / "synthetic"
LABEL = "synthetic sample"
REPORTING_DATE = date(2020, 6, 30)  # the Tool 1 reports are "as of" this day
ALERT_HOTSPOTS = 150  # ASMC Alert Level 2: > 150 hotspots on two consecutive days (plus smoke, dry, wind)
HAZE_YEARS = (2015, 2016, 2017, 2018, 2019)
RF_YEARS = (2016, 2017, 2018, 2019, 2020)
STATUSES = ("completed", "ongoing", "delayed", "not started", "cancelled")
BODIES = ("ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM")


def _flag(value: bool) -> str:
    return "true" if value else "false"


# --------------------------------------------------------------------------------------------------
# 1. Daily hotspot counts by sub-region
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DrySeason:
    """One sub-region's fire season: the dates it runs each year and the shape of its curve."""

    subregion: str
    start: tuple[int, int]  # (month, day), inclusive
    end: tuple[int, int]  # (month, day), inclusive
    peak_day: int  # days after the start when fires usually peak
    width: float  # spread of the seasonal peak, in days
    baseline: float  # typical hotspots a day outside the peak
    peak_gain: float  # log-multiplier of the baseline at the peak of a severity-1 season


SEASONS = (
    DrySeason("Sumatra", (6, 1), (10, 31), peak_day=95, width=24.0, baseline=8.0, peak_gain=4.0),
    DrySeason("Kalimantan", (6, 1), (10, 31), peak_day=110, width=20.0, baseline=6.0, peak_gain=4.4),
    DrySeason("Mekong", (1, 1), (4, 30), peak_day=72, width=20.0, baseline=20.0, peak_gain=2.6),
)

# How bad each season is (0 = quiet, 1 = severe). Chosen by hand so that the sample has a story: two
# severe southern seasons (2015, 2019), quiet years between them, a Mekong that burns every spring. The
# pattern loosely echoes the widely reported haze years; every count in the file is invented.
SEVERITY: dict[str, dict[int, float]] = {
    "Sumatra": {2015: 1.0, 2016: 0.35, 2017: 0.3, 2018: 0.6, 2019: 0.95},
    "Kalimantan": {2015: 1.0, 2016: 0.3, 2017: 0.25, 2018: 0.55, 2019: 0.9},
    "Mekong": {2015: 0.75, 2016: 0.9, 2017: 0.55, 2018: 0.6, 2019: 0.8},
}


def season_counts(rng: np.random.Generator, season: DrySeason, days: int, severity: float) -> list[int]:
    """Daily hotspot counts for one season: a low baseline, a seasonal peak, bursts that persist.

    The expected count is the baseline times a seasonal bump (stronger in severe years) times a slowly
    wandering weather factor (AR(1) on the log scale), plus fire episodes that start at random near the
    peak and die down over several days, minus rainy spells that damp everything for one to three days.
    Counts are drawn around that expectation with extra spread (a gamma-Poisson mixture).
    """
    t = np.arange(days)
    bump = np.exp(-0.5 * ((t - season.peak_day) / season.width) ** 2)
    weather, episodes, rain = 0.0, 0.0, 0
    counts: list[int] = []
    for day in range(days):
        weather = 0.85 * weather + rng.normal(0.0, 0.22)
        if rng.random() < 0.06 * bump[day] * severity + 0.005:
            episodes += season.baseline * rng.lognormal(np.log(8 * severity + 1), 0.6)
        episodes *= rng.uniform(0.72, 0.9)
        if rain > 0:
            rain -= 1
        elif rng.random() < 0.05 * (1 - 0.6 * bump[day]):
            rain = int(rng.integers(1, 4))
        mean = season.baseline * np.exp(season.peak_gain * severity * bump[day] + weather) + episodes
        if rain > 0:
            mean *= rng.uniform(0.15, 0.5)
        counts.append(int(rng.poisson(rng.gamma(6.0, mean / 6.0))))
    return counts


def alert_level_2_days(counts: Sequence[int], threshold: int = ALERT_HOTSPOTS) -> list[bool]:
    """True on a day with more than `threshold` hotspots when the day before also had more.

    `counts` are consecutive days; the first day has no day before in the series, so it is False.
    """
    return [i > 0 and counts[i] > threshold and counts[i - 1] > threshold for i in range(len(counts))]


def haze_hotspots(seed: int = SEED) -> pd.DataFrame:
    """Columns date, subregion, hotspots, alert_level_2_day, label; ordered by date, then sub-region."""
    frames = []
    for index, season in enumerate(SEASONS):
        for year in HAZE_YEARS:
            rng = np.random.default_rng([seed, year, index])  # one stream per season: stable if one changes
            first, last = date(year, *season.start), date(year, *season.end)
            days = (last - first).days + 1
            counts = season_counts(rng, season, days, SEVERITY[season.subregion][year])
            frames.append(
                pd.DataFrame(
                    {
                        "date": [first + timedelta(days=d) for d in range(days)],
                        "subregion": season.subregion,
                        "hotspots": counts,
                        "alert_level_2_day": alert_level_2_days(counts),
                    }
                )
            )
    table = pd.concat(frames, ignore_index=True)
    order = {s.subregion: i for i, s in enumerate(SEASONS)}
    table = table.sort_values(
        ["date", "subregion"], key=lambda c: c.map(order) if c.name == "subregion" else c
    )
    table["date"] = table["date"].map(date.isoformat)
    table["label"] = LABEL
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# 2. Tool 1: sectoral work-plan implementation reports
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """What the work plan says (hand-written) and what happened to it (a scenario the seed fills in).

    scenario: on_time | late (completed after the planned end) | ongoing | delayed (started, not done
    by the planned end) | not_started | cancelled (before it started) | stopped (cancelled after it
    started) | no_actuals, no_actuals_ongoing (planted: reported completed / ongoing, no actual dates).
    size: S, M or L — the budget band.
    """

    item: str
    code: str
    lead: str
    start: str  # "YYYY-MM": planned to start on the first of the month
    end: str  # "YYYY-MM": planned to end on the last day of the month
    scenario: str
    size: str


@dataclass(frozen=True, slots=True)
class WorkPlanItem:
    """One row of tool1_reports.csv."""

    body: str
    item_id: str
    item: str
    blueprint_code: str
    lead_country: str
    planned_start: str
    planned_end: str
    actual_start: str
    actual_end: str
    status: str
    budget_usd: int
    label: str


P = PlannedItem
# fmt: off
WORK_PLANS: dict[str, tuple[PlannedItem, ...]] = {
    # AADMER Work Programme 2016–2020: risk assessment and monitoring, prevention and mitigation,
    # preparedness and response, recovery, and ASEAN's voice abroad; One ASEAN One Response.
    "ACDM": (
        P("Regional risk-assessment and risk-monitoring portal for hazard and exposure data",
          "D.1.ii", "IDN", "2016-03", "2018-12", "on_time", "L"),
        P("ASEAN Regional Disaster Emergency Response Simulation Exercise (ARDEX), every two years",
          "D.1.iv", "MYS", "2016-01", "2020-12", "ongoing", "M"),
        P("Revision of the standard operating procedure for regional standby arrangements (SASOP)",
          "D.1.iv", "PHL", "2016-06", "2017-12", "late", "S"),
        P("Induction courses for the ASEAN Emergency Response and Assessment Team (ASEAN-ERAT)",
          "D.1.v", "THA", "2016-01", "2020-12", "ongoing", "M"),
        P("Additional satellite warehouse for the Disaster Emergency Logistics System for ASEAN (DELSA)",
          "D.1.v", "KHM", "2017-01", "2019-06", "delayed", "L"),
        P("Regional guidelines on disaster risk financing and insurance",
          "E.3.iv", "SGP", "2017-03", "2019-12", "on_time", "S"),  # planted: code does not match
        P("School safety assessment toolkit for the ASEAN Safe Schools Initiative",
          "D.1.iii", "VNM", "2016-09", "2018-06", "on_time", "S"),
        P("Regional framework for post-disaster needs assessment and resilient recovery",
          "D.1.vii", "LAO", "2018-01", "2020-12", "ongoing", "M"),
        P("Community-based disaster risk management in climate-sensitive villages",
          "D.3.ii", "KHM", "2017-06", "2020-03", "late", "M"),
        P("Annual ASEAN Day for Disaster Management public campaign",
          "A.1.iii", "BRN", "2016-10", "2020-10", "ongoing", "S"),
        P("Alumni network of the AHA Centre Executive Programme",
          "A.2.v", "MMR", "2019-01", "2020-12", "ongoing", "S"),
        P("Knowledge exchange on humanitarian coordination with other regional organisations",
          "D.1.viii", "IDN", "2020-08", "2020-12", "not_started", "S"),
    ),
    # ASPEN 2016–2025: nature and biodiversity, coastal and marine, water, sustainable cities, climate
    # change, chemicals and waste, environmental education and sustainable consumption and production.
    "ASOEN": (
        P("Management-effectiveness assessments in ASEAN Heritage Parks",
          "C.1.ii", "PHL", "2016-01", "2019-06", "late", "M"),
        P("Regional action plan on invasive alien species",
          "C.1.v", "THA", "2017-01", "2018-12", "on_time", "S"),
        P("Drafting a regional action plan on marine debris",
          "C.1.vi", "IDN", "2019-06", "2020-12", "ongoing", "S"),
        P("Integrated river-basin management pilots in shared watersheds",
          "C.1.viii", "LAO", "2016-06", "2018-06", "on_time", "L"),
        P("Third cohort of the ASEAN Environmentally Sustainable Cities (ESC) model cities",
          "C.2.i", "VNM", "2017-01", "2019-12", "on_time", "M"),
        P("Clean-air indicators and urban air-quality monitoring for participating cities",
          "C.2.iii", "SGP", "2018-01", "2020-12", "no_actuals_ongoing", "M"),  # planted: no start date
        P("Regional inventory of climate-change adaptation practices",
          "C.3.ii", "PHL", "2016-03", "2017-12", "on_time", "S"),
        P("Common ASEAN messages for the UNFCCC Conferences of the Parties",
          "C.3.iv", "THA", "2016-01", "2020-12", "ongoing", "S"),
        P("Regional guidelines on environmentally sound management of e-waste",
          "C.4.iii", "MYS", "2017-06", "2019-06", "delayed", "S"),
        P("Green public procurement guidelines for Member States",
          "C.4.ii", "SGP", "2018-03", "2019-09", "late", "S"),
        P("ASEAN Eco-schools Award, 2020 cycle",
          "C.4.vi", "BRN", "2020-08", "2020-12", "not_started", "S"),
        P("Regional study on transboundary water pollution in shared river basins",
          "C.1.ix", "KHM", "2018-01", "2019-12", "stopped", "M"),
    ),
    # Haze-free Roadmap 2016–2020 under the AATHP; ASEAN Peatland Management Strategy 2006–2020.
    "COP-AATHP": (
        P("Review and update of the ASEAN Peatland Management Strategy",
          "C.1.iii", "MYS", "2016-06", "2018-06", "late", "S"),
        P("Regional workshops supporting national action plans on peatland management",
          "C.1.iii", "IDN", "2016-01", "2019-12", "on_time", "M"),
        P("Shared hotspot and smoke-haze maps for the ASEAN haze monitoring system",
          "D.1.ii", "SGP", "2016-09", "2018-12", "on_time", "M"),
        P("Regional calibration of the fire danger rating system",
          "D.1.ii", "BRN", "2017-03", "2019-03", "on_time", "S"),
        P("Zero-burning and controlled-burning guidelines for smallholders",
          "C.1.iv", "THA", "2017-01", "2018-12", "on_time", "S"),
        P("Action plan on transboundary haze in the Mekong sub-region",
          "C.1.iv", "LAO", "2016-01", "2020-12", "ongoing", "M"),
        P("Multi-stakeholder platform on sustainable peatland management",
          "A.1.iv", "IDN", "2018-01", "2020-12", "ongoing", "S"),
        P("Setting up the ASEAN Coordinating Centre for Transboundary Haze Pollution Control",
          "C.1.v", "IDN", "2017-01", "2019-12", "delayed", "L"),
        P("Public information campaign on the health risks of haze",
          "D.2.iv", "SGP", "2019-09", "2020-03", "on_time", "S"),
        P("Peatland rehabilitation and fire-prevention pilots in high-risk districts",
          "C.3.iii", "IDN", "2018-06", "2020-12", "ongoing", "L"),
        P("Regional training and exchange for peatland firefighters",
          "D.1.v", "MYS", "2020-09", "2020-12", "not_started", "S"),
        P("Study visit on fire-suppression technologies",
          "D.1.v", "THA", "2020-03", "2020-05", "cancelled", "S"),
    ),
    # ALM Work Programme 2016–2020, four outcome-level KRAs: skilled and adaptable workforce; productive
    # employment; harmonious, safe and progressive workplaces; expanded social protection.
    "SLOM": (
        P("Regional study on the future of work and skills needs",
          "B.2.vi", "SGP", "2017-01", "2018-06", "on_time", "S"),
        P("ASEAN guidelines on the recognition of skills",
          "B.2.vii", "MYS", "2018-01", "2020-12", "ongoing", "M"),
        P("Regional workshop on productive employment for young people",
          "B.1.iv", "PHL", "2016-06", "2017-06", "on_time", "S"),
        P("Updating national occupational safety and health (OSH) profiles through ASEAN-OSHNET",
          "B.2.ix", "THA", "2016-01", "2019-12", "on_time", "S"),
        P("ASEAN guidelines on OSH in small and medium enterprises",
          "B.2.ix", "VNM", "2018-03", "2019-12", "delayed", "S"),
        P("Annual regional tripartite social dialogue conference",
          "A.1.ii", "IDN", "2016-01", "2020-12", "ongoing", "M"),
        P("Regional study on extending social security to informal-sector workers",
          "D.4.ii", "KHM", "2017-06", "2019-03", "late", "M"),
        P("Action plan for the ASEAN Consensus on the protection and promotion of migrant workers' rights",
          "D.4.v", "PHL", "2018-01", "2020-12", "ongoing", "M"),
        P("ASEAN Forum on Migrant Labour, annual",
          "D.4.v", "VNM", "2016-10", "2020-10", "ongoing", "S"),
        P("Harmonised regional labour-market indicators",
          "B.2.xi", "BRN", "2019-01", "2020-03", "on_time", "S"),
        P("Regional guidelines on OSH for workers in the construction sector",
          "C.4.ii", "MYS", "2016-06", "2018-06", "on_time", "S"),  # planted: code does not match
        P("Study on women workers in the informal economy",
          "B.1.vi", "LAO", "2020-08", "2020-12", "not_started", "S"),
        P("Regional job fair for persons with disabilities",
          "B.1.ii", "THA", "2020-04", "2020-05", "cancelled", "S"),
    ),
    # ACCSM Work Plan 2016–2020: a citizen-centric civil service (Putrajaya Joint Declaration, 2015), the
    # civil service as a catalyst for the Community Vision 2025 (2017), six ASEAN Resource Centres.
    "ACCSM": (
        P("Regional handbook on one-stop service centres for citizens",
          "A.2.iii", "MYS", "2016-03", "2017-12", "on_time", "S"),
        P("Annual regional courses of the six ASEAN Resource Centres",
          "A.2.v", "SGP", "2016-01", "2020-12", "ongoing", "M"),
        P("Exchange programme on public-sector innovation",
          "E.2.iv", "THA", "2017-01", "2018-12", "late", "S"),
        P("ACCSM+3 civil-service leadership programme",
          "A.2.vi", "BRN", "2016-06", "2020-12", "ongoing", "M"),
        P("Regional study on digital public services",
          "E.2.vi", "VNM", "2018-01", "2019-06", "on_time", "S"),
        P("Peer-review pilot on performance management in the civil service",
          "A.2.iv", "PHL", "2017-06", "2019-06", "delayed", "S"),
        P("Implementation plan for the Declaration on the civil service as a catalyst for Vision 2025",
          "A.2.i", "PHL", "2018-01", "2019-12", "no_actuals", "S"),  # planted: completed, no dates
        P("Regional workshop on integrity in the civil service",
          "A.2.vii", "IDN", "2019-03", "2019-11", "on_time", "S"),
        P("Common competency framework for civil servants",
          "A.2.ii", "SGP", "2016-09", "2018-03", "on_time", "S"),
        P("Sex-disaggregated data on senior civil-service positions",
          "B.1.v", "LAO", "2019-01", "2020-12", "ongoing", "S"),
        P("Review of the ACCSM Work Plan 2016–2020 and drafting of the 2021–2025 Work Plan",
          "A.2.i", "MMR", "2020-01", "2020-12", "ongoing", "S"),
        P("Regional conference on civil-service continuity in public-health emergencies",
          "D.2.iii", "KHM", "2020-09", "2020-11", "not_started", "S"),
        P("ACCSM+3 study visit on civil-service pension schemes",
          "A.2.viii", "THA", "2020-04", "2020-06", "cancelled", "S"),
    ),
}
# fmt: on
del P

# What the alignment exercise should find, by item_id (the README lists the same). The delayed items are
# honest reports of slow progress; the other three are reporting problems planted on purpose.
PLANTED: dict[str, str] = {
    "ACDM-05": "delayed: started in 2017, planned to end in June 2019, not finished on the reporting date",
    "ASOEN-09": "delayed: started in 2017, planned to end in June 2019, not finished on the reporting date",
    "COP-AATHP-08": "delayed: started in 2017, planned to end in December 2019, not finished",
    "SLOM-05": "delayed: started in 2018, planned to end in December 2019, not finished",
    "ACCSM-06": "delayed: started in 2017, planned to end in June 2019, not finished",
    "ACDM-06": "code does not match: disaster risk financing coded E.3 (entrepreneurship); belongs under D.1",
    "SLOM-11": "code does not match: OSH in construction coded C.4 (sustainable consumption and production)",
    "ASOEN-06": "no actual dates: reported ongoing without an actual start date",
    "ACCSM-07": "no actual dates: reported completed without an actual start or end date",
}

BUDGET_BANDS = {
    "S": (20_000, 90_000, 5_000),
    "M": (100_000, 400_000, 10_000),
    "L": (500_000, 1_500_000, 50_000),
}


def _month_start(month: str) -> date:
    year, m = map(int, month.split("-"))
    return date(year, m, 1)


def _month_end(month: str) -> date:
    year, m = map(int, month.split("-"))
    return date(year, m, calendar.monthrange(year, m)[1])


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def derived_status(
    planned_start: date, planned_end: date, actual_start: date | None, actual_end: date | None
) -> str:
    """The status the dates imply on REPORTING_DATE ("cancelled" is a decision, never implied)."""
    if actual_end is not None and actual_end <= REPORTING_DATE:
        return "completed"
    if planned_end < REPORTING_DATE or (actual_start is None and planned_start <= REPORTING_DATE):
        return "delayed"
    return "ongoing" if actual_start is not None else "not started"


def _actuals(rng: np.random.Generator, p: PlannedItem) -> tuple[date | None, date | None, str]:
    start, end = _month_start(p.start), _month_end(p.end)
    latest = REPORTING_DATE - timedelta(days=7)

    def shift(day: date, low: int, high: int) -> date:
        return min(day + timedelta(days=int(rng.integers(low, high + 1))), latest)

    match p.scenario:
        case "on_time":
            return shift(start, 0, 30), end - timedelta(days=int(rng.integers(0, 21))), "completed"
        case "late":
            return shift(start, 0, 60), shift(end, 30, 200), "completed"
        case "ongoing":
            return shift(start, 0, 45), None, "ongoing"
        case "delayed":
            return shift(start, 20, 120), None, "delayed"
        case "not_started":
            return None, None, "not started"
        case "stopped":
            return shift(start, 0, 30), None, "cancelled"
        case "cancelled":
            return None, None, "cancelled"
        case "no_actuals":
            return None, None, "completed"
        case "no_actuals_ongoing":
            return None, None, "ongoing"
    raise ValueError(f"unknown scenario {p.scenario!r}")


def tool1_reports(seed: int = SEED) -> list[WorkPlanItem]:
    """The Tool 1 reports of the five bodies, as of REPORTING_DATE, in work-plan order."""
    rows = []
    for index, body in enumerate(BODIES):
        rng = np.random.default_rng([seed, 1, index])
        for n, p in enumerate(WORK_PLANS[body], start=1):
            actual_start, actual_end, status = _actuals(rng, p)
            low, high, step = BUDGET_BANDS[p.size]
            budget = int(rng.integers(low // step, high // step + 1)) * step
            rows.append(
                WorkPlanItem(
                    body=body,
                    item_id=f"{body}-{n:02d}",
                    item=p.item,
                    blueprint_code=p.code,
                    lead_country=p.lead,
                    planned_start=_month_start(p.start).isoformat(),
                    planned_end=_month_end(p.end).isoformat(),
                    actual_start=_iso(actual_start),
                    actual_end=_iso(actual_end),
                    status=status,
                    budget_usd=budget,
                    label=LABEL,
                )
            )
    return rows


# --------------------------------------------------------------------------------------------------
# 3. Results frameworks
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One indicator of a body's small results framework.

    pace: the share of the planned change actually achieved by each year (1 = on track, 0.5 = half way);
    noise: spread of the actuals, as a share of the planned change (or in units when baseline = target);
    missing: years without an actual (2020 is always missing: the year is not over on the reporting date).
    """

    outcome: str
    indicator: str
    unit: str
    direction: str
    percentage: bool
    cumulative: bool
    baseline: float
    target: float
    decimals: int = 0
    pace: float = 1.0
    noise: float = 0.08
    missing: tuple[int, ...] = ()
    baseline_year: int = 2015
    upper: float | None = None  # a hard ceiling (10 Member States, 100 %)


@dataclass(frozen=True, slots=True)
class ResultsRow:
    """One row of results_frameworks.csv: one indicator in one year."""

    body: str
    outcome_id: str
    outcome: str
    indicator_id: str
    indicator: str
    unit: str
    direction: str
    percentage: bool
    cumulative: bool
    baseline_year: int
    baseline: float
    target_year: int
    target: float
    year: int
    milestone: float
    actual: float | None
    label: str


HAZE_DAYS = "Days on which Sumatra or Kalimantan met the hotspot part of the ASMC Alert Level 2 rule"
S = IndicatorSpec
# fmt: off
RESULTS: dict[str, tuple[IndicatorSpec, ...]] = {
    "ACDM": (
        S("Disaster risks in the region are monitored and shared",
          "Member States contributing hazard and exposure data to the regional risk portal",
          "Member States", "increase", False, False, 3, 10, pace=1.1, upper=10),
        S("Disaster risks in the region are monitored and shared",
          "Share of major disasters with an AHA Centre situation update within 24 hours",
          "% of major disasters", "increase", True, False, 60, 90, decimals=1, pace=0.8, noise=0.15,
          missing=(2016,), upper=100),
        S("Joint regional response is faster and coordinated (One ASEAN One Response)",
          "ASEAN-ERAT members trained since 2016", "people", "increase", False, True, 0, 400, pace=1.05),
        S("Joint regional response is faster and coordinated (One ASEAN One Response)",
          "Median days from a request for assistance to the arrival of regional relief items", "days",
          "decrease", False, False, 5, 2, decimals=1, pace=0.7, noise=0.2),
    ),
    "ASOEN": (
        S("Biodiversity and natural resources are conserved and sustainably managed",
          "ASEAN Heritage Parks with a management-effectiveness assessment", "parks", "increase", False,
          False, 8, 30, pace=0.6),
        S("Biodiversity and natural resources are conserved and sustainably managed",
          "Member States whose national biodiversity strategy was reviewed since 2015", "Member States",
          "increase", False, False, 2, 10, pace=0.9, upper=10),
        S("Cities in the region are environmentally sustainable",
          "Cities taking part in the ASEAN ESC programme", "cities", "increase", False, False, 20, 50,
          pace=1.0),
        S("Cities in the region are environmentally sustainable",
          "Share of municipal solid waste recycled in participating cities", "% of collected waste",
          "increase", True, False, 12, 25, decimals=1, pace=0.5, noise=0.12, missing=(2017, 2019),
          upper=100),
    ),
    "COP-AATHP": (
        S("Transboundary haze from land and forest fires is prevented",
          HAZE_DAYS, "days", "decrease", False, False, 0, 0),  # baseline and actuals from the haze file
        S("Transboundary haze from land and forest fires is prevented",
          "Share of days with good or moderate air quality in monitored cities", "% of days", "increase",
          True, False, 70, 90, decimals=1, pace=0.6, noise=0.2, upper=100),
        S("Peatlands are sustainably managed",
          "Peatland area under rehabilitation since 2016", "thousand hectares", "increase", False, True, 0,
          200, decimals=1, pace=0.75),
        S("Peatlands are sustainably managed",
          "Member States with a national action plan on peatland management", "Member States", "increase",
          False, False, 4, 9, pace=0.8, missing=(2017,), upper=10),
    ),
    "SLOM": (
        S("Workplaces are safe and healthy",
          "Member States with a national OSH profile updated in the last five years", "Member States",
          "increase", False, False, 3, 10, pace=0.9, missing=(2018,), upper=10),
        S("Workplaces are safe and healthy",
          "Share of ASEAN-OSHNET trainees applying the training at work six months later", "% of trainees",
          "increase", True, False, 55, 75, decimals=1, pace=1.0, noise=0.15, baseline_year=2016,
          upper=100),
        S("Social protection reaches more workers, including migrant workers",
          "Regional tripartite dialogues on social protection held since 2016", "dialogues", "increase",
          False, True, 0, 20, pace=1.0),
        S("Social protection reaches more workers, including migrant workers",
          "Member States reporting social-security coverage data to SLOM", "Member States", "increase",
          False, False, 4, 10, pace=0.5, upper=10),
    ),
    "ACCSM": (
        S("Public services are citizen-centric",
          "Share of surveyed users satisfied with participating public services", "% of users", "increase",
          True, False, 68, 80, decimals=1, pace=0.9, noise=0.2, upper=100),
        S("Public services are citizen-centric",
          "Member States with a published service charter for front-line services", "Member States",
          "increase", False, False, 5, 10, pace=1.0, missing=(2016,), upper=10),
        S("Civil-service capacity is built through regional cooperation",
          "ASEAN Resource Centres running at least one regional course in the year", "centres", "increase",
          False, False, 6, 6, noise=0.7, upper=6),  # baseline = target: maintain
        S("Civil-service capacity is built through regional cooperation",
          "Civil servants trained through ACCSM and ACCSM+3 programmes since 2016", "people", "increase",
          False, True, 0, 3000, pace=0.85),
    ),
}
# fmt: on
del S


def haze_alert_days(
    hotspots: pd.DataFrame, subregions: Iterable[str] = ("Sumatra", "Kalimantan")
) -> dict[int, int]:
    """Per year: the number of dates on which at least one of `subregions` was an Alert Level 2 day."""
    flagged = hotspots[hotspots["subregion"].isin(list(subregions)) & hotspots["alert_level_2_day"]]
    per_year = flagged.drop_duplicates("date")["date"].str[:4].astype(int).value_counts()
    return {year: int(per_year.get(year, 0)) for year in HAZE_YEARS}


def _milestones(spec: IndicatorSpec, target_year: int) -> dict[int, float]:
    """Straight line from baseline to target, rounded like the indicator; the target year gets the target."""
    span = target_year - spec.baseline_year
    return {
        year: round(
            spec.baseline + (spec.target - spec.baseline) * max(year - spec.baseline_year, 0) / span,
            spec.decimals,
        )
        for year in RF_YEARS
    }


def _actual_path(rng: np.random.Generator, spec: IndicatorSpec, target_year: int) -> dict[int, float]:
    change = spec.target - spec.baseline
    scale = abs(change) * spec.noise if change else spec.noise
    span = target_year - spec.baseline_year
    values: dict[int, float] = {}
    previous = spec.baseline
    for year in RF_YEARS:
        progress = max(year - spec.baseline_year, 0) / span
        value = spec.baseline + change * spec.pace * progress + rng.normal(0.0, scale)
        if spec.cumulative:
            value = max(value, previous)  # a running total never goes down
        low, high = 0.0, spec.upper if spec.upper is not None else np.inf
        value = round(float(np.clip(value, low, high)), spec.decimals)
        values[year] = value
        previous = value
    return values


def results_frameworks(seed: int = SEED) -> list[ResultsRow]:
    """Two outcomes x two indicators per body, one row per indicator per year 2016–2020."""
    haze_days = haze_alert_days(haze_hotspots(seed))
    target_year = RF_YEARS[-1]
    rows = []
    for index, body in enumerate(BODIES):
        rng = np.random.default_rng([seed, 2, index])
        outcomes: list[str] = []
        for n, spec in enumerate(RESULTS[body]):
            if spec.outcome not in outcomes:
                outcomes.append(spec.outcome)
            o = outcomes.index(spec.outcome) + 1
            i = sum(s.outcome == spec.outcome for s in RESULTS[body][:n]) + 1
            if spec.indicator == HAZE_DAYS:
                spec = replace(spec, baseline=float(haze_days[spec.baseline_year]), target=0.0)
                actuals = {y: float(haze_days[y]) for y in RF_YEARS if y in haze_days}
            else:
                actuals = _actual_path(rng, spec, target_year)
            milestones = _milestones(spec, target_year)
            for year in RF_YEARS:
                known = year != target_year and year not in spec.missing and year in actuals
                rows.append(
                    ResultsRow(
                        body=body,
                        outcome_id=f"{body}-O{o}",
                        outcome=spec.outcome,
                        indicator_id=f"{body}-O{o}-I{i}",
                        indicator=spec.indicator,
                        unit=spec.unit,
                        direction=spec.direction,
                        percentage=spec.percentage,
                        cumulative=spec.cumulative,
                        baseline_year=spec.baseline_year,
                        baseline=spec.baseline,
                        target_year=target_year,
                        target=spec.target,
                        year=year,
                        milestone=milestones[year],
                        actual=actuals[year] if known else None,
                        label=LABEL,
                    )
                )
    return rows


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _flag(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_rows(rows: Sequence[WorkPlanItem] | Sequence[ResultsRow], path: Path) -> int:
    """Write dataclass rows as CSV (header = field names, booleans true/false, None blank)."""
    header = [f.name for f in fields(rows[0])]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([_cell(v) for v in astuple(row)] for row in rows)
    return len(rows)


def write_frame(frame: pd.DataFrame, path: Path) -> int:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map(_flag)
    out.to_csv(path, index=False, lineterminator="\n")
    return len(out)


def main(seed: int = SEED, out_dir: Path = SYNTHETIC_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {
        "haze_hotspots.csv": write_frame(haze_hotspots(seed), out_dir / "haze_hotspots.csv"),
        "tool1_reports.csv": write_rows(tool1_reports(seed), out_dir / "tool1_reports.csv"),
        "results_frameworks.csv": write_rows(results_frameworks(seed), out_dir / "results_frameworks.csv"),
    }
    for name, count in written.items():
        print(f"{out_dir / name}: {count} rows (seed {seed})")


if __name__ == "__main__":
    main()

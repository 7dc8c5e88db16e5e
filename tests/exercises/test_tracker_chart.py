"""The tracker's chart: its status bands are the values that would get each colour, worked out by hand
from the preset and the plan, and it names its data source, saying so when the data are a sample."""

from __future__ import annotations

from typing import Any

from exercises.tracker_chart import tracker_spec
from exercises.tracking import PRESETS, Convention
from exercises.tracking_plan import Plan, progress

# Baseline 10 in 2020, target 20 in 2022: the interim target is 15 in 2021 and 20 in 2022.
PLAN = Plan("increase", False, 2020, 10.0, 2022, 20.0)
ACTUALS = {2021: 14.0, 2022: 19.0}


def _spec(convention: Convention, preset: str) -> dict[str, Any]:
    rows = progress(PLAN, ACTUALS, convention, PRESETS[preset])
    return tracker_spec(rows, PLAN, convention, PRESETS[preset], title="Portal, ACDM", unit="Member States")


def _bands(spec: dict[str, Any]) -> list[tuple[int, str, float, float]]:
    return [
        (b["year"], b["status"], round(b["low"], 9), round(b["high"], 9))
        for b in spec["layer"][0]["data"]["values"]
    ]


def test_undp_bands_on_the_simple_ratio_run_from_0_to_50_100_and_150_percent_of_each_interim_target():
    # 2021: 15 × 0 % = 0, × 50 % = 7.5, × 100 % = 15, × 150 % = 22.5; 2022: 20 × the same.
    spec = _spec("simple", "undp-2014")
    assert _bands(spec) == [
        (2021, "red", 0.0, 7.5),
        (2021, "amber", 7.5, 15.0),
        (2021, "green", 15.0, 22.5),
        (2022, "red", 0.0, 10.0),
        (2022, "amber", 10.0, 20.0),
        (2022, "green", 20.0, 30.0),
    ]
    bands = spec["layer"][0]["encoding"]
    assert (bands["y"]["field"], bands["y2"]) == ("low", {"field": "high"})
    assert bands["color"]["scale"] == {
        "domain": ["green", "amber", "red"],
        "range": ["#2e7d32", "#f9a825", "#c62828"],
    }
    assert spec["layer"][1]["data"]["values"] == [
        {"year": 2020, "value": 10.0},
        {"year": 2021, "value": 15.0},
        {"year": 2022, "value": 20.0},
    ]
    assert spec["layer"][2]["data"]["values"] == [
        {"year": 2021, "value": 14.0},
        {"year": 2022, "value": 19.0},
    ]
    assert spec["layer"][3]["data"]["values"] == [
        {"year": 2020, "value": 10.0, "what": "Baseline"},
        {"year": 2022, "value": 20.0, "what": "Target"},
    ]


def test_jica_bands_baseline_adjusted_measure_the_way_from_the_baseline_to_each_interim_target():
    # 2021: 10 + 5 × 50 % = 12.5, × 80 % = 14, × 150 % = 17.5; 2022: 10 + 10 × the same = 15, 18, 25.
    bands = _bands(_spec("baseline", "jica"))
    assert [b for b in bands if b[1] != "red"] == [
        (2021, "amber", 12.5, 14.0),
        (2021, "green", 14.0, 17.5),
        (2022, "amber", 15.0, 18.0),
        (2022, "green", 18.0, 25.0),
    ]
    assert [(b[0], b[3]) for b in bands if b[1] == "red"] == [(2021, 12.5), (2022, 15.0)]


def test_the_red_band_of_a_baseline_adjusted_chart_reaches_below_the_baseline():
    # -50 % of the way: 2021: 10 - 5 × 50 % = 7.5; 2022: 10 - 10 × 50 % = 5. A fall below the baseline is red.
    bands = _bands(_spec("baseline", "jica"))
    assert [b for b in bands if b[1] == "red"] == [(2021, "red", 7.5, 12.5), (2022, "red", 5.0, 15.0)]


def test_the_on_track_preset_draws_overachievement_above_115_percent_amber_again():
    # 2021: 15 × 85 % = 12.75, × 115 % = 17.25, × 150 % = 22.5; 2022: 20 × the same = 17, 23, 30.
    assert _bands(_spec("simple", "on-track")) == [
        (2021, "red", 0.0, 12.75),
        (2021, "green", 12.75, 17.25),
        (2021, "amber", 17.25, 22.5),
        (2022, "red", 0.0, 17.0),
        (2022, "green", 17.0, 23.0),
        (2022, "amber", 23.0, 30.0),
    ]


def test_the_chart_carries_its_source():
    rows = progress(PLAN, ACTUALS, "baseline", PRESETS["jica"])
    spec = tracker_spec(
        rows,
        PLAN,
        "baseline",
        PRESETS["jica"],
        title="Portal, ACDM",
        unit="Member States",
        source="Source: results frameworks · synthetic sample, not real data",
    )
    assert spec["title"] == {
        "text": "Portal, ACDM",
        "subtitle": "Source: results frameworks · synthetic sample, not real data",
        "anchor": "start",
    }
    assert _spec("baseline", "jica")["title"] == "Portal, ACDM"

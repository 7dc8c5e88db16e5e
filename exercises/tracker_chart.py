"""The tracker's chart as a Vega-Lite spec: status bands around the interim targets, the planned path,
the actual values, the baseline and the target (a dict, as Altair would write it, built in ~1 ms)."""

from __future__ import annotations

from typing import Any

from exercises.tracking import Convention, Preset
from exercises.tracking_plan import Plan, YearProgress

BAND_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828"}
OPEN_END = 150.0  # % at which an open-ended green band stops being drawn


def value_at(convention: Convention, percent: float, expected: float, baseline: float | None) -> float | None:
    """The value that would score `percent` against the interim target `expected` (the formula inverted)."""
    if convention == "simple":
        return expected * percent / 100
    if convention == "inverse":
        return None if percent <= 0 else expected * 100 / percent
    return None if baseline is None else baseline + (expected - baseline) * percent / 100


def band_rows(
    rows: list[YearProgress], plan: Plan, convention: Convention, preset: Preset
) -> list[dict[str, Any]]:
    """Per year and colour, the range of values that would get that colour."""
    edges = [
        ("red", 0.0 if convention != "baseline" else -50.0, preset.amber_from),
        ("amber", preset.amber_from, preset.green_from),
        ("green", preset.green_from, min(preset.green_to or OPEN_END, OPEN_END)),
    ]
    if preset.green_to is not None and preset.green_to < OPEN_END:  # overachieving is amber again
        edges.append(("amber", preset.green_to, OPEN_END))
    if convention == "inverse":  # the inverse ratio has no value at 0 %: its bands start at 1 %
        edges = [(colour, max(low, 1.0), high) for colour, low, high in edges]
    bands = []
    for r in rows:
        if r.expected is None or r.year == plan.baseline_year:
            continue
        for colour, low, high in edges:
            if low == high:
                continue
            a, b = (value_at(convention, p, r.expected, plan.baseline) for p in (low, high))
            if a is not None and b is not None:
                bands.append({"year": r.year, "status": colour, "low": min(a, b), "high": max(a, b)})
    return bands


def tracker_spec(
    rows: list[YearProgress],
    plan: Plan,
    convention: Convention,
    preset: Preset,
    *,
    title: str,
    unit: str,
    source: str = "",
) -> dict[str, Any]:
    """Bands, the planned path (dashed), actuals (line and points), baseline and target (large points)."""
    x = {"field": "year", "type": "quantitative", "title": "Year", "axis": {"format": "d"}}
    y_title = unit
    path = [{"year": r.year, "value": r.expected} for r in rows if r.expected is not None]
    actual = [{"year": r.year, "value": r.actual} for r in rows if r.actual is not None]
    marks = []
    if plan.baseline is not None and plan.baseline_year is not None:
        marks.append({"year": plan.baseline_year, "value": plan.baseline, "what": "Baseline"})
    if plan.target is not None and plan.target_year is not None:
        marks.append({"year": plan.target_year, "value": plan.target, "what": "Target"})
    colours = {"domain": list(BAND_COLOURS), "range": list(BAND_COLOURS.values())}
    return {
        "title": {"text": title, "subtitle": source, "anchor": "start"} if source else title,
        "height": 320,
        "description": f"{title}: actual values against the planned path from the baseline to the target, "
        "with the values that would count as green, amber or red each year.",
        "layer": [
            {
                "data": {"values": band_rows(rows, plan, convention, preset)},
                "mark": {"type": "area", "opacity": 0.12, "interpolate": "step-after"},
                "encoding": {
                    "x": x,
                    "y": {"field": "low", "type": "quantitative", "title": y_title, "scale": {"zero": False}},
                    "y2": {"field": "high"},
                    "color": {"field": "status", "type": "nominal", "scale": colours, "title": "Status"},
                    "detail": {"field": "status"},
                },
            },
            {
                "data": {"values": path},
                "mark": {"type": "line", "strokeDash": [6, 4], "color": "#555"},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "value",
                        "type": "quantitative",
                        "title": y_title,
                        "scale": {"zero": False},
                    },
                },
            },
            {
                "data": {"values": actual},
                "mark": {"type": "line", "point": True, "color": "#1f4e78"},
                "encoding": {
                    "x": x,
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [{"field": "year"}, {"field": "value", "format": ".2f", "title": "Actual"}],
                },
            },
            {
                "data": {"values": marks},
                "mark": {"type": "point", "size": 140, "filled": True, "color": "#000"},
                "encoding": {
                    "x": x,
                    "y": {"field": "value", "type": "quantitative"},
                    "shape": {"field": "what", "type": "nominal", "title": ""},
                    "tooltip": [{"field": "what"}, {"field": "year"}, {"field": "value"}],
                },
            },
        ],
    }

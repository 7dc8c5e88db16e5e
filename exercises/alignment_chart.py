"""The cohort's coverage of the Blueprint as a Vega-Lite heatmap: Key Result Areas × sectoral bodies."""

from __future__ import annotations

from typing import Any

from exercises.alignment import Coverage, coverage_table


def coverage_spec(cov: Coverage, *, title: str, source: str) -> dict[str, Any]:
    """Cells count the work-plan items mapped to each KRA; an empty row is a gap, a row reached by two or
    more bodies an overlap. The source line names the data (and says it is a synthetic sample)."""
    return {
        "title": {"text": title, "subtitle": source, "anchor": "start"},
        "description": f"{title}: how many work-plan items each sectoral body mapped to each "
        "Key Result Area. "
        f"Gaps: {', '.join(cov.gaps) or 'none'}. Overlaps: {', '.join(cov.overlaps) or 'none'}.",
        "data": {"values": coverage_table(cov)},
        "mark": {"type": "rect", "stroke": "white"},
        "encoding": {
            "x": {"field": "body", "type": "nominal", "title": "Sectoral body", "axis": {"labelAngle": 0}},
            "y": {"field": "kra", "type": "ordinal", "title": "Key Result Area", "sort": None},
            "color": {
                "field": "items",
                "type": "quantitative",
                "title": "Items",
                "scale": {"range": ["#f4f5f7", "#08519c"], "domainMin": 0},
                "legend": {"format": "d", "tickMinStep": 1},
            },
            "tooltip": [
                {"field": "kra", "title": "Key Result Area"},
                {"field": "body", "title": "Body"},
                {"field": "items", "title": "Items"},
                {"field": "note", "title": "Note"},
            ],
        },
        "height": {"step": 22},
    }

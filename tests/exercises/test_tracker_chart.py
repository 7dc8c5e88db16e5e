"""The tracker's chart names its data source, and says so when the data are a synthetic sample."""

from __future__ import annotations

from exercises.tracker_chart import tracker_spec
from exercises.tracking import PRESETS
from exercises.tracking_plan import Plan, progress


def test_the_chart_carries_its_source_and_its_bands():
    plan = Plan("increase", False, 2015, 3.0, 2020, 10.0)
    rows = progress(plan, {2015: 3.0, 2017: 5.0, 2019: 9.0}, "baseline", PRESETS["jica"])
    spec = tracker_spec(
        rows,
        plan,
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
    assert "synthetic sample" in spec["title"]["subtitle"]
    without = tracker_spec(
        rows, plan, "baseline", PRESETS["jica"], title="Portal, ACDM", unit="Member States"
    )
    assert without["title"] == "Portal, ACDM"

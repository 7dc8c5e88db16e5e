"""The synthetic samples as the exercises read them: typed, and a broken cell named by row and column."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from datasets import samples


@pytest.fixture(autouse=True)
def fresh_caches():
    for loader in (samples.tool1_reports, samples.results_frameworks, samples.haze_hotspots):
        loader.cache_clear()
    yield
    for loader in (samples.tool1_reports, samples.results_frameworks, samples.haze_hotspots):
        loader.cache_clear()


def test_the_committed_samples_load_typed():
    tool1 = samples.tool1_reports()
    assert set(tool1["body"]) == {"ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM"}
    assert pd.api.types.is_datetime64_any_dtype(tool1["planned_start"]) and tool1["actual_start"].isna().any()
    assert (tool1["planned_start"] <= tool1["planned_end"]).all()
    frameworks = samples.results_frameworks()
    assert frameworks["actual"].isna().any() and frameworks["year"].between(2016, 2020).all()
    assert set(frameworks["direction"]) == {"increase", "decrease"} and frameworks["percentage"].any()
    haze = samples.haze_hotspots()
    assert set(haze["subregion"]) == set(samples.SUBREGIONS) and haze["alert_level_2_day"].any()


@pytest.mark.parametrize(
    ("file", "column", "bad", "message"),
    [
        (
            "tool1_reports.csv",
            "blueprint_code",
            "F.1.ii",
            "row 3, column 'blueprint_code': 'F.1.ii' is not valid",
        ),
        ("tool1_reports.csv", "status", "done", "row 3, column 'status': 'done' is not valid"),
        ("results_frameworks.csv", "actual", "n/a", "row 3, column 'actual': 'n/a' is not valid"),
        ("haze_hotspots.csv", "label", "real data", "row 3, column 'label': 'real data' is not valid"),
    ],
)
def test_a_broken_cell_is_named(tmp_path, monkeypatch, file, column, bad, message):
    shutil.copytree(samples.SAMPLES_DIR, tmp_path, dirs_exist_ok=True)
    frame = pd.read_csv(tmp_path / file, dtype=str, keep_default_na=False)
    frame.loc[1, column] = bad
    frame.to_csv(tmp_path / file, index=False)
    monkeypatch.setattr(samples, "SAMPLES_DIR", tmp_path)
    loader = {
        "tool1_reports.csv": samples.tool1_reports,
        "results_frameworks.csv": samples.results_frameworks,
    }
    with pytest.raises(samples.SampleError, match=f"{file}, {message}"):
        loader.get(file, samples.haze_hotspots)()

"""The shipped data library: traceable to its sources, valid against its catalogue, synthetic labelled."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from datasets import synthetic
from datasets.catalogue import DATASETS_DIR
from datasets.library import LibraryError, asean_band, chart_spec, library, library_view, load_library

HANOI_BODIES = {"ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM"}  # the sectors the Ha Noi workshop served


def test_at_least_forty_real_indicators_for_at_least_eight_bodies_including_the_hanoi_sectors():
    real = [i for i in library().indicators if not i.synthetic]
    bodies = Counter(i.sectoral_body for i in real)
    assert len(real) >= 40 and len(bodies) >= 8
    assert set(bodies) >= HANOI_BODIES


def test_every_indicator_is_traceable_and_has_rows_in_its_file():
    lib = library()
    for ind in lib.indicators:
        assert (DATASETS_DIR / ind.file).exists(), ind.id
        assert ind.source and ind.licence, ind.id
        assert ind.synthetic == ind.file.startswith("synthetic/"), ind.id
        if not ind.synthetic:
            assert ind.source_url.startswith("http"), ind.id
            assert not lib.series(
                ind.id, **dict(zip(("sex", "location", "age"), lib.breakdowns(ind.id)[0], strict=True))
            ).empty
    assert set(lib.rows["iso3"]) == {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}


def test_a_broken_library_file_names_file_row_and_column(tmp_path):
    (tmp_path / "library").mkdir()
    (tmp_path / "catalogue.csv").write_text(
        (DATASETS_DIR / "catalogue.csv").read_text(encoding="utf-8"), "utf-8"
    )
    for path in (DATASETS_DIR / "library").glob("*.csv"):
        (tmp_path / "library" / path.name).write_text(path.read_text(encoding="utf-8"), "utf-8")
    wgi = tmp_path / "library" / "wgi.csv"
    lines = wgi.read_text(encoding="utf-8").splitlines()
    lines[3] = "BRN,Brunei Darussalam,2000,government_effectiveness,9.5,,,"  # an estimate above 2.5
    wgi.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        LibraryError, match=r"library/wgi.csv, row 4, column 'value': outside the range -2.5 to 2.5"
    ):
        load_library(tmp_path)


def test_asean_band_and_chart_spec():
    series = pd.DataFrame(
        {"iso3": ["VNM", "THA", "LAO"] * 2, "country": ["Viet Nam", "Thailand", "Lao PDR"] * 2,
         "year": [2019] * 3 + [2020] * 3, "value": [1.0, 5.0, 3.0, 2.0, 4.0, 9.0]}
    )  # fmt: skip
    band = asean_band(series)
    assert band.to_dict("records") == [
        {"year": 2019, "median": 3.0, "low": 1.0, "high": 5.0, "countries": 3},
        {"year": 2020, "median": 4.0, "low": 2.0, "high": 9.0, "countries": 3},
    ]
    assert asean_band(series[series["iso3"] != "LAO"]).empty  # two countries make no ASEAN median
    spec = chart_spec(series, "T", "% of land")
    area, lines, median = spec["layer"]
    assert area["mark"]["type"] == "area" and median["mark"]["strokeDash"]
    assert len(lines["data"]["values"]) == 6 and lines["encoding"]["y"]["title"] == "% of land"


def test_synthetic_samples_are_labelled_and_follow_the_alert_level_2_rule():
    folder = DATASETS_DIR / "synthetic"
    for path in folder.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert set(frame["label"]) == {"synthetic sample"}, path.name
    haze = pd.read_csv(folder / "haze_hotspots.csv", parse_dates=["date"])
    for _, region in haze.groupby("subregion"):
        region = region.sort_values("date")
        over = region["hotspots"] > 150
        yesterday = region["date"] - pd.Timedelta(days=1)
        previous_over = yesterday.map(dict(zip(region["date"], over, strict=True))).fillna(False).astype(bool)
        assert list(region["alert_level_2_day"]) == list(over & previous_over)
    assert haze["alert_level_2_day"].any()


def test_the_synthetic_generator_is_seeded_and_reproduces_the_committed_files(tmp_path: Path):
    synthetic.main(out_dir=tmp_path)
    for name in ("haze_hotspots.csv", "tool1_reports.csv", "results_frameworks.csv"):
        assert (tmp_path / name).read_bytes() == (DATASETS_DIR / "synthetic" / name).read_bytes(), name


LIBRARY_FILES = sorted(p.name for p in (DATASETS_DIR / "library").glob("*.csv"))


def corrupt(lines: list[str], case: str, percentage_ids: set[str]) -> tuple[list[str], str] | None:
    """A broken copy of a file's lines and the message the loader must give; None if not applicable."""
    header, rows = lines[0], lines[1:]
    cells = rows[0].split(",")
    if case == "wrong column":
        return [header.replace(",value,", ",valeur,"), *rows], "row 1, column 'value': this column is missing"
    if case == "text in a number column":
        return [
            header,
            ",".join([*cells[:4], "about 12", *cells[5:]]),
            *rows[1:],
        ], "row 2, column 'value': not a number"
    if case == "unknown country":
        return [header, ",".join(["XYZ", *cells[1:]]), *rows[1:]], "row 2, column 'iso3': not the ISO3 code"
    if case == "duplicate row":
        return [
            header,
            rows[0],
            rows[0],
            *rows[1:],
        ], "row 3, column 'indicator': the same country, year and breakdown"
    at = next((n for n, r in enumerate(rows) if r.split(",")[3] in percentage_ids), None)
    if at is None:
        return None  # this file has no percentage indicator
    broken = rows[at].split(",")
    rows = [*rows[:at], ",".join([*broken[:4], "140", *broken[5:]]), *rows[at + 1 :]]
    return [header, *rows], f"row {at + 2}, column 'value': outside the range"


@pytest.mark.parametrize(
    "case",
    ["wrong column", "text in a number column", "percentage of 140", "unknown country", "duplicate row"],
)
@pytest.mark.parametrize("name", LIBRARY_FILES)
def test_the_loader_rejects_a_corrupted_copy_of_each_file(tmp_path, name, case):
    shutil.copytree(DATASETS_DIR / "library", tmp_path / "library")
    shutil.copy(DATASETS_DIR / "catalogue.csv", tmp_path / "catalogue.csv")
    path = tmp_path / "library" / name
    percentage_ids = {i.id for i in library().indicators if i.percentage}
    broken = corrupt(path.read_text(encoding="utf-8").splitlines(), case, percentage_ids)
    if broken is None:  # only a file without any percentage indicator may skip that case
        assert not any(i.percentage for i in library().indicators if i.file == f"library/{name}")
        return
    lines, message = broken
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=re.escape(f"library/{name}, {message}")):
        load_library(tmp_path)


def test_a_selection_is_computed_once_and_its_table_has_a_column_per_country():
    ind = next(i for i in library().indicators if i.id == "labour_force_participation_rate")
    first = library_view(ind.id, ("female", "", ""), ("Myanmar", "Viet Nam"), (2010, 2024), "LFPR (female)")
    again = library_view(ind.id, ("female", "", ""), ("Myanmar", "Viet Nam"), (2010, 2024), "LFPR (female)")
    assert first is again
    assert list(first.table.columns) == ["year", "Myanmar", "Viet Nam"]
    assert first.table["year"].iloc[0] == "2010" and set(first.series["country"]) == {"Myanmar", "Viet Nam"}
    assert len(first.spec["layer"]) == 1  # two countries: no ASEAN median or band

"""Long-format data checks: a learner's upload or a library file, each problem at its row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from datasets.catalogue import CatalogueError, Indicator, parse_catalogue
from datasets.export import safe_cell, to_safe_csv
from datasets.validate import MAX_UPLOAD_BYTES, check_tidy, read_csv_bytes, summarise

HEADER = "iso3,country,year,indicator,value,sex,location,age\n"


def indicator(**change) -> Indicator:
    base: dict = {"id": "forest_pct", "name": "Forest", "unit": "% of land", "definition": "d", "source": "s"}
    base |= {"source_url": "", "licence": "l", "file": "library/x.csv", "characteristic": "C"}
    base |= {"sectoral_body": "ASOEN", "official_mapping": False, "direction": "increase", "percentage": True}
    base |= {"min": 0.0, "max": 100.0, "synthetic": False}
    return Indicator(**{**base, **change})


def read(text: str, name: str = "mine.csv"):
    frame, problems = read_csv_bytes(text.encode("utf-8"), name)
    assert problems == [] and frame is not None
    return frame


def test_a_good_file_is_typed_and_names_are_taken_from_the_codes():
    frame = read(HEADER + 'vnm,,2019,forest_pct,46.7,,,\nLAO,Laos!,2020,forest_pct,"1,234",female,rural,\n')
    typed, problems = check_tidy(frame, "mine.csv")
    assert problems == []
    assert list(typed["iso3"]) == ["VNM", "LAO"] and list(typed["country"]) == ["Viet Nam", "Lao PDR"]
    assert list(typed["year"]) == [2019, 2020] and list(typed["value"]) == [46.7, 1234.0]


def test_every_problem_names_row_and_column():
    frame = read(
        HEADER
        + "XXX,,2019,forest_pct,1,,,\n"  # row 2
        + "VNM,,19.5,forest_pct,1,,,\n"  # row 3
        + "VNM,,2019,Forest Pct,abc,,,\n"  # row 4
        + "VNM,,2018,forest_pct,1,both,,\n"  # row 5
        + "KHM,,2019,forest_pct,1,,,\n"  # row 6
        + "KHM,,2019,forest_pct,2,,,\n"  # row 7: the same key again
    )
    _, problems = check_tidy(frame, "mine.csv")
    assert [str(p) for p in problems] == [
        "mine.csv, row 2, column 'iso3': not the ISO3 code of an ASEAN Member State",
        "mine.csv, row 3, column 'year': a year is a whole number from 1960 to 2035",
        "mine.csv, row 4, column 'indicator': an id uses lower-case letters, digits and _",
        "mine.csv, row 4, column 'value': not a number",
        "mine.csv, row 5, column 'sex': write one of: blank, female, male",
        "mine.csv, row 7, column 'indicator': the same country, year and breakdown twice",
    ]


def test_missing_and_unknown_columns():
    _, problems = check_tidy(read("iso3,year,value\nVNM,2019,1\n"), "a.csv")
    assert [str(p) for p in problems] == [
        "a.csv, row 1, column 'indicator': this column is missing (see the expected header)"
    ]
    _, problems = check_tidy(read("iso3,year,indicator,value,colour\nVNM,2019,x_y,1,red\n"), "a.csv")
    assert str(problems[0]).startswith("a.csv, row 1, column 'colour': unknown column")


def test_the_catalogue_sets_known_ids_and_ranges():
    catalogue = {"forest_pct": indicator()}
    frame = read(HEADER + "VNM,,2019,forest_pct,146.7,,,\nVNM,,2019,other_thing,1,,,\n")
    _, problems = check_tidy(frame, "lib.csv", catalogue)
    assert [str(p) for p in problems] == [
        "lib.csv, row 2, column 'value': outside the range 0 to 100 for forest_pct",
        "lib.csv, row 3, column 'indicator': not in the catalogue",
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        ("iso3,country\nVNM,Việt Nam\n".encode("utf-16-le"), "is not UTF-8 text"),
        ("iso3,country\nVNM,Malmö\n".encode("latin-1"), "is not UTF-8 text (row 2 has the byte 0xf6"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "the file is 2.0 MB; the limit is 2 MB"),
        (b'iso3,year\n"VNM,2019\n', "is not a readable CSV table"),
    ],
)
def test_unreadable_uploads_get_a_clear_message(raw, message):
    frame, problems = read_csv_bytes(raw, "up.csv")
    assert frame is None and len(problems) == 1
    assert message in str(problems[0]) and str(problems[0]).startswith("up.csv: ")


def test_a_byte_order_mark_and_capitalised_headers_are_fine():
    frame, problems = read_csv_bytes("\ufeffISO3, Year ,Indicator,Value\nVNM,2019,x_y,1\n".encode(), "x.csv")
    assert problems == [] and list(frame.columns) == ["iso3", "year", "indicator", "value"]


def test_long_problem_lists_are_cut_with_a_count():
    frame = read(HEADER + "".join(f"XXX,,{2000 + n},a_b,1,,,\n" for n in range(25)))
    _, problems = check_tidy(frame, "m.csv")
    lines = summarise(problems)
    assert len(lines) == 21 and lines[-1] == "… and 5 more problems of the same kinds"


def test_catalogue_rows_are_checked_with_row_and_column():
    good = {"indicator": "a_b", "name": "A", "unit": "%", "definition": "", "source": "S", "source_url": ""}
    good |= {"licence": "", "file": "library/a.csv", "characteristic": "B", "sectoral_body": "SLOM"}
    good |= {"mapping": "ours", "direction": "decrease", "percentage": "true", "min": "0", "max": "100"}
    good |= {"synthetic": "false"}
    (ind,) = parse_catalogue([good])
    assert ind.percentage and ind.direction == "decrease" and not ind.official_mapping
    for change, message in [
        ({"sectoral_body": "XYZ"}, "row 2, column 'sectoral_body': 'XYZ' is not a known body code"),
        ({"percentage": "yes"}, "row 2, column 'percentage': write true or false"),
        ({"max": "150"}, "row 2, column 'min': a percentage needs a range inside 0 to 100"),
        ({"characteristic": "F"}, "row 2, column 'characteristic'"),
        ({"direction": "up"}, "row 2, column 'direction'"),
    ]:
        with pytest.raises(CatalogueError, match=message):
            parse_catalogue([{**good, **change}])
    with pytest.raises(CatalogueError, match="row 3, column 'indicator': 'a_b' is listed twice"):
        parse_catalogue([good, good])


def test_downloads_never_carry_a_formula():
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")' and safe_cell(-3.5) == -3.5
    csv = to_safe_csv(pd.DataFrame({"country": ["@SUM(A1)", "Viet Nam"], "value": [-1.0, 2.0]})).decode(
        "utf-8-sig"
    )
    assert csv.splitlines() == ["country,value", "'@SUM(A1),-1.0", "Viet Nam,2.0"]

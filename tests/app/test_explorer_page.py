"""The data explorer in AppTest: an indicator from the library, filtered, charted, sourced."""

from __future__ import annotations

from datasets.library import library
from tests.app.test_pages import app, join, open_page


def test_explorer_shows_an_indicator_with_its_source_and_filters_it(room):
    at = join(app(), room)
    open_page(at, "datasets/explorer_page.py")
    assert not at.exception and at.title[0].value == "Data explorer"
    assert at.get("vega_lite_chart") and at.dataframe
    note = next(c.value for c in at.caption if "**Source:**" in c.value)
    first = library().indicator(_ids([at.selectbox[2].value])[0])
    assert first is not None and first.unit in note and "**Licence:**" in note
    assert at.get("download_button")

    at.selectbox[0].select("C. Sustainable").run()
    choices = at.selectbox[2].options
    assert choices and all(library().indicator(i).characteristic == "C" for i in _ids(choices))
    at.selectbox[1].select("ASOEN — ASEAN Senior Officials on the Environment").run()
    assert all(library().indicator(i).sectoral_body == "ASOEN" for i in _ids(at.selectbox[2].options))

    table = at.dataframe[0].value
    at.multiselect[0].set_value(["Viet Nam", "Thailand"]).run()
    narrowed = at.dataframe[0].value
    assert set(narrowed.columns) - {"year"} <= {"Viet Nam", "Thailand"} and len(narrowed.columns) < len(
        table.columns
    )


def _ids(labels: list[str]) -> list[str]:
    """Selectbox options come back as their labels: map them to indicator ids."""
    by_label = {i.label: i.id for i in library().indicators}
    return [by_label.get(label, label) for label in labels]

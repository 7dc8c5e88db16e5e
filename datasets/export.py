"""Tables for download: CSV and XLSX cells whose text a spreadsheet never runs as a formula."""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def set_text(cell: Any, text: str) -> None:
    """An openpyxl cell holding `text` as text: typed as a string, and text that starts like a formula
    carries the quote prefix, so that it also stays text when someone edits the cell in a spreadsheet."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads accents right), text cells made formula-safe."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(safe_cell)
    safe.columns = [str(safe_cell(str(c))) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")

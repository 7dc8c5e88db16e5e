"""Learner text made safe to check and store: pasted spreadsheet debris removed, lengths limited."""

from __future__ import annotations

import re
import unicodedata

SHORT_MAX = 300  # a statement, a narrative, a unit
LONG_MAX = 1000  # a definition, assumptions, a means of verification

# Zero-width and direction marks, byte-order marks and soft hyphens come with text copied from Word or Excel.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean(value: object, *, multiline: bool = False) -> str:
    """Unicode NFC, no invisible or control characters, tabs and odd spaces as one space, trimmed.

    A cell pasted from a spreadsheet may carry tabs, non-breaking spaces, zero-width characters or a
    stray line break; none of them means anything to a checker and all of them confuse word matching.
    """
    if value is None or (isinstance(value, float) and value != value):  # None or NaN from a table
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if multiline:
        return "\n".join(line for line in lines if line)
    return " ".join(line for line in lines if line)

"""One translation function for every UI string, backed by gettext catalogues (English now)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"


@functools.cache
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        catalog = read_po(f, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def language() -> str:
    """The interface language of this deployment (per-learner choice comes with translations)."""
    return os.environ.get("ACADEMY_LANGUAGE", DEFAULT_LANGUAGE)


def _(message: str) -> str:
    """Translate a UI string; untranslated strings fall back to the English source."""
    return _catalogue(language()).get(message, message)

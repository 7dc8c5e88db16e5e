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


def extract(root: Path) -> list[str]:
    """Every string passed to _() in the project's Python files, sorted (for the catalogue)."""
    from babel.messages.extract import extract_from_dir

    found: set[str] = set()
    method_map = [
        ("**/.venv/**", "ignore"),
        ("tests/**", "ignore"),
        ("mutants/**", "ignore"),  # mutmut's mutated copy of the project (tests/MUTATION.md)
        ("**.py", "python"),
    ]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), method_map=method_map, keywords={"_": None}
    ):
        found.add(str(message))
    return sorted(found)


def write_catalogue(root: Path) -> Path:
    """Write messages.pot (the template translators start from) and the English catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = Catalog(project="ASCC M&E Academy", charset="utf-8")
    for message in extract(root):
        template.add(message)
    pot = LOCALES_DIR / f"{DOMAIN}.pot"
    for path, locale in ((pot, None), (LOCALES_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po", "en")):
        template.locale = locale  # type: ignore[assignment]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, template, omit_header=True, width=100)
    return pot


if __name__ == "__main__":
    print(f"wrote {write_catalogue(Path(__file__).resolve().parent.parent)}")

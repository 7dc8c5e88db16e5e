"""The course glossary (content/glossary.toml): terms, search, and which lessons use each term."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modules.questions import ID_PATTERN

GLOSSARY_FILE = "glossary.toml"
GLOSSARY_SCHEME = "glossary:"


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    source: str
    see_also: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    @property
    def first_letter(self) -> str:
        return next((c.upper() for c in self.term if c.isalnum()), "#")


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.terms})

    def term(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)  # type: ignore[attr-defined, no-any-return]

    def search(self, query: str) -> list[Term]:
        """Terms matching every word of the query: names first, then definitions; alphabetical within."""
        words = query.casefold().split()
        if not words:
            return list(self.terms)
        in_name = [t for t in self.terms if all(any(w in n.casefold() for n in t.names) for w in words)]
        named = {t.id for t in in_name}
        in_text = [
            t
            for t in self.terms
            if t.id not in named and all(w in f"{' '.join(t.names)} {t.definition}".casefold() for w in words)
        ]
        return in_name + in_text


def _mention(names: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def lessons_using(glossary: Glossary, lessons: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Term id → ids of the lessons whose text names the term (or an alias) or links to its entry.

    `lessons` gives (lesson id, lesson text) in course order.
    """
    patterns = {t.id: _mention(t.names) for t in glossary.terms}
    found: dict[str, list[str]] = {t.id: [] for t in glossary.terms}
    for lesson_id, text in lessons:
        for term_id, pattern in patterns.items():
            if f"]({GLOSSARY_SCHEME}{term_id})" in text or pattern.search(text):
                found[term_id].append(lesson_id)
    return {k: tuple(v) for k, v in found.items()}


def _texts(raw: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return tuple(v.strip() for v in value)


def parse_glossary(data: dict[str, Any]) -> tuple[Glossary, list[str]]:
    """Build the glossary from glossary.toml's table; problems name the term and what is wrong."""
    problems: list[str] = []
    terms: list[Term] = []
    raw_terms = data.get("terms", [])
    if not isinstance(raw_terms, list) or not all(isinstance(t, dict) for t in raw_terms):
        return Glossary(()), ["'terms' must be a list of [[terms]] tables"]
    for n, raw in enumerate(raw_terms, start=1):
        where = f"[[terms]] #{n} ({raw.get('id', '?')})"
        texts = {k: raw.get(k) for k in ("id", "term", "definition", "source")}
        missing = [k for k, v in texts.items() if not isinstance(v, str) or not v.strip()]
        aliases, see_also = _texts(raw, "aliases"), _texts(raw, "see_also")
        if missing:
            problems.append(f"{where}: {', '.join(missing)} missing or not text")
        elif not ID_PATTERN.match(texts["id"]):  # type: ignore[arg-type]
            problems.append(f"{where}: id must be lower-case letters, digits and hyphens")
        elif aliases is None or see_also is None:
            problems.append(f"{where}: 'aliases' and 'see_also' must be lists of texts")
        else:
            terms.append(
                Term(
                    str(texts["id"]),
                    str(texts["term"]).strip(),
                    aliases,
                    str(texts["definition"]).strip(),
                    str(texts["source"]).strip(),
                    see_also,
                )
            )
    owners: dict[str, str] = {}  # lower-cased name → term id
    seen: set[str] = set()
    for t in terms:
        if t.id in seen:
            problems.append(f"term '{t.id}' is defined twice")
        seen.add(t.id)
        for name in t.names:
            if (other := owners.setdefault(name.casefold(), t.id)) != t.id:
                problems.append(f"term '{t.id}': the name '{name}' already belongs to '{other}'")
    ids = {t.id for t in terms}
    for t in terms:
        problems += [f"term '{t.id}': see_also names unknown term '{s}'" for s in t.see_also if s not in ids]
    terms.sort(key=lambda t: t.term.casefold())
    return Glossary(tuple(terms)), problems


def load_glossary(root: Path) -> tuple[Glossary, list[str]]:
    path = root / GLOSSARY_FILE
    if not path.exists():
        return Glossary(()), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return Glossary(()), ["is not UTF-8 text"]
    except tomllib.TOMLDecodeError as err:
        return Glossary(()), [f"invalid TOML ({err})"]
    return parse_glossary(data)

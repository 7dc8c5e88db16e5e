"""The rule catalogue as data: findings, their wording (rules.toml) and the word lists (keywords.toml)."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HERE = Path(__file__).parent
RULES_FILE = HERE / "rules.toml"
KEYWORDS_FILE = HERE / "keywords.toml"
Severity = Literal["error", "warning", "hint"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "hint")
PENALTY = {"error": 15, "warning": 5, "hint": 0}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a checker noticed: which rule, how serious, where, and what to do about it."""

    rule: str
    severity: Severity
    field: str  # "statement", "definition", "narrative", "assumptions", ... ("" for the whole piece)
    title: str
    explain: str
    suggest: str
    row: str = ""  # a logframe row's reference ("" outside a logframe)
    indicator: int | None = None  # the indicator's position in its row, from 1

    @property
    def message(self) -> str:
        return f"{self.explain} {self.suggest}"


@dataclass(frozen=True, slots=True)
class RuleText:
    title: str
    severity: Severity
    explain: str
    suggest: str


class RuleFileError(ValueError):
    """rules.toml or keywords.toml is broken; the message names the file and the entry."""


@functools.cache
def rule_texts(language: str = "en") -> dict[str, RuleText]:
    try:
        table = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))[language]
    except (tomllib.TOMLDecodeError, KeyError) as err:
        raise RuleFileError(f"{RULES_FILE.name}: {err}") from err
    texts = {}
    for rule, entry in table.items():
        missing = {"title", "severity", "explain", "suggest"} - set(entry)
        if missing or entry["severity"] not in SEVERITIES:
            raise RuleFileError(
                f"{RULES_FILE.name}: [{language}.{rule}] needs title, severity, explain, suggest"
            )
        texts[rule] = RuleText(entry["title"], entry["severity"], entry["explain"], entry["suggest"])
    return texts


@functools.cache
def keywords(language: str = "en") -> dict[str, tuple[str, ...]]:
    try:
        table = tomllib.loads(KEYWORDS_FILE.read_text(encoding="utf-8"))[language]
    except (tomllib.TOMLDecodeError, KeyError) as err:
        raise RuleFileError(f"{KEYWORDS_FILE.name}: {err}") from err
    return {name: tuple(w.lower() for w in words) for name, words in table.items()}


def finding(rule: str, field: str, *, row: str = "", indicator: int | None = None, **values: str) -> Finding:
    """A finding worded from rules.toml, with {placeholders} filled from `values`."""
    text = rule_texts()[rule]
    fill = _Filler(values)
    return Finding(
        rule=rule,
        severity=text.severity,
        field=field,
        title=text.title.format_map(fill),
        explain=text.explain.format_map(fill),
        suggest=text.suggest.format_map(fill),
        row=row,
        indicator=indicator,
    )


class _Filler(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def score(findings: list[Finding]) -> int:
    """100 less 15 per error and 5 per warning (hints are free), never below 0."""
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


@functools.cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w#%])(" + "|".join(alternatives) + r")(?![\w%])", re.IGNORECASE)


def find_words(text: str, words: tuple[str, ...]) -> list[tuple[int, str]]:
    """(position, word as written) of every whole-word match of `words` in `text`."""
    return [(m.start(), m.group(0)) for m in _pattern(words).finditer(text)]


def starts_with(text: str, words: tuple[str, ...]) -> str | None:
    """The word or phrase of `words` that `text` starts with, as written, if any."""
    match = _pattern(words).match(text.lstrip(" \"'“‘-•*("))
    return match.group(0) if match else None

"""The facilitator guide: per-lesson notes (facilitator.toml) and the workshop agenda (agenda.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FACILITATOR_FILE = "facilitator.toml"
AGENDA_FILE = "agenda.toml"
_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True, slots=True)
class LessonNote:
    minutes: int
    how: str
    misconceptions: tuple[str, ...]
    discussion: str


@dataclass(frozen=True, slots=True)
class Session:
    start: str  # "09:00"
    minutes: int
    title: str
    lessons: tuple[str, ...]  # lesson ids, "m1/results-chain"
    activities: tuple[str, ...]  # what else happens: exercises, group work, breaks


@dataclass(frozen=True, slots=True)
class Day:
    title: str
    sessions: tuple[Session, ...]

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else ""


def _texts(raw: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None
    return tuple(v.strip() for v in value)


def _minutes(raw: dict[str, Any]) -> int:
    value = raw.get("minutes")
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 480 else 0


def parse_notes(data: dict[str, Any], slugs: tuple[str, ...]) -> tuple[dict[str, LessonNote], list[str]]:
    """Notes by lesson slug; every lesson of the module needs one, and no note names a missing lesson."""
    problems: list[str] = []
    notes: dict[str, LessonNote] = {}
    raw = data.get("lessons", {})
    if not isinstance(raw, dict):
        return {}, ["'lessons' must be tables named [lessons.<lesson id>]"]
    for slug, table in raw.items():
        if slug not in slugs:
            problems.append(f"[lessons.{slug}]: no lesson with this id in the module")
            continue
        misconceptions = _texts(table, "misconceptions") if isinstance(table, dict) else None
        if not misconceptions or not (_minutes(table) and _text(table, "how") and _text(table, "discussion")):
            problems.append(
                f"[lessons.{slug}]: needs minutes (1-480), how, discussion and a list of misconceptions"
            )
            continue
        notes[slug] = LessonNote(
            _minutes(table), _text(table, "how"), misconceptions, _text(table, "discussion")
        )
    problems += [f"lesson '{s}' has no [lessons.{s}] note" for s in slugs if s not in notes and s not in raw]
    return notes, problems


def parse_agenda(data: dict[str, Any]) -> tuple[tuple[Day, ...], list[str]]:
    problems: list[str] = []
    days: list[Day] = []
    raw_days = data.get("days", [])
    if not isinstance(raw_days, list) or not raw_days:
        return (), ["needs at least one [[days]] table"]
    for d, day in enumerate(raw_days, start=1):
        if not isinstance(day, dict) or not _text(day, "title"):
            problems.append(f"day {d}: needs a title and [[days.sessions]]")
            continue
        sessions: list[Session] = []
        raw_sessions = day.get("sessions", [])
        for n, raw in enumerate(raw_sessions if isinstance(raw_sessions, list) else [], start=1):
            where = f"day {d}, session {n}"
            raw = raw if isinstance(raw, dict) else {}
            lessons, activities = _texts(raw, "lessons"), _texts(raw, "activities")
            start, title, minutes = _text(raw, "start"), _text(raw, "title"), _minutes(raw)
            if not _CLOCK.match(start) or not title or not minutes or lessons is None or activities is None:
                problems.append(
                    f"{where}: needs start (HH:MM), minutes (1-480), title, and lists lessons and activities"
                )
                continue
            if sessions and start <= sessions[-1].start:
                problems.append(f"{where}: starts at {start}, not after the session before it")
            sessions.append(Session(start, minutes, title, lessons, activities))
        if not sessions:
            problems.append(f"day {d}: needs at least one [[days.sessions]] table")
        days.append(Day(_text(day, "title"), tuple(sessions)))
    return tuple(days), problems

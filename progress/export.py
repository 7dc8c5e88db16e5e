"""A cohort's records for download: the roster and results as CSV and as a formatted XLSX workbook,
and its learning statements as xAPI 1.0.3 JSON. Text cells are formula-safe everywhere; e-mail
addresses appear in the xAPI actor only when the learner agreed to share them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import uuid
import zipfile
from typing import Any
from urllib.parse import quote

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from datasets.export import set_text, to_safe_csv
from modules.catalog import Curriculum
from progress.cohorts import roster
from progress.models import Cohort, Person, Statement
from progress.practice import EXERCISES
from progress.reports import exercise_rows, roster_rows
from progress.statements import events_of_cohort
from progress.titles import ACTIVITY, Titles

XAPI_VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
VERB_IRIS = {
    "viewed": ADL + "experienced",
    "answered": ADL + "answered",
    "hinted": ADL + "interacted",
    "attempted": ADL + "attempted",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
}
NAMESPACE = uuid.UUID("6f1c2d1e-5b0a-4c39-9d7e-2a9b8c3e4f10")  # statement ids: uuid5 of our own keys
HEADER_FILL = "1F4E78"


def base_url() -> str:
    """The app's address, which names the actors' accounts and the activities (ACADEMY_BASE_URL)."""
    return os.environ.get("ACADEMY_BASE_URL", "http://localhost:8501").rstrip("/")


# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------


def roster_frame(people: list[Person]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": p.display_name,
                "email": p.email or "",
                "member state": p.member_state or "",
                "sectoral body": p.sectoral_body or "",
                "joined": "yes" if p.recovery_hash else "not yet",
                "on the roster since": p.created_at.strftime("%Y-%m-%d %H:%M"),
            }
            for p in people
        ],
        columns=["name", "email", "member state", "sectoral body", "joined", "on the roster since"],
    )


def results_frame(session: Session, cur: Curriculum, cohort_id: int) -> pd.DataFrame:
    """Per participant: module completion, checks and quiz, the tests, and each exercise's status."""
    people = roster(session, cohort_id)
    events = events_of_cohort(session, cohort_id)
    modules = roster_rows(cur, people, events)
    exercises = exercise_rows(people, [e for e in events if e.object_id.startswith("exercise:")], set())
    tests = {
        (e.actor_id, e.object_id): e.score
        for e in events
        if e.object_id in ("test:pre", "test:post") and e.verb == "completed"
    }
    rows = []
    for person, row, practice in zip(people, modules, exercises, strict=True):
        last = row["last activity"]
        row = {
            **row,
            "last activity": last.strftime("%Y-%m-%d %H:%M") if isinstance(last, dt.datetime) else "",
            "pre-test %": tests.get((person.id, "test:pre")),
            "post-test %": tests.get((person.id, "test:post")),
        }
        rows.append(row | {EXERCISES[k]: practice[k] for k in EXERCISES})
    return pd.DataFrame(rows)


def to_csv(frame: pd.DataFrame) -> bytes:
    return to_safe_csv(frame)


def to_xlsx(sheets: dict[str, pd.DataFrame], title: str) -> bytes:
    """One sheet per table: a bold header on a dark band, frozen; text cells typed as text, and text that
    starts like a formula carries the quote prefix (it stays text when edited); widths fit the content."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    for name, frame in sheets.items():
        ws = book.create_sheet(name[:31])
        for col, heading in enumerate(frame.columns, start=1):
            cell = ws.cell(row=1, column=col)
            set_text(cell, str(heading))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", start_color=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, values in enumerate(frame.itertuples(index=False), start=2):
            for col, value in enumerate(values, start=1):
                _put(ws.cell(row=r, column=col), value)
        for col, heading in enumerate(frame.columns, start=1):
            longest = max([len(str(heading)), *(len(str(v)) for v in frame.iloc[:, col - 1])], default=8)
            ws.column_dimensions[get_column_letter(col)].width = min(48, max(8, longest + 2))
        ws.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(cell: Any, value: object) -> None:
    if value is None or (isinstance(value, float) and value != value):
        return
    if isinstance(value, bool | int | float):
        cell.value = value
        return
    set_text(cell, str(value))


# --------------------------------------------------------------------------------------------------
# xAPI
# --------------------------------------------------------------------------------------------------


def _iri(kind: str, name: str) -> str:
    return f"{base_url()}/xapi/{kind}/{quote(name, safe='')}"


def _score(object_id: str, verb: str, score: float) -> dict[str, float]:
    """Quizzes, tests and exercise submissions score out of 100; an answer (a check, a quiz question, a
    broken link) and a lesson's share of checks right score out of 1."""
    percent = verb != "answered" and re.match(r"^(quiz|test|exercise):", object_id) is not None
    top = 100.0 if percent else 1.0
    raw = max(0.0, min(top, float(score)))
    return {"scaled": round(raw / top, 4), "raw": round(raw, 4), "min": 0.0, "max": top}


def xapi_statements(session: Session, cur: Curriculum, cohort: Cohort) -> list[dict[str, Any]]:
    """Every statement of the cohort, in order, as xAPI 1.0.3."""
    titles = Titles.of(cur)
    people = {p.id: p for p in roster(session, cohort.id)}
    cohort_activity = {
        "objectType": "Activity",
        "id": _iri("cohorts", cohort.room_code),
        "definition": {
            "name": {"en-US": cohort.name},
            "type": "http://id.tincanapi.com/activitytype/school-class",
        },
    }
    course = {
        "objectType": "Activity",
        "id": _iri("courses", "ascc-me-academy"),
        "definition": {"name": {"en-US": "ASCC M&E Academy"}, "type": ACTIVITY + "course"},
    }
    query = select(Statement).where(Statement.cohort_id == cohort.id).order_by(Statement.id)
    out = []
    for s in session.scalars(query):
        person = people.get(s.actor_id)
        if person is None:
            continue
        name, kind = titles.of_object(s.object_id)
        statement: dict[str, Any] = {
            "id": str(uuid.uuid5(NAMESPACE, s.idempotency_key)),
            "actor": _actor(person),
            "verb": {"id": VERB_IRIS[s.verb], "display": {"en-US": s.verb}},
            "object": {
                "objectType": "Activity",
                "id": _iri("activities", s.object_id),
                "definition": {"name": {"en-US": name}, "type": kind},
            },
            "context": {
                "registration": str(uuid.uuid5(NAMESPACE, f"registration:{cohort.room_code}:{person.id}")),
                "contextActivities": {"grouping": [cohort_activity, course]},
                "language": s.language or "en",
            },
            "timestamp": s.timestamp.replace(tzinfo=dt.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "version": XAPI_VERSION,
        }
        result: dict[str, Any] = {}
        if s.score is not None:
            result["score"] = _score(s.object_id, s.verb, s.score)
        if s.success is not None:
            result["success"] = bool(s.success)
        if s.completion is not None:
            result["completion"] = bool(s.completion)
        if s.response is not None:
            value = json.loads(s.response)
            result["response"] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if result:
            statement["result"] = result
        out.append(statement)
    return out


def _actor(person: Person) -> dict[str, Any]:
    """An account on this app; the e-mail only if the learner agreed to share it."""
    if person.email and person.email_consent:
        return {"objectType": "Agent", "name": person.display_name, "mbox": f"mailto:{person.email}"}
    return {
        "objectType": "Agent",
        "name": person.display_name,
        "account": {"homePage": base_url(), "name": f"learner-{person.id}"},
    }


def to_xapi_json(statements: list[dict[str, Any]]) -> bytes:
    return json.dumps(statements, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------------------------------
# One call per format, for the page and the command line
# --------------------------------------------------------------------------------------------------

FORMATS = ("csv", "xlsx", "xapi")


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40] or "cohort"


def zip_files(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


def export_files(session: Session, cur: Curriculum, cohort: Cohort, fmt: str) -> dict[str, bytes]:
    """File name → content for one format ("csv" gives two files: the roster and the results)."""
    stem = f"{slug(cohort.name)}-{cohort.room_code.lower()}"
    if fmt == "xapi":
        return {f"{stem}-xapi.json": to_xapi_json(xapi_statements(session, cur, cohort))}
    people = roster(session, cohort.id)
    sheets = {"Roster": roster_frame(people), "Results": results_frame(session, cur, cohort.id)}
    if fmt == "csv":
        return {f"{stem}-{name.lower()}.csv": to_csv(frame) for name, frame in sheets.items()}
    if fmt == "xlsx":
        return {f"{stem}.xlsx": to_xlsx(sheets, cohort.name)}
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")

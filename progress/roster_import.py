"""A cohort's roster from a CSV file (name, e-mail optional, Member State, sectoral body): read and
checked in full before anything is written, so a file with a problem imports nothing and every
problem is named with its line and column. The page and `python -m progress roster --import` share it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from datasets.reference import member_states, sectoral_bodies
from progress.accounts import InputError, clean_name
from progress.models import EMAIL_MAX, Cohort, Person

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
COLUMNS = {  # accepted headings (lower case, spaces and underscores alike) → field
    "name": "name",
    "full name": "name",
    "participant": "name",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "member state": "member_state",
    "country": "member_state",
    "sectoral body": "sectoral_body",
    "body": "sectoral_body",
    "sector": "sectoral_body",
}
REQUIRED = ("name", "member_state", "sectoral_body")
STATE_ALIASES = {"vietnam": "VNM", "laos": "LAO", "brunei": "BRN", "burma": "MMR", "lao pdr": "LAO"}


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    name: str
    email: str | None
    member_state: str  # ISO 3166 alpha-3
    sectoral_body: str  # code, e.g. ACDM


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.column}" if self.line else "the file"
        return f"{where}: {self.message}"


@dataclass
class Parsed:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _key(heading: str) -> str:
    return " ".join(heading.replace("_", " ").strip().lower().split())


def _member_state(value: str) -> str | None:
    wanted = _key(value)
    for m in member_states():
        if wanted in (m.iso3.lower(), _key(m.name)):
            return m.iso3
    return STATE_ALIASES.get(wanted)


def _body(value: str) -> str | None:
    wanted = _key(value)
    return next((b.code for b in sectoral_bodies() if wanted in (b.code.lower(), _key(b.full_name))), None)


def parse_roster(data: bytes) -> Parsed:
    """Every row of the file, or every problem in it (line numbers as a spreadsheet shows them)."""
    out = Parsed()
    if len(data) > MAX_BYTES:
        out.problems.append(
            Problem(0, "", f"it is {len(data) // 1000:,} KB; the limit is {MAX_BYTES // 1000:,} KB")
        )
        return out
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.problems.append(
            Problem(0, "", "it is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”")
        )
        return out
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        out.problems.append(Problem(0, "", "it is empty"))
        return out
    fields = [COLUMNS.get(_key(h)) for h in header]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        names = ", ".join(m.replace("_", " ") for m in missing)
        out.problems.append(Problem(1, "header", f"no column for {names} (found: {', '.join(header)})"))
        return out
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(out.rows) + len(out.problems) >= MAX_ROWS:
            out.problems.append(Problem(line, "", f"more than {MAX_ROWS:,} participants in one file"))
            break
        values = {
            f: unicodedata.normalize("NFC", c).strip() for f, c in zip(fields, cells, strict=False) if f
        }
        row = _row(line, values, out.problems)
        if row is None:
            continue
        if row.name.casefold() in seen:
            out.problems.append(
                Problem(line, "name", f"“{row.name}” is also on line {seen[row.name.casefold()]}")
            )
            continue
        seen[row.name.casefold()] = line
        out.rows.append(row)
    return out


def _row(line: int, values: dict[str, str], problems: list[Problem]) -> RosterRow | None:
    before = len(problems)
    try:
        name = clean_name(values.get("name", ""))
    except InputError as err:
        problems.append(Problem(line, "name", str(err)))
        name = ""
    email = values.get("email") or None
    if email and (len(email) > EMAIL_MAX or not EMAIL.match(email)):
        problems.append(Problem(line, "email", f"“{email[:60]}” is not an e-mail address"))
    state = _member_state(values.get("member_state", ""))
    if state is None:
        problems.append(
            Problem(line, "member state", f"“{values.get('member_state', '')[:40]}” is not a Member State")
        )
    body = _body(values.get("sectoral_body", ""))
    if body is None:
        problems.append(
            Problem(line, "sectoral body", f"“{values.get('sectoral_body', '')[:40]}” is not a sectoral body")
        )
    if len(problems) > before or state is None or body is None:
        return None
    return RosterRow(line, name, email, state, body)


@dataclass(frozen=True, slots=True)
class Imported:
    added: list[str]
    already: list[str]  # names on the roster already: left as they are


def import_roster(session: Session, cohort: Cohort, rows: list[RosterRow]) -> Imported:
    """Add the rows as participants who have not joined yet; a name already on the roster is skipped.
    Joining later with the room code and the same name claims the place (progress.accounts)."""
    existing = {
        p.display_name.casefold()
        for p in session.scalars(
            select(Person).where(Person.cohort_id == cohort.id, Person.role == "learner")
        )
    }
    added, already = [], []
    for row in rows:
        if row.name.casefold() in existing:
            already.append(row.name)
            continue
        session.add(
            Person(
                role="learner",
                display_name=row.name,
                email=row.email,
                member_state=row.member_state,
                sectoral_body=row.sectoral_body,
                cohort_id=cohort.id,
            )
        )
        existing.add(row.name.casefold())
        added.append(row.name)
    session.flush()
    return Imported(added, already)

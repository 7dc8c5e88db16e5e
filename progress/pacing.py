"""Pacing: a trainer opens and closes a cohort's modules, lessons, quizzes, tests and exercises.

Everything is open unless a row says otherwise. A lesson or quiz is closed when it, or its module, is
closed; a closed item with an opening time opens by itself at that time, and participants see when.
Self-paced learners (no cohort) have everything open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.catalog import Curriculum
from modules.i18n import _
from progress.models import Pacing, utcnow
from progress.practice import EXERCISES


@dataclass(frozen=True, slots=True)
class Gate:
    """Why an item is closed: which item closes it (itself or its module) and when it opens, if known."""

    item_id: str
    opens_at: dt.datetime | None

    def message(self, what: str = "") -> str:
        """What a participant reads, e.g. "This lesson is not open yet. It opens on …" (through the
        translation catalogue)."""
        head = _("{what} is not open yet.").format(what=what) if what else _("Not open yet.")
        if self.opens_at is None:
            return head + " " + _("Your trainer will open it during the workshop.")
        return head + " " + _("It opens on {when} UTC.").format(when=f"{self.opens_at:%d %b %Y at %H:%M}")


@dataclass(frozen=True, slots=True)
class Schedule:
    """A cohort's pacing rows: item id → (open, opening time)."""

    rows: dict[str, tuple[bool, dt.datetime | None]]

    def gate(self, item_id: str, now: dt.datetime | None = None) -> Gate | None:
        """None when the item is open now; otherwise what closes it."""
        now = now or utcnow()
        for candidate in (item_id, parent(item_id)):
            if candidate is None or candidate not in self.rows:
                continue
            is_open, opens_at = self.rows[candidate]
            if not is_open and (opens_at is None or opens_at > now):
                return Gate(candidate, opens_at)
        return None


OPEN = Schedule({})


def parent(item_id: str) -> str | None:
    """The module an item belongs to ("lesson:m1/x" and "quiz:m1" → "module:m1")."""
    if item_id.startswith("lesson:"):
        return "module:" + item_id.removeprefix("lesson:").split("/")[0]
    if item_id.startswith("quiz:"):
        return "module:" + item_id.removeprefix("quiz:")
    return None


def schedule(session: Session, cohort_id: int | None) -> Schedule:
    if cohort_id is None:
        return OPEN
    rows = session.execute(
        select(Pacing.item_id, Pacing.is_open, Pacing.opens_at).where(Pacing.cohort_id == cohort_id)
    )
    return Schedule({item: (bool(is_open), opens_at) for item, is_open, opens_at in rows})


def set_item(
    session: Session, cohort_id: int, item_id: str, is_open: bool, opens_at: dt.datetime | None
) -> None:
    """Open or close one item (an open item with no time needs no row: it is the default)."""
    row = session.get(Pacing, (cohort_id, item_id))
    if is_open and opens_at is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(Pacing(cohort_id=cohort_id, item_id=item_id, is_open=is_open, opens_at=opens_at))
    else:
        row.is_open, row.opens_at = is_open, opens_at
    session.flush()


@dataclass(frozen=True, slots=True)
class Item:
    item_id: str
    label: str
    kind: str  # module | lesson | quiz | test | exercise


def items(cur: Curriculum) -> list[Item]:
    """What a trainer can open and close, in course order."""
    out = [Item("test:pre", "Pre-test", "test")]
    for m in cur.modules:
        out.append(Item(f"module:{m.id}", f"Module {m.number}: {m.title}", "module"))
        out += [
            Item(ls.object_id, f"    {m.number}.{n} {ls.title}", "lesson")
            for n, ls in enumerate(m.lessons, 1)
        ]
        if m.quiz is not None:
            out.append(Item(m.quiz.object_id, f"    Module {m.number} quiz", "quiz"))
    out.append(Item("test:post", "Post-test", "test"))
    out += [Item(f"exercise:{name}", f"Exercise: {title}", "exercise") for name, title in EXERCISES.items()]
    return out


def closed_message(cohort_id: int | None, item_id: str, what: str) -> str | None:
    """For a page's first lines: None if the item is open for this cohort now, else what to tell them."""
    from progress.db import sessions

    with sessions().begin() as db:
        gate = schedule(db, cohort_id).gate(item_id)
    return None if gate is None else gate.message(what)


# --------------------------------------------------------------------------------------------------
# The agenda: which modules and exercises a cohort runs, in what order (None: the whole course)
# --------------------------------------------------------------------------------------------------


def agenda_choices(cur: Curriculum) -> dict[str, str]:
    """Item id → label of what an agenda can hold, in course order: each module with its lessons, then
    the exercises."""
    choices: dict[str, str] = {}
    for m in cur.modules:
        choices[f"module:{m.id}"] = f"Module {m.number}: {m.title}"
        choices |= {ls.object_id: f"{m.number}.{n} {ls.title}" for n, ls in enumerate(m.lessons, 1)}
    choices |= {f"exercise:{name}": f"Exercise: {title}" for name, title in EXERCISES.items()}
    return choices


def clean_agenda(cur: Curriculum, chosen: list[str]) -> list[str] | None:
    """The chosen ids that exist, in the chosen order, once each; None when all are chosen in course
    order (the default needs no agenda)."""
    known = agenda_choices(cur)
    kept = list(dict.fromkeys(i for i in chosen if i in known))
    return None if kept == list(known) else kept


def in_agenda_order(agenda: list[str] | None, ids: list[str]) -> tuple[list[str], list[str]]:
    """`ids` split into those on the agenda, in its order, and the rest in their own order."""
    if agenda is None:
        return list(ids), []
    on = [i for i in agenda if i in ids]
    return on, [i for i in ids if i not in on]


def agenda_modules(agenda: list[str] | None) -> list[str] | None:
    """The modules an agenda runs, in its order: a module counts when it, or one of its lessons, is on it."""
    if agenda is None:
        return None
    modules = [
        i if i.startswith("module:") else parent(i) for i in agenda if i.startswith(("module:", "lesson:"))
    ]
    return list(dict.fromkeys(m for m in modules if m))

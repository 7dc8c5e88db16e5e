"""A cohort's roster, recomputed only when its members or their statements have changed.

The trainer's page reruns often (every click, and later on a timer) while most reruns see the
same data; deriving 70 learners' progress from thousands of statements each time would blow the
page budget. A cheap stamp query (row counts and newest ids, all indexed) decides whether the
cached rows are still true; any replica's new statement changes the stamp. The rows are kept as an
Arrow table too, so the page's table costs no conversion on a rerun.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import pyarrow as pa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from modules.catalog import Curriculum
from progress.cohorts import roster
from progress.drafts import cohort_drafts
from progress.models import Person, Statement
from progress.reports import exercise_rows, roster_rows
from progress.statements import events_of_cohort

MAX_COHORTS = 32
T = TypeVar("T")
Stamp = tuple[int, int, int, int]
Rows = list[dict[str, object]]
_cache: OrderedDict[tuple[str, str, int], tuple[Hashable, Any]] = OrderedDict()
_lock = threading.Lock()


def cohort_stamp(session: Session, cohort_id: int) -> Stamp:
    """Counts and newest ids of the cohort's statements and members, in one round trip."""

    def count_and_newest(model: type[Statement] | type[Person]) -> list[Any]:
        in_cohort = model.cohort_id == cohort_id
        return [
            select(func.count(model.id)).where(in_cohort).scalar_subquery(),
            select(func.coalesce(func.max(model.id), 0)).where(in_cohort).scalar_subquery(),
        ]

    row = session.execute(select(*count_and_newest(Statement), *count_and_newest(Person))).one()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def cohort_roster(session: Session, cur: Curriculum, cohort_id: int) -> Rows:
    """Roster rows for a cohort, from the cache while nothing in the cohort has changed."""
    return cohort_roster_table(session, cur, cohort_id)[0]


def cohort_roster_table(session: Session, cur: Curriculum, cohort_id: int) -> tuple[Rows, pa.Table]:
    """The roster rows and the same rows as an Arrow table, both from the cache while they hold."""

    def build() -> tuple[Rows, pa.Table]:
        rows = roster_rows(cur, roster(session, cohort_id), events_of_cohort(session, cohort_id))
        return rows, pa.Table.from_pylist(rows)

    return stamped(session, "roster", cohort_id, build)


def cohort_exercises(session: Session, cohort_id: int) -> Rows:
    """Each participant's exercise status and score (only exercise statements are read; drafts by name),
    from the cache while neither the cohort's statements nor its drafts have changed."""
    drafts = cohort_drafts(session, cohort_id)
    return stamped(
        session,
        "exercises",
        cohort_id,
        lambda: exercise_rows(
            roster(session, cohort_id), events_of_cohort(session, cohort_id, prefix="exercise:"), drafts
        ),
        extra=frozenset(drafts),
    )


def stamped(session: Session, kind: str, cohort_id: int, build: Callable[[], T], extra: Hashable = None) -> T:
    """`build()`, or its last result for this cohort while the cohort's stamp (and `extra`) is unchanged:
    the one cache of what is derived from a cohort's statements (roster, exercise statuses, coverage,
    reports, the live room's whole-workshop view). The key holds the database URL: one process may serve
    several databases in tests."""
    key = (str(session.get_bind().engine.url), kind, cohort_id)
    stamp = (cohort_stamp(session, cohort_id), extra)
    with _lock:
        hit = _cache.get(key)
        if hit and hit[0] == stamp:
            _cache.move_to_end(key)
            return cast(T, hit[1])
    value = build()
    with _lock:
        _cache[key] = (stamp, value)
        while len(_cache) > MAX_COHORTS * 4:
            _cache.popitem(last=False)
    return value

"""Seed a database for the benchmark: a demo class with history, fresh learners, one trainer."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bench.client import Check
from modules.catalog import Lesson, Module, curriculum
from modules.grading import model_response
from modules.questions import Question
from progress.accounts import create_trainer, join_cohort, register_self_paced, start_sign_in
from progress.cohorts import adopt_unowned_cohorts, demo_cohort
from progress.db import make_engine, make_sessionmaker, migrate
from progress.models import Person, Statement
from progress.record import answer_check, view_lesson

# Single-choice checks in lesson order of a learner's path: results chain first (the page under test),
# then lessons whose check has no attempt limit, so a session can keep answering.
PLAN = (
    "m1-chain-2",
    "m1-mve-2",
    "m1-toc-3",
    "m1-ind-4",
    "m1-base-1",
    "m1-lf-2",
)
MEMBER_STATES = ("VNM", "THA", "IDN", "PHL", "MYS", "KHM", "LAO", "MMR", "SGP", "BRN")
SECTORAL_BODIES = ("ACDM", "SLOM", "ACCSM", "SOMHD", "ASOEN")
TRAINER_PASSWORD = "bench trainer password"


@dataclass
class Seeded:
    """What the load needs: who signs in with which token, and the checks to answer."""

    url: str
    room_code: str
    class_tokens: list[str]  # learners of the demo cohort, with some history
    trainer_token: str
    checks: list[Check]
    fresh: list[str] = field(default_factory=list)  # unused learners with a little history

    def take_fresh(self, n: int) -> list[str]:
        """Hand out `n` learners nobody has used yet (their checks are still open)."""
        if n > len(self.fresh):
            raise ValueError(f"only {len(self.fresh)} fresh learners seeded, {n} asked")
        taken, self.fresh = self.fresh[:n], self.fresh[n:]
        return taken


def plan_checks() -> list[Check]:
    """The single-choice checks of PLAN with their right and wrong choices, from the content files."""
    cur = curriculum()
    checks = []
    for qid in PLAN:
        q = cur.questions[qid]
        lesson = next(ls for m in cur.modules for ls in m.lessons if q in ls.parsed.questions)
        right = next(c.text for c in q.choices if c.correct)
        wrong = tuple(c.text for c in q.choices if not c.correct)
        checks.append(Check(lesson.id, qid, right, wrong, q.max_attempts))
    return checks


def wrong_answer(q: Question, rng: random.Random) -> Any:
    if q.kind == "single":
        return rng.choice([c.text for c in q.choices if not c.correct])
    if q.kind == "numeric":
        return q.answer + q.tolerance + 1.0
    if q.kind == "text":
        return "not sure"
    if q.kind == "ordering":
        return list(reversed(q.items))
    if q.kind == "multiple":
        return [c.text for c in q.choices if not c.correct][:1] or [q.choices[0].text]
    return {p.left: q.rights[0] for p in q.pairs}


def sessionmaker_for(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    migrate(engine)
    return make_sessionmaker(engine)


def _history(db: Session, person: Person, lessons: list[Lesson], rng: random.Random, skip: set[str]) -> None:
    for lesson in lessons:
        view_lesson(db, person, lesson, uuid.uuid4().hex)
        for q in lesson.parsed.questions:
            if q.id in skip or rng.random() > 0.7:
                continue
            answer = model_response(q) if rng.random() < 0.6 else wrong_answer(q, rng)
            answer_check(db, person, lesson, q, answer, uuid.uuid4().hex)


def bench_module() -> Module:
    """The module the benchmark's learners work in: PLAN's checks are in it."""
    module = curriculum().module("m1")
    assert module is not None
    return module


def seed(url: str, *, class_size: int, fresh: int, seed: int = 1) -> Seeded:
    """Migrate, make the demo cohort with `class_size` learners and one trainer, and `fresh` learners.

    Class learners have viewed some lessons and answered some checks (so My progress and the roster
    have data). Fresh learners are self-paced, have viewed the first lesson and answered its text check,
    and have not touched the checks in PLAN.
    """
    rng = random.Random(seed)
    make = sessionmaker_for(url)
    module = bench_module()
    with make.begin() as db:
        cohort = demo_cohort(db)
        room = cohort.room_code
        trainer = create_trainer(db, f"bench-{uuid.uuid4().hex[:8]}", "Bench Trainer", TRAINER_PASSWORD)
        adopt_unowned_cohorts(db, trainer)
        trainer_token = start_sign_in(db, trainer)
    class_tokens = []
    for i in range(class_size):
        with make.begin() as db:
            person, _ = join_cohort(
                db, room, f"Class learner {i + 1:03d}", rng.choice(MEMBER_STATES), rng.choice(SECTORAL_BODIES)
            )
            _history(db, person, module.lessons[: rng.randint(1, len(module.lessons))], rng, set())
            class_tokens.append(start_sign_in(db, person))
    seeded = Seeded(url, room, class_tokens, trainer_token, plan_checks())
    add_fresh(seeded, fresh)
    return seeded


def add_fresh(seeded: Seeded, n: int, seed: int = 2) -> None:
    """Add `n` fresh self-paced learners to `seeded.fresh`."""
    rng = random.Random(seed + len(seeded.fresh))
    make = sessionmaker_for(seeded.url)
    first = bench_module().lessons[0]
    plan = set(PLAN)
    with make.begin() as db:
        for i in range(n):
            person, _ = register_self_paced(
                db, f"Load learner {i + 1:03d}", rng.choice(MEMBER_STATES), rng.choice(SECTORAL_BODIES)
            )
            view_lesson(db, person, first, uuid.uuid4().hex)
            q = next(q for q in first.parsed.questions if q.kind == "text" and q.id not in plan)
            answer_check(db, person, first, q, model_response(q), uuid.uuid4().hex)
            seeded.fresh.append(start_sign_in(db, person))


def count_statements(url: str, verb: str = "answered") -> int:
    """How many statements with `verb` the database holds."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).where(Statement.verb == verb)) or 0)
    finally:
        engine.dispose()

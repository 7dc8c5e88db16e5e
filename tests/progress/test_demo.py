"""The simulated workshop: realistic, spread over three Ha Noi working days, graded by the real checkers."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from sqlalchemy import select

from exercises.tracking_cases import Answer, cases, grade, set_score
from progress.__main__ import main
from progress.demo import HANOI, simulate
from progress.models import Cohort, Person, Statement
from progress.practice import TRACKING_CASES

START = dt.date(2026, 11, 24)


@pytest.fixture
def workshop(sessions):
    with sessions.begin() as db:
        result = simulate(db, 12, start=START, seed=7)
        cohort_id = result.cohort.id
    with sessions.begin() as db:
        people = list(db.scalars(select(Person).where(Person.cohort_id == cohort_id)))
        rows = list(db.scalars(select(Statement).where(Statement.cohort_id == cohort_id)))
        cohort = db.get_one(Cohort, cohort_id)
        db.expunge_all()
    return cohort, people, rows


def test_the_workshop_has_its_participants_over_three_days_in_working_hours(workshop):
    cohort, people, rows = workshop
    assert (cohort.starts_on, cohort.ends_on) == (START, START + dt.timedelta(days=2))
    assert len(people) == 12
    assert len({p.member_state for p in people}) == 10 and {p.sectoral_body for p in people} == {
        "ACDM",
        "ASOEN",
        "COP-AATHP",
        "SLOM",
        "ACCSM",
    }
    local = [r.timestamp.replace(tzinfo=dt.UTC).astimezone(HANOI) for r in rows]
    assert {t.date() for t in local} == {START + dt.timedelta(days=d) for d in range(3)}
    assert all(dt.time(8, 30) <= t.time() <= dt.time(19, 0) for t in local)
    assert min(local).time() < dt.time(9, 30)  # the day starts with joining and the pre-test


def test_every_participant_answers_with_typical_mistakes_and_takes_the_tests(workshop):
    _cohort, people, rows = workshop
    verbs = Counter(r.verb for r in rows)
    assert verbs["answered"] > 12 * 50 and verbs["viewed"] > 12 * 15 and verbs["passed"] >= 6
    pre = {r.actor_id for r in rows if r.object_id == "test:pre" and r.verb == "completed"}
    post = {r.actor_id for r in rows if r.object_id == "test:post" and r.verb == "completed"}
    assert pre == {p.id for p in people} and len(post) >= 9  # a few leave before the last afternoon
    wrong = Counter(r.response for r in rows if r.verb == "answered" and r.success is False)
    assert wrong.most_common(1)[0][1] >= 3  # one wrong answer is given by many: a typical mistake
    right = sum(r.success is True for r in rows if r.verb == "answered")
    assert 0.45 < right / verbs["answered"] < 0.9


def test_exercise_scores_are_what_the_checkers_give_for_the_recorded_answers(workshop):
    _cohort, _people, rows = workshop
    submitted = [r for r in rows if r.object_id == TRACKING_CASES and r.verb == "completed"]
    assert len(submitted) >= 10
    for r in submitted:
        answers = json.loads(r.response)
        results = [grade(c, Answer.from_dict(answers[c.id])) for c in cases()]
        assert r.score == set_score(results)
    kinds = {r.object_id.split(":")[1] for r in rows if r.object_id.startswith("exercise:")}
    assert {"results-chain", "assumptions", "logframe", "tracker", "alignment", "midterm-review"} <= kinds


def test_the_command_prints_the_room_code_last(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo", "--participants", "3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    from progress.db import make_engine, make_sessionmaker

    with make_sessionmaker(make_engine(url)).begin() as db:
        cohort = db.scalars(select(Cohort).where(Cohort.room_code == out[-1])).one()
        assert cohort.name == "Simulated workshop, 3 participants (demo data)"
    assert main(["demo", "--participants", "0"]) == 2

"""Exercise statements, drafts as state, and the status derived for a learner and a cohort."""

from __future__ import annotations

import pytest

from progress.drafts import DraftTooLarge, cohort_drafts, delete_draft, draft_names, load_draft, save_draft
from progress.models import Person
from progress.practice import (
    LOGFRAME_OBJECT,
    exercise_of,
    exercise_statuses,
    record_answer,
    record_attempt,
    record_submission,
)
from progress.reports import exercise_rows
from progress.statements import events_of, events_of_cohort


@pytest.fixture
def db(sessions):
    """One transaction for the whole test, on SQLite and on PostgreSQL."""
    with sessions.begin() as session:
        yield session


@pytest.fixture
def learner(db):
    from progress.cohorts import demo_cohort

    cohort = demo_cohort(db)
    person = Person(role="learner", display_name="Lan", cohort_id=cohort.id, sectoral_body="ACDM")
    db.add(person)
    db.flush()
    return person


def test_exercise_of_names_the_exercise_of_an_object():
    assert exercise_of("exercise:logframe") == "logframe"
    assert exercise_of("exercise:indicator-clinic:slom-1") == "indicator-clinic"
    assert exercise_of("exercise:broken-link:acdm-chain-1") == "results-chain"
    assert exercise_of("exercise:unknown:x") is None and exercise_of("lesson:m1-01") is None


def test_attempts_and_submissions_are_statements_and_a_repeat_click_counts_once(db, learner):
    assert record_attempt(
        db, learner, "exercise:indicator-clinic:c1", "n1", score=40, response={"statement": "x"}
    )
    assert record_submission(
        db, learner, "exercise:indicator-clinic:c1", "n2", score=90, response={}, success=True
    )
    assert not record_submission(db, learner, "exercise:indicator-clinic:c1", "n2", score=90, response={})
    record_answer(db, learner, "exercise:broken-link:ch", "n3", response=2, correct=False)
    verbs = [(e.verb, e.score) for e in events_of(db, learner.id)]
    assert verbs == [("attempted", 40.0), ("completed", 90.0), ("answered", 0.0)]
    assert (
        events_of_cohort(db, learner.cohort_id, prefix="exercise:indicator") == events_of(db, learner.id)[:2]
    )


def test_status_counts_items_submitted_and_averages_their_best_scores(db, learner):
    for item, score in (("c1", 60), ("c1", 100), ("c2", 70)):
        record_submission(
            db, learner, f"exercise:indicator-clinic:{item}", f"{item}{score}", score=score, response={}
        )
    record_submission(db, learner, "exercise:results-chain:ACDM", "round1", score=50, response={})
    record_submission(db, learner, "exercise:results-chain:ACDM", "round2", score=80, response={})
    record_attempt(db, learner, "exercise:indicator-clinic:c3", "try", score=20, response={})
    status = exercise_statuses(events_of(db, learner.id), {LOGFRAME_OBJECT})
    clinic = status["indicator-clinic"]
    assert (clinic.state, clinic.submitted, clinic.score, clinic.attempts) == ("submitted", 2, 85.0, 4)
    assert clinic.label() == "2 done · 85%"
    chain = status["results-chain"]
    assert (chain.submitted, chain.score) == (2, 80.0)  # rounds: the best one counts
    assert status["logframe"].state == "in progress" and status["logframe"].label() == "in progress"
    assert status["assumptions"].label() == "—"


def test_drafts_are_kept_per_learner_replaced_and_size_limited(db, learner):
    other = Person(role="learner", display_name="Other")
    db.add(other)
    db.flush()
    assert save_draft(db, learner.id, LOGFRAME_OBJECT, {"rows": [1]})
    assert not save_draft(db, learner.id, LOGFRAME_OBJECT, {"rows": [1]})  # unchanged: nothing written
    assert save_draft(db, learner.id, LOGFRAME_OBJECT, {"rows": [1, 2]})
    assert load_draft(db, learner.id, LOGFRAME_OBJECT) == {"rows": [1, 2]}
    assert load_draft(db, other.id, LOGFRAME_OBJECT) is None
    assert draft_names(db, learner.id) == {LOGFRAME_OBJECT}
    assert cohort_drafts(db, learner.cohort_id) == {(learner.id, LOGFRAME_OBJECT)}
    with pytest.raises(DraftTooLarge, match="the limit is 256 KB"):
        save_draft(db, learner.id, LOGFRAME_OBJECT, {"text": "x" * 300_000})
    assert load_draft(db, learner.id, LOGFRAME_OBJECT) == {"rows": [1, 2]}  # the last good draft stays
    delete_draft(db, learner.id, LOGFRAME_OBJECT)
    assert load_draft(db, learner.id, LOGFRAME_OBJECT) is None


def test_cohort_exercise_rows_show_each_participant(db, learner):
    record_submission(db, learner, LOGFRAME_OBJECT, "n", score=72, response={})
    rows = exercise_rows([learner], events_of_cohort(db, learner.cohort_id), set())
    assert rows == [
        {
            "name": "Lan",
            "sectoral body": "ACDM",
            "results-chain": "—",
            "indicator-clinic": "—",
            "logframe": "1 done · 72%",
            "assumptions": "—",
            "tracker": "—",
            "alignment": "—",
            "midterm-review": "—",
        }
    ]


def test_the_cohorts_exercise_rows_follow_new_drafts_and_statements(db, learner):
    from progress.roster import cohort_exercises

    def cell() -> object:
        return cohort_exercises(db, learner.cohort_id)[0]["logframe"]

    assert cell() == "—"
    assert cohort_exercises(db, learner.cohort_id) is cohort_exercises(db, learner.cohort_id)  # cached
    save_draft(db, learner.id, LOGFRAME_OBJECT, {"rows": [1]})
    db.flush()
    assert cell() == "in progress"  # a new draft is seen at once
    record_submission(db, learner, LOGFRAME_OBJECT, "n2", score=80, response={})
    assert cell() == "1 done · 80%"

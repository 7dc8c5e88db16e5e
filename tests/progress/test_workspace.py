"""A learner's workspace keeps the data files they choose to save, and only theirs."""

from __future__ import annotations

import pandas as pd
import pytest

from progress.accounts import join_cohort
from progress.cohorts import demo_cohort
from progress.workspace import (
    MAX_FILES,
    WorkspaceFull,
    delete_dataset,
    load_dataset,
    save_dataset,
    saved_datasets,
)


def table(value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": ["VNM"], "country": ["Viet Nam"], "year": [2020], "indicator": ["trained_officials"],
         "value": [value], "sex": [""], "location": [""], "age": [""]}
    )  # fmt: skip


@pytest.fixture
def two_learners(sessions):
    with sessions.begin() as db:
        room = demo_cohort(db).room_code
        lan, _ = join_cohort(db, room, "Lan", "VNM", "ACDM")
        siti, _ = join_cohort(db, room, "Siti", "IDN", "ASOEN")
        return lan.id, siti.id


def test_save_list_replace_load_delete_and_nobody_else_sees_it(sessions, two_learners):
    lan, siti = two_learners
    with sessions.begin() as db:
        save_dataset(db, lan, "mine.csv", table(12))
        save_dataset(db, lan, "mine.csv", table(30))  # the same name replaces it
    with sessions.begin() as db:
        assert [name for name, _ in saved_datasets(db, lan)] == ["mine.csv"]
        assert saved_datasets(db, siti) == [] and load_dataset(db, siti, "mine.csv") is None
        kept = load_dataset(db, lan, "mine.csv")
        assert kept is not None and float(kept["value"][0]) == 30 and list(kept["iso3"]) == ["VNM"]
        delete_dataset(db, lan, "mine.csv")
    with sessions.begin() as db:
        assert saved_datasets(db, lan) == []


def test_the_workspace_holds_a_limited_number_of_files(sessions, two_learners):
    lan, _ = two_learners
    with sessions.begin() as db:
        for n in range(MAX_FILES):
            save_dataset(db, lan, f"f{n}.csv", table(n))
    with sessions.begin() as db, pytest.raises(WorkspaceFull):
        save_dataset(db, lan, "one-more.csv", table(1))
    with sessions.begin() as db:
        save_dataset(db, lan, "f0.csv", table(99))  # replacing one is still fine
        assert len(saved_datasets(db, lan)) == MAX_FILES

"""Several trainers may share a cohort; a trainer sees only their own cohorts unless an administrator."""

from __future__ import annotations

import pytest

from progress.__main__ import main
from progress.accounts import InputError, create_trainer, join_cohort
from progress.cohorts import can_manage, cohorts_of, create_cohort, share_cohort, trainers_of

PASSWORD = "a long trainer password"


def test_sharing_a_cohort_and_what_each_trainer_sees(sessions):
    with sessions.begin() as db:
        ana = create_trainer(db, "ana", "Ana", PASSWORD)
        ben = create_trainer(db, "ben", "Ben", PASSWORD)
        boss = create_trainer(db, "boss", "Boss", PASSWORD)
        boss.is_admin = True
        hanoi = create_cohort(db, ana, "Ha Noi")
        bangkok = create_cohort(db, ben, "Bangkok")
        assert [c.name for c in cohorts_of(db, ana.id)] == ["Ha Noi"]
        assert [c.name for c in cohorts_of(db, ben.id)] == ["Bangkok"]
        assert {c.name for c in cohorts_of(db, boss.id)} == {"Ha Noi", "Bangkok"}
        assert not can_manage(db, ben, hanoi.id) and can_manage(db, boss, hanoi.id)
        with pytest.raises(InputError, match="You do not run this cohort"):
            share_cohort(db, ben, hanoi.id, "ben")
        with pytest.raises(InputError, match="No trainer has the username 'nobody'"):
            share_cohort(db, ana, hanoi.id, "nobody")
        share_cohort(db, ana, hanoi.id, "ben")
        share_cohort(db, ana, hanoi.id, "ben")  # twice: still one place
        assert [t.username for t in trainers_of(db, hanoi.id)] == ["ana", "ben"]
        assert {c.name for c in cohorts_of(db, ben.id)} == {"Ha Noi", "Bangkok"}
        learner, _ = join_cohort(db, bangkok.room_code, "Lan", "VNM", "ACDM")
        assert not can_manage(db, learner, bangkok.id)
        with pytest.raises(InputError):
            share_cohort(db, learner, bangkok.id, "ana")


def test_an_administrator_is_made_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a.sqlite3'}")
    monkeypatch.setenv("ACADEMY_TRAINER_PASSWORD", PASSWORD)
    assert main(["create-trainer", "--username", "boss", "--name", "Boss", "--admin"]) == 0
    assert "administrator" in capsys.readouterr().out


def test_editing_a_cohort_checks_its_venue_and_keeps_the_agenda_unless_given(sessions):
    import datetime as dt

    from progress.cohorts import update_cohort

    with sessions.begin() as db:
        ana = create_trainer(db, "ana", "Ana", PASSWORD)
        cohort = create_cohort(db, ana, "Ha Noi")
        update_cohort(db, cohort, "Ha Noi", None, None, "A" * 100, ["module:m1"])
        assert cohort.venue == "A" * 100 and cohort.agenda == ["module:m1"]
        update_cohort(db, cohort, "Ha Noi, day 2", dt.date(2019, 1, 28), dt.date(2019, 1, 30), "")
        assert cohort.venue is None and cohort.agenda == ["module:m1"]  # no agenda given: kept
        with pytest.raises(InputError, match="Venue is 121 characters long; the limit is 120"):
            update_cohort(db, cohort, "Ha Noi", None, None, "B" * 121)

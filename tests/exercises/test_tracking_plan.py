"""Rules NUM-01 to NUM-07 on a tracking plan: each triggered, and a close plan that must not trigger it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises.tracking_plan import Plan, check_plan

# Forest area (% of land) in a country: to rise from 45 % in 2015 to 50 % by 2030.
SOUND = Plan("increase", True, 2015, 45.0, 2030, 50.0, {2020: 46.5, 2025: 48.0})


def rules(plan: Plan) -> list[str]:
    return [f.rule for f in check_plan(plan)]


def test_a_sound_plan_has_no_finding():
    assert check_plan(SOUND) == []


CASES = [
    ("NUM-01", {"baseline": None}, {"baseline": 0.0}),  # a baseline of zero is a baseline
    ("NUM-02", {"baseline_year": 2030}, {"baseline_year": 2029}),
    ("NUM-03", {"target_year": None}, {"target_year": 2031}),
    ("NUM-04", {"target": 44.0}, {"target": 45.5}),
    (
        "NUM-04",
        {"direction": "decrease"},
        {"direction": "decrease", "target": 40.0, "milestones": {2020: 43.0}},
    ),
    ("NUM-05", {"target": 101.0}, {"target": 100.0}),
    (
        "NUM-06",
        {"percentage": False, "baseline": -1.0, "target": 5.0, "milestones": {}},
        {"percentage": False},
    ),
    ("NUM-07", {"milestones": {2020: 47.0, 2025: 46.0}}, {"milestones": {2020: 47.0, 2025: 47.0}}),
]


@pytest.mark.parametrize(("rule", "bad", "close"), CASES, ids=[c[0] for c in CASES])
def test_rule_flags_the_problem_and_spares_the_close_plan(rule, bad, close):
    assert rule in rules(replace(SOUND, **bad))
    assert rule not in rules(replace(SOUND, **close))


def test_findings_name_the_field_and_the_value():
    found = check_plan(replace(SOUND, target=120.0, milestones={2020: 130.0}))
    assert [(f.rule, f.field) for f in found] == [("NUM-05", "target"), ("NUM-05", "milestone 2020")]
    assert "The target (120)" in found[0].explain
    assert "{" not in found[0].message


def test_a_decreasing_plan_reads_its_milestones_downwards():
    deaths = Plan("decrease", False, 2015, 30.0, 2030, 20.0, {2020: 27.0, 2025: 28.0})
    assert rules(deaths) == ["NUM-07"]
    assert check_plan(replace(deaths, milestones={2020: 27.0, 2025: 24.0})) == []


def test_interim_targets_follow_the_milestones_or_the_straight_line():
    from exercises.tracking_plan import expected_value

    assert expected_value(SOUND, 2015) == 45.0
    assert expected_value(SOUND, 2020) == 46.5  # a milestone
    assert expected_value(SOUND, 2022) == pytest.approx(46.5 + 1.5 * 2 / 5)  # between two milestones
    assert expected_value(SOUND, 2030) == 50.0 and expected_value(SOUND, 2033) == 50.0
    assert expected_value(SOUND, 2010) is None
    assert expected_value(replace(SOUND, target=None), 2022) is None


def test_progress_year_by_year_with_grey_where_there_is_no_data():
    from exercises.tracking import PRESETS
    from exercises.tracking_plan import latest, progress

    actuals = {2015: 45.0, 2018: 45.6, 2020: 46.2}
    rows = progress(SOUND, actuals, "baseline", PRESETS["jica"])
    assert [r.year for r in rows] == list(range(2015, 2031))
    assert rows[0].percent is None and rows[0].colour == "grey"  # no change planned yet at the baseline
    by_year = {r.year: r for r in rows}
    assert by_year[2020].percent == pytest.approx(80.0)  # 1.2 of the 1.5 points planned by 2020
    assert by_year[2020].colour == "green"  # JICA: 80 % is green
    assert by_year[2019].colour == "grey" and by_year[2019].actual is None
    assert latest(rows) == by_year[2020]
    assert latest(progress(SOUND, {2015: 45.0}, "baseline", PRESETS["jica"])) is None

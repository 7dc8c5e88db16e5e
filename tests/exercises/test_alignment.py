"""Work-plan alignment: rules AL-01 to AL-06, the trainer's key, and the cohort's coverage."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from datasets.samples import tool1_reports
from datasets.synthetic import PLANTED
from exercises.alignment import (
    NONE,
    ItemMapping,
    answer_key,
    check_item,
    check_plan,
    coverage,
    coverage_table,
    latest_mappings,
    plan_score,
)


def rules_of(m: ItemMapping, with_indicators: frozenset[str] = frozenset()) -> list[str]:
    return [f.rule for f in check_item("An item", m, set(with_indicators), None).findings]


GOOD = ItemMapping(
    "X", "D", "D.1", "ii", "ACDM-O1", "Shared data feed the regional risk picture.", "ACDM-O1-I1"
)


@pytest.mark.parametrize(
    ("mapping", "rules"),
    [
        (GOOD, []),
        (ItemMapping("X"), ["AL-01"]),
        (ItemMapping("X", characteristic="D"), ["AL-01"]),
        (ItemMapping("X", "E", "D.1", "", "ACDM-O1", "c", "i"), ["AL-02"]),  # KRA outside the Characteristic
        (ItemMapping("X", "D", "D.9", "", "ACDM-O1", "c", "i"), ["AL-02"]),  # no such KRA
        (ItemMapping("X", "D", "D.1", "2", "ACDM-O1", "c", "i"), ["AL-02"]),  # not a roman numeral
        (ItemMapping("X", "D", "D.1", "iv", "", "c"), ["AL-03"]),  # no outcome
        (ItemMapping("X", "D", "D.1", "iv", NONE, ""), ["AL-03"]),  # "none of these" but no contribution line
        (ItemMapping("X", "D", "D.1", "iv", NONE, "Feeds D.1 directly."), []),
    ],
)
def test_item_rules(mapping, rules):
    assert rules_of(mapping) == rules


def test_al_06_asks_for_an_indicator_only_where_the_outcome_has_some():
    no_indicator = ItemMapping("X", "D", "D.1", "", "ACDM-O1", "c")
    assert rules_of(no_indicator, frozenset({"ACDM-O1"})) == ["AL-06"]
    assert rules_of(no_indicator, frozenset({"ACDM-O2"})) == []
    assert check_item("An item", no_indicator, {"ACDM-O1"}, None).findings[0].severity == "hint"


def test_a_plan_without_any_outcome_link_is_al_04_and_a_scattered_one_al_05():
    items = {f"I{n}": f"item {n}" for n in range(7)}
    kras = ["A.1", "A.2", "B.1", "B.2", "C.1", "C.2", "D.1"]
    mappings = {i: ItemMapping(i, k[0], k, "", NONE, "c") for i, k in zip(items, kras, strict=True)}
    _results, plan = check_plan(items, mappings, set())
    assert [f.rule for f in plan] == ["AL-04", "AL-05"]
    focused = {i: ItemMapping(i, "D", "D.1", "", "ACDM-O1", "c") for i in items}
    assert check_plan(items, focused, set())[1] == []


def test_the_key_covers_every_item_and_differs_from_the_data_only_where_a_code_was_planted():
    key = answer_key()
    plans = tool1_reports()
    assert set(key) == set(plans["item_id"])
    own = {i: c.rsplit(".", 1)[0] for i, c in zip(plans["item_id"], plans["blueprint_code"], strict=True)}
    differs = {i for i, k in key.items() if k.kra != own[i]}
    assert differs == {i for i, why in PLANTED.items() if why.startswith("code does not match")}
    outcomes = dict(zip(plans["item_id"], plans["body"], strict=True))
    assert all(not k.outcome_id or k.outcome_id.startswith(outcomes[i] + "-O") for i, k in key.items())


def test_the_score_counts_items_in_a_kra_the_trainer_accepts():
    key = answer_key()
    items = {"ACDM-01": "portal", "ACDM-06": "risk financing", "ACDM-02": "ARDEX"}
    mappings = {
        "ACDM-01": ItemMapping("ACDM-01", "D", "D.1", "ii", "ACDM-O1", "c"),
        "ACDM-06": ItemMapping("ACDM-06", "E", "E.3", "iv", NONE, "c"),  # the planted code: wrong
    }
    results, _plan = check_plan(items, mappings, set())
    assert [r.kra_agrees for r in results] == [True, False, None]  # ACDM-02 left unmapped
    assert plan_score(results) == 33
    assert key["ACDM-06"].kra == "D.1"


def event(actor: int, body: str, kras: dict[str, str], verb: str = "completed"):
    rows = {item: {"kra": kra} for item, kra in kras.items()}
    return SimpleNamespace(actor_id=actor, verb=verb, object_id=f"exercise:alignment:{body}", response=rows)


def test_coverage_takes_each_learners_latest_mapping_and_the_majority_kra_per_item():
    events = [
        event(1, "ACDM", {"ACDM-01": "E.3"}),
        event(1, "ACDM", {"ACDM-01": "D.1", "ACDM-02": "D.1"}),  # replaces the first
        event(2, "ACDM", {"ACDM-01": "D.1", "ACDM-02": "D.2"}),
        event(3, "ACDM", {"ACDM-01": "D.1", "ACDM-02": ""}),
        event(4, "ASOEN", {"ASOEN-01": "C.1", "ASOEN-02": "D.1"}),
        event(5, "ASOEN", {"ASOEN-01": "C.9"}, verb="attempted"),  # not a submission
    ]
    cov = coverage(latest_mappings(events))
    assert cov.counts[("D.1", "ACDM")] == 2  # ACDM-01 by 3 votes; ACDM-02 tied 1–1, first choice kept
    assert cov.counts[("D.1", "ASOEN")] == 1 and cov.counts[("C.1", "ASOEN")] == 1
    assert cov.bodies == ("ACDM", "ASOEN")
    assert "D.1" in cov.overlaps and "A.1" in cov.gaps and "C.1" not in cov.gaps
    table = coverage_table(cov)
    assert len(table) == 17 * 2
    assert {r["note"] for r in table if r["kra"] == "A.1"} == {"gap"}

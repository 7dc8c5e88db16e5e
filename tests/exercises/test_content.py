"""The exercises' content files: complete, consistent with the checkers, and broken files named clearly."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from exercises import assumptions, clinic, results_chain, rules
from exercises.assumptions import decide, projects
from exercises.clinic import cases, check_attempt
from exercises.indicators import Indicator, lint_indicator
from exercises.results_chain import CHAIN_LEVELS, BankError, banks

HA_NOI = {"ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM"}
CATALOGUE = [f"IND-{n:02}" for n in range(1, 15)] + [f"LF-{n:02}" for n in range(1, 16)]
KEYWORD_LISTS = {
    "measure_starts",
    "measure_qualifiers",
    "measure_heads",
    "direction_words",
    "standard_phrases",
    "target_lead_words",
    "number_words",
    "vague_words",
    "activity_verbs",
    "noun_verbs",
    "participles",
    "output_words",
    "uptake_words",
    "generic_mov_words",
    "action_starts",
    "action_phrases",
    "actor_words",
    "control_phrases",
    "negative_starts",
}


def test_every_catalogue_rule_has_wording_and_a_severity():
    texts = rules.rule_texts()
    assert set(CATALOGUE) <= set(texts)
    severities = {rule: t.severity for rule, t in texts.items()}
    assert (
        severities["IND-05"] == "error"
        and severities["IND-06"] == "warning"
        and severities["IND-13"] == "hint"
    )


def _keyword_problems(table: dict[str, list[str]]) -> list[str]:
    """Entries of keywords.toml that break its rules: lower case, no stray spaces, each listed once."""
    problems = [f"{name} is empty" for name, words in table.items() if not words]
    for name, words in table.items():
        problems += [f"{name}: {w!r} is not lower case" for w in words if w != w.lower()]
        problems += [f"{name}: {w!r} has stray spaces" for w in words if w != w.strip()]
        problems += [
            f"{name}: {w!r} is listed {n} times" for w, n in Counter(map(str.lower, words)).items() if n > 1
        ]
    return problems


def test_keyword_lists_are_the_known_ones_lower_case_and_without_duplicates():
    raw = tomllib.loads(Path(rules.KEYWORDS_FILE).read_text(encoding="utf-8"))
    assert set(raw["en"]) == KEYWORD_LISTS
    assert {language: set(table) for language, table in raw.items() if set(table) != KEYWORD_LISTS} == {}
    assert set(rules.keywords()) == KEYWORD_LISTS
    assert [problem for table in raw.values() for problem in _keyword_problems(table)] == []


def test_the_keyword_check_names_each_kind_of_broken_entry():
    broken = {"actor_words": ["Member States", "ams", " ministry", "AMS"], "vague_words": []}
    assert _keyword_problems(broken) == [
        "vague_words is empty",
        "actor_words: 'Member States' is not lower case",
        "actor_words: 'AMS' is not lower case",
        "actor_words: ' ministry' has stray spaces",
        "actor_words: 'ams' is listed 2 times",
    ]


def test_a_broken_rules_file_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "rules.toml"
    bad.write_text(
        '[en.IND-01]\ntitle = "x"\nseverity = "fatal"\nexplain = "e"\nsuggest = "s"\n', encoding="utf-8"
    )
    monkeypatch.setattr(rules, "RULES_FILE", bad)
    rules.rule_texts.cache_clear()
    try:
        with pytest.raises(rules.RuleFileError, match=r"rules.toml: \[en.IND-01\]"):
            rules.rule_texts()
    finally:
        rules.rule_texts.cache_clear()


def test_each_ha_noi_sector_has_a_bank_of_twenty_statements_over_every_level():
    found = banks()
    assert set(found) >= HA_NOI
    for body, bank in found.items():
        levels = Counter(s.level for s in bank.statements)
        assert len(bank.statements) >= 20 and set(levels) == set(CHAIN_LEVELS), body
        assert len({s.id for s in bank.statements}) == len(bank.statements), body
        assert all(s.why.strip() for s in bank.statements), body
        assert len(bank.chains) >= 2, body


def test_a_round_has_every_level_and_is_the_same_after_a_reload():
    bank = banks()["ACDM"]
    first = results_chain.round_of(bank, "seed-1")
    assert len(first) == results_chain.ROUND_SIZE == len({s.id for s in first})
    assert {s.level for s in first} == set(CHAIN_LEVELS)
    assert results_chain.round_of(bank, "seed-1") == first
    assert results_chain.round_of(bank, "seed-2") != first


def test_a_round_is_marked_item_by_item():
    statements = list(banks()["SLOM"].statements[:4])
    answers = {statements[0].id: statements[0].level, statements[1].id: "impact", statements[2].id: None}
    marked = results_chain.mark_round(statements, answers)
    assert [m.correct for m in marked] == [True, statements[1].level == "impact", False, False]
    assert results_chain.round_score(marked) == 25 * sum(m.correct for m in marked)


def test_a_bank_that_is_too_small_or_mislabelled_is_refused_with_its_name(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(
        'body = "X"\ntitle = "X"\nbasis = "b"\n'
        '[[statement]]\nid = "x-01"\ntext = "t"\nlevel = "result"\nwhy = "w"\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError, match=r"tiny\.toml: statement 'x-01'"):
        results_chain._bank(path)
    path.write_text('body = "X"\ntitle = "X"\nbasis = "b"\n', encoding="utf-8")
    with pytest.raises(BankError, match=r"tiny\.toml: 0 statements; at least 20"):
        results_chain._bank(path)


def test_clinic_cases_cover_every_sector_and_their_weak_statements_show_the_named_problems():
    # Rules read from the statement's wording; the rest concern plan fields, empty when a case opens.
    wording = {"IND-01", "IND-02", "IND-03", "IND-04", "IND-06", "IND-08", "IND-09"}
    found = cases()
    assert {c.body for c in found.values()} >= HA_NOI
    assert len(found) >= 15
    for case in found.values():
        flagged = {f.rule for f in lint_indicator(Indicator(statement=case.weak), case.level)}
        expected = set(case.problems) - ({"IND-01"} if "IND-08" in case.problems else set())
        assert flagged & wording == expected, case.id


def test_every_model_answer_is_well_formed_and_an_honest_attempt():
    for case in cases().values():
        checked = check_attempt(case, case.model)
        assert checked.well_formed and checked.score == 100, (case.id, checked.findings)
        assert checked.honest


def test_an_honest_attempt_needs_a_rewrite_and_two_plan_fields():
    case = next(iter(cases().values()))
    assert not clinic.is_honest_attempt(case, Indicator(statement=case.weak, definition="d", frequency="f"))
    assert not clinic.is_honest_attempt(case, Indicator(statement="Number of x", definition="d"))
    assert not clinic.is_honest_attempt(case, Indicator(definition="d", frequency="f"))
    assert clinic.is_honest_attempt(case, Indicator(statement="Number of x", definition="d", frequency="f"))


def test_screening_follows_the_killer_assumption_algorithm():
    assert decide(True, True, "unlikely") == "activity"
    assert decide(False, False, "unlikely") == "leave out"
    assert decide(False, True, "almost certain") == "leave out"
    assert decide(False, True, "likely") == "keep"
    assert decide(False, True, "unlikely") == "redesign"


def test_every_sector_has_a_screening_project_with_each_kind_of_decision():
    found = projects()
    assert {p.body for p in found.values()} == HA_NOI
    for project in found.values():
        decisions = Counter(c.model.decision for c in project.candidates)
        assert set(decisions) == {"activity", "leave out", "keep", "redesign"}, project.id
        assert any(c.rewrite for c in project.candidates), project.id


def test_screening_feedback_flags_a_kept_killer_and_bad_wording_and_scores_against_the_trainer():
    project = next(iter(projects().values()))
    models = [c.model for c in project.candidates]
    killer = next(n for n, m in enumerate(models) if m.decision == "redesign")
    ratings = list(models)
    ratings[killer] = assumptions.Rating(False, True, "unlikely", "keep")  # rated a killer, kept anyway
    rewrites = [""] * len(models)
    results = assumptions.screen(project, ratings, rewrites)
    assert [f.rule for f in results[killer].findings][:1] == ["LF-13"]
    assert results[killer].follows == "redesign" and not results[killer].agrees
    assert not any(f.rule == "LF-13" for n, r in enumerate(results) if n != killer for f in r.findings)
    assert assumptions.screening_score(results) == round(100 * (len(models) - 1) / len(models))
    keep = next(n for n, m in enumerate(models) if m.decision == "keep")
    rewrites[keep] = "The project will organise the meetings"
    worded = assumptions.screen(project, list(models), rewrites)[keep]
    assert [f.rule for f in worded.findings] == ["LF-11"]
    rewrites[keep] = "Lack of staff in agencies"
    assert [f.rule for f in assumptions.screen(project, list(models), rewrites)[keep].findings] == ["LF-12"]


def test_a_screening_case_whose_decision_does_not_follow_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "cases.toml"
    bad.write_text(
        '[[project]]\nid = "p"\nbody = "ACDM"\ntitle = "t"\nsummary = "s"\n'
        '[[project.assumption]]\ntext = "x"\nlink = "output → outcome"\ncontrolled = false\n'
        'important = true\nlikely = "unlikely"\ndecision = "keep"\nwhy = "w"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(assumptions, "CASES_FILE", bad)
    projects.cache_clear()
    try:
        with pytest.raises(assumptions.CasesError, match="p assumption 1: the decision does not follow"):
            projects()
    finally:
        projects.cache_clear()

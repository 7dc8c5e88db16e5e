"""Mid-term review simulation: the review files, ratings from the data, and the checks."""

from __future__ import annotations

import pandas as pd
import pytest

from datasets.samples import results_frameworks
from exercises.midterm import (
    CRITERIA,
    ReviewError,
    check_review,
    check_writing,
    rate_indicator,
    rate_outcomes,
    read_review,
    review_score,
    reviews,
)


def test_every_body_has_eight_questions_over_all_six_criteria_and_a_model_per_outcome():
    frame = results_frameworks()
    assert set(reviews()) == set(frame["body"])
    for body, review in reviews().items():
        assert len(review.questions) == 8
        assert {q.criterion for q in review.questions} == set(CRITERIA)
        assert set(review.model) == set(frame[frame["body"] == body]["outcome_id"])


def rows(**columns) -> pd.DataFrame:
    base = {"indicator_id": "I", "indicator": "An indicator", "baseline": 10.0}
    n = len(columns["year"])
    return pd.DataFrame({**{k: [v] * n for k, v in base.items()}, **columns})


def test_an_indicator_is_rated_on_its_latest_actual_up_to_the_review_year():
    r = rate_indicator(
        rows(year=[2017, 2018, 2019, 2020], milestone=[12, 14, 16, 18], actual=[12, 13, float("nan"), 18])
    )
    assert (r.year, r.milestone, r.actual) == (2018, 14, 13)
    assert r.percent == pytest.approx(75.0) and r.colour == "amber"  # (13 − 10) ÷ (14 − 10)
    none = rate_indicator(rows(year=[2017], milestone=[12], actual=[float("nan")]))
    assert none.percent is None and none.colour == "grey"
    flat = rate_indicator(rows(year=[2019], milestone=[10], actual=[9]))  # a "maintain" milestone
    assert flat.percent is None and flat.colour == "grey"


def test_outcomes_average_their_assessable_indicators_under_undp_2014():
    by_id = {r.outcome_id: r for b in reviews() for r in rate_outcomes(results_frameworks(), b)}
    assert by_id["COP-AATHP-O1"].percent == pytest.approx(((42 - 36) / (42 - 8) * 100 + 7 / 16 * 100) / 2)
    assert by_id["COP-AATHP-O1"].colour == "red"
    assert by_id["ACDM-O2"].colour == "green" and by_id["ACDM-O1"].colour == "amber"
    accsm = by_id["ACCSM-O2"]  # one indicator cannot be assessed: the other carries the outcome
    assert [i.percent is None for i in accsm.indicators] == [True, False]
    assert accsm.percent == pytest.approx(accsm.indicators[1].percent)


def test_checks_count_matches_and_ratings_and_advise_on_the_writing():
    review = reviews()["SLOM"]
    ratings = rate_outcomes(results_frameworks(), "SLOM")
    criteria = [q.criterion for q in review.questions]
    criteria[0] = "impact" if criteria[0] != "impact" else "relevance"
    given = {"SLOM-O1": "green", "SLOM-O2": "red"}  # SLOM-O2 is amber in the data
    matched, outcomes = check_review(review, ratings, criteria, given, {"SLOM-O1": ("Up to 8 profiles.", "")})
    assert matched.count(False) == 1
    assert [o.agrees for o in outcomes] == [True, False]
    assert review_score(matched, outcomes) == 80  # 8 of 10
    assert outcomes[0].tips == ["Add a recommendation: who should do what, by when."]
    assert (
        "quote no figure"
        in check_writing("Progress is slow.", "SLOM should ask the four Member States by June.")[0]
    )
    assert (
        check_writing(
            "Coverage data reached 6 of 10.",
            "The SLOM secretariat should ask the four missing Member States for data by June 2020.",
        )
        == []
    )


def test_a_broken_review_file_is_named(tmp_path):
    bad = tmp_path / "XYZ.toml"
    bad.write_text(
        'body = "XYZ"\ncontext = "c"\nsummary = "s"\n'
        '[[question]]\ntext = "q"\ncriterion = "value"\nwhy = "w"\n'
        '[[outcome]]\noutcome_id = "O"\nfindings = "f"\nrecommendation = "r"\n'
    )
    with pytest.raises(ReviewError, match=r"XYZ\.toml: unknown criterion value"):
        read_review(bad)
    bad.write_text('body = "XYZ"\n')
    with pytest.raises(ReviewError, match=r"XYZ\.toml: missing"):
        read_review(bad)

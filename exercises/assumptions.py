"""Assumption screening: the killer-assumption algorithm (ME-METHODS §1.6) and rules LF-11 to LF-13."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from exercises.logframe import assumption_wording
from exercises.rules import Finding, finding
from exercises.text import SHORT_MAX, clean

CASES_FILE = Path(__file__).parent / "content" / "assumption_screening.toml"
Likelihood = Literal["almost certain", "likely", "unlikely"]
Decision = Literal["activity", "leave out", "keep", "redesign"]
LIKELIHOODS: tuple[Likelihood, ...] = ("almost certain", "likely", "unlikely")
DECISIONS: tuple[Decision, ...] = ("keep", "leave out", "redesign", "activity")
DECISION_LABELS = {
    "keep": "Keep as an assumption",
    "leave out": "Leave it out",
    "redesign": "Redesign the project (killer assumption)",
    "activity": "Move it into the activities",
}


@dataclass(frozen=True, slots=True)
class Rating:
    """A participant's (or the trainer's) view of one candidate assumption."""

    controlled: bool
    important: bool
    likely: Likelihood
    decision: Decision


def decide(controlled: bool, important: bool, likely: Likelihood) -> Decision:
    """The screening algorithm: what follows from the three ratings."""
    if controlled:
        return "activity"
    if not important or likely == "almost certain":
        return "leave out"
    return "keep" if likely == "likely" else "redesign"


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    link: str
    model: Rating
    why: str
    rewrite: str


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    body: str
    title: str
    summary: str
    candidates: tuple[Candidate, ...]

    @property
    def object_id(self) -> str:
        return f"exercise:assumptions:{self.id}"


class CasesError(ValueError):
    """The cases file is broken; the message names the project and the entry."""


@functools.cache
def projects() -> dict[str, Project]:
    """The screening cases by id, read once and checked: each model decision must follow the algorithm."""
    try:
        data = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise CasesError(f"{CASES_FILE.name}: {err}") from err
    found = {}
    for p in data.get("project", []):
        candidates = []
        for n, a in enumerate(p["assumption"], start=1):
            model = Rating(a["controlled"], a["important"], a["likely"], a["decision"])
            if model.likely not in LIKELIHOODS or model.decision != decide(
                model.controlled, model.important, model.likely
            ):
                raise CasesError(f"{CASES_FILE.name}: {p['id']} assumption {n}: the decision does not follow")
            candidates.append(Candidate(a["text"], a["link"], model, a["why"], a.get("rewrite", "")))
        found[p["id"]] = Project(p["id"], p["body"], p["title"], p["summary"], tuple(candidates))
    return found


@dataclass(frozen=True, slots=True)
class Screened:
    """Feedback on one candidate: does the decision follow from the ratings; does it match the trainer's?"""

    candidate: Candidate
    rating: Rating
    findings: tuple[Finding, ...]
    follows: Decision  # what the algorithm gives for the participant's own ratings
    agrees: bool  # the participant's decision equals the trainer's
    differences: tuple[str, ...]  # which ratings differ from the trainer's, in words


def screen(project: Project, ratings: list[Rating], rewrites: list[str]) -> list[Screened]:
    """Feedback for each candidate; `rewrites[i]` is the participant's wording ("" to keep the original)."""
    results = []
    for n, (cand, rating) in enumerate(zip(project.candidates, ratings, strict=True)):
        wording = clean(rewrites[n])[:SHORT_MAX] if n < len(rewrites) and clean(rewrites[n]) else cand.text
        found: list[Finding] = []
        follows = decide(rating.controlled, rating.important, rating.likely)
        if (
            rating.decision == "keep"
            and rating.important
            and rating.likely == "unlikely"
            and not rating.controlled
        ):
            found.append(finding("LF-13", "decision", row=str(n + 1)))
        if rating.decision == "keep":
            found += assumption_wording(wording, row=str(n + 1), field="assumption")
        model = cand.model
        differences = []
        if rating.controlled != model.controlled:
            differences.append(
                "inside the project's control" if model.controlled else "outside the project's control"
            )
        elif not model.controlled:
            if rating.important != model.important:
                differences.append("important" if model.important else "not important for success")
            if rating.likely != model.likely and model.important:
                differences.append(f"{model.likely} to hold")
        results.append(
            Screened(
                cand, rating, tuple(found), follows, rating.decision == model.decision, tuple(differences)
            )
        )
    return results


def screening_score(results: list[Screened]) -> int:
    """Percentage of decisions that match the trainer's."""
    return round(100 * sum(r.agrees for r in results) / len(results)) if results else 0

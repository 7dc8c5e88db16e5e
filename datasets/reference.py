"""Reference tables read by the sign-up form and, later, the curriculum and exercises."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"


@dataclass(frozen=True, slots=True)
class MemberState:
    iso3: str
    name: str
    joined_asean: int
    in_sample_data: bool


@dataclass(frozen=True, slots=True)
class SectoralBody:
    code: str
    full_name: str
    kind: str  # "sectoral" | "coordinating" | "other"

    @property
    def label(self) -> str:
        return self.full_name if self.code == "OTHER" else f"{self.code} — {self.full_name}"


@dataclass(frozen=True, slots=True)
class Characteristic:
    code: str  # "A" .. "E"
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class KeyResultArea:
    code: str  # "B.2"
    characteristic: str
    title: str  # empty when not found
    verified: str  # "yes" | "wording unverified" | "title not found"

    @property
    def shown_title(self) -> str:
        """The title as a learner may see it: unverified wording is flagged, a missing one said."""
        if self.verified == "yes":
            return self.title
        if not self.title:
            return "title to be confirmed against the Blueprint"
        return f"{self.title} (wording to be confirmed against the Blueprint)"


@dataclass(frozen=True, slots=True)
class BodyProfile:
    """What Module 3 shows about a sectoral body; `official_mapping` False means the mapping is ours."""

    body: SectoralBody
    ministerial_body: str
    work_plan: str
    work_plan_structure: str
    characteristics: tuple[str, ...]
    official_mapping: bool
    verified: str  # "yes" | "partly"
    notes: str


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@functools.cache
def member_states() -> tuple[MemberState, ...]:
    return tuple(
        MemberState(r["iso3"], r["name"], int(r["joined_asean"]), r["in_sample_data"] == "true")
        for r in _rows("member_states.csv")
    )


@functools.cache
def sectoral_bodies() -> tuple[SectoralBody, ...]:
    return tuple(SectoralBody(r["code"], r["full_name"], r["kind"]) for r in _rows("sectoral_bodies.csv"))


@functools.cache
def characteristics() -> tuple[Characteristic, ...]:
    return tuple(
        Characteristic(r["code"], r["title"], r["description"]) for r in _rows("characteristics.csv")
    )


@functools.cache
def body_profiles() -> tuple[BodyProfile, ...]:
    """The fifteen sectoral bodies' profiles, in the order of sectoral_bodies.csv."""
    bodies = {b.code: b for b in sectoral_bodies()}
    rows = {r["code"]: r for r in _rows("sectoral_body_profiles.csv")}
    return tuple(
        BodyProfile(
            body=bodies[code],
            ministerial_body=r["ministerial_body"],
            work_plan=r["work_plan"],
            work_plan_structure=r["work_plan_structure"],
            characteristics=tuple(r["characteristics"].split()),
            official_mapping=r["mapping"] == "official",
            verified=r["verified"],
            notes=r["notes"],
        )
        for code in bodies
        if (r := rows.get(code)) is not None
    )


@functools.cache
def key_result_areas() -> tuple[KeyResultArea, ...]:
    return tuple(
        KeyResultArea(r["code"], r["characteristic"], r["title"], r["verified"])
        for r in _rows("key_result_areas.csv")
    )

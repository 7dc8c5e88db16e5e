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

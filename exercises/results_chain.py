"""The results-chain sorter: statement banks per sectoral body, rounds, and per-item explanations."""

from __future__ import annotations

import functools
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

BANKS_DIR = Path(__file__).parent / "content" / "results_chain"
CHAIN_LEVELS = ("input", "activity", "output", "outcome", "impact")
ROUND_SIZE = 10
MIN_STATEMENTS = 20


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    text: str
    level: str
    why: str


@dataclass(frozen=True, slots=True)
class Chain:
    """A short chain, lowest step first, with one broken link (1 = between the first and second steps)."""

    id: str
    title: str
    steps: tuple[str, ...]
    levels: tuple[str, ...]
    broken: int
    why: str


@dataclass(frozen=True, slots=True)
class Bank:
    body: str
    title: str
    basis: str
    statements: tuple[Statement, ...]
    chains: tuple[Chain, ...]

    @property
    def object_id(self) -> str:
        return f"exercise:results-chain:{self.body}"

    def chain_object_id(self, chain: Chain) -> str:
        return f"exercise:broken-link:{chain.id}"


class BankError(ValueError):
    """A bank file is broken; the message names the file and the entry."""


def _bank(path: Path) -> Bank:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise BankError(f"{path.name}: {err}") from err
    statements = []
    for s in data.get("statement", []):
        if s.get("level") not in CHAIN_LEVELS or not s.get("why") or not s.get("text"):
            raise BankError(
                f"{path.name}: statement {s.get('id')!r} needs text, a level of {CHAIN_LEVELS} and why"
            )
        statements.append(Statement(s["id"], s["text"], s["level"], s["why"]))
    chains = []
    for c in data.get("chain", []):
        steps, levels = tuple(c["steps"]), tuple(c["levels"])
        if len(steps) != len(levels) or not 1 <= c["broken"] < len(steps):
            raise BankError(f"{path.name}: chain {c['id']!r}: steps, levels and broken do not fit")
        chains.append(Chain(c["id"], c["title"], steps, levels, c["broken"], c["why"]))
    if len(statements) < MIN_STATEMENTS:
        raise BankError(f"{path.name}: {len(statements)} statements; at least {MIN_STATEMENTS} are needed")
    return Bank(data["body"], data["title"], data["basis"], tuple(statements), tuple(chains))


@functools.cache
def banks() -> dict[str, Bank]:
    """Every body's bank by body code, read and checked once per process."""
    return {b.body: b for b in (_bank(p) for p in sorted(BANKS_DIR.glob("*.toml")))}


def round_of(bank: Bank, seed: str, size: int = ROUND_SIZE) -> list[Statement]:
    """A round with every level in it, the same for the same seed (a reload shows the same round)."""
    rng = random.Random(seed)
    by_level = {level: [s for s in bank.statements if s.level == level] for level in CHAIN_LEVELS}
    picked = [rng.choice(items) for items in by_level.values() if items]
    rest = [s for s in bank.statements if s not in picked]
    picked += rng.sample(rest, max(0, min(size, len(bank.statements)) - len(picked)))
    rng.shuffle(picked)
    return picked


@dataclass(frozen=True, slots=True)
class Marked:
    statement: Statement
    answer: str | None
    correct: bool


def mark_round(statements: list[Statement], answers: dict[str, str | None]) -> list[Marked]:
    return [Marked(s, answers.get(s.id), answers.get(s.id) == s.level) for s in statements]


def round_score(marked: list[Marked]) -> int:
    return round(100 * sum(m.correct for m in marked) / len(marked)) if marked else 0

"""Load scenarios over many `Session`s: paced (class pace), closed (saturation) and burst (all at once)."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.client import (
    DEFAULT_DEADLINE,
    DEFAULT_RUN_TIMEOUT,
    BoundsError,
    Check,
    RunResult,
    Session,
    check_bounds,
    require_loopback,
)

MODES = ("paced", "closed", "burst")
ACTIONS = ("answer", "plain")


@dataclass
class Scenario:
    """What N sessions do against one server."""

    name: str
    mode: str  # "paced": think 2-8 s, arrivals over `ramp`; "closed": no think time; "burst": waves
    page: str  # url path of the first page ("" = the default page)
    label: str  # what the table calls the page
    sessions: int
    reruns: int  # runs after the first, per session
    action: str = "plain"  # "answer": walk the lessons answering checks; "plain": rerun the page
    server: str = "app"  # "app" or "floor"
    ramp: float = 10.0
    think: tuple[float, float] = (2.0, 8.0)
    answers_per_visit: int = 2  # wrong answers, then the right one, per lesson visit
    duration: float | None = None  # stop starting new runs after this many seconds
    query: str = ""  # extra query parameters of the first page, e.g. "lesson=m1/results-chain"

    def validate(self) -> None:
        if self.mode not in MODES:
            raise BoundsError(f"mode must be one of {MODES}, got {self.mode!r}")
        if self.action not in ACTIONS:
            raise BoundsError(f"action must be one of {ACTIONS}, got {self.action!r}")
        check_bounds(self.sessions, self.reruns)
        lo, hi = self.think
        if not 0 <= lo <= hi <= 600 or not 0 <= self.ramp <= 600:
            raise BoundsError(f"think time {self.think} and ramp {self.ramp} must be within 0-600 s")


@dataclass
class LoadResult:
    """Every run of a scenario plus what happened around them."""

    scenario: Scenario
    runs: list[RunResult] = field(default_factory=list)
    open_errors: list[str] = field(default_factory=list)
    connect_s: list[float] = field(default_factory=list)
    started: float = 0.0
    wall_s: float = 0.0
    deadline_hit: bool = False
    client_cpu_s: float = 0.0
    cache_misses: int = 0


def query_of(token: str, extra: str) -> str:
    parts = [p for p in (extra, f"s={token}" if token else "") if p]
    return "&".join(parts)


class LessonWalk:
    """A learner's path: open a lesson, answer its check (wrong, then right), open the next lesson."""

    def __init__(self, checks: Sequence[Check], token: str, answers_per_visit: int, rng: random.Random):
        self.checks = list(checks)
        self.token = token
        self.per_visit = max(1, answers_per_visit)
        self.rng = rng
        self.at = 0
        self.answered = 0

    def first_query(self) -> str:
        return query_of(self.token, f"lesson={self.checks[0].lesson}")

    def limit(self, check: Check) -> int:
        return min(self.per_visit, check.max_attempts or self.per_visit)

    async def step(self, s: Session) -> RunResult:
        check = self.checks[self.at]
        if self.answered < self.limit(check):
            last = self.answered == self.limit(check) - 1
            choice = check.right if last else self.rng.choice(check.wrong)
            result = await s.submit_radio_form(check.radio_key, check.form_id, choice)
            if result is not None:
                self.answered += 1
                return result
        if self.at + 1 < len(self.checks):  # this check is done (or its form is gone): next lesson
            self.at += 1
            self.answered = 0
            return await s.open_page("lesson", query_of(self.token, f"lesson={self.checks[self.at].lesson}"))
        return await s.rerun()  # the whole path is done: reload the page


async def run_scenario(
    sc: Scenario,
    host: str,
    port: int,
    tokens: Sequence[str],
    checks: Sequence[Check] = (),
    *,
    run_timeout: float = DEFAULT_RUN_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    seed: int = 7,
    on_start: Callable[[], None] | None = None,
) -> LoadResult:
    """Run one scenario to the end or to the deadline, whichever comes first; never raises on app errors."""
    require_loopback(host)
    sc.validate()
    check_bounds(sc.sessions, sc.reruns, run_timeout, deadline)
    if sc.action == "answer" and not checks:
        raise ValueError("an 'answer' scenario needs the checks to answer")
    if not tokens:
        tokens = [""]
    result = LoadResult(sc)
    barrier = asyncio.Barrier(sc.sessions) if sc.mode == "burst" else None
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    result.started = t0
    stop_at = t0 + sc.duration if sc.duration else math.inf
    if on_start:
        on_start()

    async def flow(i: int) -> None:
        rng = random.Random(seed * 100_003 + i)
        token = tokens[i % len(tokens)]
        walk = LessonWalk(checks, token, sc.answers_per_visit, rng) if sc.action == "answer" else None
        if sc.mode == "paced" and sc.sessions > 1:
            await asyncio.sleep(sc.ramp * i / sc.sessions)
        s = Session(host, port, index=i, run_timeout=run_timeout)
        alive = True
        try:
            try:
                await s.open()
                if s.stats.connect_s is not None:
                    result.connect_s.append(s.stats.connect_s + (s.stats.http_s or 0.0))
            except Exception as err:  # refused, reset, handshake failed: the tab never opened
                result.open_errors.append(f"session {i}: {type(err).__name__}: {err}"[:300])
                alive = False
            for step in range(sc.reruns + 1):
                if barrier is not None:
                    await barrier.wait()
                if not alive or time.perf_counter() >= stop_at:
                    if barrier is None:
                        break
                    continue
                if step == 0:
                    query = walk.first_query() if walk else query_of(token, sc.query)
                    run = await s.open_page(sc.page, query, kind="first")
                elif walk is not None:
                    run = await walk.step(s)
                else:
                    run = await s.rerun()
                run.step = step
                result.runs.append(run)
                if run.error in ("timeout", "closed"):
                    alive = False  # the tab is in an unknown state: stop it, as a user would reload
                elif sc.mode == "paced" and step < sc.reruns:
                    await asyncio.sleep(rng.uniform(*sc.think))
        finally:
            result.cache_misses += s.stats.cache_misses
            await s.close()

    try:
        async with asyncio.timeout(deadline):
            await asyncio.gather(*(flow(i) for i in range(sc.sessions)))
    except TimeoutError:
        result.deadline_hit = True
    result.wall_s = time.perf_counter() - t0
    result.client_cpu_s = time.process_time() - cpu0
    return result


# ---- statistics ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100), None for no values."""
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def dist_ms(values: Sequence[float]) -> dict[str, float | int | None]:
    ms = [v * 1000.0 for v in values]
    out: dict[str, float | int | None] = {"n": len(ms)}
    for name, q in (("p50", 50), ("p90", 90), ("p95", 95), ("p99", 99), ("max", 100)):
        v = percentile(ms, q)
        out[name] = None if v is None else round(v, 1)
    return out


def summarise(res: LoadResult) -> dict[str, Any]:
    """The figures of one scenario as plain JSON-able data (latencies in ms)."""
    sc = res.scenario
    done = [r for r in res.runs if r.latency is not None]
    ok = [r for r in res.runs if r.ok]
    errors = Counter(r.error for r in res.runs if r.error)
    errors.update("open" for _ in res.open_errors)
    first = [r.latency for r in ok if r.kind == "first" and r.latency is not None]
    reruns = [r.latency for r in ok if r.kind != "first" and r.latency is not None]
    by_kind = {
        k: dist_ms([r.latency for r in ok if r.kind == k and r.latency is not None])
        for k in ("first", "nav", "answer", "plain")
    }
    span = (max(r.finished or 0.0 for r in done) - min(r.started for r in done)) if done else 0.0
    waves = {}
    if sc.mode == "burst":
        for step in sorted({r.step for r in res.runs}):
            wave = [r for r in res.runs if r.step == step]
            finished = [r.finished for r in wave if r.finished is not None]
            if finished:
                waves[str(step)] = {
                    "runs": len(wave),
                    "last_ms": round((max(finished) - min(r.started for r in wave)) * 1000.0, 1),
                    "p95_ms": dist_ms([r.latency for r in wave if r.latency is not None])["p95"],
                }
    samples = [
        {"session": r.session, "step": r.step, "kind": r.kind, "error": r.error, "detail": r.detail}
        for r in res.runs
        if r.error
    ][:20]
    return {
        "name": sc.name,
        "mode": sc.mode,
        "server": sc.server,
        "page": sc.label,
        "sessions": sc.sessions,
        "reruns_per_session": sc.reruns,
        "action": sc.action,
        "think_s": list(sc.think) if sc.mode == "paced" else [0, 0],
        "ramp_s": sc.ramp if sc.mode == "paced" else 0,
        "runs": len(done),
        "runs_ok": len(ok),
        "errors": sum(errors.values()),
        "errors_by_type": dict(errors),
        "error_samples": samples + [{"open": e} for e in res.open_errors[:5]],
        "answer_runs_ok": sum(1 for r in ok if r.kind == "answer"),
        "answer_runs_sent": sum(1 for r in res.runs if r.kind == "answer" and r.sent),
        "fragment_runs_ok": sum(1 for r in ok if r.fragment),
        "first_ms": dist_ms(first),
        "rerun_ms": dist_ms(reruns),
        "by_kind_ms": by_kind,
        "connect_ms": dist_ms(res.connect_s),
        "runs_per_s": round(len(done) / span, 2) if span > 0 else None,
        "bytes_in_per_run": round(sum(r.bytes_in for r in done) / len(done)) if done else None,
        "ref_hits": sum(r.ref_hits for r in done),
        "cache_misses": res.cache_misses,
        "warnings": sum(r.warnings for r in done),
        "waves": waves,
        "wall_s": round(res.wall_s, 2),
        "active_s": round(span, 2),
        "deadline_hit": res.deadline_hit,
        "client_cpu_share": round(res.client_cpu_s / res.wall_s, 3) if res.wall_s else None,
    }

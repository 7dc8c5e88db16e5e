"""Cross-check: each page's own cost per warm run, in-process with Streamlit's AppTest.

AppTest runs the page script without a server, websocket or post-run GC (research/PERFORMANCE.md
§4.8), so its warm-run CPU time is the page's own share of what the load benchmark measures on the
server. One command, a temporary SQLite database seeded like the load benchmark's:

    .venv/bin/python -m bench.apptest [--runs 30]

It prints, per page, the CPU milliseconds of a warm run (p50/p95, process CPU time: the script's
thread plus AppTest's own bookkeeping, which the `floor` row shows) and the wall milliseconds.
AppTest compiles the scripts again on every run (a fresh script cache each time), which a server does
once; that compile time is measured apart and taken off in the last column.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
APP = str(PROJECT_DIR / "app.py")
FLOOR = str(PROJECT_DIR / "bench" / "floor_page.py")
MAX_RUNS = 500


@dataclass(frozen=True)
class PageCost:
    page: str
    runs: int
    cpu_p50_ms: float
    cpu_p95_ms: float
    wall_p50_ms: float
    compile_ms: float  # compiling the run's scripts, which AppTest repeats every run and a server does not

    @property
    def script_ms(self) -> float:
        return max(0.0, self.cpu_p50_ms - self.compile_ms)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def compile_ms(scripts: list[str]) -> float:
    """CPU milliseconds to compile these scripts once (median of five)."""
    sources = [(Path(s).read_text(encoding="utf-8"), s) for s in scripts]
    times = []
    for _ in range(5):
        c0 = time.process_time()
        for source, path in sources:
            compile(source, path, "exec")
        times.append((time.process_time() - c0) * 1000)
    return statistics.median(times)


def measure(name: str, step: Callable[[], object], runs: int, scripts: list[str]) -> PageCost:
    """Time `runs` calls of `step` (one warm AppTest run each) after three warm-up calls."""
    for _ in range(3):
        step()
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        step()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return PageCost(
        name, runs, _quantile(cpu, 0.5), _quantile(cpu, 0.95), statistics.median(wall), compile_ms(scripts)
    )


def run(runs: int) -> list[PageCost]:
    from streamlit.testing.v1 import AppTest

    from bench.seed import seed
    from progress import db as store

    workdir = Path(tempfile.mkdtemp(prefix="academy-apptest-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'apptest.sqlite3'}"
    store.sessions.cache_clear()
    seeded = seed(os.environ["DATABASE_URL"], class_size=70, fresh=2)

    def page(token: str, path: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["s"] = token
        at.run()
        if path:
            for key, value in params.items():
                at.query_params[key] = value
            at.switch_page(path).run()
        if at.exception:
            raise RuntimeError(f"{path or 'app'}: {at.exception}")
        return at

    lesson = page(seeded.take_fresh(1)[0], "modules/lesson_page.py", lesson="m1/results-chain")
    progress = page(seeded.class_tokens[0], "progress/my_progress_page.py")
    roster = page(seeded.trainer_token)  # the trainer's default page is the cohort roster
    explorer = page(seeded.class_tokens[0], "datasets/explorer_page.py")  # the first indicator, all countries
    logframe = page(seeded.class_tokens[1], "exercises/logframe_page.py")
    logframe.button[0].click().run()  # a sector template: 13 rows, 6 indicators, the matrix and its findings
    tracker = page(seeded.class_tokens[2], "exercises/tracker_page.py")  # a real series, chart and table
    cases = page(seeded.class_tokens[3], "exercises/tracking_cases_page.py")  # twelve cases, 40 widgets
    alignment = page(seeded.class_tokens[4], "exercises/alignment_page.py")  # 12 items, 6 inputs each
    review = page(seeded.class_tokens[5], "exercises/midterm_review_page.py")
    floor = AppTest.from_file(FLOOR, default_timeout=60)
    floor.run()
    pages = PROJECT_DIR / "modules", PROJECT_DIR / "progress"
    return [
        measure("floor (st.write)", floor.run, runs, [FLOOR]),
        measure("lesson (m1/results-chain)", lesson.run, runs, [APP, str(pages[0] / "lesson_page.py")]),
        measure("my progress", progress.run, runs, [APP, str(pages[1] / "my_progress_page.py")]),
        measure("trainer roster (70 learners)", roster.run, runs, [APP, str(pages[1] / "cohorts_page.py")]),
        measure(
            "data explorer (library)",
            explorer.run,
            runs,
            [APP, str(PROJECT_DIR / "datasets" / "explorer_page.py")],
        ),
        measure(
            "logframe builder (template)",
            logframe.run,
            runs,
            [APP, str(PROJECT_DIR / "exercises" / "logframe_page.py")],
        ),
        *(
            measure(name, at.run, runs, [APP, str(PROJECT_DIR / "exercises" / script)])
            for name, at, script in (
                ("indicator tracker", tracker, "tracker_page.py"),
                ("tracking cases (12)", cases, "tracking_cases_page.py"),
                ("work-plan alignment (12 items)", alignment, "alignment_page.py"),
                ("mid-term review", review, "midterm_review_page.py"),
            )
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.apptest", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help=f"warm runs per page (1-{MAX_RUNS})")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= MAX_RUNS:
        parser.error(f"--runs must be in 1..{MAX_RUNS}, got {args.runs}")
    rows = run(args.runs)
    head = ("page", "runs", "CPU p50 ms", "CPU p95 ms", "wall p50 ms", "compile ms", "p50 - compile")
    print(f"{head[0]:30} " + " ".join(f"{h:>13}" for h in head[1:]))
    for r in rows:
        figures = (r.cpu_p50_ms, r.cpu_p95_ms, r.wall_p50_ms, r.compile_ms, r.script_ms)
        print(f"{r.page:30} {r.runs:>13} " + " ".join(f"{f:>13.1f}" for f in figures))
    print("AppTest: the page script alone (no server, websocket or post-run GC); compare with CPU ms/run")
    print("of `python -m bench.run`, which adds Streamlit's server work per run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

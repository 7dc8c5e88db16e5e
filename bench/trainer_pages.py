"""The trainer's pages with a simulated workshop of N participants: the live room (one full run and
one refresh of its fragment's queries), the cohort page and the reports, measured in-process with AppTest.

    .venv/bin/python -m bench.trainer_pages --participants 70 [--runs 10]
    .venv/bin/python -m bench.trainer_pages --participants 1000 --runs 5

It builds a temporary SQLite database with `python -m progress demo` (which takes a while for 1,000
people: it records their three days through the app's own functions) and prints the figures; the
live room's refresh is measured as the database work of one refresh (the fragment's queries), since
AppTest reruns whole scripts only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
APP = str(PROJECT_DIR / "app.py")
PASSWORD = "bench trainer password"


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.trainer_pages")
    parser.add_argument("--participants", type=int, default=70)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="academy-trainer-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"

    from streamlit.testing.v1 import AppTest

    from modules.catalog import curriculum
    from progress import db as store
    from progress.accounts import create_trainer
    from progress.demo import simulate
    from progress.live import answer_distribution, item_counts, needs_help, room_now
    from progress.models import Statement, utcnow

    store.sessions.cache_clear()
    t0 = time.perf_counter()
    with store.sessions().begin() as db:
        create_trainer(db, "bench", "Bench Trainer", PASSWORD)
        workshop = simulate(db, args.participants, start=dt.date.today() - dt.timedelta(days=2))
        cohort_id, name = workshop.cohort.id, workshop.cohort.name
    with store.sessions().begin() as db:
        statements = db.query(Statement).filter(Statement.cohort_id == cohort_id).count()
    built = time.perf_counter() - t0
    print(f"{args.participants} participants, {statements:,} statements, built in {built:.0f} s")

    checks = [q.id for m in curriculum().modules for ls in m.lessons for q in ls.parsed.questions]
    for label, window in (
        ("last 3 hours", dt.timedelta(hours=3)),
        ("whole workshop", dt.timedelta(days=3650)),
    ):
        samples = []
        for _ in range(args.runs):
            t = time.perf_counter()
            with store.sessions().begin() as db:
                since = utcnow() - window
                room_now(db, cohort_id, since)
                needs_help(db, cohort_id, since, checks)
                item_counts(db, cohort_id, since)
                answer_distribution(db, cohort_id, "m1-mve-2", since)
            samples.append((time.perf_counter() - t) * 1000)
        print(f"live room refresh, queries only ({label:14}): {_ms(samples)}")

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("progress/trainer_signin_page.py").run()
    at.text_input[0].input("bench")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    for page, key, window in (
        ("progress/cohorts_page.py", "cohort", None),
        ("progress/live_room_page.py", "live:cohort", "3h"),
        ("progress/live_room_page.py", "live:cohort", "all"),
        ("progress/reports_page.py", "reports:cohort", None),
    ):
        at.switch_page(page).run()
        at.selectbox(key=key).select(name).run()
        if window:
            at.selectbox(key="live:window").set_value(window).run()
        if at.exception:
            print(f"{page}: {at.exception}", file=sys.stderr)
            return 1
        samples = []
        for _ in range(args.runs):
            t = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - t) * 1000)
        label = f"{page} ({window})" if window else page
        print(f"{label:38} full run, wall: {_ms(samples)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

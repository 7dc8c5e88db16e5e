"""Command line: `python -m progress init [--demo]`, `create-trainer`, `demo --participants N`, and
`roster --cohort CODE --import FILE.csv`, `export --cohort CODE --format csv|xlsx|xapi|pdf|zip --out PATH`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time

from progress.accounts import InputError, create_trainer, issue_setup_token
from progress.cohorts import adopt_unowned_cohorts, demo_cohort
from progress.config import database_url
from progress.db import make_engine, make_sessionmaker, migrate


def _sessions():  # type: ignore[no-untyped-def]
    engine = make_engine(database_url())
    migrate(engine)
    return make_sessionmaker(engine)


def init(demo: bool) -> int:
    """Migrate the database; with --demo, make the demo cohort; print what a trainer needs."""
    with _sessions().begin() as db:
        room = demo_cohort(db).room_code if demo else None
        token = issue_setup_token(db)
    url = database_url()
    print(f"Database ready: {url.split('@')[-1] if '@' in url else url}")
    if room:
        print(f"Demo cohort room code: {room}   (participants choose 'Join a workshop')")
    if token:
        print(f"One-time trainer setup token: {token}   (Trainer sign-in > First-time setup)")
    print("Open http://localhost:8501 once the server has started.")
    return 0


def add_trainer(username: str, name: str, admin: bool = False) -> int:
    password = os.environ.get("ACADEMY_TRAINER_PASSWORD") or getpass.getpass("Password: ")
    try:
        with _sessions().begin() as db:
            person = create_trainer(db, username, name, password)
            person.is_admin = admin
            adopt_unowned_cohorts(db, person)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"Trainer '{person.username}' created{' (administrator: sees every cohort)' if admin else ''}.")
    return 0


def demo(participants: int, days_ago: int) -> int:
    """A simulated workshop that ended `days_ago` days ago; the room code is the last line printed."""
    from progress.demo import simulate  # the exercises and the course are loaded only for this command

    if not 1 <= participants <= 5000:
        print("error: --participants must be between 1 and 5000", file=sys.stderr)
        return 2
    started = time.perf_counter()
    start = dt.date.today() - dt.timedelta(days=days_ago + 2)
    with _sessions().begin() as db:
        workshop = simulate(db, participants, start=start)
        name, room = workshop.cohort.name, workshop.cohort.room_code
        ends = workshop.cohort.ends_on
    print(f"Created '{name}': {start:%d %b} to {ends:%d %b %Y}, in {time.perf_counter() - started:.0f} s.")
    print("Trainers see it under Cohorts and roster; a trainer created later is given it too.")
    print(f"Room code: {room}")
    print(room)
    return 0


def import_roster_file(room_code: str, path: str) -> int:
    """Check the whole file first; import nothing if any line has a problem, and name each one."""
    from progress.accounts import find_cohort
    from progress.roster_import import MAX_BYTES, import_roster, parse_roster

    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # a larger file is refused with its size
    except OSError as err:
        print(f"error: cannot read {path}: {err.strerror}", file=sys.stderr)
        return 1
    parsed = parse_roster(data)
    if parsed.problems:
        print(f"Nothing imported: {len(parsed.problems)} problem(s) in {path}.", file=sys.stderr)
        for problem in parsed.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    with _sessions().begin() as db:
        cohort = find_cohort(db, room_code)
        if cohort is None:
            print(f"error: no cohort has the room code '{room_code}'", file=sys.stderr)
            return 1
        result = import_roster(db, cohort, parsed.rows)
        name = cohort.name
    print(
        f"{len(result.added)} participant(s) added to '{name}'; {len(result.already)} already on the roster."
    )
    print("They join with the room code and the same name, and get their own recovery code then.")
    return 0


def export(room_code: str, fmt: str, out: str) -> int:
    """The same files as the trainer's page; several files (CSV: roster and results) go into a folder."""
    from pathlib import Path

    from modules.catalog import curriculum
    from progress.accounts import find_cohort
    from progress.pack import files_for

    with _sessions().begin() as db:
        cohort = find_cohort(db, room_code)
        if cohort is None:
            print(f"error: no cohort has the room code '{room_code}'", file=sys.stderr)
            return 1
        files = files_for(db, curriculum(), cohort, fmt)
    target = Path(out)
    if len(files) > 1:
        target.mkdir(parents=True, exist_ok=True)
        paths = [target / name for name in files]
    else:
        paths = [target / next(iter(files))] if target.is_dir() else [target]
    for path, content in zip(paths, files.values(), strict=True):
        path.write_bytes(content)
        print(f"wrote {path} ({len(content):,} bytes)")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m progress")
    sub = parser.add_subparsers(dest="command", required=True)
    p_init = sub.add_parser("init", help="create or upgrade the database")
    p_init.add_argument("--demo", action="store_true", help="also create the demo cohort")
    p_tr = sub.add_parser("create-trainer", help="create a trainer account")
    p_tr.add_argument("--username", required=True)
    p_tr.add_argument("--name", required=True, help="display name")
    p_tr.add_argument("--admin", action="store_true", help="an administrator sees every cohort")
    p_demo = sub.add_parser("demo", help="create a simulated three-day workshop with participants")
    p_demo.add_argument("--participants", type=int, default=70)
    p_demo.add_argument("--days-ago", type=int, default=1, help="the workshop ended this many days ago")
    p_roster = sub.add_parser(
        "roster", help="import a roster from CSV: name, email, member state, sectoral body"
    )
    p_roster.add_argument("--cohort", required=True, help="the cohort's room code")
    p_roster.add_argument("--import", dest="file", required=True, metavar="FILE.csv")
    p_export = sub.add_parser(
        "export", help="the cohort's roster and results, xAPI statements, PDF summary, or the whole pack"
    )
    p_export.add_argument("--cohort", required=True, help="the cohort's room code")
    p_export.add_argument("--format", required=True, choices=("csv", "xlsx", "xapi", "pdf", "zip"))
    p_export.add_argument("--out", required=True, metavar="PATH", help="a file, or a folder (CSV: two files)")
    args = parser.parse_args(argv)
    if args.command == "export":
        return export(args.cohort, args.format, args.out)
    if args.command == "roster":
        return import_roster_file(args.cohort, args.file)
    if args.command == "init":
        return init(args.demo)
    if args.command == "demo":
        return demo(args.participants, args.days_ago)
    return add_trainer(args.username, args.name, args.admin)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

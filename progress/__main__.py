"""Command line: `python -m progress init [--demo]` and `python -m progress create-trainer`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

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


def add_trainer(username: str, name: str) -> int:
    password = os.environ.get("ACADEMY_TRAINER_PASSWORD") or getpass.getpass("Password: ")
    try:
        with _sessions().begin() as db:
            person = create_trainer(db, username, name, password)
            adopt_unowned_cohorts(db, person)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"Trainer '{person.username}' created.")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m progress")
    sub = parser.add_subparsers(dest="command", required=True)
    p_init = sub.add_parser("init", help="create or upgrade the database")
    p_init.add_argument("--demo", action="store_true", help="also create the demo cohort")
    p_tr = sub.add_parser("create-trainer", help="create a trainer account")
    p_tr.add_argument("--username", required=True)
    p_tr.add_argument("--name", required=True, help="display name")
    args = parser.parse_args(argv)
    if args.command == "init":
        return init(args.demo)
    return add_trainer(args.username, args.name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

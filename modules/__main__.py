"""`python -m modules check`: validate all content, one line per problem, non-zero on any."""

from __future__ import annotations

import sys
from pathlib import Path

from modules.catalog import CONTENT_DIR, load_curriculum

USAGE = "usage: python -m modules check [CONTENT_DIR]"


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check" or len(argv) > 2:
        print(USAGE, file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) == 2 else CONTENT_DIR
    result = load_curriculum(root)
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

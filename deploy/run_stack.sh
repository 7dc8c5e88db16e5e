#!/usr/bin/env bash
# Try the whole scale-out stack on one machine: PostgreSQL, N Streamlit replicas, nginx in front.
#   deploy/run_stack.sh [--replicas 2] [--port 8080] [--replica-port 8601] [--work-dir DIR] [--help]
# Needs Debian's nginx and postgresql (it says which are missing; it installs nothing).
# Ctrl-C stops everything. The work is done by deploy/stack.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
if [ ! -x "$python" ]; then
  echo "No Python environment at $root/.venv: create it first (see README.md, Quick start)," >&2
  echo "or point PYTHON at an interpreter with requirements.txt installed." >&2
  exit 2
fi
cd "$root"
exec "$python" -m deploy.stack "$@"

#!/usr/bin/env bash
# README command (b): install everything, run ruff and mypy, then the whole test suite. Fails when a test fails or when no
# test ran (pytest exit code 5 is passed on as a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser --embeddings
export HF_HUB_OFFLINE=1
# static checks first: lint (ruff) and types (mypy --strict, configured in pyproject.toml)
.venv/bin/ruff check src tests scripts bench
.venv/bin/mypy src/eventwire
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "no tests ran: failing" >&2
  exit 1
fi
exit "$rc"

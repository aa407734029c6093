#!/usr/bin/env bash
# Set up r1kb on a fresh machine and build the site from data/ into site/.
# The build refuses data that does not validate.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[site]'
.venv/bin/r1kb validate
# Material 9.7 prints an advert for MkDocs 2 on every build; we pin mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs build --strict "$@"

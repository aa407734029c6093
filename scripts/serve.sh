#!/usr/bin/env bash
# Preview the site while editing records (http://127.0.0.1:8000/, rebuilt on every change).
# Material 9.7 prints an advert for MkDocs 2 on every start; we pin mkdocs<2 on purpose, and
# build.sh silences it the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve "$@"

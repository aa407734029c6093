#!/usr/bin/env python3
"""Fetch the text of source records from their `url` into a cache directory (used by CI).

Other people's text is never committed: the pull-request workflow fetches each newly added
source's page into the workflow cache and runs `r1kb check-source` on it. Prints one line per
fetched source, "SOURCE_ID PATH"; sources without a url, or whose page cannot be fetched, are
reported on standard error and skipped (an unreachable page does not fail the pull request).

    .venv/bin/python scripts/fetch_sources.py --cache .cache/sources data/sources/new-post.yaml
"""

from __future__ import annotations

import argparse
import http.client
import sys
import urllib.error
import urllib.request
from pathlib import Path

from r1kb.fsutil import write_atomic
from r1kb.paths import ID_RE
from r1kb.yamlstrict import load_text

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "text/markdown": ".md"}


def fetch(url: str, timeout: float = 30.0) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "r1kb check-source (CI)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        kind = response.headers.get_content_type()
        return response.read(MAX_BYTES), kind


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="source record files")
    parser.add_argument("--cache", type=Path, required=True, help="directory of fetched texts")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    failures = 0
    for record in args.sources:
        source_id = record.stem
        if record.suffix != ".yaml" or not ID_RE.match(source_id):
            # its id is printed for the workflow to read back: only kebab-case ids
            print(f"{record!r}: not a <id>.yaml source record; skipped", file=sys.stderr)
            failures += 1
            continue
        try:
            data = load_text(record.read_text(encoding="utf-8")).data
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{record}: cannot read: {exc}", file=sys.stderr)
            failures += 1
            continue
        url = data.get("url") if isinstance(data, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            print(f"{record}: no http(s) url to fetch", file=sys.stderr)
            continue
        cached = sorted(args.cache.glob(f"{source_id}.*"))
        if cached:
            print(f"{source_id} {cached[0]}")
            continue
        try:
            body, kind = fetch(url)
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            print(f"{record}: cannot fetch {url}: {exc}", file=sys.stderr)
            failures += 1
            continue
        if kind == "application/pdf":
            print(f"{record}: {url} is a PDF; check-source reads text or HTML", file=sys.stderr)
            continue
        path = args.cache / f"{source_id}{EXTENSIONS.get(kind, '.txt')}"
        try:
            write_atomic(path, body)
        except OSError as exc:
            print(f"{record}: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        print(f"{source_id} {path}")
    if failures:
        print(f"{failures} source(s) could not be fetched", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

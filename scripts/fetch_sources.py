#!/usr/bin/env python3
"""Fetch the text of source records from their `url` into a cache directory.

Other people's text is never committed. The pull-request workflow fetches each newly added
source's page into the workflow cache and runs `r1kb check-source` on it: one line per fetched
source, "SOURCE_ID PATH"; sources without a url, or whose page cannot be fetched, are reported
on standard error and skipped (an unreachable page does not fail the pull request).

    .venv/bin/python scripts/fetch_sources.py --cache .cache/sources data/sources/new-post.yaml

With --primary, a contributor without the project's snapshot folder (../shared) fetches
DeepSeek's own documents: every primary source of data/sources that names a `snapshot` is
fetched from its url (GitHub pages as their raw files, arXiv abstracts as their PDF, PDFs
through pdftotext when it is installed, HTML as its text) and kept under that snapshot name
only when every quote citing it is found in the fetched text; a document that has changed since
it was read is kept aside as NAME.fetched and its quotes stay unchecked, never wrongly failed.

    .venv/bin/python scripts/fetch_sources.py --primary --cache ~/r1kb-snapshots
    .venv/bin/r1kb validate --snapshots ~/r1kb-snapshots
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
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


def download_url(url: str) -> str:
    """Where a document's text can be downloaded: GitHub pages as raw files, arXiv abstracts
    as their PDF."""
    if m := re.match(r"https://github\.com/([^/]+)/([^/]+)/blob/(.+)$", url):
        return f"https://raw.githubusercontent.com/{m[1]}/{m[2]}/{m[3]}"
    if m := re.match(r"https://github\.com/([^/]+)/([^/#?]+?)/?$", url):
        return f"https://raw.githubusercontent.com/{m[1]}/{m[2]}/HEAD/README.md"
    if m := re.match(r"https://arxiv\.org/abs/(.+)$", url):
        return f"https://arxiv.org/pdf/{m[1]}"
    return url


def as_text(body: bytes, kind: str) -> str | None:
    """The plain text of a fetched document; None for a PDF when pdftotext is not installed."""
    if kind == "application/pdf" or body.startswith(b"%PDF-"):
        tool = shutil.which("pdftotext")
        if tool is None:
            return None
        with tempfile.TemporaryDirectory() as tmp:
            pdf, txt = Path(tmp) / "in.pdf", Path(tmp) / "out.txt"
            pdf.write_bytes(body)
            done = subprocess.run([tool, "-enc", "UTF-8", str(pdf), str(txt)], check=False,
                                  capture_output=True, timeout=120)  # fmt: skip
            return (
                txt.read_text(encoding="utf-8", errors="replace") if done.returncode == 0 else None
            )
    from r1kb.checksource.document.document import read

    text = body.decode("utf-8", errors="replace")
    if EXTENSIONS.get(kind) == ".html":  # a raw README's own <div> tags stay: it is Markdown
        return read(text, fmt="html").text
    return text


def fetch_primary(data_dir: Path, cache: Path, deadline: float) -> int:
    """Fetch the snapshots of the primary sources (see the module's docstring)."""
    from r1kb.loader import load
    from r1kb.snapshots import Snapshot, safe_snapshot_name

    kb = load(data_dir).kb
    quotes: dict[str, list[str]] = {}
    for claim in kb.claims.values():
        for e in claim.sources:
            quotes.setdefault(e.source, []).append(e.quote)
    counts = {"fetched": 0, "present": 0, "changed": 0, "failed": 0}
    for source in sorted(kb.sources.values(), key=lambda s: s.id):
        if not source.primary or not source.snapshot:
            continue
        if not safe_snapshot_name(source.snapshot):  # the schema may be loosened with it
            print(f"{source.id}: snapshot {source.snapshot!r} is not a plain file name; not "
                  "fetched", file=sys.stderr)  # fmt: skip
            counts["failed"] += 1
            continue
        target = cache / source.snapshot
        if target.is_file():
            counts["present"] += 1
            continue
        left = deadline - time.monotonic()
        if not source.url or left <= 0:
            why = "no url to fetch" if not source.url else "the overall deadline has passed"
            print(f"{source.id}: {why}; its quotes stay unchecked", file=sys.stderr)
            counts["failed"] += 1
            continue
        url = download_url(source.url)
        try:
            body, kind = fetch(url, timeout=min(30.0, left))
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            print(f"{source.id}: cannot fetch {url}: {exc}", file=sys.stderr)
            counts["failed"] += 1
            continue
        text = as_text(body, kind)
        if text is None:
            print(f"{source.id}: {url} is a PDF; install pdftotext (poppler-utils) to read it",
                  file=sys.stderr)  # fmt: skip
            counts["failed"] += 1
            continue
        aside = cache / f"{source.snapshot}.fetched"
        write_atomic(aside, text.encode("utf-8"))
        snapshot = Snapshot(aside)
        cited = quotes.get(source.id, [])
        missing = [q for q in cited if not snapshot.contains(q)]
        if missing:
            print(f"{source.id}: {len(missing)} of {len(cited)} quotes are not in the text fetched "
                  f"from {url}: the document has changed since it was read "
                  f"({source.revision or source.accessed or 'revision unknown'}); kept aside as "
                  f"{aside.name}, its quotes stay unchecked", file=sys.stderr)  # fmt: skip
            counts["changed"] += 1
            continue
        os.replace(aside, target)
        print(f"{source.id}: {len(cited)} quote(s) found; saved as {target}")
        counts["fetched"] += 1
    print(", ".join(f"{n} {k}" for k, n in counts.items()) + f" (snapshots in {cache})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="source record files")
    parser.add_argument("--cache", type=Path, required=True, help="directory of fetched texts")
    parser.add_argument("--primary", action="store_true",
                        help="fetch the snapshots of every primary source of --data")  # fmt: skip
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data directory")
    parser.add_argument("--deadline", type=float, default=600.0,
                        help="seconds for the whole run (default 600)")  # fmt: skip
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.deadline
    if args.primary:
        if args.sources:
            parser.error("--primary fetches the sources of --data; give no record files")
        if not args.data.is_dir():
            parser.error(f"--data {str(args.data)!r} is not a directory")
        return fetch_primary(args.data, args.cache, deadline)
    failures = 0
    for record in args.sources:
        if time.monotonic() > deadline:
            print(f"{record}: the overall deadline has passed; skipped", file=sys.stderr)
            failures += 1
            continue
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

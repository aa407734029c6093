#!/usr/bin/env python3
"""Snapshot everything `r1kb check-source` says about a fixed set of articles, to show that a
change to its code changed none of it.

Runs the command, as a user would, on every article in ../shared/articles (the whole file and
the body after its dashed line, as the evaluation reads it), ../shared/seeds, the text sources
in ../shared/sources and the article snapshots under tests/cases, in each report format (JSON
with every figure's attribution and quantity basis, text with --explain, Markdown, GitHub), and
writes the drafts it makes of each. Then either saves all of that in OUT or compares it with a
snapshot saved before:

    python scripts/snapshot_check_source.py /tmp/before            # save
    python scripts/snapshot_check_source.py /tmp/after --compare /tmp/before
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # where CI has it; --shared for a checkout elsewhere
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def inputs(bodies: Path, shared: Path = SHARED) -> list[str]:
    """The articles, as paths relative to the project (so that reports name them the same)."""
    found: list[Path] = []
    for folder in (shared / "articles", shared / "seeds", shared / "sources"):
        if not folder.is_dir():
            print(f"note: {folder} is absent: skipped", file=sys.stderr)
            continue
        found += sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    found += sorted(
        p
        for p in (ROOT / "tests" / "cases").rglob("*")
        if p.is_file() and p.suffix in ARTICLE_SUFFIXES and "published-ids" not in p.name
    )
    bodies.mkdir(parents=True, exist_ok=True)
    for p in sorted((shared / "articles").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        _head, dashes, body = text.partition("\n" + "-" * 64 + "\n")
        if dashes:
            (bodies / p.name).write_text(body, encoding="utf-8")
            found.append(bodies / p.name)
    return [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in found]


def run(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "r1kb", "check-source", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return f"exit {done.returncode}\n--- stderr\n{done.stderr}--- stdout\n{done.stdout}"


def snapshot(out: Path, shared: Path = SHARED) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = inputs(Path(tempfile.gettempdir()) / "check-source-snapshot-bodies", shared)
    (out / "inputs.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
    for name, extra in (
        ("json", ["--format", "json"]),
        ("explain", ["--format", "text", "--explain"]),
        ("markdown", ["--format", "markdown"]),
        ("github", ["--format", "github"]),
        ("html-as-text", ["--format", "json", "--input-format", "text"]),
        ("as-markdown", ["--format", "json", "--input-format", "markdown"]),
    ):
        (out / f"{name}.out").write_text(run([*extra, *files]), encoding="utf-8")
    text = run(["--format", "json", "--draft", str(out / "drafts"), *files])
    (out / "draft.out").write_text(text.replace(str(out / "drafts"), "DRAFTS"), "utf-8")


def compare(out: Path, before: Path) -> int:
    def files(root: Path) -> dict[Path, bytes]:
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    now, then = files(out), files(before)
    differ = sorted(str(p) for p in now.keys() | then.keys() if now.get(p) != then.get(p))
    if differ:
        print(f"{len(differ)} of {len(now)} files differ:")
        print("\n".join(f"  {d}" for d in differ[:20]))
        if len(differ) > 20:
            print(f"  … and {len(differ) - 20} more")
        return 1
    print(f"identical: {len(now)} files")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="a snapshot saved before")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    snapshot(args.out, args.shared.resolve())
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Measure `r1kb check-source` on a labelled set of articles.

Prints, per article and overall: recall (labelled figures found), precision (reported figures
that are labelled figures), outcome accuracy (found figures with the expected outcome) and
recall with the right outcome, then the attribution accuracy and every difference. Articles are
read from the snapshot directories configured in pyproject.toml ([tool.r1kb] snapshot_dirs).

    .venv/bin/python scripts/evaluate_extraction.py                 # tests/seed_labels
    .venv/bin/python scripts/evaluate_extraction.py path/to/labels --snapshots ~/articles
    .venv/bin/python scripts/evaluate_extraction.py ../shared/articles     # a labels.yaml corpus
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from r1kb.checksource.evaluation.corpus import corpus_table, evaluate_corpus, is_corpus
from r1kb.checksource.evaluation.evaluate import evaluate, table, total
from r1kb.config import find_config
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", nargs="?", type=Path, default=ROOT / "tests" / "seed_labels")
    parser.add_argument("--data", type=Path, help="data directory (default: configured)")
    parser.add_argument("--snapshots", type=Path, action="append", default=[],
                        help="another directory holding the articles (repeatable)")  # fmt: skip
    parser.add_argument("--brief", action="store_true", help="only the table, no differences")
    args = parser.parse_args(argv)
    if not args.labels.is_dir():
        parser.error(f"{args.labels} is not a directory of label files")
    config = find_config(args.data, start=ROOT)
    kb = load(args.data or config.data_dir).kb
    if is_corpus(args.labels):
        print(corpus_table(evaluate_corpus(args.labels, kb), args.labels, not args.brief))
        return 0
    scores = evaluate(args.labels, kb, [*args.snapshots, *config.snapshot_dirs])
    print(table(scores, args.labels))
    return 0 if total(scores).labels or not scores else 1


if __name__ == "__main__":
    sys.exit(main())

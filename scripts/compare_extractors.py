#!/usr/bin/env python3
"""Compare check-source's own figure patterns with well-kept extraction libraries.

Each extractor replaces only the step that finds figures and reads their values; attribution,
matching and the evaluation (`r1kb.checksource.evaluation.evaluate`, as in
scripts/evaluate_extraction.py) are the same for all. The libraries are not dependencies of
r1kb: install them to re-measure,

    .venv/bin/pip install quantulum3 price-parser
    .venv/bin/python scripts/compare_extractors.py

Measured on the seed answer key (5 articles, 21 labelled figures), November 2026, with
quantulum3 0.10.0 and price-parser 0.5.1:

    extractor                 reported found right  recall precision outcome found+right
    own patterns                    21    21    21  100.0%    100.0%  100.0%      100.0%
    quantulum3                       8     4     3   19.0%     50.0%   75.0%       14.3%
    own + price-parser money        21    21    18  100.0%    100.0%   85.7%       85.7%

quantulum3 reads "$5.58 M" as dollar-metres, "2.788 million GPU-hours" as gauss-poise and "128K"
as kelvin, splits dates into bare numbers and misses word magnitudes ("tens or hundreds of
billions"); price-parser ignores magnitude suffixes ("$5.6M" -> 5.6). The own patterns are kept.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path
from unittest import mock

from r1kb.checksource.candidates import extract, figure_scan
from r1kb.checksource.candidates import find as find_module
from r1kb.checksource.evaluation.evaluate import evaluate, total
from r1kb.config import find_config
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
QUANTULUM_UNITS = {
    "dollar": "USD", "united states dollar": "USD", "percentage": "percent", "hour": "hours",
    "day": "days", "week": "weeks", "month": "months", "renminbi": "CNY", "yuan": "CNY",
}  # fmt: skip


def quantulum_figures(text: str, masked: list[tuple[int, int]]) -> list[extract.Raw]:
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        found = parser.parse(text)
    for q in found:
        start, end = q.span
        if any(start < e and s < end for s, e in masked):
            continue
        unit = QUANTULUM_UNITS.get(q.unit.name)
        if unit is None and q.unit.name != "dimensionless":
            continue  # a unit check-source has no quantity for
        decimals = re.search(r"\.(\d+)", q.surface)
        step = 10.0 ** -len(decimals.group(1)) if decimals else 1.0
        raw = extract.Raw(start, end, float(q.value), float(q.value), step, unit=unit)
        raw.money = unit == "USD"
        out.append(raw)
    return out


def price_parser_figures(text: str, masked: list[tuple[int, int]]) -> list[extract.Raw]:
    from price_parser import Price

    figures = figure_scan.find_figures(text, masked)
    for raw in figures:
        if raw.money and raw.low is not None:
            amount = Price.fromstring(text[raw.start : raw.end]).amount_float
            if amount is not None:
                raw.low = raw.high = amount
    return figures


def main() -> int:
    config = find_config(start=ROOT)
    kb = load(config.data_dir).kb
    labels = ROOT / "tests" / "seed_labels"
    rows = [("own patterns", figure_scan.find_figures)]
    for name, module, finder in (
        ("quantulum3", "quantulum3", quantulum_figures),
        ("own + price-parser money", "price_parser", price_parser_figures),
    ):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                __import__(module)
        except ImportError:
            print(f"{name}: not installed (pip install {module.replace('_', '-')})")
            continue
        rows.append((name, finder))
    print(
        f"{'extractor':25} {'reported':>8} {'found':>5} {'right':>5} {'recall':>7} "
        f"{'precision':>9} {'outcome':>7} {'found+right':>11}"
    )
    for name, finder in rows:
        with mock.patch.object(find_module, "find_figures", finder):
            t = total(evaluate(labels, kb, config.snapshot_dirs))

        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.1f}%" if d else "n/a"

        print(
            f"{name:25} {t.reported:8d} {t.found:5d} {t.right:5d} {pct(t.found, t.labels):>7} "
            f"{pct(t.matched_reports, t.reported):>9} {pct(t.right, t.found):>7} "
            f"{pct(t.right, t.labels):>11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Property-based tests: whatever text, Markdown or HTML an article holds, check_text returns a
report and never raises; the report is JSON with finite numbers only, every format renders, and
every figure's span is the text it reports."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.reporting.report import FORMATS, as_json, render
from r1kb.checksource.result.result import CheckResult, Report
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@cache
def knowledge() -> tuple[KnowledgeBase, Matcher]:
    """The project's knowledge base, loaded once (not a fixture argument: hypothesis would
    print its whole repr with every failing example)."""
    kb = load(ROOT / "data").kb
    return kb, Matcher(kb)


def check(text: str, name: str = "-", fmt: str | None = None) -> None:
    kb, matcher = knowledge()
    assert_clean(check_text(text, kb, name, fmt, matcher), text)


# Pieces of articles: names, numbers in every notation, units, and the words around them.
MODELS = ["DeepSeek-R1", "R1", "DeepSeek-V3", "V3-Base", "R1-Zero", "the 32B distill", "GPT-4"]
NUMBERS = [
    "671B", "37 billion", "2,048", "$5.576M", "$294K", "¥2 million", "14.8T", "128K", "97.3%",
    "2.788M", "1e999", "10^400", "6.71 × 10^11", "3.3e24", "1" + "0" * 40, "0.5", "64×8",
    "1.5B to 70B", "about $6 million", "January 20, 2025", "2025-01-20", "several weeks",
    "hundreds of billions", "79.8", "2029", "96.3rd", ".5", "1,234,567.89", "9" * 400,
    "five days", "a single GPU", "thousands of tokens", "256 eight-way nodes", "mid 2025",
]  # fmt: skip
UNITS = [
    "parameters", "tokens", "H800 GPUs", "GPU-hours", "per GPU-hour", "context window", "days",
    "FLOPs", "on AIME 2024", "Codeforces rating", "percentile", "yuan", "", "%", "layers",
]  # fmt: skip
WORDS = ["was trained on", "has", "cost", "costs", "about", "under", "and", "the", "of", "for"]
# the non-ASCII letters a case-insensitive pattern matches with ASCII ones ("ſeven weeks"
# raised KeyError): a piece may be written with them
TWINS = [("i", "ı"), ("s", "ſ"), ("k", "K"), ("I", "İ")]
piece = st.one_of(*(st.sampled_from(x) for x in (MODELS, NUMBERS, UNITS, WORDS))).flatmap(
    lambda p: st.sampled_from([p, *(p.replace(a, b) for a, b in TWINS if a in p)])
)
sentence = st.lists(piece, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")
cell = st.one_of(piece, st.text(max_size=8))


def table(rows: list[list[str]], separator: bool, flat: bool) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    if separator and lines:
        lines.insert(1, "|" + " --- |" * len(rows[0]))
    return " ".join(lines) if flat else "\n".join(lines)


tables = st.builds(
    table,
    st.integers(1, 4).flatmap(
        lambda n: st.lists(st.lists(cell, min_size=n, max_size=n), max_size=5)
    ),
    st.booleans(),
    st.booleans(),
)
spec_lines = st.lists(st.builds(lambda k, v: f"{k}: {v}", piece, piece), max_size=6).map("\n".join)
md_block = st.one_of(
    sentence,
    st.builds(lambda level, s: "#" * level + " " + s, st.integers(1, 6), sentence),
    st.builds(lambda s: "- " + s, sentence),
    st.builds(lambda s: "1. " + s, sentence),
    tables,
    spec_lines,
    st.sampled_from(["```", "`", "](", "[link](https://x.org/a)", "a@b.co", "\\n", "> quote"]),
    st.text(max_size=40),
)
markdown_docs = st.lists(md_block, max_size=12).map("\n".join)
TAGS = ["p", "div", "li", "ul", "h1", "h2", "td", "th", "tr", "table", "b", "a", "br", "title"]
TAGS += ["script", "style", "pre", "head", "svg", "caption", "figcaption", "span"]
html_piece = st.one_of(
    sentence,
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["&amp;", "&nbsp;", "&#36;", "&#x24;", "&bogus;", "&#99999999;", "&"]),
    st.sampled_from(["<", "<a", "<!--", "-->", "<!DOCTYPE html>", "<p class='a>b'>", '"', "'"]),
    st.text(max_size=20),
)
html_docs = st.lists(html_piece, max_size=40).map("".join)


def assert_clean(report: Report, text: str) -> None:
    data = report.as_dict()
    json.dumps(data, allow_nan=False)  # finite numbers only
    for f in report.figures:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start : f.end]
        values = f.value.values() if isinstance(f.value, dict) else [f.value]
        assert all(not isinstance(v, float) or math.isfinite(v) for v in values), f
    result = CheckResult([report])
    for fmt in FORMATS:
        assert render(result, fmt)

    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} in JSON")

    json.loads(as_json(result), parse_constant=refuse)


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for fmt in ("text", "markdown", "html"):
        check(text, fmt=fmt)


@SETTINGS
@given(st.lists(sentence, max_size=15).map(" ".join))
def test_figure_dense_prose_never_raises(text: str) -> None:
    check(text, fmt="text")


@SETTINGS
@given(markdown_docs)
def test_markdown_never_raises(text: str) -> None:
    check(text, "a.md")
    check(text, fmt="text")


@SETTINGS
@given(html_docs)
def test_html_never_raises(text: str) -> None:
    check(text, "a.html")


# Every character a number's notation is made of (digits, separators, powers, signs), and every
# white space character: "10^\t3" held a tab where a power may hold a space (ValueError).
NOTATION = [*"0123456789.,eE^*×x·+-−⁻²⁴", "10", "**", "\u00a0", "\u202f", "\u2009"]
SPACES = [c for c in map(chr, range(0x3001)) if c.isspace()]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*NOTATION, *SPACES]), max_size=20).map("".join))
def test_every_number_the_notation_reads_has_a_value(text: str) -> None:
    """Each match of the number pattern parses (to a float: an infinite one is refused later)."""
    from r1kb.checksource.lexicon.notations import parse_number
    from r1kb.checksource.lexicon.vocabulary import number_words

    for m in number_words(knowledge()[0]).tails.number.finditer(text):
        value, step = parse_number(m.group("num"))
        assert isinstance(value, float) and isinstance(step, float), m.group("num")
    check(f"DeepSeek-R1 has {text} parameters.", fmt="text")

"""The one-pass searches check-source uses on long texts find exactly what the patterns they
stand for find one by one: family model names (the scan only skips places no match can start),
the tails after a number (the first tail that matches) and dates (notations a text cannot hold
are not searched)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import dates, family_scan, mentions, prefixes
from r1kb.checksource.candidates.family_scan import family_matches
from r1kb.checksource.candidates.mentions import _family_patterns
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
PATTERNS = _family_patterns(KB)
PIECES = [
    "DeepSeek-R1", "deepseek r1", "R1", "r1", "V3", "DeepSeek’s V3", "R1-Distill-Qwen-32B",
    "1.5B model", "7B", "Qwen", "Llama-70B", "Distill", " ", "-", ".", "_", "é", "\u212a",
    "ſ", "K", "x", "1", "\n", "(", "671B", "Zero", "-Zero",
]  # fmt: skip


def expected(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), mid) for p, mid in PATTERNS for m in p.finditer(text)]


def found(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), mid) for m, mid in family_matches(text, PATTERNS)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_scan_finds_what_each_pattern_finds(text: str) -> None:
    assert found(text) == expected(text)


def test_the_scan_on_the_articles() -> None:
    folder = ROOT.parent / "shared" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts.append("DeepSeek-R1 1.5B and the 7B model; R1-Zero, DeepSeek V3, deepseek-r1-distill")
    for text in texts:
        assert found(text) == expected(text)


TAIL_PIECES = [
    " ", "-", "GPU", " hours", "H800", " per ", "/", "M", " tokens", " input", "dollars", "USD",
    " yuan", "B", " parameters", "context", " window", "days", "%", "percent", "th", "FLOPs",
    " samples", "1", ".", "week", "each", " a ", "\n", "s", "Nvidia ", "class", "accelerators",
]  # fmt: skip


TAILS = number_words(KB).tails  # compiled from the real vocabulary


def tail_by_tail(text: str, money: bool) -> tuple[str, int] | None:
    for tail in TAILS.every:
        if (tail.money is None or tail.money is money) and (m := tail.pattern.match(text)):
            return tail.unit, m.end()
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAIL_PIECES), max_size=12).map("".join), st.booleans())
def test_one_pattern_of_tails_matches_the_first_tail_that_matches(text: str, money: bool) -> None:
    pattern, tails = TAILS.after[money]
    m = pattern.match(text)
    got = (tails[int(m.lastgroup[1:])].unit, m.end()) if m and m.lastgroup else None
    assert got == tail_by_tail(text, money)


DATE_PIECES = ["January", "Jan", "20", "2025", "1999", "early", " ", ",", "-", "/", "3", "May"]
ALWAYS = re.compile("")


def every_notation(text: str) -> list[dates.DateMatch]:
    """find_dates with every notation scanned, whatever the text holds."""
    kept = dates._ANY_YEAR, dates._ANY_DIGIT
    dates._ANY_YEAR = dates._ANY_DIGIT = ALWAYS
    try:
        return list(dates.find_dates(text))
    finally:
        dates._ANY_YEAR, dates._ANY_DIGIT = kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*DATE_PIECES, "a.", "x"]), max_size=14).map("".join))
def test_dates_skip_only_notations_a_text_cannot_hold(text: str) -> None:
    """A text without a year (19xx, 20xx) or without any digit is not scanned for the dates
    that need one: what is found is what every notation finds."""
    assert list(dates.find_dates(text)) == every_notation(text)


def test_a_gate_is_the_fixed_beginning_every_match_of_a_pattern_has() -> None:
    cases = {
        r"(?<![\w])R1(?:-|\s)?Zero": "R1",
        r"(?<![\w.])1\.5B[\s\-]+models?": "1",
        r"(?<![\w])Rs?x": "R",  # the s may be absent
        r"(?<![\w])R1\|x": "R1",  # an escaped bar is a character
        r"(?<![\w])R1|V3": None,  # an alternative at the top level
        r"(?<![\w])[]|]x": None,
        r"(?<![\w])(?:a|b)c": None,
        r"R1": None,  # no look-behind first
    }
    for source, gate in cases.items():
        assert family_scan._gate(re.compile(source)) == gate, source


NOTATION_PIECES = [*DATE_PIECES, "ſept", "\u212a", "İ", "mid", "late-", "9", "x", "_", ".", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NOTATION_PIECES), max_size=14).map("".join))
def test_each_date_notation_tried_where_it_may_start_finds_what_its_scan_finds(text: str) -> None:
    """A notation tried only at the word starts with a digit, or with a month's name or a part
    of a year, finds what `finditer` over the whole text finds."""
    finditer = dates._finder(text)
    for pattern in [*dates._COMPILED, dates._PART_OF_YEAR, *dates._NO_YEAR]:
        plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in finditer(pattern)] == plain, pattern.pattern


def test_every_date_notation_is_tried_only_at_places() -> None:
    """Each notation starts as a number or as a name does (none is scanned for everywhere)."""
    starts = (
        dates._AT_YEAR,
        dates._AT_DAY,
        dates._AT_MONTH,
        dates._AT_PART_OR_MONTH,
        dates._AT_PART,
    )
    for pattern in [*dates._COMPILED, dates._PART_OF_YEAR, *dates._NO_YEAR]:
        assert pattern.pattern.startswith(starts), pattern.pattern


SYNTHETIC = [
    (re.compile(p, f), p)
    for p, f in [
        (r"(?<![\w])R{1}1x", 0),  # a first character, no gate
        (r"(?<![\w])Rx(?:a|b)?y[\]\-]z", re.I),
        (r"(?<![\w.])R(?:-|\s)?1(?:-|\s)?Zero", re.I),
        (r"(?<![\w.])R(?:-|\s)?1(?:-|\s)?Zero", 0),
        (r"(?<![\w.])R(?:-|\s)?1\.5B(?![\w.])", re.I),
        (r"(?<![\w.])R1[\s\-]+x\w*", re.I),
        (r"(?<![\w])R1", 0),
        (r"(?<![\w])ſx", re.I),
        (r"(?<![\w])sx", re.I),  # found at "ſx" too: case folding reaches "s" from "ſ"
        (r"(?<![\w])kx", re.I),  # and "k" from the Kelvin sign
        (r"(?<![\w])[Rr]1x", 0),  # no first character shown: searched for everywhere
    ]
]
SYNTHETIC_PIECES = [
    "R", "r", "1", "x", "X", "y", "Zero", "zero", "-", " ", ".", "1.5B", "a", "]", "z", "s",
    "ſ", "\u212a", "_", "\n", "Rx", "R1",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SYNTHETIC_PIECES), max_size=30).map("".join))
@example("ſx \u212ax")
def test_patterns_tried_by_their_beginnings_find_what_each_finds(text: str) -> None:
    """Gates, shared beginnings and the alternations of longer ones only skip places: on
    patterns of every kind (with and without a gate, either case flag), the scan finds what
    each pattern finds one by one."""
    plain = [(m.span(), mid) for p, mid in SYNTHETIC for m in p.finditer(text)]
    assert [(m.span(), mid) for m, mid in family_matches(text, SYNTHETIC)] == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, *SYNTHETIC_PIECES]), max_size=30).map("".join))
def test_every_beginning_of_a_pattern_matches_where_it_does(text: str) -> None:
    for pattern, _ in [*PATTERNS, *SYNTHETIC]:
        cuts = prefixes.beginnings(pattern.pattern, 0)
        assert cuts and cuts[-1] == pattern.pattern
        for pos in range(len(text) + 1):
            if pattern.match(text, pos):
                assert all(re.compile(c, pattern.flags).match(text, pos) for c in cuts), pos


def test_a_pattern_splits_into_its_items_at_the_top_level() -> None:
    cases = {
        r"(?<![\w])R1(?:-|\s)?x": [9, 10, 11, 20, 21],
        r"a[\]\-(]+b\.c": [1, 9, 10, 12, 13],
        r"a\sb{2,3}?": [1, 3, 10],
        r"a|b": None,
        r"a\1": None,
        r"(a": None,
    }
    for source, ends in cases.items():
        found = prefixes.items(source)
        assert (found and [end for end, _ in found]) == ends, source


MARK_PIECES = [
    "pass", "cons", "maj", "@", "1", "23", "Elo", "elo", "ELO", "Top", "top", "TOP", " ", "\n",
    "%", "x", "ſ", "paſs", "conſ", "\u00a0", "٣", "o", "p", "_", "by", "-",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARK_PIECES), max_size=20).map("".join))
def test_evaluation_marks_tried_before_an_at_or_a_number_are_those_of_the_scan(text: str) -> None:
    plain = [m.span() for m in mentions._EVAL_MARKS.finditer(text)]
    assert [m.span() for m in mentions._marks(text)] == plain


COMPARATIVE_PIECES = [
    "like", "such", " as", "similar", " to", "than", "vs.", "vs", "rivals", "lags", "behind",
    " ", "  ", "\n", "\u00a0", "the", "a", " a ", "x", "-", "un", "well ", "ahead of", "Like", "s",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(COMPARATIVE_PIECES), max_size=14).map("".join))
def test_a_comparative_word_is_found_as_each_word_with_its_own_word_start_finds_it(
    text: str,
) -> None:
    """The word start tested once before the comparative words, and the white space a match
    ends with tested first, answer as each word tested with its own word start."""
    each = "|".join(rf"\b{word}" for word in mentions._COMPARATIVE_WORDS)
    plain = re.compile(f"(?:{each}){mentions._COMPARATIVE_END}", re.I)
    window = text[-40:]
    assert mentions._comparative(text, len(text), len(text)) == bool(plain.search(window))

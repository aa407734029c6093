"""The shortcuts of reading a text and finding its figures give the answers of the plain code
they replace: each whole-text scan made once for both questions find asks, on random and
hostile texts (non-ASCII digits and spaces, Markdown, HTML)."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import dates, extract, figure_scan
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.document import caps, document, layout, masks
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon import tails
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
WORDS = number_words(KB)
PIECES = [
    " or even months", " or weeks", " or  EVEN days",
    "DeepSeek-R1", " was trained on ", "GPUs", " tokens", " parameters", " a few", " two",
    " weeks", " millions of", "hundreds", " 671B", "7", "$5.6M", " 2,048", "8x256+1", " MoE",
    " March", " 2025", "Qwen-7B", ". ", "\n\n", "| a | b |\n|---|---|\n| R1 | 37B |\n", "<td>",
    "1.5", "%", " the", " model", "١٢٣", "\u00a0", "\u2009", "ſ", "\u212a", "**", "`x`",
    "<b>", "&amp;", " between ", " and ", " to ", "~", " about ", "e.g.", " per ", "/",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def _plain_may_hold(text: str) -> bool:
    """may_hold_figures as it was: a search of each finder's pattern, then the dates."""
    patterns = [p for _, p, _ in extract.finders(WORDS) if p is not None]
    return any(p.search(text) for p in patterns) or next(dates.find_dates(text), None) is not None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_one_scan_per_pattern_answers_as_a_search_for_each_question(text: str) -> None:
    scan = figure_scan.FigureScan(text, WORDS)
    assert figure_scan.may_hold_figures(text, WORDS, scan) == _plain_may_hold(text)
    assert figure_scan.find_figures(text, [], WORDS, scan) == figure_scan.find_figures(
        text, [], WORDS
    )


def _plain_parse(num: str) -> tuple[float, float]:
    """parse_number as it was, every number through the separator and power patterns."""
    clean = re.sub(n.SEP, "", num)
    m = n._POWER.fullmatch(clean)
    return n._plain(clean) if m is None else n.parse_number(clean)


NUMBER_PIECES = ["0", "1", "7", "00", ".", ",", "\u00a0", "\u2009", " ", "e", "3", "^", "²", "١"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), min_size=1, max_size=10).map("".join))
def test_a_plain_number_is_read_as_the_separator_and_power_patterns_read_it(num: str) -> None:
    for m in tails.plain_numerals()[0].finditer(num):
        got = m.group("num")
        assert n.parse_number(got) == _plain_parse(got), got


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=400))
def test_a_tail_matched_where_it_starts_is_the_tail_of_the_rest_of_the_text(
    text: str, pos: int
) -> None:
    """ "or even" after a number word, matched in the text at its place, not in a copy of the
    text after it (each copy cost the length of the rest of the text)."""
    pos = min(pos, len(text))
    at, rest = WORDS.tails.or_even.match(text, pos), WORDS.tails.or_even.match(text[pos:])
    assert (at and (at.start() - pos, at.end() - pos, at.groupdict())) == (
        rest and (rest.start(), rest.end(), rest.groupdict())
    )


LABEL_PIECES = [
    "Total parameters", "Hidden Size", "- ", "* ", "•", "+", "\t", " ", "  ", "671B", "7,168",
    "\u00a0", "\u2003", "\x1c", "x", "(", ")", ":", ": ", "’", "&", "‑", "١", "²", ".", ",",
    "\n", "\n\n", "$5", "~3", "| a |", "a" * 70,
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=12).map("".join))
def test_a_line_with_a_character_no_label_holds_is_read_as_the_label_test_reads_it(
    text: str,
) -> None:
    """A spec-sheet line is refused without taking its bullets off when it holds a character
    no label can: the cells the whole test finds."""
    lines = layout.line_spans(text)
    quick = [layout._spec_cells(text, lines, i) for i in range(len(lines))]
    kept = layout._NOT_A_LABEL
    layout._NOT_A_LABEL = re.compile("(?!)")
    try:
        assert quick == [layout._spec_cells(text, lines, i) for i in range(len(lines))]
    finally:
        layout._NOT_A_LABEL = kept


# Markdown's marks as the reader blanked them with one alternation tried at every place
PLAIN_MD_MASK = re.compile(r"`[^`\n]*`|\]\([^()\]\s]*\)|<[^<>\n]+>|[*_#>]+")
MASK_PIECES = [
    "https://x.org/a", "http://", "www.", "www.a.b", "a@b.c", "@", "a.b@c-d.org", "x@y", "@@",
    ".", "+", "-", "_", " ", "\n", "\t", "\u00a0", "\u2003", "é", "١", "<", ">", "<b>", "](",
    "](x)", ")", "[", "]", "`", "`code`", "*", "**", "_", "#", "> ", "a", "ab", "a" * 70,
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(MASK_PIECES), max_size=20).map("".join))
def test_addresses_and_marks_are_blanked_as_the_patterns_tried_everywhere_blank_them(
    text: str,
) -> None:
    assert masks.blank_urls(text) == masks.URL.sub(masks._blank, text)
    assert masks.MD_MASK.sub(masks._blank, text) == PLAIN_MD_MASK.sub(masks._blank, text)
    assert masks.mask(text, markdown=True) == PLAIN_MD_MASK.sub(
        masks._blank, masks.blank_fences(masks.URL.sub(masks._blank, text))
    )


def test_the_articles_are_blanked_as_the_patterns_tried_everywhere_blank_them() -> None:
    folder = ROOT.parent / "shared" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts.append((ROOT / "tests" / "cases" / "snapshots" / "blog-post.txt").read_text("utf-8"))
    for text in texts:
        assert masks.mask(text, markdown=True) == PLAIN_MD_MASK.sub(
            masks._blank, masks.blank_fences(masks.URL.sub(masks._blank, text))
        )


START_PIECES = [
    "two", "Two", "ſix", "ſeveral", "a few", "A  Few", "a\u00a0couple of", "tens", "Hundreds",
    "millions of", "Billions", "thouſands", "top", "TOP-8 of 256 experts", "8x256+1 MoE",
    "58 8x256+1 MoE", "March", "march", "Sept.", "ſept", "early", "Mid", "late", "2025",
    "January 20, 2025", "20 Jan 2025", "2025-01-20", "1/20/2025", "İ", "ı", "\u212a", "k",
    "1", "12", "1.5", ".5", "$5.6M", "US$2", "RMB 3", "USD 4", "CN¥2", "￥3", "١٢", "x", "-",
    ".", ",", "@", "#", ":", " ", "\n", "\u2009", "é", "_", "R1", "V3", "|", "3rd", "2nd of",
    "12/31/2024", "31.12.2024", "2024/1/5", "1٢", "123", "٣١", "15 ", "March 3", "3 March",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(START_PIECES), max_size=16).map("".join))
def test_a_pattern_tried_at_its_places_finds_what_it_finds_everywhere(text: str) -> None:
    """FigureScan tries each finder's pattern only at the places found for its kind (a word of
    the finders', a digit, a number's first character): the matches of the whole scan; and the
    dates read at the word places are the dates read everywhere."""
    for words in (WORDS, None):
        scan = figure_scan.FigureScan(text, words)
        for i, (_, pattern, _) in enumerate(extract.finders(words)):
            plain = [] if pattern is None else list(pattern.finditer(text))
            assert [(m.span(), m.groupdict()) for m in scan.found(i)] == [
                (m.span(), m.groupdict()) for m in plain
            ]
        assert scan.dates() == list(dates.find_dates(text))
    digit_starts = [m.start() for m in re.finditer(r"(?=[0-9])\b", text)]
    assert [m.start() for m in dates._AT_NUMBER.finditer(text)] == digit_starts


class _PlainSpans:
    """Spans as it was: each span inserted in turn, the two neighbours tried in a loop."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans: list[tuple[int, int]] = []
        for s in spans:
            insort(self._spans, s)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._spans, (end, end))
        for j in (i - 1, i):
            if 0 <= j < len(self._spans):
                s, e = self._spans[j]
                if start < e and s < end:
                    return True
        return False


SPAN = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=500, deadline=None)
@given(st.lists(SPAN, max_size=12), st.lists(SPAN, max_size=12))
def test_spans_sorted_at_once_answer_as_spans_inserted_one_by_one(
    spans: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    quick, plain = Spans(spans), _PlainSpans(spans)
    for start, end in [*asked, *spans]:
        assert quick.overlaps(start, end) == plain.overlaps(start, end)
    for s in asked:
        quick.add(*s)
        plain.overlaps(0, 0)
        insort(plain._spans, s)
    assert quick.starting_in(0, 1 << 20) == plain._spans
    for start, end in [*asked, *spans]:
        assert quick.overlaps(start, end) == plain.overlaps(start, end)


def _plain_line_blocks(text: str, raw: str, markdown: bool) -> list[document.Block]:
    """_line_blocks as it was: the joining rule read on a copy of the whole paragraph so far,
    a heading's words all split."""
    blocks: list[document.Block] = []
    lead_in, pos = False, 0
    for line, raw_line in zip(text.split("\n"), raw.split("\n"), strict=True):
        start, end, pos = pos, pos + len(line), pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            lead_in = False
            continue
        words = stripped.split()
        heading = (
            raw_line.lstrip().startswith("#")
            or (
                0 < len(words) <= 8
                and stripped[:1].isupper()
                and not stripped.endswith(document._TERMINAL)
                and not document._ITEM.match(line)
                and "|" not in stripped
                and not any(ch.isdigit() for ch in stripped)
            )
            if markdown
            else document._looks_like_heading(line, markdown, raw_line)
        )
        if raw_line.lstrip().startswith("|"):
            kind = "row"
        elif document._ITEM.match(raw_line):
            kind = "item"
        elif heading:
            kind = "heading"
        elif lead_in and len(stripped) <= 300:
            kind = "item"
        else:
            kind = "paragraph"
        prev = blocks[-1] if blocks else None
        if (
            prev is not None
            and kind == prev.kind == "paragraph"
            and prev.end == start - 1
            and (markdown or len(text[prev.start : prev.end]) >= 50)
            and not text[prev.start : prev.end].rstrip().endswith(tuple(".!?:"))
        ):
            blocks[-1] = document.Block(prev.start, end, "paragraph")
        else:
            blocks.append(document.Block(start, end, kind))
        lead_in = stripped.endswith(":") or (lead_in and bool(document._ITEM.match(raw_line)))
    return blocks


BLOCK_PIECES = [
    "A line of prose that goes on", " and on", "Two Words", ".", ":", "!", " ", "  ", "\t",
    "\n", "\n\n", "- item", "1. item", "| a | b |", "# Title", "x" * 60, "\u2003", "é", "7",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_PIECES), max_size=20).map("".join), st.booleans())
def test_blocks_are_read_as_when_each_paragraph_was_copied(text: str, markdown: bool) -> None:
    assert document._line_blocks(text, text, markdown) == _plain_line_blocks(text, text, markdown)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(START_PIECES), max_size=16).map("".join))
def test_a_date_notation_tried_at_its_places_finds_what_it_finds_everywhere(text: str) -> None:
    """Each notation read from a number is tried only where a year, or a day's one or two
    digits, starts; one read from a name only at the word places: the matches of a scan."""
    words = figure_scan.FigureScan(text, WORDS).places("word")
    for places in (None, words):
        find = dates._finder(text, places)
        for pattern in [*dates._COMPILED, dates._PART_OF_YEAR, *dates._NO_YEAR]:
            assert [(m.span(), m.groupdict()) for m in find(pattern)] == [
                (m.span(), m.groupdict()) for m in pattern.finditer(text)
            ]


UNIT_PIECES = [
    " ", "-", "two", " months", " weeks", "days", " hours", " GPU hours", " H800", " GPUs",
    " Nvidia", " H800 GPUs", " tokens", " parameters", "%", " percent", " of", " or even",
    " extra", " more", " shared", "\n", "s", "\u2009", "ſ", " wee\u212as", " MONTHS", "x",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(UNIT_PIECES), max_size=10).map("".join))
def test_where_no_tail_in_a_word_unit_matches_the_first_tail_is_in_another_unit(
    text: str,
) -> None:
    """A number word's tails are read only where one in a unit of WORD_UNITS matches: elsewhere
    the first tail that matches (if any) is one a number word is not read with."""
    for pos in range(len(text) + 1):
        if WORDS.tails.word_units.match(text, pos) is None:
            found = extract._match_tail(text, pos, False, WORDS)
            assert found is None or found[0].unit not in n.WORD_UNITS, (text, pos)


MONEY_PIECES = ["$", "5.6", " per ", "1M", " input ", " cached ", " tokens", " GPU-hour", " ¥"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(UNIT_PIECES + MONEY_PIECES), max_size=10).map("".join))
def test_a_tail_group_is_read_as_the_dict_of_its_groups_reads_it(text: str) -> None:
    """A group of a tail's match read alone (present or not in the tail pattern, matched or
    not) is what the dict of all its groups gives for it."""
    for pos in range(len(text) + 1):
        for money in (False, True):
            found = extract._match_tail(text, pos, money, WORDS)
            if found is not None:
                for name in ("gpu", "io", "t0", "nothing"):
                    assert extract._named(found[1], name) == found[1].groupdict().get(name)


FORM_PIECES = [
    "H800", "h", "a", "s", "ſ", "K", "\u212a", "k", "İ", "ı", "i", "7", ".", "*", "-", " ",
]  # fmt: skip
FORMS = st.lists(st.lists(st.sampled_from(FORM_PIECES), max_size=4).map("".join), max_size=5)


@settings(max_examples=500, deadline=None)
@given(FORMS, st.booleans(), st.lists(st.sampled_from([*FORM_PIECES, "S", "I", "x"]), max_size=12))
def test_forms_behind_a_look_ahead_for_their_first_characters_match_as_the_forms_alone(
    words: list[str], bounded: bool, pieces: list[str]
) -> None:
    """The look-ahead for the forms' first characters (case-insensitive, as the forms are read:
    the twins ſ/s, K/k, İ/ı/i) keeps every match of the alternation, and its backtracking."""
    text = "".join(pieces)
    ahead = tails.forms(words, bounded)
    # without it: where a form has no first character (only gaps), there is none to drop
    plain = ahead[ahead.index("])") + 2 :] if ahead.startswith("(?=[") else ahead
    for pos in range(len(text) + 1):
        for a, b in ((ahead, plain), (f"(?:{ahead})+s?\\b", f"(?:{plain})+s?\\b")):
            got = re.compile(a, re.I).match(text, pos)
            want = re.compile(b, re.I).match(text, pos)
            assert (got and got.span()) == (want and want.span()), (a, text, pos)


# the qualifiers as the one pattern they were written as, searched through the text before a
# number from its start
PLAIN_QUALIFIERS = [
    (r"(?:just\s+)?(?:under|below|less\s+than|fewer\s+than|up\s+to|at\s+most|no\s+more\s+than"
     r"|nearly|almost|shy\s+of|<|≤)", "upper"),
    (r"(?:over|above|more\s+than|at\s+least|in\s+excess\s+of|upwards\s+of|exceeding|north\s+of"
     r"|>|≥)", "lower"),
    (r"(?:about|around|approximately|approx\.?|roughly|some|circa|an\s+estimated|estimated"
     r"|~|≈|∼)", "approx"),
]  # fmt: skip
PLAIN_QUALIFIER = re.compile(
    r"(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(PLAIN_QUALIFIERS)) + r")\s*$",
    re.I,
)


def _plain_qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    window = text[max(0, start - 25) : start]
    m = PLAIN_QUALIFIER.search(window)
    if not m or (m.start() > 0 and text[max(0, start - 25) + m.start() - 1].isalnum()):
        return None, start
    kind = next(PLAIN_QUALIFIERS[i][1] for i in range(len(PLAIN_QUALIFIERS)) if m.group(f"q{i}"))
    return kind, max(0, start - 25) + m.start()


QUALIFIER_PIECES = [
    "just", "JUST", "under", "no", "more", "than", "less", "at", "most", "almost", "some", "ſome",
    "awe", "approx", "approx.", ".", "an", "estimated", "in", "excess", "of", "north", "up",
    "to", "x", "(", "<", "≤", ">", "~", "≈", "∼", " ", "  ", "\n", "\t", "\u00a0", "\u2003",
    "İ", "ı", "\u212a", "7", "a" * 20,
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(QUALIFIER_PIECES), max_size=12).map("".join))
def test_a_qualifier_read_from_the_end_is_the_one_the_search_from_the_start_finds(
    text: str,
) -> None:
    for start in range(len(text) + 1):
        assert n.qualifier_before(text, start) == _plain_qualifier_before(text, start), start
        built, plain = n.QUALIFIER.search(text[:start]), PLAIN_QUALIFIER.search(text[:start])
        assert (built and (built.span(), built.groupdict())) == (
            plain and (plain.span(), plain.groupdict())
        )


def _plain_numerals_cut(raw: str, most: int) -> int:
    """numerals_cut as it was: the numbers scanned up to one past the most read."""
    ends = [m.end() for m in caps.NUMERALS.finditer(raw)][: most + 1]
    if len(ends) <= most:
        return len(raw)
    end = ends[most - 1]
    for sep in ("\n", " "):
        at = raw.rfind(sep, 0, end)
        if at > 0:
            return at + 1
    return end


NUMERAL_PIECES = [
    "7", "12", "1.5", " ", "\n", "tens", "TENS", "Hundreds", "thousands", "millions", "billions",
    "trillions", "dozens", "attention", "lions", "tokens", "x", "-", "ſ", "İ", "ı", "١", "é",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMERAL_PIECES), max_size=20).map("".join), st.integers(1, 8))
def test_a_text_counted_without_a_scan_is_cut_where_the_scan_cuts_it(raw: str, most: int) -> None:
    kept = caps.MAX_NUMERALS
    caps.MAX_NUMERALS = most
    try:
        assert caps.numerals_cut(raw) == _plain_numerals_cut(raw, most)
    finally:
        caps.MAX_NUMERALS = kept

"""Runs of one character (spaces after a number, full stops, blank lines, indented lines) are
read once. Patterns that tried each place in a run and read the rest of it from there, or let
two gaps in a row share a run, cost the square (or cube) of its length: a number before 16 KB
of spaces took 15 s. Each rewritten pattern is compared here with the plain one it replaces,
on random texts full of such runs; the cost itself is in the benchmark
(`scripts/bench_check_source.py`: the "run" kinds)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import extract
from r1kb.checksource.document import document, glued, layout
from r1kb.checksource.lexicon.tails import MAX_GAP
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
WORDS = number_words(load(ROOT / "data").kb)


def _plain(source: str) -> str:
    """A pattern's source without its possessive quantifiers (`*+`, `++`, `?+`, `}+`)."""
    return re.sub(r"(?<!\\)([*+?}])\+", r"\1", source)


def _texts(pieces: list[str], size: int = 30) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


TAIL_PIECES = [
    " ", "  ", "\n", "\t", "\u00a0", "-", "–", "GPU", " GPU", "hours", " hours", "H800", " H800",
    "NVIDIA", "th", "st", "percentile", " percentile", "per", " per ", "tokens", " tokens",
    "parameters", "params", "million", "x", "a", "of", "GPUs", "days", "%", "cent", "samples",
]  # fmt: skip


def _matched(m: re.Match[str] | None) -> tuple[int, str | None, dict[str, str | None]] | None:
    return m and (m.end(), m.lastgroup, m.groupdict())


@settings(max_examples=400, deadline=None)
@given(_texts(TAIL_PIECES), st.booleans())
def test_possessive_unit_tails_match_as_the_plain_tails(text: str, money: bool) -> None:
    """Every tail, tried at once after a number, ends where the plain pattern ends."""
    for pattern in (WORDS.tails.after[money][0], WORDS.tails.word_units):
        plain = re.compile(_plain(pattern.pattern), pattern.flags)
        for at in range(len(text) + 1):  # as after a number at each place
            assert _matched(pattern.match(text, at)) == _matched(plain.match(text, at)), at


STOP_PIECES = [".", "..", "!", "?", "…", '"', "”", ")", "]", " ", "\n", "a", "b.", "Mr.", "1.5"]
PLAIN_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


@settings(max_examples=400, deadline=None)
@given(_texts(STOP_PIECES))
def test_a_sentence_ends_where_the_plain_pattern_ends_it(text: str) -> None:
    spans = [m.span() for m in document._SENTENCE_END.finditer(text)]
    assert spans == [m.span() for m in PLAIN_SENTENCE_END.finditer(text)]


BULLET_PIECES = [" ", "  ", "\t", "-", "*", "+", "•", "a", "Total", "1", "\n"]


@settings(max_examples=400, deadline=None)
@given(_texts(BULLET_PIECES))
def test_bullets_are_taken_off_as_the_plain_pattern_takes_them(text: str) -> None:
    assert layout._without_bullets(text) == layout._BULLET.sub("", text)


FORMAT_PIECES = ["\n", "\n\n", " ", "\t", "- a", "* b", "-", "# T", "## x", "a", "](http://x)"]


def _plain_format(raw: str) -> str:
    """detect_format as it was for a text without a telling name or HTML."""
    if re.search(r"^#{1,6} \S|^\s*[-*] \S.*\n\s*[-*] \S|\]\(https?://", raw[:5000], re.M):
        return "markdown"
    return "text"


@settings(max_examples=400, deadline=None)
@given(_texts(FORMAT_PIECES))
def test_markdown_is_told_from_text_as_before(text: str) -> None:
    assert document.detect_format(text) == _plain_format(text)


def test_the_examples_that_were_slow_read_as_before() -> None:
    """The runs the benchmark times, read here for what they give: no figure from a run."""
    assert _plain(WORDS.tails.after[False][0].pattern) != WORDS.tails.after[False][0].pattern
    for text in ("671" + " " * 60 + "B parameters.", "671" + " " * 60 + "percentile"):
        pattern = WORDS.tails.after[False][0]
        plain = re.compile(_plain(pattern.pattern), pattern.flags)
        assert _matched(pattern.match(text, 3)) == _matched(plain.match(text, 3)) is not None
    assert document.detect_format("\n" * 5000 + "- a\n- b") == "text"  # past the 5,000 read
    assert document.detect_format("- a\n\n\n- b") == "markdown"
    assert layout._without_bullets("  - Total params  -  - x -") == "Total paramsx -"
    assert [m.group() for m in document._SENTENCE_END.finditer("a..... b. " + "." * 3000)] == [
        "..... ",
        ". ",
    ]


def _plain_find_cells(text: str, name_ends: layout.NameEnds | None = None) -> list[layout.Cell]:
    """find_cells as it was: every line read, from the first to the last."""
    cells: list[layout.Cell] = []
    lines = layout.line_spans(text)
    if name_ends is not None:
        cells.extend(layout.Cell(*c) for c in glued.glued_tables(text, lines, name_ends))
    done = [(c.start, c.end) for c in cells]
    i = 0
    while i < len(lines):
        a, b = lines[i]
        line = text[a:b]
        if line.count("|") >= 2 or (
            line.count("|") == 1 and layout._next_is_pipe_row(text, lines, i)
        ):
            rows: list[list[tuple[int, int]]] = []
            start = a
            while i < len(lines) and text[lines[i][0] : lines[i][1]].count("|") >= 1:
                rows.extend(layout._rows_of_line(text, *lines[i]))
                i += 1
            cells.extend(layout._table_cells(text, rows, start))
            continue
        cells.extend(
            c
            for c in layout._spec_cells(text, lines, i)
            if not any(x <= c.start < y for x, y in done)
        )
        i += 1
    return sorted(cells, key=lambda c: c.start)


CELL_PIECES = [
    "\n", "\n\n", "\n\n\n", "\n\n\n\n", " ", "\t", "\r", "\u00a0", "\u2009", "- ", "* ", "• ", "-5",
    "Hidden Size", "Total params", "Layers", "7,168", "671B", "$5.6M", "~37B", "١٢", "²",
    "Key: 61", "Context：128K", "a", ".", ",", "| a | b |", "|---|---|", "| R1 | 671B |", "|",
    "VariantTotal paramsActive", "DeepSeek-R1671B37B", "≈2", "<1", "x",
]  # fmt: skip


def _names(text: str, pos: int) -> list[int]:
    """A model name's ends at pos, for the glued tables ("DeepSeek-R1" only)."""
    return [pos + 11] if text.startswith("DeepSeek-R1", pos) else []


@settings(max_examples=500, deadline=None)
@given(_texts(CELL_PIECES, 40))
@example("Hidden Size\n\n\n7,168")  # the value three lines down
@example("Layers\n\u00b2")  # a digit only str.isdigit knows
@example("Layers\n- \r61")  # white space after the bullet that only strip takes
@example("Layers\n\u2009 ١٢")
def test_the_lines_a_cell_may_begin_on_hold_every_cell(text: str) -> None:
    """Only the candidate lines are read: they give the cells reading every line gave."""
    assert layout.find_cells(text) == _plain_find_cells(text)
    assert layout.find_cells(text, _names) == _plain_find_cells(text, _names)


PLAIN_GLUED = re.compile(r"[\w)]\d+(?:\.\d+)?[KMBTk]")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["1", "1" * 29, "1" * 31, ".", "B", "k", "x", " ", ")", "R1"])).map(
        "".join
    ),
    st.integers(0, 100),
)
def test_a_glued_figure_is_found_where_the_unbounded_pattern_finds_one(text: str, at: int) -> None:
    assert (glued._GLUED.search(text, at) is None) == (PLAIN_GLUED.search(text, at) is None)


GAP_PIECES = [
    " ", "  ", "\n", "\t", "-", "x", "×", "times", "fold", "th", "model", "size", "version",
    "to", "and", "–", "—", "%", "USD", "dollars", "$", "5", "1.5", "for", "each", "every",
    "trillion", "tokens", "eight", "8", "-way", "way", "H800", "GPU", "nodes", "servers",
    "million", "billion", "GB", "bits", "days",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_texts(GAP_PIECES))
def test_possessive_gaps_after_a_number_match_as_the_plain_gaps(text: str) -> None:
    """The patterns tried right after a number, their gaps made possessive (a run of spaces
    was handed back one by one, the words after it tried at each)."""
    t = WORDS.tails
    for pattern in (
        t.not_a_figure, t.size_noun, t.range_rest, t.currency_after, t.per_trillion_after,
        t.machines, extract._WORD_MAGNITUDE,
    ):  # fmt: skip
        plain = re.compile(_plain(pattern.pattern), pattern.flags)
        for at in range(len(text) + 1):  # as after a number at each place
            assert _matched(pattern.match(text, at)) == _matched(plain.match(text, at)), at


def test_a_unit_is_read_across_at_most_max_gap_spaces() -> None:
    """A word 65 spaces or line breaks after a number belongs to another line or column."""
    pattern, tails = WORDS.tails.after[False]
    for gap in (" ", "\n", " -"):
        near = "2048" + gap * (MAX_GAP // len(gap)) + "GPUs"
        far = "2048" + gap * (MAX_GAP // len(gap) + 1) + "GPUs"
        m = pattern.match(near, 4)
        assert m is not None and tails[int(m.lastgroup[1:])].unit == "GPUs"
        assert pattern.match(far, 4) is None and WORDS.tails.word_units.match(far, 4) is None

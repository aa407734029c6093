"""The shortcuts of the figure-finding stage (reading the text, its cells, its figures) compared
with the plain computations they replace, on random texts made of the pieces each one reads.

Each shortcut answers as the plain computation does: a count without a scan is never below the
scan's count, a rewritten pattern finds what the old one found, a quick test skips only what
the full test rejects.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import extract, spaced_tables
from r1kb.checksource.document import caps, layout
from r1kb.checksource.lexicon import notations

# the characters and words a count of numerals must not miss: ASCII and other digits, magnitude
# words, letters that case folding makes ASCII ones ("ſ" is "s", "K" is "k"), other non-ASCII
NUMERAL_PIECES = [
    "1", "23", "4.5", "٣", "０", " ", "\n", "-", "·", "—", "é", "ſ", "K", "İ", "x",
    "tens", "TENS", "hundreds", "thousands", "thouſands", "millions", "billionſ", "trillions",
    "dozens", "attention", "a", "of ", "s", "ions", "ands",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMERAL_PIECES), max_size=30).map("".join), st.integers(0, 12))
@example("thouſands billionſ", 1)
@example("٣٣ ٣", 1)
@example("1·2", 1)
def test_the_numeral_count_without_a_scan_is_never_below_the_scans(text: str, limit: int) -> None:
    found = len(caps.NUMERALS.findall(text))
    bound = caps.numerals_bound(text, limit)
    assert bound > limit or found <= bound  # the scan is left out only where it finds few


LAYOUT_PIECES = [
    "Layers", "61", "ab", "a", "b1", "7", "٣", "\n", " ", "|", ":", "Z", "x", "-", "• ", "$",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT_PIECES), max_size=30).map("".join))
@example("abc1\nxy2")
def test_the_lines_a_cell_may_begin_on_are_found_as_before(text: str) -> None:
    lines = layout.line_spans(text)
    found = layout._candidates(text, lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "_GLUED_AT", re.compile(r"[a-z]{2}\d"))
        assert found == layout._candidates(text, lines)


BEFORE_PIECES = [
    "per", "PER", "pEr", " ", "\n", "\u2003", "/", "(", ")", "cost", "costs", "price", "pricing",
    "fee", "fees", "Fees", "r", "x", "1M", "tokens", "one", "five", "ſix", "hundred", "thousand",
    " and", "point", "-", "‑", "twenty", "Eleven", "some", "none", "é", "super", "tens",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=12).map("".join))
@example("(per ")
@example("cost (\n")
@example("1/")
def test_a_denominator_before_a_number_is_found_as_before(text: str) -> None:
    for start in range(len(text) + 1):
        plain = extract._DENOMINATOR.search(text, max(0, start - 12), start) is not None
        assert extract._after_denominator(text, start) == plain


PLAIN_NUMBER_WORD_BEFORE = re.compile(
    rf"\b(?:(?:{'|'.join(w for w in notations.WORD_NUMBERS if ' ' not in w)}|point)"
    r"|(?:hundred|thousand)(?:\s+and)?)[\s\-‐‑]+$",
    re.I,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=12).map("".join))
@example("ſix ")
@example("hundred and ")
@example("someone ")
def test_a_number_word_before_a_number_word_is_found_as_before(text: str) -> None:
    for start in range(len(text) + 1):
        lo = max(0, start - 24)
        plain = PLAIN_NUMBER_WORD_BEFORE.search(text, lo, start) is not None
        assert (extract._NUMBER_WORD_BEFORE.search(text, lo, start) is not None) == plain


def _plain_row(text: str, a: int, b: int) -> tuple[str, list[tuple[int, int]]] | None:
    """spaced_tables._row without its quick test of the last word."""
    words = [m.span() for m in spaced_tables._WORD.finditer(text, a, b)]
    k = len(words)
    while k > 0 and spaced_tables._TOKEN.fullmatch(text, *words[k - 1]):
        k -= 1
    if len(words) - k < 2 or k == 0:
        return None
    label = text[a : words[k - 1][1]].strip()
    if not spaced_tables._LETTER.search(label) or not (label[-1].isalnum() or label[-1] == ")"):
        return None
    return label, words[k:]


ROW_PIECES = [
    "GPQA", "(Pass@1)", "71.5", "81.0", "$5", "~3", "90%", "7B", "N/A", "-", "–", " ", "  ",
    "\t", "\r", "\x0c", "x", "score.", ")", "1,234", "—", "Model", "a", "\u00a0", "2.",
]  # fmt: skip


# a label, then words and values with spaces or tabs between them
ROWS = st.tuples(
    st.lists(st.sampled_from(ROW_PIECES), max_size=4).map("".join),
    st.lists(
        st.tuples(st.sampled_from([" ", "\t", "  ", " \t", ""]), st.sampled_from(ROW_PIECES)),
        max_size=5,
    ).map(lambda parts: "".join(sep + word for sep, word in parts)),
).map("".join)


@settings(max_examples=600, deadline=None)
@given(ROWS, st.integers(0, 3))
@example("GPQA-Diamond (Pass@1) 71.5 81.0", 0)
@example("MMLU 90.8 \t", 1)
@example("MMLU 90.8\t91.0", 1)
def test_a_rows_values_are_read_as_before(line: str, pad: int) -> None:
    text = "x\n" * pad + line + "\ny"
    a = 2 * pad
    assert spaced_tables._row(text, a, a + len(line)) == _plain_row(text, a, a + len(line))

"""A term set's scan finds what its terms find when tried at every place of a text, whatever
the terms and the text: case-folding twins (the Kelvin sign, the long s, dotless and dotted i),
non-ASCII letters, signs, words glued in camelCase, hyphens and underscores between words, and
windows of the text (start, end, the last place a caller needs); and the hits of some of the
terms found by scanning with the whole set only around them."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.lexicon import starts
from r1kb.checksource.lexicon.some_terms import SomeTerms
from r1kb.checksource.lexicon.together import TermSets
from r1kb.checksource.lexicon.vocabulary import Hit, TermSet, number_words
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]

TERM_PIECES = [
    "a", "b", "k", "s", "i", "K", "S", "I", "\u212a", "ſ", "ı", "İ", "τ", "é", "1", "%", " ",
    "-", "_", "*", "ab", "ka", "si", "Sk", "b2",
]  # fmt: skip
TEXT_PIECES = [
    "a", "A", "b", "B", "k", "K", "\u212a", "s", "S", "ſ", "i", "I", "ı", "İ", "τ", "Τ", "é", "1",
    " ", "-", "_", "%", ".", "x", "aB", "sK", "xA", "\n",
]  # fmt: skip

terms_strategy = st.dictionaries(
    st.sampled_from(["r0", "r1", "r2"]),
    st.lists(
        st.lists(st.sampled_from(TERM_PIECES), min_size=1, max_size=4).map("".join),
        min_size=1,
        max_size=4,
    ),
    min_size=1,
)
# few letters: terms that hold one another's beginnings and ends
dense_terms = st.dictionaries(
    st.sampled_from(["r0", "r1", "r2"]),
    st.lists(
        st.lists(
            st.sampled_from(["a", "b", "ab", " ", "s", "b*", "K"]), min_size=1, max_size=3
        ).map("".join),
        min_size=1,
        max_size=3,
    ),
    min_size=1,
)


def every_place(terms: TermSet, text: str, start: int, end: int) -> list[Hit]:
    """TermSet.find without its scan: the terms of each first character tried at every place."""
    out, pos = [], start
    while pos < end:
        group = terms._groups.get(text[pos].lower())
        m = group.match(text, pos, end) if group is not None else None
        if m is None or m.end() == m.start():
            pos += 1
            continue
        out.append(Hit(m.start(), m.end(), terms._refs[int(m.lastgroup[1:])]))
        pos = m.end()
    return out


def text_of(terms: dict[str, list[str]], pieces: list[int]) -> str:
    """A text of pieces, each a text piece or (past their number) one of the terms, as it is,
    in capitals or capitalised."""
    words = [w for ts in terms.values() for t in ts for w in (t, t.upper(), t.capitalize())]
    choices = TEXT_PIECES + words
    return "".join(choices[i % len(choices)] for i in pieces)


@settings(max_examples=400, deadline=None)
@given(
    terms_strategy,
    st.lists(st.integers(0, 80), max_size=30),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(-1, 40),
)
def test_the_scan_finds_what_the_terms_find_at_every_place(
    terms: dict[str, list[str]], pieces: list[int], start: int, length: int, last: int
) -> None:
    with mock.patch.dict(os.environ, {"R1KB_CACHE_DIR": ""}):
        term_set = TermSet(terms)
    text = text_of(terms, pieces)
    assert term_set.find(text) == every_place(term_set, text, 0, len(text))
    start = min(start, len(text))
    end = min(len(text), start + length)
    window = every_place(term_set, text, start, end)
    assert term_set.find(text, start, end) == window
    upto = None if last < 0 else start + last
    assert list(term_set.hits(text, start, end, upto)) == [
        h for h in window if upto is None or h.start <= upto
    ]


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(terms_strategy, dense_terms), st.sets(st.sampled_from(["r0", "r1", "r2"])), st.data()
)
@example({"r0": ["b"], "r1": ["ab"]}, {"r0"}, ["aB"])  # "ab" hides "B"
def test_the_hits_that_name_some_ids_are_those_the_whole_set_finds(
    terms: dict[str, list[str]], wanted: set[str], data: st.DataObject | list[str]
) -> None:
    """Scanning with the whole set only around the wanted terms' own hits (from a character
    no term can hold) finds the whole set's hits that name a wanted id, none hidden by
    another term, none that another term hides."""
    with mock.patch.dict(os.environ, {"R1KB_CACHE_DIR": ""}):
        whole = TermSet(terms)
        some = SomeTerms(whole, terms, wanted)
    words = [w for ts in terms.values() for t in ts for w in (t, t.upper(), t.capitalize())]
    pieces = [" ", "-", ",", ";", '"', "a", "B", "x", *words]
    if not isinstance(data, list):
        data = data.draw(st.lists(st.sampled_from(pieces), max_size=12))
    text = "".join(data)
    assert some.find(text) == [h for h in whole.find(text) if wanted.intersection(h.refs)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(terms_strategy, dense_terms), min_size=1, max_size=3), st.data())
def test_term_sets_scanned_for_at_once_find_what_each_finds(
    term_sets: list[dict[str, list[str]]], data: st.DataObject
) -> None:
    """One scan for where any term of several sets may start gives each set its own hits."""
    with mock.patch.dict(os.environ, {"R1KB_CACHE_DIR": ""}):
        together = TermSets(term_sets)
    words = [w for t in term_sets for ts in t.values() for x in ts for w in (x, x.upper())]
    text = "".join(data.draw(st.lists(st.sampled_from(TEXT_PIECES + words), max_size=20)))
    assert together.find_each(text) == [s.find(text) for s in together.sets]
    assert all(s.find(text) == every_place(s, text, 0, len(text)) for s in together.sets)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abk1 x"), min_size=1, max_size=5).map("".join), max_size=8),
    st.lists(st.sampled_from(["a", "b", "k", "1", " ", "x", "ab", "bk", "1x", "ka"]), max_size=30),
)
def test_the_needles_pattern_is_found_where_one_of_its_words_is(words: list[str], pieces) -> None:
    """`starts.any_of` (absent_from's test, as one tree of the words) finds a match exactly
    where an alternation of the words does."""
    text = "".join(pieces)
    tree = re.compile(starts.any_of(words))
    alternation = re.compile("|".join(map(re.escape, words)) or "(?!)")
    assert (tree.search(text) is None) == (alternation.search(text) is None)


def test_absent_from_says_absent_only_where_no_term_is_found() -> None:
    """On the number words' term sets, over windows of number-dense prose; and it does say
    absent in windows of figures alone (the shortcut is taken)."""
    words = number_words(load(ROOT / "data").kb)
    text = "1 1 1 R1 671B 2,048 H800 GPUs for 2.788M GPU hours, a batch size of 4096 tokens; "
    text += "the learning rate of 7.3e-6 and a KL coefficient of 0.001, 1x128 tiles. " * 2
    for terms in (words._before, words._after, words._after_size):
        skipped = 0
        for lo in range(0, len(text), 7):
            for hi in range(lo, min(len(text), lo + 70), 9):
                if terms.absent_from(text, lo, hi):
                    skipped += 1
                    assert terms.find(text, lo, hi) == [], (lo, hi)
        assert skipped

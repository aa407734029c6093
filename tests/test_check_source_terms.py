"""A term set's scan finds what its terms find when tried at every place of a text, whatever
the terms and the text: case-folding twins (the Kelvin sign, the long s, dotless and dotted i),
non-ASCII letters, signs, words glued in camelCase, hyphens and underscores between words, and
windows of the text (start, end, the last place a caller needs); and the hits of some of the
terms found by scanning with the whole set only around them."""

from __future__ import annotations

import os
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.lexicon.some_terms import SomeTerms
from r1kb.checksource.lexicon.together import TermSets
from r1kb.checksource.lexicon.vocabulary import Hit, TermSet

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

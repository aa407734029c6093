"""A bare number that nothing after it and no term before it can give a unit is dropped by a
quick test (`extract._unread`) before it is built and read reading by reading. The figures found
are those found without the test: on random texts of bare numbers among every kind of word
that can make one a figure, and on every article and primary source at hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import extract
from r1kb.checksource.candidates.figure_scan import find_figures
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WORDS = number_words(load(ROOT / "data").kb)

PIECES = [
    "17", "5", "63.6", "2024", "7168", "1,234", "8", "64", " ", "  ", "\n", "\t", ", ", ". ",
    "-", "–", " to ", " and ", "×", "x", "*", " days", " GPUs", " H800", " eight-way",
    " boxes", " nodes", "%", " on ", " AIME 2024", " pass@1", " points", " layers",
    " Transformer", " warmup steps", "hidden size", " of ", " is ", " = ", "per ", "/",
    " times", "fold", "th", " percentile", " tokens", " parameters", "between ", "from ",
    "$", "B", "K", "M", " million", "the ", "a", "(", ")", "|",
]  # fmt: skip


def _figures(text: str) -> list[tuple]:
    return [tuple(vars(r).values()) for r in find_figures(text, [], WORDS)]


def _without_the_test(patch: pytest.MonkeyPatch, text: str) -> list[tuple]:
    with patch.context() as p:
        p.setattr(extract, "_unread", lambda *_: False)
        return _figures(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
@example("5-6 days")  # a range's rest
@example("64×8 H800s")  # a product
@example("64x8 H800s")
@example("64*8 GPUs")
@example("64 eight-way H800 boxes")  # machines
@example("17 days")  # a unit
@example("1.8× faster")  # a multiple
@example("79.8 on AIME 2024")  # a score's "on"
@example("61 Transformer layers")  # a count's term after it
@example("hidden size of 7168")  # a term before it
@example("a total parameter count of 145000000000")  # a size, by a term before it
def test_the_quick_test_drops_only_numbers_that_are_no_figure(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        assert _figures(text) == _without_the_test(patch, text)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_the_quick_test_drops_no_figure_of_a_real_text() -> None:
    paths = sorted([*SHARED.glob("articles/*.txt"), *SHARED.glob("sources/*.md")])
    paths += sorted(SHARED.glob("sources/*.txt"))
    assert paths
    with pytest.MonkeyPatch.context() as patch:
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert _figures(text) == _without_the_test(patch, text), path.name

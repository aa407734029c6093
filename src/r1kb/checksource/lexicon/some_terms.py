"""The hits of a term set that name some of its ids, without scanning a whole text with it.

A term set's scan takes the longest term at the first place one matches and resumes after it,
so another term can hide one of the wanted terms ("math reasoning" over "MATH"): the wanted
hits are not those of a set of the wanted terms alone. But wherever the whole set has a
wanted hit, the wanted terms' own scan has a hit over that place (it tries the place, unless a
hit of its own already holds it). So the whole set is run only around those hits: from the
last character before each that no term's match can hold (the whole set's scan cannot be
inside a match there, so it goes on from there as it would from the text's start), up to the
hit's end. On text that names none of the wanted terms, only their scan runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from r1kb.checksource.lexicon.vocabulary import Hit, TermSet, after_separator


class SomeTerms:
    """The hits of `TermSet(terms).find(text)` that name one of the `wanted` ids."""

    def __init__(self, whole: TermSet, terms: dict[str, list[str]], wanted: set[str]) -> None:
        """`whole` is `TermSet(terms)` (built once by its owner)."""
        self._whole = whole
        self.part_terms = {ref: words for ref, words in terms.items() if ref in wanted}
        self._part = TermSet(self.part_terms)
        self._wanted = frozenset(wanted)
        self._after_separator = after_separator(terms)

    def find(self, text: str, part_hits: Iterable[Hit] | None = None) -> list[Hit]:
        """The hits; `part_hits` are those of `TermSet(self.part_terms).find(text)`, where the
        caller has them."""
        out: list[Hit] = []
        done = 0  # the whole set's scan has tried every place before this, and is not in a hit
        for part in self._part.hits(text) if part_hits is None else part_hits:
            if part.end <= done:
                continue
            # right after the last separator before the hit (one match read back from its
            # start, not a search of the stretch for each of the ~40 separators)
            cut = self._after_separator.match(text, done, part.start)
            start = cut.end() if cut is not None else done
            done = max(done, part.end)
            for hit in self._whole.hits(text, start, len(text), part.end - 1):
                if self._wanted.intersection(hit.refs):
                    out.append(hit)
                done = max(done, hit.end)
        return out

"""The quantity terms of one stretch of text, found once for every figure that reads it.

The figures of one sentence read the same scopes (their clause, their item) for the term that
stands nearest each of them. Each used to scan its scopes anew: in a sentence of a hundred
figures ("1% 1% 1% …") every figure read the hundred "%" that belong to the others, a
millisecond each. Here a scope's terms are found once, lazily (a reader that stops at the
first term far enough away stops the scan there too), each with the figure it lies inside, so
that a reader passes another figure's words by a comparison.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from r1kb.checksource.lexicon.vocabulary import Hit, TermSet

Span = tuple[int, int]


class ScopeTerms:
    def __init__(self, terms: TermSet, text: str, spans: list[Span]) -> None:
        self._terms, self._text, self._spans = terms, text, spans
        self._scopes: dict[Span, tuple[list[tuple[Hit, Span | None]], Iterator[Hit]]] = {}

    def of(self, lo: int, hi: int) -> Iterator[tuple[Hit, Span | None]]:
        """The terms in text[lo:hi] in order, each with the figure span it lies inside (the
        span that starts last at or before it and holds it; None: no figure's words)."""
        found = self._scopes.get((lo, hi))
        if found is None:
            found = self._scopes[lo, hi] = ([], self._terms.hits(self._text, lo, hi))
        got, more = found
        i = 0
        while True:
            if i == len(got):
                h = next(more, None)
                if h is None:
                    return
                got.append((h, self._inside(h.start)))
            yield got[i]
            i += 1

    def _inside(self, start: int) -> Span | None:
        i = bisect_right(self._spans, (start, 1 << 62)) - 1
        if i >= 0 and self._spans[i][0] <= start < self._spans[i][1]:
            return self._spans[i]
        return None

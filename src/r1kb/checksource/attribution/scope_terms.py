"""The quantity terms of one stretch of text, found once for every figure that reads it.

The figures of one sentence read the same scopes (their clause, their item) for the term that
stands nearest each of them. Each used to scan its scopes anew: in a sentence of a hundred
figures ("1% 1% 1% …") every figure read the hundred "%" that belong to the others, a
millisecond each. Here a scope's terms are found once, lazily (a reader that stops at the
first term far enough away stops the scan there too), each with the figure it lies inside, so
that a reader passes another figure's words by a comparison.

A figure's own small scope (the words right after it) lies inside its clause. Where the
clause's terms are already found that far, the small scope's terms are read off them instead
of scanned again (see `_inside`): in "1% 1% 1% …" that scan was 30 µs a figure.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from r1kb.checksource.lexicon.vocabulary import Hit, TermSet

Span = tuple[int, int]
Found = tuple[Hit, Span | None]


class _Scope:
    """One scope's terms found so far, and the scan that finds the rest."""

    def __init__(self, scan: Iterator[Hit]) -> None:
        self.got: list[Found] = []
        self.starts: list[int] = []
        self.scan: Iterator[Hit] | None = scan

    def found_to(self, pos: int) -> bool:
        """Every term that starts before pos is found."""
        return self.scan is None or (bool(self.starts) and self.starts[-1] >= pos)


class ScopeTerms:
    def __init__(self, terms: TermSet, text: str, spans: list[Span]) -> None:
        self._terms, self._text, self._spans = terms, text, spans
        self._scopes: dict[Span, _Scope] = {}

    def of(self, lo: int, hi: int, outer: Span | None = None) -> Iterable[Found]:
        """The terms in text[lo:hi] in order, each with the figure span it lies inside (the
        span that starts last at or before it and holds it; None: no figure's words). `outer`:
        a scope that holds this one, whose terms found so far may give this one's. A scope
        found whole (most: read off its clause's, see `_inside`) is its list itself, not a
        generator over it (asked for every figure's scopes)."""
        scope = self._scopes.get((lo, hi))
        if scope is None:
            scope = self._scopes[lo, hi] = self._inside(lo, hi, outer) or _Scope(
                self._terms.hits(self._text, lo, hi)
            )
        if scope.scan is None:  # found whole already (and so for good): its list
            return scope.got
        return self._reading(scope)

    def _reading(self, scope: _Scope) -> Iterator[Found]:
        """A scope's terms, those found so far first, then the rest as its scan finds them."""
        i = 0
        while True:
            if i == len(scope.got):
                h = next(scope.scan, None) if scope.scan is not None else None
                if h is None:
                    scope.scan = None
                    return
                scope.got.append((h, self._holding(h.start)))
                scope.starts.append(h.start)
            yield scope.got[i]
            i += 1

    def widened(self, lo: int, hi: int, outer: Span) -> Span:
        """[lo, hi), inside `outer`, widened to hold whole each term of outer that crosses
        one of its edges (a figure's item reaches a few hundred characters, which may fall
        between the words of "pre training": its half "training" named another quantity). A
        scan's terms do not overlap: only the last one starting before an edge can cross it."""
        scope = self._scopes.get(outer)
        if scope is None or not scope.found_to(hi):
            for h, _ in self.of(*outer):
                if h.start >= hi:
                    break
            scope = self._scopes[outer]
        for edge in (lo, hi):
            i = bisect_left(scope.starts, edge) - 1
            if i >= 0 and scope.got[i][0].end > edge:
                lo, hi = min(lo, scope.got[i][0].start), max(hi, scope.got[i][0].end)
        return lo, hi

    def _inside(self, lo: int, hi: int, outer: Span | None) -> _Scope | None:
        """The terms of text[lo:hi] as those of `outer` that lie in it, where that is what a
        scan of text[lo:hi] of its own finds, else None. A scan of its own differs only where
        it reads past its edges: where a term of the outer scope crosses lo (the scan would
        start inside it) or hi (its end cut off, a shorter term may match), or where a term
        may end at hi (the scan sees the text end there, the outer scope the word character
        after it: "(?![\\w])" passes in one and not in the other).

        Why nothing else differs: a term's pattern looks past its end only with that one
        negative look-ahead (`term_pattern`; tests/test_check_source_sentence_cost.py holds
        it to that), and what the place scan's positive look-aheads miss at the cut would be
        a term crossing hi; one character before hi, the terms tried are looked up by that
        character alone, which lists every term that can match one character."""
        if outer is None or outer == (lo, hi) or not outer[0] <= lo <= hi <= outer[1]:
            return None
        known = self._scopes.get(outer)
        if known is None or not known.found_to(hi):
            return None  # finding them here would read more than the scope's own scan
        if (
            hi < outer[1]
            and (self._text[hi].isalnum() or self._text[hi] == "_")
            and self._terms.may_end_with(self._text[hi - 1])  # "$5": no term ends with "$"
        ):
            return None
        first, last = bisect_left(known.starts, lo), bisect_left(known.starts, hi)
        if first and known.got[first - 1][0].end > lo:
            return None
        if last and known.got[last - 1][0].end > hi:
            return None
        inner = _Scope(iter(()))
        inner.got, inner.starts, inner.scan = known.got[first:last], known.starts[first:last], None
        return inner

    def _holding(self, start: int) -> Span | None:
        i = bisect_right(self._spans, (start, 1 << 62)) - 1
        if i >= 0 and self._spans[i][0] <= start < self._spans[i][1]:
            return self._spans[i]
        return None

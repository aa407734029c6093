"""A set of non-overlapping text spans with a logarithmic overlap test (articles can be large).

The spans are kept in the order of their (start, end) pairs, as two lists of integers: a
search of a list of integers costs half of one of pairs, and each figure asks several times.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        ordered = sorted((s, e) for s, e in spans)  # as when each is added in turn
        self._starts = [s for s, _ in ordered]
        self._ends = [e for _, e in ordered]

    @property
    def _spans(self) -> list[tuple[int, int]]:
        """The spans as (start, end) pairs, in order (as they were kept before: a test reads
        them)."""
        return list(zip(self._starts, self._ends, strict=True))

    def _before(self, start: int, end: int) -> int:
        """How many spans come before the pair (start, end): `bisect_left` of it in the pairs."""
        starts = self._starts
        i = bisect_left(starts, start)
        if i < len(starts) and starts[i] == start:  # among the spans that start there, by end
            i = bisect_left(self._ends, end, i, bisect_right(starts, start, i))
        return i

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps the span that starts last before end or the next."""
        starts, ends = self._starts, self._ends
        i = self._before(end, end)
        if i and start < ends[i - 1] and starts[i - 1] < end:
            return True
        if i < len(starts):
            return start < ends[i] and starts[i] < end
        return False

    def add(self, start: int, end: int) -> None:
        starts, ends = self._starts, self._ends
        i = bisect_right(starts, start)
        lo = bisect_left(starts, start, 0, i)
        i = bisect_right(ends, end, lo, i)  # after the spans of this start that end no later
        starts.insert(i, start)
        ends.insert(i, end)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start within [start, end)."""
        i, j = self._before(start, start), self._before(end, end)
        return list(zip(self._starts[i:j], self._ends[i:j], strict=True))

    def remove(self, start: int, end: int) -> None:
        """Remove a span that was added."""
        i = self._before(start, end)
        del self._starts[i]
        del self._ends[i]

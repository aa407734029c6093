"""A set of non-overlapping text spans with a logarithmic overlap test (articles can be large)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted((s, e) for s, e in spans)  # as when each is added in turn

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps the span that starts last before end or the next."""
        spans = self._spans
        i = bisect_left(spans, (end, end))
        if i:
            s, e = spans[i - 1]
            if start < e and s < end:
                return True
        if i < len(spans):
            s, e = spans[i]
            return start < e and s < end
        return False

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start within [start, end)."""
        spans = self._spans
        return spans[bisect_left(spans, (start, start)) : bisect_left(spans, (end, end))]

    def remove(self, start: int, end: int) -> None:
        """Remove a span that was added."""
        del self._spans[bisect_left(self._spans, (start, end))]

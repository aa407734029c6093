"""A quick test before a case-insensitive search: whether a stretch of text may hold one of the
words the pattern cannot match without, asked of str methods (a copy, lower-cased, searched
for each word) instead of the pattern's engine, which tries every alternative at every
character and folds the case of each (a figure's clause was searched so, again and again)."""

from __future__ import annotations

# the characters other than ASCII letters that re's case-insensitive matching takes for ASCII
# letters (a test reads them off every code point): "ſ" is an "s", "K" (the Kelvin sign) a
# "k", "İ" and "ı" an "i" ("İ".lower() is two characters, "i" and a combining dot)
_AS_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def may_hold(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """False only when text[start:end] holds none of `words` (ASCII, lower case) in any case
    that a pattern compiled with re.IGNORECASE matches: then no such pattern that must match
    one of the words matches there."""
    window = text[start:end]
    if not window.isascii():
        for char, letter in _AS_ASCII:  # (replaced only where found: str.translate with a
            if char in window:  # mapping raises a KeyError inside for each other character)
                window = window.replace(char, letter)
    return any(map(window.lower().__contains__, words))  # (no generator's frame)

"""A quick test before a case-insensitive search: whether a stretch of text may hold one of the
words the pattern cannot match without, asked of str methods (the text folded to lower case
once, searched for each word) instead of the pattern's engine, which tries every alternative at
every character and folds the case of each (a figure's clause was searched so, again and
again)."""

from __future__ import annotations

# the characters other than ASCII letters that re's case-insensitive matching takes for ASCII
# letters (a test reads them off every code point): "ſ" is an "s", "K" (the Kelvin sign) a
# "k", "İ" and "ı" an "i" ("İ".lower() is two characters, "i" and a combining dot)
_AS_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))

# the text last asked about and its fold: a document's stretches are asked about one after
# another (each sentence, clause and figure several times), and the stretch was copied and
# folded anew for each question
_last: tuple[str, str] = ("", "")


def folded(text: str) -> str:
    """The text in lower case, with the letters of `_AS_ASCII` as the ASCII ones, character for
    character (each character's fold is one character: offsets stay those of `text`)."""
    global _last
    if _last[0] is not text:
        fold = text
        if not text.isascii():
            for char, letter in _AS_ASCII:  # (replaced only where found: str.translate with a
                if char in fold:  # mapping raises a KeyError inside for each other character)
                    fold = fold.replace(char, letter)
        _last = (text, fold.lower())
    return _last[1]


def may_hold(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """False only when text[start:end] holds none of `words` (ASCII, lower case) in any case
    that a pattern compiled with re.IGNORECASE matches: then no such pattern that must match
    one of the words matches there."""
    kept, fold = _last  # (the fold kept read here: a call to `folded` cost as much as the rest)
    window = (fold if kept is text else folded(text))[start:end]
    return any(map(window.__contains__, words))  # (no generator's frame)

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
    """The text with its ASCII letters in lower case and the letters of `_AS_ASCII` as the
    ASCII ones, character for character (offsets stay those of `text`). Beyond ASCII it is no
    lower-case copy: each character beyond Latin-1 reads as one "?", and Latin-1's own letters
    stay as they are. The words `may_hold` looks for are ASCII, and no other character is
    taken for an ASCII letter (a test reads every code point), so a word stands in a window
    of this fold wherever it stands in the text lowered (and a word with a "?" could only be
    found more often). Made so because `str.lower` reads each character of a text beyond
    ASCII through the Unicode tables (three times the time of the ASCII-only `bytes.lower`
    and the copies to and from Latin-1), and the windows of a one-byte fold are searched
    faster."""
    global _last
    if _last[0] is not text:
        if text.isascii():
            fold = text.lower()
        else:
            fold = text
            for char, letter in _AS_ASCII:  # (replaced only where found: str.translate with a
                if char in fold:  # mapping raises a KeyError inside for each other character)
                    fold = fold.replace(char, letter)
            fold = fold.encode("latin-1", "replace").lower().decode("latin-1")
        _last = (text, fold)
    return _last[1]


def may_hold(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """False only when text[start:end] holds none of `words` (ASCII, lower case) in any case
    that a pattern compiled with re.IGNORECASE matches: then no such pattern that must match
    one of the words matches there."""
    kept, fold = _last  # (the fold kept read here: a call to `folded` cost as much as the rest)
    window = (fold if kept is text else folded(text))[start:end]
    return any(map(window.__contains__, words))  # (no generator's frame)

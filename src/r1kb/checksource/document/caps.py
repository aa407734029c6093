"""How much of one input check-source reads: at most MAX_CHARS characters, MAX_LINES lines and
MAX_NUMERALS numbers. Past a cap the rest is not read and the report says which cap cut it, so
the cost of any input is bounded (README, *Speed*)."""

from __future__ import annotations

import re
from itertools import islice

from r1kb.checksource.lexicon.notations import VAGUE_MAGNITUDES, VAGUE_MULTIPLIERS

MAX_CHARS = 5_000_000
# The most numbers check-source reads in one input. Each one costs tens of microseconds of
# pure-Python work (notation, unit, quantity words, attribution), so text made of little but
# numbers would cost ~30 s per MB; past this many the rest of the input is not read, and the
# report's notes say so. A long research paper holds a few thousand. A magnitude word
# ("millions of tokens") is a number too: each is a figure to attribute.
MAX_NUMERALS = 10_000
# The most lines check-source reads in one input. Each line is a block to classify, a place a
# table or spec sheet may begin and a paragraph to walk, some microseconds each: a megabyte of
# two-character lines ("a\n") cost 4–5 s. The DeepSeek-V3 technical report has 2,914 lines (and
# reaches MAX_NUMERALS first, as figure-dense text does).
MAX_LINES = 10_000
# the runs of digits, each taken whole, and the magnitude words of vague figures (after a
# look-ahead for their first characters, which the engine skips ahead on)
_MAGNITUDE_WORDS = [*VAGUE_MULTIPLIERS, *VAGUE_MAGNITUDES]
NUMERALS = re.compile(
    rf"(?=[\d{''.join(sorted({w[0] for w in _MAGNITUDE_WORDS}))}])"
    rf"(?:\d++|\b(?:{'|'.join(_MAGNITUDE_WORDS)})\b)",
    re.I,
)
# the last letters of each magnitude word: each match of one in an ASCII text holds its own
_MAGNITUDE_ENDS = sorted({w[-4:] for w in _MAGNITUDE_WORDS})
_MAGNITUDE_ENDS_BYTES = [end.encode("ascii") for end in _MAGNITUDE_ENDS]


def numerals_cut(raw: str) -> int:
    """Where the input is cut: after its MAX_NUMERALS-th number (at the last line break, else
    the last space, before the end of that number), or its whole length."""
    if _few_numerals(raw):
        return len(raw)
    ends = [m.end() for m in islice(NUMERALS.finditer(raw), MAX_NUMERALS + 1)]
    if len(ends) <= MAX_NUMERALS:
        return len(raw)  # no number past the last one read
    return cut_before(raw, ends[MAX_NUMERALS - 1])


def cut_before(raw: str, end: int) -> int:
    """Where to cut before `end`: after the last line break, else the last space, before it."""
    for sep in ("\n", " "):
        at = raw.rfind(sep, 0, end)
        if at > 0:
            return at + 1
    return end


def lines_cut(raw: str) -> int:
    """Where the input is cut: after its MAX_LINES-th line break, or its whole length."""
    if raw.count("\n") < MAX_LINES:
        return len(raw)
    at = -1
    for _ in range(MAX_LINES):
        at = raw.find("\n", at + 1)
    return at + 1


# ASCII digits to "0", every other byte to a space: the runs of "0" in a text's UTF-8 bytes
# are its runs of ASCII digits (a character outside ASCII is spaces there)
_DIGIT_RUNS = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
# a character outside ASCII that a numeral may hold: a word character (a digit of another
# script, a letter that matches a magnitude word's under re.I, as "ſ" matches "s")
_WORDY_NON_ASCII = re.compile(r"[^\x00-\x7f](?<=\w)")


def _few_numerals(raw: str) -> bool:
    """True when a text holds at most MAX_NUMERALS numbers, by counting without a scan."""
    return numerals_bound(raw, MAX_NUMERALS) <= MAX_NUMERALS


def numerals_bound(raw: str, limit: int) -> int:
    """At least as many as the matches of NUMERALS in raw, or more than `limit` (the count
    stops there): a match is a run of ASCII digits (counted by its start), a magnitude word in
    ASCII (by its last letters, lower-cased as the case-blind scan reads ASCII), or holds a word
    character outside ASCII (each counted: a digit of another script, a letter that matches a
    magnitude word's under re.I, as "ſ" matches "s")."""
    data = raw.encode("utf-8", "surrogatepass")
    digits = data.translate(_DIGIT_RUNS)
    count = digits.count(b"0")
    if count > limit:  # more digits than that: count the runs (no more than limit + 1 of them)
        count = len(digits.split(maxsplit=limit))
        if count > limit:
            return count
    count += sum(map(data.lower().count, _MAGNITUDE_ENDS_BYTES))
    if count > limit or raw.isascii():
        return count
    return count + sum(1 for _ in islice(_WORDY_NON_ASCII.finditer(raw), limit - count + 1))

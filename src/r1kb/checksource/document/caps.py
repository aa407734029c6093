"""How much of one input check-source reads: at most MAX_CHARS characters, MAX_LINES lines and
MAX_NUMERALS numbers. Past a cap the rest is not read and the report says which cap cut it, so
the cost of any input is bounded (README, *Speed*)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

from r1kb.checksource.lexicon.notations import FOLDED_APART, VAGUE_MAGNITUDES, VAGUE_MULTIPLIERS

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
    ends = numeral_ends(raw, MAX_NUMERALS, 2)
    if len(ends) < 2:
        return len(raw)  # no number past the last one read
    return cut_before(raw, ends[0])


# NUMERALS' two kinds of match apart: its digit runs, counted in the text's Latin-1 bytes or
# found by a class the engine skips ahead on, and its magnitude words, tried where `bytes.find`
# finds one in those bytes lowercased
_DIGIT_RUN = re.compile(r"\d++")
_MAGNITUDE_WORD = re.compile(rf"\b(?:{'|'.join(_MAGNITUDE_WORDS)})\b", re.I)
_MAGNITUDE_WORDS_BYTES = [word.encode("ascii") for word in _MAGNITUDE_WORDS]
_DIGIT_PAST_LATIN = re.compile(r"[^\x00-\xff](?<=\d)")  # (no other \d is an ASCII digit)


def numeral_ends(raw: str, nth: int, count: int = 1, chunk: int = 4096) -> list[int]:
    """The ends of the matches of NUMERALS in raw from the nth (counted from 1) on, at most
    `count` of them: NUMERALS stops at every letter a magnitude word begins with ("t", "d",
    "h", "m", "b"), so its matches are counted apart, chunk by chunk: the digit runs in the
    text's bytes (one a character: those past Latin-1 written "?"), the words matched where
    `bytes.find` finds one in those bytes lowercased (whole words and runs, none across
    another), and only the chunk the nth match starts in is scanned for them. A text holding
    a digit past Latin-1 or a character re.I reads as an ASCII letter of the words
    (FOLDED_APART: "ſ" as "s", "ı" and "İ" as "i") is scanned by NUMERALS itself: elsewhere
    each letter of a word's match is ASCII, the same in the bytes
    (tests/test_check_source_figures_speed.py checks every character)."""
    if any(c in raw for c in FOLDED_APART) or _DIGIT_PAST_LATIN.search(raw):
        return [m.end() for m in islice(NUMERALS.finditer(raw), nth - 1, nth - 1 + count)]
    last = nth - 1 + count  # the matches asked for are the first `last` from the nth on
    size = len(raw)
    # the text's digits as "0", every other character a space, after a space put first: the
    # runs of "0" in spaced[p : p + chunk + 1] (split off, which is quicker than a count of
    # " 0") are those started in the chunk at p, and the one that began before it if the
    # character before it is a digit
    latin = raw.encode("latin-1", "replace")
    spaced = b" " + latin.translate(_DIGIT_RUNS)
    runs_before = [0]  # the digit runs started before each chunk, until `last` have
    reach = 0  # the first `last` digit runs (or all) start before it
    while reach < size and runs_before[-1] < last:
        runs = len(spaced[reach : reach + chunk + 1].split()) - (spaced[reach] == 48)
        runs_before.append(runs_before[-1] + runs)
        reach = min(reach + chunk, size)
    # a word among the first `last` matches ends before the last of those digit runs starts
    lowered = latin[:reach].lower()
    word_match = _MAGNITUDE_WORD.match
    words = []
    for word in _MAGNITUDE_WORDS_BYTES:
        at = lowered.find(word)
        while at >= 0:
            m = word_match(raw, at)
            if m is not None:
                words.append((at, m.end()))
            at = lowered.find(word, at + 1)
    words.sort()
    word_starts = [start for start, _ in words]
    found = 0  # the matches started before the chunk at `start`
    for i, start in enumerate(range(0, reach, chunk)):
        runs = runs_before[i + 1] - runs_before[i]
        in_chunk = runs + bisect_left(word_starts, start + chunk) - bisect_left(word_starts, start)
        if found + in_chunk >= nth:
            break
        found += in_chunk
    else:
        return []  # fewer than nth matches
    scan_from = start  # past the digits of a run started before the chunk
    if spaced[start] == 48:
        after = spaced.find(b" ", start + 1)
        scan_from = size if after < 0 else after - 1
    skip = nth - 1 - found
    need = skip + count
    ends = [m.end() for m in islice(_DIGIT_RUN.finditer(raw, scan_from), need)]
    first_word = bisect_left(word_starts, start)
    ends.extend(end for _, end in words[first_word : first_word + need])
    return sorted(ends)[skip:need]


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

"""Where a text's figures are: each figure finder's pattern (and the dates) matched once over
the whole text, at the places it may start, for both of `find`'s questions (may this text
hold a figure at all, and which are they).
"""

from __future__ import annotations

import re
from operator import attrgetter

from r1kb.checksource.candidates.dates import STARTING_WORDS, DateMatch, find_dates
from r1kb.checksource.candidates.extract import Raw, finders
from r1kb.checksource.candidates.places import matches_at
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon.alternation import by_first_letter
from r1kb.checksource.lexicon.tails import plain_number_leads
from r1kb.checksource.lexicon.vocabulary import NumberWords

# The places the patterns of several finders may start at, each kind found by one scan for all
# of them: a word of one of theirs (a number word, a vague magnitude, the lead of an experts
# layout, a month's or a part of a year's), where each pattern is then tried, not everywhere.
_STARTING = [*n.WORD_NUMBERS, *n.VAGUE_COUNTS, *n.COUNT_WORDS, *n.VAGUE_MULTIPLIERS]
_STARTING = list(dict.fromkeys([*_STARTING, *n.VAGUE_MAGNITUDES, n.EXPERTS_LEAD, *STARTING_WORDS]))
_STARTING_FIRSTS = "".join(sorted({w[0] for w in _STARTING}))
_AT_WORD_FIRST = re.compile(rf"(?=[{_STARTING_FIRSTS}])(?={by_first_letter(_STARTING)})", re.I)
# a word start after the text's first character is one after a character that is no word
# character: the scan reads that character first (a class the engine skips ahead on; a place is
# right after it), not a look-ahead tried at every place
_AT_WORD = re.compile(rf"\W(?=[{_STARTING_FIRSTS}])(?={by_first_letter(_STARTING)})", re.I)
# The same scan read case-sensitively in the text lowercased (the words are in lower case): re.I
# folds each character it tries, which cost a third of the scan. The lowered text has the same
# places, except where a character's lowercase is not what re.I folds it to: "İ" lowercases to
# two characters, "ı" and "ſ" (which re.I reads as "i" and "s") stay as they are; a text with
# one of these is scanned as it is (tests/test_check_source_figures_speed.py checks every
# character).
# (led by a class of ASCII ranges, which the engine skips ahead on faster than on \W: it holds
# every character of \W, and capitals and letters beyond ASCII, which the look-behind refuses
# where a first letter follows)
_AT_WORD_LOWERED = re.compile(
    rf"[^0-9_a-z](?=[{_STARTING_FIRSTS}])(?<=\W)(?={by_first_letter(_STARTING)})"
)
_AT_WORD_FIRST_LOWERED = re.compile(_AT_WORD_FIRST.pattern)
_AT_DIGIT = re.compile(r"\d(?<![\w.].)")  # a digit not glued on: a class first (skipped ahead on)
# the page's own date, not a model's: "Last updated: June 10, 2025", a line "Published on 28 Jan
# 2025", "(accessed 2025-02-01)", "HTML render on …" (not "the paper was published on …", a
# publication date)
_STAMP_REACH = 60
_PAGE_STAMP = re.compile(
    r"(?:\blast\s+(?:updated|modified|reviewed|edited)|\b(?:accessed|retrieved|rendered|fetched|"
    r"crawled|archived)|^[ \t>*_#|-]*(?:updated|published|posted|"
    r"modified|retrieved|accessed|date))(?:\s+on)?[ \t]*:?[ \t*_]*\Z",
    re.I | re.M,
)


# The scan needs only the text's ASCII letters lowered: every character it reads but these is
# read through a class (\W, \b) that gives it the same answer whatever its case (the words are
# ASCII), and only "ſ", "ı", "İ" and the Kelvin sign (U+212A) are matched by re.I to an ASCII
# letter: a text without them is lowered through its UTF-8 bytes (whose other bytes are no ASCII
# letter), a third of the time of str.lower, which reads each character through Unicode's tables.
_NOT_ASCII_LOWERED = (*n.FOLDED_APART, "\u212a")


def ascii_lowered(text: str) -> str:
    """text with its ASCII letters in lower case, every other character as it is."""
    if text.isascii():
        return text.lower()
    try:
        return text.encode("utf-8").lower().decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def word_places(text: str) -> list[int]:
    """Where a word of _STARTING may begin in text, in order: what
    `(?=[firsts])\\b(?=words)` (case-blind) finds, a look-ahead first tried at every place."""
    if any(c in text for c in _NOT_ASCII_LOWERED):
        first = [0] if _AT_WORD_FIRST.match(text) else []
        return first + [m.end() for m in _AT_WORD.finditer(text)]
    lowered = ascii_lowered(text)
    first = [0] if _AT_WORD_FIRST_LOWERED.match(lowered) else []
    return first + [m.end() for m in _AT_WORD_LOWERED.finditer(lowered)]


# A text with few characters beyond ASCII is scanned for its lead places by a pattern led by a
# class of ASCII ranges and every character beyond ASCII, the lead class then read by a
# look-behind where one of these stops: the engine skips ahead on such a class several times
# faster than on one holding \d (whose characters it looks up one by one), but it stops at every
# character beyond ASCII (a page of CJK text would stop everywhere, so it keeps the plain scan).
_FEW_BEYOND_ASCII = 16  # at most one byte in 16 of the text's UTF-8 is beyond ASCII
_ASCII_LED: dict[re.Pattern[str], re.Pattern[str]] = {}


def ascii_led(lead: re.Pattern[str]) -> re.Pattern[str]:
    """lead (a class of first characters, then what must stand around them), led by the ASCII
    characters of that class and every character beyond ASCII: the same matches."""
    led = _ASCII_LED.get(lead)
    if led is None:
        source = lead.pattern
        first = source[: source.index("]") + 1]
        firsts = re.compile(first, lead.flags)
        ascii_firsts = "".join(re.escape(c) for c in map(chr, range(128)) if firsts.fullmatch(c))
        led = re.compile(
            rf"[{ascii_firsts}\x80-\U0010ffff](?<={first}){source[len(first) :]}", lead.flags
        )
        _ASCII_LED[lead] = led
    return led


def _few_beyond_ascii(text: str) -> bool:
    if text.isascii():
        return True
    try:
        return (len(text.encode("utf-8")) - len(text)) * _FEW_BEYOND_ASCII <= len(text)
    except UnicodeEncodeError:  # a lone surrogate
        return False


def digit_and_number_places(
    text: str, words: NumberWords | None
) -> tuple[list[int], list[int], list[int]]:
    """Where `_AT_DIGIT` matches, where `numerals(words)[3]` does and where layout's GLUED_AT
    does, in order, read off one scan (tails' lead_places: the text's characters are read once,
    not three times): a number's first character (a digit is one) after no word character and
    no full stop, or a digit after two small letters; a digit place where it is a digit (\\d is
    str.isdecimal), a number's where the character before it is none of the marks no number is
    read after either, a glued one where it follows a small letter."""
    if words is None:
        lead, glued = plain_number_leads()
    else:
        lead, glued = words.tails.lead_places, words.tails.glued_marks
    digits: list[int] = []
    numbers: list[int] = []
    letters: list[int] = []
    for m in (ascii_led(lead) if _few_beyond_ascii(text) else lead).finditer(text):
        p = m.start()
        before = text[p - 1] if p else ""
        if "a" <= before <= "z":  # (no lead place follows a word character)
            letters.append(p)
            continue
        if before not in glued:
            numbers.append(p)
        if text[p].isdecimal():
            digits.append(p)
    return digits, numbers, letters


class FigureScan:
    """The whole-text matches of each finder's pattern and the dates of a text, each scan made
    once and only when asked: may_hold_figures and find_figures read the same (the patterns do
    not depend on what is masked, a finder skips its masked matches). A pattern is tried only
    at the places it may start at, each kind of place found by one scan for every pattern."""

    def __init__(self, text: str, words: NumberWords | None = None) -> None:
        self.text, self.words = text, words
        self._finders = finders(words)
        self._found: dict[int, list[re.Match[str]]] = {}
        self._dates: list[DateMatch] | None = None
        self._places: dict[str, list[int]] = {}

    def places(self, kind: str) -> list[int]:
        """Every place a pattern of this kind of place may start at, in order (maybe more);
        "glued": where layout's GLUED_AT matches (a label glued to its value)."""
        if kind not in self._places:
            if kind == "word":
                self._places[kind] = word_places(self.text)
            else:
                digits, numbers, glued = digit_and_number_places(self.text, self.words)
                self._places.update(digit=digits, number=numbers, glued=glued)
        return self._places[kind]

    def found(self, i: int) -> list[re.Match[str]]:
        """The matches of the pattern of the i-th finder (of `finders`)."""
        if i not in self._found:
            _, pattern, kinds = self._finders[i]
            # (each kind's places in order: one kind's are read as they are)
            places = (
                self.places(kinds[0])
                if len(kinds) == 1
                else sorted([p for kind in kinds for p in self.places(kind)])
            )
            self._found[i] = (
                list(matches_at(pattern, self.text, places)) if pattern is not None else []
            )
        return self._found[i]

    def dates(self) -> list[DateMatch]:
        if self._dates is None:
            self._dates = list(find_dates(self.text, self.places("word"), self.places("digit")))
        return self._dates

    def may_hold(self) -> bool:
        """False when find_figures can find nothing in the text, whatever is masked in it: none
        of its finders' patterns (nor a date) matches."""
        return any(self.found(i) for i in range(len(self._finders))) or bool(self.dates())


def may_hold_figures(
    text: str, words: NumberWords | None = None, scan: FigureScan | None = None
) -> bool:
    """False when find_figures can find nothing in text, whatever is masked in it (`scan`: the
    text's scans, kept for find_figures)."""
    return (scan or FigureScan(text, words)).may_hold()


def find_figures(
    text: str,
    masked: list[tuple[int, int]],
    words: NumberWords | None = None,
    scan: FigureScan | None = None,
) -> list[Raw]:
    """Every figure of text outside the masked spans (model names, benchmark names…); `scan`:
    the text's scans, when they were made already."""
    scan = scan or FigureScan(text, words)
    taken = Spans(masked)
    placed = Spans()
    figures: list[Raw] = []
    for d in scan.dates():
        if _PAGE_STAMP.search(text[max(0, d.start - _STAMP_REACH) : d.start]):
            continue  # the page's date ("Last updated: …"): no figure, and no number in it either
        if not taken.overlaps(d.start, d.end):
            figures.append(Raw(d.start, d.end, unit="date", dates=(d.first, d.last)))
            taken.add(d.start, d.end)
            placed.add(d.start, d.end)
    every = finders(words)
    for i, (finder, _, _) in enumerate(every):
        # (what the last finder finds is read by no finder after it: not added to `taken`)
        read_after = i < len(every) - 1
        for raw in finder(text, scan.found(i), taken, words):
            if not placed.overlaps(raw.start, raw.end):
                figures.append(raw)
                if read_after:
                    taken.add(raw.start, raw.end)
                placed.add(raw.start, raw.end)
    return sorted(figures, key=attrgetter("start"))

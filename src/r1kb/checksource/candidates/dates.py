"""Dates in the usual notations: "January 20, 2025", "20 Jan 2025", "2025-01-20", "Jan. 2025"…

A date is returned as the first and last day it can mean: a day gives one day, a month the
whole month, "early 2025" its first four months. A day or a month written without its year is
kept year-less as ISO 8601 writes it ("--01-20", "--12"). Numeric day/month orders are only
read when they cannot be misread (day > 12).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from r1kb.checksource.candidates.places import matches_at
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.lexicon.alternation import by_first_letter
from r1kb.checksource.lexicon.folding import fold
from r1kb.checksource.lexicon.months import MONTHS

_MONTH_NAMES = by_first_letter(list(MONTHS))
_MONTH = r"(?P<{g}>" + _MONTH_NAMES + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
# each pattern starts with a look-ahead for the characters its matches can start with (a year's,
# a day's, a month name's): the engine skips ahead on it, where `\b` first is tried everywhere
_AT_YEAR, _AT_DAY = "(?=[12])", "(?=[0-9])"
_AT_MONTH = "(?=[" + "".join(sorted({m[0] for m in MONTHS})) + "])"
_AT_PART_OR_MONTH = "(?=[" + "".join(sorted({"e", "m", "l", *(m[0] for m in MONTHS)})) + "])"
# each notation with the list of number_starts it is tried at (None: one read from a name)
_NOTATIONS = [
    (rf"{_AT_YEAR}\b{_YEAR.format(g='y')}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "-"),
    (rf"{_AT_YEAR}\b{_YEAR.format(g='y')}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b", "/"),
    (
        rf"{_AT_MONTH}\b{_MONTH.format(g='mn')}\s+{_DAY.format(g='d')},?\s+{_YEAR.format(g='y')}\b",
        None,
    ),
    (
        rf"{_AT_DAY}\b{_DAY.format(g='d')}\s+(?:of\s+)?{_MONTH.format(g='mn')},?\s+{_YEAR.format(g='y')}\b",
        "month",
    ),
    (rf"{_AT_DAY}\b(?P<a>[0-3]?\d)[./](?P<b>[0-3]?\d)[./]{_YEAR.format(g='y')}\b", "year"),
    (
        rf"{_AT_PART_OR_MONTH}\b(?:(?:early|mid|late)[\s-]+)?{_MONTH.format(g='mn')},?\s+{_YEAR.format(g='y')}\b",
        None,
    ),
]
_COMPILED = [re.compile(p, re.I) for p, _ in _NOTATIONS]
# every notation starts at a word start with a digit, or with a month's name or a part of a
# year: those places are found in two scans, and each notation is tried only there
_AT_NUMBER = re.compile(r"[0-9](?<!\w[0-9])")  # a digit at a word start: a class first, which
# the engine skips ahead on, then the look-behind before it (what `(?=[0-9])\b` finds)
# a digit right after a full stop: the places _AT_NUMBER finds that a scan for the digits not
# glued on (figure_scan's, `\d(?<![\w.].)`) leaves out
_DIGIT_AFTER_DOT = re.compile(r"\.[0-9]")
# (each notation read from a name holds a dot, a comma, white space or a hyphen after it: "Jan.
# 2025", "mid-2025"; not "latent", "decade")
_AT_NAME = re.compile(rf"{_AT_PART_OR_MONTH}\b(?=(?:early|mid|late|{_MONTH_NAMES})[.,\s-])", re.I)
_BY_NUMBER = (_AT_YEAR, _AT_DAY)  # how a notation read from a number starts
# what a notation read from a day holds after it (not three digits in a row: `[0-3]?\d`):
# white space (maybe "of") and its month name's first letter ("20 Jan 2025", "20th of
# January": group `month`), or a separator, a second number, a separator and its year's first
# two digits ("20/01/2025": group `year`); most numbers are followed by neither ("10 the",
# "1.8×"), and none by both (the day's digits are followed by white space or a separator)
_DAY_THEN = re.compile(
    rf"(?!\d{{3}})[0-3]?\d(?:(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_AT_MONTH})"
    r"|[./][0-3]?\d[./](?P<year>19|20))",
    re.I,
)
_CENTURIES = ("19", "20")  # what every year (_YEAR) starts with
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_ANY_DIGIT = re.compile(r"\d")
# a part of a year ("early 2025"): its months, first and last
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
# the words a date read from a name starts with (a month's, or a part of a year's)
STARTING_WORDS = (*_PARTS, *MONTHS)
_AT_PART = "(?=[eml])"
_PART_OF_YEAR = re.compile(
    rf"{_AT_PART}\b(?P<part>early|mid|late)[\s-]+{_YEAR.format(g='y')}\b(?![\-/.]\d)", re.I
)
# a month alone ("in December", "the original January paper"): capitalised and written out, not
# "May" (a verb as often as a month), nor "last December" (a relative date)
_MONTHS_ALONE = [m for m in calendar.month_name[1:] if m != "May"]
_ALONE_FIRSTS = "".join(sorted({m[0] for m in _MONTHS_ALONE}))
_MONTH_ALONE = re.compile(  # a look-ahead for the capitals first: the engine skips ahead on it
    "(?=[" + _ALONE_FIRSTS + "])"
    r"(?<![\w-])(?<![Ll]ast )(?<![Nn]ext )(?<![Tt]his )(?<![Pp]ast )"
    r"(?P<mn>" + "|".join(_MONTHS_ALONE) + ")"
    r"(?![\w-])(?![,.]?\s*\d)"
)
# a day without its year ("January 20", "Jan 27th", "10 January"): kept year-less, as ISO 8601
# writes it ("--01-20"), and compared by month and day only
_NO_YEAR_NOTATIONS = [
    (rf"{_AT_MONTH}\b{_MONTH.format(g='mn')}\s+{_DAY.format(g='d')}\b(?![,.]?\s*\d)", None),
    (
        rf"{_AT_DAY}\b{_DAY.format(g='d')}\s+(?:of\s+)?{_MONTH.format(g='mn')}\b(?![,.]?\s*\d)",
        "month",
    ),
]
_NO_YEAR = [re.compile(p, re.I) for p, _ in _NO_YEAR_NOTATIONS]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    first: str  # ISO date of the first day meant
    last: str  # ISO date of the last day meant

    @property
    def is_day(self) -> bool:
        return self.first == self.last


def _iso(y: int, m: int, d: int) -> str | None:
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _read(m: re.Match[str]) -> tuple[str, str] | None:
    g = m.groupdict()
    y = int(g["y"])
    month = MONTHS.get(fold(g.get("mn") or "").rstrip(".")) or (int(g["m"]) if g.get("m") else 0)
    if g.get("a"):  # dd/mm/yyyy or mm/dd/yyyy: only when one of them cannot be a month
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            month, day = b, a
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None
        iso = _iso(y, month, day)
        return (iso, iso) if iso else None
    if g.get("d"):
        iso = _iso(y, month, int(g["d"]))
        return (iso, iso) if iso else None
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(y, month)[1]
    return f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}"


def number_places(text: str, digits: list[int] | None = None) -> list[int]:
    """Where _AT_NUMBER matches (an ASCII digit after no word character), in order; `digits`:
    where a digit (of any script) follows no word character and no full stop, when the caller
    found them: the ASCII ones among them, and those right after a full stop."""
    if digits is None:
        return [m.start() for m in _AT_NUMBER.finditer(text)]
    ascii_digits = [p for p in digits if "0" <= text[p] <= "9"]
    return sorted(ascii_digits + [m.start() + 1 for m in _DIGIT_AFTER_DOT.finditer(text)])


def number_starts(text: str, every: list[int]) -> dict[str, list[int]]:
    """The places (of `every`, in order) each notation read from a number may start at, by
    what follows the number there: a year and a hyphen or a slash ("-", "/": 2025-01-20,
    2025/1/20), a day and a month name ("month": 20 Jan 2025, 10 January) or a day and a
    second number and a year ("year": 20/01/2025)."""
    out: dict[str, list[int]] = {"-": [], "/": [], "month": [], "year": []}
    match = _DAY_THEN.match
    for p in every:
        if text.startswith(_CENTURIES, p) and (after := text[p + 4 : p + 5]) in ("-", "/"):
            out[after].append(p)
        if (m := match(text, p)) is not None:
            out[str(m.lastgroup)].append(p)  # (one group or the other ends each match)
    return out


# which of number_starts' lists each notation read from a number is tried at
_STARTS = {
    pattern: starts
    for pattern, (_, starts) in zip(
        [*_COMPILED, *_NO_YEAR], [*_NOTATIONS, *_NO_YEAR_NOTATIONS], strict=True
    )
    if starts is not None
}


def _finder(
    text: str, words: list[int] | None = None, digits: list[int] | None = None
) -> Callable[[re.Pattern[str]], Iterator[re.Match[str]]]:
    """`finditer` for the date notations, each tried only at the places where it may start
    (`words`: where a word of STARTING_WORDS may begin, `digits`: see number_places, when the
    caller found them)."""
    numbers: dict[str, list[int]] = {}  # see number_starts
    names: list[int] | None = None

    def find(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        nonlocal names
        if pattern.pattern.startswith(_BY_NUMBER):
            if not numbers:
                numbers.update(number_starts(text, number_places(text, digits)))
            return matches_at(pattern, text, numbers[_STARTS[pattern]])
        if not pattern.pattern.startswith((_AT_MONTH, _AT_PART_OR_MONTH, _AT_PART)):
            return pattern.finditer(text)  # a notation that starts otherwise: everywhere
        if names is None:
            if words is None:
                names = [m.start() for m in _AT_NAME.finditer(text)]
            else:
                names = [p for p in words if _AT_NAME.match(text, p)]
        return matches_at(pattern, text, names)

    return find


def find_dates(
    text: str, words: list[int] | None = None, digit_places: list[int] | None = None
) -> Iterator[DateMatch]:
    """Every date in text, longest notation first, never overlapping. `words`: the places
    where a word of STARTING_WORDS may begin (every one, maybe more), when the caller found
    them: the names are looked for only there; `digit_places`: see number_places."""
    taken = Spans()
    found: list[DateMatch] = []
    # every notation but a month alone holds a digit, and all with a year hold one of 19xx or
    # 20xx: a text without them is not scanned for them (text of few numbers costs half)
    years = _ANY_YEAR.search(text) is not None
    digits = years or _ANY_DIGIT.search(text) is not None
    finditer = _finder(text, words, digit_places)
    for pattern in _COMPILED if years else ():
        for m in finditer(pattern):
            if taken.overlaps(m.start(), m.end()):
                continue
            days = _read(m)
            if days is None:
                continue
            taken.add(m.start(), m.end())
            found.append(DateMatch(m.start(), m.end(), *days))
    for m in finditer(_PART_OF_YEAR) if years else ():
        if not taken.overlaps(m.start(), m.end()):
            y, (first, last) = int(m.group("y")), _PARTS[fold(m.group("part"))]
            end_day = calendar.monthrange(y, last)[1]
            taken.add(m.start(), m.end())
            found.append(
                DateMatch(
                    m.start(), m.end(), f"{y:04d}-{first:02d}-01", f"{y:04d}-{last:02d}-{end_day}"
                )
            )
    for pattern in _NO_YEAR if digits else ():
        for m in finditer(pattern):
            if taken.overlaps(m.start(), m.end()):
                continue
            word = fold(m.group("mn")).rstrip(".")
            if word == "may":  # "may 3 …" is more often the verb
                continue
            iso = _iso(2000, MONTHS.get(word, 0), int(m.group("d")))  # a leap year: 29 Feb
            if iso is None:
                continue
            taken.add(m.start(), m.end())
            day = "--" + iso[5:]
            found.append(DateMatch(m.start(), m.end(), day, day))
    # (a month alone starts with one of its capitals: a word place without one is passed over)
    alone = (
        _MONTH_ALONE.finditer(text)
        if words is None
        else matches_at(_MONTH_ALONE, text, [p for p in words if text[p] in _ALONE_FIRSTS])
    )
    for m in alone:
        if not taken.overlaps(m.start(), m.end()):
            month = f"--{MONTHS[fold(m.group('mn'))]:02d}"
            found.append(DateMatch(m.start(), m.end(), month, month))
    yield from sorted(found, key=attrgetter("start"))

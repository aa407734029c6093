"""Find the figures of a text: numbers with their units, ranges, vague magnitudes and dates.

The extractor only reads notation; which model and quantity a figure is about is decided by
`attribute`. A figure without a unit that this tool knows (a year, "10x", "80 GB") is not a
figure here.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon.alternation import by_first_letter
from r1kb.checksource.lexicon.folding import fold
from r1kb.checksource.lexicon.tails import Tail, plain_numerals
from r1kb.checksource.lexicon.vocabulary import NumberWords


@dataclass
class Raw:
    start: int  # offsets in Document.text
    end: int
    low: float | None = None  # the value as stated: low == high for a single figure
    high: float | None = None
    step: float = 0.0  # precision of the stated number(s)
    bound: str | None = None  # "upper" (under X), "lower" (over X), "approx", None
    vague: bool = False  # magnitude words ("billions") or vague counts ("several")
    unit: str | None = None
    hint: str | None = None  # a quantity hint from the notation ("context", "batch", "times"…)
    gpu: str | None = None  # the GPU type named with a count ("2,048 H800s")
    money: bool = False
    currency: str | None = None  # USD or CNY, from a symbol before the number
    dates: tuple[str, str] | None = None  # first and last day meant

    @property
    def is_range(self) -> bool:
        return self.low != self.high or self.vague or self.bound in ("upper", "lower")


# one kind of figure: read from the text's matches of its pattern (see `finders`)
Finder = Callable[[str, Iterable[re.Match[str]], Spans, NumberWords | None], list[Raw]]


# after a slash, only a figure paired with a figure ("671B/37B"), never "1/10" or a path
_PAIRED = re.compile(r"\d(?:\.\d+)?\s?[kKMBT]/$")
# two prices of one rate, input then output: "$0.55/$2.19 per million tokens"
# (the sums on either side are read with the data's currency signs: see _money_after_slash)
_SLASH_AFTER = re.compile(r"\s?/\s?")
_SLASH_BEFORE = re.compile(r"\s?/\s?\Z")
_PAIR_REACH = 16  # how far before a slash the sum paired with the one after it may start
_PERCENT = re.compile(r"[ \t]*\\?%")  # "%", or LaTeX's "\%"
# LaTeX math around a number ("$5.6$ million"): the magnitude after the closing dollar
_MATH_CLOSE = re.compile(rf"\$[ \t]?(?P<mag>{n.MAGNITUDE_WORDS})\b", re.I)
# what a rate is per: "(per 1M tokens)", "1/10", a price's "Cost (1M Tokens)"
_DENOMINATOR = re.compile(r"(?:\bper|/|\b(?:costs?|prices?|pricing|fees?)\s*\()\s*$", re.I)
# "rose from 70% to 87.5%": a before and an after, two figures, not a range
_CHANGE_FROM = re.compile(  # the verb maybe a few words before "from" ("lifts its accuracy from")
    r"\b(?:rose|rises|risen|increased?|increases|went|jumped|improved|improves|grew|grows|"
    r"climbed|climbs|fell|dropped|decreased|declined|lifts?|lifted|raised?|raises|boosts?|"
    r"boosted|pushe[sd]|push|moved|doubled|tripled|cut|reduced)"
    r"(?:\s+[^\s,;.]+){0,5}?\s+from\s+(?:about\s+|around\s+)?\Z",
    re.I,
)

_WORDS = by_first_letter([*n.WORD_NUMBERS, *n.VAGUE_COUNTS, *n.COUNT_WORDS])
# Each whole-text scan starts with a look-ahead for the characters its matches can start with: the
# engine skips ahead on that class, where a look-behind first is tried at every position.
_WORD_FIRSTS = "".join(sorted({w[0] for w in [*n.WORD_NUMBERS, *n.VAGUE_COUNTS, *n.COUNT_WORDS]}))
_WORD_NUM = re.compile(  # also "two-month"
    rf"(?=[{_WORD_FIRSTS}])(?<![\w-])(?P<w>{_WORDS})(?![\w])", re.I
)
_MULT = "|".join(n.VAGUE_MULTIPLIERS)
_MAGS = "|".join(n.VAGUE_MAGNITUDES)
_VAGUE_FIRSTS = "".join(sorted({w[0] for w in [*n.VAGUE_MULTIPLIERS, *n.VAGUE_MAGNITUDES]}))
_VAGUE = re.compile(
    rf"(?=[{_VAGUE_FIRSTS}])\b(?:(?P<m1>{_MULT}|thousands)(?:\s+or(?:\s+(?P<even1>even))?\s+(?P<m2>{_MULT}))?\s+of\s+"
    rf"(?P<g1>{_MAGS}|thousands)(?:\s+(?:or(?:\s+(?P<even2>even))?|to)\s+(?P<g2>{_MAGS}))?"
    rf"|(?P<g3>{_MAGS}|{_MULT})(?:\s+(?:or(?:\s+(?P<even3>even))?|to)\s+(?P<g4>{_MAGS}|{_MULT}))?)"
    rf"(?P<of>\s+of)?\b",
    re.I,
)


_VAGUE_UNITS = {
    "parameters", "tokens", "GPUs", "GPU-hours", "samples", "sequences", *n.DURATIONS,
}  # fmt: skip


_WORD_MAGNITUDE = re.compile(rf"\s++(?P<mag>{n.MAGNITUDE_WORDS})\b", re.I)
_WORD_MAGNITUDE_UNITS = ("parameters", "tokens", "GPU-hours", "GPUs")  # and the currencies


_BETWEEN = re.compile(r"between\s*$")
_SPACES = re.compile(r"\s+")


def ends_with_between(text: str, end: int) -> bool:
    """Whether text[:end] ends with "between" and white space ("between 5 and 6"), as
    `_BETWEEN.search(text[:end])` answers, reading only its last word and the white space after
    it, never the whole text before each number."""
    size = 64
    while True:
        window = text[max(0, end - size) : end]
        if size >= end or len(window.rstrip()) >= len("between"):
            return _BETWEEN.search(window) is not None
        size *= 4


def _after_denominator(text: str, start: int) -> bool:
    """`_DENOMINATOR.search(text, max(0, start - 12), start)`, searched for only where the last
    character before start that is not white space (str.isspace is the pattern's \\s) ends one
    of its alternatives: "per", a slash, a parenthesis (asked of every number)."""
    lo = max(0, start - 12)
    before = text[lo:start].rstrip()
    return before[-1:] in ("r", "R", "/", "(") and _DENOMINATOR.search(text, lo, start) is not None


def numerals(
    words: NumberWords | None,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A number, a number where asked, the rest of a range, the places a number may start at:
    with the data's currency signs."""
    if words is None:
        return plain_numerals()
    t = words.tails
    return t.number, t.number_at, t.range_rest, t.number_places


def _plausible(raw: Raw) -> bool:
    return n.plausible(raw.low) and n.plausible(raw.high) and math.isfinite(raw.step)


def _money_after_slash(text: str, pos: int, words: NumberWords | None) -> int | None:
    """Where a sum of money right after a slash at pos ends ("$0.55/$2.19"), or None."""
    slash = _SLASH_AFTER.match(text, pos)
    m = numerals(words)[1].match(text, slash.end()) if slash else None
    return m.end() if m is not None and m.group("cur") else None


def _money_before_slash(text: str, start: int, words: NumberWords | None) -> bool:
    """Whether a sum of money and a slash stand right before start ("$0.55/" of "$2.19")."""
    slash = _SLASH_BEFORE.search(text, max(0, start - 3), start)
    if slash is None:
        return False
    last = None
    for m in numerals(words)[0].finditer(text, max(0, slash.start() - _PAIR_REACH), slash.start()):
        last = m
    return last is not None and last.end() == slash.start() and bool(last.group("cur"))


@dataclass
class Asked:
    """What was read at a place of one text, kept for the next asker there: `_unread` reads the
    unit tail (not money's) and the count named after a bare number, and `_unit_for` the same
    ones where the number is no sum of money and has not grown."""

    tails: dict[int, re.Match[str] | None] = field(default_factory=dict)
    named_after: dict[int, tuple[str, int] | None] = field(default_factory=dict)


def _named_after(
    text: str, pos: int, words: NumberWords, asked: Asked | None
) -> tuple[str, int] | None:
    """`words.after(text, pos)`, asked once a place (`asked`: the answers already given)."""
    if asked is None:
        return words.after(text, pos)
    known = asked.named_after
    if pos not in known:
        known[pos] = words.after(text, pos)
    return known[pos]


def _match_tail(
    text: str, pos: int, money: bool, words: NumberWords | None, asked: Asked | None = None
) -> tuple[Tail, re.Match[str]] | None:
    if words is None:
        return None  # no vocabulary, no unit words
    pattern, tails = words.tails.after[money]
    seen = asked.tails if asked is not None and not money else None
    m = seen[pos] if seen is not None and pos in seen else pattern.match(text, pos)
    if m is None or m.lastgroup is None:
        return None
    return tails[int(m.lastgroup[1:])], m


_RATE_CUE = re.compile(r"\bper\b|/", re.I)
# a header's parentheses that say what its amounts are per, without "per": "(1M Tokens)"
_PER_IN_PARENTHESES = re.compile(
    r"\(\s*(?=(?:1\s*M|1\s*K|1,000,000|one\s+million|1\s+million)\b)", re.I
)


def rate_in(words_of: str, words: NumberWords) -> tuple[str, str | None] | None:
    """The rate unit a money figure's header writes for it ("Input (per 1M tokens)", "Price
    per million output tokens", "$/GPU-hour"), with the kind of token it names; None where the
    header writes none. Read with the tails a figure's own words are read with."""
    for cue in itertools.islice(_RATE_CUE.finditer(words_of), 8):
        found = _match_tail(words_of, cue.start(), True, words)
        if found and found[0].unit not in words.tails.currencies:
            tail, m = found
            io = _named(m, "io")
            return tail.unit, fold(io).replace(" ", "-") if io else tail.hint
    per = _PER_IN_PARENTHESES.search(words_of)  # "Input Cost (1M Tokens)": per a million tokens
    if per is not None:
        return rate_in("per " + words_of[per.end() :], words)
    return None


def _named(m: re.Match[str], name: str) -> str | None:
    """`m.groupdict().get(name)`, without a dict of each of the tails' many groups."""
    return m.group(name) if name in m.re.groupindex else None


def _unit_for(
    raw: Raw,
    text: str,
    mag_letter: str | None,
    words: NumberWords | None = None,
    asked: Asked | None = None,
) -> bool:
    """Read the unit after raw.end (extending raw); False when the number is not a figure
    (`asked`: what was read already, by place)."""
    if words is not None and words.tails.foreign.match(text, raw.end):
        return False  # "a 5 mm chip", "a 700 W GPU": not 5 or 700 GPUs
    found = _match_tail(text, raw.end, raw.money, words, asked)
    pair = _money_after_slash(text, raw.end, words) if raw.money and not found else None
    if pair is not None:  # the input price of "$0.55/$2.19 per million tokens"
        rate = _match_tail(text, pair, True, words)
        if rate is not None and words is not None and rate[0].unit not in words.tails.currencies:
            io = _named(rate[1], "io")
            raw.unit, raw.hint = rate[0].unit, fold(io).replace(" ", "-") if io else "input"
            return True
    if found:
        tail, m = found
        raw.unit, raw.hint = tail.unit, tail.hint
        raw.gpu = _named(m, "gpu")
        if io := _named(m, "io"):
            raw.hint = fold(io).replace(" ", "-")
        elif raw.money and _money_before_slash(text, raw.start, words):
            raw.hint = "output"  # the second price of "$0.55/$2.19 per million tokens"
        raw.end = m.end()
        if raw.unit == "hours" and (raw.low or 0) >= 1e5:
            raw.unit = "GPU-hours"  # "2.788 million hours": no run lasts eleven years
        return True
    if raw.money:
        if words is not None and words.tails.rate_of_money.match(text, raw.end):
            return False  # "$2/hr", "$2 per hour": a rate no quantity is in, not a total
        if pair is not None or _money_before_slash(text, raw.start, words):
            return False  # "$0.55/$2.19" with no rate named: two prices of what, not a cost
        raw.unit = raw.currency or "USD"
        after = text[raw.end : raw.end + 1]  # not glued onto a word; a footnote's mark may follow
        return not (after.isalnum() and after not in n.SUPERSCRIPT_DIGITS)
    no_figure = (words.tails.not_a_figure if words else n.NOT_A_FIGURE).match(text, raw.end)
    named_here = (
        words.after(text, raw.end, adjacent=True) if words is not None and no_figure else None
    )
    if named_here is not None and words is not None:
        # a word that is no figure's unit, held by a count's own term: "sampled 16 times each"
        raw.hint, raw.end = named_here
        raw.unit = words.unit[named_here[0]]
        return True
    multiple = n.MULTIPLE.match(text, raw.end) if not mag_letter else None
    if multiple:  # "~1.8×": kept only where its words name the ratio (see `hint`)
        raw.unit, raw.hint, raw.end = "ratio", "times", multiple.end()
        return True
    if no_figure:
        return False
    named = (
        _named_after(text, raw.end, words, asked) if words is not None and not mag_letter else None
    )
    if named is not None and words is not None:
        raw.hint, raw.end = named
        raw.unit = words.unit[named[0]]
        return True
    if mag_letter in ("B", "b") and raw.low and 1e8 <= raw.low <= 1e13:
        m = words.tails.size_noun.match(text, raw.end) if words else None
        after = text[raw.end : raw.end + 2].strip()
        if m or not after or not after[0].isalpha():
            raw.unit, raw.hint = "parameters", "size"
            return True
    if words is not None and raw.low and 1e8 <= raw.low <= 1e13 and mag_letter != "T":
        size = words.after(text, raw.end, sizes=True)
        if size is not None:  # "37B active per token", "37 billion activated"
            raw.unit, raw.hint = "parameters", size[0]
            return True
        named = words.before(text, raw.start, sizes=True)
        if named is not None:  # "a total parameter count of 145 billion"
            raw.unit, raw.hint = "parameters", named
            return True
    score = words.score_after(text, raw.end) if words is not None and not mag_letter else None
    if score is None and words is not None and not mag_letter and _may_be_score(raw, text):
        score = words.score_before(text, raw.start)  # "AIME 2024 79.8, MATH-500 97.3"
    if score is not None:  # "79.8 on AIME 2024"
        raw.unit, raw.hint = "percent", score
        as_percent(raw, text)
        return True
    if mag_letter == "T" and raw.low and raw.low >= 1e11:
        raw.unit = "tokens"
        return True
    if mag_letter in ("K", "k") and words is not None:
        lo = max(0, raw.start - _CONTEXT_REACH)
        if words.tails.context_before.search(text, lo, raw.start):
            raw.unit, raw.hint = "tokens", "context"  # "the context window … to 128K"
            return True
    if (
        not mag_letter
        and raw.step == 1.0
        and 1900 <= (raw.low or 0) <= 2100
        and "," not in (text[raw.start : raw.end])
    ):
        return False  # "Pre-Training 2026": a year, not a figure named by the word before it
    cue = _cue_before(raw, text, words) if words is not None else None
    if cue is not None and words is not None:
        raw.unit, raw.hint = words.unit[cue], cue
        return True
    return False


# the least count of tokens a bare number is read as where its cue also names counts of
# other units ("trained on 14.8 trillion" is tokens; "trained on 2,048 of Nvidia's chips" not)
_FEWEST_TOKENS = 1e9


def _cue_before(raw: Raw, text: str, words: NumberWords) -> str | None:
    """The quantity the term right before a bare number names, which gives it its unit; None
    when that term names quantities of several units and the value does not tell which."""
    refs = words.named_before(text, raw.start)
    units = {words.unit[r] for r in refs}
    if len(units) <= 1:
        return refs[0] if refs else None
    if "tokens" in units and (raw.low or 0) >= _FEWEST_TOKENS:
        return next(r for r in refs if words.unit[r] == "tokens")
    return None


def _unread(m: re.Match[str], num: str, text: str, words: NumberWords, asked: Asked) -> bool:
    """A bare number ("17", "63.6": no sign, letter or magnitude word; at most eight
    characters, so under 1e8, where no size reading applies) that nothing
    written after it and no term before it can give a unit: `_numbers` would drop it, after
    building it and reading each of these one by one, and more. In a table of axis numbers or a
    run of "1 1 1" nearly every number is one: this test costs half of that.

    Every reading of `_numbers` and `_unit_for` that can keep such a number starts right after
    it (a range's rest, a product, machines, a unit, a multiple, a score's "on", a count's term)
    or is a term before it; the rest only drop it (tests/test_check_source_unread.py compares
    the figures found with and without this test). The unit tail it matches and the count it
    finds named after the number are kept in `asked`, by place.

    A year ("2024": four digits, the last no 0, 1900 to 2100) is never asked for a term before
    it: `_unit_for` drops such a number before it reads one (a year, not a figure), unless a
    reading after it keeps it, each of which this test reads first.

    (num: the match's number; the caller asks only of a number with no sign, magnitude or
    letter)"""
    if len(num) > 8:
        return False
    if not (num.isascii() and num.replace(".", "", 1).isdigit()):
        return False  # separators, powers: read as before
    end, t = m.end(), words.tails
    asked.tails[end] = tail = t.after[False][0].match(text, end)
    if (  # a unit first: the most common reading that keeps a number
        tail
        or t.range_rest.match(text, end)
        or t.product.match(text, end)
        or t.machines.match(text, end)
        or n.MULTIPLE.match(text, end)
        or words.may_score_after(text, end)
    ):
        return False
    if "." in num and words.score_before(text, m.start()) is not None:
        return False  # a score written after its benchmark ("AIME 2024 79.8")
    if _named_after(text, end, words, asked) is not None:
        return False
    return _a_year(num) or words.before(text, m.start()) is None


def _a_year(num: str) -> bool:
    """Whether a plain number of ASCII digits (and maybe a dot) reads as a year to `_unit_for`:
    a step of 1 (no 0 at its end) from 1900 to 2100."""
    return len(num) == 4 and num.isdigit() and num[3] != "0" and 1900 <= int(num) <= 2100


# a section's number at the start of a heading line ("4.3 Long Context", "3.2.1 Basic
# Architecture"), or of a line of a table of contents: short, its first word capitalised, no
# sentence after it
_SECTION_NUMBER = re.compile(
    r"\d{1,2}(?:\.\d{1,2}){1,3}[ \t]+[A-Z][^\n.!?;:]{0,60}?"
    r"(?:[ \t]*(?:\.[ \t]*){3,}\d{1,4})?[ \t]*$",  # in a table of contents: ". . . 23"
    re.M,
)
_LINE_INDENT = re.compile(r"(?:^|\n)[ \t]*$")
# a number written with a dot between thousands, as much of Europe writes it ("2.048")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# a product's model number after its line's name in capitals: "RTX 3070", "GTX-1080", "RX 7900"
_MODEL_NUMBER_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,5}[ \-]$")


_MARKER_AFTER = re.compile(r"\.[ \t]+[A-Z]")
_MARKER_REACH = 300
_CONTEXT_REACH = 70  # how far before a "128K" a context length may be named


def _list_marker(text: str, m: re.Match[str], num: str) -> bool:
    """An item's number in a list run into one line ("Main ideas: 1. Bias-based balancing 2. A
    multi-token objective"): n followed by ". " and a capital, after "n-1. " and a capital
    (or, for 1, after a colon). (num: the match's number)"""
    if not (len(num) <= 2 and num.isdigit()) or not _MARKER_AFTER.match(text, m.end()):
        return False
    n = int(num)
    before = text[max(0, m.start() - _MARKER_REACH) : m.start()]
    if n == 1:
        return before.rstrip().endswith(":")
    return re.search(rf"(?<![\w.]){n - 1}\.[ \t]+[A-Z]", before) is not None


def _after_percent(text: str, m: re.Match[str]) -> bool:
    """A number glued onto a percent sign ("79.8%79.2%"): the next cell of a table run
    together, whose model is not known."""
    return m.start() > 0 and text[m.start() - 1] == "%"


def _model_number(text: str, m: re.Match[str]) -> bool:
    """A product's model number ("RTX 3070": a graphics card's name, not 3,070 GPUs)."""
    num = m.group("num")
    if not (3 <= len(num) <= 4 and num.isdigit()) or m.group("cur") or m.group("mag"):
        return False
    if m.group("sfx") or m.group("sfxl"):
        return False  # "ALL 671B parameters": a size, after a word in capitals
    return _MODEL_NUMBER_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None


def _placed_as_no_figure(
    text: str, m: re.Match[str], letter: str | None, num: str, plain: bool
) -> bool:
    """A number that its place says is no figure: a year cited with a letter ("Liu et al.,
    2023b": read as 2.023T parameters), a page's number before the page break of a PDF's text,
    a section's number at the start of a heading line. (num: the match's number; plain: it
    has no sign, magnitude or letter)"""
    if letter == "b" and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100:
        return not m.group("cur")  # "$2024b" would be money
    end = m.end()
    if text.startswith(("\x0c", "\n\x0c"), end):
        return True
    # (a model number is a plain number of three or four characters; an item's number is
    # followed by a dot)
    if (plain and 3 <= len(num) <= 4 and _model_number(text, m)) or (
        text.startswith(".", end) and _list_marker(text, m, num)
    ):
        return True
    if _after_percent(text, m):
        return True
    if not plain:
        return False  # "2.78 Million GPU Hours" at a line's start is a figure
    if "." not in num or not _SECTION_NUMBER.match(text, m.start()):
        return False
    return _LINE_INDENT.search(text, max(0, m.start() - 40), m.start()) is not None


def _numbers(
    text: str, found: Iterable[re.Match[str]], taken: Spans, words: NumberWords | None = None
) -> list[Raw]:
    out: list[Raw] = []
    range_rest = numerals(words)[2]
    asked = Asked()
    for m in found:
        start, end = m.span()
        if taken.overlaps(start, end):
            continue
        num, cur, mag, sfx, sfxl = m.group("num", "cur", "mag", "sfx", "sfxl")
        bare = not (cur or mag or sfx or sfxl)  # (_unread reads only such numbers)
        if bare and words is not None and _unread(m, num, text, words, asked):
            continue
        if _after_denominator(text, start) and not (
            _PAIRED.search(text, max(0, start - 12), start)
            or _money_before_slash(text, start, words)
        ):
            continue  # "(per 1M tokens)", "1/10": the unit of a rate or a fraction
        value, step = n.parse_number(num)
        scale = n.magnitude_of(mag or sfx or sfxl)
        raw = Raw(start, end, value * scale, value * scale, step * scale)
        raw.money = bool(cur)
        raw.currency = n.currency_unit(cur, words.tails.signs if words else {}) if cur else None
        letter = sfx or sfxl
        if letter == "m" and not raw.money:
            continue  # "5m" is metres or minutes unless it is money
        if _placed_as_no_figure(text, m, letter, num, bare):
            continue
        if raw.money and _PERCENT.match(text, end):
            raw.money, raw.currency = False, None  # "$10\\% - 15\\%$": a dollar of LaTeX math
        close = _MATH_CLOSE.match(text, end) if raw.money and scale == 1.0 else None
        if raw.money and close is None and text.startswith("$", end) and cur == "$":
            raw.money, raw.currency = False, None  # "$0.6$": a number in LaTeX math, no dollar
        if close:  # "$5.6$ million"
            scale = n.MAGNITUDES[fold(close.group("mag"))]
            raw.low = raw.high = value * scale
            raw.step, raw.end = step * scale, close.end()
        rest = range_rest.match(text, raw.end)
        if rest and _CHANGE_FROM.search(text[max(0, start - 40) : start]):
            rest = None  # "went from 12K to 23K": the second is a figure of its own
        if rest and rest.group("pct") and not _PERCENT.match(text, rest.end()):
            rest = None  # "10% to 15 days" is no range
        if rest and not taken.overlaps(*rest.span()):
            high, hstep = n.parse_number(rest.group("num"))
            hscale = n.magnitude(rest)
            # "$5-6 million": of both numbers; not "$294,000 and $5.6 million" (written whole)
            shared = scale == 1.0 and hscale != 1.0 and value < 1000 and "," not in num
            join = rest.group("join").lower()
            if high * hscale > value * (hscale if shared else scale) and (
                (join != "and" or ends_with_between(text, start))
                and (join != "or" or shared)  # "5 or 6 million"; not "7B or 8B": two figures
            ):
                if shared:
                    raw.low, scale = value * hscale, hscale
                    raw.step = step * hscale
                raw.high, raw.end = high * hscale, rest.end()
                raw.step = max(raw.step, hstep * hscale)
                raw.money = raw.money or bool(rest.group("cur"))
                letter = rest.group("sfx") or rest.group("sfxl") or letter
            elif shared and join == "and":  # "$0.294 and $5.576 million": each in millions
                raw.low = raw.high = value * hscale
                raw.step, scale = step * hscale, hscale
        product = (
            words.tails.product.match(text, raw.end)
            if words and scale == 1.0 and raw.low == raw.high
            else None
        )
        if product:  # "64×8 H800s": 512 GPUs
            factor, _ = n.parse_number(product.group("num"))
            raw.low = raw.high = (raw.low or 0.0) * factor
            raw.step, raw.end = 1.0, product.end()
        machines = (
            words.tails.machines.match(text, raw.end)
            if words and scale == 1.0 and raw.low == raw.high
            else None
        )
        if machines:  # "64 eight-way H800 boxes": 512 GPUs
            word = fold(machines.group("word") or "")
            ways = n.WORD_NUMBERS.get(word) or int(machines.group("digits") or 0)
            raw.low = raw.high = (raw.low or 0.0) * ways
            raw.step, raw.end, raw.unit = 1.0, machines.end(), "GPUs"
            raw.gpu = machines.group("gpu")
        if not _plausible(raw):
            continue  # "1e999", a 1 followed by 400 zeros: never a figure, never Infinity
        if not machines and not _unit_for(raw, text, letter, words, asked):
            continue  # (the unit never moves raw.start: the qualifier is read after it)
        if raw.unit == "GPUs" and scale == 1.0 and _THOUSANDS_DOT.fullmatch(num):
            # "2.048 GPUs", "50.000 Hopper GPUs": a dot between thousands (no GPU is split)
            raw.low = raw.high = (raw.low or 0.0) * 1000
            raw.step = 1.0
        if raw.unit == "tokens" and raw.low and raw.low == raw.high:
            _per_tokens(raw, text, words)
        if words is not None and raw.unit in words.tails.paced:
            _per_trillion(raw, text, words)
        bound, qstart = n.qualifier_before(text, raw.start)
        if bound:
            raw.bound, raw.start = bound, qstart
        out.append(raw)
    return out


def _per_tokens(raw: Raw, text: str, words: NumberWords | None) -> None:
    """ "1 trillion tokens every 3.7 days": a pace in days per trillion tokens."""
    every = words.tails.every_days.match(text, raw.end) if words else None
    if every is None or not raw.low or words is None or "days" not in words.tails.paced:
        return
    days, step = n.parse_number(every.group("num"))
    per = 1e12 / raw.low
    raw.low = raw.high = days * per
    raw.step, raw.end, raw.unit, raw.hint = (
        step * per,
        every.end(),
        words.tails.paced["days"],
        None,
    )


def _per_trillion(raw: Raw, text: str, words: NumberWords) -> None:
    """GPU-hours or days said of each trillion tokens ("each trillion tokens took 180K GPU
    hours, or 3.7 days"), before the figure in its sentence or right after it: a pace."""
    tails = words.tails
    after = tails.per_trillion_after.match(text, raw.end)
    if after or tails.per_trillion_before.search(text[max(0, raw.start - 120) : raw.start]):
        raw.unit = tails.paced[raw.unit or ""]
        raw.end = after.end() if after else raw.end


# a number word right before another ("fifty four", "hundred and twelve", "point eight"): the
# second is the end of a number written in words that this reader does not add up, never a
# figure of its own (read alone, "five hundred and twelve H800 GPUs" was 12 GPUs)
# (searched for in the 24 characters before each number word: a look-ahead for the words' first
# letters, then the words by first letter, so that most places are given up at one test)
_WORDS_BEFORE = [*(w for w in n.WORD_NUMBERS if " " not in w), "point"]
_NUMBER_WORD_BEFORE = re.compile(
    rf"(?=[{''.join(sorted({w[0] for w in [*_WORDS_BEFORE, 'hundred', 'thousand']}))}])"
    rf"\b(?:{by_first_letter(_WORDS_BEFORE)}|(?:hundred|thousand)(?:\s+and)?)[\s\-‐‑]+$",
    re.I,
)


def _words(
    text: str, found: Iterable[re.Match[str]], taken: Spans, words: NumberWords | None = None
) -> list[Raw]:
    """Number words and vague counts before a unit: "two months", "several weeks"."""
    out: list[Raw] = []
    for m in found:
        if taken.overlaps(*m.span()) or _NUMBER_WORD_BEFORE.search(
            text, max(0, m.start() - 24), m.start()
        ):
            continue  # the end of a longer number: "five hundred and twelve", "fifty four"
        word = _SPACES.sub(" ", fold(m.group("w")))
        # (the figure is built once its unit is found: most number words have none)
        low: float | None
        high: float | None
        if vague := word in n.VAGUE_COUNTS:
            low, high = n.VAGUE_COUNTS[word]
            step = 0.0
        else:
            low = high = float(n.WORD_NUMBERS.get(word) or n.COUNT_WORDS[word])
            step = 1.0
        end = m.end()
        units = n.WORD_UNITS if word not in n.COUNT_WORDS else ()
        mag = _WORD_MAGNITUDE.match(text, end) if word in n.WORD_NUMBERS else None
        if mag:  # "six million dollars", "two billion parameters"
            scale = n.MAGNITUDES[fold(mag.group("mag"))]
            low = high = (low or 0.0) * scale
            step, end = scale, mag.end()
            units = (*_WORD_MAGNITUDE_UNITS, *(words.tails.currencies if words else ()))
        found = (  # none for "a single"; read only where a tail in a unit of WORD_UNITS is
            _match_tail(text, end, False, words)
            if units and (mag or words is None or words.tails.word_units.match(text, end))
            else None
        )
        if found and found[0].unit in units:
            tail, tm = found
            raw = Raw(m.start(), tm.end(), low, high, step, vague=vague)
            raw.unit, raw.hint = tail.unit, tail.hint
            raw.money = words is not None and tail.unit in words.tails.currencies
        elif (
            named := words.after(text, end) if words is not None and not mag else None
        ) is not None and words is not None:
            raw = Raw(m.start(), named[1], low, high, step, vague=vague, hint=named[0])
            raw.unit = words.unit[named[0]]
        else:
            continue
        widen = words.tails.or_even.match(text, raw.end) if words else None
        if widen and widen.group("even"):
            raw.high = None  # "several weeks or even months": at least several weeks
            raw.end = widen.end()
        bound, qstart = n.qualifier_before(text, raw.start)
        if bound:
            raw.bound, raw.start = bound, qstart
        out.append(raw)
    return out


def _after_number(text: str, start: int) -> bool:
    """Whether a digit comes right before `start`, or one space or hyphen before it: "5.6
    millions" is the number's magnitude (n.MAGNITUDES), not a vague figure of its own."""
    before = text[max(start - 2, 0) : start]
    return before[-1:].isdigit() or (before[-1:] in (" ", "-", "\u00a0") and before[:1].isdigit())


def _vague(
    text: str, found: Iterable[re.Match[str]], taken: Spans, words: NumberWords | None = None
) -> list[Raw]:
    """Magnitude words: "billions or even trillions", "hundreds of billions of tokens"."""
    out: list[Raw] = []
    for m in found:
        if taken.overlaps(*m.span()) or _after_number(text, m.start()):
            continue
        g = {k: (fold(v) if isinstance(v, str) else v) for k, v in m.groupdict().items()}
        if g["g1"]:
            mag = n.VAGUE_MAGNITUDES[g["g1"]][0] if g["g1"] != "thousands" else 1e3
            lo = n.VAGUE_MULTIPLIERS.get(g["m1"], (1, 10))[0] * mag
            hi = n.VAGUE_MULTIPLIERS.get(g["m2"] or g["m1"], (1, 10))[1] * mag
            if g["g2"]:
                hi = n.VAGUE_MAGNITUDES[g["g2"]][1]
            even = g["even1"] or g["even2"]
        else:
            first = n.VAGUE_MAGNITUDES.get(g["g3"]) or n.VAGUE_MULTIPLIERS[g["g3"]]
            last_word = g["g4"] or g["g3"]  # "hundreds" alone is its own last word
            last = n.VAGUE_MAGNITUDES.get(last_word) or n.VAGUE_MULTIPLIERS[last_word]
            lo, hi, even = first[0], last[1], g["even3"]
        raw = Raw(m.start(), m.end() - (len(m.group("of")) if m.group("of") else 0), lo, hi)
        raw.vague = True
        if even:
            raw.high = None
        currency = words.tails.currency_after.match(text, m.end()) if words else None
        if currency and currency.lastgroup:  # "billions of dollars"
            raw.unit, raw.money = words.tails.currencies[int(currency.lastgroup[1:])], True
        at = m.end() if m.group("of") else raw.end
        found = None if raw.unit else _match_tail(text, at, False, words)
        if found and found[0].unit in _VAGUE_UNITS:
            raw.unit, raw.hint, raw.end = found[0].unit, found[0].hint, found[1].end()
        elif not raw.unit and m.group("of"):
            continue  # "thousands of individual knobs": not a unit this tool knows
        if raw.unit is None and lo < 1e6:
            continue  # "hundreds", "tens" alone are not figures
        out.append(raw)
    return out


def _experts(
    text: str, found: Iterable[re.Match[str]], taken: Spans, words: NumberWords | None = None
) -> list[Raw]:
    """The parts of a Mixture-of-Experts layout ("8-of-256 routing", "8x256+1 MoE"): each
    number with the quantity its part names."""
    out: list[Raw] = []
    if words is None:
        return out
    for m in found:
        if taken.overlaps(*m.span()):
            continue
        for part, qid in n.EXPERT_PARTS.items():
            quantity = qid if qid in words.unit else None
            if m.group(part) is None or quantity is None:
                continue
            value = float(m.group(part))
            raw = Raw(m.start(part), m.end(part), value, value, 1.0, unit="count", hint=quantity)
            out.append(raw)
    return out


def finders(
    words: NumberWords | None,
) -> list[tuple[Finder, re.Pattern[str] | None, tuple[str, ...]]]:
    """The figure finders after the dates, in the order find_figures runs them, each with the
    pattern every figure it finds starts as a match of (None: it finds none) and the kinds of
    place that pattern may start at (see FigureScan.places)."""
    return [
        (_experts, words.tails.experts if words is not None else None, ("digit", "word")),
        (_vague, _VAGUE, ("word",)),
        (_words, _WORD_NUM, ("word",)),
        (_numbers, numerals(words)[0], ("number",)),
    ]


_NO_WORD_AFTER = re.compile(r"[ \t]*(?:[,;:)\].!?\n|]|$)")


def _may_be_score(raw: Raw, text: str) -> bool:
    """A bare number that may be a score named before it: written with decimals, at most 100,
    no word after it ("AIME 2024 79.8," but not "AIME 2024 has 30 problems")."""
    written = text[raw.start : raw.end]
    return (
        "." in written
        and raw.low is not None
        and 0 < raw.low <= 100
        and _NO_WORD_AFTER.match(text, raw.end) is not None
    )


_A_DIFFERENCE = re.compile(r"(?:[+±−-]|\bby\s+)$", re.I)


def as_percent(raw: Raw, text: str) -> None:
    """A score written as a fraction ("0.798 on AIME 2024", a cell `0.973` under "MATH-500")
    in percent, as the knowledge base keeps scores: a number under 1 written with decimals
    and no percent sign (read as 0.798%, it conflicted with 79.8%)."""
    written = text[raw.start : raw.end]
    if (
        raw.low is not None
        and raw.high is not None
        and 0 < raw.low <= raw.high < 1
        and "." in written
        and "%" not in written
        and not _A_DIFFERENCE.search(text, max(0, raw.start - 4), raw.start)  # "+0.6", "by 0.6"
    ):
        raw.low, raw.high, raw.step = raw.low * 100, raw.high * 100, raw.step * 100


def bare_numbers(
    text: str, start: int, end: int, taken: Spans, words: NumberWords | None = None
) -> list[Raw]:
    """Numbers without a unit in text[start:end] (a table cell: its header gives the unit)."""
    out: list[Raw] = []
    number, number_at, _, _ = numerals(words)
    foreign = words.tails.foreign if words is not None else None
    # a cell glued to the one before it ("R1671B"): its figure starts right at the cell start
    glued = number_at.match(text, start, end) if start and text[start - 1].isalnum() else None
    found = number.finditer(text, start, end)
    # (each number's groups read once, and the tests that drop it made before it is parsed:
    # a cell is read once per figure, in order; the figures are those of the plain reading,
    # tests/test_check_source_figures_speed.py compares them)
    for m in [glued, *found] if glued else found:
        num, cur, mag, sfx, sfxl = m.group("num", "cur", "mag", "sfx", "sfxl")
        if cur:
            continue
        m_start, m_end = m.span()
        if taken.overlaps(m_start, m_end):
            continue
        letter = sfx or sfxl
        if letter == "m" or letter == "b":
            continue
        if foreign is not None and foreign.match(text, m_end):
            continue  # "5-shot" under "# Shots": no figure of the row's benchmark
        if (3 <= len(num) <= 4 and _model_number(text, m)) or _after_percent(text, m):
            continue
        value, step = n.parse_number(num)
        scale = n.magnitude_of(mag or letter)
        raw = Raw(m_start, m_end, value * scale, value * scale, step * scale, hint="cell")
        if not _plausible(raw):
            continue
        bound, qstart = n.qualifier_before(text, raw.start)
        if bound and qstart >= start:
            raw.bound, raw.start = bound, qstart
        out.append(raw)
    return out

"""How figures are written: numbers, magnitudes, number words, qualifiers, currencies and units.

What may follow a number (a unit "tail": "billion parameters", "H800 GPUs", "per GPU-hour")
is in `tails`, built from the words of data/quantities.yaml; what stays here is the grammar of
English numerals (magnitudes, number words, qualifiers) and their values.
"""

from __future__ import annotations

import math
import re
import unicodedata

from r1kb.checksource.lexicon.folding import fold

# The characters whose lowercase is not what re.I reads them as: "İ" lowercases to two
# characters, "ı" and "ſ" (which re.I reads as "i" and "s") stay as they are. A scan read
# case-sensitively in a text lowercased finds what the case-blind one finds in the text only
# where it holds none of them (tests/test_check_source_figures_speed.py checks every character).
FOLDED_APART = ("\u0130", "\u0131", "\u017f")  # İ, ı, ſ
HY = r"[\-‐‑‒–]"  # hyphens as typeset
SEP = r"[,\u00a0\u202f\u2009 ]"

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# the end of a word, where a footnote's superscript digit may follow it ("GPU hours¹", "$5.6
# million²": with a plain word boundary the unit or magnitude was not read)
WORD_END = rf"(?![^\W{SUPERSCRIPT_DIGITS}])"
# Scientific and power notation belong to the number: "6.71e20", "3.3 × 10^24", "10²⁴", "2^17"
# (read whole, so that "1e999" is never read as 1 nor "10^400" as 400).
EXPONENT = (
    rf"(?:[eE][+\-−]?\d{{1,4}}(?!\w|\.\d)"
    rf"|\s?[×x·*]\s?10\s?(?:\^|\*\*)\s?[+\-−]?\d{{1,4}}(?!\w|\.\d)"
    rf"|\s?[×·*]\s?10[−\-]\d{{1,4}}(?!\w|\.\d)"  # "5 × 10−6": a PDF's text loses the superscript
    rf"|\s?[×x·*]\s?10[⁻]?[{SUPERSCRIPT_DIGITS}]{{1,4}}"
    rf"|\s?(?:\^|\*\*)\s?[+\-−]?\d{{1,4}}(?!\w|\.\d)"
    rf"|(?<=(?<![\d.,])10)⁻?[{SUPERSCRIPT_DIGITS}]{{1,4}})"  # "10²⁴"; "97.3²" is a footnote mark
)
NUMBER = (
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)"
    # never the "5" of "$5,6 million" (a decimal comma): that is not $5; "79.8,97.3" is a list
    rf"|(?>\d+)(?:\.\d+|(?!,\d))|\.\d+){EXPONENT}?)"
)
# The largest value read as a figure: beyond any quantity of the knowledge base (training compute
# is ~3e24 FLOP); "a 1 followed by 400 zeros" is not a figure and never becomes Infinity.
MAX_VALUE = 1e30
MAGNITUDES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trln": 1e12, "t": 1e12,
    # read, not dropped: "671 quintillion parameters" was 671 parameters
    "quadrillion": 1e15, "quintillion": 1e18,
    # after a number, a plural or "mil" is the same magnitude: "$5.6 millions" and "$6 mil"
    # were read as $5.6 and $6 (alone, "millions of tokens" is a vague figure)
    "mil": 1e6, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
    "mill": 1e6, "bil": 1e9,
}  # fmt: skip
# written in this case only: "$5.6MM" (finance), never "5.6 mm" (millimetres)
EXACT_MAGNITUDES = {"MM": 1e6}
# the magnitudes written as words ("million"), and as abbreviations too ("mn"); letters apart
MAGNITUDE_WORDS = "|".join(w for w in MAGNITUDES if len(w) > 2)
# A word in any case ("$6 Million" in a headline, "14.8 TRILLION"; it was read as $6); a
# two-letter abbreviation also with a capital first ("$1.2Bn"), not in capitals ("6 TN").
_MAGNITUDE_NAMES = "|".join(
    [
        f"(?i:{MAGNITUDE_WORDS})",
        *(f"(?-i:{w})" for w in EXACT_MAGNITUDES),  # also where the pattern is case-blind
        *(f"{w}|{w.capitalize()}" for w in MAGNITUDES if len(w) == 2),
    ]
)
# Before a magnitude, one space or hyphen, or a few spaces on one line: a Markdown emphasis
# mark is blanked to spaces ("**671** billion"), and copied text doubles spaces; with one space
# only, "671   billion parameters" was read as 671 parameters.
_BEFORE_MAGNITUDE = rf"(?:[^\S\n]{{1,8}}|\s|{HY})?"
MAGNITUDE = (
    rf"(?:{_BEFORE_MAGNITUDE}(?P<mag>{_MAGNITUDE_NAMES}){WORD_END}"
    rf"|{_BEFORE_MAGNITUDE}(?P<sfx>[kKMBT])(?![A-Za-z0-9])|(?P<sfxl>[mb])(?![A-Za-z0-9]))"
)
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "a hundred": 100,
    "a dozen": 12, "a couple of": 2, "a couple": 2,
}  # fmt: skip
# read only before a count's term ("a single shared expert"), never as a unit's number ("a
# single GPU" in generic prose is no GPU count)
COUNT_WORDS = {"a single": 1}
# a Mixture-of-Experts layout: "8-of-256 routing", "top-8 of 256 routed experts", "8x256+1 MoE"
# (K routed experts chosen of N, plus S shared; "58 8x256+1 MoE": 58 such layers), read only
# before a word of the layout (`expert_layout_cues` in data/quantities.yaml, see `tails.tails`); a
# look-ahead first: the engine skips ahead to a digit or a "top"
EXPERTS_LEAD = "top"  # the word a layout may start with ("top-8 of 256")
EXPERTS = (
    rf"(?=[\d{EXPERTS_LEAD[0]}])(?<![\w.])"
    rf"(?:(?P<l>\d{{1,3}})\s+(?=\d+\s?[x×]))?"  # "58 8x256+1 MoE": 58 layers
    rf"(?:{EXPERTS_LEAD}{HY}?\s?)?(?P<k>\d{{1,3}})(?:{HY}of{HY}|\s+of\s+|\s?[x×]\s?)(?P<n>\d{{1,4}})"
    rf"(?:\s?\+\s?(?P<s>\d{{1,2}}))?(?=(?:\s|{HY})+(?:\w+\s+)?"
)
EXPERT_PARTS = {  # the quantity (its id in data/quantities.yaml) each part counts
    "l": "moe-layers", "k": "activated-experts", "n": "routed-experts", "s": "shared-experts",
}  # fmt: skip
VAGUE_COUNTS = {"a few": (2, 5), "few": (2, 5), "several": (2, 9), "a handful of": (2, 6)}
# "tens of", "hundreds of" multiply a following magnitude; "billions" alone spans 1-999 billion
VAGUE_MULTIPLIERS = {"tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000)}
VAGUE_MAGNITUDES = {
    "thousands": (1e3, 1e4), "millions": (1e6, 1e9), "billions": (1e9, 1e12),
    "trillions": (1e12, 1e15),
}  # fmt: skip

# the ids of the units of wall-clock time (data/quantities.yaml)
DURATIONS = ("hours", "days", "weeks", "months")
# What money may be per besides the data's units (DURATIONS, tokens, GPUs): "$1M a year",
# "$0.01 per query", "$2.19 per million": a rate, not a total (tails: rate_of_money)
RATE_NOUNS = (
    "year", "years", "yr", "annum", "query", "queries", "request", "requests", "call", "calls",
    "user", "users", "seat", "seats", "thousand", "million", "billion", "M", "K", "k",
)  # fmt: skip
WORD_UNITS = (*DURATIONS, "GPUs")  # the units a number word is read with ("two months")
# how an evaluation's protocol is written by a score ("pass@1", "cons@64")
EVAL_MARK = r"(?:pass|cons|maj)@\d+"
ELO = r"\b[Ee][Ll][Oo]\b"  # the rating system a bare rating is in ("an Elo of 2029")

# the qualifiers before a number, by the bound each makes ("under 5": at most 5), and the word
# that may lead those of a kind ("just under")
QUALIFIER_WORDS = {
    "upper": ("under", "below", "less than", "fewer than", "up to", "at most", "no more than",
              "nearly", "almost", "shy of", "<", "≤"),
    "lower": ("over", "above", "more than", "at least", "in excess of", "upwards of", "exceeding",
              "north of", ">", "≥"),
    "approx": ("about", "around", "approximately", "approx.", "approx", "roughly", "some",
               "circa", "an estimated", "estimated", "~", "≈", "∼"),
}  # fmt: skip
_QUALIFIER_LEADS = {"upper": ("just",)}


def _spaced(words: list[str]) -> str:
    return r"\s+".join(map(re.escape, words))


QUALIFIERS = [
    (
        "".join(rf"(?:{lead}\s+)?" for lead in _QUALIFIER_LEADS.get(kind, ()))
        + f"(?:{'|'.join(_spaced(p.split()) for p in phrases)})",
        kind,
    )
    for kind, phrases in QUALIFIER_WORDS.items()
]
QUALIFIER = re.compile(
    r"(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(QUALIFIERS)) + r")\s*$", re.I
)
# Each qualifier written backwards, longest first (the fewest letters and spaces it can be
# written with): matched at the start of the text before a number turned round, the first one
# that matches is the longest that ends the text, the one QUALIFIER finds first searching it
# from its start, in one match instead of a search that tries every place.
_QUALIFIER_ENDS = sorted(
    (
        (words, kind)
        for kind, phrases in QUALIFIER_WORDS.items()
        for p in phrases
        for words in [p.split()] + [[lead, *p.split()] for lead in _QUALIFIER_LEADS.get(kind, ())]
    ),
    key=lambda ends: -len(" ".join(ends[0])),
)
_QUALIFIER_END = re.compile(
    "|".join(
        f"(?P<r{i}>{_spaced([w[::-1] for w in reversed(words)])})"
        for i, (words, _) in enumerate(_QUALIFIER_ENDS)
    ),
    re.I,
)


# the last characters of every qualifier, as _QUALIFIER_END reads them (case-blind, with re's
# folding): where the text before a number ends in none, no qualifier ends it
_QUALIFIER_LAST = re.compile(
    f"[{''.join(sorted({re.escape(words[-1][-1]) for words, _ in _QUALIFIER_ENDS}))}]", re.I
)
# the characters _QUALIFIER_LAST matches, looked up in a set (a match cost a call per figure):
# each last character in both cases (none of them is folded from another letter: "ſ", "K",
# "ı" and "İ" fold to s, k and i; tests/test_check_source_figures_speed.py checks every one)
QUALIFIER_LAST_CHARACTERS = frozenset(
    c for words, _ in _QUALIFIER_ENDS for c in (words[-1][-1].lower(), words[-1][-1].upper())
)


# A multiple ("~1.8×", "2x", "3 times"): a ratio, a figure only where its words name one
MULTIPLE = re.compile(r"[ \t]?(?:×|x\b|times\b|{HY}?fold\b)".replace("{HY}", HY), re.I)
# What a number can be followed by without being a figure this tool knows: a multiple, an
# ordinal's ending; and (see `tails.tails`) a unit the knowledge base has no quantity in
NOT_A_FIGURE_SOURCE = r"\s*+(?:x\b|×|times\b|fold\b|st\b|nd\b|rd\b|th\b)"
NOT_A_FIGURE = re.compile(NOT_A_FIGURE_SOURCE, re.I)


_POWER = re.compile(
    rf"(?P<m>[\d.]+)(?:[eE](?P<e>[+\-−]?\d+)|[×x·*]10(?:\^|\*\*)?(?P<t>[+\-−⁻]?[\d{SUPERSCRIPT_DIGITS}]+)"
    rf"|(?:\^|\*\*)(?P<p>[+\-−]?\d+)|(?P<s>⁻?[{SUPERSCRIPT_DIGITS}]+))"
)
_SUPER = str.maketrans(SUPERSCRIPT_DIGITS + "⁻−", "0123456789--")
# what a number's notation may hold between its digits and is no digit: the thousands
# separators, and the white space a power may be written with ("10^\t3" raised ValueError)
_SEP = re.compile(rf"{SEP}|\s")


def parse_number(num: str) -> tuple[float, float]:
    """The value of a written number and its precision step ("2,048" -> 2048, 1; "5.6" -> 0.1;
    "6.71e20" -> 6.71e20, 1e18; "10^9" -> 1e9). A value too large for a float is infinite (the
    caller refuses it, see plausible); never an OverflowError."""
    if num.isascii() and num.replace(".", "").isdigit():
        return _plain(num)  # digits and a decimal point: no separator to drop, no power
    clean = _SEP.sub("", num)
    m = _POWER.fullmatch(clean)
    if m is None:
        return _plain(clean)
    value, step = _plain(m.group("m"))
    scaled = m.group("e") or m.group("t")
    if scaled:  # mantissa × 10^power ("6.71e20", "3.3 × 10^24")
        scale = _pow10(int(scaled.translate(_SUPER)))
        if math.isinf(scale):  # "0e1000" too: 0 × inf would be NaN, which compares unequal
            return math.inf, math.inf
        return value * scale, step * scale
    power = int((m.group("p") or m.group("s")).translate(_SUPER))  # base ** power ("2^17")
    if value == 10:
        return _pow10(power), _pow10(power)
    try:
        result = value**power
    except (OverflowError, ZeroDivisionError):
        return math.inf, math.inf
    if isinstance(result, complex) or not math.isfinite(result):
        return math.inf, math.inf
    return float(result), 1.0


def _plain(clean: str) -> tuple[float, float]:
    value = float(clean)
    if "." in clean:  # (one dot: float read it) the digits after it
        return value, _pow10(clean.index(".") + 1 - len(clean))
    if not clean.endswith("0"):
        return value, 1.0  # no zeros at its end (_pow10(0))
    digits = clean.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
    return value, _pow10(zeros)


def _pow10(power: int) -> float:
    if power > 308:
        return math.inf
    return 0.0 if power < -320 else 10.0**power


def plausible(value: float | None) -> bool:
    """Whether a value can be a figure: finite and at most MAX_VALUE in size."""
    return value is None or (math.isfinite(value) and abs(value) <= MAX_VALUE)


def magnitude(m: re.Match[str]) -> float:
    return magnitude_of(m.group("mag") or m.group("sfx") or m.group("sfxl"))


def magnitude_of(word: str | None) -> float:
    """The scale a number's magnitude word or letter writes (none: 1)."""
    if not word:
        return 1.0
    return EXACT_MAGNITUDES.get(word) or MAGNITUDES[fold(word)]


def currency_unit(symbol: str | None, signs: dict[str, str]) -> str | None:
    """The currency a sign before a number writes ("US$" -> USD, "￥" -> CNY, "RMB" -> CNY):
    `signs` maps each currency unit's symbol and terms (data/quantities.yaml) to its id; a
    country's letters before a symbol ("US", "CN") do not change it."""
    if not symbol:
        return None
    s = unicodedata.normalize("NFKC", symbol.strip()).upper()
    return signs.get(s) or signs.get(s.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """A qualifier right before start ("under", "about", "~"): its kind and where it begins
    (the first match of QUALIFIER in the 25 characters before start, read from their end)."""
    lo = max(0, start - 25)
    head = text[lo:start].rstrip()
    last = head[-1:]
    if last not in QUALIFIER_LAST_CHARACTERS:  # (nor the empty string)
        return None, start  # a quick test: every qualifier ends in one of a few characters
    if last == "." and head[-7:].lower() != "approx.":
        return None, start  # the one qualifier that ends in a dot ("1. 1. 1." searched none)
    m = _QUALIFIER_END.match(head[::-1])
    if not m or not m.lastgroup:
        return None, start
    at = lo + len(head) - m.end()
    if at > lo and text[at - 1].isalnum():
        return None, start
    return _QUALIFIER_ENDS[int(m.lastgroup[1:])][1], at

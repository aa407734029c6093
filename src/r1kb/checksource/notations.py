"""How figures are written: numbers, magnitudes, number words, qualifiers, currencies and units.

Units are the knowledge base's unit ids (data/quantities.yaml); a unit "tail" is what may follow
a number ("billion parameters", "H800 GPUs", "per GPU-hour"), a "cue" what may precede a bare
number ("batch size of", "a Codeforces rating of").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

HY = r"[\-‐‑‒–]"  # hyphens as typeset
SEP = r"[,\u00a0\u202f\u2009 ]"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Scientific and power notation belong to the number: "6.71e20", "3.3 × 10^24", "10²⁴", "2^17"
# (read whole, so that "1e999" is never read as 1 nor "10^400" as 400).
EXPONENT = (
    rf"(?:[eE][+\-−]?\d{{1,4}}(?![\w.])"
    rf"|\s?[×x·*]\s?10\s?(?:\^|\*\*)\s?[+\-−]?\d{{1,4}}(?![\w.])"
    rf"|\s?[×·*]\s?10[−\-]\d{{1,4}}(?!\w|\.\d)"  # "5 × 10−6": a PDF's text loses the superscript
    rf"|\s?[×x·*]\s?10[⁻]?[{_SUPERSCRIPTS}]{{1,4}}"
    rf"|\s?(?:\^|\*\*)\s?[+\-−]?\d{{1,4}}(?![\w.])"
    rf"|(?<=(?<![\d.,])10)⁻?[{_SUPERSCRIPTS}]{{1,4}})"  # "10²⁴"; "97.3²" is a footnote mark
)
NUMBER = (
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)"
    rf"|\d+(?:\.\d+)?|\.\d+){EXPONENT}?)"
)
# The largest value read as a figure: beyond any quantity of the knowledge base (training compute
# is ~3e24 FLOP); "a 1 followed by 400 zeros" is not a figure and never becomes Infinity.
MAX_VALUE = 1e30
MAGNITUDE = (
    rf"(?:(?:\s|{HY})?(?P<mag>thousand|million|billion|trillion|mn|bn|tn)\b"
    rf"|(?:\s|{HY})?(?P<sfx>[kKMBT])(?![A-Za-z0-9])|(?P<sfxl>[mb])(?![A-Za-z0-9]))"
)
CURRENCY = r"(?P<cur>US\s?\$|USD\s?|CN¥|\$|¥|￥|RMB\s?|CNY\s?)"
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
# (K routed experts chosen of N, plus S shared; "58 8x256+1 MoE": 58 such layers); each part is
# named by the words it stands for
EXPERTS = re.compile(  # a look-ahead first: the engine skips ahead to a digit or a "top"
    rf"(?=[\dt])(?<![\w.])"
    rf"(?:(?P<l>\d{{1,3}})\s+(?=\d+\s?[x×]))?"  # "58 8x256+1 MoE": 58 such layers
    rf"(?:top{HY}?\s?)?(?P<k>\d{{1,3}})(?:{HY}of{HY}|\s+of\s+|\s?[x×]\s?)(?P<n>\d{{1,4}})"
    rf"(?:\s?\+\s?(?P<s>\d{{1,2}}))?(?=(?:\s|{HY})+(?:\w+\s+)?(?:rout\w*|experts?|MoE)\b)",
    re.I,
)
EXPERT_PARTS = {
    "l": "MoE layers", "k": "activated experts", "n": "routed experts", "s": "shared experts",
}  # fmt: skip
VAGUE_COUNTS = {"a few": (2, 5), "few": (2, 5), "several": (2, 9), "a handful of": (2, 6)}
MAGNITUDES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12,
}  # fmt: skip
# "tens of", "hundreds of" multiply a following magnitude; "billions" alone spans 1-999 billion
VAGUE_MULTIPLIERS = {"tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000)}
VAGUE_MAGNITUDES = {
    "thousands": (1e3, 1e4), "millions": (1e6, 1e9), "billions": (1e9, 1e12),
    "trillions": (1e12, 1e15),
}  # fmt: skip

QUALIFIERS = [
    (r"(?:just\s+)?(?:under|below|less\s+than|fewer\s+than|up\s+to|at\s+most|no\s+more\s+than"
     r"|nearly|almost|shy\s+of|<|≤)", "upper"),
    (r"(?:over|above|more\s+than|at\s+least|in\s+excess\s+of|upwards\s+of|exceeding|north\s+of"
     r"|>|≥)", "lower"),
    (r"(?:about|around|approximately|approx\.?|roughly|some|circa|an\s+estimated|estimated"
     r"|~|≈|∼)", "approx"),
]  # fmt: skip
_QUALIFIER_SIGNS = "<≤>≥~≈∼."  # the last characters of QUALIFIERS that are not letters
QUALIFIER = re.compile(
    r"(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(QUALIFIERS)) + r")\s*$", re.I
)


@dataclass(frozen=True)
class Tail:
    pattern: re.Pattern[str]
    unit: str
    hint: str | None = None
    money: bool | None = None  # True: only after an amount of money; False: never after one


def _tail(pattern: str, unit: str, hint: str | None = None, money: bool | None = False) -> Tail:
    return Tail(re.compile(pattern, re.I), unit, hint, money)


def _filler(n: int) -> str:
    return rf"\s*(?:[A-Za-z][\w‑\-]*\s+){{0,{n}}}?"


GPU_NAME = r"(?:[AHBV]\d{2,3}|H20|GB200|A800|L40S?)"
TAILS = [
    _tail(rf"\s*(?:per|/|an?|each)\s*(?:{GPU_NAME}\s*)?GPU{HY}?\s*(?:hours?|hrs?|h)\b",
          "USD-per-GPU-hour", money=True),
    _tail(r"\s*(?:per|/|for\s+(?:every|each))\s*(?:(?:1|one)\s*)?(?:million|M|mn|1M)\s*"
          r"(?:(?P<io>input|output|cached?|prompt|completion|cache[\s-]hit|cache[\s-]miss)\s+)?"
          r"tokens?\b", "USD-per-million-tokens", money=True),
    _tail(r"\s*(?:per|/|an?|each|every)\s*week\b", "USD-per-week", money=True),
    _tail(r"\s*(?:US\s+|U\.S\.\s+)?(?:dollars|USD)\b", "USD", money=None),
    _tail(r"\s*(?:yuan|RMB|CNY|renminbi)\b", "CNY", money=None),
    _tail(_filler(2) + rf"\s*(?:(?:{GPU_NAME}\s+)?GPU{HY}?\s*|{GPU_NAME}{HY}?\s*)(?:hours?|hrs?)\b",
          "GPU-hours"),  # "2.788M GPU hours", "2.8 million H800 hours"
    _tail(rf"\s*(?:(?:NVIDIA|Nvidia)\s+)?(?P<gpu>{GPU_NAME})(?:{HY}?\s*(?:class|series|SXM\d?|PCIe))?"
          r"(?:\s*(?:GPUs?|chips?|cards?|accelerators?)|s)?\b", "GPUs"),
    _tail(_filler(1) + rf"(?:\s|{HY})*(?:GPUs?|graphics\s+cards|accelerators)\b", "GPUs"),
    _tail(_filler(2) + rf"(?:\s|{HY})*(?:parameters?|params?)\b", "parameters"),
    _tail(_filler(3) + rf"(?:\s|{HY})*(?<!\bper )(?<!/)tokens?\b", "tokens"),  # not "… per token"
    _tail(rf"(?:[ \t]|{HY})*(?:token(?:[ \t]|{HY})+)?context(?:(?:{HY}|\s+)?(?:window|length))?\b",
          "tokens", "context"),
    _tail(rf"(?:\s|{HY})*(?:hours?|hrs?)\b", "hours"),  # also "a 55-day run", "a two-month run"
    _tail(rf"(?:\s|{HY})*days?\b", "days"),
    _tail(rf"(?:\s|{HY})*weeks?\b", "weeks"),
    _tail(rf"(?:\s|{HY})*months?\b", "months"),
    _tail(_filler(2) + r"\s*(?:samples|examples|data[ \t]+points)\b", "samples"),
    _tail(_filler(1) + r"\s*sequences\b", "sequences"),
    _tail(r"\s*FLOPs?\b", "FLOP"),
    _tail(r"\s*(?:st|nd|rd|th)?\s*percentile\b", "percent", "percentile"),
    _tail(r"\s*(?:\\?%|percent\b|per\s?cent\b)", "percent"),  # "\%": LaTeX's percent sign
]  # fmt: skip


def _any_tail(money: bool) -> tuple[re.Pattern[str], list[Tail]]:
    """The tails that may follow a number (after an amount of money or not) as one pattern:
    its alternatives are tried in order at one place, so the first tail that matches there is
    the one matched, as when each is tried in turn, in one call instead of twenty."""
    tails = [t for t in TAILS if t.money is None or t.money is money]
    body = "|".join(f"(?P<t{i}>{t.pattern.pattern})" for i, t in enumerate(tails))
    return re.compile(f"(?:{body})", re.I), tails


TAIL_AFTER = {money: _any_tail(money) for money in (False, True)}

# After a bare "B": "a 32B model", "the 7B version" are sizes in parameters
SIZE_NOUN = re.compile(r"\s*(?:[\w‑\-]+\s+)?(?:models?|versions?|variants?|distill\w*)\b", re.I)
# A multiple ("~1.8×", "2x", "3 times"): a ratio, a figure only where its words name one
MULTIPLE = re.compile(r"[ \t]?(?:×|x\b|times\b|{HY}?fold\b)".replace("{HY}", HY), re.I)
# What a number can be followed by without being a figure this tool knows
NOT_A_FIGURE = re.compile(
    r"\s*(?:x\b|×|times\b|fold\b|[KMGTP]i?B\b|bytes?\b|bits?\b|-bit\b|Gbps|GB/s|nm\b|°"
    r"|st\b|nd\b|rd\b|th\b)",
    re.I,
)


_POWER = re.compile(
    rf"(?P<m>[\d.]+)(?:[eE](?P<e>[+\-−]?\d+)|[×x·*]10(?:\^|\*\*)?(?P<t>[+\-−⁻]?[\d{_SUPERSCRIPTS}]+)"
    rf"|(?:\^|\*\*)(?P<p>[+\-−]?\d+)|(?P<s>⁻?[{_SUPERSCRIPTS}]+))"
)
_SUPER = str.maketrans(_SUPERSCRIPTS + "⁻−", "0123456789--")


def parse_number(num: str) -> tuple[float, float]:
    """The value of a written number and its precision step ("2,048" -> 2048, 1; "5.6" -> 0.1;
    "6.71e20" -> 6.71e20, 1e18; "10^9" -> 1e9). A value too large for a float is infinite (the
    caller refuses it, see plausible); never an OverflowError."""
    clean = re.sub(SEP, "", num)
    m = _POWER.fullmatch(clean)
    if m is None:
        return _plain(clean)
    value, step = _plain(m.group("m"))
    scaled = m.group("e") or m.group("t")
    if scaled:  # mantissa × 10^power ("6.71e20", "3.3 × 10^24")
        scale = _pow10(int(scaled.translate(_SUPER)))
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
    if "." in clean:
        return value, _pow10(-len(clean.split(".")[1]))
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
    word = m.group("mag") or m.group("sfx") or m.group("sfxl")
    return MAGNITUDES[word.lower()] if word else 1.0


def currency_unit(symbol: str | None) -> str | None:
    if not symbol:
        return None
    s = symbol.strip().upper()
    return "CNY" if s in {"¥", "￥", "CN¥", "RMB", "CNY"} else "USD"


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """A qualifier right before start ("under", "about", "~"): its kind and where it begins."""
    window = text[max(0, start - 25) : start]
    last = window.rstrip()[-1:]
    if not last or not (last.isalpha() or last in _QUALIFIER_SIGNS):
        return None, start  # a quick test: every qualifier ends in a letter or one of the signs
    if last == "." and window.rstrip()[-7:].lower() != "approx.":
        return None, start  # the one qualifier that ends in a dot ("1. 1. 1." searched none)
    m = QUALIFIER.search(window)
    if not m:
        return None, start
    if m.start() > 0 and text[max(0, start - 25) + m.start() - 1].isalnum():
        return None, start
    kind = next(QUALIFIERS[i][1] for i in range(len(QUALIFIERS)) if m.group(f"q{i}"))
    return kind, max(0, start - 25) + m.start()

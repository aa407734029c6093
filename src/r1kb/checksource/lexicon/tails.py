"""What may follow a number: a unit "tail" ("billion parameters", "H800 GPUs", "per GPU-hour"),
and the number patterns with the data's currency signs before a number.

Units are the knowledge base's unit ids (data/quantities.yaml); a "cue" is what may precede a
bare number ("batch size of", "a Codeforces rating of"). The words of the tails (unit terms, GPU
names and variants, machines) come from data/quantities.yaml through `TailWords`; the grammar
of numerals is in `notations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from r1kb.checksource.lexicon.notations import (
    DURATIONS,
    EXPERTS,
    HY,
    MAGNITUDE,
    MAGNITUDES,
    NOT_A_FIGURE_SOURCE,
    NUMBER,
    RATE_NOUNS,
    WORD_END,
    WORD_NUMBERS,
    WORD_UNITS,
)
from r1kb.patterncache import compile_all


@dataclass(frozen=True)
class Tail:
    source: str  # the pattern's text, matched case-insensitively
    unit: str
    hint: str | None = None
    money: bool | None = None  # True: only after an amount of money; False: never after one

    @property
    def pattern(self) -> re.Pattern[str]:
        """The tail alone (the reader tries them all at once: `Tails.after`)."""
        return re.compile(self.source, re.I)


def _tail(pattern: str, unit: str, hint: str | None = None, money: bool | None = False) -> Tail:
    return Tail(pattern, unit, hint, money)


def _filler(n: int) -> str:
    """Up to n words between a number and its unit ("2.8 million H800 hours"). Possessive
    (`*+`, `++`): a run of spaces is read once, never handed back for the next gap to try
    again, which made a number before 1,000 spaces cost 0.3 s (three gaps in a row: cubic)."""
    return rf"\s*+(?:[A-Za-z][\w‑\-]*+\s++){{0,{n}}}?"


_GAP = r"[\s\-‐‑‒–]*"  # between the words of a written form: "GPU hours", "GPU-hours"
# a maker's name before an accelerator's ("NVIDIA H800"): a capitalised word, as in mentions
_MAKER = r"(?:(?-i:[A-Z][A-Za-z]+)\s+)?"


def forms(words: tuple[str, ...] | list[str], bounded: bool = True) -> str:
    """One alternation of written forms from the data (unit terms, accelerator names), longest
    first: the words of a form match with any run of spaces or hyphens between them, a trailing
    `*` matches any ending, and (`bounded`) a form ending in a letter or digit ends at a word
    boundary; a GPU name is not bounded, its plural or a glued suffix may follow ("H800s").
    A look-ahead for the forms' first characters comes first: where none is, one class is
    tested instead of each form (the engine tries a case-insensitive form's first letter only
    by jumping into it)."""
    out, firsts = [], set()
    for form in sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w)):
        wild = form.endswith("*") and len(form) > 1
        parts = [p for p in re.split(r"[\s\-‐‑‒–]+", form[:-1] if wild else form) if p]
        if not parts:  # a form of gap characters: no first character to look for
            firsts = None
        elif firsts is not None:
            firsts.add(parts[0][0])
        body = _GAP.join(map(re.escape, parts)) + (r"\w*" if wild else "")
        out.append(body + (WORD_END if bounded and (wild or form[-1].isalnum()) else ""))
    if not out:
        return "(?!)"
    ahead = f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])" if firsts else ""
    return f"{ahead}(?:{'|'.join(out)})"


@dataclass(frozen=True)
class TailWords:
    """The data's words that units are written with (hashable: tails are compiled once per
    vocabulary, see `tails`)."""

    units: tuple[tuple[str, tuple[str, ...]], ...]  # unit id -> its terms (quantities.yaml)
    accelerators: tuple[str, ...]  # GPU names
    variants: tuple[str, ...]  # what may follow a GPU name ("SXM", "PCIe")
    machines: tuple[str, ...]  # what holds several GPUs ("nodes", "servers")
    per_million: tuple[str, ...]  # the kinds of token a price is per ("input", "cached")
    context: tuple[str, ...]  # how a context length is written ("context window")
    currencies: tuple[str, ...]  # the ids of the units that are money ("USD", "CNY")
    signs: tuple[tuple[str, str], ...]  # a currency's symbol or term, upper case -> its id
    # each currency's symbols (with their full-width forms) and three-letter codes ("USD")
    money_signs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    foreign: tuple[str, ...]  # units no quantity is in ("GB", "bits"): see NOT_A_FIGURE
    size_nouns: tuple[str, ...]  # what follows a model's size ("model", "version")
    expert_cues: tuple[str, ...]  # the words after an experts layout ("routed", "MoE")


@dataclass(frozen=True)
class Tails:
    every: list[Tail]  # in the order they are tried
    after: dict[bool, tuple[re.Pattern[str], list[Tail]]]  # after money or not: see _any_tail
    # the tails (not after money) in a unit of WORD_UNITS: where none matches, the first tail
    # that matches (if any) is in another unit
    word_units: re.Pattern[str]
    machines: re.Pattern[str]  # "64 eight-way H800 boxes"
    product: re.Pattern[str]  # "64×8 H800s"
    currencies: tuple[str, ...]  # the ids of the units that are money
    currency_after: re.Pattern[str]  # a currency's word after "billions of": group c<i>
    every_days: re.Pattern[str]  # "1 trillion tokens every 3.7 days"
    # "each trillion tokens took 180K GPU hours": a figure said of each trillion tokens, before
    # it (its sentence so far) or right after it, and the paced unit of each unit ("days" ->
    # "days-per-trillion-tokens", as the units table names them)
    per_trillion_before: re.Pattern[str]
    per_trillion_after: re.Pattern[str]
    paced: dict[str, str]
    signs: dict[str, str]  # see currency_unit
    not_a_figure: re.Pattern[str]  # see NOT_A_FIGURE
    rate_of_money: re.Pattern[str]  # after money: a rate no unit of the data is (see RATE_NOUNS)
    foreign: re.Pattern[str]  # a unit no quantity is in, right after a number ("5 mm", "700 W")
    size_noun: re.Pattern[str]  # after a bare "B": "a 32B model" is a size in parameters
    or_even: re.Pattern[str]  # "several weeks or even months"
    context_before: re.Pattern[str]  # "the context window … to": a "32K" after it is tokens
    experts: re.Pattern[str]  # a Mixture-of-Experts layout, its parts named as in EXPERT_PARTS
    number: re.Pattern[str]  # a number, with the currency written before it and its magnitude
    # the places a number may start at, found by a scan the engine skips ahead in (its first
    # character, then the look-behind of `number`): `number` matches nowhere else
    number_places: re.Pattern[str]
    number_at: re.Pattern[str]  # the same, matched where it is asked for
    # where a number or a digit may start (see number_leads): read by one scan for both
    lead_places: re.Pattern[str]
    glued_marks: frozenset[str]
    range_rest: re.Pattern[str]  # the rest of a range after a number ("–6 million")


def _tail_list(w: TailWords) -> list[Tail]:
    unit = dict(w.units)

    def t(uid: str, *extra: str) -> str:
        return forms([*unit.get(uid, ()), *extra])

    gpu = forms(w.accelerators, bounded=False)
    variant = forms(w.variants)
    per = r"\s*(?:per|/|an?|each)\s*"
    million = "|".join(k for k, v in MAGNITUDES.items() if v == 1e6)  # "per 1M tokens"
    one_gpu = rf"(?:{gpu}|{t('GPUs')})"  # "GPU", "H800", "chip"
    hour = t("hours")
    each = r"\s*(?:per|/|an?|each|for\s+(?:every|each))\s*"
    return [
        _tail(rf"{per}(?:{gpu}\s*)?{t('GPU-hours')}", "USD-per-GPU-hour", money=True),
        # "per GPU per hour", "/GPU/hr", "per H800 hour", "an hour for each H800"
        _tail(rf"{per}(?:{one_gpu}(?:{each}|\s*)(?={hour}){hour}|{hour}{each}{one_gpu})",
              "USD-per-GPU-hour", money=True),
        _tail(r"\s*(?:per|/|for\s+(?:every|each))\s*(?:(?:1|one)\s*)?"
              rf"(?:{million})\s*(?:(?P<io>{forms(w.per_million)})\s+)?{t('tokens')}",
              "USD-per-million-tokens", money=True),
        _tail(rf"\s*(?:per|/|an?|each|every)\s*{t('weeks')}", "USD-per-week", money=True),
        *(_tail(rf"\s*{t(c)}", c, money=None) for c in w.currencies),
        _tail(_filler(2) + rf"\s*(?:(?:{gpu}{_GAP})?{t('GPU-hours')}|{gpu}{_GAP}{t('hours')})",
              "GPU-hours"),  # "2.788M GPU hours", "2.8 million H800 hours"
        _tail(rf"\s*{_MAKER}(?P<gpu>{gpu})(?:{HY}?\s*{variant})?(?:\s*{t('GPUs')}|s)?\b",
              "GPUs"),
        _tail(_filler(1) + rf"(?:\s|{HY})*{t('GPUs')}", "GPUs"),
        _tail(_filler(2) + rf"(?:\s|{HY})*{t('parameters')}", "parameters"),
        # not "per token", "for each token"
        _tail(
            _filler(3) + rf"(?:\s|{HY})*(?<!\bper )(?<!\beach )(?<!\bevery )(?<!/){t('tokens')}",
            "tokens",
        ),
        _tail(rf"(?:[ \t]|{HY})*{forms(w.context)}", "tokens", "context"),
        _tail(rf"(?:\s|{HY})*{t('hours')}", "hours"),  # also "a 55-day run", "a two-month run"
        _tail(rf"(?:\s|{HY})*{t('days')}", "days"),
        _tail(rf"(?:\s|{HY})*{t('weeks')}", "weeks"),
        _tail(rf"(?:\s|{HY})*{t('months')}", "months"),
        _tail(_filler(2) + rf"\s*{t('samples')}", "samples"),
        _tail(_filler(1) + rf"\s*{t('sequences')}", "sequences"),
        _tail(rf"\s*{t('FLOP')}", "FLOP"),
        _tail(r"\s*+(?:(?:st|nd|rd|th)\s*+)?percentile\b", "percent", "percentile"),
        _tail(rf"\s*\\?{t('percent')}", "percent"),  # "\%": LaTeX's percent sign
    ]  # fmt: skip


# A unit is read across at most this many spaces, line breaks and hyphens after its number:
# a word further on is another line's or column's. Tested once, before the tails (each of
# which read a run of ten thousand spaces to its end: 14 ms a number).
MAX_GAP = 64
_NEAR = rf"(?=[\s\-‐‑‒–]{{0,{MAX_GAP}}}+(?![\s\-‐‑‒–]))"


def _any_tail(tails: list[Tail], money: bool) -> tuple[str, list[Tail]]:
    """The tails that may follow a number (after an amount of money or not) as one pattern:
    its alternatives are tried in order at one place, so the first tail that matches there is
    the one matched, as when each is tried in turn, in one call instead of twenty."""
    tails = [t for t in tails if t.money is None or t.money is money]
    body = "|".join(f"(?P<t{i}>{t.source})" for i, t in enumerate(tails))
    return f"{_NEAR}(?:{body})", tails


@cache
def tails(words: TailWords) -> Tails:
    """The unit tails of a vocabulary, compiled once: the grammar around them ("per", "/", a
    maker's name) is here, every word that names a unit or a GPU comes from the data."""
    every = _tail_list(words)
    gpu = forms(words.accelerators, bounded=False)
    gpus = forms(dict(words.units).get("GPUs", ()))
    maker = _MAKER.replace(r"\s+", r"[ \t]+")
    ways = "|".join(w for w in WORD_NUMBERS if " " not in w)
    machines = (  # machines of several GPUs each: "64 eight-way H800 boxes"
        rf"[ \t]++(?:(?P<word>{ways})|(?P<digits>\d{{1,2}})){HY}?(?:way|{gpus})[ \t]+"
        rf"{maker}(?:(?P<gpu>{gpu})[ \t]+)?"
        rf"{forms(words.machines)}"
    )
    product = rf"\s*[×x*]\s*{NUMBER}(?![\d.,])(?=\s*(?:{gpu}|{gpus}|{forms(words.machines)}))"
    unit = dict(words.units)
    money = "|".join(f"(?P<c{i}>{forms(unit.get(c, ()))})" for i, c in enumerate(words.currencies))
    durations = forms([t for u in DURATIONS for t in unit.get(u, ())])
    rated = [t for u in (*DURATIONS, "tokens", "GPUs") for t in unit.get(u, ())]
    per_what = f"{forms([*rated, *RATE_NOUNS])}|{gpu}"  # what money may be per
    days = forms(unit.get("days", ()))
    after = {m: _any_tail(every, m) for m in (False, True)}
    trillion = "|".join(k for k, v in MAGNITUDES.items() if v == 1e12 and len(k) > 1)
    each_trillion = (
        rf"(?:each|every|per|a)\s+(?:one\s+)?(?:{trillion})\s+{forms(unit.get('tokens', ()))}"
    )
    sources = {
        # in the same sentence, whose "i.e." or "e.g." ends none, nor a line break within a
        # paragraph ("180K H800 GPU hours, i.e., 3.7 days": the days are per trillion tokens
        # too, not the training's duration)
        "per_trillion_before": rf"\b{each_trillion}(?:[^.;!?\n]|\n(?![ \t]*\n)|\b(?:i\.e|e\.g)\.)"
        r"{0,80}\Z",
        "per_trillion_after": rf"[ \t]*+(?:for[ \t]++)?{each_trillion}",
        "after_false": after[False][0],
        "after_true": after[True][0],
        "word_units": _NEAR
        + "(?:"
        + "|".join(f"(?:{t.source})" for t in after[False][1] if t.unit in WORD_UNITS)
        + ")",
        "machines": machines,
        "product": product,
        "currency_after": rf"\s++(?:{money or '(?!)'})",
        "every_days": rf"[ \t]+(?:every|each)[ \t]+{NUMBER}[ \t]*{days}",
        "not_a_figure": rf"{NOT_A_FIGURE_SOURCE}|\s*+{HY}?{forms(words.foreign)}",
        "foreign": rf"\s*+{HY}?{forms(words.foreign)}",
        # money per something no rate unit of the data is in: "$2/hr", "$0.55/MTok", "$2 per
        # hour", "$1M a year" is a rate, never the total its currency alone would make it (not
        # "a month after V3", "a year ago", "$5.6M/R1 cost")
        "rate_of_money": rf"[ \t]*+(?:/[ \t]*+(?:(?:1|one)\s*+)?(?:{per_what}|M?Tok\w*)"
        rf"|(?:per|an?|each|every)\s++(?:(?:one|1)\s*+)?(?:{per_what}))"
        r"(?!\s+(?:after|ago|before|later|earlier)\b)",
        "size_noun": rf"\s*+(?:[\w‑\-]++\s++)?{forms(words.size_nouns)}",
        "or_even": rf"\s+or\s+(?P<even>even\s+)?{durations}",
        # a context length named before a size in thousands, in its clause: "the context
        # window is first stretched to 32K" (not "from 4K to 32K", a figure between them: the
        # stages of its extension)
        "context_before": rf"{forms(words.context)}[^.;:!?\n\d]{{0,40}}?\b(?:to|of|at|"
        r"reaches|reaching|hits|is|was)\s+(?:about\s+|around\s+|up\s+to\s+)?\Z",
        "experts": rf"{EXPERTS}{forms(words.expert_cues)})",
        **_numerals(words.money_signs),
    }
    # compiled in one batch through the disk cache (r1kb.patterncache): re takes a third of a
    # second for these, more than checking an article
    # a currency's letters keep case
    flags = {"number": 0, "number_at": 0, "number_places": 0, "lead_places": 0}
    rx = dict(
        zip(
            sources,
            compile_all([(p, flags.get(k, re.I)) for k, p in sources.items()]),
            strict=True,
        )
    )
    return Tails(
        every=every,
        after={m: (rx[f"after_{str(m).lower()}"], after[m][1]) for m in (False, True)},
        word_units=rx["word_units"],
        machines=rx["machines"],
        product=rx["product"],
        currencies=words.currencies,
        currency_after=rx["currency_after"],
        every_days=rx["every_days"],
        per_trillion_before=rx["per_trillion_before"],
        per_trillion_after=rx["per_trillion_after"],
        paced={u: f"{u}-per-trillion-tokens" for u in unit if f"{u}-per-trillion-tokens" in unit},
        signs=dict(words.signs),
        not_a_figure=rx["not_a_figure"],
        rate_of_money=rx["rate_of_money"],
        foreign=rx["foreign"],
        size_noun=rx["size_noun"],
        or_even=rx["or_even"],
        context_before=rx["context_before"],
        experts=rx["experts"],
        number=rx["number"],
        number_places=rx["number_places"],
        number_at=rx["number_at"],
        lead_places=rx["lead_places"],
        glued_marks=_glued_marks(words.money_signs),
        range_rest=rx["range_rest"],
    )


@cache
def plain_numerals() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The number patterns of a reader without a vocabulary (no currency signs): a number,
    a number where asked, the rest of a range, the places a number may start at."""
    src = _numerals(())
    return (
        re.compile(src["number"]),
        re.compile(src["number_at"]),
        re.compile(src["range_rest"], re.I),
        re.compile(src["number_places"]),
    )


@cache
def plain_number_leads() -> tuple[re.Pattern[str], frozenset[str]]:
    """`lead_places` and `glued_marks` of a reader without a vocabulary (no currency signs)."""
    return re.compile(_numerals(())["lead_places"]), _glued_marks(())


# what a number is never read after besides a word character, a full stop and a currency sign
_GLUED_MARKS = ",:@#-‑"


def _sign_chars(money: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> str:
    return "".join(dict.fromkeys(c for syms, _ in money for x in syms for c in x))


def _glued_marks(money: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> frozenset[str]:
    """The characters other than a word character or a full stop that no number is read
    after (`number`'s look-behind: its marks and the currency signs' characters)."""
    return frozenset(_GLUED_MARKS + _sign_chars(money))


def _numerals(money: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> dict[str, str]:
    """The number patterns, with the currency signs of the data before a number: a symbol
    ("$", "¥"), a symbol after the country letters of its currency's code ("US$", "CN¥": an
    ISO 4217 code begins with its country's), or the code itself ("USD 5.6M", "RMB 2M")."""
    prefixed, codes, symbols = [], [], []
    for syms, codes_of in money:
        esc = "|".join(map(re.escape, syms))
        for code in codes_of:
            if esc:
                prefixed.append(rf"{re.escape(code[:2])}\s?(?:{esc})")
            codes.append(rf"{re.escape(code)}\s?")
        symbols += [re.escape(x) for x in syms]
    signs = [*prefixed, *codes, *symbols]
    cur = rf"(?P<cur>{'|'.join(signs)})" if signs else "(?P<cur>(?!))"
    sign_chars = _sign_chars(money)
    first = "".join(dict.fromkeys(c[0] for _, codes_of in money for c in codes_of))
    starts = rf"[\d{re.escape(''.join(dict.fromkeys(first + sign_chars)))}.]"
    glued = rf"[\w.{re.escape(_GLUED_MARKS + sign_chars)}]"  # what a number is never read after
    return {
        # a look-ahead for what a number or its sign can start with first (a look-behind first
        # is tried at every position)
        "number": rf"(?={starts})(?<!{glued})(?:{cur}\s?)?{NUMBER}(?:{MAGNITUDE})?",
        # the same first character read, then the look-behind before it: a pattern that begins
        # with a class, which the engine skips ahead on
        "number_places": rf"{starts}(?<!{glued}.)",
        # where a number (its first character after none of _glued_marks either) or a digit
        # (figure_scan._AT_DIGIT) may start: a number's first character (a digit is one) after
        # no word character and no full stop; and a digit after two small letters (where
        # layout.GLUED_AT matches: a label glued to its value), read by the same scan
        "lead_places": rf"{starts}(?:(?<![\w.].)|(?<=[a-z]{{2}}\d))",
        "number_at": rf"(?:{cur}\s?)?{NUMBER}(?:{MAGNITUDE})?",
        "range_rest": rf"(?P<pct>[ \t]*+\\?%)?\s*+(?P<join>{HY}|[—~−]|to|and|or|through)\s*+"
        rf"(?:{cur}\s?)?{NUMBER}"
        rf"(?:{MAGNITUDE})?(?![\d])",
    }

"""The figures a quote states, read with check-source's notations, for the validator.

Looser than the extractor (candidates/extract.py), which must decide from prose alone what is a
figure: here the value sought is known (a `disclosed` claim's), so every number of the quote counts,
however it is written or glued to its neighbours.
"""

from __future__ import annotations

import re

from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon.folding import fold

# A magnitude letter glued to the next cell of a flattened table: "64K32K8K"
GLUED_MAGNITUDE = n.MAGNITUDE.replace("(?![A-Za-z0-9])", "(?![A-Za-z])")
# Words that state a figure in a quote the validator reads for a known value, too loose for
# check-source to read in prose ("a single GPU" is not a GPU count, "no" is rarely a zero)
QUOTE_WORDS = {
    "single": 1, "once": 1, "twice": 2, "double": 2, "doubles": 2, "doubled": 2, "triple": 3,
    "zero": 0, "no": 0, "none": 0, "not any": 0, "cancel": 0, "cancels": 0, "cancelled": 0,
}  # fmt: skip
# (a currency sign before it changes no value: the quote's numbers are read without one)
_GLUED = re.compile(rf"(?<![\d.]){n.NUMBER}(?:{GLUED_MAGNITUDE})?")
_TIMES = re.compile(rf"\s*[×x*]\s*{n.NUMBER}(?![\d.])")
_QUOTE_WORDS = re.compile(
    r"(?<![\w-])(?P<w>"
    + "|".join(
        sorted([*n.WORD_NUMBERS, *QUOTE_WORDS, *n.VAGUE_COUNTS, *n.VAGUE_MAGNITUDES], key=len)[::-1]
    ).replace(" ", r"\s+")
    + r")(?![\w-])",
    re.I,
)
_NOT_ANY = re.compile(r"\b(?:not|never|without)\b[^.;]{0,40}?\bany\b", re.I)


def stated_numbers(text: str) -> list[float]:
    """Every value text can be read to state, for checking that a quote states a known figure.

    Looser than find_figures, as the value sought is known: numbers glued to their neighbours
    ("EP320", "64K32K8K" and "53.5(Airline)/63.9(Retail)" from flattened tables), each with and
    without its magnitude ("$294K": 294 and 294,000), products ("64*8 H800": 512), number and
    quote words ("six", "a single", "doubles", "not … any": 0) and the bounds of vague counts and
    magnitudes ("thousands of": 1,000 and 10,000)."""
    out: list[float] = []
    for m in _GLUED.finditer(text):
        value, _ = n.parse_number(m.group("num"))
        scaled = value * n.magnitude(m)
        out += [value, scaled]
        times = _TIMES.match(text, m.end())
        if times and n.magnitude(m) == 1.0:
            out.append(value * n.parse_number(times.group("num"))[0])
    for m in _QUOTE_WORDS.finditer(text):
        word = re.sub(r"\s+", " ", fold(m.group("w")))
        for table in (n.WORD_NUMBERS, QUOTE_WORDS):
            if word in table:
                out.append(float(table[word]))
        out += [float(b) for b in n.VAGUE_COUNTS.get(word, n.VAGUE_MAGNITUDES.get(word, ()))]
    if _NOT_ANY.search(text):
        out.append(0.0)
    return [x for x in out if n.plausible(x)]

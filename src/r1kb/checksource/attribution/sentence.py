"""A sentence's structure for attribution: its parentheses and its clauses.

Clauses end at ";", ", and/but/where/when/then …", "but" or "whereas" with or without a comma,
a spaced dash and a line break before a capital.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from r1kb.checksource.attribution.word_test import may_hold

_CONTRASTS = ("but", "whereas")  # a contrast ends a clause, comma or not
# what ends a clause (see the module's docstring), one alternative each
_BREAKS = (
    ";",
    r",\s+(?i:and|but|while|whereas|where|when|then|although|though|yet|so)\b",
    r"\s[–—]\s",
    rf"\s(?i:{'|'.join(_CONTRASTS)})\s",  # "has 671B parameters but activates 37B"
    # a line break before a capital inside a sentence ends a clause too (a title line run into
    # the next line); one before a lower-case word is only a wrapped line
    r"\n(?=[ \t]*[A-Z])",
)
_CLAUSE_BREAK = re.compile("|".join(_BREAKS))
_BRACKET = re.compile(r"[()\[\]]")  # the characters parentheses are paired from
_FEW = 8  # parentheses read one by one; more are looked up in a `_Index`
_FAR = 1 << 62  # past any offset: (pos, _FAR) sorts after every clause that starts at pos


@dataclass
class Sentence:
    """A sentence's span, its parentheses (pairs that nest, as `parse_parens` pairs them) and
    its clauses. The parentheses' lookups index them once; a list replaced or grown is indexed
    again, one changed in place is not."""

    start: int
    end: int
    parens: list[tuple[int, int]] = field(default_factory=list)  # in the order they close
    clauses: list[tuple[int, int]] = field(default_factory=list)  # in order, end to end
    _index: _Index | None = field(default=None, repr=False, compare=False)

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause that holds pos, else the whole sentence: the last one that starts at or
        before it, found by bisection (the clauses are in order, end to end; a figure's clause
        is asked for several times, and a loop over them cost more than the rest of a look-up
        by far)."""
        clauses = self.clauses
        i = bisect_right(clauses, (pos, _FAR)) - 1
        if i >= 0 and pos < clauses[i][1]:
            return clauses[i]
        return (self.start, self.end)

    def innermost(self, start: int, end: int) -> tuple[int, int] | None:
        """`innermost(self.parens, start, end)` for a span of at least one character, found
        by climbing from the last parenthesis opened at or before `start` to the ones around
        it (parentheses nest: those that hold a span are one chain), not by reading all."""
        if start >= end or len(self.parens) <= _FEW:
            return innermost(self.parens, start, end)
        index = self._indexed()
        i = bisect_right(index.opens, start) - 1
        while i >= 0:
            a, b = index.by_open[i]
            if end <= b:  # a <= start holds for it and every one around it
                return (a, b)
            i = index.parent[i]
        return None

    def paren_opened_at(self, pos: int) -> tuple[int, int] | None:
        """The parentheses that open at pos, if any."""
        if len(self.parens) <= _FEW:
            return next((p for p in self.parens if p[0] == pos), None)
        return self._indexed().opened_at.get(pos)

    def _indexed(self) -> _Index:
        """The lookups over parens, made once (again if the list changed)."""
        index = self._index
        if index is None or not index.made_from(self.parens):
            index = self._index = _Index(self.parens)
        return index


class _Index:
    """Parentheses ordered by where they open, each with the one around it."""

    def __init__(self, parens: list[tuple[int, int]]) -> None:
        self.parens = parens  # held: the index is its
        self.size = len(parens)
        self.by_open = sorted(parens)
        self.opens = [a for a, _ in self.by_open]
        self.opened_at = {a: (a, b) for a, b in reversed(parens)}  # the first listed wins
        self.parent: list[int] = []
        around: list[int] = []  # the parentheses open at this point, innermost last
        for i, (a, _) in enumerate(self.by_open):
            while around and self.by_open[around[-1]][1] <= a:
                around.pop()
            self.parent.append(around[-1] if around else -1)
            around.append(i)
        # the outermost parentheses, in order: a position is inside some pair iff inside one
        self.outer = [self.by_open[i] for i, up in enumerate(self.parent) if up < 0]
        self.outer_opens = [a for a, _ in self.outer]

    def made_from(self, parens: list[tuple[int, int]]) -> bool:
        """Whether the index is of this list, at its present length."""
        return parens is self.parens and self.size == len(parens)

    def inside_parens(self, pos: int) -> bool:
        """Whether a < pos < b for some pair (a, b)."""
        i = bisect_left(self.outer_opens, pos) - 1
        return i >= 0 and pos < self.outer[i][1]


def parse_sentence(text: str, start: int, end: int) -> Sentence:
    s = parse_parens(text, start, end)
    cuts = [start]

    def in_pair(pos: int) -> bool:
        return any(a < pos < b for a, b in s.parens)

    inside = s._indexed().inside_parens if len(s.parens) > _FEW else in_pair
    for m in _clause_breaks(text, start, end):
        if not inside(m.start()):
            cuts.append(m.start())
    cuts.append(end)
    s.clauses = [(a, b) for a, b in pairwise(cuts) if b > a]
    return s


def _clause_breaks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_CLAUSE_BREAK`'s matches in text[start:end], searched for with only the breaks whose
    characters the stretch holds (most sentences hold a comma and nothing else): a break that
    matches nowhere in it, left out of the alternation, leaves every match as it was."""
    held = (
        text.find(";", start, end) >= 0,
        text.find(",", start, end) >= 0,
        text.find("–", start, end) >= 0 or text.find("—", start, end) >= 0,
        may_hold(text, start, end, _CONTRASTS),
        text.find("\n", start, end) >= 0,
    )
    if not any(held):
        return iter(())
    return _breaks_of(held).finditer(text, start, end)


@cache
def _breaks_of(held: tuple[bool, ...]) -> re.Pattern[str]:
    return re.compile("|".join(b for b, kept in zip(_BREAKS, held, strict=True) if kept))


def parse_parens(text: str, start: int, end: int) -> Sentence:
    """The sentence with its parentheses only (all that the subject it hands on needs)."""
    s = Sentence(start, end)
    if text.find("(", start, end) < 0 and text.find("[", start, end) < 0:
        return s  # nothing opened: no pair (most sentences)
    stack: list[int] = []
    for b in _BRACKET.finditer(text, start, end):  # only the brackets, not every character
        i = b.start()
        if text[i] in "([":
            stack.append(i)
        elif stack:
            s.parens.append((stack.pop(), i + 1))
    return s


def innermost(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The shortest of the spans that holds text[start:end] (`Sentence.innermost` finds it
    without reading them all)."""
    inside = [(a, b) for a, b in spans if a <= start and end <= b]
    return min(inside, key=lambda p: p[1] - p[0]) if inside else None

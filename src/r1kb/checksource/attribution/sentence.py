"""A sentence's structure for attribution: its parentheses and its clauses.

Clauses end at ";", ", and/but/where/when/then …", "but" or "whereas" with or without a comma,
a spaced dash and a line break before a capital.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

# a line break before a capital inside a sentence ends a clause too (a title line run into the
# next line); one before a lower-case word is only a wrapped line
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?i:and|but|while|whereas|where|when|then|although|though|yet|so)\b|\s[–—]\s"
    r"|\s(?i:but|whereas)\s"  # "has 671B parameters but activates 37B": a contrast, comma or not
    r"|\n(?=[ \t]*[A-Z])",
)
_BRACKET = re.compile(r"[()\[\]]")  # the characters parentheses are paired from


@dataclass
class Sentence:
    start: int
    end: int
    parens: list[tuple[int, int]] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause that holds pos, else the whole sentence."""
        for clause in self.clauses:
            if clause[0] <= pos < clause[1]:
                return clause
        return (self.start, self.end)


def parse_sentence(text: str, start: int, end: int) -> Sentence:
    s = parse_parens(text, start, end)
    cuts = [start]
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if not any(a < m.start() < b for a, b in s.parens):
            cuts.append(m.start())
    cuts.append(end)
    s.clauses = [(a, b) for a, b in pairwise(cuts) if b > a]
    return s


def parse_parens(text: str, start: int, end: int) -> Sentence:
    """The sentence with its parentheses only (all that the subject it hands on needs)."""
    s = Sentence(start, end)
    stack: list[int] = []
    for b in _BRACKET.finditer(text, start, end):  # only the brackets, not every character
        i = b.start()
        if text[i] in "([":
            stack.append(i)
        elif stack:
            s.parens.append((stack.pop(), i + 1))
    return s


def innermost(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [(a, b) for a, b in spans if a <= start and end <= b]
    return min(inside, key=lambda p: p[1] - p[0]) if inside else None

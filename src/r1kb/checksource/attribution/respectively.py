"""Lists set side by side by "respectively": the i-th figure of its list is the i-th name's.

"DeepSeek-R1 and OpenAI o1 score 79.8% and 79.2%, respectively": 79.2% is o1's, not R1's.
"79.8% and 97.3% on AIME 2024 and MATH-500 respectively": 97.3% is the MATH-500 score. Without
the word, the nearest name decides, and every figure of such a list went to the same name.

A list is a run of items (figures, or names) with only a comma, "and", "or", "&" or a slash
between each two; names with only white space or a possessive between them are one item
("OpenAI o1", "OpenAI's o1", the last of them naming it). The figure's list and a list of
names pair only when the sentence says "respectively" (or "in that order") and exactly one
list of those names has as many items as the figure's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from r1kb.checksource.attribution.word_test import may_hold

RESPECTIVELY = re.compile(r"\brespectively\b|\bin\s+that\s+order\b", re.I)
_RESPECTIVELY_WORDS = ("respectively", "order")  # one of which any match holds
# between two items of a list (the items' own text excluded)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+|/\s*)", re.I)
# between names that are one item: "OpenAI o1", "OpenAI's o1", "Anthropic’s Claude 3.5"
_ONE_ITEM = re.compile(r"(?:['’]s)?[ \t]+")

Span = tuple[int, int]


def says_respectively(text: str, start: int, end: int) -> bool:
    if not may_hold(text, start, end, _RESPECTIVELY_WORDS):
        return False  # (most sentences: the pattern's search is not made)
    return RESPECTIVELY.search(text, start, end) is not None


def runs(text: str, spans: Sequence[Span], gap: re.Pattern[str] = _LIST_GAP) -> list[list[int]]:
    """The spans (sorted, not overlapping) grouped as indices: into lists, each two with a
    list's separator between them (or with `gap` between them: `_ONE_ITEM`, names that are one
    item)."""
    out: list[list[int]] = []
    for i, (a, _) in enumerate(spans):
        if out and gap.fullmatch(text, spans[out[-1][-1]][1], a):
            out[-1].append(i)
        else:
            out.append([i])
    return out


class Pairing:
    """The lists of one sentence: its figures' and its names' (found once for the sentence,
    whatever the number of its figures)."""

    def __init__(self, text: str, figures: Sequence[Span], names: Sequence[Span]) -> None:
        self.figures = list(figures)
        self._starts = [a for a, _ in self.figures]
        self._place: dict[int, tuple[int, int]] = {}  # figure index -> (place, length)
        for run in runs(text, self.figures):
            for k, i in enumerate(run):
                self._place[i] = (k, len(run))
        grouped = runs(text, names, _ONE_ITEM)
        spans = [(names[g[0]][0], names[g[-1]][1]) for g in grouped]
        self._lists: dict[int, list[list[int]]] = {}  # length -> the lists of name items
        for run in runs(text, spans):
            self._lists.setdefault(len(run), []).append([grouped[j][-1] for j in run])

    def name_for(self, span: Span) -> int | None:
        """The index (into the names) of the name the figure at `span` is paired with: the
        last of its item's names (None: no list pairs it)."""
        i = bisect_left(self._starts, span[0])
        if i >= len(self.figures) or self.figures[i] != span:
            return None
        place, length = self._place[i]
        lists = self._lists.get(length, [])
        if length < 2 or len(lists) != 1:
            return None
        return lists[0][place]


def sentence_spans(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """The spans (sorted) inside [start, end)."""
    lo, hi = bisect_left(spans, (start, 0)), bisect_right(spans, (end, 0))
    return [s for s in spans[lo:hi] if s[1] <= end]

"""Several term sets scanned for at once.

Each term set finds where its terms may start with a scan of the whole text (see `starts`),
which costs about as much whatever the terms. Term sets read over the same text share one
scan for where any of their terms may start: those places hold every place each set's own
scan gives that a term of the set matches at, and each set tries its terms there.
"""

from __future__ import annotations

import re

from r1kb.capped import CappedDict
from r1kb.checksource.lexicon.starts import places, scanner
from r1kb.checksource.lexicon.vocabulary import _PAIRS_KEPT, Hit, TermSet
from r1kb.patterncache import compile_all


class TermSets:
    """`TermSet(terms).find(text)` for each of several term sets, from one scan."""

    def __init__(self, term_sets: list[dict[str, list[str]]]) -> None:
        self.sets = [TermSet(terms) for terms in term_sets]
        every = {t.strip() for terms in term_sets for words in terms.values() for t in words}
        source = scanner(sorted(every - {""}))
        self._scan = compile_all([(source, 0)])[0] if source else None
        self._by_pair: CappedDict[str, tuple[tuple[int, re.Pattern[str]], ...]] = CappedDict(
            _PAIRS_KEPT
        )

    def find_each(self, text: str) -> list[list[Hit]]:
        """Each set's `hits_at` of the shared places, in one pass over them: the terms that a
        place's first two characters may begin are looked up once for all the sets (one
        table of the pairs asked, bounded, each pair's patterns of the sets that have any)."""
        found: list[list[Hit]] = [[] for _ in self.sets]
        if self._scan is None:
            return found
        end, sets, table = len(text), self.sets, self._by_pair
        after = [0] * len(sets)  # where each set's last hit ends
        for place in places(self._scan, text, 0, end):
            pair = text[place : place + 2]  # as terms_at cuts it: the text ends at `end`
            groups = table.get(pair)
            if groups is None:
                groups = table.keep(pair, self._groups_of(pair))
            for k, group in groups:
                if place < after[k]:
                    continue  # inside the set's last hit (or given twice)
                if (m := group.match(text, place, end)) is not None and m.end() > place:
                    found[k].append(sets[k].hit_of(m))
                    after[k] = m.end()
        return found

    def _groups_of(self, pair: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
        """The sets that have terms a place beginning with these characters may hold, each
        with the pattern of those terms (`TermSet.terms_at`)."""
        return tuple(
            (k, group)
            for k, s in enumerate(self.sets)
            if (group := s.terms_of_pair(pair)) is not None
        )

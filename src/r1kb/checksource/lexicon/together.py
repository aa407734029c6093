"""Several term sets scanned for at once.

Each term set finds where its terms may start with a scan of the whole text (see `starts`),
which costs about as much whatever the terms. Term sets read over the same text share one
scan for where any of their terms may start: those places hold every place each set's own
scan gives that a term of the set matches at, and each set tries its terms there.
"""

from __future__ import annotations

from r1kb.checksource.lexicon.starts import places, scanner
from r1kb.checksource.lexicon.vocabulary import Hit, TermSet
from r1kb.patterncache import compile_all


class TermSets:
    """`TermSet(terms).find(text)` for each of several term sets, from one scan."""

    def __init__(self, term_sets: list[dict[str, list[str]]]) -> None:
        self.sets = [TermSet(terms) for terms in term_sets]
        every = {t.strip() for terms in term_sets for words in terms.values() for t in words}
        source = scanner(sorted(every - {""}))
        self._scan = compile_all([(source, 0)])[0] if source else None

    def find_each(self, text: str) -> list[list[Hit]]:
        if self._scan is None:
            return [[] for _ in self.sets]
        where = list(places(self._scan, text, 0, len(text)))
        return [list(s.hits_at(text, where, 0, len(text))) for s in self.sets]

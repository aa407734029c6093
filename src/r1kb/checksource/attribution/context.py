"""What a stretch of an article is about when its own words do not say: the heading path above
it, then the article's main subject (the model its title names, else the model it names most).

This is the weakest evidence of a figure's model; attribution reaches it last.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution.names import OTHER
from r1kb.checksource.document.document import Document

_MIN_SHARE = 0.5  # of the article's model mentions, for a model to be its main subject
_MIN_MENTIONS = 3


class Context:
    def __init__(self, doc: Document, attributor: at.Attributor) -> None:
        self._heads: list[int] = []
        self._subjects: list[str | None] = []
        self._blocks = [b for b in doc.blocks if b.kind != "row"]  # what stands above a table
        self._block_starts = [b.start for b in self._blocks]
        self._attributor = attributor
        self._tables: dict[int, str | None] = {}  # table start -> its model (asked per figure)
        for block in doc.blocks:
            if block.kind != "heading":
                continue
            self._heads.append(block.start)
            self._subjects.append(self._named(attributor, block.start, block.end))
        self.main = self._main(doc, attributor)

    @staticmethod
    def _named(attributor: at.Attributor, start: int, end: int) -> str | None:
        names = [m for m in attributor.names_in(start, end) if not m.comparative]
        if not names:
            return None
        if names[0].kind == "other":
            return OTHER
        family = [m for m in names if m.kind == "model"]
        return family[0].ref if family else None

    def _main(self, doc: Document, attributor: at.Attributor) -> str | None:
        first = next((b for b in doc.blocks if b.kind in ("heading", "paragraph")), None)
        if first is not None and first.end - first.start <= 200:
            named = self._named(attributor, first.start, first.end)
            if named and named != OTHER:
                return named
        counts = Counter(
            m.ref for m in attributor.mentions if m.kind == "model" and not m.comparative
        )
        total = sum(counts.values())
        if not counts:
            return None
        n = max(counts.values())
        tied = [m for m, c in counts.items() if c == n]
        # a page that names a model as often as the model it was made from is about the newer
        # one ("DeepSeek-R1-Distill-Llama-70B ... distilled from DeepSeek-R1")
        derived = [m for m in tied if _parents(attributor, m) & set(tied)]
        model = derived[0] if len(derived) == 1 else tied[0]
        if n >= _MIN_MENTIONS and n / total >= _MIN_SHARE:
            return model
        return None

    def section_subject(self, pos: int) -> str | None:
        """The model the nearest heading above pos names (None if it names none)."""
        i = bisect_right(self._heads, pos) - 1
        return self._subjects[i] if i >= 0 else None

    def subject_at(self, pos: int) -> str | None:
        """The section's model, else the article's main subject."""
        section = self.section_subject(pos)
        if section == OTHER:
            return None
        return section or self.main

    def table_subject(self, table_start: int) -> str | None:
        """A table's model where its headers name none: the section's, else the first of the
        family the paragraph right above it names ("DeepSeek-V3 is a 671B … model." over a
        table of its settings, in an article whose title names no model), else the article's
        (asked for each figure of the table, worked out once)."""
        if table_start not in self._tables:
            self._tables[table_start] = self._table_subject(table_start)
        return self._tables[table_start]

    def _table_subject(self, table_start: int) -> str | None:
        section = self.section_subject(table_start)
        if section is not None:
            return None if section == OTHER else section
        i = bisect_right(self._block_starts, table_start - 1) - 1
        above = self._blocks[i] if i >= 0 else None
        if above is not None and above.kind == "paragraph":  # (or the lines of it above a
            # spec sheet that runs on in the same block: "DeepSeek V3 model sheet\nLayers61")
            family = [
                m
                for m in self._attributor.names_in(above.start, min(above.end, table_start))
                if m.kind == "model" and not m.comparative
            ]
            if family:  # (another model named there in passing leaves the article's)
                return family[0].ref
        return self.main


def _parents(attributor: at.Attributor, model: str) -> set[str]:
    found = attributor.kb.models.get(model)
    return {d.get("model") for d in found.derived_from} if found else set()

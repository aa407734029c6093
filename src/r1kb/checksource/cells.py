"""Which model and quantity a table cell's figure is about, from the cell's headers outward.

The model: a family model named in the row header, else in the column header (a comparison
table has one column per model), else the subject of the table's section or of the whole
article. A header naming a model outside the family (`o1-preview`, `Llama3-70B`) means the cell
is not about the family. The quantity: the terms of the row header, then of the column header,
then the words in the cell after the figure, kept only when the quantity's unit fits the figure
(a bare number takes the quantity's unit).
"""

from __future__ import annotations

from dataclasses import dataclass

from r1kb.checksource.extract import Raw
from r1kb.checksource.layout import Cell
from r1kb.checksource.mentions import Mention, find_mentions
from r1kb.checksource.vocabulary import vocabulary
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

OTHER = "other"


@dataclass
class CellReading:
    model: str | None
    quantity: str | None
    model_how: str
    quantity_how: str


class CellAttributor:
    def __init__(self, kb: KnowledgeBase, units: UnitSystem) -> None:
        self.kb = kb
        self.vocab = vocabulary(kb)
        self.units = units

    def _models(self, header: str) -> list[Mention]:
        return [
            m for m in find_mentions(header, self.kb) if m.kind in ("model", "other", "company")
        ]

    def model(self, cell: Cell, context: str | None) -> tuple[str | None, str]:
        for where, header in (("row header", cell.row_header), ("column", cell.column_header)):
            names = self._models(header)
            if names:
                first = names[0]
                if first.kind == "other":
                    return OTHER, f"{where} names {header!r}, outside the family"
                return first.ref, f"{where} {header!r}"
        if context:
            return context, "the table's section or the article's subject"
        return None, "no model in the headers or the context"

    def fits(self, raw: Raw, quantity: str) -> bool:
        unit = self.kb.quantities[quantity].unit
        if unit in ("text",) or not self.kb.units.get(unit):
            return False
        if raw.unit is None:
            return unit != "date"
        if raw.unit == "date" or unit == "date":
            return raw.unit == unit
        try:
            return self.units.compatible(raw.unit, unit)
        except Exception:  # an undefined unit: not comparable
            return False

    def quantity(self, raw: Raw, cell: Cell, text: str) -> tuple[str | None, str]:
        after = text[raw.end : cell.end]
        qualifiers = {
            ref
            for where in (cell.row_header, cell.column_header, after)
            for h in self.vocab.qualifiers.find(where)
            for ref in h.refs
        }
        for where, words in (
            ("row header", cell.row_header),
            ("column header", cell.column_header),
            ("the cell", after),
        ):
            for hit in self.vocab.quantities.find(words):
                fitting = [q for q in hit.refs if q in self.kb.quantities and self.fits(raw, q)]
                if fitting:
                    qid = fitting[0]
                    narrower = [q for q in qualifiers if self.vocab.refines.get(q) == qid]
                    if narrower:
                        qid = narrower[0]
                    return qid, f"{where} {words.strip()!r}"
        if raw.unit and raw.unit in self.vocab.defaults:
            return self.vocab.defaults[raw.unit], f"the default quantity for {raw.unit}"
        return None, "no quantity term in the headers"

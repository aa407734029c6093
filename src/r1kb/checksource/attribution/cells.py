"""Which model and quantity a table cell's figure is about, from the cell's headers outward.

The model: a family model named in the row header, else in the column header (a comparison
table has one column per model), else the subject of the table's section or of the whole
article. A header naming a model outside the family (`o1-preview`, `Llama3-70B`) means the cell
is not about the family. The quantity: the terms of the row header, then of the column header,
then the words in the cell after the figure, kept only when the quantity's unit fits the figure
(a bare number takes the quantity's unit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from r1kb.capped import CappedDict
from r1kb.checksource.attribution.names import OTHER
from r1kb.checksource.attribution.quantity import (
    KEPT_WORDS,
    PER_BEFORE,
    first_fitting,
    terms_of,
    unit_fits,
)
from r1kb.checksource.candidates.extract import Raw, rate_in
from r1kb.checksource.candidates.mentions import Mention, find_mentions, may_name
from r1kb.checksource.document.layout import Cell
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon.folding import fold
from r1kb.checksource.lexicon.vocabulary import number_words, vocabulary
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

_KEPT = 4096  # the answers kept for a table's headers (not a page of distinct ones)
_NAME_KINDS = ("model", "other", "company")  # the mentions that name whose a figure is

# A header's scale, in parentheses or brackets: "Params (B)", "Cost ($M)", "Tokens [T]",
# "Cost (USD millions)", "GPU hours (in millions)", "Params (×10^9)", "Context (K tokens)".
# The magnitudes are notations' (one vocabulary): a word in any case, a letter as written; a
# currency's sign or code may come before it, one unit word after it.
_SCALE_WORDS = "|".join(sorted((w for w in n.MAGNITUDES if len(w) > 1), key=len, reverse=True))
_SCALE_LETTERS = "".join(w.upper() for w in n.MAGNITUDES if len(w) == 1)
_HEADER_SCALE = re.compile(
    r"[(\[]\s*(?:in\s+)?(?:(?:[A-Z]{2}\$|[A-Z]{3}\b|[^\w\s()\[\]])\s*)?"
    rf"(?:(?P<word>(?i:{_SCALE_WORDS}))\b|(?P<letter>[{_SCALE_LETTERS}])(?![A-Za-z])"
    r"|(?:[×x]\s*)?10\s*(?:\^|\*\*)\s*(?P<power>\d{1,2}))"
    r"(?:\s+[\w$]+)?\s*[)\]]"
)


CONTEXT_MODEL = "the table's section or the article's subject"


class CellAttributor:
    def __init__(self, kb: KnowledgeBase, units: UnitSystem) -> None:
        self.kb = kb
        self.vocab = vocabulary(kb)
        self.words = number_words(kb)
        self.units = units
        self._names: dict[str, list[Mention]] = {}  # header text -> its names (headers repeat)
        self._narrowed: CappedDict[tuple[str, str, str, str], str] = CappedDict(_KEPT)
        self._fit: CappedDict[tuple[str | None, str], str | None] = CappedDict(_KEPT)
        self._rates: CappedDict[str, tuple[str, str | None] | None] = CappedDict(_KEPT)
        foreign = "|".join(re.escape(u) for u in kb.foreign_units) or "(?!)"
        # the unit a header writes: "(GB)", "[MB]", "in GB", or its last word ("VRAM GB")
        self._foreign = re.compile(
            rf"[(\[]\s*(?:in\s+)?(?:{foreign})\s*[)\]]|\bin\s+(?:{foreign})(?![\w])"
            rf"|(?<![\w-])(?:{foreign})\s*$"
        )
        self._foreign_in: CappedDict[str, bool] = CappedDict(_KEPT)
        self._header_units: CappedDict[str, str | None] = CappedDict(_KEPT)

    def in_foreign_unit(self, raw: Raw, cell: Cell) -> bool:
        """A bare number under a header that writes a unit no quantity is in ("VRAM (GB)":
        ~1,342 is gigabytes, not GPUs)."""
        if raw.unit is not None:
            return False
        for header in (cell.column_header, cell.row_header):
            if header not in self._foreign_in:
                self._foreign_in.keep(header, self._foreign.search(header) is not None)
            if self._foreign_in[header]:
                return True
        return False

    def _fitting(self, unit: str | None, words: str, header: bool = False) -> str | None:
        """The quantity of the first term of the words that a figure in `unit` fits, asked
        once for each unit and words (a table's headers are asked again for each figure,
        however long: a header of a page's length was read again for each)."""
        key = (unit, words)
        if key in self._fit:
            return self._fit[key]
        found = first_fitting(
            terms_of(self.vocab.quantities, words),
            lambda q: unit_fits(self.kb, self.units, unit, q),
        )
        if header or len(words) <= KEPT_WORDS:  # a header, not a page in a cell
            self._fit.keep(key, found)
        return found

    def _narrow(self, quantity: str, row: str, column: str, after: str) -> str:
        """`Vocabulary.narrow`, asked once for each quantity and words (a table's headers are
        asked again for each of its figures)."""
        key = (quantity, row, column, after)
        if key in self._narrowed:
            return self._narrowed[key]
        narrowed = self.vocab.narrow(quantity, row, column, after)
        if len(after) <= KEPT_WORDS:  # the headers (kept by their cells), not a page after it
            self._narrowed.keep(key, narrowed)
        return narrowed

    def _models(self, header: str) -> list[Mention]:
        if header not in self._names:
            self._names[header] = (
                [m for m in find_mentions(header, self.kb) if m.kind in _NAME_KINDS]
                if may_name(header, self.kb)
                else []  # most headers name no model ("Hidden Size"): no search for one
            )
        return self._names[header]

    def model(
        self,
        cell: Cell,
        context: str | None,
        own: Sequence[Mention] = (),
        place: int = 0,
        row_before: str = "",
    ) -> tuple[str | None, str]:
        """From the names in the cell's own words after the figure ("~$5.6M (V3 base)"), its
        row header, its column header, else the context. `place`: the figure's place among
        the cell's figures (0-based): a header of as many models as the cell has figures ("R1
        vs o1 on AIME 2024: 79.8% vs 79.2%") gives each figure the model in its place."""
        named = [m for m in own if m.kind == "model" and not m.comparative]
        if named:
            return named[0].ref, f"the cell names {named[0].ref!r}"
        headers = [("row header", cell.row_header), ("column", cell.column_header)]
        # one column per model: its header first where the row names none of the family (a
        # row's "ArenaHard (GPT-4-1106)" names the judge, not whose; "V3 baseline" is V3's)
        columns = [m for m in self._models(cell.header_row) if not m.comparative]
        if len(columns) >= 2 and not any(
            m.kind == "model" and not m.comparative for m in self._models(cell.row_header)
        ):
            headers.reverse()
        for where, header in headers:
            every = self._models(header)
            names = [m for m in every if not m.comparative]
            if names:
                # "DeepSeek-R1-Zero" may be read as the company and a model: the model counts
                first = next((m for m in names if m.kind != "company"), names[0])
                paired = [m for m in every if m.kind != "company"]  # "R1 vs o1": both
                if place and len(paired) > place:  # a later figure, a later model of the header
                    first = paired[place]
                if first.kind == "other":
                    return OTHER, f"{where} names {header!r}, outside the family"
                return first.ref, f"{where} {header!r}"
        # a row that names its own model in a cell before the figure's, under a header that
        # names none ("| DROP | 92.2 | OpenAI o1-1217 | 90.2 |" under "Best Competitor | Best
        # Score"): 90.2 is o1's
        if row_before and len(row_before) <= KEPT_WORDS:
            named_in_row = [m for m in self._models(row_before) if not m.comparative]
            if named_in_row and named_in_row[-1].kind == "other":
                return OTHER, f"its row names {row_before!r}, outside the family"
            if named_in_row and named_in_row[-1].kind == "model":
                return named_in_row[-1].ref, f"its row names {named_in_row[-1].ref!r}"
        if context:
            return context, CONTEXT_MODEL
        return None, "no model in the headers or the context"

    def priced(self, raw: Raw, cell: Cell) -> Raw:
        """A money figure with the rate its headers write ("Input (per 1M tokens)": `$0.55` is
        $0.55 per million input tokens; read as a plain amount, it was a training cost)."""
        if not raw.money or raw.unit not in self.words.tails.currencies:
            return raw
        for header in (cell.row_header, cell.column_header):
            if header not in self._rates:
                self._rates.keep(header, rate_in(header, self.words))
            rate = self._rates[header]
            if rate is not None:
                return replace(raw, unit=rate[0], hint=rate[1] or raw.hint)
        return raw

    def scaled(self, raw: Raw, header: str, text: str) -> Raw:
        """The figure with the scale its header gives ("Params (B)": a cell `671` is 671B), when
        its own text gives none (it ends with a digit: not "671B", not "2,048 GPUs", not
        "97.3%"); the figure itself when the header gives no scale."""
        scale = header_scale(header)
        if scale is None or not text[raw.end - 1 : raw.end].isdigit() or raw.vague:
            return raw
        return replace(
            raw,
            low=None if raw.low is None else raw.low * scale,
            high=None if raw.high is None else raw.high * scale,
            step=raw.step * scale,
        )

    def _unit_named(self, header: str) -> str | None:
        """The one unit a header's last word names, if any ("Training tokens"; not "Multi-Token
        Prediction Heads", a count of heads), kept: headers repeat."""
        if header not in self._header_units:
            end = len(_HEADER_TAIL.sub("", header))
            units = {
                u
                for h in terms_of(self.vocab.units, header)
                if h.end == end and not PER_BEFORE.search(header, 0, h.start)  # "… per token"
                for u in h.refs
            }
            self._header_units.keep(header, units.pop() if len(units) == 1 else None)
        return self._header_units[header]

    def quantity(self, raw: Raw, cell: Cell, text: str) -> tuple[str | None, str, str]:
        """The quantity of a cell's figure, how it was read, and the header it was read from
        ("" when none: the cell's own words, a cue, a default)."""
        after = text[raw.end : cell.end]
        # the words up to the cell's next number are this figure's ("671B (37B active)"), and
        # the words of its own unit ("37B activated parameters": read as total parameters when
        # only the words after it were)
        after = after[: next((i for i, ch in enumerate(after) if ch.isdigit()), len(after))]
        after = _own_words(text, raw) + after
        # a bare number under a header that names its unit is in that unit ("Training tokens |
        # 14.8T": tokens, not the days of "training")
        unit = raw.unit or self._unit_named(cell.row_header) or self._unit_named(cell.column_header)
        for where, words in (
            ("row header", cell.row_header),
            ("column header", cell.column_header),
            ("the cell", after),
        ):
            qid = self._fitting(unit, words, header=where != "the cell")
            if qid is not None:
                qid = self._narrow(qid, cell.row_header, cell.column_header, after)
                return qid, f"{where} {words.strip()!r}", words if where != "the cell" else ""
        cue = self.words.before(text, raw.start)  # "Note: head dim 128"
        if cue is not None and unit_fits(self.kb, self.units, raw.unit, cue):
            return cue, "the term written before it in the cell", ""
        if raw.unit and raw.unit in self.vocab.defaults:
            return self.vocab.defaults[raw.unit], f"the default quantity for {raw.unit}", ""
        for header in (cell.row_header, cell.column_header):  # a header naming the unit only
            units = [u for h in terms_of(self.vocab.units, header) for u in h.refs]
            unit = next((u for u in units if u in self.vocab.defaults), None)
            if unit is not None and raw.unit is None:
                return self.vocab.defaults[unit], f"the header {header!r} names its unit", header
        return None, "no quantity term in the headers", ""


_GLUED_LETTERS = re.compile(r"^[^\W\d_]+")
_HEADER_TAIL = re.compile(r"(?:\s*\([^()]*\))?[\s:*]*$")  # "(T)", a colon, emphasis at the end


def _own_words(text: str, raw: Raw) -> str:
    """The words of a figure after its number and a magnitude glued onto it (" activated
    parameters" of "37B activated parameters"; "" for a bare number)."""
    own = text[raw.start : raw.end]
    last = next((i for i in range(len(own) - 1, -1, -1) if own[i].isdigit()), -1)
    return _GLUED_LETTERS.sub("", own[last + 1 :])


@lru_cache(maxsize=_KEPT)  # a table's headers are asked again for each of its figures
def header_scale(header: str) -> float | None:
    """The scale a table header writes for its numbers, or None."""
    found = [m for m in _HEADER_SCALE.finditer(header)]
    if len(found) != 1:  # none, or two scales in one header: which is whose is not known
        return None
    m = found[0]
    if m.group("power"):
        return 10.0 ** int(m.group("power"))
    return n.MAGNITUDES[fold(m.group("word") or m.group("letter"))]

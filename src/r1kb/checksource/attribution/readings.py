"""A candidate's readings: which model and which quantity its words allow, nearest evidence first.

The first reading is what the nearest evidence says (the figure's own words, its clause, its
sentence, the subject carried over, the section, the article). When that evidence is weak, the
text allows others, which matching tries in order when the first conflicts with the knowledge
base or is new: other quantities of the unit (no term decided the quantity), other models named
nearby (the model is only carried over), a quantity recorded only as a range (the figure is a
range). A figure no model is named for has only such readings: the models named nearby, those
of the section and the article, DeepSeek itself. Attribution never judges: it says what the
text allows and how sure each reading is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution.cells import CONTEXT_MODEL, CellAttributor
from r1kb.checksource.attribution.names import COMPANY, EARLIER_CLAUSE, GENERIC, OTHER
from r1kb.checksource.attribution.quantity import QuantityRead
from r1kb.checksource.attribution.recorded import Recorded
from r1kb.checksource.attribution.sentence import Sentence
from r1kb.checksource.candidates.extract import Raw, as_percent
from r1kb.checksource.document.layout import Cell
from r1kb.kb import KnowledgeBase

ANOTHER_READING = "another reading of its words, which the knowledge base recognises"
A_RANGE = "a range, which only this quantity is recorded as"
NEARBY_RECOGNISED = "no model named: the nearby model whose reading the knowledge base recognises"
NEAREST_BEFORE = "no model named: the nearest model named before"
ITS_RECORD = "no model named anywhere: the one model whose record it agrees with"


class Reading(NamedTuple):
    """A model and quantity a figure may be read as (a tuple, not a frozen dataclass: one is
    made for each figure and each other reading tried, and a frozen dataclass sets each field
    through object.__setattr__; equality, hash and repr are those it had)."""

    model: str
    quantity: str
    strong: bool  # a word decided the quantity (False: the unit's default, or a guess)
    basis: str  # what decided the quantity (shown by --explain)


class Where(NamedTuple):
    """Where a figure of the prose stands (a tuple, not a frozen dataclass, which set each
    field through object.__setattr__: one is made for each block read; equality between
    places, hash and repr as the dataclass had them)."""

    heading: str | None  # the text of the section's heading
    paragraph: int  # 0 for the heading itself


@dataclass
class Readings:
    """One candidate and what its words allow. `first` is None when no model is named for it:
    then only `nearby` readings count, and only one the knowledge base recognises."""

    raw: Raw  # the candidate, its unit settled
    sentence: Sentence  # the sentence (or cell) it stands in
    key: tuple[int, int]  # (the visit of its sentence, its place): a later visit replaces one
    first: Reading | None = None
    how: str = ""  # what decided the first reading's model
    strong_model: bool = False  # a name in its sentence decided the model
    # the first reading's model was named only in an earlier clause: told whose figure it is
    # only when no model named nearby owns it
    earlier_clause: bool = False
    # a date that names neither its model nor what it dates, a magnitude word whose unit only
    # the sentence suggests, a multiple ("10x faster"): reported only when recognised
    only_if_recognised: bool = False
    switch: str | None = None  # the model "DeepSeek" stood for: who the next sentences are about
    where: Where | None = None  # None in a table cell
    headers: tuple[str, ...] = ()  # a table cell's row and column headers
    nearest: str | None = None  # of the nearby models, the one named nearest before
    # what the other readings are worked out from, only when matching asks for them (None: the
    # text allows no other); `ahead`: how far past its sentence models named nearby are read
    reader: Reader | None = None
    ahead: int = 0
    # the unit's default the first reading's quantity fell back on (`QuantityRead.default`):
    # with `first`, the figure's words as read for any model (`others` reads them once)
    default: tuple[str | None] | None = None
    models: tuple[str, ...] = ()  # when no model is named: those to try, nearest first
    # no model named anywhere near it or in the article: a model with a record of its
    # quantity may be the one ("DeepSeek said training cost $5.576 million")
    unnamed: bool = False

    # the other readings the text allows, for when the first conflicts or is new
    def siblings(self) -> Iterator[Reading]:
        """The first model with the unit's other quantities."""
        if self.reader is None or self.first is None:
            return iter(())
        return self.reader._siblings_of(self.first)

    def others(self) -> Iterator[Reading]:
        """The other models named nearby, with the quantity their words give."""
        if self.reader is None or self.first is None:
            return iter(())
        read = QuantityRead(self.first.quantity, self.first.strong, self.first.basis, self.default)
        return self.reader._others(self.raw, self.sentence, self.first, read)

    def ranges(self) -> Iterator[Reading]:
        """A quantity recorded only as a range, for a range."""
        if self.reader is None or self.first is None:
            return iter(())
        return self.reader._ranges(self.raw, self.sentence, self.first.quantity, self.ahead)

    def nearby(self) -> Iterator[Reading]:
        """When no model is named: each of `models` with the quantity its words give."""
        if self.reader is None:
            return iter(())
        return self.reader._with_quantities(self.raw, self.sentence, self.models)

    def of_records(self, reading: Reading) -> Iterator[Reading]:
        """When no model is named anywhere: a reading's quantity for each model with a record
        of it (the quantity does not depend on the model: it is not read again)."""
        if self.reader is None or not self.unnamed:
            return iter(())
        kb = self.reader.kb
        same_unit = self.raw.unit == kb.quantities[reading.quantity].unit
        value = self.raw.low if same_unit else None  # (another unit: each is judged)
        models = self.reader.recorded.models_near(reading.quantity, value)
        return (Reading(m, reading.quantity, reading.strong, reading.basis) for m in models)


class Rates:
    """The rates ("$2 per million tokens") found so far in a paragraph, by value: a later
    money figure of the same value is the same rate ("… and $2.19"), in the unit of the last
    one found. Looked up, not read one by one for each money figure (a paragraph of a
    thousand rates read them all for each)."""

    def __init__(self) -> None:
        self._unit_of: dict[object, str] = {}

    def add(self, value: object, unit: str) -> None:
        if self.keeps(unit) and _lookup(value):
            self._unit_of[value] = unit

    @staticmethod
    def keeps(unit: str) -> bool:
        """Whether a figure in this unit is a rate kept (its value is asked for only then: a
        chosen reading's value is written out anew each time it is asked for)."""
        return unit.startswith(_RATE_UNITS)

    def unit_of(self, value: object) -> str | None:
        return self._unit_of.get(value) if _lookup(value) else None


def _lookup(value: object) -> bool:
    """Whether a value is found by equality in a dict: a number, not NaN (never equal to
    itself; a dict would still find the same NaN object) and not a range's dict."""
    return isinstance(value, int | float) and value == value


# figures of a cell set against each other, each of one model of its header: "79.8% vs 79.2%"
_VERSUS_BETWEEN = re.compile(r"\bvs\b\.?|\bversus\b|/")
_RATE_UNITS = ("USD-per-", "CNY-per-")


class Reader:
    """Builds the readings of each candidate, given where it stands: its sentence, the subject
    carried over to it, its block's scope (walk.py reads the document in order)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        attributor: at.Attributor,
        cells: CellAttributor,
        recorded: Recorded,
        main: str | None,
    ) -> None:
        self.kb = kb
        self.at = attributor
        self.cells = cells
        self.recorded = recorded
        self.main = main  # the article's main subject
        self._cell: tuple[tuple[int, int], Sentence] | None = None  # the last cell parsed

    def of(
        self,
        raw: Raw,
        s: Sentence,
        carry: str | None,
        rates: Rates,
        key: tuple[int, int],
        where: Where,
        scope: at.Scope,
        ahead: int,
    ) -> Readings:
        """The readings of a figure in the prose; `rates` are the (value, unit) of the rates
        ("$2 per million tokens") already found in its paragraph."""
        # the candidate itself when its unit stands (nothing changes it), else a copy
        loose = raw.unit is None and raw.vague  # "investment in the billions"
        if raw.unit is None:
            raw = Raw(**vars(raw))
            raw.unit = self.at.unit_from_words(raw, s)
            if raw.unit is None:
                return Readings(raw, s, key, where=where)
        if raw.unit in ("USD", "CNY") and raw.low == raw.high:
            unit = rates.unit_of(raw.low)
            if unit is not None:
                raw = Raw(**{**vars(raw), "unit": unit})
        subject = self.at.subject(raw, s, carry, scope)
        if subject.model == OTHER and not subject.strong:
            # only carried over from a sentence about another model: a family reading counts
            # when the knowledge base recognises it
            return self._unattributed(raw, s, key, where, scope.fallback, ahead)
        if subject.model in (GENERIC, OTHER):
            return Readings(raw, s, key, where=where)
        if subject.model is None:
            return self._unattributed(raw, s, key, where, scope.fallback, ahead)
        quantity, q_strong = self.at.quantity(raw, subject.model, s)
        if quantity is None:
            return Readings(raw, s, key, where=where)
        if subject.model != COMPANY:
            if quantity in self.recorded.company_only:
                # "DeepSeek, founded in July 2023, shipped R1-0528": the company's, whatever it
                # made (a quantity of the company's own is one recorded for it: none below)
                subject = at.Subject(COMPANY, False, "a quantity of the company itself")
        elif quantity not in self.recorded.company_quantities:
            read = self.at.last_read(quantity, q_strong)  # the figure's words read as any model's
            first_release = self.recorded.first_release
            if (
                raw.dates
                and raw.dates[1][:1] != "-"  # (a day without its year may be any year's)
                and first_release is not None
                and raw.dates[1] < first_release
            ):
                # what the company did before any of its models came out ("In May 2023,
                # High-Flyer launched DeepSeek") is no model's: reported only where a record
                # recognises it
                return self._unattributed(raw, s, key, where, scope.fallback, ahead)
            # "DeepSeek reached 96.3% on Codeforces": the company named for its model, the one
            # the sentences before were about ("R1 is cheap. The firm says it cost $294,000")
            # (only where a term named the quantity: a sum the company "invested" is no model's)
            carried = carry if q_strong and carry not in (OTHER, GENERIC, COMPANY) else None
            model = carried or scope.fallback or self.main
            if model is None and q_strong:  # its words name the quantity: the model named last
                model = next(iter(self._nearby_models(raw, s, ahead, after=False)), None)
            if model is None:
                return self._unattributed(raw, s, key, where, scope.fallback, ahead)
            subject = at.Subject(model, False, "DeepSeek (the company) named for its model")
            quantity, q_strong = self.at.quantity_for(read, model)
            if quantity is None:
                return Readings(raw, s, key, where=where)
        first = Reading(subject.model, quantity, q_strong, self.at.quantity_how)
        weak_date = raw.unit == "date" and not q_strong and not subject.strong
        return Readings(
            raw,
            s,
            key,
            first=first,
            how=subject.how,
            strong_model=subject.strong,
            earlier_clause=subject.how == EARLIER_CLAUSE,
            only_if_recognised=weak_date or loose or raw.hint == "times",
            switch=subject.model if subject.how.startswith("DeepSeek (the company)") else None,
            where=where,
            reader=self,
            ahead=ahead,
            default=self.at.quantity_default,
        )

    def _unattributed(
        self,
        raw: Raw,
        s: Sentence,
        key: tuple[int, int],
        where: Where,
        fallback: str | None,
        ahead: int,
    ) -> Readings:
        """A figure no model is named for: the readings with a model named nearby (nearest
        before first), the section's and the article's model, DeepSeek itself."""
        if raw.vague or raw.bound in ("upper", "lower"):
            return Readings(raw, s, key, where=where)
        nearby = self._nearby_models(raw, s, ahead)
        context = [x for x in (fallback, self.main) if x]
        models = tuple(dict.fromkeys([*nearby, *context, COMPANY]))
        nearest = nearby[0] if nearby else None
        unnamed = (  # (not a multiple, "~1.8x": any record of a ratio may fit it)
            not nearby
            and not context
            and raw.low is not None
            and raw.low == raw.high
            and raw.hint != "times"
        )
        return Readings(
            raw,
            s,
            key,
            where=where,
            nearest=nearest,
            reader=self,
            models=models,
            unnamed=unnamed,
        )

    def _with_quantities(self, raw: Raw, s: Sentence, models: tuple[str, ...]) -> Iterator[Reading]:
        quantities = _Quantities(self.at, raw, s)
        for model in models:
            quantity, strong, how = quantities.of(model)
            if quantity is not None:
                yield Reading(model, quantity, strong, how)

    def _nearby_models(self, raw: Raw, s: Sentence, ahead: int, after: bool = True) -> list[str]:
        """The models named before the figure (up to 1,500 characters), nearest first, then
        those named after it (up to `ahead` characters past its sentence)."""
        names = self.at.names_in(max(0, s.start - 1500), s.end + ahead)
        before = [m.ref for m in reversed(names) if m.kind == "model" and m.end <= raw.start]
        later = [m.ref for m in names if m.kind == "model" and m.end > raw.start] if after else []
        return [*before, *later]

    def _siblings_of(self, first: Reading) -> Iterator[Reading]:
        """The first reading's model with another quantity of the unit (a "cluster" of 2,048
        GPUs that trained the model)."""
        for q in self._siblings(first.quantity):
            yield Reading(first.model, q, False, ANOTHER_READING)

    def _others(
        self, raw: Raw, s: Sentence, first: Reading, read: QuantityRead | None
    ) -> Iterator[Reading]:
        """The company and the models named in the sentence or up to 2,000 characters before
        it, each with the quantity its words give (`read`: the first reading's, which they
        give any model: not read again; None: read anew)."""
        names = self.at.names_in(max(0, s.start - 2000), s.end)
        models = dict.fromkeys([COMPANY, *(m.ref for m in names if m.kind == "model")])
        quantities = _Quantities(self.at, raw, s, read)
        for model in models:
            if model == first.model:
                continue
            q, _, _ = quantities.of(model)
            if q is not None:
                yield Reading(model, q, False, ANOTHER_READING)

    def _ranges(self, raw: Raw, s: Sentence, quantity: str, ahead: int) -> Iterator[Reading]:
        """A range ("1.5B to 70B") that one model's figure cannot be: the quantity recorded only
        as a range ("the distilled models' sizes") of a model named in the sentence or before."""
        if quantity in self.recorded.range_only:
            return
        if raw.vague or raw.low is None or raw.high is None or not raw.low < raw.high:
            return
        ranged = [q for q in self._siblings(quantity) if q in self.recorded.range_only]
        names = self.at.names_in(s.start, s.end)
        models = dict.fromkeys(
            [*(m.ref for m in names if m.kind == "model"), *self._nearby_models(raw, s, ahead)]
        )
        for q in ranged:
            for other in models:
                yield Reading(other, q, False, A_RANGE)

    def _siblings(self, quantity: str) -> tuple[str, ...]:
        """The other quantities measured in the same unit (worked out once per knowledge base:
        each figure asked, and went through every quantity)."""
        return self.kb.derived("sibling_quantities", _sibling_quantities)[quantity]

    def _cell_sentence(self, cell: Cell) -> Sentence:
        """The cell as its figures' sentence, once for them (they come one after another). Only
        its span is read (the figure's quote): a cell's readings allow no others (they have no
        reader), and nothing else asks for its parentheses or clauses, so it is not parsed
        for them."""
        if self._cell is None or self._cell[0] != (cell.start, cell.end):
            self._cell = ((cell.start, cell.end), Sentence(cell.start, cell.end))
        return self._cell[1]

    def of_cell(
        self, raw: Raw, cell: Cell, text: str, subject: str | None, key: tuple[int, int]
    ) -> Readings:
        """The reading of a figure in a table cell, from the cell's headers outward (`subject`:
        the model of the table's section, else of the article)."""
        s = self._cell_sentence(cell)
        headers = (cell.row_header, cell.column_header)
        found = raw  # the candidate as found: the figure of its readings when it has none
        # the names after the figure in its cell, of those found in the whole document (a search
        # of its own for each figure read a page-long cell over and over); a name that runs on
        # past a piece of a page-long cell is read whole
        own = self.at.names_from(raw.end, cell.end)
        before = self.at.owner_before(raw, cell.start)  # "AIME 2024: R1 79.8%, o1 79.2%"
        if before is not None and before.kind == "other":
            return Readings(found, s, key, headers=headers)
        if before is not None:
            model, model_how = before.ref, f"the cell names {before.ref!r} right before it"
        else:
            spans = self.at.spans  # the figures before it in its cell, and after it
            at, first = bisect_left(spans, (raw.start, 0)), bisect_left(spans, (cell.start, 0))
            place = at - first
            # set against the figure before it ("79.8% vs 79.2%"): the words between them only
            paired = place > 0 and _VERSUS_BETWEEN.search(text, spans[at - 1][1], raw.start)
            row_before = _row_before(text, cell)
            model, model_how = self.cells.model(
                cell, subject, own, place if paired else 0, row_before
            )
        if model is None or model in (OTHER, GENERIC):
            return Readings(found, s, key, headers=headers)
        if self.cells.in_foreign_unit(raw, cell):
            return Readings(found, s, key, headers=headers)
        raw = self.cells.priced(raw, cell)  # "Input (per 1M tokens)": $0.55 is a price
        quantity, quantity_how, header = self.cells.quantity(raw, cell, text)
        if quantity is None:
            return Readings(found, s, key, headers=headers)
        if model == COMPANY and quantity not in self.recorded.company_quantities:
            model = subject  # DeepSeek named for its model
            if model is None:
                return Readings(found, s, key, headers=headers)
            model_how = "DeepSeek (the company) named for the article's model"
        raw = self.cells.scaled(raw, header, text)  # "Params (B)": 671 is 671B
        total = self.at.default_quantity("parameters")  # a model's size, its total
        if model_how == CONTEXT_MODEL and quantity == total and raw.low == raw.high:
            # "| 7B | 4.7GB |" under a paragraph on R1's versions: the 7B distilled model
            distilled = self.at.distilled_of_size(raw.low or 0.0, model)
            if distilled is not None and distilled != model:
                model, model_how = distilled, "a distilled model of that size"
        if raw.unit is None:  # set on a copy: the candidate itself stays as it was found
            raw = Raw(**vars(raw))
            raw.unit = self.kb.quantities[quantity].unit
            if raw.unit == "percent":
                as_percent(raw, text)  # a cell `0.973` under "MATH-500"
        first = Reading(model, quantity, True, quantity_how)
        return Readings(raw, s, key, first=first, how=model_how, strong_model=True, headers=headers)


class _Quantities:
    """One figure's quantity as one model's after another: its words are read once for every
    model, the company's included (`QuantityReader.quantity_for`: the model matters only as
    the company's fleet, where the reading falls back on the unit's default)."""

    def __init__(
        self, attributor: at.Attributor, raw: Raw, s: Sentence, read: QuantityRead | None = None
    ) -> None:
        self.at, self.raw, self.s = attributor, raw, s
        self._read = read  # the first model's reading (None: none read yet)

    def of(self, model: str) -> tuple[str | None, bool, str]:
        """The quantity, whether a word decided it, and what did (`quantity_how`)."""
        if self._read is None:
            quantity, strong = self.at.quantity(self.raw, model, self.s)
            self._read = self.at.last_read(quantity, strong)
            return quantity, strong, self._read.how
        quantity, strong = self.at.quantity_for(self._read, model)
        return quantity, strong, self._read.how


def _sibling_quantities(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """For each quantity, the others measured in its unit, in the knowledge base's order."""
    by_unit: dict[str, list[str]] = {}
    for qid, q in kb.quantities.items():
        by_unit.setdefault(q.unit, []).append(qid)
    return {qid: tuple(o for o in by_unit[q.unit] if o != qid) for qid, q in kb.quantities.items()}


def _row_before(text: str, cell: Cell) -> str:
    """The cells of the figure's table row before its own, after the row's header (a judge
    named there, "ArenaHard (GPT-4-1106)", is no model of the row)."""
    if cell.row_start < 0:
        return ""
    header = text.find(cell.row_header, cell.row_start, cell.start) if cell.row_header else -1
    start = header + len(cell.row_header) if header >= 0 else cell.row_start
    return text[start : cell.start]

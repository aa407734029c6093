"""Attribution in reading order: every candidate's readings, block by block, sentence by
sentence, with what each sentence hands on to the next (the model it was about).

The stream is lazy, and the next stage answers each candidate's readings with the reading it
chose (`send`), because what a sentence hands on can depend on it: once a figure turns out to be
about the model "DeepSeek" stood for, or about another model named nearby that the knowledge
base recognises, the sentence is read again with that model as its subject, and the next
sentences carry it over; a rate found ("$2.19 per million tokens") gives its unit to the same
number said again in the paragraph. A candidate read again replaces its first reading (same key).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Generator
from dataclasses import replace
from typing import Protocol

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution.cells import CellAttributor
from r1kb.checksource.attribution.context import Context
from r1kb.checksource.attribution.readings import Rates, Reader, Readings, Where
from r1kb.checksource.attribution.recorded import recorded
from r1kb.checksource.attribution.sentence import Sentence, parse_parens, parse_sentence
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.find import Candidates
from r1kb.checksource.document.document import MAX_SENTENCE, Block, Document, bounded
from r1kb.checksource.document.layout import Cell
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

_AHEAD, _HEADING_AHEAD = 300, 1500  # how far past a sentence the models named nearby are read
# a heading that ends a list of references: an appendix's ("A Contributions", "B.1 Setup",
# "Appendix"), or a title of words with no year, comma or full stop (an entry has them)
_SECTION_AFTER_REFERENCES = re.compile(
    r"(?i:(?:appendix|acknowledg\w*|about|contributions?)\b.*)"
    r"|(?:[A-Z]|\d{1,2})(?:\.\d{1,2}){0,3}\.?\s+[A-Z][a-z][^,.\d]*"
    r"|#*\s*[A-Z][a-z]+(?:\s+[A-Za-z][^,.\d]*)+"
)
# a heading over a list of references (its years, volumes and pages are no figures)
_REFERENCES = re.compile(
    r"(?:[\d.]+\s*|#+\s*)?(?:references|bibliography|works\s+cited|citations|"
    r"notes\s+and\s+references|sources(?:\s+and\s+further\s+reading)?)\s*:?",
    re.I,
)
HEADING_MAX = 200  # characters of a heading in a figure's locator


class Chosen(Protocol):
    """What the next stage answers a candidate's readings with (None: no reading reported)."""

    @property
    def value(self) -> object: ...
    @property
    def unit(self) -> str: ...
    @property
    def switched(self) -> str | None: ...  # the model the text turned out to be about


Stream = Generator[Readings, Chosen | None, None]


def attribute(doc: Document, found: Candidates, kb: KnowledgeBase, units: UnitSystem) -> Stream:
    """The readings of every candidate: the prose in reading order, then the table cells."""
    if not found.prose and not found.cells:
        return  # nothing to read (what a sentence hands on matters only to a figure)
    attributor = at.Attributor(doc.text, kb, found.mentions, units)
    attributor.spans = found.spans
    shapes = recorded(kb)
    attributor.range_only = shapes.range_only
    context = Context(doc, attributor)
    reader = Reader(kb, attributor, CellAttributor(kb, units), shapes, context.main)
    yield from _Walk(doc, attributor, reader, context).prose(found.prose)
    pieces = _CellPieces(doc.text)
    for i, (raw, cell) in enumerate(found.cells):
        subject = context.table_subject(cell.table_start)
        yield reader.of_cell(raw, pieces.around(cell, raw), doc.text, subject, (0, i))


class _CellPieces:
    """A cell of a page's length (a table flattened onto one line, a page in one `<td>`) is
    read as a run-on sentence is: each figure in its piece of at most MAX_SENTENCE characters,
    not the whole cell for each of its figures (a 20 KB cell of figures took 57 s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._pieces: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}

    def around(self, cell: Cell, raw: Raw) -> Cell:
        if cell.end - cell.start <= MAX_SENTENCE:
            return cell
        key = (cell.start, cell.end)
        if key not in self._pieces:
            pieces = bounded(self.text, cell.start, cell.end)
            self._pieces[key] = ([b for _, b in pieces], pieces)
        ends, pieces = self._pieces[key]
        a, b = pieces[min(bisect_right(ends, raw.start), len(pieces) - 1)]
        return replace(cell, start=a, end=b)


class _Walk:
    def __init__(
        self, doc: Document, attributor: at.Attributor, reader: Reader, context: Context
    ) -> None:
        self.doc, self.at, self.reader, self.context = doc, attributor, reader, context
        self.visits = 0  # sentences with figures read so far (a key of their readings)

    def prose(self, raws: list[Raw]) -> Stream:
        previous: str | None = None  # the subject the last paragraph ended on
        starts = [r.start for r in raws]
        heading: tuple[str | None, str | None] = (None, None)  # (text, subject)
        list_carry: str | None = None
        paragraph = 0
        cited = False  # in a section of references
        last = max((r.end for r in raws), default=-1)
        for block in self.doc.blocks:
            if block.start >= last:
                return  # no figure from here on: what a sentence hands on matters to none
            if block.kind == "heading":
                title = self._heading_text(block)
                if (
                    cited
                    and self.doc.fmt == "text"  # Markdown's and HTML's headings are headings
                    and not _SECTION_AFTER_REFERENCES.fullmatch(title)
                ):
                    continue  # an entry of the list that looks like a heading in plain text
                cited = _REFERENCES.fullmatch(title) is not None
                names = [
                    m
                    for m in self.at.names_in(block.start, block.end)
                    if m.kind == "model" and not m.comparative
                ]
                heading = (title, names[0].ref if names else None)
                paragraph, list_carry = 0, None
                inside = raws[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
                if inside:  # a figure in a title or heading ("… trained for $294,000")
                    scope = self._scope(heading[1], previous, block)
                    where = Where(heading[0], 0)  # a heading is about the section below it
                    # read as a sentence: in pieces if it is a page long
                    for a, b in bounded(self.doc.text, block.start, block.end):
                        lo, hi = bisect_left(starts, a), bisect_left(starts, b)
                        if lo < hi:
                            s = parse_sentence(self.doc.text, a, b)
                            here = raws[lo:hi]
                            yield from self._sentence(
                                s, here, None, Rates(), where, scope, _HEADING_AHEAD
                            )
                continue
            if cited:
                continue  # a list of references: its years, volumes and pages are no figures
            paragraph += 1
            carry = (list_carry or heading[1]) if block.kind == "item" else None
            names_any = self.at.names_any(block.start, block.end)
            if names_any or self._has_figure(starts, block):
                rates = Rates()
                scope = self._scope(heading[1], previous, block)
                spans = self.doc.sentences(block)
                where = Where(heading[0], paragraph)
                quiet = 0  # the first of the figure-free sentences since the last figure's
                for k, (s_start, s_end) in enumerate(spans):
                    lo, hi = bisect_left(starts, s_start), bisect_left(starts, s_end)
                    if lo == hi:
                        continue  # read when a figure needs what it hands on
                    carry = self._handed_on(spans[quiet:k], carry)
                    s = parse_sentence(self.doc.text, s_start, s_end)
                    carry = yield from self._sentence(
                        s, raws[lo:hi], carry, rates, where, scope, _AHEAD
                    )
                    quiet = k + 1
                carry = self._handed_on(spans[quiet:], carry)
            # else: a block that names no model and holds no figure hands on what it was given
            if block.kind != "item":  # (a block that names nothing names no several models)
                several = names_any and self._several_models(block)
                list_carry = None if several else (carry or heading[1])
            previous = carry or previous

    def _heading_text(self, block: Block) -> str:
        """The heading as a locator names it, one-spaced, its first HEADING_MAX characters
        (every figure of the section names it: a heading of a page's length, in each of
        10,000 figures' locators, took 471 MB)."""
        end = min(block.end, block.start + 4 * HEADING_MAX)
        text = " ".join(self.doc.text[block.start : end].split())
        if len(text) <= HEADING_MAX and end == block.end:
            return text
        return text[: HEADING_MAX - 1].rstrip() + "…"

    def _scope(self, heading: str | None, previous: str | None, block: Block) -> at.Scope:
        """What the block's sentences fall back on when they name no model (made only for a
        block that names a model or holds a figure: the others read nothing)."""
        return at.Scope(heading, previous, self.context.subject_at(block.start))

    @staticmethod
    def _has_figure(starts: list[int], block: Block) -> bool:
        return bisect_left(starts, block.start) < bisect_left(starts, block.end)

    def _handed_on(self, quiet: list[tuple[int, int]], carry: str | None) -> str | None:
        """The subject handed on past figure-free sentences: that of the last one naming a model
        outside its parentheses (or None if it names models only in comparison), else `carry`.
        The same as reading each in turn, but only the last ones are read (a megabyte of prose
        before a figure is not parsed sentence by sentence)."""
        for s_start, s_end in reversed(quiet):
            if not self.at.names_any(s_start, s_end):
                continue  # names nothing: hands on what it was given
            last, generic = self.at.last_subject(parse_parens(self.doc.text, s_start, s_end))
            if last or generic:
                return last
        return carry

    def _several_models(self, block: Block) -> bool:
        """A lead-in that names several models ("I gave it to O1, Sonnet and Gemini:") does
        not say which one its list is about."""
        names = {
            self.doc.text[m.start : m.end].lower() if m.kind == "other" else m.ref
            for m in self.at.names_in(block.start, block.end)
            if m.kind != "company" and not m.comparative
        }
        return len(names) >= 2

    def _sentence(
        self,
        s: Sentence,
        raws: list[Raw],
        carry: str | None,
        rates: Rates,
        where: Where,
        scope: at.Scope,
        ahead: int,
    ) -> Generator[Readings, Chosen | None, str | None]:
        """The readings of a sentence's candidates; returns the subject it hands on."""
        self.visits += 1
        override = None
        for _ in range(2):  # a second pass once a figure tells who the sentence is about
            for i, raw in enumerate(raws):
                key = (self.visits, i)
                subject = override or carry
                chosen = yield self.reader.of(raw, s, subject, rates, key, where, scope, ahead)
                if chosen is None:
                    continue
                if chosen.switched and override is None:
                    override = chosen.switched
                    break
                if rates.keeps(chosen.unit):
                    rates.add(chosen.value, chosen.unit)
            else:
                break
        last, generic = self.at.last_subject(s)
        return override or last or (None if generic else carry)

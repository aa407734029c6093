"""Every candidate of a document: the names of models, benchmarks and the company, and every
figure, in the prose and in table cells (where a bare number is a figure too)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

from r1kb.checksource.candidates.extract import Raw, bare_numbers
from r1kb.checksource.candidates.figure_scan import FigureScan, find_figures, may_hold_figures
from r1kb.checksource.candidates.mentions import Mention, find_mentions, name_ends
from r1kb.checksource.candidates.spaced_tables import spaced_cells
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.document.document import Document
from r1kb.checksource.document.layout import Cell, find_cells, line_spans
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.kb import KnowledgeBase


@dataclass
class Candidates:
    mentions: list[Mention]  # names, in order
    prose: list[Raw]  # the figures outside table cells, in order
    cells: list[tuple[Raw, Cell]]  # the figures inside table cells, each with its cell
    spans: list[tuple[int, int]]  # every figure's span, sorted


def find(doc: Document, kb: KnowledgeBase) -> Candidates:
    words = number_words(kb)
    lines = line_spans(doc.text)  # for both kinds of table
    scan = FigureScan(doc.text, words)  # each whole-text scan made once, for both questions
    cells = find_cells(
        doc.text, lambda text, pos: name_ends(text, pos, kb), lines, scan.places("glued")
    )
    if not cells and not may_hold_figures(doc.text, words, scan):
        return Candidates([], [], [], [])  # no figure to attribute: no name need be found
    mentions = find_mentions(doc.text, kb)
    spaced = spaced_cells(doc.text, mentions, lines)  # tables whose separators were lost
    if spaced:
        taken_by = Spans([(c.start, c.end) for c in spaced])
        cells = sorted(
            [c for c in cells if not taken_by.overlaps(c.start, c.end)] + spaced,
            key=attrgetter("start"),
        )
    masked = [(m.start, m.end) for m in mentions if m.kind != "company"]
    raws = find_figures(doc.text, masked, words, scan)
    taken = Spans([*_not_across(masked, cells), *((r.start, r.end) for r in raws)])
    for c in cells:
        raws.extend(bare_numbers(doc.text, c.start, c.end, taken, words))
    raws.sort(key=attrgetter("start"))
    in_cells, prose = _split(raws, cells)
    return Candidates(mentions, prose, in_cells, sorted((r.start, r.end) for r in raws))


def _not_across(spans: list[tuple[int, int]], cells: list[Cell]) -> list[tuple[int, int]]:
    """The spans that cross no cell's edge: a name read across glued cells (`Qwen-7B7B7B`) is
    not a name."""
    edges = sorted({x for c in cells for x in (c.start, c.end)})
    return [(s, e) for s, e in spans if bisect_right(edges, s) >= bisect_left(edges, e)]


def _split(raws: list[Raw], cells: list[Cell]) -> tuple[list[tuple[Raw, Cell]], list[Raw]]:
    """The figures inside table cells (each with its cell) and the others."""
    starts = [c.start for c in cells]
    inside, outside = [], []
    for r in raws:
        i = bisect_right(starts, r.start) - 1
        if i >= 0 and cells[i].start <= r.start and r.end <= cells[i].end + 2:
            inside.append((r, cells[i]))
        else:
            outside.append(r)
    return inside, outside

"""check-source from start to end: read the article, find its figures, attribute, match, report.

A figure whose model is only carried over from earlier sentences, or whose quantity is only the
unit's default, is tried against the other readings the text allows (DeepSeek the company, the
models named nearby, the unit's other quantities); a reading under which the knowledge base
recognises the figure (agrees, known misconception) wins over one where it conflicts or is new.
Loose figures are reported only when the knowledge base recognises them: a date that names
neither its model nor what it dates, a multiple ("10x faster"), a magnitude word whose unit
only the sentence suggests ("investment in the billions").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from r1kb.checksource import attribute as at
from r1kb.checksource import wording
from r1kb.checksource.cells import CellAttributor
from r1kb.checksource.context import Context
from r1kb.checksource.document import MAX_CHARS, MAX_NUMERALS, Block, Document, read
from r1kb.checksource.extract import Raw, bare_numbers, find_figures
from r1kb.checksource.layout import Cell, find_cells
from r1kb.checksource.match import Judgement, Matcher, Value
from r1kb.checksource.mentions import find_mentions, name_ends
from r1kb.checksource.result import Figure, Report
from r1kb.checksource.spans import Spans
from r1kb.checksource.vocabulary import number_words
from r1kb.kb import KnowledgeBase

_RECOGNISED = ("agrees", "known-misconception")
_AHEAD, _HEADING_AHEAD = 300, 1500
_QUOTE_MAX = 300


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM), else replacement characters, with a note."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", ["binary data (NUL bytes): not read as text"]
    for enc in ("utf-8-sig", "utf-16"):
        try:
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(enc), []
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), ["not UTF-8: undecodable bytes replaced"]


def check_text(
    text: str,
    kb: KnowledgeBase,
    name: str = "-",
    fmt: str | None = None,
    matcher: Matcher | None = None,
) -> Report:
    """The report for one article's text."""
    matcher = matcher or Matcher(kb)
    doc = read(text, name, fmt)
    prose = doc.text if doc.fmt == "html" else doc.original
    report = Report(name=name, title=doc.title, fmt=doc.fmt, chars=len(text), text=prose)
    if len(text) > len(doc.original):
        why = (
            f" (the first {MAX_NUMERALS:,} numbers: the most check-source reads in one input)"
            if len(doc.original) < min(len(text), MAX_CHARS)
            else ""
        )
        report.notes.append(f"only the first {len(doc.original):,} characters were read{why}")
    mentions = find_mentions(doc.text, kb)
    masked = [(m.start, m.end) for m in mentions if m.kind != "company"]
    raws = find_figures(doc.text, masked, number_words(kb))
    cells = find_cells(doc.text, lambda text, pos: name_ends(text, pos, kb))
    taken = Spans([*_not_across(masked, cells), *((r.start, r.end) for r in raws)])
    for c in cells:
        raws.extend(bare_numbers(doc.text, c.start, c.end, taken))
    raws.sort(key=lambda r: r.start)
    attributor = at.Attributor(doc.text, kb, mentions, matcher.units)
    attributor.spans = sorted((r.start, r.end) for r in raws)
    run = _Run(doc, kb, matcher, attributor)
    in_cells, prose = _split(raws, cells)
    context = Context(doc, attributor)
    run.context_main = context.main
    figures = run.figures(prose, context)
    figures += run.cell_figures(in_cells, CellAttributor(kb, matcher.units), context)
    report.figures = sorted(figures, key=lambda f: f.start)
    return report


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


class _Run:
    def __init__(
        self, doc: Document, kb: KnowledgeBase, matcher: Matcher, attributor: at.Attributor
    ) -> None:
        self.doc, self.kb, self.matcher, self.at = doc, kb, matcher, attributor
        self.company_quantities = matcher.company_quantities
        attributor.range_only = matcher.range_only
        self.context_main: str | None = None
        self.ahead = _AHEAD  # how far past a figure's sentence the models named nearby are read

    def figures(self, raws: list[Raw], context: Context | None = None) -> list[Figure]:
        out: list[Figure] = []
        previous: str | None = None  # the subject the last paragraph ended on
        starts = [r.start for r in raws]
        heading: tuple[str | None, str | None] = (None, None)  # (text, subject)
        list_carry: str | None = None
        paragraph = 0
        for block in self.doc.blocks:
            block_text = self.doc.text[block.start : block.end]
            if block.kind == "heading":
                names = [
                    m
                    for m in self.at.names_in(block.start, block.end)
                    if m.kind == "model" and not m.comparative
                ]
                heading = (" ".join(block_text.split()), names[0].ref if names else None)
                paragraph, list_carry = 0, None
            # what the block's sentences fall back on when they name no model
            self.at.heading, self.at.previous = heading[1], previous
            self.at.fallback = context.subject_at(block.start) if context else None
            if block.kind == "heading":
                inside = raws[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
                if inside:  # a figure in a title or heading ("… trained for $294,000")
                    s = at.parse_sentence(self.doc.text, block.start, block.end)
                    self.ahead = _HEADING_AHEAD  # a heading is about the section below it
                    found, _ = self._sentence(s, inside, None, [])
                    self.ahead = _AHEAD
                    for fig in found:
                        fig.locator = _locator(heading[0], 0, fig.line)
                    out.extend(found)
                continue
            paragraph += 1
            carry = (list_carry or heading[1]) if block.kind == "item" else None
            rates: list[Figure] = []
            for s_start, s_end in self.doc.sentences(block):
                s = at.parse_sentence(self.doc.text, s_start, s_end)
                inside = raws[bisect_left(starts, s_start) : bisect_left(starts, s_end)]
                found, carry = self._sentence(s, inside, carry, rates)
                for fig in found:
                    fig.locator = _locator(heading[0], paragraph, fig.line)
                out.extend(found)
            if block.kind != "item":
                list_carry = None if self._several_models(block) else (carry or heading[1])
            previous = carry or previous
        return out

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
        self, s: at.Sentence, raws: list[Raw], carry: str | None, rates: list[Figure]
    ) -> tuple[list[Figure], str | None]:
        override = None
        for _ in range(2):  # a second pass once a figure tells who the sentence is about
            found = []
            for raw in raws:
                fig, switched = self._figure(raw, s, override or carry, rates)
                if switched and override is None:
                    override = switched
                    break
                if fig is not None:
                    found.append(fig)
                    if fig.unit.startswith(("USD-per-", "CNY-per-")):
                        rates.append(fig)
            else:
                break
        last, generic = self.at.last_subject(s)
        carry = override or last or (None if generic else carry)
        return found, carry

    def _figure(
        self, raw: Raw, s: at.Sentence, carry: str | None, rates: list[Figure]
    ) -> tuple[Figure | None, str | None]:
        raw = _copy(raw)
        loose = raw.unit is None and raw.vague  # "investment in the billions"
        if raw.unit is None:
            raw.unit = self.at.unit_from_words(raw, s)
            if raw.unit is None:
                return None, None
        if raw.unit in ("USD", "CNY") and raw.low == raw.high:
            for r in rates:
                if r.value == raw.low and r.unit.startswith(("USD-per-", "CNY-per-")):
                    raw.unit = r.unit
        subject = self.at.subject(raw, s, carry)
        if subject.model == at.OTHER and not subject.strong:
            # only carried over from a sentence about another model: a family reading counts
            # when the knowledge base recognises it
            return self._unattributed(raw, s), None
        if subject.model in (at.GENERIC, at.OTHER):
            return None, None
        if subject.model is None:
            return self._unattributed(raw, s), None
        quantity, q_strong = self.at.quantity(raw, subject.model, s)
        if quantity is None:
            return None, None
        if subject.model == at.COMPANY and quantity not in self.company_quantities:
            # "DeepSeek reached 96.3% on Codeforces": the company named for its model
            model = self.at.fallback or self.context_main
            if model is None and q_strong:  # its words name the quantity: the model named last
                model = next(iter(self._nearby_models(raw, s, after=False)), None)
            if model is None:
                return self._unattributed(raw, s), None
            subject = at.Subject(model, False, "DeepSeek (the company) named for its model")
            quantity, q_strong = self.at.quantity(raw, model, s)
            if quantity is None:
                return None, None
        # the model DeepSeek was named for is who the next sentences are about
        named_for = subject.model if subject.how.startswith("DeepSeek (the company)") else None
        j = self.matcher.judge(raw, subject.model, quantity, q_strong)
        if j is None:
            return None, None
        weak_date = raw.unit == "date" and not q_strong and not subject.strong
        switched = named_for
        # a model named only in an earlier clause may be told the figure is another's only when
        # no model named nearby owns it ("198 hours for R1-Zero, then 80 hours more")
        retry = ("conflicts", "new", "misattributed" if subject.how == at.EARLIER_CLAUSE else "")
        better = None
        if j.outcome in retry and (j.value.precise or _stated_range(j.value)):
            # a range's reading of another quantity proves nothing (it contains many values):
            # only the same quantity for another model named nearby
            precise = j.value.precise
            better = self._alternatives(
                raw, s, subject, quantity, q_strong or not precise, precise and j.outcome == "new"
            )
            if better is not None:
                if better.model != subject.model and not subject.strong:
                    switched = better.model
                j = better
        if (
            better is None
            and not j.value.precise
            and j.outcome in ("conflicts", "new")
            and quantity not in self.matcher.range_only
        ):
            j = self._as_range(raw, s, quantity) or j
        if (weak_date or loose or raw.hint == "times") and j.outcome not in _RECOGNISED:
            # a date with neither its model nor what it dates named; a magnitude word whose
            # unit only the sentence suggests; a multiple ("10x faster"): unless the knowledge
            # base recognises them, too loose to report
            return None, None
        how = (
            subject.how if j.model == subject.model else "the reading the knowledge base recognises"
        )
        return self._make(raw, s, j, how), switched

    def _unattributed(self, raw: Raw, s: at.Sentence) -> Figure | None:
        """A figure no model is named for: reported only when a reading with a model named
        nearby (or DeepSeek itself) is one the knowledge base recognises."""
        if raw.vague or raw.bound in ("upper", "lower"):
            return None
        nearby = self._nearby_models(raw, s)
        context = [x for x in (self.at.fallback, self.context_main) if x]
        models = dict.fromkeys([*nearby, *context, at.COMPANY])
        nearest: Judgement | None = None
        for i, model in enumerate(models):
            quantity, strong = self.at.quantity(raw, model, s)
            if quantity is None:
                continue
            j = self.matcher.judge(raw, model, quantity, strong)
            if j is not None and j.outcome in _RECOGNISED and not _only_open_bounds(j):
                return self._make(
                    raw,
                    s,
                    j,
                    "no model named: the nearby model whose reading the knowledge base recognises",
                )
            if i == 0 and nearby and j is not None and j.outcome == "misattributed":
                nearest = j
        if nearest is not None:  # no reading agrees: the nearest model is told whose it is
            return self._make(raw, s, nearest, "no model named: the nearest model named before")
        return None

    def _nearby_models(self, raw: Raw, s: at.Sentence, after: bool = True) -> list[str]:
        """The models named before the figure (up to 1,500 characters), nearest first, then
        those named after it (up to `ahead` characters past its sentence)."""
        names = self.at.names_in(max(0, s.start - 1500), s.end + self.ahead)
        before = [m.ref for m in reversed(names) if m.kind == "model" and m.end <= raw.start]
        later = [m.ref for m in names if m.kind == "model" and m.end > raw.start] if after else []
        return [*before, *later]

    def cell_figures(
        self, raws: list[tuple[Raw, Cell]], cells: CellAttributor, context: Context
    ) -> list[Figure]:
        out = []
        for raw, cell in raws:
            own = self.doc.text[raw.end : cell.end]
            model, model_how = cells.model(cell, context.subject_at(cell.table_start), own)
            if model is None or model in (at.OTHER, at.GENERIC):
                continue
            quantity, quantity_how = cells.quantity(raw, cell, self.doc.text)
            if quantity is None:
                continue
            if model == at.COMPANY and quantity not in self.company_quantities:
                model = context.subject_at(cell.table_start)  # DeepSeek named for its model
                if model is None:
                    continue
                model_how = "DeepSeek (the company) named for the article's model"
            raw = _copy(raw)
            if raw.unit is None:
                raw.unit = self.kb.quantities[quantity].unit
            j = self.matcher.judge(raw, model, quantity, True)
            if j is None:
                continue
            s = at.parse_sentence(self.doc.text, cell.start, cell.end)
            fig = self._make(raw, s, j, model_how)
            fig.quantity_basis = quantity_how
            fig.quote = " | ".join(x for x in (cell.row_header, cell.column_header, fig.quote) if x)
            out.append(fig)
        return out

    def _alternatives(
        self,
        raw: Raw,
        s: at.Sentence,
        subject: at.Subject,
        quantity: str,
        q_strong: bool,
        new: bool = False,
    ) -> Judgement | None:
        """A reading the knowledge base recognises: another quantity of the unit when no term
        decided it, or when the knowledge base holds nothing on the one a term named (a
        "cluster" of 2,048 GPUs that trained the model); another model named nearby when the
        subject is only carried over."""
        readings: list[tuple[str, str]] = []
        if not q_strong or new:
            readings += [
                (subject.model or "", q) for q in self._siblings(quantity) if q != quantity
            ]
        if not subject.strong:
            names = self.at.names_in(max(0, s.start - 2000), s.end)
            models = dict.fromkeys([at.COMPANY, *(m.ref for m in names if m.kind == "model")])
            for model in models:
                if model == subject.model:
                    continue
                q, _ = self.at.quantity(raw, model, s)
                if q is not None:
                    readings.append((model, q))
        for model, q in readings:
            j = self.matcher.judge(raw, model, q, False)
            if j is not None and j.outcome in _RECOGNISED and not _only_open_bounds(j):
                self.at.quantity_how = (
                    "another reading of its words, which the knowledge base recognises"
                )
                return j
        return None

    def _as_range(self, raw: Raw, s: at.Sentence, quantity: str) -> Judgement | None:
        """A range ("1.5B to 70B") that one model's figure cannot be: the quantity recorded only
        as a range ("the distilled models' sizes") of a model named in the sentence or before,
        when the knowledge base recognises that reading."""
        if raw.vague or raw.low is None or raw.high is None or not raw.low < raw.high:
            return None
        ranged = [q for q in self._siblings(quantity) if q in self.matcher.range_only]
        names = self.at.names_in(s.start, s.end)
        models = dict.fromkeys(
            [*(m.ref for m in names if m.kind == "model"), *self._nearby_models(raw, s)]
        )
        for q in ranged:
            for model in models:
                j = self.matcher.judge(raw, model, q, False)
                if j is not None and j.outcome in _RECOGNISED:
                    self.at.quantity_how = "a range, which only this quantity is recorded as"
                    return j
        return None

    def _siblings(self, quantity: str) -> list[str]:
        unit = self.kb.quantities[quantity].unit
        return [qid for qid, q in self.kb.quantities.items() if q.unit == unit and qid != quantity]

    def _make(self, raw: Raw, s: at.Sentence, j: Judgement, how: str) -> Figure:
        start, end = self.doc.source_span(raw.start, raw.end)
        line, col = self.doc.line_col(start)
        return Figure(
            text=self.doc.original[start:end],
            start=start,
            end=end,
            line=line,
            column=col,
            value=j.value.as_json(),
            unit=j.value.unit,
            model=j.model,
            quantity=j.quantity,
            outcome=j.outcome,
            claims=[c.id for c in j.claims],
            corrections=[c.id for c in j.corrections],
            related=[c.id for c in j.related],
            message=wording.message(self.kb, j),
            quote=self._quote(s, raw),
            attribution=how,
            quantity_basis=self.at.quantity_how,
        )

    def _quote(self, s: at.Sentence, raw: Raw) -> str:
        if self.doc.fmt == "html":
            text, lo, hi, fig = self.doc.text, s.start, s.end, (raw.start, raw.end)
        else:
            text, lo, hi, fig = self.doc.original, s.start, s.end, (raw.start, raw.end)
        sentence = text[lo:hi]
        if len(sentence) > _QUOTE_MAX:
            a = max(lo, fig[0] - _QUOTE_MAX // 2)
            b = min(hi, fig[1] + _QUOTE_MAX // 2)
            a = text.find(" ", a, fig[0]) + 1 if text.find(" ", a, fig[0]) >= 0 else a
            b = text.rfind(" ", fig[1], b) if text.rfind(" ", fig[1], b) > 0 else b
            sentence = text[a:b]
        return re.sub(r"\s+", " ", sentence).strip()


def _only_open_bounds(j: Judgement) -> bool:
    """Agreement only with claims that bound the value on one side ("less than two months"):
    any small figure fits them, so such a reading is not evidence of what the figure is about."""
    return j.outcome == "agrees" and all(
        isinstance(c.value, dict) and (c.value.get("low") is None or c.value.get("high") is None)
        for c in j.claims
    )


def _stated_range(v: Value) -> bool:
    """Both bounds written out ("1.5B to 70B"): a range no vaguer than its words, which another
    model named nearby may own as its record of that range."""
    return (
        not v.vague
        and v.bound is None
        and v.low is not None
        and v.high is not None
        and (v.low < v.high)
    )


def _locator(heading: str | None, paragraph: int, line: int) -> str:
    where = f"paragraph {paragraph} (line {line})"
    return f"section '{heading}', {where}" if heading else where


def _copy(raw: Raw) -> Raw:
    return Raw(**vars(raw))

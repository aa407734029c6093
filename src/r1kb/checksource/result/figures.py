"""The report of one input: a figure for every chosen reading, placed in the input (span, line,
section and paragraph, the sentence it stands in) and worded (why its outcome)."""

from __future__ import annotations

from r1kb.checksource.document.document import Document, cut_reason
from r1kb.checksource.matching.choose import Choice
from r1kb.checksource.matching.match import Judgement
from r1kb.checksource.result import wording
from r1kb.checksource.result.result import Figure, Report
from r1kb.kb import KnowledgeBase

_QUOTE_MAX = 300
_Judged = tuple[Judgement, str, object, tuple[tuple[str, ...], ...]]


def report(text: str, name: str, doc: Document, chosen: list[Choice], kb: KnowledgeBase) -> Report:
    """The report for one article's text (`text`: as given, before the reader's cap)."""
    prose = doc.text if doc.fmt == "html" else doc.original
    out = Report(
        name=name, title=doc.title, fmt=doc.fmt, chars=len(text), text=prose, units=kb.units
    )
    if len(text) > len(doc.original):
        cap = cut_reason(doc, text)
        why = f" ({cap}: the most check-source reads in one input)" if cap else ""
        out.notes.append(f"only the first {len(doc.original):,} characters were read{why}")
    said = _Said(doc, kb)
    out.figures = sorted((figure(doc, c, kb, said) for c in chosen), key=lambda f: f.start)
    return out


class _Said:
    """The words of one report said once each: a judgement shared by figures of the same value
    (the matcher judges them once) has one message and one value; a sentence short enough to
    be quoted whole is the same quote for each of its figures."""

    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc, self.kb = doc, kb
        # id -> (the judgement, its words, its value, the ids of its claims, corrections and
        # related records): holding it keeps its id its own
        self._judged: dict[int, _Judged] = {}
        self._quotes: dict[tuple[int, int], str] = {}
        self._claims: wording.ClaimWords = {}  # each claim's words, said once

    def judged(self, j: Judgement) -> _Judged:
        """The judgement, its words, its value and its ids, said once."""
        said = self._judged.get(id(j))
        if said is None:
            ids = (
                tuple([x.id for x in j.claims]),
                tuple([x.id for x in j.corrections]),
                tuple([x.id for x in j.related]),
            )
            message = wording.message(self.kb, j, self._claims)
            said = self._judged[id(j)] = (j, message, j.value.as_json(), ids)
        return said

    def quote(self, lo: int, hi: int, fig: tuple[int, int]) -> str:
        if hi - lo > _QUOTE_MAX:  # cut around the figure: its own quote
            return _quote(self.doc, lo, hi, fig)
        key = (lo, hi)
        found = self._quotes.get(key)
        if found is None:
            found = self._quotes[key] = _quote(self.doc, lo, hi, fig)
        return found


def figure(doc: Document, c: Choice, kb: KnowledgeBase, said: _Said | None = None) -> Figure:
    """The figure of a chosen reading (one call, its quote and locator worked out first)."""
    said = said or _Said(doc, kb)
    r, j = c.readings, c.judgement
    raw, sentence = r.raw, r.sentence
    start, end = doc.source_span(raw.start, raw.end)
    line, col = doc.line_col(start)
    quote = said.quote(sentence.start, sentence.end, (raw.start, raw.end))
    _, message, value, (claims, corrections, related) = said.judged(j)
    if isinstance(value, dict):  # a range: each figure its own dict, and its own lists of ids
        value = dict(value)
    where = r.where
    if where is None:  # a table cell: its headers before the cell
        quote, locator = " | ".join(x for x in (*r.headers, quote) if x), ""
    else:
        locator = _locator(where.heading, where.paragraph, line)
    return Figure(
        text=doc.original[start:end],
        start=start,
        end=end,
        line=line,
        column=col,
        value=value,
        unit=j.value.unit,
        model=j.model,
        quantity=j.quantity,
        outcome=j.outcome,
        claims=[*claims],
        corrections=[*corrections],
        related=[*related],
        message=message,
        quote=quote,
        locator=locator,
        attribution=c.how,
        quantity_basis=c.basis,
    )


def _quote(doc: Document, lo: int, hi: int, fig: tuple[int, int]) -> str:
    text = doc.text if doc.fmt == "html" else doc.original
    sentence = text[lo:hi]
    if len(sentence) > _QUOTE_MAX:
        a = max(lo, fig[0] - _QUOTE_MAX // 2)
        b = min(hi, fig[1] + _QUOTE_MAX // 2)
        a = text.find(" ", a, fig[0]) + 1 if text.find(" ", a, fig[0]) >= 0 else a
        b = text.rfind(" ", fig[1], b) if text.rfind(" ", fig[1], b) > 0 else b
        sentence = text[a:b]
    return one_spaced(sentence)


def one_spaced(words: str) -> str:
    """Each run of white space as one space, none at either end (str.split's white space is
    the `\\s` of a pattern: the same answer as replacing each run of it by a space, stripped)."""
    return " ".join(words.split())


def _locator(heading: str | None, paragraph: int, line: int) -> str:
    where = f"paragraph {paragraph} (line {line})"
    return f"section '{heading}', {where}" if heading else where

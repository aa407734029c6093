"""The shortcuts that read a sentence once for all its figures give the answers of the plain
code they replace: a sentence's names and their parentheses found once, the clause of a figure
found without a generator, a unit's fit to a quantity asked once, a figure copied only when its
unit changes, a cell's narrowed quantity asked once, a judgement's ids listed once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution import cells, quantity, readings, sentence
from r1kb.checksource.attribution.names import EARLIER_CLAUSE, GENERIC, OTHER, nearest
from r1kb.checksource.attribution.scope_terms import ScopeTerms
from r1kb.checksource.attribution.sentence import (
    Sentence,
    innermost,
    parse_parens,
    parse_sentence,
)
from r1kb.checksource.attribution.walk import attribute
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.find import find
from r1kb.checksource.document.document import read
from r1kb.checksource.lexicon.vocabulary import Hit, vocabulary
from r1kb.checksource.matching.choose import match
from r1kb.checksource.matching.match import Judgement, Matcher
from r1kb.checksource.result import figures, wording
from r1kb.loader import load
from shortcut_helpers import both_ways, case_articles

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
MATCHER = Matcher(KB)


# --- the plain code, as it was --------------------------------------------------------------
def _clause(s: Sentence, pos: int) -> tuple[int, int]:
    return next((c for c in s.clauses if c[0] <= pos < c[1]), (s.start, s.end))


def _plain_subject(
    self: at.Attributor, raw: Raw, s: Sentence, carry: str | None, scope: at.Scope
) -> at.Subject:
    found = _plain_explicit(self, raw, s)
    if found is None:
        paren = innermost(s.parens, raw.start, raw.end)
        names = [
            m
            for m in self.names_in(s.start, s.end)
            if innermost(s.parens, m.start, m.end) in (None, paren)
        ]
        clause = _clause(s, raw.start)
        if any(m.comparative and m.end <= raw.start for m in names):
            found = at.Subject(GENERIC, True, "only compared with")
        elif not names and self._generic_before(clause, raw.start):
            found = at.Subject(GENERIC, True, "a model in general named before it")
        elif carry:
            found = at.Subject(carry, False, "carried over")
        elif scope.heading and at._PRONOUN.match(self.text, s.start):
            found = at.Subject(scope.heading, False, "the section's model")
        elif scope.previous and at._PRONOUN.match(self.text, s.start):
            found = at.Subject(scope.previous, False, "the previous paragraph's model")
        elif scope.fallback and not raw.vague and not self._generic_subject(s):
            found = at.Subject(scope.fallback, False, "the section's or the article's subject")
        else:
            found = at.Subject(None)
    return self._distilled(raw, s, found)


def _plain_explicit(self: at.Attributor, raw: Raw, s: Sentence) -> at.Subject | None:
    relative = self._relative(raw, s)
    if relative is not None:
        return relative
    owner = self._owner(raw)
    if owner is not None:
        return owner
    after = next(
        (p for p in s.parens if p[0] >= raw.end and not self.text[raw.end : p[0]].strip()), None
    )
    if after is not None and not self._has_figure(*after):
        named = self.names_in(*after)
        if any(m.comparative for m in named):
            named = []
        if named and named[0].kind == "model":
            return at.Subject(named[0].ref, True, "named in the parentheses after it")
        if named and named[0].kind == "other":
            return at.Subject(OTHER, True, "another model in the parentheses after it")
    paren = innermost(s.parens, raw.start, raw.end)
    if paren is not None:
        inside = self.names_in(*paren)
        family = [m for m in inside if m.kind != "other"]
        if family:
            return at.Subject(nearest(family, raw).ref, True, "named in the parentheses")
        if inside:
            return at.Subject(OTHER, True, "another model in the parentheses")
        if self._second_of_pair(raw, paren):
            return at.Subject(None, False, "the other side of a comparison")
        before = [
            m
            for m in self.names_in(s.start, paren[0])
            if at._VARIANT.fullmatch(self.text, m.end, paren[0])
        ]
        if before:
            m = before[-1]
            return at.Subject(
                OTHER if m.kind == "other" else m.ref, True, "named before the parentheses"
            )
    clause = _clause(s, raw.start)
    for lo, hi in (clause, (s.start, clause[0])):
        names = [
            m
            for m in self.names_in(lo, hi)
            if not m.comparative
            and innermost(s.parens, m.start, m.end) in (None, paren)
            and (m.end <= raw.start or m.start >= raw.end)
            and not self._in_apposition(m, raw)
        ]
        if not names:
            continue
        chosen = _plain_choose(self, raw, names)
        if chosen.kind == "company":
            family = [
                m for m in self.names_in(s.start, s.end) if m.kind == "model" and not m.comparative
            ]
            if family:
                chosen = nearest(family, raw)
        if chosen.kind == "other":
            return at.Subject(OTHER, True, "another model")
        if lo != clause[0]:
            return at.Subject(chosen.ref, False, EARLIER_CLAUSE)
        return at.Subject(chosen.ref, True, "named in the sentence")
    return None


def _plain_choose(self: at.Attributor, raw: Raw, names: list[at.Mention]) -> at.Mention:
    after = [m for m in names if m.start >= raw.end]
    attached = [m for m in after if at._ATTACHED.fullmatch(self._figures_blanked(raw.end, m.start))]
    if attached:
        return attached[0]
    before = [m for m in names if m.end <= raw.start]
    return before[-1] if before else after[0]


def _plain_term_reading(
    self: quantity.QuantityReader, raw: Raw, h: Hit, only: frozenset[str] | None
) -> tuple[int, str] | None:
    if self._masked(h.start, h.end, raw):
        return None
    fitting = [q for q in h.refs if self.fits(raw, q)]
    if raw.low is not None and raw.low == raw.high and not raw.vague:
        fitting = [q for q in fitting if q not in self.range_only]
    if only is not None:
        fitting = [q for q in fitting if q in only]
    if not fitting:
        return None
    distance = max(h.start - raw.end if h.start >= raw.end else raw.start - h.end, 0)
    if self._closer_figure(h.start, h.end, raw, distance):
        return None
    return distance, fitting[0]


def _plain_siblings(self: readings.Reader, quantity: str) -> list[str]:
    unit = self.kb.quantities[quantity].unit
    return [qid for qid, q in self.kb.quantities.items() if q.unit == unit and qid != quantity]


def _plain_last_subject(self: at.Attributor, s: Sentence) -> tuple[str | None, bool]:
    names = [
        m for m in self.names_in(s.start, s.end) if innermost(s.parens, m.start, m.end) is None
    ]
    plain = [m for m in names if not m.comparative]
    if plain:
        fronted = at._FRONTED.match(self.text, s.start, s.end)
        after = [m for m in plain if fronted is None or m.start >= fronted.end()] or plain
        first = next((m for m in after if m.kind != "company"), plain[-1])
        return (OTHER if first.kind == "other" else first.ref), False
    return None, bool(names)


def _plain_fits(self: quantity.QuantityReader, raw: Raw, qid: str) -> bool:
    return raw.unit is not None and quantity.unit_fits(self.kb, self.units, raw.unit, qid)


_fast_of = readings.Reader.of


def _plain_of(self: readings.Reader, raw: Raw, *rest: object) -> readings.Readings:
    """Reader.of given a copy of the figure each time (as it made one before)."""
    return _fast_of(self, Raw(**vars(raw)), *rest)  # type: ignore[arg-type]


def _plain_narrow(self: cells.CellAttributor, qid: str, row: str, column: str, after: str) -> str:
    return self.vocab.narrow(qid, row, column, after)


def _plain_fitting(
    self: cells.CellAttributor, unit: str | None, words: str, header: bool = False
) -> str | None:
    return quantity.first_fitting(
        quantity.terms_of(self.vocab.quantities, words),
        lambda q: quantity.unit_fits(self.kb, self.units, unit, q),
    )


def _plain_generic_before(self: at.Attributor, clause: tuple[int, int], end: int) -> bool:
    return at._GENERIC_PHRASE.search(self.text, clause[0], end) is not None


class _PlainScopeTerms:
    """A scope's terms found anew for each figure, none marked as another figure's words (the
    term reading's own _masked test decides, as it alone did)."""

    def __init__(self, reader: quantity.QuantityReader) -> None:
        self.reader = reader

    def of(self, lo: int, hi: int, outer: object = None) -> Iterator[tuple[Hit, None]]:
        for h in self.reader.vocab.quantities.hits(self.reader.text, lo, hi):
            yield h, None

    def widened(self, lo: int, hi: int, outer: tuple[int, int]) -> tuple[int, int]:
        """Every term of outer read, each that crosses an edge taking the edge with it."""
        wide = (lo, hi)
        for h, _ in self.of(*outer):
            for edge in (lo, hi):
                if h.start < edge < h.end:
                    wide = (min(wide[0], h.start), max(wide[1], h.end))
        return wide


def _plain(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(quantity.QuantityReader, "_scope_terms", lambda self: _PlainScopeTerms(self))
    patch.setattr(cells.CellAttributor, "_fitting", _plain_fitting)
    patch.setattr(at.Attributor, "_generic_before", _plain_generic_before)
    patch.setattr(at.Attributor, "subject", _plain_subject)
    patch.setattr(at.Attributor, "last_subject", _plain_last_subject)
    patch.setattr(quantity.QuantityReader, "fits", _plain_fits)
    patch.setattr(readings.Reader, "of", _plain_of)
    patch.setattr(cells.CellAttributor, "_narrow", _plain_narrow)
    patch.setattr(Sentence, "clause_at", _clause)
    patch.setattr(readings.Reader, "_siblings", _plain_siblings)
    patch.setattr(quantity.QuantityReader, "term_reading", _plain_term_reading)
    patch.setattr(
        quantity.QuantityReader,
        "_fitting_of",
        lambda self, raw, refs, kind: self._kind_fitting(refs, kind, raw),
    )
    patch.setattr(figures._Said, "judged", _plain_judged)


def _plain_judged(self: figures._Said, j: Judgement) -> figures._Judged:
    """A judgement's words, value and ids, said anew for each figure."""
    ids = tuple(tuple(x.id for x in xs) for xs in (j.claims, j.corrections, j.related))
    return j, wording.message(KB, j), j.value.as_json(), ids


# the edges of terms: plural and glued endings, a word on after a gap, a term's words apart
TERM_EDGES = ["layer", "context", "length", "training cost", "s", "x", "-", "_", " ", "%", "1"]
PIECES = [
    "DeepSeek-R1 ", "R1 ", "V3 ", "DeepSeek ", "o1 ", "GPT-4 Turbo ", "Llama-style ",
    "like R1 ", "compared with Llama ", "(", ")", "[", "]", "(V3 base) ", "(o1) ",
    "671B ", "37B ", "$5.6M ", "2,048 H800s ", "79.8% ", "97.3% ", "128K ", "14.8T tokens ",
    "parameters ", "total ", "active ", "activated ", "on AIME ", "on MATH-500 ",
    "context length ", "training cost ", "GPU hours ", "that o1 posts ", "which ",
    " vs ", ", and ", ", but ", "; ", " — ", "whereas ", "it ", "It ", "The model ",
    "a large model ", "most models ", "such \u017fystems ", "any LLM ", "distilled ", "7B ",
    "the ", "for ", "of ", "for the ", ", ", "and ", "or ", "$5 and $6 for ",
    ". ", ".\n", "\n\n", "\n- ", "\n# DeepSeek-V3\n", "\n| Model | Params |\n|---|---|\n",
    "| R1 | 671B |\n", "$2.19 per million tokens ", "$2.19 ", "x", "1% ", "1%", "0.5 % ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
@example("GPT-4 Turbo (72.6%) and R1 (79.8% vs 71.5%), (V3 base) ~$5.6M (V3 base).")
@example("It has 671B parameters (37B active), like R1 [o1 (97.3%)]; V3 has 128K.")
@example("DeepSeek-V3 was pre-trained on 14.8T tokens (a report).")  # a name, none after it
def test_a_sentence_read_once_for_its_figures_reads_as_each_figure_did(text: str) -> None:
    for name in ("t.txt", "t.md"):
        fast, plain = both_ways(text, KB, name, _plain, MATCHER)
        assert fast == plain


def test_the_case_articles_read_as_with_the_plain_code() -> None:
    cases = case_articles()
    assert cases
    for path in cases:
        fast, plain = both_ways(path.read_text(encoding="utf-8"), KB, path.name, _plain, MATCHER)
        assert fast == plain, path


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_a_sentence_s_names_and_clauses_found_once_are_those_found_for_each_figure(
    text: str,
) -> None:
    doc = read(text, "t.txt")
    found = find(doc, KB)
    attributor = at.Attributor(doc.text, KB, found.mentions, MATCHER.units)
    for block in doc.blocks:
        for start, end in doc.sentences(block):
            s = parse_sentence(doc.text, start, end)
            assert parse_parens(doc.text, start, end).parens == s.parens
            named = attributor.named(s)
            assert [m for m, _ in named] == attributor.names_in(start, end)
            for m, inner in named:
                assert inner == innermost(s.parens, m.start, m.end)
            for pos in range(start - 1, end + 2):
                assert s.clause_at(pos) == _clause(s, pos)


def test_a_unit_s_fit_asked_once_is_its_fit() -> None:
    attributor = at.Attributor("", KB, [], MATCHER.units)
    units = [None, *KB.units, "USD-per-million-tokens", "samples", "nonsense"]
    for _ in range(2):  # asked, then answered from what was asked
        for unit in units:
            for qid in [*KB.quantities, "nonsense"]:
                raw = Raw(0, 1, unit=unit)
                assert attributor.fits(raw, qid) == _plain_fits(attributor, raw, qid)


def test_a_judgement_s_ids_listed_once_are_its_ids() -> None:
    for path in sorted((ROOT / "tests" / "cases").rglob("*.txt")):
        doc = read(path.read_text(encoding="utf-8"), path.name)
        matcher = Matcher(KB)
        said = figures._Said(doc, KB)
        for c in match(attribute(doc, find(doc, KB), KB, matcher.units), matcher):
            assert said.judged(c.judgement) == _plain_judged(said, c.judgement)
            assert said.judged(c.judgement) == _plain_judged(said, c.judgement)  # said again


NOUN_PIECES = [
    "a ", "any ", "Most ", "such ", "rival ", "is ", "big ", "model", "models ", "LLM", "LLMs ",
    "\u017fystem ", "SETUP ", "cluster", "network ", "\u212a", "\u0130", ". ", "x", "’s ",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(NOUN_PIECES), max_size=14).map("".join))
def test_a_stretch_without_the_noun_of_a_phrase_about_models_in_general_holds_none(
    text: str,
) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if at._GENERIC_NOUN_ONLY.search(text, start, end) is None:
                assert at._GENERIC_PHRASE.search(text, start, end) is None, (text, start, end)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 8)), max_size=6),
)
def test_a_scope_s_terms_found_once_are_those_found_for_each_figure(
    text: str, reads: list[tuple[int, int, int]]
) -> None:
    """Readers of the same and of overlapping scopes, each stopping early, get the terms a
    scan of their own finds, each with the figure span it lies inside."""
    terms = vocabulary(KB).quantities
    doc = read(text, "t.txt")
    spans = find(doc, KB).spans
    shared = ScopeTerms(terms, doc.text, spans)
    for a, b, stop in reads + reads:
        lo, hi = sorted((min(a, len(doc.text)), min(b, len(doc.text))))
        got = [x for _, x in zip(range(stop), shared.of(lo, hi), strict=False)]
        plain = list(terms.hits(doc.text, lo, hi))[:stop]
        assert [h for h, _ in got] == plain
        for h, inside in got:
            holding = [(s, e) for s, e in spans if s <= h.start < e]
            assert inside == (holding[-1] if holding else None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, *TERM_EDGES]), min_size=1, max_size=30).map("".join),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=8),
    st.integers(0, 6),
)
@example("GPU hours GPU hourss 1% context length", [(0, 40), (4, 12), (10, 19), (1, 3)], 6)
@example("1% 1% GPU hoursx", [(0, 16), (3, 13)], 6)
@example("1% training costs", [(0, 17), (3, 16)], 6)
@example("layersx", [(0, 6)], 6)  # a term that ends where a word goes on
@example("context lengthx", [(0, 14)], 6)
@example("layer layer layer", [(12, 17)], 1)  # the clause read only to its first term
def test_a_scope_read_off_the_terms_of_one_holding_it_has_the_terms_of_its_own_scan(
    text: str, scopes: list[tuple[int, int]], stop: int
) -> None:
    """A figure's small scope, read off its clause's terms found so far, holds the terms a scan
    of its own finds: at every place a term, a gap or a word may be cut at its edges, and
    wherever a figure before stopped reading the clause."""
    terms = vocabulary(KB).quantities
    outer = (0, len(text))
    shared = ScopeTerms(terms, text, [])
    list(zip(range(stop), shared.of(*outer), strict=False))  # read by a figure before
    for a, b in scopes:
        lo, hi = sorted((min(a, len(text)), min(b, len(text))))
        got = [h for h, _ in shared.of(lo, hi, outer)]
        assert got == list(terms.hits(text, lo, hi)), (lo, hi)
    for lo in range(len(text) + 1):
        for hi in range(lo, min(len(text), lo + 24) + 1):
            fresh = ScopeTerms(terms, text, [])
            all(True for _ in fresh.of(*outer))
            got = [h for h, _ in fresh.of(lo, hi, outer)]
            assert got == list(terms.hits(text, lo, hi)), (lo, hi)


def test_a_term_looks_past_its_end_only_with_one_negative_look_ahead() -> None:
    """What reading a small scope off its clause relies on (`ScopeTerms._inside`): a term's
    pattern holds no look-ahead, word boundary or end anchor but its tail `(?![\\w])` (and its
    head's look at its own first character: a capital after a small letter)."""
    from r1kb.checksource.lexicon.vocabulary import _WORD_START, term_pattern

    terms = [t for q in KB.quantities.values() for t in q.terms]
    assert terms
    for term in terms:
        body = term_pattern(term).removeprefix(_WORD_START).removesuffix(r"(?![\w])")
        for sign in ("(?=", "(?!", r"\b", r"\B", "$", r"\Z"):
            assert sign not in body, (term, sign)


BRACKETS = ["(", ")", "[", "]", "a", " ", "; ", ", and ", " \u2014 ", "\nA", "x "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BRACKETS), max_size=80).map("".join), st.data())
@example("(a) (a) (a) (a) (a) (a) (a) (a) (a) (a); a ((a); a) a", None)
def test_a_sentence_s_lookups_give_what_reading_every_parenthesis_and_clause_gives(
    text: str, data: st.DataObject | None
) -> None:
    """Sentence.clause_at, innermost, paren_opened_at and the clause cuts, which look up a
    sentence of many parentheses and clauses in an index, answer as the plain definitions."""
    s = parse_sentence(text, 0, len(text))
    cuts = [0, *(m.start() for m in sentence._CLAUSE_BREAK.finditer(text)), len(text)]
    cuts = [c for c in cuts if not any(a < c < b for a, b in s.parens)]
    assert s.clauses == [(a, b) for a, b in pairwise(cuts) if b > a]
    spans = [(a, b) for a in range(len(text) + 1) for b in range(a, len(text) + 1)]
    if data is not None and spans:
        spans = data.draw(st.lists(st.sampled_from(spans), max_size=40))
    for a, b in spans:
        assert s.clause_at(a) == _clause(s, a)
        assert s.innermost(a, b) == innermost(s.parens, a, b), (a, b)
        assert s.paren_opened_at(a) == next((p for p in s.parens if p[0] == a), None)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(at._ATTACHED, fullmatch=True))
def test_every_character_a_name_attached_across_may_be_is_a_joining_one(gap: str) -> None:
    """No name after a character `_NOT_JOINING` finds in the gap is attached, because no gap
    `_ATTACHED` reads holds one; a gap whose first character after white space is not one
    `_ATTACHED_START` matches is not read at all."""
    assert at._NOT_JOINING.search(gap) is None
    assert at._ATTACHED_START.match(gap.lstrip())


def test_a_sentence_s_index_follows_lists_replaced_or_grown() -> None:
    """The index is made again when parens or clauses is replaced (even by a list of the same
    length) or grows; it was made once and kept."""
    clauses = [(i, i + 1) for i in range(10)]
    s = Sentence(0, 10, clauses=clauses)
    assert s.clause_at(3) == (3, 4)
    s.clauses = [(0, 5), *((i, i + 1) for i in range(5, 14))]
    assert s.clause_at(3) == (0, 5)
    s.parens = [(a, a + 1) for a in range(0, 18, 2)]
    assert s.innermost(2, 3) == (2, 3)
    s.parens.append((0, 20))
    assert s.innermost(1, 2) == (0, 20)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([2.19, 2, 2.0, 0.5, True, float("nan"), float("inf"), None, "x"])
            | st.builds(dict),
            st.sampled_from(["USD-per-million-tokens", "CNY-per-million-tokens", "USD", "GPUs"]),
        ),
        max_size=12,
    ),
    st.sampled_from([2.19, 2.0, 2, 0.5, 1.0, float("nan"), float("inf"), 3.0]),
)
def test_rates_looked_up_by_value_answer_as_the_list_read_in_order(
    found: list[tuple[object, str]], low: float
) -> None:
    """A money figure takes the unit of the last rate of its value found in its paragraph, as
    when every (value, unit) was kept in a list and read in order for each money figure."""
    rates = readings.Rates()
    for value, unit in found:
        rates.add(value, unit)
    plain = None
    for value, unit in found:
        if value == low and unit.startswith(("USD-per-", "CNY-per-")):
            plain = unit
    assert rates.unit_of(low) == plain

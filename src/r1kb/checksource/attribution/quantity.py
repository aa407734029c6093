"""Which unit and which quantity a figure is about: the unit narrows it down to the quantities it
fits; of those, the one whose `terms` (data/quantities.yaml) stand nearest the figure — in its
own words, its item of an enumeration, its column header, its clause — wins; with none, the
unit's default quantity (`default_for_unit`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from r1kb.checksource.attribution.names import COMPANY, nearest
from r1kb.checksource.attribution.respectively import Pairing, says_respectively, sentence_spans
from r1kb.checksource.attribution.scope_terms import ScopeTerms
from r1kb.checksource.attribution.sentence import Sentence
from r1kb.checksource.attribution.word_test import may_hold
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.mentions import Mention, within
from r1kb.checksource.lexicon.notations import DURATIONS, ELO, EVAL_MARK
from r1kb.checksource.lexicon.starts import WORD_SPLIT
from r1kb.checksource.lexicon.vocabulary import (
    LABEL_GAP,
    Hit,
    TermSet,
    Vocabulary,
    term_pattern,
)
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

# a unit word after these is what a figure is counted per ("for each token", "per GPU")
PER_BEFORE = re.compile(r"(?:\bper|\beach|\bevery|/)\s*$", re.I)
_FLEET_SUBJECT = {"gpu-count": "gpu-fleet-size"}  # a company's GPU count is its fleet
# after a count of tokens: a unit of time makes it a speed ("60 tokens/second", "per sec")
_PER_TIME_AFTER = re.compile(
    r"\s*(?:/\s*|per\s+|an?\s+|each\s+)(?:s|sec|secs|seconds?|minutes?|min|hours?|hr|days?)\b",
    re.I,
)
# before a count of parameters that is the whole a part is taken from ("37B of its 671B")
_OF_THE_WHOLE = re.compile(
    r"\b(?:of|out\s+of)\s+(?:all\s+(?:of\s+)?)?(?:its|their|the\s+model['’]s)\s+"
    r"(?:(?:total|whole|full|entire)\s+)?(?:of\s+)?\Z",
    re.I,
)
# after a span of time: it dates something from another time, it is no duration
_LATER = re.compile(r"\s+(?:later|ago|earlier|afterwards?|since|on(?=\s*[,.;:!?]))\b", re.I)
_OWN_QUALIFIER_REACH = 20  # a qualifier of the term written with the number stands this near
# where the words after a figure turn to another phrase ("256 experts, with 8 active …")
_NEXT_PHRASE = re.compile(r"[,;:(]|\b(?:and|with|while|but|whereas|of\s+which|plus)\b", re.I)
_NOT_COST_REACH = 24  # "plans to raise $10 billion", "$8 billion in assets"
# what a score may be called between it and its benchmark ("a 97.3% score on MATH-500")
_SCORE_NOUN = r"(?:score|result|accuracy|pass\s+rate|success\s+rate|mark)"
# before a difference between scores, not a score: "beats o1 by 13.1 points", "within 2
# points", "(+9.5)", "a lead of 0.6%"
_ABOUT = r"(?:(?:about|around|roughly|nearly|almost|just|only|over|some|up\s+to)\s+)?"
_DIFFERENCE_BEFORE = re.compile(
    rf"(?:[+±]|\b(?:by|within)\s+{_ABOUT}|\b(?:lead|margin|gap|difference|improvement|"
    rf"increase|gain|jump|drop|decline|boost)\s+of\s+{_ABOUT})$",
    re.I,
)


def _money_not_cost(kb: KnowledgeBase) -> re.Pattern[str]:
    """The words of money that is no model's cost (`money_not_cost` in the data), one pattern."""
    return kb.derived("money_not_cost", _make_money_not_cost)


def _make_money_not_cost(kb: KnowledgeBase) -> re.Pattern[str]:
    words = [term_pattern(w) for w in kb.money_not_cost]
    return re.compile("|".join(words) if words else "(?!)", re.I)


def _money_not_cost_words(kb: KnowledgeBase) -> tuple[str, ...] | None:
    """The words one of which every match of `_money_not_cost` holds: each term's first word
    (without its `*`), in lower case; None when one is not ASCII (then `may_hold` cannot
    tell, and the clause is searched). A clause without one is not searched: the pattern, its
    terms each led by look-behinds, is tried at every character of the clause."""
    return kb.derived("money_not_cost_words", _make_money_not_cost_words)


def _make_money_not_cost_words(kb: KnowledgeBase) -> tuple[str, ...] | None:
    words = []
    for term in kb.money_not_cost:
        first = next((w for w in WORD_SPLIT.split(term.strip()) if w), "").removesuffix("*")
        if not first or not first.isascii():
            return None
        words.append(first.lower())
    return tuple(words)


def _narrowing(kb: KnowledgeBase) -> dict[str, TermSet]:
    """For each quantity a qualifier may narrow, the qualifiers of the quantities narrowing it:
    where none of them can match, `Vocabulary.narrow` leaves the quantity as it is, and the
    words are not searched (the needles' test, `TermSet.absent_from`, costs a search of one
    pattern; the qualifiers' scan, most of a figure's reading)."""
    return kb.derived("narrowing_qualifiers", _make_narrowing)


def _make_narrowing(kb: KnowledgeBase) -> dict[str, TermSet]:
    terms: dict[str, dict[str, list[str]]] = {}
    for q in kb.quantities.values():
        if q.refines:
            terms.setdefault(q.refines, {})[q.id] = list(q.qualifiers)
    return {qid: TermSet(by_id) for qid, by_id in terms.items()}


_DURATION_UNITS = DURATIONS
# a figure's unit, whether it is one value, the quantities asked for, those recorded as ranges
FigureKind = tuple[str | None, bool, frozenset[str] | None, frozenset[str]]


class QuantityRead(NamedTuple):
    """A figure's reading by `QuantityReader.quantity`, as `quantity_for` reads it for a model."""

    quantity: str | None
    strong: bool
    how: str  # `quantity_how`
    default: tuple[str | None] | None  # the unit's default it fell back on (None: it did not)


class QuantityReader:
    """The unit and quantity half of the Attributor (attribute.py), whose state it reads."""

    text: str
    kb: KnowledgeBase
    units: UnitSystem
    vocab: Vocabulary
    spans: list[tuple[int, int]]
    quantity_how: str
    quantity_default: tuple[str | None] | None = None  # see `last_read`
    range_only: frozenset[str]
    benchmarks: list[Mention]
    marks: list[Mention]
    _benchmark_starts: list[int]
    _fit: dict[tuple[str, str], bool]  # (unit, quantity) -> whether the unit measures it
    _scopes: tuple[list[tuple[int, int]], ScopeTerms] | None = None  # for these spans
    _fitting_cache: dict[FigureKind, dict[tuple[str, ...], tuple[str, ...]]] | None = None
    _not_cost: tuple[tuple[int, int], list[tuple[int, int]]] = ((-1, -1), [])  # last clause
    # (sentence, kind of names) -> its lists "respectively" pairs, with the names (None: no word)
    _pairings: dict[tuple[int, int, str], tuple[Pairing, list[Mention]] | None] | None = None

    def paired(
        self, raw: Raw, s: Sentence, kind: str, names_of: Callable[[Sentence], list[Mention]]
    ) -> Mention | None:
        """The name of this kind that "respectively" pairs the figure with ("R1 and o1 score
        79.8% and 79.2%, respectively"), or None (`names_of`: the sentence's names of the
        kind). The sentence's lists are found once for all its figures (see `respectively`)."""
        if self._pairings is None:
            self._pairings = {}
        key = (s.start, s.end, kind)
        if key not in self._pairings:
            found = None
            if says_respectively(self.text, s.start, s.end):
                figures, names = sentence_spans(self.spans, s.start, s.end), names_of(s)
                found = (Pairing(self.text, figures, [(m.start, m.end) for m in names]), names)
            self._pairings[key] = found
        kept = self._pairings[key]
        if kept is None:
            return None
        j = kept[0].name_for((raw.start, raw.end))
        return kept[1][j] if j is not None else None

    def _names_money_not_cost(self, clause: tuple[int, int], raw: Raw) -> bool:
        """Whether money that is no cost ("raise", "revenue", "in assets") is named right
        around the figure, in its clause: the clause is searched once, not again for each of
        its figures."""
        if self._not_cost[0] != clause:
            words = _money_not_cost_words(self.kb)
            found = (
                [m.span() for m in _money_not_cost(self.kb).finditer(self.text, *clause)]
                if words is None or may_hold(self.text, *clause, words)
                else []
            )
            self._not_cost = (clause, found)
        return any(
            raw.start - _NOT_COST_REACH <= b and a <= raw.end + _NOT_COST_REACH
            for a, b in self._not_cost[1]
        )

    def unit_from_words(self, raw: Raw, s: Sentence) -> str | None:
        """The unit of a figure written without one ("in the billions"), from its sentence:
        the nearest unit word or quantity term (a quantity's term stands for its unit)."""
        best: tuple[int, str] | None = None
        found = [(h, h.refs[0]) for h in self.vocab.units.find(self.text, s.start, s.end)]
        for h in self.vocab.quantities.find(self.text, s.start, s.end):
            q = self.kb.quantities.get(h.refs[0])
            if q is not None and q.group not in ("benchmark",) and self.kb.units.get(q.unit):
                found.append((h, q.unit))
        for h, unit in found:
            if unit in ("date", "text", "count", "ratio", "percent", *_DURATION_UNITS):
                continue
            if PER_BEFORE.search(self.text, max(s.start, h.start - 8), h.start):
                continue  # "37 billion for each token": what it is counted per, not its unit
            distance = min(abs(h.start - raw.end), abs(raw.start - h.end))
            if best is None or distance < best[0]:
                best = (distance, unit)
        return best[1] if best else None

    def fits(self, raw: Raw, quantity: str) -> bool:
        """The figure's unit can measure the quantity (a figure without a unit fits none);
        each unit and quantity asked about once."""
        if raw.unit is None:
            return False
        fit = self._fit.get((raw.unit, quantity))
        if fit is None:
            fit = self._fit[raw.unit, quantity] = unit_fits(self.kb, self.units, raw.unit, quantity)
        return fit

    def default_quantity(self, unit: str) -> str | None:
        if unit in self.vocab.defaults:
            return self.vocab.defaults[unit]
        if unit in _DURATION_UNITS:
            return self.vocab.defaults.get("days")
        if unit == "CNY":
            return self.vocab.defaults.get("USD")
        return None

    def nearest_term(
        self, raw: Raw, scopes: list[tuple[int, int]], only: frozenset[str] | None = None
    ) -> str | None:
        """Of the quantities the figure fits, the one whose term stands nearest it, scope by
        scope (its own words first). A scope is read only up to the first term after the
        figure no nearer than the nearest found (the terms come in order: none further on is
        nearer), and a scope the same as one read before is not read again; a term found
        again in a later scope is not read again either. The last scope holds the others (a
        figure's clause): where its terms are found already, theirs are read off them."""
        readings: dict[Hit, tuple[int, str] | None] = {}
        kind = self._fitting_kind(raw, only)
        of_kind = self._fitting_for(kind)
        terms, own, outer = self._scope_terms(), (raw.start, raw.end), scopes[-1]
        for k, (lo, hi) in enumerate(scopes):
            if k and (lo, hi) in scopes[:k]:
                continue  # it held no term, and still holds none
            best: tuple[int, str] | None = None
            for h, inside in terms.of(lo, hi, outer):
                if best is not None and h.start - raw.end >= best[0] and h.start >= raw.end:
                    break
                if inside is not None and inside != own:
                    continue  # another figure's words (see _masked)
                fitting = of_kind.get(h.refs)
                if fitting is None:
                    fitting = of_kind[h.refs] = self._kind_fitting(h.refs, kind, raw)
                if not fitting:
                    continue  # a term of no quantity it fits: passed over at a lookup's cost
                if h in readings:
                    found = readings[h]
                else:
                    found = readings[h] = self.term_reading(raw, h, only)
                if found is not None and (best is None or found[0] < best[0]):
                    best = found
                    self.quantity_how = f"the term {self.text[h.start : h.end]!r}"
            if best is not None:
                return best[1]
        return None

    def _scope_terms(self) -> ScopeTerms:
        """The terms of each scope read, found once for the document (its spans are set)."""
        if self._scopes is None or self._scopes[0] is not self.spans:
            self._scopes = (self.spans, ScopeTerms(self.vocab.quantities, self.text, self.spans))
        return self._scopes[1]

    def term_reading(self, raw: Raw, h: Hit, only: frozenset[str] | None) -> tuple[int, str] | None:
        """The term's distance from the figure and the first quantity it names that the figure
        fits, if the term is the figure's to read."""
        fitting = self._fitting_refs(raw, h.refs, only)
        if not fitting or self._masked(h.start, h.end, raw):
            return None
        distance = max(h.start - raw.end if h.start >= raw.end else raw.start - h.end, 0)
        if self._closer_figure(h.start, h.end, raw, distance):
            return None  # "671B total, 37B active": "active" is the 37B's word
        return distance, fitting[0]

    def _fitting_refs(
        self, raw: Raw, refs: tuple[str, ...], only: frozenset[str] | None
    ) -> tuple[str, ...]:
        """The quantities of a term's ids that the figure fits."""
        return self._fitting_of(raw, refs, self._fitting_kind(raw, only))

    def _fitting_kind(self, raw: Raw, only: frozenset[str] | None) -> FigureKind:
        """All of a figure that decides which of a term's ids it fits: its unit, whether it is
        a single value (a quantity recorded as a range is not one), the quantities asked for."""
        single = raw.low is not None and raw.low == raw.high and not raw.vague
        return raw.unit, single, only, self.range_only

    def _fitting_of(self, raw: Raw, refs: tuple[str, ...], kind: FigureKind) -> tuple[str, ...]:
        """`_kind_fitting`, worked out once for each ids and kind of figure (a figure of a
        heading of terms read each term of its piece, each asked anew: 600 µs a figure)."""
        of_kind = self._fitting_for(kind)
        found = of_kind.get(refs)
        if found is None:
            found = of_kind[refs] = self._kind_fitting(refs, kind, raw)
        return found

    def _fitting_for(self, kind: FigureKind) -> dict[tuple[str, ...], tuple[str, ...]]:
        """The fitting quantities worked out so far for each ids, for figures of this kind."""
        if self._fitting_cache is None:
            self._fitting_cache = {}
        of_kind = self._fitting_cache.get(kind)
        if of_kind is None:
            of_kind = self._fitting_cache[kind] = {}
        return of_kind

    def _kind_fitting(self, refs: tuple[str, ...], kind: FigureKind, raw: Raw) -> tuple[str, ...]:
        """The quantities of a term's ids that a figure of this kind (raw is one) fits."""
        _, single, only, range_only = kind
        fitting = [q for q in refs if self.fits(raw, q)]
        if single:
            fitting = [q for q in fitting if q not in range_only]
        if only is not None:
            fitting = [q for q in fitting if q in only]
        return tuple(fitting)

    def _closer_figure(self, start: int, end: int, raw: Raw, distance: int) -> bool:
        """Another figure stands nearer these words than raw does (on the same line): its
        distance is asked first, the line only of one nearer (not a slice of the text between,
        which can be long)."""
        if distance <= 0:
            return False  # no figure is nearer than 0
        spans = self.spans
        i = bisect_left(spans, (start, start))
        for j in (i - 1, i):
            if not 0 <= j < len(spans):
                continue
            a, b = spans[j]
            if a == raw.start and b == raw.end:
                continue
            other = start - b if b <= start else a - end
            if other < distance and self.text.find("\n", min(b, start), max(a, end)) < 0:
                return True
        return False

    def _masked(self, start: int, end: int, raw: Raw) -> bool:
        """Inside another figure (its words are its own)."""
        i = bisect_right(self.spans, (start, 1 << 62)) - 1
        if i >= 0:
            a, b = self.spans[i]
            if (a, b) != (raw.start, raw.end) and a <= start < b:
                return True
        return False

    def quantity(self, raw: Raw, model: str | None, s: Sentence) -> tuple[str | None, bool]:
        """The quantity id and whether a cue word decided it (False: the unit's default). The
        model matters only as the company (its GPUs are its fleet), and only where the reading
        falls back on the unit's default: `last_read` and `quantity_for` give the reading as
        another model's without reading the figure's words again."""
        self.quantity_how = "the figure's unit"
        self.quantity_default = None
        clause = s.clause_at(raw.start)
        unit = raw.unit or ""
        if unit == "percent" and _DIFFERENCE_BEFORE.search(
            self.text, max(0, raw.start - 40), raw.start
        ):
            self.quantity_how = "a difference between scores, not a score"
            return None, False
        if raw.hint in self.kb.quantities and (unit == "" or self.fits(raw, raw.hint)):
            self.quantity_how = "the term written with the number"
            # the term written with the number ("61 layers"), narrowed by a qualifier right
            # around it ("activates 8 routed experts per token": the activated experts; not
            # "256 routed experts per layer and activates 8 per token")
            return self._narrowed(raw.hint, raw, s, _OWN_QUALIFIER_REACH), True
        near = (raw.start, min(clause[1], raw.end + 30))
        if unit == "date":  # its item first: ", founded in July 2023, shipped R1" is no release
            segment = _segment(self.text, raw, clause)
            if segment != clause:
                segment = self._scope_terms().widened(*segment, clause)
            qid = self.nearest_term(raw, [segment, clause] if segment != clause else [clause])
            if qid:
                return self._known(qid), True
            self.quantity_how = "no term near it: the default quantity for a date"
            return self._known(self.default_quantity(unit)), False
        if unit == "percent":
            qid, strong = self._benchmark(raw, s)
            if qid is None:
                qid = self.nearest_term(raw, [near, clause])
                strong = qid is not None
            if qid and raw.high and raw.high > 100 and self.kb.quantities[qid].group == "benchmark":
                self.quantity_how = "over 100%: no benchmark's score"
                return None, False  # "AIME 202479.8%": a table's cells run together
            return qid, strong
        if unit == "count":
            qid = self.nearest_term(raw, [near, clause])
            return self._known(qid), qid is not None
        if unit == "parameters" and _OF_THE_WHOLE.search(
            self.text, max(0, raw.start - 30), raw.start
        ):
            self.quantity_how = "the whole a part is of ('of its …')"
            # "activates 37B of its 671B parameters": the whole, the unit's default quantity
            return self._known(self.default_quantity(unit)), True
        if unit in _DURATION_UNITS and _LATER.match(self.text, raw.end):
            self.quantity_how = "a time from another, not how long something took"
            return None, False  # "Twelve months later", "two weeks ago", "eight months on,"
        if unit == "tokens" and _PER_TIME_AFTER.match(self.text, raw.end):
            self.quantity_how = "tokens in a unit of time: a speed, not a count"
            return None, False  # "60 tokens/second"
        if unit == "tokens" and raw.hint == "context":
            return self._known(self._narrowed("context-length", raw, s)), True
        if unit == "sequences" or raw.hint == "batch":
            return self._known("batch-size"), True
        rating = unit == "rating"  # an Elo rating, or one in a sentence naming Codeforces
        if rating and not self._codeforces(s) and not re.search(ELO, self._own_words(raw, clause)):
            return None, False
        header = self._column_header(raw)
        qid = None
        if header:
            qid = self._term_in(raw, header)
            if qid:
                self.quantity_how = f"the column header {header.strip()!r}"
        if qid is None and raw.low is not None and raw.high is not None and raw.low < raw.high:
            # a range ("1.5B to 70B") is first read as a quantity recorded as a range
            ranged = self.nearest_term(raw, [(s.start, s.end)], only=self.range_only)
            qid = ranged
        segment = _segment(self.text, raw, clause)
        if segment != clause:
            segment = self._scope_terms().widened(*segment, clause)
        # the words right after it in its item, its item, then (as before) its clause
        own = (near[0], min(near[1], segment[1]))
        scopes = [near, clause] if segment == clause else [own, segment, near, clause]
        qid = qid or self.nearest_term(raw, scopes)
        if qid is not None:
            return self._known(self._narrowed(qid, raw, s)), True
        if raw.money and self._names_money_not_cost(clause, raw):
            self.quantity_how = "no term near it, and money that is no cost named in its clause"
            return None, False  # "plans to raise $10 billion": not a training cost
        default = self.default_quantity(unit)
        if unit == "tokens" and raw.low is not None and raw.low < 1e7:
            default = "context-length"
        self.quantity_how = f"no term near it: the default quantity for {unit}"
        self.quantity_default = (default,)
        return self._default_for(default, model), False

    def last_read(self, quantity: str | None, strong: bool) -> QuantityRead:
        """The reading `quantity` just returned (quantity and strength), with what it kept."""
        return QuantityRead(quantity, strong, self.quantity_how, self.quantity_default)

    def quantity_for(self, read: QuantityRead, model: str | None) -> tuple[str | None, bool]:
        """What `quantity` gives for `model`, from its reading of the same figure as any model's
        (the company's GPUs are its fleet: only the unit's default differs)."""
        if read.default is None:
            return read.quantity, read.strong
        return self._default_for(read.default[0], model), False

    def _default_for(self, default: str | None, model: str | None) -> str | None:
        """The unit's default quantity as the model's (the company's GPU count is its fleet)."""
        if model == COMPANY:
            default = _FLEET_SUBJECT.get(default or "", default)
        return self._known(default)

    def _term_in(self, raw: Raw, words: str) -> str | None:
        return first_fitting(terms_of(self.vocab.quantities, words), lambda q: self.fits(raw, q))

    def _column_header(self, raw: Raw) -> str:
        """In a table row ("| DeepSeek-R1 | 671B | 37B |"), the header of the figure's column."""
        start = self.text.rfind("\n", 0, raw.start) + 1
        if not self.text[start : raw.start].lstrip().startswith("|"):
            return ""
        column = self.text[start : raw.start].count("|") - 1
        top = start
        while top > 0:
            above = self.text.rfind("\n", 0, top - 1) + 1
            if not self.text[above : top - 1].lstrip().startswith("|"):
                break
            top = above
        header = self.text[top : self.text.find("\n", top) % (len(self.text) + 1)]
        cells = header.strip().strip("|").split("|")
        return cells[column] if 0 <= column < len(cells) and top != start else ""

    def _own_words(self, raw: Raw, clause: tuple[int, int]) -> str:
        """The figure's own words first, then its clause without the other figures in it
        (their cue words are theirs: "37B activated parameters out of 671B")."""
        chars = list(self.text[clause[0] : clause[1]])
        first = max(0, bisect_left(self.spans, (clause[0] - 1000, 0)))
        for a, b in self.spans[first : bisect_right(self.spans, (clause[1], clause[1]))]:
            if (a, b) != (raw.start, raw.end) and a < clause[1] and clause[0] < b:
                for i in range(max(a, clause[0]), min(b, clause[1])):
                    chars[i - clause[0]] = " "
        return self.text[raw.start : raw.end] + " | " + "".join(chars)

    def _codeforces(self, s: Sentence) -> bool:
        """The sentence names Codeforces (a rating in it is one)."""
        return any(b.ref == "codeforces-rating" for b in self._benchmarks_in(s))

    def _benchmarks_in(self, s: Sentence) -> list[Mention]:
        return within(self.benchmarks, self._benchmark_starts, s.start, s.end)

    def _labels_next(self, b: Mention) -> bool:
        """Whether a figure follows the name within a word or two ("its MATH-500 score 97.3%":
        the name is that figure's label, not the one before it)."""
        i = bisect_left(self.spans, (b.end, 0))
        if i >= len(self.spans):
            return False
        return LABEL_GAP.fullmatch(self.text, b.end, self.spans[i][0]) is not None

    def _benchmark(self, raw: Raw, s: Sentence) -> tuple[str | None, bool]:
        if raw.hint == "percentile":  # "96.3rd percentile": its own word names the quantity
            qid = self.nearest_term(raw, [(raw.start, raw.end)])
            if qid is not None:
                return qid, True
        clause = s.clause_at(raw.start)
        names = [
            b for b in self._benchmarks_in(s) if clause[0] <= b.start < clause[1]
        ] or self._benchmarks_in(s)
        if not names:
            return None, False
        listed = self.paired(raw, s, "benchmark", self._benchmarks_in)
        if listed is not None:  # "79.8% and 97.3% on AIME 2024 and MATH-500, respectively"
            names = [listed]
        follows = [
            b
            for b in names
            if b.start >= raw.end
            and re.fullmatch(
                rf"[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*(?:\(?{EVAL_MARK}\)?\s*)?(?:{_SCORE_NOUN}\s+)?"
                rf"(?:on|in|at|for)\s+(?:the\s+)?",
                self.text[raw.end : b.start],
                re.I,
            )
        ]
        if not follows:  # a name after it that labels a later figure is that one's
            names = [b for b in names if b.start < raw.end or not self._labels_next(b)] or names
        chosen = follows[0] if follows else nearest(names, raw, prefer_before=True)
        qid = next((q for q in chosen.refs or (chosen.ref,) if self.fits(raw, q)), None)
        if qid is None:  # "Codeforces" names a rating and a percentile: a % is the percentile
            return None, False
        self.quantity_how = f"the benchmark {self.text[chosen.start : chosen.end]!r}" + (
            ", its list's by 'respectively'" if listed is not None else ""
        )
        return self._narrowed(qid, raw, s), True

    def _narrowed(self, qid: str, raw: Raw, s: Sentence, reach: int = 60) -> str:
        """The narrower quantity a qualifier near the figure makes of it ("deepseek-reasoner"
        near a context length: the API endpoint's; "per expert" near an intermediate size: the
        expert's)."""
        if qid not in self.vocab.narrowed:
            return qid
        clause = s.clause_at(raw.start)  # the words `_qualifying` reads lie in this window
        lo, hi = max(clause[0], raw.start - reach), min(clause[1], raw.end + reach)
        if _narrowing(self.kb)[qid].absent_from(self.text, lo, hi):
            return qid  # no qualifier that narrows it can stand there
        return self.vocab.narrow(qid, self._qualifying(raw, s, reach, clause))

    def _qualifying(
        self, raw: Raw, s: Sentence, reach: int = 60, clause: tuple[int, int] | None = None
    ) -> str:
        """The words around a figure whose qualifiers are its own: `reach` characters either
        side in its clause, up to the figures next to it ("71.0% on AIME 2024, rising to 86.7%
        with majority voting": the voting is the second figure's, not the first's); `clause`:
        the figure's, when the caller has it."""
        i = bisect_left(self.spans, (raw.start, raw.end))
        clause = clause or s.clause_at(raw.start)  # "…128K; the deepseek-reasoner …": not its
        lo, hi = max(clause[0], raw.start - reach), min(clause[1], raw.end + reach)
        if i > 0 and self.spans[i - 1][1] <= raw.start:
            lo = max(lo, self.spans[i - 1][1])
        j = bisect_right(self.spans, (raw.end, 1 << 62))
        if j < len(self.spans):
            hi = min(hi, max(raw.end, self.spans[j][0]))
        if reach == _OWN_QUALIFIER_REACH:  # its own words: its phrase, from the last one's end
            joined = _NEXT_PHRASE.search(self.text, raw.end, hi)
            hi = joined.start() if joined else hi
            for joined in _NEXT_PHRASE.finditer(self.text, lo, raw.start):
                lo = joined.end()
        return self.text[lo:hi]

    def _known(self, qid: str | None) -> str | None:
        return qid if qid in self.kb.quantities else None


_LIST_SEPARATOR = re.compile(r"[,;]\s|\s(?:and|or)\s")
_SEGMENT_REACH = 200
_WORD = re.compile(r"\w*")


def _segment(text: str, raw: Raw, clause: tuple[int, int]) -> tuple[int, int]:
    """The figure's item in an enumeration ("pre-training took 2,664K GPU hours, context
    extension 119K and post-training 5K"): from the separator before it to the one after it,
    within its clause and at most a few hundred characters either side."""
    lo = max(clause[0], raw.start - _SEGMENT_REACH)
    hi = min(clause[1], raw.end + _SEGMENT_REACH)
    start = lo
    for m in _LIST_SEPARATOR.finditer(text, lo, raw.start):
        start = m.end()
    after = _LIST_SEPARATOR.search(text, raw.end, hi)
    end = after.start() if after else hi
    if start == lo:  # at the reach, not a separator: not in a word's middle
        start = _word_start(text, clause[0], lo)
    if end == hi:
        end = _word_end(text, hi, clause[1])
    return start, end


def _word_start(text: str, floor: int, pos: int) -> int:
    """pos, or where the word it falls inside starts (not before floor)."""
    if floor < pos and _in_word(text[pos - 1]) and _in_word(text[pos]):
        return pos - _WORD.match(text[floor:pos][::-1]).end()  # type: ignore[union-attr]
    return pos


def _word_end(text: str, pos: int, ceiling: int) -> int:
    """pos, or where the word it falls inside ends (not after ceiling)."""
    if pos < ceiling and _in_word(text[pos - 1]):
        return _WORD.match(text, pos, ceiling).end()  # type: ignore[union-attr]
    return pos


def _in_word(char: str) -> bool:
    """A character that \\w matches, as in the terms' patterns (the same test as re's)."""
    return char.isalnum() or char == "_"


def unit_fits(kb: KnowledgeBase, units: UnitSystem, unit: str | None, quantity: str) -> bool:
    """A figure in `unit` can measure the quantity; a figure without a unit (a bare number in a
    table cell) fits any numeric quantity but a date."""
    q = kb.quantities.get(quantity)
    if q is None or q.unit == "text" or q.unit not in kb.units:
        return False
    if unit is None:
        return q.unit != "date"
    if unit == "date" or q.unit == "date":
        return unit == q.unit
    figure_unit = kb.units.get(unit)
    if figure_unit is not None and figure_unit.currency and kb.units[q.unit].currency:
        return True  # two currencies: compared through an exchange rate
    try:
        return units.compatible(unit, q.unit)
    except Exception:  # an undefined unit: not comparable
        return False


KEPT_WORDS = 300  # the longest words whose terms are kept (a header, not a page in a cell)


def terms_of(terms: TermSet, words: str) -> Sequence[Hit]:
    """The terms of a header or a cell's words, found once for short ones: a table's headers
    are asked again for each of its figures."""
    return _kept_terms(terms, words) if len(words) <= KEPT_WORDS else terms.find(words)


@lru_cache(maxsize=4096)
def _kept_terms(terms: TermSet, words: str) -> tuple[Hit, ...]:
    return tuple(terms.find(words))


def first_fitting(hits: Sequence[Hit], accepts: Callable[[str], bool]) -> str | None:
    """The quantity of the first term hit that the figure fits."""
    for h in hits:
        fitting = [q for q in h.refs if accepts(q)]
        if fitting:
            return fitting[0]
    return None

"""Which model and which quantity a figure is about, decided from the words around it.

The model: the subject of a relative clause right after the figure ("the 96.4% that o1
posts"); a name in the figure's parentheses or right before them; else the name attached to
the figure in its clause ("$5.58M for R1"), the nearest one before it, or after it; else (weakly)
a name in an earlier clause of the sentence, the subject carried over from earlier sentences of
the paragraph, or, for list items, from the line that introduces the list and the section
heading. A sentence that only names models after "like"/"similar to", or a figure that "a
leading model" stands before, is about models in general; one about another model family is
skipped. Clauses end at ";", ", and/but/where/when/then …", a spaced dash and a line break.
The quantity: the unit narrows it down to the quantities it fits; of those, the one whose
`terms` (data/quantities.yaml) stand nearest the figure in its own words, its column header or
its clause wins; with none, the unit's default quantity (`default_for_unit`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.mentions import Mention
from r1kb.checksource.lexicon.notations import DURATIONS, ELO, EVAL_MARK
from r1kb.checksource.lexicon.vocabulary import Hit, vocabulary
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

GENERIC = "generic"  # about models in general ("models like R1")
OTHER = "other"  # about a model outside R1's family
COMPANY = "deepseek"
EARLIER_CLAUSE = "named in an earlier clause"

# a line break before a capital inside a sentence ends a clause too (a title line run into the
# next line); one before a lower-case word is only a wrapped line
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?i:and|but|while|whereas|where|when|then|although|though|yet|so)\b|\s[–—]\s"
    r"|\s(?i:but|whereas)\s"  # "has 671B parameters but activates 37B": a contrast, comma or not
    r"|\n(?=[ \t]*[A-Z])",
)
# a sentence about models in general ("a model with billions of parameters", "training a large
# LLM"): notation of generic reference, not a vocabulary of names
_GENERIC_NOUN = (
    r"\b(?:a|an|any|most|many|some|other|typical|modern|such|these|those|smaller|larger"
    r"|similar|comparable|competing|rival)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:models?|LLMs?|networks?|systems?|setups?|clusters?)\b"
)
_GENERIC_SUBJECT = re.compile(
    _GENERIC_NOUN
    + r"|\b(?:is|are)\s+(?:common|typical|standard|usual)\b|\b(?:commonly|typically|usually)\b",
    re.I,
)
# "the cost of training a leading model": a model in general, but not as what the subject is
# ("It is a mixture-of-experts model with 671B parameters")
_GENERIC_PHRASE = re.compile(
    r"(?<!\bis )(?<!\bas )(?<!\bwas )(?<!['’]s )(?<!\bare )(?<!\bwere )" + _GENERIC_NOUN, re.I
)
# a name right after the figure, or after figures joined to it, names whose it is ("$5.58M for
# R1", "$15 and $60 for OpenAI's o1")
_ATTACHED = re.compile(r"\s*(?:(?:,|and|or)\s*\0\s*)*(?:for|of|by|from)\s+(?:the\s+)?")
# a unit word after these is what a figure is counted per ("for each token", "per GPU")
_PER_BEFORE = re.compile(r"(?:\bper|\beach|\bevery|/)\s*$", re.I)
# what may stand between a name and its parentheses: a variant's capitalised words ("GPT-4
# Turbo (72.6%)", "Claude 3.5 Sonnet (88.3%)")
_GLUED = re.compile(r"\w\w")  # a word character on both sides of a position
_VARIANT = re.compile(r"\s*(?:[A-Z0-9][\w.\-]*\s*){0,2}")
# a relative clause right after a figure names whose figure it is ("the 96.4% that o1 posts",
# "the $1B that similar models take")
_RELATIVE = re.compile(r"\s+(?:that|which)\s+(?:the\s+)?")
_VERSUS = re.compile(r"\s*(?:vs\.?|versus|against|compared\s+(?:to|with))\s*", re.I)
_PRONOUN = re.compile(r"\s*(?:It|Its|The\s+model|This\s+model|The\s+model['’]s)\b")
_FLEET_SUBJECT = {"gpu-count": "gpu-fleet-size"}  # a company's GPU count is its fleet
_DURATION_UNITS = DURATIONS


@dataclass
class Subject:
    model: str | None  # a model id, COMPANY, GENERIC, OTHER, or None (unknown)
    strong: bool = False
    how: str = ""


@dataclass(frozen=True)
class Scope:
    """What a block's sentences fall back on when they name no model."""

    heading: str | None = None  # the model the section's heading names
    previous: str | None = None  # the model the previous paragraph ended on
    fallback: str | None = None  # the section's model, else the article's main subject


@dataclass
class Sentence:
    start: int
    end: int
    parens: list[tuple[int, int]] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)


def parse_sentence(text: str, start: int, end: int) -> Sentence:
    s = Sentence(start, end)
    stack: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            s.parens.append((stack.pop(), i + 1))
    cuts = [start]
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if not any(a < m.start() < b for a, b in s.parens):
            cuts.append(m.start())
    cuts.append(end)
    s.clauses = [(a, b) for a, b in pairwise(cuts) if b > a]
    return s


def _innermost(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [(a, b) for a, b in spans if a <= start and end <= b]
    return min(inside, key=lambda p: p[1] - p[0]) if inside else None


class Attributor:
    def __init__(
        self, text: str, kb: KnowledgeBase, mentions: list[Mention], units: UnitSystem
    ) -> None:
        self.text = text
        self.kb = kb
        self.units = units
        self.vocab = vocabulary(kb)
        self.mentions = [m for m in mentions if m.kind in ("model", "company", "other")]
        self.benchmarks = [m for m in mentions if m.kind == "benchmark"]
        self.marks = [m for m in mentions if m.kind == "mark"]
        self.distill_sizes = _distill_sizes(kb)
        self._mention_starts = [m.start for m in self.mentions]
        self._benchmark_starts = [m.start for m in self.benchmarks]
        self.spans: list[tuple[int, int]] = []  # every figure's span, sorted (set by the caller)
        self.quantity_how = ""  # what decided the last quantity (for --explain)
        self.range_only: frozenset[str] = frozenset()  # recorded only as ranges (set by the caller)
        self._generic: dict[tuple[int, int], bool] = {}  # sentence span -> about models at large
        self._first_generic: dict[tuple[int, int], re.Match[str] | None] = {}  # clause -> match

    def names_in(self, start: int, end: int) -> list[Mention]:
        return _within(self.mentions, self._mention_starts, start, end)

    # --- the model -----------------------------------------------------------------
    def subject(self, raw: Raw, s: Sentence, carry: str | None, scope: Scope) -> Subject:
        found = self._explicit(raw, s)
        if found is None:
            paren = _innermost(s.parens, raw.start, raw.end)
            names = [
                m
                for m in self.names_in(s.start, s.end)
                if _innermost(s.parens, m.start, m.end) in (None, paren)
            ]
            clause = next((c for c in s.clauses if c[0] <= raw.start < c[1]), (s.start, s.end))
            # "models like R1 use …" is about models in general; "… by 93% relative to
            # Llama-style attention" compares the subject's figure with another
            if any(m.comparative and m.end <= raw.start for m in names):
                found = Subject(GENERIC, True, "only compared with")
            elif not names and self._generic_before(clause, raw.start):
                found = Subject(GENERIC, True, "a model in general named before it")
            elif carry:
                found = Subject(carry, False, "carried over")
            elif scope.heading and _PRONOUN.match(self.text, s.start):
                found = Subject(scope.heading, False, "the section's model")
            elif scope.previous and _PRONOUN.match(self.text, s.start):
                found = Subject(scope.previous, False, "the previous paragraph's model")
            elif scope.fallback and not raw.vague and not self._generic_subject(s):
                found = Subject(scope.fallback, False, "the section's or the article's subject")
            else:
                found = Subject(None)
        return self._distilled(raw, s, found)

    def _generic_subject(self, s: Sentence) -> bool:
        """Whether the sentence is about models in general (asked once per sentence: a
        sentence of many figures is not searched again for each)."""
        key = (s.start, s.end)
        if key not in self._generic:
            self._generic[key] = _GENERIC_SUBJECT.search(self.text, s.start, s.end) is not None
        return self._generic[key]

    def _generic_before(self, clause: tuple[int, int], end: int) -> bool:
        """Whether a phrase about a model in general stands in the clause before `end`: the
        same answer as searching the clause up to `end`, but the clause is searched once, not
        again for each of its figures (a clause of a thousand figures was quadratic)."""
        if clause not in self._first_generic:
            self._first_generic[clause] = _GENERIC_PHRASE.search(self.text, *clause)
        first = self._first_generic[clause]
        if end > 0 and _GLUED.match(self.text, end - 1):  # a boundary there only when cut there
            return _GENERIC_PHRASE.search(self.text, clause[0], end) is not None
        if first is None:  # a phrase in the clause cut at `end` is one in the whole clause
            return False
        if first.end() < end:
            return True
        # no phrase starts before the first one's start, but a shorter one may end before `end`
        return _GENERIC_PHRASE.search(self.text, first.start(), end) is not None

    def _explicit(self, raw: Raw, s: Sentence) -> Subject | None:
        relative = self._relative(raw, s)
        if relative is not None:
            return relative
        after = next(
            (p for p in s.parens if p[0] >= raw.end and not self.text[raw.end : p[0]].strip()), None
        )
        if (
            after is not None
            and after[1] - after[0] <= 120
            and "\0" not in self._figures_blanked(*after)
        ):
            # "~$5.6M (V3 base)": parentheses right after it, with no figure of their own (not
            # "(compared to OpenAI's 25 000 A100s)"), name whose it is
            named = self.names_in(*after)
            if any(m.comparative for m in named):
                named = []
            if named and named[0].kind == "model":
                return Subject(named[0].ref, True, "named in the parentheses after it")
            if named and named[0].kind == "other":
                return Subject(OTHER, True, "another model in the parentheses after it")
        paren = _innermost(s.parens, raw.start, raw.end)
        if paren is not None:
            inside = self.names_in(*paren)
            family = [m for m in inside if m.kind != "other"]
            if family:
                return Subject(_nearest(family, raw).ref, True, "named in the parentheses")
            if inside:
                return Subject(OTHER, True, "another model in the parentheses")
            if self._second_of_pair(raw, paren):  # "goes to o1 (78.3% vs 71.5%)"
                return Subject(None, False, "the other side of a comparison")
            before = [
                m
                for m in self.names_in(s.start, paren[0])
                if _VARIANT.fullmatch(self.text, m.end, paren[0])
            ]
            if before:
                m = before[-1]
                return Subject(
                    OTHER if m.kind == "other" else m.ref, True, "named before the parentheses"
                )
        clause = next((c for c in s.clauses if c[0] <= raw.start < c[1]), (s.start, s.end))
        # the figure's clause, else the clauses before it (a later clause has its own subject)
        for lo, hi in (clause, (s.start, clause[0])):
            names = [
                m
                for m in self.names_in(lo, hi)
                if not m.comparative
                and _innermost(s.parens, m.start, m.end) in (None, paren)
                and (m.end <= raw.start or m.start >= raw.end)  # "2,048 NVIDIA H800s": its own
            ]
            if not names:
                continue
            chosen = self._choose(raw, names)
            if chosen.kind == "company":
                family = [
                    m
                    for m in self.names_in(s.start, s.end)
                    if m.kind == "model" and not m.comparative
                ]
                if family:
                    chosen = _nearest(family, raw)
            if chosen.kind == "other":
                return Subject(OTHER, True, "another model")
            if lo != clause[0]:  # named only in an earlier clause: the likeliest, not certain
                return Subject(chosen.ref, False, EARLIER_CLAUSE)
            return Subject(chosen.ref, True, "named in the sentence")
        return None

    def _second_of_pair(self, raw: Raw, paren: tuple[int, int]) -> bool:
        """The figure follows another in the same parentheses across "vs": the name before the
        parentheses owns the first figure only."""
        first = bisect_left(self.spans, (paren[0], 0))
        if first >= len(self.spans) or self.spans[first][0] >= raw.start:
            return False
        between = self.text[self.spans[first][1] : raw.start]
        return bool(_VERSUS.fullmatch(between))

    def _relative(self, raw: Raw, s: Sentence) -> Subject | None:
        """The subject of a relative clause right after the figure: a name, or models in
        general."""
        rel = _RELATIVE.match(self.text, raw.end, s.end)
        if rel is None:
            return None
        named = [m for m in self.names_in(rel.end(), s.end) if m.start == rel.end()]
        if named and named[0].kind == "other":
            return Subject(OTHER, True, "another model, the subject of the clause after it")
        if named and named[0].kind == "model":
            return Subject(named[0].ref, True, "the subject of the clause after it")
        if _GENERIC_PHRASE.match(self.text, rel.end(), s.end):
            return Subject(GENERIC, True, "models in general, the subject of the clause after it")
        return None

    def _choose(self, raw: Raw, names: list[Mention]) -> Mention:
        after = [m for m in names if m.start >= raw.end]
        attached = [
            m for m in after if _ATTACHED.fullmatch(self._figures_blanked(raw.end, m.start))
        ]
        if attached:
            return attached[0]
        before = [m for m in names if m.end <= raw.start]
        return before[-1] if before else after[0]

    def _figures_blanked(self, start: int, end: int) -> str:
        """text[start:end] with each other figure in it as one NUL ("and \0 for")."""
        if end - start > 120:
            return self.text[start:end]
        out, pos = [], start
        first = bisect_left(self.spans, (start, 0))
        for a, b in self.spans[first:]:
            if a >= end:
                break
            if b <= end:
                out += [self.text[pos:a], "\0"]
                pos = b
        return "".join(out) + self.text[pos:end]

    def _distilled(self, raw: Raw, s: Sentence, found: Subject) -> Subject:
        if raw.unit != "parameters" or raw.low is None or raw.low != raw.high:
            return found
        block_text = self.text[max(0, s.start - 300) : s.end].lower()
        if found.model in self.distill_sizes or "distill" not in block_text:
            return found
        matches = [mid for mid, size in self.distill_sizes.items() if size == raw.low]
        if len(matches) == 1 and found.model not in (OTHER, GENERIC):
            return Subject(matches[0], True, "a distilled model of that size")
        return found

    def last_subject(self, s: Sentence) -> tuple[str | None, bool]:
        """The subject a sentence hands on, and whether it is only about models in general."""
        names = [
            m for m in self.names_in(s.start, s.end) if _innermost(s.parens, m.start, m.end) is None
        ]
        plain = [m for m in names if not m.comparative]
        if plain:
            last = plain[-1]
            return (OTHER if last.kind == "other" else last.ref), False
        return None, bool(names)

    # --- the unit and the quantity -------------------------------------------------
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
            if _PER_BEFORE.search(self.text, max(s.start, h.start - 8), h.start):
                continue  # "37 billion for each token": what it is counted per, not its unit
            distance = min(abs(h.start - raw.end), abs(raw.start - h.end))
            if best is None or distance < best[0]:
                best = (distance, unit)
        return best[1] if best else None

    def fits(self, raw: Raw, quantity: str) -> bool:
        """The figure's unit can measure the quantity (a figure without a unit fits none)."""
        return raw.unit is not None and unit_fits(self.kb, self.units, raw.unit, quantity)

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
        scope (its own words first)."""
        for lo, hi in scopes:
            best: tuple[int, str] | None = None
            for h in self.vocab.quantities.find(self.text, lo, hi):
                if self._masked(h.start, h.end, raw):
                    continue
                fitting = [q for q in h.refs if self.fits(raw, q)]
                if raw.low is not None and raw.low == raw.high and not raw.vague:
                    fitting = [q for q in fitting if q not in self.range_only]
                if only is not None:
                    fitting = [q for q in fitting if q in only]
                if not fitting:
                    continue
                distance = max(h.start - raw.end if h.start >= raw.end else raw.start - h.end, 0)
                if self._closer_figure(h.start, h.end, raw, distance):
                    continue  # "671B total, 37B active": "active" is the 37B's word
                if best is None or distance < best[0]:
                    best = (distance, fitting[0])
                    self.quantity_how = f"the term {self.text[h.start : h.end]!r}"
            if best is not None:
                return best[1]
        return None

    def _closer_figure(self, start: int, end: int, raw: Raw, distance: int) -> bool:
        """Another figure stands nearer these words than raw does (on the same line)."""
        i = bisect_left(self.spans, (start, start))
        for j in (i - 1, i):
            if not 0 <= j < len(self.spans):
                continue
            a, b = self.spans[j]
            if (a, b) == (raw.start, raw.end):
                continue
            other = max(start - b if b <= start else a - end, 0)
            between = self.text[min(b, start) : max(a, end)]
            if other < distance and "\n" not in between:
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
        """The quantity id and whether a cue word decided it (False: the unit's default)."""
        self.quantity_how = "the figure's unit"
        clause = next((c for c in s.clauses if c[0] <= raw.start < c[1]), (s.start, s.end))
        words = self._own_words(raw, clause)
        unit = raw.unit or ""
        if raw.hint in self.kb.quantities and (unit == "" or self.fits(raw, raw.hint)):
            self.quantity_how = "the term written with the number"
            return raw.hint, True  # the term written with the number ("61 layers")
        near = (raw.start, min(clause[1], raw.end + 30))
        if unit == "date":
            qid = self.nearest_term(raw, [clause])
            if qid:
                return self._known(qid), True
            self.quantity_how = "no term near it: the default quantity for a date"
            return self._known(self.default_quantity(unit)), False
        if unit == "percent":
            qid, strong = self._benchmark(raw, s, words)
            if qid is None:
                qid = self.nearest_term(raw, [near, clause])
                strong = qid is not None
            return qid, strong
        if unit == "count":
            qid = self.nearest_term(raw, [near, clause])
            return self._known(qid), qid is not None
        if unit == "tokens" and raw.hint == "context":
            return self._known("context-length"), True
        if unit == "sequences" or raw.hint == "batch":
            return self._known("batch-size"), True
        codeforces = any(b.ref == "codeforces-rating" for b in self._benchmarks_in(s))
        if unit == "rating" and not codeforces and not re.search(ELO, words):
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
        # the words right after it in its item, its item, then (as before) its clause
        own = (near[0], min(near[1], segment[1]))
        scopes = [near, clause] if segment == clause else [own, segment, near, clause]
        qid = qid or self.nearest_term(raw, scopes)
        if qid is not None:
            return self._known(qid), True
        default = self.default_quantity(unit)
        if unit == "tokens" and raw.low is not None and raw.low < 1e7:
            default = "context-length"
        if model == COMPANY:
            default = _FLEET_SUBJECT.get(default or "", default)
        self.quantity_how = f"no term near it: the default quantity for {unit}"
        return self._known(default), False

    def _term_in(self, raw: Raw, words: str) -> str | None:
        return first_fitting(self.vocab.quantities.find(words), lambda q: self.fits(raw, q))

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

    def _benchmarks_in(self, s: Sentence) -> list[Mention]:
        return _within(self.benchmarks, self._benchmark_starts, s.start, s.end)

    def _benchmark(self, raw: Raw, s: Sentence, words: str) -> tuple[str | None, bool]:
        if raw.hint == "percentile":  # "96.3rd percentile": its own word names the quantity
            qid = self.nearest_term(raw, [(raw.start, raw.end)])
            if qid is not None:
                return qid, True
        clause = next((c for c in s.clauses if c[0] <= raw.start < c[1]), (s.start, s.end))
        names = [
            b for b in self._benchmarks_in(s) if clause[0] <= b.start < clause[1]
        ] or self._benchmarks_in(s)
        if not names:
            return None, False
        follows = [
            b
            for b in names
            if b.start >= raw.end
            and re.fullmatch(
                rf"[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*(?:\(?{EVAL_MARK}\)?\s*)?(?:on|in|at|for)\s+(?:the\s+)?",
                self.text[raw.end : b.start],
                re.I,
            )
        ]
        chosen = follows[0] if follows else _nearest(names, raw, prefer_before=True)
        qid = next((q for q in chosen.refs or (chosen.ref,) if self.fits(raw, q)), None)
        if qid is None:  # "Codeforces" names a rating and a percentile: a % is the percentile
            return None, False
        near = self.text[max(s.start, raw.start - 60) : min(s.end, raw.end + 60)]
        return self.vocab.narrow(qid, near), True

    def _known(self, qid: str | None) -> str | None:
        return qid if qid in self.kb.quantities else None


_LIST_SEPARATOR = re.compile(r"[,;]\s|\s(?:and|or)\s")
_SEGMENT_REACH = 200


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
    return (clause[0] if start == lo and lo == clause[0] else start), (
        clause[1] if end == hi and hi == clause[1] else end
    )


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


def first_fitting(hits: list[Hit], accepts: Callable[[str], bool]) -> str | None:
    """The quantity of the first term hit that the figure fits."""
    for h in hits:
        fitting = [q for q in h.refs if accepts(q)]
        if fitting:
            return fitting[0]
    return None


def _within(items: list[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    """The mentions inside [start, end) (items sorted by start)."""
    return [m for m in items[bisect_left(starts, start) : bisect_left(starts, end)] if m.end <= end]


def _nearest(names: list[Mention], raw: Raw, prefer_before: bool = False) -> Mention:
    def distance(m: Mention) -> float:
        d = raw.start - m.end if m.end <= raw.start else m.start - raw.end
        return d + (0.5 if prefer_before and m.start >= raw.end else 0)

    return min(names, key=distance)


def _distill_sizes(kb: KnowledgeBase) -> dict[str, float]:
    sizes: dict[str, float] = {}
    for m in kb.models.values():
        found = re.search(r"(\d+(?:\.\d+)?)B$", m.name)
        if m.kind == "distilled-model" and found:
            sizes[m.id] = float(found.group(1)) * 1e9
    return sizes

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
from typing import NamedTuple

from r1kb.checksource.attribution.names import (
    EARLIER_CLAUSE,
    GENERIC,
    OTHER,
    nearest,
)
from r1kb.checksource.attribution.quantity import QuantityReader
from r1kb.checksource.attribution.sentence import Sentence
from r1kb.checksource.attribution.word_test import may_hold
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.mentions import Mention, within
from r1kb.checksource.lexicon.vocabulary import vocabulary
from r1kb.kb import KnowledgeBase
from r1kb.units import UnitSystem

# a sentence about models in general ("a model with billions of parameters", "training a large
# LLM"): notation of generic reference, not a vocabulary of names
_GENERIC_WORDS = (
    "a|an|any|most|many|some|other|typical|modern|such|these|those|smaller|larger"
    "|similar|comparable|competing|rival"
)
_GENERIC_NOUNS = "models?|LLMs?|networks?|systems?|setups?|clusters?"
_GENERIC_NOUN = rf"\b(?:{_GENERIC_WORDS})\s+(?:[\w-]+\s+){{0,2}}?(?:{_GENERIC_NOUNS})\b"
_USUAL = ("common", "typical", "standard", "usual")  # each adverb below holds one too
_GENERIC_SUBJECT = re.compile(
    _GENERIC_NOUN + rf"|\b(?:is|are)\s+(?:{'|'.join(_USUAL)})\b|\b(?:commonly|typically|usually)\b",
    re.I,
)
# "the cost of training a leading model": a model in general, but not as what the subject is
# ("It is a mixture-of-experts model with 671B parameters")
_NOT_AFTER = r"(?<!\bis )(?<!\bas )(?<!\bwas )(?<!['’]s )(?<!\bare )(?<!\bwere )"
# the phrase's first letter tested first: the look-behinds are tried only where it may start
_GENERIC_FIRST = rf"(?=[{''.join(sorted({w[0] for w in _GENERIC_WORDS.split('|')}))}])"
_GENERIC_PHRASE = re.compile(_GENERIC_FIRST + _NOT_AFTER + _GENERIC_NOUN, re.I)
# the noun every such phrase ends with, found first by its first letter: a stretch without one
# holds no phrase, and is not searched for one (most clauses name no "model" at all)
_NOUN_FIRST = rf"(?=[{''.join(sorted({w[0] for w in _GENERIC_NOUNS.split('|')}))}])"
_GENERIC_NOUN_ONLY = re.compile(rf"{_NOUN_FIRST}(?:{_GENERIC_NOUNS})", re.I)
# the words one of which any match of `_GENERIC_NOUN_ONLY`, and of `_GENERIC_SUBJECT`, holds
_NOUN_WORDS = tuple(w.removesuffix("s?").lower() for w in _GENERIC_NOUNS.split("|"))
_SUBJECT_WORDS = (*_NOUN_WORDS, *_USUAL)
# a name right after the figure, or after figures joined to it, names whose it is ("$5.58M for
# R1", "$15 and $60 for OpenAI's o1")
_ATTACHED = re.compile(r"\s*(?:(?:,|and|or)\s*\0\s*)*(?:for|of|by|from)\s+(?:the\s+)?")
# a character `_ATTACHED` never reads: no name after one in the gap is attached (see
# `_witness`; a test holds the two together)
_NOT_JOINING = re.compile(r"[^\s,\0abdefhmnorty]")
_SPACES = re.compile(r"\s*")
# what a gap `_ATTACHED` reads starts with after its white space (a test holds it)
_ATTACHED_START = re.compile(r"[,aofb]")
# what may stand between a name and its parentheses: a variant's capitalised words ("GPT-4
# Turbo (72.6%)", "Claude 3.5 Sonnet (88.3%)")
_GLUED = re.compile(r"\w\w")  # a word character on both sides of a position
_VARIANT = re.compile(r"\s*(?:[A-Z0-9][\w.\-]*\s*){0,2}")
# a relative clause right after a figure names whose figure it is ("the 96.4% that o1 posts",
# "the $1B that similar models take")
_RELATIVE = re.compile(r"\s+(?:that|which)\s+(?:the\s+)?")
# a relative clause the figure stands in, right after a name: "… beats o1 on AIME 2024, which
# scores 79.2%" (the name before the comma is the clause's subject, not the sentence's)
_WHICH_BEFORE = re.compile(r",\s*(?:which|who)\s+(?:[\w'’-]+\s+){0,3}\Z", re.I)
_WHICH_REACH = 60
# the other side of a comparison: a figure after "than the", "below the estimated", "compared
# with the" ("cost $294,000, far below the tens of millions the industry assumes"); not "less
# than $6 million", a bound of the subject's own figure
# the words that set the other side of a comparison, each with what follows it in the pattern
_OTHER_SIDE_LEADS = {
    "than": "", "below": "", "above": "", "compared": r"\s+(?:to|with)", "versus": "",
    "vs": r"\.?", "unlike": "",
}  # fmt: skip
_OTHER_SIDE = re.compile(
    rf"\b(?:{'|'.join(word + rest for word, rest in _OTHER_SIDE_LEADS.items())})\s+"
    r"(?:the|a|an|their|its|those|what)\s+(?:[\w-]+\s+){0,2}\Z",
    re.I,
)
_OTHER_SIDE_REACH = 60
_OTHER_SIDE_WORDS = tuple(_OTHER_SIDE_LEADS)  # one of which any match of _OTHER_SIDE holds
# the other side of the comparison is the figure said of the subject ("than the reported $6M")
_REPORTED = re.compile(
    r"\b(?:reported|claimed|stated|official|announced|quoted|touted|headline|publici[sz]ed|widely)\b",
    re.I,
)
_VERSUS = re.compile(r"\s*(?:vs\.?|versus|against|compared\s+(?:to|with))\s*", re.I)
# a phrase put before a sentence's subject: "Built on DeepSeek-V3, R1 …", "After V3 came out in
# December, R1 …", "Distilled from DeepSeek-R1, the 32B model …"
_FRONTED = re.compile(
    r"\s*(?:after|before|since|while|although|though|unlike|like|compared\s+(?:to|with)|"
    r"besides|beyond|despite|following|with|from|for|in|on|as|"
    r"(?:[a-z]+ed|built|made|run|known|taken)\s+(?:on|upon|from|by|with|to|after|in))"
    r"\b[^,.;:]{1,120},",
    re.I,
)
# between a name and the figure it owns: a possessive ("o1's 79.2%", "GPT-4o’s 9.3%"), or
# spaces on one line in a list of names and figures ("AIME 2024: R1 79.8%, o1 79.2%")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+|[ \t]+|\s+with\s+(?:an?\s+|its\s+|just\s+|only\s+)?")
# between the name an apposition is to and its comma: "V3 model", "Kimi k1.5"
_HEAD_TAIL = re.compile(r"(?:\s+[\w.-]+){0,2}\s*")
_APPOSITION_REACH = 80  # the longest apposition read: ", a reproduction of … X"
# how a clause in apposition to a name begins: ", a reproduction of", ", the model … on,"
_APPOSITION = re.compile(r"[\s,;(—–-]*(?:an?|the|which|who|whose|one\s+of|its|their)\b", re.I)
_PRONOUN = re.compile(r"\s*(?:It|Its|The\s+model|This\s+model|The\s+model['’]s)\b")


Named = tuple[Mention, tuple[int, int] | None]  # a name and its innermost parentheses


class Subject(NamedTuple):
    """Whose figure it is and what said so (a tuple, not a dataclass: one or two are made for
    each figure; fields, equality between subjects and repr as the dataclass had them)."""

    model: str | None  # a model id, COMPANY, GENERIC, OTHER, or None (unknown)
    strong: bool = False
    how: str = ""


class Scope(NamedTuple):
    """What a block's sentences fall back on when they name no model (a tuple, not a frozen
    dataclass, which set each field through object.__setattr__: one is made for each block
    read)."""

    heading: str | None = None  # the model the section's heading names
    previous: str | None = None  # the model the previous paragraph ended on
    fallback: str | None = None  # the section's model, else the article's main subject


class Attributor(QuantityReader):
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
        self.distill_sizes = kb.derived("distill_sizes", _distill_sizes)
        self._mention_starts = [m.start for m in self.mentions]
        self._benchmark_starts = [m.start for m in self.benchmarks]
        self.spans: list[tuple[int, int]] = []  # every figure's span, sorted (set by the caller)
        self.quantity_how = ""  # what decided the last quantity (for --explain)
        self.range_only: frozenset[str] = frozenset()  # recorded only as ranges (set by the caller)
        self._generic: dict[tuple[int, int], bool] = {}  # sentence span -> about models at large
        self._first_generic: dict[tuple[int, int], re.Match[str] | None] = {}  # clause -> match
        self._named: tuple[Sentence | None, list[Named]] = (None, [])  # the last sentence's
        self._named_starts: list[int] = []  # where each of them starts
        self._fit: dict[tuple[str, str], bool] = {}

    def names_in(self, start: int, end: int) -> list[Mention]:
        return within(self.mentions, self._mention_starts, start, end)

    def names_any(self, start: int, end: int) -> bool:
        """Whether `names_in` finds a name (without listing them: a block or a sentence is asked
        only whether it names one)."""
        starts = self._mention_starts
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            if self.mentions[i].end <= end:
                return True
        return False

    def names_from(self, start: int, end: int) -> list[Mention]:
        """The names that start in [start, end), wherever they end."""
        starts = self._mention_starts
        return self.mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    def named(self, s: Sentence) -> list[Named]:
        """The names in the sentence, each with its innermost parentheses: found once for
        the sentence, not again for each of its figures."""
        if self._named[0] is not s:
            names = self.names_in(s.start, s.end)
            if names:
                self._named = (s, [(m, s.innermost(m.start, m.end)) for m in names])
                self._named_starts = [m.start for m in names]
            else:  # (most sentences: no list made from nothing)
                self._named, self._named_starts = (s, []), []
        return self._named[1]

    # --- the model -----------------------------------------------------------------
    def subject(self, raw: Raw, s: Sentence, carry: str | None, scope: Scope) -> Subject:
        paren = s.innermost(raw.start, raw.end) if s.parens else None
        found = self._explicit(raw, s, paren)
        if found is None:
            names = [m for m, inner in self.named(s) if inner is None or inner == paren]
            clause = s.clause_at(raw.start)
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
            self._generic[key] = (
                may_hold(self.text, s.start, s.end, _SUBJECT_WORDS)
                and _GENERIC_SUBJECT.search(self.text, s.start, s.end) is not None
            )
        return self._generic[key]

    def _generic_before(self, clause: tuple[int, int], end: int) -> bool:
        """Whether a phrase about a model in general stands in the clause before `end`: the
        same answer as searching the clause up to `end`, but the clause is searched once, not
        again for each of its figures (a clause of a thousand figures was quadratic)."""
        if clause not in self._first_generic:
            noun = may_hold(self.text, *clause, _NOUN_WORDS) and _GENERIC_NOUN_ONLY.search(
                self.text, *clause
            )
            found = _GENERIC_PHRASE.search(self.text, *clause) if noun else None
            self._first_generic[clause] = found
        first = self._first_generic[clause]
        if end > 0 and _GLUED.match(self.text, end - 1):  # a boundary there only when cut there
            return _GENERIC_PHRASE.search(self.text, clause[0], end) is not None
        if first is None:  # a phrase in the clause cut at `end` is one in the whole clause
            return False
        if first.end() < end:
            return True
        # no phrase starts before the first one's start, but a shorter one may end before `end`
        return _GENERIC_PHRASE.search(self.text, first.start(), end) is not None

    def _explicit(self, raw: Raw, s: Sentence, paren: tuple[int, int] | None) -> Subject | None:
        """The model the sentence names for the figure (`paren`: the figure's innermost
        parentheses)."""
        # a sentence that names nothing pairs no name with the figure by "respectively", and
        # names no subject of the relative clause it stands in: neither is asked there
        in_sentence = self.named(s)
        if in_sentence:
            listed = self.paired(raw, s, "name", lambda s: self.names_in(s.start, s.end))
            if listed is not None:  # "R1 and o1 score 79.8% and 79.2%, respectively"
                if listed.kind == "other":
                    return Subject(OTHER, True, "another model's, by 'respectively'")
                how = "the model its list pairs it with, by 'respectively'"
                return Subject(listed.ref, True, how)
        relative = self._relative(raw, s) or (self._in_relative(raw, s) if in_sentence else None)
        if relative is not None:
            return relative
        owner = self._owner(raw)
        if owner is not None:
            return owner
        if self._other_side(raw, s):
            return Subject(GENERIC, True, "the other side of a comparison")
        if not in_sentence:  # of what follows, only a pair in parentheses answers without one
            if paren is not None and self._second_of_pair(raw, paren):
                return Subject(None, False, "the other side of a comparison")
            return None
        # parentheses right after it, across white space only
        after = s.paren_opened_at(_SPACES.match(self.text, raw.end).end()) if s.parens else None
        if after is not None and not self._has_figure(*after):
            # "~$5.6M (V3 base)": parentheses right after it, with no figure of their own (not
            # "(compared to OpenAI's 25 000 A100s)"), name whose it is
            named = self.names_in(*after)
            if any(m.comparative for m in named):
                named = []
            if named and named[0].kind == "model":
                return Subject(named[0].ref, True, "named in the parentheses after it")
            if named and named[0].kind == "other":
                return Subject(OTHER, True, "another model in the parentheses after it")
        if paren is not None:
            inside = self.names_in(*paren)
            family = [m for m in inside if m.kind != "other"]
            if family:
                return Subject(nearest(family, raw).ref, True, "named in the parentheses")
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
        clause = s.clause_at(raw.start)
        # the figure's clause, else the clauses before it (a later clause has its own subject)
        for lo, hi in (clause, (s.start, clause[0])):

            def fits(m: Mention, inner: tuple[int, int] | None, hi: int = hi) -> bool:
                return (
                    m.end <= hi
                    and not m.comparative
                    and (inner is None or inner == paren)
                    and (m.end <= raw.start or m.start >= raw.end)  # "2,048 H800s": its own
                    and not self._in_apposition(m, raw)
                )

            # the names in [lo, hi), a stretch of the sentence, that may be the figure's
            first = bisect_left(self._named_starts, lo)
            chosen = self._chosen(
                raw, in_sentence, first, bisect_left(self._named_starts, hi), fits
            )
            if chosen is None:
                continue
            if (
                chosen.kind == "other"
                and chosen.start >= raw.end
                and _PRONOUN.match(self.text, s.start)
                and not self._attached(raw, chosen)
            ):
                return None  # "It has 671B parameters and beat GPT-4": the pronoun's, carried
            if chosen.kind == "company":
                family = [m for m, _ in in_sentence if m.kind == "model" and not m.comparative]
                if family:
                    chosen = nearest(family, raw)
            if chosen.kind == "other":
                return Subject(OTHER, True, "another model")
            if lo != clause[0]:  # named only in an earlier clause: the likeliest, not certain
                return Subject(chosen.ref, False, EARLIER_CLAUSE)
            return Subject(chosen.ref, True, "named in the sentence")
        return None

    def _in_apposition(self, m: Mention, raw: Raw) -> bool:
        """Whether the name stands in an apposition closed before the figure, to a name right
        before it ("Sky-T1, a reproduction of DeepSeek-R1, was trained for $450": not R1's
        figure; "DeepSeek-V3, the model R1 is built on, cost $5.6M": V3's, not R1's)."""
        if m.end > raw.start:
            return False
        opened = self.text.rfind(",", max(0, m.start - _APPOSITION_REACH), m.start)
        closed = self.text.find(",", m.end, raw.start)
        if opened < 0 or closed < 0 or not _APPOSITION.match(self.text, opened + 1):
            return False
        i = bisect_left(self._mention_starts, opened) - 1  # the last name before the comma
        return i >= 0 and _HEAD_TAIL.fullmatch(self.text, self.mentions[i].end, opened) is not None

    def owner_before(self, raw: Raw, start: int) -> Mention | None:
        """The name that stands right before the figure, after `start`, by its possessive or
        its name alone on the line ("o1's 79.2%", "o1 79.2%"); not the company's."""
        i = bisect_left(self._mention_starts, raw.start) - 1
        if i < 0 or self.mentions[i].start < start:
            return None
        m = self.mentions[i]
        if m.kind == "company" or not _POSSESSIVE_GAP.fullmatch(self.text, m.end, raw.start):
            return None
        return m

    def _owner(self, raw: Raw) -> Subject | None:
        """The model whose possessive, or whose name alone, stands right before the figure
        ("ahead of o1's 79.2%", "compared with GPT-4o's 9.3%", "R1 79.8%, o1 79.2%"): the
        figure is its own, whatever compares it (such a name after "ahead of" was set aside as
        compared with, and the figure went to R1)."""
        m = self.owner_before(raw, 0)
        if m is None:
            return None
        if m.kind == "other":
            return Subject(OTHER, True, "another model's, named right before it")
        return Subject(m.ref, True, "the model's, named right before it")

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

    def _other_side(self, raw: Raw, s: Sentence) -> bool:
        """The figure stands after "than the …" with a figure before it in its sentence (the
        subject's side), and no name is attached to it ("… than the $5.6M of V3" is V3's)."""
        lo = max(s.start, raw.start - _OTHER_SIDE_REACH)
        if not may_hold(self.text, lo, raw.start, _OTHER_SIDE_WORDS):
            return False
        side = _OTHER_SIDE.search(self.text[lo : raw.start])
        if side is None or _REPORTED.search(side.group()):
            return False  # "far greater than the initially reported $6 million": the claim's
        i = bisect_left(self.spans, (raw.start, 0))
        if i == 0 or self.spans[i - 1][0] < s.start:
            return False  # no figure of the subject's before it
        named = self.named(s)
        j = bisect_left(self._named_starts, raw.end)  # the first name after it
        return not (j < len(named) and self._attached(raw, named[j][0]))

    def _in_relative(self, raw: Raw, s: Sentence) -> Subject | None:
        """The subject of the relative clause the figure stands in: the last name before its
        comma ("… beats o1 on AIME 2024, which scores 79.2%": o1's, not the sentence's
        subject's)."""
        comma = which_comma(self.text, max(s.start, raw.start - _WHICH_REACH), raw.start)
        if comma < 0:
            return None
        named = self.named(s)
        # the last name outside parentheses before the comma, read back from it (names never
        # overlap: they end in the order they start); one compared with is the clause's own
        j = bisect_left(self._named_starts, comma) - 1
        while j >= 0 and (named[j][1] is not None or named[j][0].end > comma):
            j -= 1
        if j < 0:
            return None
        m = named[j][0]
        if m.kind == "other":
            return Subject(OTHER, True, "another model, the subject of the clause it stands in")
        if m.kind == "model":
            return Subject(m.ref, True, "the subject of the clause it stands in")
        return None

    def _chosen(
        self,
        raw: Raw,
        named: list[Named],
        first: int,
        end: int,
        fits: Callable[[Mention, tuple[int, int] | None], bool],
    ) -> Mention | None:
        """Of the names named[first:end] that fit, the first after the figure that is
        attached to it ("… for DeepSeek-R1"), else the last one before it, else the first
        one after it (None: none fits). Read outward from the figure, not all of them for
        each figure (a sentence, cut at 1,200 characters, of a hundred names and figures
        read them all for every figure); the names after it only while one could still be
        attached."""
        split = bisect_left(self._named_starts, raw.end, first, end)
        first_after, witness = None, -1
        for m, inner in named[split:end]:
            if fits(m, inner):
                if witness < raw.end:
                    witness = self._witness(raw.end, named[end - 1][0].start)
                if m.start <= witness and self._attached(raw, m):
                    return m
                if first_after is None:
                    first_after = m
                if m.start > witness:
                    break  # the witness lies in its gap and in every later name's
        before = next((m for m, inner in reversed(named[first:split]) if fits(m, inner)), None)
        return before if before is not None else first_after

    def _attached(self, raw: Raw, m: Mention) -> bool:
        """The name is attached to the figure across `_ATTACHED`. Most gaps fail at their
        first character, tested before the gap is copied with its figures blanked: one that
        no gap `_ATTACHED` reads starts with, unless a figure (then a NUL) starts there."""
        lead = _SPACES.match(self.text, raw.end, m.start).end()
        if lead == m.start:
            return False  # only white space: no joining word
        if not _ATTACHED_START.match(self.text, lead) and not self._has_figure(raw.end, lead + 1):
            return False
        return _ATTACHED.fullmatch(self._figures_blanked(raw.end, m.start)) is not None

    def _witness(self, start: int, end: int) -> int:
        """The first place in text[start:end] whose character no gap `_ATTACHED` reads, left
        as it is in every gap from `start` (no figure that starts at or after `start` holds
        it: `_figures_blanked` blanks only those): no name that starts after it is attached
        to a figure ending at `start`. `end` where there is none."""
        pos = start
        while (found := _NOT_JOINING.search(self.text, pos, end)) is not None:
            p = found.start()
            held = self.spans[
                bisect_left(self.spans, (start, 0)) : bisect_right(self.spans, (p, 1 << 62))
            ]
            if not any(b > p for _, b in held):
                return p
            pos = p + 1
        return end

    def _has_figure(self, start: int, end: int) -> bool:
        """Whether a figure starts in text[start:end]."""
        i = bisect_left(self.spans, (start, 0))
        return i < len(self.spans) and self.spans[i][0] < end

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
        """A size in a sentence about distilled models is the distilled model of that size
        ("six dense models (1.5B, 7B, 8B …) distilled from DeepSeek-R1"; "R1-Distill-Qwen-1.5B,
        7B, 14B": 7B is not the 1.5B model's); of two of a size, the one made from the model
        named ("8B": Llama-8B from R1, not Qwen3-8B from R1-0528)."""
        if raw.unit != "parameters" or raw.low is None or raw.low != raw.high:
            return found
        if found.model in (OTHER, GENERIC) or self.distill_sizes.get(found.model) == raw.low:
            return found
        if not says_distilled(self.text, max(0, s.start - 300), s.end):
            return found
        match = self.distilled_of_size(raw.low, found.model)
        return Subject(match, True, "a distilled model of that size") if match else found

    def distilled_of_size(self, size: float, model: str | None) -> str | None:
        """The one distilled model of this size; of two, the one made from `model` (or from
        the model it was made from)."""
        matches = [mid for mid, s in self.distill_sizes.items() if s == size]
        if len(matches) > 1:
            named = {model, *self._parents(model)} if model else set()
            matches = [m for m in matches if self._parents(m) & named] or matches
        return matches[0] if len(matches) == 1 else None

    def _parents(self, model: str | None) -> set[str]:
        found = self.kb.models.get(model or "")
        return {d.get("model", "") for d in found.derived_from} if found else set()

    def last_subject(self, s: Sentence) -> tuple[str | None, bool]:
        """The subject a sentence hands on, and whether it is only about models in general."""
        named = self.named(s)
        if not named:
            return None, False  # names nothing: hands on nothing of its own
        names = [m for m, inner in named if inner is None]
        plain = [m for m in names if not m.comparative]
        if plain:
            # the first model named, the sentence's subject ("OpenAI's o1 was released a month
            # before R1. It costs $60 …": o1's, not R1's), after a phrase put before it
            # ("Built on DeepSeek-V3, R1 was …": R1's), else the company
            fronted = _FRONTED.match(self.text, s.start, s.end)
            after = [m for m in plain if fronted is None or m.start >= fronted.end()] or plain
            first = next((m for m in after if m.kind != "company"), plain[-1])
            return (OTHER if first.kind == "other" else first.ref), False
        return None, bool(names)


def says_distilled(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] says "distill" in lower case: asked first of the text folded
    once (a superset: it also reads "ſ" as an "s"), and only where that finds it, of a copy
    in lower case (a sentence and the 300 characters before it were copied and lowered for
    each figure of a size)."""
    return may_hold(text, start, end, ("distill",)) and "distill" in text[start:end].lower()


def which_comma(text: str, lo: int, end: int) -> int:
    """Where `_WHICH_BEFORE` matches in text[lo:end] (its comma), else -1: matched at the last
    comma only (none stands after "which"), not searched for in a copy of the stretch."""
    comma = text.rfind(",", lo, end)
    if comma < 0 or _WHICH_BEFORE.match(text, comma, end) is None:
        return -1
    return comma


def _distill_sizes(kb: KnowledgeBase) -> dict[str, float]:
    sizes: dict[str, float] = {}
    for m in kb.models.values():
        found = re.search(r"(\d+(?:\.\d+)?)B$", m.name)
        if m.kind == "distilled-model" and found:
            sizes[m.id] = float(found.group(1)) * 1e9
    return sizes

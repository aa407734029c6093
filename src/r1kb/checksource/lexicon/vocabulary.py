"""check-source's vocabulary, compiled once per run from data/quantities.yaml and data/models.yaml.

Nothing here names a quantity, a benchmark or a model: the words come from the records
(`terms` and `qualifiers` of quantities and units, `aliases` of models, `outside` names,
`accelerators`). A term is matched case-insensitively as whole words; any run of spaces,
hyphens or underscores between its words matches any other (or none), a trailing `*` on a word
matches any ending (also after a hyphen or dot: `GPT*` matches GPT-4o), and a last word
ending in a letter also matches its plural.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from r1kb import diskcache
from r1kb.capped import CappedDict
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon import pairs, starts
from r1kb.checksource.lexicon import tails as unit_tails
from r1kb.checksource.lexicon.ends_before import ends_before
from r1kb.checksource.lexicon.folding import fold
from r1kb.checksource.lexicon.pairs import by_pairs, pair_key
from r1kb.checksource.lexicon.starts import (
    GAP,
    STEPS,
    WORD_SPLIT,
    last_word,
    scanner,
    separators,
    stops,
)
from r1kb.kb import KnowledgeBase
from r1kb.patterncache import compile_all

# a word starts after a non-word character, or where a flattened page glued it onto the word
# before it ("128KV headsDim per head"): a capital right after a small letter
_WORD_START = r"(?:(?<![\w])|(?-i:(?<=[a-z])(?=[A-Z])))"


def term_pattern(term: str) -> str:
    """The regular expression of one term (see the module docstring)."""
    words = [w for w in WORD_SPLIT.split(term.strip()) if w]
    parts = []
    for i, word in enumerate(words):
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"\w*(?:[\-‑.]\w+)*")  # GPT* → GPT-4o
        elif len(words) == 1 and len(word) >= 2 and word.isupper() and word.isalpha():
            # a name in capitals ("MATH", "DROP", "RACE") in capitals, or in a title's case
            # ("On Math"), never in lower case: then it is a word ("strong at math" was MATH-500)
            parts.append(f"(?-i:{re.escape(word)}|{re.escape(word.capitalize())})")
        elif i == len(words) - 1 and word[-1].isalpha():
            parts.append(re.escape(word) + r"(?:s|es)?")
        else:
            parts.append(re.escape(word))
    body = GAP.join(parts)
    first = words[0][0] if words else ""
    last = words[-1][-1] if words else ""
    head = _WORD_START if first.isalnum() else ""
    tail = r"(?![\w])" if (last.isalnum() or last == "*") else ""
    return head + body + tail


def alternation(patterns: list[tuple[int, str]]) -> str:
    """The terms' patterns as one alternation, each in its named group `t<index>`, tried in
    order. Where every one begins with the word-start test, that test is made once, before the
    alternatives: the same matches, without the look-behinds tried again for each term. Terms
    next to each other that begin with the same characters read them once (see `_shared`)."""
    if patterns and all(p.startswith(_WORD_START) for _, p in patterns):
        return f"{_WORD_START}(?:{_shared([(i, p[len(_WORD_START) :]) for i, p in patterns])})"
    return _shared(patterns)


# a character a pattern spells as itself (re.escape's output: a letter, a digit, or an escaped
# character that is not a letter or digit), unless a quantifier follows it
_LITERAL = re.compile(r"(?:\\[^\w]|[^\\.^$*+?{}\[\]|()])(?![*+?{])")


def _lead(source: str) -> list[str]:
    """The characters a pattern begins with, each as its source writes it ("DeepSeek" of
    "DeepSeek[\\s…]*V3"): every match of it begins with them, one text character each."""
    out, pos = [], 0
    while (m := _LITERAL.match(source, pos)) is not None:
        out.append(m.group())
        pos = m.end()
    return out


def _shared(patterns: list[tuple[int, str]]) -> str:
    """`"|".join(f"(?P<t{i}>{p})" …)`, with the characters that patterns next to each other
    begin with written once before them: "DeepSeek(?:(?P<t1>…V3…)|(?P<t2>…))" for
    "(?P<t1>DeepSeek…V3…)|(?P<t2>DeepSeek…)". The same matches in the same order (a run of
    alternatives that share a beginning is tried as each of them would be, one after another,
    and those characters match one text character each, the same way in every alternative:
    nothing to backtrack into), each named by its own term's group, which ends where the match
    ends; the engine reads the shared characters once, not once per term (re.I reads a
    character through its case folding, and a group of names tried at "DeepSeek" read it a
    dozen times)."""
    leads = [(i, _lead(p), p) for i, p in patterns]
    return _runs([(i, lead, p[sum(map(len, lead)) :]) for i, lead, p in leads])


def _runs(items: list[tuple[int, list[str], str]]) -> str:
    """The alternation of `_shared`, of each item's lead still to write and the rest."""
    out, k = [], 0
    while k < len(items):
        i, lead, rest = items[k]
        stop = k + 1
        while stop < len(items) and lead and items[stop][1][:1] == lead[:1]:
            stop += 1
        if stop == k + 1:
            out.append(f"(?P<t{i}>{''.join(lead)}{rest})")
        else:
            run = items[k:stop]
            common = 1
            while all(len(r[1]) > common and r[1][common] == lead[common] for r in run):
                common += 1
            inner = _runs([(j, r_lead[common:], r_rest) for j, r_lead, r_rest in run])
            out.append(f"{''.join(lead[:common])}(?:{inner})")
        k = stop
    return "|".join(out)


class Hit(NamedTuple):
    """A term found: where, and what it names (a named tuple: one is built for every term
    found, and a frozen dataclass took twice as long to build and to hash)."""

    start: int
    end: int
    refs: tuple[str, ...]  # the quantity (or unit) ids the words stand for


_CODE_KEY = diskcache.key_of(
    *(Path(m.__file__).read_bytes() for m in (n, pairs, starts, unit_tails)),
    Path(__file__).read_bytes(),
)


def _plan(terms: dict[str, list[str]]) -> tuple:
    """The pattern texts of a term set (plain values), kept in the disk cache under the terms
    and this code: working them out takes longer than checking an article."""
    key = diskcache.key_of("termset", _CODE_KEY, sorted((k, list(v)) for k, v in terms.items()))
    stored = diskcache.read("termset", key)
    if isinstance(stored, tuple) and len(stored) == 10:
        return stored
    by_term: dict[str, list[str]] = defaultdict(list)
    for ref, words in terms.items():
        for t in words:
            if t.strip() and ref not in by_term[t.strip()]:
                by_term[t.strip()].append(ref)
    ordered = sorted(by_term, key=lambda t: (-len(t), t))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(ordered):
        groups[t[0].lower()].append(i)
    patterns = [term_pattern(t) for t in ordered]
    sources = [alternation([(i, patterns[i]) for i in members]) for members in groups.values()]
    first_words = [next((w for w in WORD_SPLIT.split(t) if w), "") for t in ordered]
    by_pair = by_pairs(
        [pair_key(t, w) for t, w in zip(ordered, first_words, strict=True)],
        [t[0].lower() for t in ordered],
    )
    finals, wild = _finals(ordered)
    letters = "".join(sorted({c for f in finals if f.isascii() for c in (f, f.upper())}))
    word = "A-Za-z0-9_" if wild else ""
    plan = (
        [by_term[t] for t in ordered],
        list(groups),
        sources,
        scanner(ordered),
        starts.any_of(_needles(ordered)),
        sorted(finals),
        wild,
        f"[{re.escape(letters)}{word}\\x80-\\U0010ffff]",
        list(by_pair),
        [alternation([(i, patterns[i]) for i in m]) for m in by_pair.values()],
    )
    diskcache.write("termset", key, plan)
    return plan


_UNKNOWN = object()
_PAIRS_KEPT = 4096  # pairs of characters whose terms a term set keeps (prose uses a few hundred)


class TermSet:
    """Many terms, matched longest first, each match with its ids.

    The terms are grouped by their first character, one alternation per group, tried only where
    a word starts with that character: linear in the text, whatever the number of terms.
    """

    def __init__(self, terms: dict[str, list[str]]) -> None:
        plan = _plan(terms)
        refs, group_keys, sources, scan, needles, finals, wild, final_chars = plan[:8]
        pair_keys, pair_sources = plan[8:]
        self._refs = [tuple(r) for r in refs]
        compiled = compile_all(
            [(final_chars, 0), (needles, 0)]
            + [(src, re.I) for src in sources]
            + [(src, re.I) for src in pair_sources]
            + ([(scan, 0), (stops(scan), 0)] if scan else [])
        )
        self._final_chars = compiled[0]
        self._needles = compiled[1]
        self._groups = dict(zip(group_keys, compiled[2:], strict=False))
        self._pairs = dict(zip(pair_keys, compiled[2 + len(sources) :], strict=False))
        self._starts = compiled[-2] if scan else None
        self._stops = compiled[-1] if scan else None
        self._finals, self._wild_end = set(finals), wild
        self._by_pair: CappedDict[str, re.Pattern[str] | None] = CappedDict(_PAIRS_KEPT)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        return list(self.hits(text, start, end))

    def hits(
        self, text: str, start: int = 0, end: int | None = None, last: int | None = None
    ) -> Iterator[Hit]:
        """The hits of find, one by one; with `last`, only those up to the first one that starts
        after `last` (a caller that needs a term near a position stops the scan there).
        The places of `starts.places`, read off the scan here: asked for every figure's words,
        a generator between them cost as much as the terms tried."""
        scan = self._starts
        if scan is None:
            return
        end = len(text) if end is None else end
        last = end if last is None else last  # no place lies past the end
        pos, hit_at = start, self._hit_at
        if start == 0 < end:
            if last < 0:
                return
            if (hit := hit_at(text, 0, end)) is not None:
                yield hit
                pos = hit.end
        for m in self._scan(text, max(start - 1, 0), end, last):
            at = m.start()
            for step in STEPS[m.lastgroup]:
                place = at + step
                if place < pos:
                    continue  # inside the last hit (or before the start)
                if place > last:
                    return
                if (hit := hit_at(text, place, end)) is not None:
                    yield hit
                    pos = hit.end

    def _scan(self, text: str, lo: int, end: int, last: int) -> Iterator[re.Match[str]]:
        """The scan's matches in text[lo:end] that start at or before `last` (a place lies at
        most one character after its match): where `last` is well before the end, the scan is
        tried only at the characters it stops at up to there, not searched for up to the end
        (its look-aheads still read up to the end)."""
        scan = self._starts
        if last + 1 >= end:
            return scan.finditer(text, lo, end)
        match = scan.match
        return (
            m
            for stop in self._stops.finditer(text, lo, last + 1)
            if (m := match(text, stop.start(), end)) is not None
        )

    def first_hit(self, text: str, start: int, end: int, last: int) -> Hit | None:
        """The first of `hits` (the term right after a number, asked for every number): the
        same scan as one loop, without a generator set up for the one hit wanted."""
        scan = self._starts
        if scan is None:
            return None
        hit_at = self._hit_at
        if start == 0 < end:
            if last < 0:
                return None
            if (hit := hit_at(text, 0, end)) is not None:
                return hit
        lo = max(start - 1, 0)
        if last + 1 >= end:
            matches: Iterable[re.Match[str] | None] = scan.finditer(text, lo, end)
        else:  # (see _scan: the scan tried only at its stops up to `last`)
            match = scan.match
            matches = map(
                lambda stop: match(text, stop.start(), end),
                self._stops.finditer(text, lo, last + 1),
            )
        for m in matches:
            if m is None:
                continue
            for step in STEPS[m.lastgroup]:
                place = m.start() + step
                if place < start:
                    continue
                if place > last:
                    return None
                if (hit := hit_at(text, place, end)) is not None:
                    return hit
        return None

    def hits_at(
        self, text: str, where: Iterable[int], start: int, end: int, last: int | None = None
    ) -> Iterator[Hit]:
        """The hits of `hits`, with the terms tried only at these places (in order, some
        maybe twice): any that hold each place this set's own scan gives from `start`."""
        pos, hit_at = start, self._hit_at
        for place in where:
            if place < pos:
                continue  # inside the last hit (or given twice)
            if last is not None and place > last:
                return
            if (hit := hit_at(text, place, end)) is not None:
                yield hit
                pos = hit.end

    def _hit_at(self, text: str, place: int, end: int) -> Hit | None:
        """The longest term that matches at a place (and is not empty), if any."""
        group = self.terms_at(text, place, end)
        if group is None or (m := group.match(text, place, end)) is None or m.end() == place:
            return None
        return self.hit_of(m)

    def terms_at(self, text: str, pos: int, end: int) -> re.Pattern[str] | None:
        """The terms that may match at pos: by its first two characters where they are ASCII
        (see `pairs`), else by its first one. Which terms two characters begin is a fact of
        the terms alone, kept for the pairs asked (a table, bounded, never a text's result)."""
        pair = text[pos : pos + 2] if pos + 2 <= end else text[pos:end]
        found = self._by_pair.get(pair, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._by_pair.keep(pair, self.terms_of_pair(pair))
        return found

    def terms_of_pair(self, pair: str) -> re.Pattern[str] | None:
        """`terms_at` of a place whose text (up to the end) begins with these characters."""
        if len(pair) == 2 and pair.isascii():
            key = pair.lower()
            return self._pairs.get(key) or self._pairs.get(key[0])
        return self._groups.get(pair[:1].lower())

    def hit_of(self, m: re.Match[str]) -> Hit:
        """The hit of a match of `terms_at`'s pattern (not empty)."""
        return Hit(m.start(), m.end(), self._refs[int(m.lastgroup[1:]) if m.lastgroup else 0])

    def may_end_with(self, char: str) -> bool:
        """False when no term can end with this character (a quick test before a search)."""
        if not char.isascii():
            return True  # case folding may map it to a term's letter
        return char.lower() in self._finals or (self._wild_end and (char.isalnum() or char == "_"))

    def may_end_in(self, text: str, start: int, end: int) -> bool:
        """Whether a term may end with some character of text[start:end] (`may_end_with` for
        each of them, in one search)."""
        return self._final_chars.search(text, start, end) is not None

    def absent_from(self, text: str, start: int, end: int) -> bool:
        """True when no term can match inside text[start:end] (a quick test before a search):
        each term has a word that must then be there, and in ASCII text none of them is."""
        window = text[start:end]
        return window.isascii() and self._needles.search(window.lower()) is None


def _needles(terms: list[str]) -> list[str]:
    """One word per term that any match of it in ASCII text contains, lowercased (the longest;
    a wildcard word counts by the part before its `*`); terms that cannot match ASCII text at
    all have none."""
    out = set()
    for term in terms:
        words = [w[:-1] if w.endswith("*") and len(w) > 1 else w for w in WORD_SPLIT.split(term)]
        words = [fold(w) for w in words if w]
        if words and all(w.isascii() for w in words):
            out.add(max(words, key=len))
    return sorted(out)


def _finals(terms: list[str]) -> tuple[set[str], bool]:
    """The characters a term's match can end with (see term_pattern), and whether a wildcard
    last word lets it end with any word character."""
    finals: set[str] = set()
    wild = False
    for term in terms:
        last = last_word(term)
        if last is None:
            continue
        if last.endswith("*") and len(last) > 1:
            wild = True
            finals.add(last[-2].lower())
        else:
            finals.add(last[-1].lower())
            if last[-1].isalpha():
                finals.add("s")  # the plural
    return finals, wild


@dataclass
class Vocabulary:
    quantities: TermSet  # quantity terms -> quantity ids
    qualifiers: TermSet  # qualifier words -> the quantity ids they make
    units: TermSet  # unit words -> unit ids
    defaults: dict[str, str]  # unit id -> the quantity a figure in it is by default
    refines: dict[str, str]  # narrower quantity -> the quantity it narrows

    @cached_property
    def narrowed(self) -> frozenset[str]:
        """The quantities some narrower one refines (`narrow` may change only these)."""
        return frozenset(self.refines.values())

    def narrow(self, quantity: str, *texts: str) -> str:
        """The narrower quantity a qualifier in the texts makes of `quantity` ("cons@64" near an
        AIME 2024 score makes it the majority-vote score), else `quantity`. A quantity no
        other refines is left as it is without a scan (a table's figures ask for any)."""
        if quantity not in self.narrowed:
            return quantity
        for text in texts:
            for hit in self.qualifiers.hits(text):
                narrower = [q for q in hit.refs if self.refines.get(q) == quantity]
                if narrower:
                    return narrower[0]
        return quantity


def _key(kb: KnowledgeBase) -> tuple:
    qs = tuple(
        (q.id, q.unit, tuple(q.terms), tuple(q.qualifiers), q.refines, q.default_for_unit)
        for q in kb.quantities.values()
    )
    us = tuple((u.id, tuple(u.terms)) for u in kb.units.values())
    return qs, us


def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """The compiled vocabulary of a knowledge base (cached on its contents, and found once per
    knowledge base: its key hashes every quantity's terms)."""
    return kb.derived("vocabulary", lambda kb: _compile(_key(kb)))


@cache
def _compile(key: tuple) -> Vocabulary:
    qs, us = key
    defaults: dict[str, str] = {}
    for qid, unit, _t, _q, _r, default in qs:
        if default and unit not in defaults:
            defaults[unit] = qid
    return Vocabulary(
        quantities=TermSet({qid: list(terms) for qid, _u, terms, *_ in qs}),
        qualifiers=TermSet({qid: list(qual) for qid, _u, _t, qual, *_ in qs if qual}),
        units=TermSet({uid: list(terms) for uid, terms in us}),
        defaults=defaults,
        refines={qid: ref for qid, _u, _t, _q, ref, _d in qs if ref},
    )


# up to two words between a number and its term ("37B-active", "61 Transformer layers"), never
# a word that begins another phrase ("61 and the hidden size": the term is the next figure's)
_FILLER = re.compile(
    r"[ \t\-‑]*(?:(?!(?:and|or|but|while|whereas|than|versus|vs)\b)[A-Za-z][\w‑\-]*[ \t]+){0,2}?",
    re.I,
)
# the longest text _FILLER can match: a term further on is never "right after" a number
_FILLER_REACH = re.compile(r"[ \t\-‑]*(?:[A-Za-z][\w‑\-]*[ \t]+){0,2}", re.I)
# the words that may stand between a term and the number it names ("hidden size of 7168")
_LINK_WORDS = (
    *("of", "is", "was", "were", "are", "=", ":", r"set[ \t]+to", "at", "to", "equals?"),
    *("around", "about", "approximately", "roughly", "~", "only", "just", "nearly", "almost"),
)
_LINK = re.compile(rf"^[ \t]*(?:(?:{'|'.join(_LINK_WORDS)})[ \t]*)*$", re.I)
# the characters _LINK is made of (any letter, and any non-ASCII character, which case folding
# may turn into one): _LINK never matches across anything else
_LINK_ZONE = re.compile(r"[^\x00-\x08\x0b-\x1f!-9;<>-@\[-`{-}\x7f]*\Z")  # as a complement:
# [ \t\n=:~A-Za-z\x80-\U0010ffff], which takes 25 times longer to compile
_LINK_ASCII = "".join(c for c in map(chr, range(128)) if _LINK_ZONE.fullmatch(c))
_OUTSIDE_LINK_ZONE = re.compile(r"[\x00-\x08\x0b-\x1f!-9;<>-@\[-`{-}\x7f]")  # the rest
_BARE_UNITS = ("count", "ratio", "sequences", "samples", "tokens", "rating")
_AFTER_UNITS = ("count", "rating")  # "61 layers", "2029 Codeforces rating"
# between a benchmark's name and the score it labels: "AIME 2024 79.8", "MATH-500: 97.3",
# "LiveCodeBench (Pass@1-COT) 65.9", "MATH-500 score 97.3"
LABEL_GAP = re.compile(
    r"[ \t]*(?:\([^()\n]{0,20}\)[ \t]*)?"
    r"(?:[:=]|(?:scores?(?:[ \t]+of)?|of|is|was|at|rating|pass@1)\b)?[ \t]*",
    re.I,
)
_ON = re.compile(  # "79.8 on AIME 2024", "79.8 pass@1 on AIME 2024"
    rf"[ \t]+(?:(?:points?|{n.EVAL_MARK})[ \t]+)?(?:on|in|at)[ \t]+(?:the[ \t]+)?", re.I
)


def link_zone_start(text: str, lo: int, end: int) -> int:
    """Where the run of _LINK_ZONE characters that ends at `end` starts (not before `lo`): what
    `_LINK_ZONE.search(text, lo, end).start()` answers, without a match tried at each place."""
    kept = text[lo:end].rstrip(_LINK_ASCII)
    if kept and not kept[-1].isascii():  # a character case folding may make a letter
        # the last character outside the zone: the first one of the window read backwards
        outside = _OUTSIDE_LINK_ZONE.search(kept[::-1])
        return lo + (len(kept) - outside.start() if outside else 0)
    return lo + len(kept)


class NumberWords:
    """Quantity terms written with a bare number: after it ("61 Transformer layers", up to two
    words between) or before it ("hidden size of 7168", "KL coefficient of 0.001")."""

    def __init__(self, kb: KnowledgeBase) -> None:
        counts = {
            q.id: q.terms for q in kb.quantities.values() if q.unit in _AFTER_UNITS and q.terms
        }
        scores = {
            q.id: q.terms
            for q in kb.quantities.values()
            if q.group == "benchmark" and q.unit == "percent" and q.terms
        }
        self._scores = TermSet(scores)
        bare = {q.id: q.terms for q in kb.quantities.values() if q.unit in _BARE_UNITS and q.terms}
        self.unit = {q.id: q.unit for q in kb.quantities.values()}
        self._after = TermSet(counts)
        sizes = {q.id: q.terms for q in kb.quantities.values() if q.unit == "parameters"}
        self._after_size = TermSet(sizes)
        # a term of a bare number's quantity that also names a quantity of another unit names
        # that one too ("trained on": the pre-training tokens and the GPU count): see before
        said = {t for terms in bare.values() for t in terms}
        also = {
            q.id: [t for t in q.terms if t in said]
            for q in kb.quantities.values()
            if q.unit not in _BARE_UNITS
        }
        self._bare_ids = frozenset(bare)
        before = {**bare, **{k: v for k, v in also.items() if v}}
        self._before = TermSet(before)
        self._after_separator = {False: after_separator(before), True: after_separator(sizes)}
        self._ends_before = {
            sizes_wanted: ends_before(_LINK_WORDS, (t for ts in wanted.values() for t in ts))
            for sizes_wanted, wanted in ((False, before), (True, sizes))
        }
        money = [u for u in kb.units.values() if u.currency]  # `currency: true` in the data
        self.tails = unit_tails.tails(
            unit_tails.TailWords(
                units=tuple((u.id, tuple(u.terms)) for u in kb.units.values()),
                accelerators=tuple(kb.accelerators),
                variants=tuple(kb.accelerator_variants),
                machines=tuple(kb.gpu_machines),
                per_million=tuple(
                    t
                    for q in kb.quantities.values()
                    if q.unit == "USD-per-million-tokens"
                    for t in q.terms
                ),
                context=tuple(kb.quantities["context-length"].terms)
                if "context-length" in kb.quantities
                else (),
                currencies=tuple(u.id for u in money),
                foreign=tuple(kb.foreign_units),
                size_nouns=tuple(kb.size_nouns),
                expert_cues=tuple(kb.expert_layout_cues),
                signs=tuple(
                    (unicodedata.normalize("NFKC", sign).upper(), u.id)
                    for u in money
                    for sign in [*([u.symbol] if u.symbol else []), *u.terms]
                ),
                money_signs=tuple((_symbols(u.symbol), _codes(u.terms)) for u in money),
            )
        )

    def after(
        self, text: str, pos: int, sizes: bool = False, adjacent: bool = False
    ) -> tuple[str, int] | None:
        """The count quantity (with `sizes`, the parameter quantity: "37B active") named right
        after pos (with `adjacent`, with no word between), and where its term ends."""
        window = min(len(text), pos + 80)
        terms = self._after_size if sizes else self._after
        reach = _FILLER_REACH.match(text, pos, window)  # a term starts no further than this
        last = reach.end() if reach else pos
        if last == pos and terms.terms_at(text, pos, window) is None:
            return None  # the one place a term may start ("5.", "8×", "1/"), where none does
        hit = terms.first_hit(text, pos, window, last)
        if hit is None:
            return None
        gap = text[pos : hit.start]
        if "\n" in gap or not _FILLER.fullmatch(gap) or (adjacent and gap.strip()):
            return None
        allowed = ("parameters",) if sizes else _AFTER_UNITS
        refs = [r for r in hit.refs if self.unit.get(r) in allowed]
        return (refs[0], hit.end) if refs else None

    def may_score_after(self, text: str, pos: int) -> bool:
        """False when score_after finds no benchmark here (its first test alone)."""
        return _ON.match(text, pos) is not None

    def score_after(self, text: str, pos: int) -> str | None:
        """The benchmark a bare score is "on" ("79.8 on AIME 2024")."""
        on = _ON.match(text, pos)
        if on is None:
            return None
        first = self._scores.first_hit(text, on.end(), min(len(text), on.end() + 60), on.end())
        return first.refs[0] if first is not None and first.start == on.end() else None

    def score_before(self, text: str, start: int) -> str | None:
        """The benchmark a bare score is written after ("AIME 2024 79.8", "MATH-500: 97.3",
        "LiveCodeBench (pass@1) 65.9", "its MATH-500 score 97.3")."""
        lo = max(0, start - 60)
        if self._scores.absent_from(text, lo, start):
            return None  # no benchmark's word there: no scan (asked of every bare decimal)
        last = None
        for hit in self._scores.hits(text, lo, start):
            last = hit
        if last is None or not LABEL_GAP.fullmatch(text, last.end, start):
            return None
        return last.refs[0]

    def before(self, text: str, start: int, sizes: bool = False) -> str | None:
        """The quantity named right before start (with "of", "is", "=" between); with `sizes`,
        the parameter quantity ("a total parameter count of 145 billion")."""
        refs = self.named_before(text, start, sizes)
        return next((r for r in refs if sizes or r in self._bare_ids), None)

    def named_before(self, text: str, start: int, sizes: bool = False) -> tuple[str, ...]:
        """Every quantity the term right before start names (see `before`), also those of a unit
        no bare number takes: "trained on" names the pre-training tokens and the GPU count."""
        lo = max(0, start - 60)
        terms = self._after_size if sizes else self._before
        # the term must end where only linking words are left before start: none can, no search
        zone = link_zone_start(text, lo, start)
        ends = range(max(zone, lo + 1), start + 1)
        if not ends or not terms.may_end_in(text, ends[0] - 1, start):
            return ()
        # nor where no term's last word is written right before the linking words (the window
        # read backwards: see `ends_before`)
        if self._ends_before[sizes].match(text[lo:start][::-1]) is None:
            return ()
        # the term starts after the last character before the zone that no term can hold
        # (", "): the scan from there finds it as the scan from lo would
        cut = self._after_separator[sizes].match(text, lo, zone)
        lo = cut.end() if cut is not None else lo
        if terms.absent_from(text, lo, start):
            return ()
        hits = terms.find(text, lo, start)
        for hit in reversed(hits):
            if _LINK.match(text[hit.end : start]):
                return tuple(hit.refs)
            break
        return ()


def after_separator(terms: dict[str, list[str]]) -> re.Pattern[str]:
    """A pattern whose match ends right after the last character of a window that no match of
    the terms can hold (see `starts.separators`)."""
    chars = separators(t for words in terms.values() for t in words)
    return re.compile(rf"(?s:.*)[{re.escape(chars)}]" if chars else "(?!)")


def number_words(kb: KnowledgeBase) -> NumberWords:
    """The compiled number words of a knowledge base (cached on its quantities, and found once
    per knowledge base)."""
    return kb.derived("number_words", _number_words)


def _number_words(kb: KnowledgeBase) -> NumberWords:
    key = (
        _key(kb),
        tuple(kb.accelerators),
        tuple(kb.accelerator_variants),
        tuple(kb.gpu_machines),
        tuple(kb.foreign_units),
        tuple(kb.size_nouns),
        tuple(kb.expert_layout_cues),
    )
    cached = _NUMBER_WORDS.get(key)
    if cached is None:
        cached = _NUMBER_WORDS.keep(key, NumberWords(kb))
    return cached


_NUMBER_WORDS: CappedDict[tuple, NumberWords] = CappedDict(9)  # one per knowledge base


_FULL_WIDTH = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF01, 0xFF5F)}


def _symbols(symbol: str | None) -> tuple[str, ...]:
    """A currency's symbol and its full-width form ("¥", "￥")."""
    if not symbol:
        return ()
    wide = _FULL_WIDTH.get(symbol)
    return (symbol, wide) if wide else (symbol,)


def _codes(terms: list[str]) -> tuple[str, ...]:
    """A currency's three-letter codes among its terms ("USD", "CNY", "RMB")."""
    return tuple(t for t in terms if len(t) == 3 and t.isascii() and t.isalpha() and t.isupper())

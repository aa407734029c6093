"""Names in the text: the knowledge base's models, DeepSeek the company, other models, benchmarks.

Every name comes from the data: models and their `aliases` ("DeepSeek-R1-Distill-Qwen-32B" is
also found as "R1-Distill-Qwen-32B", "DeepSeek R1" and "R1"), the company's aliases, the
`outside` names (other models and companies), `accelerators` and the benchmark quantities'
`terms` (compiled by `vocabulary`). A mention after "like", "similar to", "than"… is comparative: it
names a class of models, not the subject of the figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from r1kb.capped import CappedDict
from r1kb.checksource.candidates.family_scan import family_matches, matches_here, prepared
from r1kb.checksource.candidates.places import matches_at
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.lexicon.notations import ELO, EVAL_MARK, HY
from r1kb.checksource.lexicon.some_terms import SomeTerms
from r1kb.checksource.lexicon.together import TermSets
from r1kb.checksource.lexicon.vocabulary import Hit, TermSet, vocabulary
from r1kb.kb import KnowledgeBase
from r1kb.patterncache import compile_all

# the words before a comparative name, each cue as what comes before its last word (a regular
# expression) and the forms of its last word (written out: the quick test `_may_end_with_cue`
# looks for them)
_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"", ("like",)),
    (r"such\s+", ("as",)),
    (r"similar\s+", ("to",)),
    (r"comparable\s+", ("to",)),
    (r"compared\s+", ("to", "with")),
    (r"", ("than",)),
    (r"", ("versus",)),
    (r"", ("vs", "vs.")),
    (r"", ("unlike",)),
    (r"similar\s+[\w-]+(?:\s+[\w-]+)?\s+", ("to",)),
    (r"", ("rival", "rivals")),
    (r"", ("beat", "beats")),
    (r"level\s+", ("with",)),
    (r"par\s+", ("with",)),
    (r"ahead\s+", ("of",)),
    (
        r"(?:lags?|lagg(?:ed|ing)|trail(?:s|ed|ing)?|f[ae]ll(?:s|ing)?|is|are|was|were|sits?|ranks?"
        r"|ranked|just|slightly|far|well|only)\s+",
        ("behind",),
    ),
    (r"", ("against",)),
    (r"", ("outperform", "outperforms", "outperformed", "outperforming")),
    (r"", ("surpass", "surpasses", "surpassed", "surpassing")),
    (r"", ("match", "matches", "matched", "matching")),
    (r"", ("equal", "equals")),
)
_COMPARATIVE_WORDS = tuple(
    f"{head}(?:{'|'.join(re.escape(last) for last in lasts)})" for head, lasts in _CUES
)
_LAST_CUE_WORDS = tuple(sorted({last for _, lasts in _CUES for last in lasts}))
_ARTICLES = ("the", "a")  # written between a cue and the name ("compared to the R1")
_COMPARATIVE_END = r"\s+(?:" + "|".join(a + r"\s+" for a in _ARTICLES) + ")?$"
# each cue at a word start: tested once, before them all (the search tries each of a window's
# 40 places), as "no word character before, one after" (each word begins with a letter), which
# the engine tests faster than a word boundary
_COMPARATIVE_BEFORE = re.compile(
    rf"(?<!\w)(?=\w)(?:{'|'.join(_COMPARATIVE_WORDS)}){_COMPARATIVE_END}", re.I
)
# the same, read case-sensitively in ASCII text lowercased (its words are written in small
# letters): re.I's folding of each character tried cost most of the search
_COMPARATIVE_BEFORE_ASCII = re.compile(_COMPARATIVE_BEFORE.pattern)
_CONTINUED = re.compile(rf"(?:{HY}|['’])(\w+)")
_SUFFIX_COMPARATIVE = {"like", "style", "class", "level", "type", "esque"}
_SUFFIX_SAME = {"based", "generated", "powered", "trained", "made", "s"}
# a look-ahead first (the first letters of pass/cons/maj, Elo, Top): the engine skips ahead on it
_EVAL_MARKS = re.compile(rf"(?=[pcmet])(?:{EVAL_MARK}|(?:{ELO}|\bTop)\s?\d+%?)", re.I)
# where an evaluation mark may start: 4 or 3 characters before an "@" and a digit ("pass@1",
# "maj@8"), 3 or 4 before a digit right after an "o" or a "p" and maybe a space ("Elo 2029",
# "Top5"); each found by a scan the engine skips ahead on ("@", a digit)
_MARK_AT = re.compile(r"@\d")
_MARK_NUMBER = re.compile(r"\d(?:(?<=[oOpP]\d)|(?<=[oOpP]\s\d))")
_HY_END = re.compile(rf"{HY}(\w+)$")
_HY_WORD = re.compile(rf"{HY}(\w+)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "model" | "company" | "other" | "benchmark" | "gpu" | "mark"
    ref: str = ""  # model id, or benchmark quantity id
    comparative: bool = False
    refs: tuple[str, ...] = ()  # every quantity a benchmark name stands for


def within(items: list[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    """The mentions inside [start, end) (items sorted by start, `starts` their starts). Most
    spans asked hold none: those cost two bisections, no list comprehension set up."""
    first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if first == last:
        return []
    return [m for m in items[first:last] if m.end <= end]


def _name_pattern(name: str) -> tuple[str, str | None]:
    """Regex of a model name with any hyphen or space between its parts, and of its short form."""
    parts = re.split(r"[-\s]+", name)
    full = rf"(?:{HY}|\s)?".join(re.escape(p) for p in parts)
    if parts[0].lower() != "deepseek" or len(parts) < 2:
        return full, None
    short = rf"(?:{HY}|\s)?".join(re.escape(p) for p in parts[1:])
    return full, short


@cache
def _model_patterns(
    names: tuple[tuple[str, str], ...],
    aliases: tuple[tuple[str, str], ...] = (),
    sized: tuple[tuple[str, str, str], ...] = (),
) -> list[tuple[re.Pattern[str], str]]:
    pats: list[tuple[str, tuple[str, int], str]] = []  # name, (pattern, flags), model
    sizes = [size for _, size, _ in sized]
    for mid, size, parent in sized:  # "DeepSeek-R1 1.5B", "the 1.5B model": that distilled model
        if sizes.count(size) != 1:
            continue
        number = re.escape(size)
        full, short = _name_pattern(parent)
        for stem in (full, short):
            if stem:
                pats.append(
                    (
                        f"{parent} {size}",
                        (rf"(?<![\w.]){stem}[\s\-‑]+{number}(?![\w.])", re.I),
                        mid,
                    )
                )
        pats.append(
            (
                f"{size} model",
                (rf"(?<![\w.]){number}[\s\-‑]+(?:models?|versions?|variants?|distill\w*)\b", re.I),
                mid,
            )
        )
    for mid, alias in aliases:
        full, _ = _name_pattern(alias)
        flags = re.I if len(alias) >= 6 or " " in alias else 0
        pats.append((alias, (rf"(?<![\w.]){full}", flags), mid))
    for mid, name in names:
        full, short = _name_pattern(name)
        prefixed = rf"DeepSeek(?:['’]s)?(?:{HY}|\s)*" + (short or full)
        pats.append((name, (rf"(?<![\w]){prefixed}", re.I), mid))
        if short:  # sorted by the name it stands for, not by the length of its pattern
            short_name = re.split(r"[-\s]+", name, maxsplit=1)[1]
            pats.append((short_name, (rf"(?<![\w.]){short}", 0), mid))
            if "Distill" in short:
                bare = short.split("Distill", 1)[1]
                pats.append(
                    (
                        short_name[short_name.index("Distill") :],
                        (rf"(?<![\w]){'Distill' + bare}", re.I),
                        mid,
                    )
                )
    pats.sort(key=lambda p: len(p[0]), reverse=True)
    compiled = compile_all([p for _, p, _ in pats])
    return [(p, mid) for p, (_, _, mid) in zip(compiled, pats, strict=True)]


def _sized(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """Distilled models with the size their name ends with and the name of the model they
    were distilled from: ("deepseek-r1-distill-qwen-1.5b", "1.5B", "DeepSeek-R1")."""
    out = []
    for m in kb.models.values():
        size = re.search(r"(\d+(?:\.\d+)?B)$", m.name)
        parents = [kb.models[d["model"]] for d in m.derived_from if d.get("model") in kb.models]
        if m.kind == "distilled-model" and size and parents:
            out.append((m.id, size.group(1), parents[0].name))
    return out


# a chip maker's name written before a chip ("Nvidia's H800", "NVIDIA H800"): any capitalised
# word with an optional possessive, right before the accelerator's name
_VENDOR = re.compile(r"(?<![\w])[A-Z][A-Za-z]+(?:['’]s)?\s+$")


_KINDS = ("gpu", "other", "company")


@dataclass(frozen=True)
class _Names:
    """Accelerators, outside names and the company's names (term sets, longest first), and the
    quantity terms that name a benchmark: found from one scan of a text."""

    sets: TermSets  # the three kinds of names, then the benchmarks' own terms
    benchmarks: SomeTerms
    benchmark_ids: frozenset[str]
    quantities: TermSet  # kept with them: its id names no other
    named: TermSet  # the outside names and the company's, in one set (see `may_name`)


_NAMES: CappedDict[tuple, _Names] = CappedDict(9)  # one per knowledge base in use


def _names(kb: KnowledgeBase) -> _Names:
    return kb.derived("mention_names", _make_names)


def _make_names(kb: KnowledgeBase) -> _Names:
    whole = vocabulary(kb).quantities
    gpus = tuple(kb.accelerators)
    outside = tuple(kb.outside)
    company = tuple((m.id, a) for m in kb.models.values() if m.kind == "company" for a in m.aliases)
    wanted = frozenset(q.id for q in kb.quantities.values() if q.group == "benchmark")
    key = (id(whole), gpus, outside, company, wanted)
    if (names := _NAMES.get(key)) is None:
        terms = {q.id: list(q.terms) for q in kb.quantities.values()}
        benchmarks = SomeTerms(whole, terms, set(wanted))
        sets = TermSets(
            [
                # a chip's name and its plural ("2,048 Nvidia H800s")
                {"": [*gpus, *(g + "s" for g in gpus if not g.endswith("*"))]},
                {"": list(outside)},
                {mid: [a for m, a in company if m == mid] for mid, _ in company},
                benchmarks.part_terms,
            ]
        )
        named = TermSet(
            {"": list(outside)} | {mid: [a for m, a in company if m == mid] for mid, _ in company}
        )
        names = _NAMES.keep(key, _Names(sets, benchmarks, wanted, whole, named))
    return names


def _comparative(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 40) : start]
    # a match ends with white space (at the end, or before a last line break)
    if not window[-1:].isspace():
        return False
    if window.isascii():
        lowered = window.lower()
        return _may_end_with_cue(lowered) and _COMPARATIVE_BEFORE_ASCII.search(lowered) is not None
    return _COMPARATIVE_BEFORE.search(window) is not None


def _may_end_with_cue(lowered: str) -> bool:
    """False when no cue ends an ASCII window lowercased as the cues' pattern reads it: a match
    ends with a cue's last word, white space and maybe an article and white space (a quick
    test before the search, which tries each of the window's places: most windows end with
    no cue, "in", "and", "by")."""
    words = lowered.rstrip()
    if words.endswith(_LAST_CUE_WORDS):
        return True
    return any(
        words.endswith(article) and words[: -len(article)].rstrip().endswith(_LAST_CUE_WORDS)
        for article in _ARTICLES
    )


def _suffix_comparative(text: str, start: int, end: int) -> bool:
    """A name that only qualifies a class ("OpenAI-level abilities", "GPT-4-class models"), with
    the suffix after it or inside it (a name matched with any ending, "Llama*"). Both read in
    place (up to 12 characters after it, and the name), not in slices of them."""
    cont = _CONTINUED.match(text, end, end + 12)
    if cont is not None and cont.group(1).lower() in _SUFFIX_COMPARATIVE:
        return True
    inside = _HY_END.search(text, start, end)
    return inside is not None and inside.group(1).lower() in _SUFFIX_COMPARATIVE


def _compared(text: str, start: int, end: int) -> bool:
    """A name named for comparison, by a cue before it or a suffix after or inside it."""
    return _comparative(text, start, end) or _suffix_comparative(text, start, end)


def _family_patterns(kb: KnowledgeBase) -> list[tuple[re.Pattern[str], str]]:
    return kb.derived("family_patterns", _make_family_patterns)


def _make_family_patterns(kb: KnowledgeBase) -> list[tuple[re.Pattern[str], str]]:
    family = [m for m in kb.models.values() if m.kind != "company"]
    names = tuple(sorted((m.id, m.name) for m in family))
    aliases = tuple(sorted((m.id, a) for m in family for a in m.aliases))
    return _model_patterns(names, aliases, tuple(sorted(_sized(kb))))


def name_ends(text: str, pos: int, kb: KnowledgeBase) -> list[int]:
    """Where a family model name starting at pos may end, longest first, whatever follows it
    (the first cell of a table row whose cells were glued together: `DeepSeek-R1671B37B`)."""
    ends = {m.end() for m in matches_here(text, pos, _family_patterns(kb))}
    return sorted(ends, reverse=True)


def _marks(text: str) -> Iterator[re.Match[str]]:
    """What `_EVAL_MARKS.finditer(text)` yields, the pattern tried only where a mark may start."""
    at = {s for m in _MARK_AT.finditer(text) for s in (m.start() - 4, m.start() - 3)}
    at.update(s for m in _MARK_NUMBER.finditer(text) for s in (m.start() - 4, m.start() - 3))
    return matches_at(_EVAL_MARKS, text, sorted(s for s in at if s >= 0))


_HYPHENS = "\u2010\u2011-"  # not the dashes: "V3–R1" may be a range
# the words a name is glued onto by hyphens, from a word's start (at most 40 characters)
_GLUED_HEAD = re.compile(rf"(?<![\w{_HYPHENS}])[\w{_HYPHENS}]*?\w[{_HYPHENS}]$")


# a head that is a name: a digit in it ("o1", "GPT-4o") or a capital first ("Qwen", "MAI-DS"),
# not DeepSeek's own short form ("DS-R1", "DS-V3")
_NAME_LIKE_HEAD = re.compile(r"(?!DS[\u2010\u2011-])(?=[\w\u2010\u2011-]*\d|[A-Z])")


def _glued_head(text: str, start: int) -> int | None:
    """Where the words a family name at `start` is glued onto by a hyphen begin, when they
    are a name ("o1-R1", "Qwen-R1": the name is part of another name), or None."""
    if start < 2 or text[start - 1] not in _HYPHENS or not text[start - 2].isalnum():
        return None
    head = _GLUED_HEAD.search(text, max(start - 41, 0), start)
    if head is None or not _NAME_LIKE_HEAD.match(text, head.start(), start):
        return None  # "full-R1", "open-R1", "post-R1": a word, not a name; "DS-R1": DeepSeek's
    return head.start()


class _Holding:
    """The outside names found, to ask whether one holds a family name and is longer:
    "OpenR1", "MAI-DS-R1", "R1-1776" (in `outside`) are other models, not R1 (longest
    first)."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return False
        hit = self.hits[i]  # the last to start at or before it; names of a kind never overlap
        return hit.end >= end and hit.end - hit.start > end - start


def may_name(text: str, kb: KnowledgeBase) -> bool:
    """False when `find_mentions` finds no model, company or outside name in text (a quick
    test before it, for a table's headers): such a name is a family pattern's match, or a
    hit of the outside or company names, and neither the family's scan nor those names' own
    scan finds a place for one. (A hit of either set is a term of the two together matching
    at one of their places: where the two together have no hit, neither has.)"""
    _, _, scan, _, _, ungated = prepared(_family_patterns(kb))
    if ungated or scan is None or scan.search(text) is not None:
        return True
    return next(_names(kb).named.hits(text), None) is not None


def find_mentions(text: str, kb: KnowledgeBase) -> list[Mention]:
    """Every name in text, longest first, never overlapping, in text order."""
    found: list[Mention] = []
    taken = Spans()
    dropped: set[tuple[int, int]] = set()  # names a variant took the place of (see give_way)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def add(m: Mention) -> None:
        found.append(m)
        taken.add(m.start, m.end)

    def give_way(s: int, e: int) -> int:
        """Where an unknown variant at [s, e) ends once the names found before it that start
        inside it are dropped: at e, or at the end of such a name that runs on past it
        ("V3-R1-Zero" is read whole, not as R1-Zero; a name found after it that runs past
        its end is not read: "DeepSeek-V3-R1-Zero" leaves "-Zero"). No name starts before s
        and reaches into it: the variant's own first name is free. Dropped names leave the
        list at the end, all at once (one by one, a page of "V3-R1" was quadratic)."""
        inside = taken.starting_in(s, e)
        for span in inside:
            taken.remove(*span)
        dropped.update(inside)  # no later name can have their span: the variant holds it
        return max([e, *(b for _, b in inside)])

    names = _names(kb)
    *name_hits, benchmark_hits = names.sets.find_each(text)
    outside = _Holding(name_hits[_KINDS.index("other")])
    overlaps = taken.overlaps
    for m, mid in family_matches(text, _family_patterns(kb)):
        if overlaps(*m.span()) or outside.holds(*m.span()):
            continue
        cont = _CONTINUED.match(text, m.end())  # not a slice: linear on long texts
        nxt = text[m.end() : m.end() + 1]
        if (
            nxt.isalnum()
            or nxt == "_"
            or (nxt == "." and text[m.end() + 1 : m.end() + 2].isdigit())
        ):
            continue
        suffix = cont.group(1).lower() if cont else None
        # a name of its own, outside the family: glued onto a name before it ("o1-R1",
        # "Qwen-R1"), or an unknown variant ("V3-R1"), in place of the names found inside it
        head = _glued_head(text, m.start())
        if head is None and suffix and suffix not in _SUFFIX_COMPARATIVE | _SUFFIX_SAME:
            head = m.start()
        if head is not None:
            if taken.overlaps(head, head + 1) and not taken.starting_in(head, head + 1):
                continue  # glued onto a name read already, which holds its head
            end = give_way(head, cont.end() if cont else m.end())
            add(Mention(head, end, "other", "", _compared(text, head, end)))
            continue
        comparative = suffix in _SUFFIX_COMPARATIVE or _comparative(text, m.start(), m.end())
        add(Mention(m.start(), m.end(), "model", mid, comparative))
    for kind, hits in zip(_KINDS, name_hits, strict=True):
        for hit in hits:
            start = hit.start
            if kind == "gpu":  # "Nvidia's H800": the maker's name is part of the chip's
                vendor = _VENDOR.search(text, max(0, start - 16), start)
                start = vendor.start() if vendor else start
            if overlaps(start, hit.end):
                continue
            if kind == "other":
                # the suffix after the name, or the end of a name read with a wildcard ("Llama*")
                suffix = _HY_END.search(text[hit.start : hit.end]) or _HY_WORD.match(
                    text[hit.end : hit.end + 12]
                )
                if suffix and suffix.group(1).lower() in _SUFFIX_COMPARATIVE:
                    continue  # "Llama-style attention": a kind of design, not a model named
            end = hit.end
            variant = _HY_WORD.match(text, hit.end, hit.end + 12) if kind == "other" else None
            if (
                variant
                and variant.group(1).lower() not in _SUFFIX_COMPARATIVE | _SUFFIX_SAME
                and free(start, variant.end())
            ):
                end = variant.end()  # "o3-mini-high": one name, of a variant
            ref = hit.refs[0] if kind == "company" else ""
            add(Mention(start, end, kind, ref, _compared(text, start, end)))
    for hit in names.benchmarks.find(text, benchmark_hits):
        refs = tuple(r for r in hit.refs if r in names.benchmark_ids)
        if refs and free(hit.start, hit.end):
            add(Mention(hit.start, hit.end, "benchmark", refs[0], refs=refs))
    for m in _marks(text):
        if free(m.start(), m.end()):
            add(Mention(m.start(), m.end(), "mark", m.group().lower()))
    if dropped:
        found = [m for m in found if (m.start, m.end) not in dropped]
    return sorted(found, key=lambda m: m.start)

"""The shortcuts of the term search give the answers of the plain search they replace: a scan
that reads a term's non-ASCII letters after its first (fewer places to try), whatever the
letters and their case-folding twins; the scan of a window tried only up to the last place a
caller needs; the term before a number found from the last character no term can hold."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import mentions
from r1kb.checksource.lexicon import starts
from r1kb.checksource.lexicon.some_terms import SomeTerms
from r1kb.checksource.lexicon.together import TermSets
from r1kb.checksource.lexicon.vocabulary import (
    _AFTER_UNITS,
    _FILLER,
    _FILLER_REACH,
    _LINK,
    Hit,
    NumberWords,
    TermSet,
    Vocabulary,
    link_zone_start,
    number_words,
    vocabulary,
)
from r1kb.kb import KnowledgeBase
from r1kb.loader import load
from shortcut_helpers import case_articles
from test_check_source_terms import every_place

ROOT = Path(__file__).resolve().parents[1]

# letters whose case folding is not `str.lower` ("İ" lowercases to two characters, "ſ" and the
# Kelvin sign match ASCII letters), letters with a one-character lowercase, and word gaps
NON_ASCII = ["ü", "Ü", "İ", "ı", "ſ", "\u212a", "τ", "Σ", "ß", "é"]
TERM_PIECES = ["t", "T", "a", "s", "k", "i", "u", "lu", " ", "-", *NON_ASCII]
TEXT_PIECES = ["t", "T", "a", "A", "s", "S", "k", "K", "i", "I", "u", "U", "lu", "LU", "x"]
TEXT_PIECES += [" ", "-", "_", ".", "aT", *NON_ASCII, "SS", "ss"]

# a first letter in ASCII (the scan spells it in both cases), then anything
terms_strategy = st.dictionaries(
    st.sampled_from(["r0", "r1"]),
    st.lists(
        st.tuples(
            st.sampled_from(["t", "T", "a", "k"]),
            st.lists(st.sampled_from(TERM_PIECES), min_size=1, max_size=5).map("".join),
            st.sampled_from(["", "*"]),
        ).map("".join),
        min_size=1,
        max_size=4,
    ),
    min_size=1,
)


def no_env_cache() -> mock._patch:
    return mock.patch.dict(os.environ, {"R1KB_CACHE_DIR": ""})


def text_of(terms: dict[str, list[str]], pieces: list[int]) -> str:
    """Pieces of text and the terms as they are, in capitals, lowercased and case-folded."""
    words = [
        w
        for ts in terms.values()
        for t in ts
        for w in (t.rstrip("*"), t.upper(), t.lower(), t.casefold(), t.rstrip("*") + "x")
    ]
    choices = TEXT_PIECES + words
    return "".join(choices[i % len(choices)] for i in pieces)


@settings(max_examples=500, deadline=None)
@given(terms_strategy, st.lists(st.integers(0, 60), max_size=25))
@example({"r0": ["Tülu*", "TinyZero"]}, [15, 46, 22, 47, 16])
@example({"r0": ["tİx"]}, [0, 19, 1])
def test_a_scan_that_reads_non_ascii_letters_finds_what_the_terms_find(
    terms: dict[str, list[str]], pieces: list[int]
) -> None:
    """Terms with non-ASCII letters after the first: the scan, which now spells them out,
    still gives every place one of them matches at (alone and with other term sets)."""
    with no_env_cache():
        term_set = TermSet(terms)
        together = TermSets([terms, {"r2": ["ka"]}])
    text = text_of(terms, pieces)
    assert term_set.find(text) == every_place(term_set, text, 0, len(text))
    assert together.find_each(text)[0] == every_place(term_set, text, 0, len(text))


def test_a_non_ascii_letter_narrows_the_places_to_try() -> None:
    """The shortcut is taken: "Tülu*" is not looked for at every word that starts with a t."""
    with no_env_cache():
        term_set = TermSet({"": ["TinyZero", "Tulu*", "Tülu*"]})
    assert term_set._starts is not None
    text = ". the tokens to train Tülu 3 and Tulu 2, then TinyZero"
    places = list(starts.places(term_set._starts, text, 0, len(text)))
    assert [text[p : p + 4] for p in places] == [". th", "Tülu", "Tulu", "Tiny"]  # 0: the start


def plain_hits(terms: TermSet, text: str, start: int, end: int, last: int | None) -> list[Hit]:
    """`hits` as it was: every place the scan gives up to the end, the terms tried at each."""
    out: list[Hit] = []
    pos = start
    for place in starts.places(terms._starts, text, start, end) if terms._starts else ():
        if place < pos:
            continue
        if last is not None and place > last:
            break
        group = terms._groups.get(text[place : place + 1].lower())
        m = group.match(text, place, end) if group is not None else None
        if m is not None and m.end() > place:
            out.append(Hit(place, m.end(), terms._refs[int(m.lastgroup[1:])]))
            pos = m.end()
    return out


@settings(max_examples=400, deadline=None)
@given(
    terms_strategy,
    st.lists(st.integers(0, 60), max_size=25),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(-1, 40),
)
@example({"r0": ["ta tu"]}, [0, 15, 0, 15], 0, 6, 1)  # the look-ahead reads past `last`
@example({"r0": ["ta"]}, [19, 2], 0, 3, 1)  # "aTa": a capital glued on at `last` is a place
def test_hits_up_to_a_place_are_those_of_the_whole_scan(
    terms: dict[str, list[str]], pieces: list[int], start: int, length: int, last: int
) -> None:
    """With `last`, the scan is tried only at the characters it stops at up to `last`, its
    look-aheads reading on to the end: the hits of the scan of the whole window, up to the
    first that starts after `last`; and `first_hit` is the first of them."""
    with no_env_cache():
        term_set = TermSet(terms)
    text = text_of(terms, pieces)
    start = min(start, len(text))
    end = min(len(text), start + length)
    upto = None if last < 0 else start + last
    expected = plain_hits(term_set, text, start, end, upto)
    assert list(term_set.hits(text, start, end, upto)) == expected
    if upto is not None:
        assert term_set.first_hit(text, start, end, upto) == (expected[0] if expected else None)


def test_number_words_read_the_same_terms_right_after_a_number() -> None:
    """On prose: the term right after each place, from the real term sets, up to a few
    characters on (the bounded scan) is what the whole window's scan gives."""
    with no_env_cache():
        words = number_words(load(ROOT / "data").kb)
    text = (
        "It has 61 Transformer layers and 128 attention heads; 37B activated parameters of "
        "671B total, a 14.8T-token pre-training corpus, 2,048 H800 GPUs (hidden size 7168). "
        "Trained on 8 nodes; 256 routed experts, 1 shared; 4096-token batch; MLA+MoE+MTP. "
    )
    for terms in (words._after, words._after_size, words._before, words._scores):
        for pos in range(len(text)):
            window = min(len(text), pos + 80)
            for reach in (0, 3, 9, 25):
                last = pos + reach
                expected = plain_hits(terms, text, pos, window, last)
                assert list(terms.hits(text, pos, window, last)) == expected, (pos, reach)


@settings(max_examples=300, deadline=None)
@given(terms_strategy, st.sets(st.sampled_from(["r0", "r1"])), st.data())
@example({"r0": ["ta tu"], "r1": ["tu"]}, {"r1"}, ["ta", " (", "tu"])  # a gap holds "("
def test_the_hits_that_name_some_ids_with_parentheses_in_gaps(
    terms: dict[str, list[str]], wanted: set[str], data: st.DataObject | list[str]
) -> None:
    """SomeTerms restarts the whole set's scan after a character no term can hold: "(" is
    not one (a gap between a term's words may hold it)."""
    with no_env_cache():
        whole = TermSet(terms)
        some = SomeTerms(whole, terms, wanted)
    words = [w for ts in terms.values() for t in ts for w in (t.rstrip("*"), t.upper())]
    if not isinstance(data, list):
        data = data.draw(st.lists(st.sampled_from([" (", "(", ",", " ", "x", *words]), max_size=10))
    text = "".join(data)
    assert some.find(text) == [h for h in whole.find(text) if wanted.intersection(h.refs)]


def plain_named_before(words: NumberWords, text: str, start: int, sizes: bool) -> tuple:
    """`NumberWords.named_before` as it was: the window's terms all found from its start."""
    lo = max(0, start - 60)
    terms = words._after_size if sizes else words._before
    ends = range(max(link_zone_start(text, lo, start), lo + 1), start + 1)
    if not ends or not terms.may_end_in(text, ends[0] - 1, start):
        return ()
    hits = terms.find(text, lo, start)
    if hits and _LINK.match(text[hits[-1].end : start]):
        return tuple(hits[-1].refs)
    return ()


KB = load(ROOT / "data").kb  # loaded once: a draw of the tests below is much cheaper
WORDS = number_words(KB)
BEFORE_PIECES = [
    "hidden size", "total parameters", "parameter count", "trained on", "learning rate",
    "KL coefficient", "batch size", " of ", " is ", ": ", " = ", ", ", "; ", " (", ") ", "(",
    "~", " about ", "x", " ", "-", "7168", "1", "é", "\n", "size, of", "rate (", ",", ")",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=14))
def test_the_term_before_a_number_is_found_from_the_last_separator(pieces: list[str]) -> None:
    """named_before scans from after the last character before the linking words that no
    term can hold (", ", ") "), not from 60 characters back: the same term, at every place."""
    text = "".join(pieces)
    for start in range(len(text) + 1):
        for sizes in (False, True):
            expected = plain_named_before(WORDS, text, start, sizes)
            assert WORDS.named_before(text, start, sizes) == expected, (start, sizes)


# --- the family's names: a gate looked for with what must follow it (family_scan._reaches)

FAMILY = None


def _family() -> list:
    from r1kb.checksource.candidates.mentions import _family_patterns

    global FAMILY
    if FAMILY is None:
        FAMILY = _family_patterns(KB)
    return FAMILY


GATE_PIECES = [
    "the", "The", "THE", "then", "there", " ", "-", "\u2011", "7B", "7b", "1.5B", "70B", "May",
    "may", " update", " distill", "-Distill", "DeepSeek", "deepseek", "'s", "’s", "R1", "r1",
    "V3", "v3", " base", "Zero", "0528", "DS", "Qwen", "Llama", " model", ".", "_", "x", "\n",
    "ſ", "\u212a", "é", "(",
]  # fmt: skip
GATED_SYNTHETIC = [
    (re.compile(p, f), p)
    for p, f in [
        (r"(?<![\w.])the(?:-|\s)?7B(?:-|\s)?distill", re.I),  # a gate that always goes on
        (r"(?<![\w.])the(?:-|\s)?May", re.I),
        (r"(?<![\w])Rx(?:a|b)?y", re.I),
        (r"(?<![\w])Rx", 0),  # a gate that is a whole pattern: looked for alone
        (r"(?<![\w])Rxz", 0),
        (r"(?<![\w])th?e(?:-|\s)?7B", re.I),  # a gate cut before a quantifier
        (r"(?<![\w])sx(?:-|\s)?1", re.I),  # case folding: "ſx 1"
    ]
]


def _plain_family(text: str, patterns: list) -> list:
    return [(m.span(), mid) for p, mid in patterns for m in p.finditer(text)]


def _scanned_family(text: str, patterns: list) -> list:
    from r1kb.checksource.candidates.family_scan import family_matches

    return [(m.span(), mid) for m, mid in family_matches(text, patterns)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*GATE_PIECES, "Rx", "Rxz", "Rxay", "th", "sx 1"]), max_size=30))
@example(["the", " ", "7B", " distill", " ", "then", " ", "the", "-", "May"])
@example(["ſ", "x", " ", "1", " ", "Rx", " ", "Rxz", " ", "th", " ", "7B"])
def test_a_gate_looked_for_with_what_follows_it_finds_every_name(pieces: list[str]) -> None:
    """The scan looks for a gate ("the") with the beginnings its patterns go on with ("the 7B",
    "the May"): every place a pattern matches is still a place of the scan, and the names
    found are those of each pattern's own `finditer` (the real family and synthetic ones: a
    gate that is a whole pattern, a gate cut before a quantifier, either case flag)."""
    from r1kb.checksource.candidates.family_scan import prepared

    text = "".join(pieces)
    for patterns in (_family(), GATED_SYNTHETIC):
        assert _scanned_family(text, patterns) == _plain_family(text, patterns)
        scan = prepared(patterns)[2]
        assert scan is not None
        for pattern, _ in patterns:
            for pos in range(len(text) + 1):
                if pattern.match(text, pos):
                    assert scan.match(text, pos), (pattern.pattern, text, pos)


def test_a_plain_the_is_no_place_of_the_family_scan() -> None:
    """The point of the longer gate: "the", "then", "there" are not tried, "the 7B" is (and
    "7B distill", a gate of its own)."""
    from r1kb.checksource.candidates.family_scan import prepared

    scan = prepared(_family())[2]
    assert scan is not None
    text = "the model, then there; The 7B distill and the May update"
    places = [m.start() for m in scan.finditer(text)]
    assert places == [text.index("The 7B"), text.index("7B"), text.index("the May")]


# --- a table header that names no model is not searched for names (mentions.may_name)


def _name_pieces(kb: KnowledgeBase) -> list[str]:
    company = [a for m in kb.models.values() if m.kind == "company" for a in m.aliases]
    return [
        *list(kb.outside)[:40:3], *company[:6], *list(kb.accelerators)[:3], "R1", "V3", "the 7B",
        " distill", "DeepSeek", "-", " ", "o1", "GPT", "-4o", "Hidden Size", "AIME 2024", "pass@1",
        "Qwen", "x", "(", "é", "ſ", "\u212a", "\n", "|", "Model", "the", "score", "1.5B", " model",
    ]  # fmt: skip


NAME_PIECES = _name_pieces(KB)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_text_with_no_place_for_a_name_has_no_name(data: st.DataObject) -> None:
    """Where `may_name` says no, `find_mentions` finds no model, company or outside name."""
    from r1kb.checksource.candidates.mentions import find_mentions, may_name

    text = "".join(data.draw(st.lists(st.sampled_from(NAME_PIECES), max_size=12)))
    named = [m for m in find_mentions(text, KB) if m.kind in ("model", "other", "company")]
    if named:
        assert may_name(text, KB), (text, named)


def test_the_headers_of_the_case_articles_are_told_apart() -> None:
    """On every line of the case articles (the headers of their tables among them), a line
    named by a model, a company or an outside name is never passed over; most others are."""
    from r1kb.checksource.candidates.mentions import find_mentions, may_name

    kb = load(ROOT / "data").kb
    folder = ROOT / "tests" / "cases"
    lines = {
        cell.strip()
        for p in sorted(folder.rglob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
        for cell in line.split("|")
    }
    skipped = 0
    for line in sorted(lines):
        named = [m for m in find_mentions(line, kb) if m.kind in ("model", "other", "company")]
        if not may_name(line, kb):
            assert not named, line
            skipped += 1
    assert skipped > len(lines) // 3


# --- the term before a number: no scan where no term's last word is written before the
# linking words (lexicon/ends_before.py)

LINK_PIECES = [" of ", " is ", "set \t to", "SET TO ", " equals", "equal", "=", ":", "~", "\n"]
LINK_PIECES += [" ", "\t", "aT", "oF", "iſ", "ab\u212aut", "x", "-", "_", ".", ",", "é", "İ", "s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINK_PIECES), max_size=8))
def test_the_linking_words_reversed_match_the_text_reversed(pieces: list[str]) -> None:
    """Each linking word's pattern spelled backwards matches a text reversed exactly where the
    word matches the text (as _LINK reads it: re.I)."""
    from r1kb.checksource.lexicon.ends_before import reversed_pattern
    from r1kb.checksource.lexicon.vocabulary import _LINK_WORDS

    text = "".join(pieces)
    for word in _LINK_WORDS:
        forward = re.fullmatch(word, text, re.I) is not None
        assert (re.fullmatch(reversed_pattern(word), text[::-1], re.I) is not None) == forward


def _ends_before_links(terms: list[str], text: str, start: int) -> bool:
    """Plainly: some term's pattern matches a stretch of text[:start] that only linking words
    (as _LINK reads them) follow up to start."""
    from r1kb.checksource.lexicon.vocabulary import term_pattern

    patterns = [re.compile(term_pattern(t), re.I) for t in terms]
    return any(
        p.fullmatch(text, begin, end)
        for end in range(1, start + 1)
        if _LINK.match(text[end:start])
        for begin in range(end)
        for p in patterns
    )


@settings(max_examples=300, deadline=None)
@given(terms_strategy, st.lists(st.integers(0, 80), max_size=12))
@example({"r0": ["ta"]}, [53, 61])  # "ta" then "\n": _LINK's $ matches before a last newline
@example({"r0": ["tas*"]}, [60, 14, 53])
def test_no_term_ends_before_the_linking_words_where_the_reversed_window_says_so(
    terms: dict[str, list[str]], pieces: list[int]
) -> None:
    """Where `ends_before` finds no match on the window reversed, no term's pattern matches any
    stretch of the window that only linking words follow (plurals, wildcards, case folding,
    a trailing line break)."""
    from r1kb.checksource.lexicon.ends_before import ends_before
    from r1kb.checksource.lexicon.vocabulary import _LINK_WORDS

    every = [t for ts in terms.values() for t in ts]
    test = ends_before(_LINK_WORDS, every)
    words = [w for t in every for w in (t.rstrip("*"), t.upper(), t.rstrip("*") + "es")]
    choices = LINK_PIECES + TEXT_PIECES + words
    text = "".join(choices[i % len(choices)] for i in pieces)
    for start in range(len(text) + 1):
        if test.match(text[:start][::-1]) is None:
            assert not _ends_before_links(every, text, start), (text, start)


def test_the_term_before_a_number_is_the_same_without_the_reversed_window_test() -> None:
    """On the case articles, before every number: the term `named_before` finds is the one it
    finds with its test of the reversed window switched off."""
    always = NumberWords(KB)
    always._ends_before = {k: re.compile("") for k in (False, True)}
    real_words = number_words(KB)
    for path in case_articles():
        text = path.read_text(encoding="utf-8")
        for number in re.finditer(r"\d+", text):
            for sizes in (False, True):
                got = real_words.named_before(text, number.start(), sizes)
                assert got == always.named_before(text, number.start(), sizes), (path, number)


# --- several term sets read off one pass over the shared places (together.find_each)


@settings(max_examples=300, deadline=None)
@given(st.lists(terms_strategy, min_size=1, max_size=3), st.lists(st.integers(0, 60), max_size=25))
@example([{"r0": ["ta"]}, {"r1": ["t"]}], [0])  # a place one character from the end
def test_term_sets_read_off_one_pass_find_what_each_finds_at_the_places(
    term_sets: list[dict[str, list[str]]], pieces: list[int]
) -> None:
    """find_each looks a place's terms up once for all the sets: each set's hits are those of
    its own `hits_at` of the same places (and of its own find)."""
    with no_env_cache():
        together = TermSets(term_sets)
    merged: dict[str, list[str]] = {}
    for terms in term_sets:
        for ref, words in terms.items():
            merged.setdefault(ref, []).extend(words)
    text = text_of(merged, pieces)
    got = together.find_each(text)
    scan = together._scan
    where = list(starts.places(scan, text, 0, len(text))) if scan is not None else []
    assert got == [list(s.hits_at(text, where, 0, len(text))) for s in together.sets]
    assert got == [s.find(text) for s in together.sets]


def test_the_names_of_the_case_articles_are_read_off_one_pass() -> None:
    """The real name sets (chips, outside names, the company's, benchmarks) on each case
    article: find_each gives each set its own find."""
    from r1kb.checksource.candidates.mentions import _names

    sets = _names(KB).sets
    for path in case_articles():
        text = path.read_text(encoding="utf-8")
        assert sets.find_each(text) == [s.find(text) for s in sets.sets], path


# --- the names inside a span (mentions.within): most spans asked hold none


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=12),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_the_names_inside_a_span_are_those_a_plain_filter_keeps(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    """within, with its early answer for a span no name starts in, keeps the names a plain
    filter of every name keeps."""
    from r1kb.checksource.candidates.mentions import Mention, within

    items = sorted((Mention(s, s + n, "model") for s, n in spans), key=lambda m: m.start)
    end = start + length
    expected = [m for m in items if start <= m.start < end and m.end <= end]
    assert within(items, [m.start for m in items], start, end) == expected


# --- a quantity no other refines is not narrowed by a scan (Vocabulary.narrow)


def _plain_narrow(vocab: Vocabulary, quantity: str, *texts: str) -> str:
    """`Vocabulary.narrow` as it was: every text's qualifiers found, whatever the quantity."""
    for text in texts:
        for hit in vocab.qualifiers.find(text):
            narrower = [q for q in hit.refs if vocab.refines.get(q) == quantity]
            if narrower:
                return narrower[0]
    return quantity


VOCAB = vocabulary(KB)
QUALIFIER_PIECES = sorted({w for q in KB.quantities.values() for w in q.qualifiers})[::3]
QUALIFIER_PIECES += [" ", ", ", "x", "AIME 2024", "context length", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(QUALIFIER_PIECES), max_size=6), min_size=1, max_size=3))
def test_a_quantity_no_other_refines_is_narrowed_as_before(texts: list[list[str]]) -> None:
    """For every quantity (those some qualifier narrows and the others), narrow gives what the
    scan of every text gave."""
    joined = ["".join(t) for t in texts]
    for quantity in [*sorted(VOCAB.narrowed), *sorted(KB.quantities)[::7]]:
        assert VOCAB.narrow(quantity, *joined) == _plain_narrow(VOCAB, quantity, *joined)


def plain_after(
    words: NumberWords, text: str, pos: int, sizes: bool, adjacent: bool
) -> tuple[str, int] | None:
    """`NumberWords.after` as it was: the terms scanned for up to the filler's reach."""
    window = min(len(text), pos + 80)
    terms = words._after_size if sizes else words._after
    reach = _FILLER_REACH.match(text, pos, window)
    hit = terms.first_hit(text, pos, window, reach.end() if reach else pos)
    if hit is None:
        return None
    gap = text[pos : hit.start]
    if "\n" in gap or not _FILLER.fullmatch(gap) or (adjacent and gap.strip()):
        return None
    allowed = ("parameters",) if sizes else _AFTER_UNITS
    refs = [r for r in hit.refs if words.unit.get(r) in allowed]
    return (refs[0], hit.end) if refs else None


AFTER_PIECES = [
    "5",
    " ",
    "-",
    "‑",
    "\t",
    "\n",
    ".",
    "×",
    "/",
    "%",
    ",",
    "x",
    "1x128 tile",
    "1 × 128 tile",
    "128x128 block",
    " Transformer layers",
    " layers",
    "layers",
    " attention heads",
    "B",
    " activated parameters",
    " total",
    " active",
    "-token",
    " tokens",
    " GPUs",
    " routed",
    " experts",
    " of",
    " and",
    "ſ",
    "K",
    "İ",
    "é",
    "(",
    "1",
    "T",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(AFTER_PIECES), max_size=14))
@example(["5", "1x128 tile"])  # a term that starts with a digit, right at the place
@example(["5", "ſ", " layers"])  # "ſ" is a letter as re.I reads it: a word of the filler
def test_the_term_right_after_a_number_is_not_looked_for_where_none_can_start(
    pieces: list[str],
) -> None:
    """Where the filler reaches no further than the number's end and no term starts with the
    characters there, `after` answers without a scan: what the scan finds, at every place."""
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        for sizes in (False, True):
            for adjacent in (False, True):
                expected = plain_after(WORDS, text, pos, sizes, adjacent)
                assert WORDS.after(text, pos, sizes, adjacent) == expected, (pos, sizes)


COMPARATIVE_PIECES = [
    *("like", "LIKE", "Such As", "similar", "TO", "to", "compared", "With", "than", "Vs."),
    *("vs", "versus", "Unlike", "rivals", "Beats", "level", "par", "ahead", "of", "Lags"),
    *("behind", "BEHIND", "against", "outperformed", "Surpassing", "matches", "equal", "the"),
    *("The", "a", "A", " ", "  ", "\n", "\t", "-", "x", "Ten", "7B", "é", "ſuch", "K", "İ", "ı"),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(COMPARATIVE_PIECES), max_size=12), st.integers(0, 60))
@example(["Such", " ", "As", " "], 0)  # capitals: the ASCII window is read lowercased
@example(["ſuch", " ", "as", " "], 0)  # "ſ" is an "s" as re.I reads it: not an ASCII window
def test_a_cue_before_a_name_is_found_in_ascii_text_without_case_folding(
    pieces: list[str], lead: int
) -> None:
    """`_comparative` reads an ASCII window lowercased with the cues' pattern read
    case-sensitively: what the case-blind search finds, wherever the window is cut."""
    text = "".join(pieces) + "R1"
    start = len(text) - 2
    for cut in (start, max(0, start - lead)):
        window = text[max(0, cut - 40) : cut]
        plain = window[-1:].isspace() and mentions._COMPARATIVE_BEFORE.search(window) is not None
        assert mentions._comparative(text, cut, cut + 2) == plain


def test_the_cues_before_a_name_are_written_in_small_letters() -> None:
    """What reading an ASCII window lowercased relies on: no capital in the cues' pattern but
    in an escape ("\\W")."""
    assert re.search(r"(?<!\\)[A-Z]", mentions._COMPARATIVE_BEFORE.pattern) is None


# first characters of terms: ASCII letters and digits, signs ("%", "_" a word character, "×"
# not ASCII), non-ASCII letters; text pieces with non-ASCII word characters ("é", "中", "₂")
LEAD_TERM_PIECES = ["t", "T", "a", "k", "7", "%", "_", "×", "é", "İ", "ſ", "中"]
LEAD_TEXT_PIECES = [*LEAD_TERM_PIECES, " ", "-", ".", "x", "X", "aT", "₂", "Σ", "\n", "__"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(LEAD_TERM_PIECES),
            st.lists(st.sampled_from([*LEAD_TERM_PIECES, " ", "-"]), max_size=3).map("".join),
        ).map("".join),
        min_size=1,
        max_size=5,
    ),
    st.lists(st.sampled_from(LEAD_TEXT_PIECES), max_size=30),
)
@example(["×a"], ["中", "×", "a"])  # a non-ASCII sign: only where it is no word character
@example(["_a"], ["x", "_", "a"])  # "_": a sign, and a word character
def test_the_scan_led_by_a_class_of_ascii_ranges_matches_as_led_by_non_word_characters(
    terms: list[str], pieces: list[str]
) -> None:
    """The scan's first item holds the non-ASCII word characters too (a class of ASCII ranges
    the engine tests faster than `\\W`): at none of them does it match, so its matches, and the
    characters `stops` names, are those of the scan led by `[\\WA-Z]` (with "_" where a term
    starts with it)."""
    source = starts.scanner(sorted(set(terms)))
    assert source is not None
    lead = source[: source.index("]") + 1]
    plain_lead = r"[\WA-Z_]" if any(t.startswith("_") for t in terms) else r"[\WA-Z]"
    plain = re.compile(plain_lead + source[len(lead) :])
    text = "".join(pieces)
    found = [(m.span(), m.lastgroup) for m in re.finditer(source, text)]
    assert found == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
    assert [c for c in text if re.fullmatch(starts.stops(source), c)] == [
        c for c in text if re.fullmatch(plain_lead, c)
    ]


# terms that share beginnings (in other cases too), wildcards, plurals, a name in capitals,
# signs and escaped characters; texts of the same pieces
SHARED_PIECES = ["Deep", "deep", "Seek", "seek", "DEEP", " ", "-", "V3", ".", "2", "s", "es"]
SHARED_PIECES += ["ſ", "\u212a", "k", "K", "İ", "i", "MATH", "Math", "%", "x", "_", "(", "*"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(SHARED_PIECES), min_size=1, max_size=4).map("".join),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.sampled_from([p for p in SHARED_PIECES if p != "*"]), max_size=14),
)
@example(["DeepSeek V3", "DeepSeek", "Deep*"], ["DeepSeek", "-", "V3", "x"])
@example(["Deeps", "Deep*", "Deep"], ["Deep", "s", "x"])
def test_terms_that_begin_alike_written_once_match_as_the_flat_alternation(
    terms: list[str], pieces: list[str]
) -> None:
    """`alternation` writes the characters that terms next to each other begin with once:
    at every place, the same span and the same term's group as the flat alternation of
    their patterns (longest first, as a term set orders them)."""
    from r1kb.checksource.lexicon.vocabulary import alternation, term_pattern

    ordered = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    members = [(i, term_pattern(t)) for i, t in enumerate(ordered)]
    if not members:
        return
    shared = re.compile(alternation(members), re.I)
    flat = re.compile("|".join(f"(?P<t{i}>{p})" for i, p in members), re.I)
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        for end in {len(text), min(len(text), pos + 5)}:
            a, b = shared.match(text, pos, end), flat.match(text, pos, end)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), pos


def test_terms_that_begin_alike_are_written_once() -> None:
    """The shortcut is taken: a group of names read at "DeepSeek" spells it once."""
    from r1kb.checksource.lexicon.vocabulary import alternation, term_pattern

    terms = ["DeepSeek V3", "DeepSeek R1", "DeepSeek"]
    source = alternation([(i, term_pattern(t)) for i, t in enumerate(terms)])
    assert source.count("DeepSeek") == 1


def test_the_characters_a_pattern_begins_with_are_read_as_its_source_writes_them() -> None:
    """`_lead` reads characters the pattern spells as themselves, one text character each:
    not a class, an escape that stands for one (`\\w`, a back reference), nor a character a
    quantifier follows (which it may leave out or repeat)."""
    from r1kb.checksource.lexicon.vocabulary import _lead

    assert _lead(r"Deep\-Seek[\s]*V3") == ["D", "e", "e", "p", r"\-", "S", "e", "e", "k"]
    assert _lead(r"ab?c") == ["a"]
    assert _lead(r"ab*") == ["a"]
    assert _lead(r"ab{2}") == ["a"]
    assert _lead(r"a\.+") == ["a"]
    assert _lead(r"x\w*") == ["x"]
    assert _lead(r"(?:s|es)?") == []
    assert _lead(r"a.b") == ["a"]


def test_a_character_as_re_i_reads_it_is_written_for_a_pattern_read_without() -> None:
    """`_as_read` in a pattern read with re.I: every code point re.I matches the character
    with, and no other (an ASCII letter written as a class of its cases read without re.I)."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for char in [*map(chr, range(128)), "ü", "İ", "ſ", "\u212a", "Σ"]:
        plain = [m.start() for m in re.finditer(re.escape(char), every, re.I)]
        assert [m.start() for m in re.finditer(starts._as_read(char), every, re.I)] == plain


@settings(max_examples=400, deadline=None)
@given(terms_strategy, st.lists(st.integers(0, 60), max_size=25))
@example({"r0": ["tſx", "tka"]}, [0, 2, 0])
def test_the_scan_with_branches_led_by_both_cases_matches_as_read_with_re_i(
    terms: dict[str, list[str]], pieces: list[int]
) -> None:
    """The scan's beginnings of terms with each branch led by its letter's cases (a class the
    engine tests before entering the branch) match where those read with re.I do."""
    every = sorted({t.strip() for ts in terms.values() for t in ts if t.strip()})
    source = starts.scanner(every)
    with mock.patch.object(starts, "_as_read", re.escape):
        plain = starts.scanner(every)
    assert (source is None) == (plain is None)
    if source is None or plain is None:
        return
    text = text_of(terms, pieces)
    found = [(m.span(), m.lastgroup) for m in re.finditer(source, text)]
    assert found == [(m.span(), m.lastgroup) for m in re.finditer(plain, text)]


def test_the_branches_of_a_scan_are_led_by_both_cases() -> None:
    """The shortcut is taken: a branch among beginnings of one first letter is led by a class
    read without re.I."""
    source = starts.scanner(["tokens", "total", "time"])
    assert source is not None and "(?-i:[oO])" in source and "(?-i:[iIİı])" in source


# --- the family names at one place (family_scan.matches_here, for a glued table's rows)

# a pattern whose source shows no first character (no look-behind first): tried everywhere
UNGATED_SYNTHETIC = [(re.compile(r"x?Rx(?:-|\s)?1", re.I), "ungated")]


def _plain_here(text: str, pos: int, patterns: list) -> list:
    return [(m.span(), m.re.pattern) for p, _ in patterns if (m := p.match(text, pos))]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*GATE_PIECES, "Rx", "RX", "Rxz", "Rxay", "th", "sx 1"]), max_size=20)
)
@example(["ſ", "x", " ", "1", " ", "Rx", "-", "1", " ", "xRX", " ", "İ"])
def test_the_names_at_a_place_are_the_matches_of_each_pattern_there(pieces: list[str]) -> None:
    """`matches_here` at every place of drawn texts gives each pattern's match there, in the
    patterns' order (the real family, synthetic gates of either case flag, a non-ASCII letter
    case folding reads as an ASCII one, a pattern tried everywhere)."""
    from r1kb.checksource.candidates.family_scan import matches_here

    text = "".join(pieces)
    for patterns in (_family(), GATED_SYNTHETIC + UNGATED_SYNTHETIC):
        for pos in range(len(text) + 1):
            found = [(m.span(), m.re.pattern) for m in matches_here(text, pos, patterns)]
            assert found == _plain_here(text, pos, patterns), (text, pos)


def test_the_names_at_each_word_of_the_case_articles_are_those_of_each_pattern() -> None:
    """`name_ends` at every word start of the case articles (their glued rows among them) is
    what every family pattern tried there gives."""
    from r1kb.checksource.candidates.mentions import _family_patterns, name_ends

    patterns = _family_patterns(KB)
    for path in case_articles():
        text = path.read_text()
        for word in re.finditer(r"(?<!\w)\w", text):
            pos = word.start()
            plain = {found.end() for p, _ in patterns if (found := p.match(text, pos))}
            assert name_ends(text, pos, KB) == sorted(plain, reverse=True), (path, pos)


# a pattern whose match may hold a place where it matches too ("Qx Qx": one name, not two)
HOLDING_SYNTHETIC = [(re.compile(r"(?<![\w])Qx(?:\s+Qx)?"), "holding")]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*GATE_PIECES, "Rx", "RX", "Rxz", "Rxay", "th", "Qx"]), max_size=30)
)
@example(["Rx", "Rx", " ", "DeepSeek", "R1", "-", "Zero", " ", "the", " ", "7B"])
@example(["R1", " ", "R1", "-", "Distill", "-", "Qwen", "-", "7B"])
@example(["Qx", " ", "Qx", " ", "Qx"])
def test_the_patterns_tried_place_by_place_find_each_pattern_s_own_matches(
    pieces: list[str],
) -> None:
    """A text of few places (a table header) has the patterns that may match at each place
    tried there: the names found are each pattern's own `finditer`, in the patterns' order,
    as when the same text is read through the tree of beginnings (each way forced; a pattern
    whose match holds a place it matches at too: "Qx Qx")."""
    from r1kb.checksource.candidates import family_scan

    text = "".join(pieces)
    for patterns in (_family(), GATED_SYNTHETIC + HOLDING_SYNTHETIC):
        for few in (0, 10**9):
            with mock.patch.object(family_scan, "_FEW_PLACES", few):
                assert _scanned_family(text, patterns) == _plain_family(text, patterns), few


# --- the cues before a name: each written as what comes before its last word and the forms of
# that word, which a quick test looks for before the search (mentions._may_end_with_cue)

# the cues as they were written before (each a regular expression of its own)
PLAIN_CUES = re.compile(
    r"(?<!\w)(?=\w)(?:like|such\s+as|similar\s+to|comparable\s+to|compared\s+(?:to|with)|than"
    r"|versus|vs\.?|unlike|similar\s+[\w-]+(?:\s+[\w-]+)?\s+to|rivals?|beats?|level\s+with"
    r"|par\s+with|ahead\s+of|(?:lags?|lagg(?:ed|ing)|trail(?:s|ed|ing)?|f[ae]ll(?:s|ing)?|is|are"
    r"|was|were|sits?|ranks?|ranked|just|slightly|far|well|only)\s+behind|against"
    r"|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|match(?:es|ed|ing)?|equals?)"
    r"\s+(?:the\s+|a\s+)?$",
    re.I,
)
CUE_PIECES = [
    *COMPARATIVE_PIECES,
    *("vs.", "VS", "rival", "beat", "outperform", "Outperforms", "outperforming", "surpass"),
    *("surpassed", "match", "Matched", "matching", "equals", "Equal", "fell", "falls", "ranked"),
    *("sits", "well", "is", "trailing", "lagged", "(", ".", ",", "\r", "\x0c", "\x1c", "un"),
    *("tothe", "via", "with", "as", "comparable", "such", "level", "par", "of", "mid", "X"),
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=12), st.integers(0, 60))
@example(["compared", " ", "to", " ", "the", " "], 0)
@example(["e", ".", "like", " "], 0)
@example(["vs.", " ", "A", "\n"], 0)
@example(["fell", " ", "behind", "\x1c"], 0)
def test_a_cue_before_a_name_is_found_as_the_cues_written_each_as_a_pattern(
    pieces: list[str], lead: int
) -> None:
    """The cues, each written as what comes before its last word and the forms of that word,
    match where they matched written each as a pattern; `_comparative`, with its quick test
    of the window's last word, answers as that plain search, wherever the window is cut."""
    text = "".join(pieces) + "R1"
    start = len(text) - 2
    for cut in (start, max(0, start - lead)):
        window = text[max(0, cut - 40) : cut]
        plain = PLAIN_CUES.search(window) is not None
        assert (mentions._COMPARATIVE_BEFORE.search(window) is not None) == plain, window
        assert mentions._comparative(text, cut, cut + 2) == (window[-1:].isspace() and plain)


def test_the_quick_test_of_a_cue_passes_over_most_windows() -> None:
    """The point of it: a window that ends with no cue's last word is not searched."""
    assert not mentions._may_end_with_cue("the model released in ")
    assert not mentions._may_end_with_cue("trained by the ")
    assert mentions._may_end_with_cue("slightly behind the ")
    assert mentions._may_end_with_cue("compared with a ")


SUFFIX_PIECES = ["o1", "Llama", "-", "\u2011", "–", "'", "’", "like", "Like", "style", "s", "based"]
SUFFIX_PIECES += [" ", "\n", "x", "class", "LEVEL", "é", "_", "levelx", "type", "esque", "7B"]


def _plain_suffix_comparative(text: str, start: int, end: int) -> bool:
    cont = mentions._CONTINUED.match(text[end : end + 12])
    inside = mentions._HY_END.search(text[start:end])
    return any(m and m.group(1).lower() in mentions._SUFFIX_COMPARATIVE for m in (cont, inside))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SUFFIX_PIECES), max_size=10).map("".join))
@example("o1-like")
@example("Llama-style\n")
@example("x-level-7B-class")
def test_a_suffix_read_in_place_is_the_suffix_read_in_slices(text: str) -> None:
    """`_suffix_comparative` reading the text in place answers as reading slices of it, for
    every span of drawn texts (a suffix after the span cut at 12 characters, inside it at a
    line break or its end)."""
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = _plain_suffix_comparative(text, start, end)
            assert mentions._suffix_comparative(text, start, end) == expected, (start, end)

"""The shortcuts that keep check-source's cost per figure bounded give the answers of the plain
searches they replace (issue 10 §5): a clause is searched once for a phrase about models in
general; a term set skips word starts no term can begin at."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution import sentence
from r1kb.checksource.candidates import dates, extract, family_scan, figure_scan, mentions
from r1kb.checksource.candidates import find as find_module
from r1kb.checksource.candidates.mentions import find_mentions
from r1kb.checksource.document import caps, document
from r1kb.checksource.lexicon.alternation import by_first_letter
from r1kb.checksource.lexicon.notations import QUALIFIER, qualifier_before
from r1kb.checksource.lexicon.starts import WORD_SPLIT
from r1kb.checksource.lexicon.vocabulary import (
    _LINK_ZONE,
    _WORD_START,
    Hit,
    TermSet,
    alternation,
    link_zone_start,
    number_words,
    term_pattern,
    vocabulary,
)
from r1kb.checksource.pipeline import check_text
from r1kb.loader import load
from r1kb.units import UnitSystem
from test_check_source_terms import every_place

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
CLAUSES = [
    "millions of tokens millions of tokens for a large model and 5 more",
    "a 7B model uses 2,048 GPUs, like many other LLMs with 671B parameters",
    "training a modelx1 then a model1 and such systems2 then any LLMs",
    "a  model  is 3 then some big rival networks 4 and typical setups",
    "nothing generic here at all 12 34",
]


def test_a_clause_searched_once_answers_as_a_search_up_to_each_position() -> None:
    for clause in CLAUSES:
        text = "Intro. " + clause + ". Outro"
        attributor = at.Attributor(text, KB, find_mentions(text, KB), UnitSystem(KB.units))
        span = (7, 7 + len(clause))
        for end in range(span[0], span[1] + 1):
            plain = at._GENERIC_PHRASE.search(text, span[0], end) is not None
            assert attributor._generic_before(span, end) == plain, (clause, end)


def _every_place(terms: TermSet, text: str) -> list[Hit]:
    """TermSet.find without its shortcuts: the terms of each first character tried at every
    place of the text."""
    return every_place(terms, text, 0, len(text))


def _terms_text() -> str:
    """A text of every quantity term, written in each way a term set must read it."""
    text = (ROOT / "tests" / "cases" / "snapshots" / "blog-post.txt").read_text(encoding="utf-8")
    words = [t for q in KB.quantities.values() for t in q.terms]
    text += " ".join(words) + ", ".join(w.upper() for w in words) + "".join(words)  # glued too
    text += " ".join(w.replace(" ", "-") for w in words) + " ".join(
        w.replace(" ", " _ ") for w in words
    )
    text += " a.a.a- a-day a_total of, at a  total of "  # a term's first word alone, cut short
    return text + " millions of tokens, MMLU-Pro, AIME 2024, ofTokens, Kelvin K \u212a, Ōpen, maths"


def test_a_term_set_finds_what_its_terms_find_at_every_place() -> None:
    text = _terms_text()
    words = [t for q in KB.quantities.values() for t in q.terms]
    words_sets = number_words(KB)
    for terms in (vocabulary(KB).quantities, words_sets._before, words_sets._after):
        assert terms.find(text) == _every_place(terms, text)
    assert len(vocabulary(KB).quantities.find(text)) > len(words)


def test_the_terms_of_a_places_first_two_characters_match_as_those_of_its_first_letter() -> None:
    """A term set tries a place against the terms its first two characters may begin (where
    they are ASCII): at every place, and with the text cut right after it, the same match as
    the group of all the terms of its first letter."""
    text = _terms_text() + " aB, a-b, GPT-4o, gpt4, τ-x, ſe \u212aV"
    words_sets = number_words(KB)
    for terms in (vocabulary(KB).quantities, words_sets._before, words_sets._after_size):
        for pos in range(len(text)):
            for end in (len(text), pos + 1, pos + 2):
                group = terms._groups.get(text[pos].lower())
                plain = group.match(text, pos, end) if group is not None else None
                pair = terms.terms_at(text, pos, end)
                got = pair.match(text, pos, end) if pair is not None else None
                assert (got and (got.span(), got.lastgroup)) == (
                    plain and (plain.span(), plain.lastgroup)
                ), (pos, end)


def test_the_word_start_tested_once_for_a_group_of_terms_matches_as_each_term_tests_it() -> None:
    """A group's alternation makes the word-start test once, before its terms: at every place
    it matches what the alternation of the terms' own patterns matches (same span, same term)."""
    terms = sorted({t.strip() for q in KB.quantities.values() for t in q.terms if t.strip()})
    terms.sort(key=lambda t: (-len(t), t))
    groups: dict[str, list[tuple[int, str]]] = {}
    for i, term in enumerate(terms):
        groups.setdefault(term[0].lower(), []).append((i, term_pattern(term)))
    text = _terms_text()
    # every word start, and places between (where neither may match: each term starts there)
    places = sorted({m.start() for m in re.finditer(_WORD_START, text)} | {*range(0, len(text), 5)})
    hoisted = 0
    for members in groups.values():
        once = re.compile(alternation(members), re.I)
        flat = re.compile("|".join(f"(?P<t{i}>{p})" for i, p in members), re.I)
        hoisted += once.pattern != flat.pattern
        firsts = {next(w for w in WORD_SPLIT.split(terms[i]) if w)[0] for i, _ in members}
        near = re.compile(f"[{re.escape(''.join(firsts))}]", re.I)  # where a term may begin
        for pos in (p for p in places if near.match(text, p)):
            a, b = once.match(text, pos), flat.match(text, pos)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), pos
    assert hoisted


def test_one_search_for_a_final_character_answers_as_the_test_of_each() -> None:
    text = "Hidden size of 7168, 61 layers; KL coefficient = 0.001 with τ, ß and x_1 at 128K 96%"
    for terms in (vocabulary(KB).quantities, number_words(KB)._before):
        for start in range(len(text)):
            for end in range(start, min(len(text), start + 12) + 1):
                each = any(terms.may_end_with(c) for c in text[start:end])
                assert terms.may_end_in(text, start, end) == each, (text[start:end],)


def test_a_number_after_a_dot_has_a_qualifier_only_after_approx() -> None:
    for before in ("1. ", "etc. ", "Approx. ", "approx.  ", "e.g. ", "~", "about "):
        text = before + "5 GPUs"
        window = text[: len(before)]
        plain = QUALIFIER.search(window)
        assert (qualifier_before(text, len(before))[0] is not None) == (plain is not None)


# a scan led by the class of its first characters, the tests before that character read
# behind it: the same matches as those tests, then the class (see family_scan._scanner)
_CLASS_LED = re.compile(
    r"(?P<first>\[[^\]]*\])\(\?<!\\w\[\\s\\S\]\)\(\?<=\(\?=(?P<at>.*)\)\[\\s\\S\]\)", re.S
)


def _plain(scan: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern a skipping scan stands for: without the look-ahead put before it, or, for a
    scan led by its first characters' class, the tests it reads behind that class put before
    it again."""
    source = scan.pattern
    if source.startswith("(?=["):
        return re.compile(source[source.index("])") + 2 :], scan.flags)
    led = _CLASS_LED.fullmatch(source)
    assert led is not None, source
    return re.compile(f"(?<!\\w)(?={led['at']}){led['first']}", scan.flags)


def test_a_scan_that_skips_ahead_on_its_first_characters_finds_what_it_found() -> None:
    """The look-ahead put before each whole-text scan, or the class a scan is led by, changes
    where the engine tries, never what it finds (case folding included: "ſ" is an "s", "K" a
    "k" under re.I), at the text's start too (each text that starts in the added tail)."""
    scans = [
        caps.NUMERALS,
        extract._WORD_NUM,
        extract._VAGUE,
        number_words(KB).tails.number,
        number_words(KB).tails.experts,
        dates._MONTH_ALONE,
        dates._PART_OF_YEAR,
        *dates._COMPILED,
        *dates._NO_YEAR,
        mentions._EVAL_MARKS,
        family_scan._scanner(tuple(mentions._family_patterns(KB)))[2],
    ]  # a term set's scan: tests/test_check_source_terms.py
    text = (ROOT / "tests" / "cases" / "snapshots" / "blog-post.txt").read_text(encoding="utf-8")
    tail = (
        " Two, ſeven, SIX, a  few, eleven-day; Millions or even Billions of tokens, hundreds"
        " to thousands; US$5.6M, CN¥2, ￥3, RMB 4, .5%, 1,234.5 and 2 048; top-8 of 256 experts,"
        " 8x256+1 MoE; since March, last December, early 2025, MID-2024; pass@1, Top 5%, Elo"
        " 2029, cons@64; R1, DeepSeek-V3, ρ1; Kelvin K \u212a and İstanbul"
        "; 2025-01-20, 2025/1/20, January 20, 2025, 20th of JANUARY 2025, 20/12/2025, late"
        " Sept. 2024, ſept 3, Jan 27th and 10 March; xR1 _R1 R1R1 é-R1 DeepSeek\nR1 the 7B"
        " model, the May release, then R1-Zero; V3.1 (V3) r1 DEEPSEEK-r1 ﬁR1 ٣R1 R1"
    )
    text += tail
    for scan in scans:
        assert scan is not None
        plain = _plain(scan)
        found = [(m.span(), m.groupdict()) for m in scan.finditer(text)]
        assert found and found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        for cut in range(len(tail)):
            piece = tail[cut:]
            found = [(m.span(), m.groupdict()) for m in scan.finditer(piece)]
            assert found == [(m.span(), m.groupdict()) for m in plain.finditer(piece)]


def test_the_linking_zone_before_a_number_is_found_without_a_search() -> None:
    text = "the hidden size is about = 7168; KL coefficient: ~ 0.001 with τ=é ö 1 ⅱ x\t\n: 5"
    for end in range(len(text) + 1):
        for lo in range(max(0, end - 30), end + 1):
            assert link_zone_start(text, lo, end) == _LINK_ZONE.search(text, lo, end).start()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["of", " ", "=", ":", "~", "\t", "\n", "é", "ſ", "ı", "İ", "K", "—", "τ"])
        | st.sampled_from(["1", ";", ".", "$", "_", "[", "\x7f", "\x00", "is", "ⅱ", "\u00a0"]),
        max_size=40,
    ).map("".join),
    st.integers(0, 45),
    st.integers(0, 45),
)
def test_the_linking_zone_read_backwards_is_the_zone_a_search_finds(
    text: str, lo: int, end: int
) -> None:
    """Non-ASCII characters (in the zone, as case folding may make them letters) among ASCII
    ones on either side of the zone's edge: the backward read stops where the search starts."""
    lo, end = min(lo, end, len(text)), min(max(lo, end), len(text))
    assert link_zone_start(text, lo, end) == _LINK_ZONE.search(text, lo, end).start()


FIGURE_PIECES = [
    "DeepSeek-R1", "R1", "V3", " was trained on ", "GPUs", " tokens", " parameters", " a few",
    " two", " weeks", " millions of", "hundreds", " 671B", "7", "$5.6M", " 2,048", "8x256+1",
    " MoE", " March", " 2025", "Qwen-7B", ". ", "\n\n", "| a | b |\n|---|---|\n| R1 | 37B |\n",
    "<td>", "1.5", "%", " the", " model",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=16).map("".join))
def test_a_text_without_a_figure_pattern_reports_what_the_whole_reading_reports(
    text: str,
) -> None:
    """find skips the names and the attribution of a text no figure pattern matches (and
    without table cells): the report is the one reading all of it gives."""
    quick = check_text(text, KB).figures
    kept = find_module.may_hold_figures
    find_module.may_hold_figures = lambda *_: True
    try:
        assert check_text(text, KB).figures == quick
    finally:
        find_module.may_hold_figures = kept
    if not figure_scan.may_hold_figures(text, number_words(KB)):
        assert quick == []


def test_figure_free_text_is_recognised_and_a_figure_anywhere_is_not_skipped() -> None:
    words = number_words(KB)
    prose = "DeepSeek R1 was trained on many GPUs, with the usual tokens and parameters. " * 50
    assert not figure_scan.may_hold_figures(prose, words)
    for figure in ("It has 671B parameters.", "It took two months.", "since March", "8x256+1 MoE",
                   "millions of tokens", "$5.6M"):  # fmt: skip
        assert figure_scan.may_hold_figures(prose + figure, words), figure
        assert check_text(prose + figure, KB).figures, figure


WORD_PIECES = ["a", "ab", "a b", "b", "ba", "abc", "s", "ſ", "K", "\u212a"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORD_PIECES), min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from([*WORD_PIECES, " ", "  ", "x", "\n"]), max_size=12).map("".join),
)
def test_words_by_first_letter_match_what_the_flat_alternation_matches(
    words: list[str], text: str
) -> None:
    flat = "|".join(sorted(words, key=len, reverse=True)).replace(" ", r"\s+")
    for tail in ("", r"(?![\w])"):
        grouped = re.compile(f"(?:{by_first_letter(words)}){tail}", re.I)
        plain = re.compile(f"(?:{flat}){tail}", re.I)
        assert [m.span() for m in grouped.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def _parens_of_every_character(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parentheses of text[start:end], read character by character."""
    out, stack = [], []
    for i in range(start, end):
        if text[i] in "([":
            stack.append(i)
        elif text[i] in ")]" and stack:
            out.append((stack.pop(), i + 1))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "[", "]", "a", " ", "7", "; ", "\n"])).map("".join))
def test_a_sentence_pairs_its_brackets_as_reading_every_character_did(text: str) -> None:
    """parse_sentence visits only the brackets (found by one search), not every character."""
    for start in range(len(text) + 1):
        for end in (start, (start + len(text)) // 2, len(text)):
            if end >= start:
                found = sentence.parse_sentence(text, start, end).parens
                assert found == _parens_of_every_character(text, start, end)


ABBREVIATION_PIECES = ["e.g", "E.G", "approx", "sept", "Jan", "X", "x", "vs", "u.s", ".", " ", "-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ABBREVIATION_PIECES), max_size=12).map("".join))
def test_the_end_of_a_sentence_holds_every_abbreviation_its_whole_text_does(head: str) -> None:
    """Document.sentences looks for an abbreviation before a full stop only in the last
    characters of the sentence: what a search of all of it finds."""
    for cut in range(len(head) + 1):
        text = head[:cut] + "."
        tail = text[-document._ABBREV_TAIL :]
        assert bool(document._ABBREV.search(tail)) == bool(document._ABBREV.search(text)), text


BETWEEN_PIECES = ["between", "Between", "betwee", "n", "x", " ", "\n", "\t", "\u2003", " " * 70]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BETWEEN_PIECES), max_size=12).map("".join))
def test_between_before_a_number_is_read_from_the_end_as_the_search_of_the_whole_text(
    text: str,
) -> None:
    for end in range(len(text) + 1):
        plain = re.search(r"between\s*$", text[:end]) is not None
        assert extract.ends_with_between(text, end) == plain, end


def test_between_far_before_a_number_across_white_space_is_still_read() -> None:
    for text in ("x between" + " " * 300, "between" + "\n" * 65, "x" + " " * 300, " " * 65):
        plain = re.search(r"between\s*$", text) is not None
        assert extract.ends_with_between(text, len(text)) == plain == text.strip().endswith("n")

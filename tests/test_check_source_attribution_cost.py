"""The shortcuts that keep attribution, matching and the report cheap give the answers of the
plain code they replace: a figure's value judged again is judged as anew; the subject handed on
past figure-free sentences is the one reading each of them in turn hands on; a report's words
said once are the words said for each figure; a header's terms found once are its terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution import walk
from r1kb.checksource.attribution.quantity import terms_of
from r1kb.checksource.attribution.sentence import parse_sentence
from r1kb.checksource.attribution.walk import attribute
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.find import find
from r1kb.checksource.document.document import read
from r1kb.checksource.lexicon.vocabulary import vocabulary
from r1kb.checksource.matching.choose import match
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.result import figures, wording
from r1kb.loader import load
from test_check_source_sentence_cost import _plain_term_reading

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
MATCHER = Matcher(KB)  # judges again what it judged before
PAIRS = sorted(MATCHER.index)  # (model, quantity) with claims on record
VALUE_FIELDS = ["low", "high", "step", "bound", "vague", "unit", "dates"]
DATES = [None, ("2025-01-20", "2025-01-20"), ("2025-01-01", "2025-01-31"), ("--01", "--01")]


def _recorded(pair: tuple[str, str]) -> list[float]:
    """The numbers on record for a model's quantity (a figure of them is judged "agrees")."""
    out = []
    for c in MATCHER.index[pair]:
        v = c.value
        for x in v.values() if isinstance(v, dict) else [v]:
            if isinstance(x, int | float):
                out.append(x)
    return out


@st.composite
def judged(draw: st.DrawFn) -> tuple[str, str, bool, dict, dict]:
    """A reading (a model's quantity, recorded or not) and two figures' values: the second
    shares some of the first one's fields (often all of them)."""
    model, quantity = draw(st.sampled_from(PAIRS) | st.just(("deepseek-r1", "epochs")))
    unit = MATCHER.unit_of(quantity)
    numbers = st.sampled_from([None, 0.0, -0.0, 5, 5.0, *_recorded((model, quantity))]) | (
        st.floats(1e-3, 1e13, allow_nan=False)
    )

    def value() -> dict:
        return {
            "low": draw(numbers),
            "high": draw(numbers),
            "step": draw(st.sampled_from([0.0, 0.01, 0.1, 1.0, 1e6, 1e9])),
            "bound": draw(st.sampled_from([None, "upper", "lower", "approx"])),
            "vague": draw(st.booleans()),
            "unit": draw(st.sampled_from([unit, unit, None, "USD", "CNY", "tokens", "date"])),
            "dates": draw(st.sampled_from(DATES)),
        }

    first, other = value(), value()
    kept = draw(st.sets(st.sampled_from(VALUE_FIELDS)) | st.just(set(VALUE_FIELDS)))
    second = {k: first[k] if k in kept else other[k] for k in VALUE_FIELDS}
    return model, quantity, draw(st.booleans()), first, second


# what a figure has besides its value: where it stands, its hints
placings = st.fixed_dictionaries(
    {
        "start": st.integers(0, 500),
        "end": st.integers(501, 900),
        "hint": st.sampled_from([None, "context", "times"]),
        "gpu": st.sampled_from([None, "H800"]),
        "money": st.booleans(),
        "currency": st.sampled_from([None, "USD", "CNY"]),
    }
)


@settings(max_examples=500, deadline=None)
@given(judged(), placings, placings)
def test_a_figure_judged_again_is_judged_as_anew(
    case: tuple[str, str, bool, dict, dict], here: dict, there: dict
) -> None:
    """A second figure that shares some of the first one's value (all of it, often) and none
    of its place: the matcher that judged the first answers it as one that never saw it."""
    model, quantity, strong, first, second = case
    MATCHER.judge(Raw(**here, **first), model, quantity, strong)
    plain = Matcher(KB)._judge_anew(Raw(**there, **second), model, quantity, strong)
    assert MATCHER.judge(Raw(**there, **second), model, quantity, strong) == plain


SENTENCES = [
    "DeepSeek-R1 is a reasoning model. ",
    "It was trained on many GPUs. ",
    "Models like R1 use many tokens. ",
    "The paper (about DeepSeek-V3) says so. ",
    "GPT-4 is another model. ",
    "Nothing is named here. ",
    "V3 (and o1) came first, then R1-Zero. ",
    "Compared with Llama it is cheap. ",
]


def _plain_hand_on(self: walk._Walk, quiet: list[tuple[int, int]], carry: str | None) -> str | None:
    """What the walk did before: each sentence read in turn."""
    for s_start, s_end in quiet:
        last, generic = self.at.last_subject(parse_sentence(self.doc.text, s_start, s_end))
        carry = last or (None if generic else carry)
    return carry


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=10).map("".join))
def test_the_subject_handed_on_is_that_of_each_sentence_read_in_turn(text: str) -> None:
    doc = read(text, "t.txt")
    found = find(doc, KB)
    attributor = at.Attributor(doc.text, KB, found.mentions, MATCHER.units)
    walker = walk._Walk(doc, attributor, None, None)  # type: ignore[arg-type]
    spans = [s for b in doc.blocks for s in doc.sentences(b)]
    for i in range(len(spans) + 1):
        for j in range(i, len(spans) + 1):
            for carry in (None, "deepseek-r1"):
                expected = _plain_hand_on(walker, spans[i:j], carry)
                assert walker._handed_on(spans[i:j], carry) == expected, (spans[i:j], carry)


FIGURED = [
    *SENTENCES,
    "It has 671B parameters. ",
    "Training cost $5.6M for V3. ",
    "\n\n",
    "\n- R1 scores 79.8% on AIME\n",
    "\n# DeepSeek-R1\n",
    "\n- it used 2,048 H800s\n",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FIGURED), min_size=1, max_size=14).map("".join))
def test_a_walk_that_reads_only_the_sentences_it_needs_reports_what_reading_all_did(
    text: str,
) -> None:
    fast = check_text(text, KB, matcher=MATCHER).as_dict()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walk._Walk, "_handed_on", _plain_hand_on)
        plain = check_text(text, KB, matcher=Matcher(KB)).as_dict()
    assert fast == plain


def test_the_words_said_once_are_those_said_for_each_figure() -> None:
    cases = sorted((ROOT / "tests" / "cases").rglob("*.txt"))
    assert cases
    for path in cases:
        text = path.read_text(encoding="utf-8")
        doc = read(text, path.name)
        matcher = Matcher(KB)
        chosen = match(attribute(doc, find(doc, KB), KB, matcher.units), matcher)
        said = figures._Said(doc, KB)
        for c in chosen:
            r, j = c.readings, c.judgement
            span = (r.raw.start, r.raw.end)
            _, message, value, _ = said.judged(j)
            assert message == wording.message(KB, j)
            assert value == j.value.as_json()
            quote = figures._quote(doc, r.sentence.start, r.sentence.end, span)
            assert said.quote(r.sentence.start, r.sentence.end, span) == quote


HEADER_PIECES = ["Total ", "params", "parameters ", "context ", "length", "GPU hours", "| ", "x"]


@given(st.lists(st.sampled_from(HEADER_PIECES), max_size=80).map("".join))
def test_the_terms_of_words_found_once_are_their_terms(words: str) -> None:
    for terms in (vocabulary(KB).quantities, vocabulary(KB).units):
        assert list(terms_of(terms, words)) == terms.find(words)
        assert list(terms_of(terms, words)) == terms.find(words)  # kept, or found again


def _plain_nearest_term(
    self: at.Attributor, raw: Raw, scopes: list[tuple[int, int]], only: frozenset[str] | None
) -> str | None:
    """nearest_term as it was: every term of every scope read (which of its ids the figure
    fits worked out anew), the first of the nearest taken."""
    for lo, hi in scopes:
        terms = self.vocab.quantities.find(self.text, lo, hi)
        found = [(read, h) for h in terms if (read := _plain_term_reading(self, raw, h, only))]
        if found:
            (_, quantity), h = min(found, key=lambda f: f[0][0])
            self.quantity_how = f"the term {self.text[h.start : h.end]!r}"
            return quantity
    return None


TERM_PIECES = [
    "671B ", "37B ", "total ", "activated ", "parameters", " and ", ", ", "training cost ",
    "$5.6M ", "2,048 ", "GPUs ", "context length ", "128K ", "tokens ", "of ", "capex ",
    "R&D ", "the ", "cluster ", "fleet ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TERM_PIECES), min_size=1, max_size=16).map("".join))
@example("training cost of the $5.6M capex")  # a term after the figure nearer than one before
def test_the_nearest_term_read_up_to_where_none_can_be_nearer_is_the_nearest_of_all(
    text: str,
) -> None:
    doc = read(text, "t.txt")
    found = find(doc, KB)
    attributor = at.Attributor(doc.text, KB, found.mentions, MATCHER.units)
    attributor.spans = found.spans
    scopes = [(0, len(text)), (0, len(text) // 2), (0, len(text))]
    for raw in found.prose:
        for unit in (raw.unit, "parameters", "USD", "tokens"):
            figure = Raw(**{**vars(raw), "unit": unit})
            for spans in (scopes, [(figure.start, min(len(text), figure.end + 30)), *scopes]):
                for only in (None, frozenset({"total-parameters", "context-length"})):
                    plain = _plain_nearest_term(attributor, figure, spans, only)
                    how = attributor.quantity_how
                    assert attributor.nearest_term(figure, spans, only) == plain
                    assert attributor.quantity_how == how


@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000ab.")))
def test_white_space_made_one_space_by_splitting_is_as_by_a_pattern(text: str) -> None:
    assert figures.one_spaced(text) == re.sub(r"\s+", " ", text).strip()


def test_white_space_to_split_on_is_white_space_to_a_pattern() -> None:
    space = re.compile(r"\s")
    differ = [c for c in map(chr, range(0x110000)) if bool(space.match(c)) != c.isspace()]
    assert differ == []


GENERIC_PIECES = [
    "a ", "an ", "A ", "many ", "Most ", "such ", "rival ", "is ", "as ", "was ", "it's ",
    "are ", "were ", "model", "models ", "LLM", "system ", "big ", "open-weight ", "x",
    "\u017fome ", "\u212a", "\u0130", ". ", "-", "’s ",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(GENERIC_PIECES), max_size=14).map("".join))
def test_a_phrase_about_models_in_general_found_by_its_first_letter_first_is_as_before(
    text: str,
) -> None:
    plain = re.compile(at._NOT_AFTER + at._GENERIC_NOUN, re.I)
    for start in range(len(text) + 1):
        for end in (start, len(text)):
            fast = at._GENERIC_PHRASE.search(text, start, end)
            slow = plain.search(text, start, end)
            assert (fast and fast.span()) == (slow and slow.span()), (text, start, end)
            fast, slow = at._GENERIC_PHRASE.match(text, start), plain.match(text, start)
            assert (fast and fast.span()) == (slow and slow.span()), (text, start)


SEGMENT_PIECES = ["ab", "é", "_", "7", " ", ", ", " and ", "-", "training cost", "\u00b2"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(SEGMENT_PIECES), min_size=1, max_size=120).map("".join),
    st.integers(0, 10**6),
    st.integers(1, 4),
    st.integers(0, 10**6),
)
@example("training cost " * 20 + "5 " + "training cost " * 20, 280, 1, 0)
def test_a_figure_s_item_ends_at_a_separator_or_a_word_s_edge(
    text: str, at_: int, width: int, clause_start: int
) -> None:
    """The item (`_segment`) reaches a few hundred characters either side unless a separator
    ends it first, and where that reach falls inside a word, it takes the whole word: a cut
    word read "Training Costs" as "Costs", and a scope cut mid-word could not be read off its
    clause's terms (each figure of a page-long heading scanned its item anew)."""
    from r1kb.checksource.attribution import quantity

    start = at_ % len(text)
    end = min(len(text), start + width)
    clause = (min(clause_start % (start + 1), start), len(text))
    raw = Raw(start=start, end=end, low=1, high=1)
    lo, hi = quantity._segment(text, raw, clause)
    reach_lo = max(clause[0], start - quantity._SEGMENT_REACH)
    reach_hi = min(clause[1], end + quantity._SEGMENT_REACH)
    seps = list(quantity._LIST_SEPARATOR.finditer(text, reach_lo, start))
    plain_lo = seps[-1].end() if seps else reach_lo
    after = quantity._LIST_SEPARATOR.search(text, end, reach_hi)
    plain_hi = after.start() if after else reach_hi
    assert clause[0] <= lo <= plain_lo and plain_hi <= hi <= clause[1]
    assert re.fullmatch(r"\w*", text[lo:plain_lo]) and re.fullmatch(r"\w*", text[plain_hi:hi])
    if lo < plain_lo:
        assert plain_lo == reach_lo and (lo == clause[0] or not re.match(r"\w", text[lo - 1]))
    if hi > plain_hi:
        assert plain_hi == reach_hi and (hi == clause[1] or not re.match(r"\w", text[hi]))
    if plain_lo == reach_lo and reach_lo > clause[0]:
        assert not re.fullmatch(r"\w\w", text[lo - 1 : lo + 1])
    if plain_hi == reach_hi and reach_hi < clause[1]:
        assert not re.fullmatch(r"\w\w", text[hi - 1 : hi + 1])


@pytest.mark.parametrize("term", ["pre training", "pre-training", "training cost"])
def test_a_term_across_the_reach_of_a_figure_s_item_is_read_whole(term: str) -> None:
    """Wherever the item's reach (200 characters) falls in a term of two words before the
    figure, the term is read whole: its half ("training") named another quantity."""
    from r1kb.checksource.attribution import quantity

    figure = "55 days" if "cost" not in term else "$5.6M"
    whole = check_text(f"DeepSeek-V3 {term} took {figure}.", KB).figures[0]
    for shift in range(len(term) + 2):
        filler = " ".join(["approximately"] * 40)
        gap = quantity._SEGMENT_REACH - len(term) + shift - len("took ")
        text = f"DeepSeek-V3 {term} {filler[:gap].rstrip()} took {figure}."
        (found,) = check_text(text, KB).figures
        assert (found.model, found.quantity) == (whole.model, whole.quantity), (shift, text)

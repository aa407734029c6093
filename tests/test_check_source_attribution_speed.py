"""The shortcuts of attribution's quick tests give the answers of the plain searches they stand
before: a case-insensitive pattern is not searched where the words it needs are absent (its
folding of "ſ", "K", "İ", "ı" included), a sentence's clauses are cut with only the breaks its
characters allow, one without an opening bracket has no parentheses, and a figure's quantity is
not narrowed where no qualifier of a narrower quantity can stand."""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb import unit_words
from r1kb.checksource.attribution import attribute as at
from r1kb.checksource.attribution import (
    quantity,
    readings,
    respectively,
    sentence,
    walk,
    word_test,
)
from r1kb.checksource.attribution.readings import Rates, Reading
from r1kb.checksource.attribution.recorded import recorded
from r1kb.checksource.attribution.sentence import Sentence, parse_parens
from r1kb.checksource.attribution.word_test import may_hold
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.candidates.find import find
from r1kb.checksource.candidates.mentions import find_mentions
from r1kb.checksource.document.document import Document, read
from r1kb.checksource.document.layout import Cell
from r1kb.checksource.lexicon.vocabulary import vocabulary
from r1kb.checksource.matching.choose import Choice, match
from r1kb.checksource.matching.match import Matcher, judged_key
from r1kb.checksource.result import figures
from r1kb.checksource.result.result import Figure
from r1kb.kb import Unit
from r1kb.loader import load
from r1kb.units import UnitSystem
from shortcut_helpers import both_ways, case_articles
from test_check_source_sentence_cost import PIECES as SENTENCE_PIECES

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
UNITS = UnitSystem(KB.units)

# pieces of text around the words the quick tests look for, in every case and with the letters
# re's case folding takes for ASCII ones
PIECES = [
    "respectively", "RESPECTIVELY", "re\u017fpectively", "in that order", "\u0130N THAT ORDER",
    "\u0131n  that\norder", "than the ", "Below a ", "compared to the ", "vs. its ", "v\u017f ",
    "unlike those ", "a model", "most LLMs", "rival network", "such \u017fystems", "setup",
    "clu\u017fter", "is common", "typically", "U\u017fUALLY", "standard", "\u212aimi", "but ",
    " BUT ", " whereas ", ", and ", ", \u017fo ", "; ", " — ", " – ", "\n", "\nA", "\n b",
    "(", ")", "[", "]", "x", " ", "7B", "—", "·", "é", "\u0307",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


def _windows(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a in range(len(text) + 1) for b in range(a, len(text) + 1)]


def test_the_letters_case_folding_takes_for_ascii_ones_are_all_listed() -> None:
    """Every character beyond ASCII that a case-insensitive pattern takes for an ASCII letter
    is one `may_hold` reads as that letter (read off every code point)."""
    letters = {c: re.compile(c, re.I) for c in "abcdefghijklmnopqrstuvwxyz"}
    any_letter = re.compile("[a-z]", re.I)
    found = {
        chr(cp): next(c for c, p in letters.items() if p.fullmatch(chr(cp)))
        for cp in range(128, sys.maxunicode + 1)
        if any_letter.fullmatch(chr(cp))
    }
    assert found == dict(word_test._AS_ASCII)


@settings(max_examples=300, deadline=None)
@given(texts)
@example("re\u017fpectively \u0130n that order")
def test_a_stretch_said_not_to_hold_a_word_holds_none_in_any_case(text: str) -> None:
    words = ("respectively", "order", "than", "vs", "model", "usual", "kimi", "but")
    for word in words:
        pattern = re.compile(word, re.I)
        for a, b in _windows(text):
            if pattern.search(text, a, b):
                assert may_hold(text, a, b, (word,)), (text, a, b, word)


def _plain_may_hold(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """may_hold as it was: the stretch copied and folded on its own for each question."""
    window = text[start:end]
    for char, letter in word_test._AS_ASCII:
        window = window.replace(char, letter)
    return any(word in window.lower() for word in words)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
@example("\u0130N THAT ORDER", "in that order")
def test_may_hold_answers_as_the_stretch_folded_on_its_own(one: str, other: str) -> None:
    """The text folded once gives each stretch the answer of the stretch folded on its own,
    with two texts asked about in turn (the fold kept is the text's own, never the other's,
    even when they are equal or of one length)."""
    words = ("respectively", "order", "than", "vs", "model", "usual", "kimi", "but", "is")
    twin = "".join(list(one))  # equal to `one`, another object
    for a, b in _windows(one):
        for text in (one, other, twin):
            lo, hi = min(a, len(text)), min(b, len(text))
            for word in words:
                got = may_hold(text, lo, hi, (word,))
                assert got == _plain_may_hold(text, lo, hi, (word,)), (text, lo, hi, word)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_patterns_quick_tested_match_only_where_their_words_are(text: str) -> None:
    """Each pattern asked only where `may_hold` finds one of its words matches nowhere else."""
    for a, b in _windows(text):
        said = respectively.RESPECTIVELY.search(text, a, b) is not None
        assert respectively.says_respectively(text, a, b) == said, (text, a, b)
        if at._OTHER_SIDE.search(text[a:b]):
            assert may_hold(text, a, b, at._OTHER_SIDE_WORDS), (text, a, b)
        if at._GENERIC_NOUN_ONLY.search(text, a, b):
            assert may_hold(text, a, b, at._NOUN_WORDS), (text, a, b)
        if at._GENERIC_SUBJECT.search(text, a, b):
            assert may_hold(text, a, b, at._SUBJECT_WORDS), (text, a, b)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(at._GENERIC_SUBJECT), st.from_regex(at._OTHER_SIDE))
def test_every_match_of_the_patterns_holds_one_of_their_words(subject: str, side: str) -> None:
    if at._GENERIC_SUBJECT.search(subject):
        assert may_hold(subject, 0, len(subject), at._SUBJECT_WORDS), subject
    if at._OTHER_SIDE.search(side):
        assert may_hold(side, 0, len(side), at._OTHER_SIDE_WORDS), side


def _plain_parens(text: str, start: int, end: int) -> Sentence:
    s = Sentence(start, end)
    stack: list[int] = []
    for b in sentence._BRACKET.finditer(text, start, end):
        if text[b.start()] in "([":
            stack.append(b.start())
        elif stack:
            s.parens.append((stack.pop(), b.start() + 1))
    return s


@settings(max_examples=300, deadline=None)
@given(texts)
@example("a; b, and c — d but e\nF (g, but h) [i]")
def test_a_sentence_s_clause_breaks_and_parentheses_are_those_of_the_plain_search(
    text: str,
) -> None:
    for a, b in _windows(text):
        plain = [m.span() for m in sentence._CLAUSE_BREAK.finditer(text, a, b)]
        assert [m.span() for m in sentence._clause_breaks(text, a, b)] == plain, (text, a, b)
        assert parse_parens(text, a, b).parens == _plain_parens(text, a, b).parens


QUALIFIED = [
    "The model has a 128K context", " during pre-training", " (deepseek-reasoner)", " with",
    " routes 8 experts", " per token", " activated", " Active", " per expert", ", and ",
    " cons@64", " MAJORITY VOTING", " maj@6", " stage", " phase", " \u017ftage", " 37B", "; ",
    " 64", " 79.8%", " x", "—", "\n",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(QUALIFIED), min_size=1, max_size=14).map("".join))
@example("The model routes 8 experts per token — 37B activated, 128K during pre-training")
def test_a_quantity_is_narrowed_as_the_qualifiers_search_narrows_it(text: str) -> None:
    """`_narrowed`, which skips the search where no qualifier of a narrower quantity can stand,
    gives the plain `Vocabulary.narrow` of the figure's words, for every figure, quantity a
    qualifier narrows and reach."""
    vocab = vocabulary(KB)
    attributor = at.Attributor(text, KB, find_mentions(text, KB), UNITS)
    attributor.spans = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?[KB%]?", text)]
    s = sentence.parse_sentence(text, 0, len(text))
    for a, b in attributor.spans:
        raw = Raw(a, b)
        for qid in sorted(vocab.narrowed):
            for reach in (20, 60):
                plain = vocab.narrow(qid, attributor._qualifying(raw, s, reach))
                assert attributor._narrowed(qid, raw, s, reach) == plain, (text, a, qid, reach)


NAMED = ["DeepSeek-R1", " and ", "o1", "'s ", "V3", " (", ")", " x", "GPT-4o", "DeepSeek", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAMED), max_size=12).map("".join))
def test_whether_a_stretch_names_a_model_is_whether_its_names_are_listed(text: str) -> None:
    attributor = at.Attributor(text, KB, find_mentions(text, KB), UNITS)
    for a, b in _windows(text):
        assert attributor.names_any(a, b) == bool(attributor.names_in(a, b)), (text, a, b)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([2.19, 0.55, 2, float("nan"), None]),
            st.sampled_from(["USD", "CNY", "USD-per-million-tokens", "CNY-per-GPU-hour", "x"]),
        ),
        max_size=10,
    )
)
def test_a_figure_s_value_is_asked_only_for_a_rate_the_paragraph_keeps(
    said: list[tuple[object, str]],
) -> None:
    """The walk asks a chosen reading for its value (written out anew) only for a unit
    `Rates.keeps`: the rates kept are those the plain code kept, every money figure's value
    added (a rate's unit starts with a currency and "-per-")."""
    plain: dict[object, str] = {}
    kept = Rates()
    for value, unit in said:
        number = isinstance(value, float | int) and value == value  # (not NaN)
        if unit.startswith(("USD-per-", "CNY-per-")) and number:
            plain[value] = unit
        if Rates.keeps(unit):
            kept.add(value, unit)
    for value, _ in said:
        assert kept.unit_of(value) == (plain.get(value) if value == value else None)


class _NeverAbsent:
    def absent_from(self, text: str, start: int, end: int) -> bool:
        return False


def _plain(patch: pytest.MonkeyPatch) -> None:
    """Every shortcut of this file's off: each pattern searched, each figure narrowed, each
    value written out, each stretch's names listed."""
    for module in (at, respectively, sentence):
        patch.setattr(module, "may_hold", lambda text, start, end, words: True)
    patch.setattr(quantity, "_narrowing", lambda kb: defaultdict(_NeverAbsent))
    patch.setattr(Rates, "keeps", staticmethod(lambda unit: True))
    patch.setattr(at.Attributor, "names_any", lambda self, a, b: bool(self.names_in(a, b)))
    patch.setattr(readings._Quantities, "of", _quantity_read_anew)
    patch.setattr(quantity, "_money_not_cost_words", lambda kb: None)


def _quantity_read_anew(self: readings._Quantities, model: str) -> tuple[str | None, bool, str]:
    """_Quantities.of without its memo: the figure's words read again for each model."""
    quantity, strong = self.at.quantity(self.raw, model, self.s)
    return quantity, strong, self.at.quantity_how


def test_the_case_articles_read_as_without_the_shortcuts() -> None:
    cases = case_articles()
    assert cases
    for path in cases:
        fast, plain = both_ways(path.read_text(encoding="utf-8"), KB, path.name, _plain)
        assert fast == plain, path


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), min_size=1, max_size=30).map("".join))
@example("DeepSeek-V3 was trained on 2,048 H800 GPUs. The cluster of 2,048 GPUs cost $5.6M.")
@example("R1 and o1 score 79.8% and 79.2%, respectively; R1's API costs $2.19 per million.")
def test_a_text_reads_as_without_the_shortcuts(text: str) -> None:
    for name in ("t.txt", "t.md"):
        fast, plain = both_ways(text, KB, name, _plain)
        assert fast == plain, text


def _plain_affixes(units: dict[str, Unit], unit_id: str, x: float | None) -> tuple[str, str]:
    """unit_words.affixes as it was, reading every unit for each number."""
    unit = units.get(unit_id)
    if unit is None:
        return "", f" {unit_id}"
    if unit.symbol:
        return unit.symbol, ""
    label = unit.label
    for other in units.values():
        if other.symbol and label.startswith(other.label + " "):
            return other.symbol, label[len(other.label) :]
    if not label or unit_id in unit_words.BARE_UNITS:
        return "", ""
    if label == "%":
        return "", "%"
    if x is not None and abs(x) == 1 and " " not in label and label.endswith("s"):
        label = label[:-1]
    return "", f" {label}"


NUMBERS = [None, 1, -1, 1.0, -1.0, 0, 2, 0.5, 1000, 1e15]


def test_a_unit_s_words_from_its_table_are_those_of_the_plain_reading() -> None:
    """Every unit of the knowledge base, and ids it does not define, with every kind of number."""
    for unit_id in [*KB.units, "GB", "rating", "nonesuch"]:
        for x in NUMBERS:
            assert unit_words.affixes(KB.units, unit_id, x) == _plain_affixes(KB.units, unit_id, x)


LABELS = ["USD", "USD per hour", "USD per", "tokens", "token", "%", "", "GPU-hours", "s", "a b"]
IDS = ["a", "b", "c", "rating", "date", "d", "e", "f"]
unit_sets = st.lists(
    st.tuples(st.sampled_from(LABELS), st.sampled_from([None, "", "$", "€"])), max_size=8
)


@settings(max_examples=300, deadline=None)
@given(unit_sets, st.sampled_from(NUMBERS))
def test_a_unit_s_words_follow_the_units_as_they_are_added(
    drawn: list[tuple[str, str | None]], x: float | None
) -> None:
    """Drawn units added one by one to a mapping (as the loader fills a knowledge base's), every
    id asked about after each: each number is written as the plain reading of the units then."""
    units: dict[str, Unit] = {}
    for uid, (label, symbol) in zip(IDS, drawn, strict=False):
        units[uid] = Unit(id=uid, label=label, definition="", symbol=symbol)
        for asked in IDS:
            assert unit_words.affixes(units, asked, x) == _plain_affixes(units, asked, x)


def _plain_closer_figure(
    text: str, spans: list[tuple[int, int]], start: int, end: int, raw: Raw, distance: int
) -> bool:
    """QuantityReader._closer_figure as it was, slicing the text between before asking."""
    i = bisect.bisect_left(spans, (start, start))
    for j in (i - 1, i):
        if not 0 <= j < len(spans):
            continue
        a, b = spans[j]
        if (a, b) == (raw.start, raw.end):
            continue
        other = max(start - b if b <= start else a - end, 0)
        between = text[min(b, start) : max(a, end)]
        if other < distance and "\n" not in between:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=6),
    st.integers(0, 40),
    st.integers(0, 8),
    st.integers(0, 5),
    st.integers(-2, 30),
)
def test_a_closer_figure_is_found_as_by_the_plain_slice(
    text: str,
    drawn: list[tuple[int, int]],
    start: int,
    length: int,
    own: int,
    distance: int,
) -> None:
    """Drawn figures' spans around drawn words, the figure read one of them or none."""
    spans = sorted({(a, a + n) for a, n in drawn})
    a, b = spans[own] if own < len(spans) else (41, 42)
    raw = Raw(start=a, end=b)
    reader = SimpleNamespace(text=text, spans=spans)
    end = start + length
    got = quantity.QuantityReader._closer_figure(reader, start, end, raw, distance)  # type: ignore[arg-type]
    assert got == _plain_closer_figure(text, spans, start, end, raw, distance)


@dataclass(frozen=True)
class _PlainReading:
    """readings.Reading as it was."""

    model: str
    quantity: str
    strong: bool
    basis: str


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["deepseek-r1", "deepseek-v3", "o1"]),
            st.sampled_from(["training_cost", "parameters"]),
            st.booleans(),
            st.sampled_from(["the figure's unit", "the term 'cost'"]),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_a_reading_is_equal_hashed_and_shown_as_the_frozen_dataclass_was(
    drawn: list[tuple[str, str, bool, str]],
) -> None:
    """Readings compare, hash (so sets and dicts of them iterate in the same order) and print
    as the frozen dataclass did, and cannot be changed."""
    (a, b), (pa, pb) = ([Reading(*x) for x in drawn], [_PlainReading(*x) for x in drawn])
    assert (a == b) == (pa == pb)
    assert hash(a) == hash(pa) and repr(a) == repr(pa).removeprefix("_Plain")
    assert (a.model, a.quantity, a.strong, a.basis) == (pa.model, pa.quantity, pa.strong, pa.basis)
    assert list({a: 0, b: 1}) == [Reading(*vars(p).values()) for p in {pa: 0, pb: 1}]
    with pytest.raises(AttributeError):
        a.model = "o1"  # type: ignore[misc]


# --- check_text pauses the cyclic garbage collector -------------------------------------------

_GC_TEXTS = [
    "DeepSeek-R1 has 671B parameters (37B active) and cost $5.6M; R1 and o1 score 79.8% and "
    "79.2% on AIME 2024, respectively. It beat GPT-4o, which scores 9.3%.\n\n"
    "| Model | Params |\n|---|---|\n| DeepSeek-V3 | 671B |\n",
    "(R1 671B) " * 50 + "DeepSeek R1 was trained on many GPUs. " * 20 + "$5 " * 50,
]


@pytest.mark.parametrize("path", [None, *case_articles()[:12]], ids=str)
def test_a_run_leaves_no_garbage_in_cycles(path: Path | None) -> None:
    """A whole run, the collector paused as check_text pauses it, leaves nothing for it to
    free: pausing it loses no memory (a run that made cycles would fail here). The matcher is
    made before, and its units' table (reading pint's version for it, once per matcher, makes
    a few cycles)."""
    import gc

    from r1kb.checksource.matching.match import Matcher
    from r1kb.checksource.pipeline import check_text

    texts = _GC_TEXTS if path is None else [path.read_text(encoding="utf-8")]
    matcher = Matcher(KB)
    for text in texts:
        check_text(text, KB, matcher=matcher)  # warm: first uses build caches and imports
        fresh = Matcher(KB)
        fresh.units.compatible("USD", "CNY")  # its units' table made (pint's version read)
        gc.collect()
        gc.disable()
        try:
            check_text(text, KB, matcher=fresh)
            assert gc.collect() == 0
        finally:
            gc.enable()


def test_check_text_gives_the_collector_back_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enabled after a run, and after a run that raises; left disabled when it was."""
    import gc

    from r1kb.checksource import pipeline

    pipeline.check_text("R1 has 671B parameters.", KB)
    assert gc.isenabled()
    gc.disable()
    try:
        pipeline.check_text("R1 has 671B parameters.", KB)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def fails(*_: object) -> None:
        assert not gc.isenabled()  # paused while the stages run
        raise RuntimeError

    monkeypatch.setattr(pipeline, "read", fails)
    with pytest.raises(RuntimeError):
        pipeline.check_text("R1 has 671B parameters.", KB)
    assert gc.isenabled()


WHICH_PIECES = [
    ", which ", ", who ", ",which", "WHICH ", " Who\n", "scores ", "o1's ", "it ", ",", " ", "a",
    "’", "-", "\t", ", and ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WHICH_PIECES), max_size=12).map("".join))
@example(", which, which scores ")
def test_the_comma_of_a_relative_clause_is_where_the_plain_search_finds_it(text: str) -> None:
    """`which_comma` (the last comma, matched there) finds the comma the pattern's search in a
    copy of the stretch finds, in every stretch."""
    for a, b in _windows(text):
        found = at._WHICH_BEFORE.search(text[a:b])
        assert at.which_comma(text, a, b) == (a + found.start() if found else -1), (text, a, b)


def test_a_figure_s_quantity_is_the_same_for_every_model_but_the_company(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `quantity_for` derives from one model's reading: each figure of the case articles,
    read as each model's (the company's included), gets the quantity, strength and basis read
    for that model anew; the company's differs only as its fleet."""
    from r1kb.checksource.attribution.names import COMPANY
    from r1kb.checksource.matching.match import Matcher
    from r1kb.checksource.pipeline import check_text

    plain = at.Attributor.quantity
    asked, fleets = [], 0
    models = (COMPANY, "deepseek-v3", "o1", None)

    def each_model(self: at.Attributor, raw: Raw, model: str | None, s: Sentence):  # type: ignore[no-untyped-def]
        nonlocal fleets
        anew = {m: (*plain(self, raw, m, s), self.quantity_how) for m in models}
        fleets += anew[COMPANY][0] != anew[None][0]
        for first in models:
            read = self.last_read(*plain(self, raw, first, s))
            for other in models:
                assert (*self.quantity_for(read, other), read.how) == anew[other], (raw, first)
        asked.append(model)
        return plain(self, raw, model, s)

    monkeypatch.setattr(at.Attributor, "quantity", each_model)
    for path in case_articles():
        check_text(path.read_text(encoding="utf-8"), KB, path.name, matcher=Matcher(KB))
    assert len(asked) > 40 and fleets > 0


class _CountingReader:
    """A stand-in for the Attributor's quantity half: the company's default differs, as the
    fleet; it counts the figure's readings."""

    def __init__(self) -> None:
        self.calls = 0
        self.quantity_how = ""

    def quantity(self, raw: object, model: str | None, s: object) -> tuple[str | None, bool]:
        self.calls += 1
        self.quantity_how = f"read {self.calls}"
        return self.quantity_for(self.last_read(None, False), model)

    def last_read(self, qid: str | None, strong: bool) -> quantity.QuantityRead:
        return quantity.QuantityRead(qid, strong, self.quantity_how, ("gpu-count",))

    def quantity_for(self, read: object, model: str | None) -> tuple[str | None, bool]:
        from r1kb.checksource.attribution.names import COMPANY

        return ("gpu-fleet-size" if model == COMPANY else "gpu-count"), False


@given(st.lists(st.sampled_from(["deepseek", "deepseek-v3", "deepseek-r1", "o1"]), max_size=8))
def test_a_figure_s_quantities_are_those_read_for_each_model(models: list[str]) -> None:
    """_Quantities gives each model the quantity read for it, the figure's words read once
    (for the first model asked, the company's or another's)."""
    reader = _CountingReader()
    quantities = readings._Quantities(reader, None, None)  # type: ignore[arg-type]
    for model in models:
        got = quantities.of(model)
        assert got[:2] == reader.quantity_for(None, model)
        assert got[2] == "read 1"
    assert reader.calls == min(len(models), 1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["distill", "DISTILLED", "di\u017ftill", "d\u0130still", "d\u0131still",
                         "Distil", "l", " ", "—", "é"]),
        max_size=6,
    ).map("".join)
)  # fmt: skip
def test_a_stretch_says_distilled_as_its_copy_in_lower_case_does(text: str) -> None:
    for a, b in _windows(text):
        assert at.says_distilled(text, a, b) == ("distill" in text[a:b].lower()), (text, a, b)


NAMELESS = [
    "DeepSeek-R1", "o1", " and ", " score ", "79.8%", "79.2%", ", respectively", " in that order",
    ", which scores ", ", who ", ". ", " ", "(", ")", "GPT-4o", "its ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAMELESS), max_size=14).map("".join))
@example("79.8% and 79.2%, respectively")
@example("It beat it, which scores 79.2%")
def test_a_sentence_that_names_nothing_pairs_and_relates_no_name(text: str) -> None:
    """What _explicit skips where a sentence names nothing: no name paired with a figure by
    "respectively", no subject of a relative clause (every sentence and piece of one drawn)."""
    attributor = at.Attributor(text, KB, find_mentions(text, KB), UNITS)
    attributor.spans = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?%?", text)]
    for a, b in _windows(text):
        s = sentence.parse_sentence(text, a, b)
        if attributor.named(s):
            continue
        for start, end in attributor.spans:
            if a <= start and end <= b:
                raw = Raw(start, end)
                names = attributor.paired(
                    raw, s, "name", lambda s: attributor.names_in(s.start, s.end)
                )
                assert names is None, (text, a, b, start)
                assert attributor._in_relative(raw, s) is None, (text, a, b, start)


def _figure_by_keywords(doc: Document, c: Choice, said: figures._Said) -> Figure:
    """A figure as it was built before: each field by its name, the quote and the locator set
    after."""
    r, j = c.readings, c.judgement
    start, end = doc.source_span(r.raw.start, r.raw.end)
    line, col = doc.line_col(start)
    quote = said.quote(r.sentence.start, r.sentence.end, (r.raw.start, r.raw.end))
    _, message, value, ids = said.judged(j)
    if isinstance(value, dict):
        value = dict(value)
    claims, corrections, related = map(list, ids)
    fig = Figure(
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
        claims=claims,
        corrections=corrections,
        related=related,
        message=message,
        quote=quote,
        attribution=c.how,
        quantity_basis=c.basis,
    )
    if r.where is None:
        fig.quote = " | ".join(x for x in (*r.headers, quote) if x)
    else:
        fig.locator = figures._locator(r.where.heading, r.where.paragraph, line)
    return fig


@pytest.mark.parametrize("path", [None, *case_articles()], ids=str)
def test_a_figure_built_field_by_field_in_order_is_the_one_built_by_name(
    path: Path | None,
) -> None:
    """`figures.figure` passes the fields in Figure's order: each figure of the case articles
    (and of drawn-style prose with a table) is equal to the one built by name, field for field
    and in the same order, and holds lists and a range of its own."""
    text = path.read_text(encoding="utf-8") if path else _PROSE_AND_TABLE
    doc = read(text, path.name if path else "x.md")
    matcher = Matcher(KB)
    chosen = match(walk.attribute(doc, find(doc, KB), KB, matcher.units), matcher)
    said = figures._Said(doc, KB)
    for c in chosen:
        fast, plain = figures.figure(doc, c, KB, said), _figure_by_keywords(doc, c, said)
        assert list(fast.as_dict().items()) == list(plain.as_dict().items())
        for name in ("claims", "corrections", "related", "value"):
            if isinstance(getattr(fast, name), list | dict):
                assert getattr(fast, name) is not getattr(plain, name)


_PROSE_AND_TABLE = """# DeepSeek-R1

DeepSeek-R1 scores 79.8% on AIME 2024 and 97.3% on MATH-500. It has 671B parameters, 37B
active, and was trained for about $5.6 million on 2,048 H800 GPUs over 1.5B to 70B sizes.

| Model | AIME 2024 | Params |
| --- | --- | --- |
| DeepSeek-R1 | 79.8% | 671B |
| OpenAI o1 | 79.2% | n/a |
"""


@dataclass
class _PlainSubject:
    model: str | None
    strong: bool = False
    how: str = ""


@dataclass(frozen=True)
class _PlainScope:
    heading: str | None = None
    previous: str | None = None
    fallback: str | None = None


_MODELS_DRAWN = st.sampled_from([None, "deepseek-r1", "o1", at.OTHER, at.GENERIC])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_MODELS_DRAWN, st.booleans(), st.sampled_from(["", "carried over"])),
        min_size=2,
        max_size=2,
    ),
    st.lists(st.tuples(_MODELS_DRAWN, _MODELS_DRAWN, _MODELS_DRAWN), min_size=2, max_size=2),
    st.integers(0, 2),
)
def test_a_subject_and_a_scope_are_equal_and_shown_as_the_dataclasses_were(
    subjects: list[tuple[str | None, bool, str]],
    scopes: list[tuple[str | None, ...]],
    given_fields: int,
) -> None:
    """Subjects and scopes compare with each other, read their fields, print (and a scope
    hashes) as the dataclasses did, given all their fields or only the first ones."""
    (a, b), (pa, pb) = (
        [at.Subject(*x[: given_fields + 1]) for x in subjects],
        [_PlainSubject(*x[: given_fields + 1]) for x in subjects],
    )
    assert (a == b) == (pa == pb) and repr(a) == repr(pa).replace("_PlainSubject", "Subject")
    assert (a.model, a.strong, a.how) == (pa.model, pa.strong, pa.how)
    (c, d), (pc, pd) = (
        [at.Scope(*x[:given_fields]) for x in scopes],
        [_PlainScope(*x[:given_fields]) for x in scopes],
    )
    assert (c == d) == (pc == pd) and repr(c) == repr(pc).replace("_PlainScope", "Scope")
    assert (c.heading, c.previous, c.fallback) == (pc.heading, pc.previous, pc.fallback)
    assert (hash(c) == hash(d)) == (hash(pc) == hash(pd))
    with pytest.raises(AttributeError):
        c.heading = "o1"  # type: ignore[misc]


def test_a_quantity_of_the_company_s_own_is_one_recorded_for_it() -> None:
    """Reader.of turns a model's figure of a quantity of the company's own into the company's
    and then reads no further company branch: that holds only as each such quantity is one
    the company's records hold."""
    shapes = recorded(KB)
    assert shapes.company_only and shapes.company_only <= shapes.company_quantities


def _parsed_cell_sentence(self: readings.Reader, cell: Cell) -> Sentence:
    return sentence.parse_sentence(self.at.text, cell.start, cell.end)


_CELL_TEXTS = [
    _PROSE_AND_TABLE,
    "| Model (size) | AIME 2024; pass@1 | Cost |\n|---|---|---|\n"
    "| DeepSeek-R1 (671B, 37B active) | 79.8% (vs 79.2%), and 86.7% but not 90% | $5.6M |\n"
    "| o1 — OpenAI | 79.2% whereas R1 79.8%\nA | $6 per million tokens |\n",
]


@pytest.mark.parametrize("path", [None, 1, *case_articles()], ids=str)
def test_a_cell_s_sentence_is_read_for_its_span_only(path: Path | int | None) -> None:
    """A table cell's figures read as with the cell parsed for its parentheses and clauses
    (the case articles, and tables whose cells hold both), and their readings allow no others
    (no reader: the only ones that would read them)."""
    if isinstance(path, Path):
        text, name = path.read_text(encoding="utf-8"), path.name
    else:
        text, name = _CELL_TEXTS[path or 0], "x.md"
    fast, plain = both_ways(
        text,
        KB,
        name,
        lambda patch: patch.setattr(readings.Reader, "_cell_sentence", _parsed_cell_sentence),
    )
    assert fast == plain
    doc = read(text, name)
    found = find(doc, KB)
    matcher = Matcher(KB)
    cells = [r for r in walk.attribute(doc, found, KB, matcher.units) if r.where is None]
    assert all(r.reader is None for r in cells)
    assert len(cells) == len(found.cells)


# --- round 5 ---------------------------------------------------------------------------------

MONEY_PIECES = [
    "revenue", "Revenues", "REVENUE-growth", "raise", "Raised", "rai\u017fing", "funding",
    "fundraising", "fund raising", "assets", "ASSETS", "valuation", "valued at", "valued  at",
    "market value", "market-cap", "Market Capitalization", "income", "wiped", "salaries",
    "\u017falary", "$10 billion", " ", ", ", "x", "in ", "a", "é", "\u212a",
]  # fmt: skip
money_texts = st.lists(st.sampled_from(MONEY_PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(money_texts)
@example("valued at $1B and rai\u017fed $2B")
def test_a_clause_without_the_words_of_money_that_is_no_cost_names_none(text: str) -> None:
    """A stretch `may_hold` finds none of the money words in holds no match of the pattern
    (the clause is then not searched)."""
    pattern, words = quantity._money_not_cost(KB), quantity._money_not_cost_words(KB)
    assert words is not None
    for a, b in _windows(text):
        if pattern.search(text, a, b):
            assert may_hold(text, a, b, words), (text, a, b)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(quantity._money_not_cost(KB)))
def test_every_match_of_money_that_is_no_cost_holds_one_of_its_words(text: str) -> None:
    words = quantity._money_not_cost_words(KB)
    assert words is not None
    if quantity._money_not_cost(KB).search(text):
        assert may_hold(text, 0, len(text), words), text


def test_the_words_of_money_that_is_no_cost_are_the_terms_first_words() -> None:
    words = quantity._money_not_cost_words(KB)
    assert words is not None and len(words) == len(KB.money_not_cost)
    assert "revenue" in words and "valued" in words and "market" in words
    assert quantity._make_money_not_cost_words(SimpleNamespace(money_not_cost=["Kö*"])) is None


def test_a_report_words_each_claim_once_as_it_words_it_alone() -> None:
    """Every judgement of the case articles worded with the claims of its report worded so far
    (in the report's order) reads as worded on its own; claims are met again."""
    from r1kb.checksource.result import wording

    again = 0
    for path in case_articles():
        text = path.read_text(encoding="utf-8")
        doc = read(text, path.name, None)
        matcher = Matcher(KB)
        chosen = match(walk.attribute(doc, find(doc, KB), KB, matcher.units), matcher)
        said: wording.ClaimWords = {}
        for c in chosen:
            j = c.judgement
            met = sum(id(x) in said for x in (*j.claims, *j.corrections, *j.related))
            assert wording.message(KB, j, said) == wording.message(KB, j), path
            again += met
    assert again > 5


def test_judgements_of_every_claim_are_worded_as_alone_with_one_report_s_claims() -> None:
    """A figure of each recorded value judged as its model's and as other models' (agreeing,
    conflicting, misattributed, new: many judgements name the same claims), all worded in
    turn with one report's claims worded so far, read as each worded on its own."""
    from r1kb.checksource.result import wording

    matcher = Matcher(KB)
    models = sorted({c.subject for c in KB.live_claims()})[:6]
    said: wording.ClaimWords = {}
    again = 0
    for c in KB.live_claims():
        if not isinstance(c.value, int | float) or isinstance(c.value, bool):
            continue
        raw = Raw(0, 1, low=float(c.value), high=float(c.value), unit=c.unit)
        for model in (c.subject, *models):
            j = matcher.judge(raw, model, c.quantity, True)
            if j is None:
                continue
            again += sum(id(x) in said for x in (*j.claims, *j.corrections, *j.related))
            assert wording.message(KB, j, said) == wording.message(KB, j), (c.id, model)
    assert again > 100


# round 6: the fold read through Latin-1, a cell's candidate copied only when its unit is set
# here, a judgement's memo asked once by the key written out
def _plain_fold(text: str) -> str:
    """The fold as it was: the look-alikes as ASCII letters, then the whole text lowered."""
    for char, letter in word_test._AS_ASCII:
        text = text.replace(char, letter)
    return text.lower()


FOLD_PIECES = [*PIECES, "Ω", "中", "ẞ", "À", "Ǆ", "ﬀ", "\U0001f600", "?", "ÿ", "µ"]


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(st.sampled_from(FOLD_PIECES), max_size=16).map("".join))
@example("\u0130\u0131\u017f\u212a Ω ẞ À ÿ \U0001f600 THAN")
def test_the_fold_holds_every_ascii_character_of_the_text_lowered_in_its_place(
    text: str,
) -> None:
    """Where the text lowered (its look-alikes first made ASCII) has an ASCII character, the
    fold has the same one; elsewhere the fold has none but a "?" (so a word of ASCII letters
    stands in one where it stands in the other)."""
    fold, plain = word_test.folded(text), _plain_fold(text)
    assert len(fold) == len(text) == len(plain)
    for mine, theirs in zip(fold, plain, strict=True):
        if theirs.isascii():
            assert mine == theirs, (text, fold, plain)
        else:
            assert mine == "?" or not mine.isascii(), (text, fold, plain)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FOLD_PIECES), max_size=16).map("".join))
@example("Ω THAN À \u017fuch model")
def test_may_hold_answers_as_the_plain_fold_beyond_latin_1(text: str) -> None:
    words = ("respectively", "order", "than", "vs", "model", "usual", "kimi", "but", "is")
    for a, b in _windows(text):
        for word in words:
            assert may_hold(text, a, b, (word,)) == _plain_may_hold(text, a, b, (word,))


@pytest.mark.parametrize("path", [None, *case_articles()], ids=str)
def test_reading_a_table_s_figures_leaves_their_candidates_as_found(path: Path | None) -> None:
    """A cell's figure whose unit its headers give is read on a copy (the unit set, a fraction
    made a percent): the candidates are as found after every figure is read and matched, and
    each cell's reading holds a unit."""
    text = path.read_text(encoding="utf-8") if path else _TABLE_PAGE
    doc = read(text, path.name if path else "t.md", None)
    found = find(doc, KB)
    before = [dict(vars(raw)) for raw, _ in found.cells]
    matcher = Matcher(KB)
    chosen = match(walk.attribute(doc, found, KB, matcher.units), matcher)
    assert [dict(vars(raw)) for raw, _ in found.cells] == before, path
    for c in chosen:
        assert c.readings.raw.unit is not None
    if path is None:  # the page has bare cells whose unit the header gives
        assert any(raw.unit is None for raw, _ in found.cells)
        assert any(c.readings.headers != () and c.readings.raw.unit for c in chosen)


_TABLE_PAGE = """# DeepSeek-R1

| Model | AIME 2024 | MATH-500 | Params (B) |
|---|---|---|---|
| DeepSeek-R1 | 0.798 | 97.3 | 671 |
| OpenAI o1 | 79.2 | 96.4 | 300 |
"""


def test_a_judgement_is_kept_under_the_figure_s_judged_key_with_the_reading() -> None:
    """The memo's key of every judgement made for the case articles is `judged_key` of the
    figure judged, then the model, quantity and strength it was judged as."""
    expected: set[tuple[object, ...]] = set()
    anew = Matcher._judge_anew

    def spy(self: Matcher, raw: Raw, model: str, quantity: str, strong: bool) -> object:
        expected.add((*judged_key(raw), model, quantity, strong))
        return anew(self, raw, model, quantity, strong)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Matcher, "_judge_anew", spy)
        for path in [*case_articles()[:20]]:
            text = path.read_text(encoding="utf-8")
            doc = read(text, path.name, None)
            matcher = Matcher(KB)
            match(walk.attribute(doc, find(doc, KB), KB, matcher.units), matcher)
            assert set(matcher._judged) <= expected, path
    assert len(expected) > 50


@pytest.mark.parametrize("path", [None, *case_articles()], ids=str)
def test_a_first_reading_with_its_default_is_the_figure_s_words_read_for_any_model(
    path: Path | None,
) -> None:
    """The read `Readings.others` hands on (the first reading's quantity, strength and basis,
    with the default it fell back on) gives every model, the company's fleet included, the
    quantity, strength and basis its words give when read anew for that model; the other
    readings are those with each model's words read anew."""
    text = path.read_text(encoding="utf-8") if path else _FLEET_PAGE
    doc = read(text, path.name if path else "t.txt", None)
    matcher = Matcher(KB)
    stream = walk.attribute(doc, find(doc, KB), KB, matcher.units)
    seen = defaults = 0
    for r in stream:
        if r.first is None or r.reader is None:
            continue
        first, attributor = r.first, r.reader.at
        given = quantity.QuantityRead(first.quantity, first.strong, first.basis, r.default)
        for model in ("deepseek", first.model, "deepseek-v3", "deepseek-r1"):
            anew = (*attributor.quantity(r.raw, model, r.sentence), attributor.quantity_how)
            assert (*attributor.quantity_for(given, model), given.how) == anew, (r.raw, model)
        plain = list(r.reader._others(r.raw, r.sentence, first, None))  # each read anew
        assert list(r.others()) == plain, r.raw
        seen += 1
        defaults += r.default is not None
    if path is None:
        assert seen and defaults


_FLEET_PAGE = (
    "DeepSeek-V3 ran on 2,048 GPUs. DeepSeek owns 10,000 GPUs. R1 scored 79.8% on AIME 2024. "
    "The model has 671B parameters and cost $5.6M."
)


def test_no_agreeing_record_names_no_owner() -> None:
    """`_unattributed` returns at once where no record agrees: the owner of no models is none,
    as the plain search finds."""
    from r1kb.checksource.matching import choose

    matcher = Matcher(KB)
    assert choose._one_lineage(set(), matcher) is None
    assert next((c for c in [] if c.judgement.model is None), None) is None


def _plain_last_subject(
    attributor: at.Attributor, s: Sentence, named: list[at.Named]
) -> tuple[str | None, bool]:
    """last_subject as it was: the lists made whatever the sentence names."""
    names = [m for m, inner in named if inner is None]
    plain = [m for m in names if not m.comparative]
    if plain:
        fronted = at._FRONTED.match(attributor.text, s.start, s.end)
        after = [m for m in plain if fronted is None or m.start >= fronted.end()] or plain
        first = next((m for m in after if m.kind != "company"), plain[-1])
        return (at.OTHER if first.kind == "other" else first.ref), False
    return None, bool(names)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*NAMED, "Built on V3, ", "like o1", ". "]), max_size=12))
def test_a_sentence_s_names_and_the_subject_it_hands_on_are_those_of_the_plain_lists(
    pieces: list[str],
) -> None:
    """Every stretch, naming something or nothing: its names as listed anew, each with its
    innermost parentheses, and the subject it hands on as the lists made whatever it names
    give it (asked of stretches in turn, and of one again)."""
    text = "".join(pieces)
    attributor = at.Attributor(text, KB, find_mentions(text, KB), UNITS)
    for a, b in [*_windows(text)[:200], (0, len(text))]:
        s = parse_parens(text, a, b)
        for _ in range(2):
            named = attributor.named(s)
            names = attributor.names_in(a, b)
            assert named == [(m, s.innermost(m.start, m.end)) for m in names], (text, a, b)
            assert attributor._named_starts == [m.start for m in names]
            got = attributor.last_subject(s)
            assert got == _plain_last_subject(attributor, s, named), (text, a, b)


@dataclass(frozen=True)
class _PlainWhere:
    heading: str | None
    paragraph: int


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([None, "Costs", "R1 — results"]), st.integers(0, 3)),
        min_size=2,
        max_size=2,
    )
)
def test_a_place_is_equal_hashed_and_shown_as_the_frozen_dataclass_was(
    places: list[tuple[str | None, int]],
) -> None:
    (a, b), (pa, pb) = [readings.Where(*x) for x in places], [_PlainWhere(*x) for x in places]
    assert (a == b) == (pa == pb) and repr(a) == repr(pa).replace("_PlainWhere", "Where")
    assert (a.heading, a.paragraph) == (pa.heading, pa.paragraph)
    assert (hash(a) == hash(b)) == (hash(pa) == hash(pb))
    with pytest.raises(AttributeError):
        a.heading = "o1"  # type: ignore[misc]

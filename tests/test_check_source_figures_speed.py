"""The shortcuts of the figure-finding stage (reading the text, its cells, its figures) compared
with the plain computations they replace, on random texts made of the pieces each one reads.

Each shortcut answers as the plain computation does: a count without a scan is never below the
scan's count, a rewritten pattern finds what the old one found, a quick test skips only what
the full test rejects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from r1kb.checksource.candidates import dates, extract, figure_scan, spaced_tables
from r1kb.checksource.candidates.spans import Spans
from r1kb.checksource.document import caps, document, layout, masks
from r1kb.checksource.lexicon import notations
from r1kb.checksource.lexicon.alternation import by_first_letter
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.loader import load
from shortcut_helpers import case_articles
from test_check_source_figure_cost import _plain_line_blocks

WORDS = number_words(load(Path(__file__).resolve().parents[1] / "data").kb)

# the characters and words a count of numerals must not miss: ASCII and other digits, magnitude
# words, letters that case folding makes ASCII ones ("ſ" is "s", "K" is "k"), other non-ASCII
NUMERAL_PIECES = [
    "1", "23", "4.5", "٣", "０", " ", "\n", "-", "·", "—", "é", "ſ", "K", "İ", "x",
    "tens", "TENS", "hundreds", "thousands", "thouſands", "millions", "billionſ", "trillions",
    "dozens", "attention", "a", "of ", "s", "ions", "ands",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMERAL_PIECES), max_size=30).map("".join), st.integers(0, 12))
@example("thouſands billionſ", 1)
@example("٣٣ ٣", 1)
@example("1·2", 1)
def test_the_numeral_count_without_a_scan_is_never_below_the_scans(text: str, limit: int) -> None:
    found = len(caps.NUMERALS.findall(text))
    bound = caps.numerals_bound(text, limit)
    assert bound > limit or found <= bound  # the scan is left out only where it finds few


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from([*NUMERAL_PIECES, "extensive", "Dozens-", "_tens", "9tens"]), max_size=40
    ).map("".join),
    st.integers(1, 14),
    st.integers(1, 3),
    st.sampled_from([1, 2, 3, 5, 4096]),
)
@example("1 tens 2", 2, 2, 1)
@example("1 23 4", 3, 1, 3)  # a run across the edge of the chunk the match starts in
@example("12345 6", 2, 1, 2)
@example("tens 1", 1, 1, 1)  # a word across a chunk's edge
@example("xtens 1 millions", 1, 2, 1)
@example("1 2 millionsx", 2, 1, 3)
def test_the_numerals_ends_counted_apart_are_those_the_scan_finds(
    text: str, nth: int, count: int, chunk: int
) -> None:
    """caps.numeral_ends (digit runs counted chunk by chunk in the text's bytes, magnitude words
    found by str.find in it lowercased) against NUMERALS' own scan."""
    ends = [m.end() for m in caps.NUMERALS.finditer(text)]
    assert caps.numeral_ends(text, nth, count, chunk) == ends[nth - 1 : nth - 1 + count]


def test_the_magnitude_words_letters_are_matched_outside_ascii_only_by_those_folded_apart() -> None:
    """numeral_ends finds a magnitude word in the text's bytes (its ASCII letters lowercased)
    where no character of FOLDED_APART is written: re.I reads no other character outside ASCII
    as one of the words' letters."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    letters = {c for word in caps._MAGNITUDE_WORDS for c in word}
    matched = set(re.findall(f"[{''.join(sorted(letters))}]", every, re.I))
    assert matched <= set(notations.FOLDED_APART)


def test_no_digit_of_latin_1_but_the_ascii_ones() -> None:
    """numeral_ends reads a text's digit runs in its Latin-1 bytes (the characters past it
    written "?") only where \\d matches no character past Latin-1: then its only digits are
    the ASCII ones."""
    latin = "".join(map(chr, range(256)))
    assert re.findall(r"\d", latin) == list("0123456789")


LAYOUT_PIECES = [
    "Layers", "61", "ab", "a", "b1", "7", "٣", "\n", " ", "|", ":", "Z", "x", "-", "• ", "$",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT_PIECES), max_size=30).map("".join))
@example("abc1\nxy2")
def test_the_lines_a_cell_may_begin_on_are_found_as_before(text: str) -> None:
    lines = layout.line_spans(text)
    found = layout._candidates(text, lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "GLUED_AT", re.compile(r"[a-z]{2}\d"))
        assert found == layout._candidates(text, lines)


BEFORE_PIECES = [
    "per", "PER", "pEr", " ", "\n", "\u2003", "/", "(", ")", "cost", "costs", "price", "pricing",
    "fee", "fees", "Fees", "r", "x", "1M", "tokens", "one", "five", "ſix", "hundred", "thousand",
    " and", "point", "-", "‑", "twenty", "Eleven", "some", "none", "é", "super", "tens",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=12).map("".join))
@example("(per ")
@example("cost (\n")
@example("1/")
def test_a_denominator_before_a_number_is_found_as_before(text: str) -> None:
    for start in range(len(text) + 1):
        plain = extract._DENOMINATOR.search(text, max(0, start - 12), start) is not None
        assert extract._after_denominator(text, start) == plain


PLAIN_NUMBER_WORD_BEFORE = re.compile(
    rf"\b(?:(?:{'|'.join(w for w in notations.WORD_NUMBERS if ' ' not in w)}|point)"
    r"|(?:hundred|thousand)(?:\s+and)?)[\s\-‐‑]+$",
    re.I,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=12).map("".join))
@example("ſix ")
@example("hundred and ")
@example("someone ")
def test_a_number_word_before_a_number_word_is_found_as_before(text: str) -> None:
    for start in range(len(text) + 1):
        lo = max(0, start - 24)
        plain = PLAIN_NUMBER_WORD_BEFORE.search(text, lo, start) is not None
        assert (extract._NUMBER_WORD_BEFORE.search(text, lo, start) is not None) == plain


def _plain_row(text: str, a: int, b: int) -> tuple[str, list[tuple[int, int]]] | None:
    """spaced_tables._row without its quick test of the last word."""
    words = [m.span() for m in spaced_tables._WORD.finditer(text, a, b)]
    k = len(words)
    while k > 0 and spaced_tables._TOKEN.fullmatch(text, *words[k - 1]):
        k -= 1
    if len(words) - k < 2 or k == 0:
        return None
    label = text[a : words[k - 1][1]].strip()
    if not spaced_tables._LETTER.search(label) or not (label[-1].isalnum() or label[-1] == ")"):
        return None
    return label, words[k:]


ROW_PIECES = [
    "GPQA", "(Pass@1)", "71.5", "81.0", "$5", "~3", "90%", "7B", "N/A", "-", "–", " ", "  ",
    "\t", "\r", "\x0c", "x", "score.", ")", "1,234", "—", "Model", "a", "\u00a0", "2.",
]  # fmt: skip


# a label, then words and values with spaces or tabs between them
ROWS = st.tuples(
    st.lists(st.sampled_from(ROW_PIECES), max_size=4).map("".join),
    st.lists(
        st.tuples(st.sampled_from([" ", "\t", "  ", " \t", ""]), st.sampled_from(ROW_PIECES)),
        max_size=5,
    ).map(lambda parts: "".join(sep + word for sep, word in parts)),
).map("".join)


@settings(max_examples=600, deadline=None)
@given(ROWS, st.integers(0, 3))
@example("GPQA-Diamond (Pass@1) 71.5 81.0", 0)
@example("MMLU 90.8 \t", 1)
@example("MMLU 90.8\t91.0", 1)
def test_a_rows_values_are_read_as_before(line: str, pad: int) -> None:
    text = "x\n" * pad + line + "\ny"
    a = 2 * pad
    assert spaced_tables._row(text, a, a + len(line)) == _plain_row(text, a, a + len(line))


WORD_PIECES = [
    *("one", "Two", "a few", "A\tcouple of", "several", "ſeveral", "ſix", "millions", "top"),
    *("January", "mid", "Early", "late", "tens", "hundreds", "dozens", "may", "ten"),
    *(" ", "\n", "-", "_", "x", "é", "1", ".", "(", "often", "attention", "Kelvin", "K"),
    *("İ", "ı", "\u212a", "ONE", "ſeven", "SEVERAL", "Σ", "ß", "\u00a0", "\u2003"),
    *("É", "ÉTEN", "Ωone", "one\u0301", "\ud800", "野", "\U0001d400"),
]  # fmt: skip
PLAIN_AT_WORD = re.compile(
    rf"(?=[{figure_scan._STARTING_FIRSTS}])\b(?={by_first_letter(figure_scan._STARTING)})", re.I
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=12).map("".join))
@example("one")
@example("xone one")
def test_the_places_a_word_may_begin_at_are_found_as_before(text: str) -> None:
    plain = [m.start() for m in PLAIN_AT_WORD.finditer(text)]
    assert figure_scan.word_places(text) == plain


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=12).map("".join))
@example("ÉTEN \ud800 one")  # a lone surrogate: lowered character by character
@example("Ωone ÉTEN")
def test_the_places_a_word_may_begin_at_in_a_text_without_a_folded_apart_letter(text: str) -> None:
    text = "".join(c for c in text if c not in figure_scan._NOT_ASCII_LOWERED)
    plain = [m.start() for m in PLAIN_AT_WORD.finditer(text)]
    assert figure_scan.word_places(text) == plain


def test_ascii_lowering_leaves_every_character_but_the_ascii_capitals() -> None:
    every = ALL_CHARACTERS + "\ud800\udfff"
    lowered = figure_scan.ascii_lowered(every)
    assert lowered == "".join(c.lower() if "A" <= c <= "Z" else c for c in every)
    assert figure_scan.ascii_lowered("AbÉ\ud800Z") == "abÉ\ud800z"


def test_only_the_letters_scanned_apart_are_matched_with_an_ascii_letter_by_re() -> None:
    """Beyond ASCII, a character re.I matches with an ASCII letter sends the scan back to the
    text as it is: ascii_lowered leaves it as it is; and the words scanned for are ASCII."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    ascii_letter = re.compile("[a-z]", re.I)
    assert set(ascii_letter.findall(every)) == set(figure_scan._NOT_ASCII_LOWERED)
    assert figure_scan._AT_WORD_LOWERED.pattern.isascii()


def test_the_word_places_of_a_lowered_text_are_read_only_where_lowering_folds_as_re_does() -> None:
    """Every character whose lowercase is not one character, or is not what re.I matches it
    with (an ASCII letter of the words, a word character, white space), is one that sends the
    scan back to the text as it is (notations.FOLDED_APART)."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    lowered = [c.lower() for c in every]
    apart = {c for c, low in zip(every, lowered, strict=True) if len(low) != 1}
    ascii_letter = re.compile("[a-z]", re.I)  # what re.I matches an ASCII letter with
    for c in {m.group() for m in ascii_letter.finditer(every)}:
        if not re.fullmatch(c.lower(), c, re.I) or not c.lower().isascii():
            apart.add(c)
    kept = [(c, low) for c, low in zip(every, lowered, strict=True) if c not in apart]
    for c, low in kept:  # a lowercase that is an ASCII letter is one re.I matches
        if low.isascii() and low.isalpha() and not re.fullmatch(low, c, re.I):
            apart.add(c)
    for cls in (r"\W", r"\s"):
        pattern = re.compile(cls)
        apart |= {c for c, low in kept if bool(pattern.match(c)) != bool(pattern.match(low))}
    assert apart == set(notations.FOLDED_APART)
    source = re.sub(r"\\.", "", figure_scan._AT_WORD_LOWERED.pattern)
    assert source == source.lower()  # the words and classes it reads are in lower case


class _ReadEachTime(layout._LineReadings):
    """A line's label and value read again each time they are asked for."""

    def label(self, i: int) -> str | None:
        a, b = self.lines[i]
        return layout._label(self.text[a:b])

    def value(self, i: int) -> tuple[int, int] | None:
        return layout._value(self.text, *self.lines[i])


SPEC_PIECES = [
    "Hidden Size", "7,168", "671B", "Parameters", "37.0B", "Active", "- ", "• ", "Layers61",
    "Context: 128K", "Key: value", "\n", "\n\n", " ", "Total parameters", "$5.6M", "~3",
    "| a | b |", "|---|---|", "| 1 | 2 |", "AIME 2024", "a sentence.", "x" * 70, "12",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SPEC_PIECES), max_size=16).map("".join))
@example("671.0B\nParameters\n37.0B\nActive\nHidden Size\n7,168\n")
def test_each_lines_label_and_value_read_once_give_the_same_cells(text: str) -> None:
    cells = layout.find_cells(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "_LineReadings", _ReadEachTime)
        assert cells == layout.find_cells(text)


DATE_PIECES = [
    "January", "Jan", "jan.", "Sept", "sep", "mid", "Early", "late", "latent", "decade", "May",
    "20", "3", "31st", "2nd", "2025", "1999", "12", "/", ".", "-", ",", " ", "\n", "of", "th",
    "01", "2025-01-20", "x", "in ", "last ", "ſt", "\u2003", "٣", "13.", "20/", "2024",
    "April", "August", "1999/",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(DATE_PIECES), max_size=10).flatmap(
        lambda pieces: st.sampled_from([" ", ""]).map(lambda sep: sep.join(pieces))
    ),
    st.booleans(),
)
@example("20 Jan 2025 and mid-2024, Sept. 2023, 31st of December 2024, 20/01/2025", True)
@example("latent 2025 decade 3 Jan", False)
@example("on 20.01.2025", True)
@example("on 2025-01-20, 2025/1/20 and 20/01/2025; 10 January, the 3rd of Jan", True)
@example("In March 2025, not in May; October", True)
@example("in April, on 1999/12/31 or 31.12.1999 (3rd August)", True)
def test_dates_are_found_as_before(text: str, with_words: bool) -> None:
    """Each notation tried only at the places its beginning (a month name, a day or a year
    and what follows it) may be at finds what it finds tried at every place of its kind, and
    where no places are given (every notation everywhere: each finditer)."""
    words = figure_scan.word_places(text) if with_words else None
    found = list(dates.find_dates(text, words))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_AT_NAME", PLAIN_AT_NAME)
        patch.setattr(dates, "number_starts", _every_number_for_each)
        assert found == list(dates.find_dates(text, words))
        assert found == list(dates.find_dates(text))


def _every_number_for_each(text: str, every: list[int]) -> dict[str, list[int]]:
    """dates.number_starts without its tests: each notation tried at every number."""
    return dict.fromkeys(("-", "/", "month", "year"), every)


PLAIN_AT_NAME = re.compile(
    rf"{dates._AT_PART_OR_MONTH}\b(?=early|mid|late|{dates._MONTH_NAMES})", re.I
)


PLAIN_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*\s+")
SENTENCE_PIECES = [".", "!", "?", "…", '"', "'", "”", ")", "]", " ", "\n", "\u2003", "a", "B"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=20).map("".join))
@example("It ended... Then? 'Yes.' ")
@example(".. a")
def test_sentence_ends_are_found_as_before(text: str) -> None:
    found = [m.span() for m in document._SENTENCE_END.finditer(text)]
    assert found == [m.span() for m in PLAIN_SENTENCE_END.finditer(text)]


def _plain_step(clean: str) -> tuple[float, float]:
    """notations._plain as it was: the digits after the dot counted by a split, the zeros at
    the end by stripping them."""
    value = float(clean)
    if "." in clean:
        return value, notations._pow10(-len(clean.split(".")[1]))
    digits = clean.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
    return value, notations._pow10(zeros)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet="0123456789٠٣", min_size=1, max_size=12),
    st.one_of(st.none(), st.text(alphabet="0123456789", max_size=6)),
)
@example("1000", None)
@example("0", None)
@example("٣٠", None)
@example("5", "60")
def test_a_numbers_step_is_read_as_before(whole: str, decimals: str | None) -> None:
    clean = whole if decimals is None else f"{whole}.{decimals}"
    assert notations._plain(clean) == _plain_step(clean)


# every character of the Basic Multilingual Plane and a few beyond (re's case folding maps some
# outside ASCII onto ASCII letters: "ſ" is "s", "K" is "k")
ALL_CHARACTERS = "".join(map(chr, range(0x10000))) + "\U0001d400\U0001f600"


def test_a_qualifier_ends_only_in_a_character_the_quick_test_lets_through() -> None:
    let_through = set(notations._QUALIFIER_LAST.findall(ALL_CHARACTERS))
    for words, _ in notations._QUALIFIER_ENDS:
        last = re.compile(re.escape(words[-1][-1]), re.I)
        assert set(last.findall(ALL_CHARACTERS)) <= let_through, words


# the pieces of numbers and of what may follow one: units, money, ranges, magnitudes, LaTeX
TAIL_PIECES = [
    "17", "5", "63.6", "2024", "1,234", "671", "$", "$0.55", "/", " ", "  ", "\n", "-", "–",
    " to ", "B", "K", "M", " million", " days", " GPUs", " H800", " tokens", " parameters",
    " per", " hour", " on ", " AIME 2024", "%", "\\%", "×", "x", "8", " times", ", ", "(", ")",
]  # fmt: skip


def _figures_of(text: str) -> list[tuple]:
    return [tuple(vars(r).values()) for r in figure_scan.find_figures(text, [], WORDS)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAIL_PIECES), max_size=24).map("".join))
@example("17 days and 5 GPUs")
@example("$0.55/$2.19 per million tokens")
@example("$5.6$ million")
def test_a_tail_kept_from_the_quick_test_is_the_one_matched_anew(text: str) -> None:
    found = _figures_of(text)
    plain = extract._match_tail
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            extract,
            "_match_tail",
            lambda text, pos, money, words, seen=None: plain(text, pos, money, words),
        )
        assert found == _figures_of(text)


def _plain_placed_as_no_figure(text: str, m: re.Match[str], letter: str | None) -> bool:
    """_placed_as_no_figure as it was: every group read from the match, each test in turn."""
    num = m.group("num")
    if letter == "b" and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100:
        return not m.group("cur")
    if text.startswith("\x0c", m.end()) or text.startswith("\n\x0c", m.end()):
        return True
    if extract._model_number(text, m):
        return True
    if num.isdigit() and len(num) <= 2 and extract._MARKER_AFTER.match(text, m.end()):
        k = int(num)
        before = text[max(0, m.start() - extract._MARKER_REACH) : m.start()]
        if k == 1 and before.rstrip().endswith(":"):
            return True
        if k != 1 and re.search(rf"(?<![\w.]){k - 1}\.[ \t]+[A-Z]", before):
            return True
    if extract._after_percent(text, m):
        return True
    if letter or m.group("mag") or m.group("cur"):
        return False
    if "." not in num or not extract._SECTION_NUMBER.match(text, m.start()):
        return False
    return extract._LINE_INDENT.search(text, max(0, m.start() - 40), m.start()) is not None


PLACE_PIECES = [
    "RTX ", "GTX-", "3070", "671", "2024", "2023b", "B", "b", " million", "$", "1", "2", "3",
    ". ", "A", "Bias", ": ", "\x0c", "\n", " ", "%", "4.3", " Long Context", "\t", "K", "m",
    "12", ". . . 23", "x", " Million", " GPU Hours",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PLACE_PIECES), max_size=16).map("".join))
@example("RTX 3070 GPUs")
@example("Main ideas: 1. Bias 2. Another")
@example("Liu et al., 2023b")
@example("7\x0c")
@example("79.8%79.2%")
@example("\n4.3 Long Context\n")
@example("\n2.78 Million GPU Hours\n")
def test_a_numbers_place_is_read_from_its_groups_as_from_the_match(text: str) -> None:
    number = extract.numerals(WORDS)[0]
    for m in number.finditer(text):
        num, cur, mag, sfx, sfxl = m.group("num", "cur", "mag", "sfx", "sfxl")
        letter, plain = sfx or sfxl, not (cur or mag or sfx or sfxl)
        assert extract._placed_as_no_figure(
            text, m, letter, num, plain
        ) == _plain_placed_as_no_figure(text, m, letter), m


def _plain_sentences(doc: document.Document, block: document.Block) -> list[tuple[int, int]]:
    """Document.sentences as it was: every stop's head searched for an abbreviation, every
    sentence cut by `bounded`, each one's text stripped."""
    out, start = [], block.start
    chunk = doc.text[block.start : block.end]
    for m in document._SENTENCE_END.finditer(chunk):
        end = block.start + m.end()
        stop = block.start + m.start() + 1
        head = doc.text[max(start, stop - document._ABBREV_TAIL) : stop]
        nxt = doc.text[end : end + 1]
        if document._ABBREV.search(head) or (nxt and nxt.islower()):
            continue
        out.append((start, block.start + m.start() + len(m.group().rstrip())))
        start = end
    if start < block.end:
        out.append((start, block.end))
    pieces = [p for s, e in out for p in document.bounded(doc.text, s, e)]
    return [(s, e) for s, e in pieces if doc.text[s:e].strip()]


SENTENCE_PIECES = [
    "Dr", "e.g", "i.e", "U.S", "Jan", "Sept", "A", "x", "word", "ſt", "K", ".", "!", "?", "…",
    "...", " ", "  ", "\n", "\u2003", "\u00a0", '"', ")", "a", "B", "5", "5.6", "x" * 700,
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=30).map("".join))
@example("It is e.g. fine. Dr. Who? Yes! ok… and U.S. too.")
@example(" " * 1300 + "a. b")
@example("x" * 1300 + ". \u2003 ")
@example("a " * 600 + "b")  # a sentence one character longer than the longest kept whole
def test_a_blocks_sentences_are_those_found_before(text: str) -> None:
    doc = document.read(text, "a.txt", "text")
    for block in doc.blocks:
        assert doc.sentences(block) == _plain_sentences(doc, block)
    whole = document.Block(0, len(doc.text), "paragraph")
    assert doc.sentences(whole) == _plain_sentences(doc, whole)


DIGIT_PIECES = [
    "1", "20", "2025", "٣", "０", "²", ".", "..", ",", "-", " ", "\n", "a", "é", "_", "Jan", "$",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(DIGIT_PIECES), max_size=20).map("".join))
@example("1.5.6 ..7 a8 _9 é1 ٣2 .٣ 20.01.2025")
def test_the_dates_number_places_from_the_digit_scan_are_those_of_their_own_scan(
    text: str,
) -> None:
    digits = figure_scan.FigureScan(text, WORDS).places("digit")
    assert dates.number_places(text, digits) == dates.number_places(text)
    words = figure_scan.word_places(text)
    assert list(dates.find_dates(text, words, digits)) == list(dates.find_dates(text, words))


# a bare number among the words a term before or after it makes a figure of, and the numbers
# around the years (a step of 1, 10 or 1,000; inside and outside 1900-2100)
ASKED_PIECES = [
    "2024", "2040", "2000", "1899", "1900", "2100", "2101", "2024.5", "17", "7168", "61", " ",
    "\n", ", ", ". ", "(", ")", "batch size of ", "hidden size ", "warmup steps of ", " is ",
    " layers", " Transformer", " experts", " times", "sampled ", " days", "trained on ", "of ",
    "about ", " tokens", "the ", "in ", "x", "-",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(ASKED_PIECES), max_size=14).map("".join))
@example("batch size of 2040")
@example("batch size of 2024 layers")
@example("hidden size 2101")
@example("in 2024 experts")
def test_a_years_term_before_it_is_never_asked_for_a_figure(text: str) -> None:
    found = _figures_of(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "_a_year", lambda num: False)  # every term before asked for
        assert found == _figures_of(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(ASKED_PIECES), max_size=14).map("".join))
@example("batch size of 2040 layers, 61 layers")
@example("17 layers and 61 Transformer")
def test_the_count_named_after_a_number_is_asked_once_with_the_same_answer(text: str) -> None:
    found = _figures_of(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            extract, "_named_after", lambda text, pos, words, asked: words.after(text, pos)
        )
        assert found == _figures_of(text)


def _plain_read_labels(kinds: list[tuple[int, str, object]], readings) -> None:
    """Every line that is no value read for its label, as before."""
    for k, (i, kind, _) in enumerate(kinds):
        if kind == "o" and (label := readings.label(i)) is not None:
            kinds[k] = (i, "l", label)


# value-first spec cards, with labels and other lines before, between and after them
CARD_PIECES = [
    "671.0B", "37.0B", "128K", "7,168", "Parameters", "Active", "Max Context", "Hidden Size",
    "a sentence, with words.", "| a | b |", "Key: 12", "\n", "\n", "\n", "\n\n", "- ", "x" * 70,
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(CARD_PIECES), max_size=20).map("".join))
@example("Hidden Size\n671.0B\nParameters\n37.0B\nActive\n")
@example("Parameters\nActive\n671.0B\nParameters\n37.0B\nActive\n")
@example("671.0B\nParameters\nActive\n37.0B\nActive\n128K\nMax Context\n")
def test_a_value_first_cards_labels_are_read_beside_values_only(text: str) -> None:
    cells = layout.find_cells(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "_read_labels", _plain_read_labels)
        assert cells == layout.find_cells(text)


NAMES = ["DeepSeek R1", "DeepSeek V3", "OpenAI o1", "Qwen 7B"]
SPACED_PIECES = [
    *NAMES, "MMLU", "GPQA (Pass@1)", "71.5", "81.0", "90.8", " ", "\t", "\n", "\n", "Math",
    "a sentence.", "-", "N/A",
]  # fmt: skip


def _spaced_mentions(text: str) -> list:
    """Each name of NAMES in text as a model's mention (as find_mentions would give them)."""
    return [
        spaced_tables.Mention(m.start(), m.end(), "model", m.group())
        for m in re.finditer("|".join(map(re.escape, NAMES)), text)
    ]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SPACED_PIECES), max_size=24).map("".join))
@example("Benchmark DeepSeek R1 DeepSeek V3\nMMLU 90.8 81.0\n")
@example("DeepSeek R1\nDeepSeek V3\nMMLU\n90.8\n81.0\n")
@example("x\nDeepSeek R1 DeepSeek V3\nMMLU 90.8 81.0\n")
def test_the_names_of_a_line_are_looked_for_only_where_one_starts(text: str) -> None:
    mentions = _spaced_mentions(text)
    cells = spaced_tables.spaced_cells(text, mentions)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spaced_tables, "_named_lines", lambda lines, starts: {a for a, _ in lines})
        assert cells == spaced_tables.spaced_cells(text, mentions)


class _PairSpans:
    """Spans kept as (start, end) pairs, as they were before being kept as integers."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.pairs = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.pairs, (end, end))
        near = self.pairs[max(0, i - 1) : i + 1]
        return any(start < e and s < end for s, e in near)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return self.pairs[
            bisect_left(self.pairs, (start, start)) : bisect_left(self.pairs, (end, end))
        ]


BIG_SPAN = st.tuples(st.integers(0, 5_000_000), st.integers(0, 300)).map(
    lambda p: (p[0], p[0] + p[1])
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(BIG_SPAN, max_size=12),
    st.lists(BIG_SPAN, max_size=12),
    st.lists(st.integers(0, 5_000_400), max_size=6),
)
def test_spans_kept_as_integers_answer_as_pairs(
    spans: list[tuple[int, int]], added: list[tuple[int, int]], points: list[int]
) -> None:
    quick, plain = Spans(spans), _PairSpans(spans)
    for s in added:
        quick.add(*s)
        insort(plain.pairs, s)
    asked = [*spans, *added, *((p, p) for p in points), *((p, p + 1) for p in points)]
    for start, end in asked:
        assert quick.overlaps(start, end) == plain.overlaps(start, end)
        assert quick.starting_in(start, end) == plain.starting_in(start, end)
    for s in added:
        quick.remove(*s)
        plain.pairs.remove(s)
        assert quick.starting_in(0, 5_000_400) == plain.pairs


def _plain_find_figures(text: str, masked: list[tuple[int, int]]) -> list[extract.Raw]:
    """find_figures as it was: each figure found added to the spans every later finder reads,
    the last finder's too."""
    scan = figure_scan.FigureScan(text, WORDS)
    taken, placed, figures = Spans(masked), Spans(), []
    for d in scan.dates():
        stamp = text[max(0, d.start - figure_scan._STAMP_REACH) : d.start]
        if figure_scan._PAGE_STAMP.search(stamp) or taken.overlaps(d.start, d.end):
            continue
        figures.append(extract.Raw(d.start, d.end, unit="date", dates=(d.first, d.last)))
        taken.add(d.start, d.end)
        placed.add(d.start, d.end)
    for i, (finder, _, _) in enumerate(extract.finders(WORDS)):
        for raw in finder(text, scan.found(i), taken, WORDS):
            if not placed.overlaps(raw.start, raw.end):
                figures.append(raw)
                taken.add(raw.start, raw.end)
                placed.add(raw.start, raw.end)
    return sorted(figures, key=lambda r: r.start)


FIGURE_PIECES = [
    "two", "three hundred", "several", "weeks", "millions of", "tokens", "2", "3.5", "$5",
    "million", "GPUs", "H800", "top-8 of 256", "8x256", "experts", "2025", "Jan", "20", " ",
    "-", "to", ",", ".", "\n", "days", "B", "parameters", "%",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=14).map(" ".join))
@example("top-8 of 256 experts, two 8x256 experts")
def test_the_figures_are_found_as_when_every_finders_are_added_to_the_spans_read(
    text: str,
) -> None:
    """find_figures, whose last finder's figures are not added to the spans no finder reads
    after it, finds what it found adding them."""
    assert figure_scan.find_figures(text, [], WORDS) == _plain_find_figures(text, [])


def test_the_articles_figures_are_found_as_when_every_finders_are_added() -> None:
    for path in case_articles():
        text = document.read(path.read_text(), path.name).text
        assert figure_scan.find_figures(text, [], WORDS) == _plain_find_figures(text, [])


LEAD_PIECES = [
    "1", "23", "4.5", "٣", "１", "²", "$", "US$", "＄", "¥", "CN¥", "USD", "RMB", "u", "U", "R",
    "C", ",", ":", "@", "#", "-", "‑", ".", " ", "\n", "_", "a", "é", "x", "ab", "Layers",
    "z", "Z", "ſ",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LEAD_PIECES), max_size=16).map("".join), st.booleans())
@example("$5 and -6, :7 US$8 .9 ¥1", True)
@example("1", False)
@example("Layers61\nqwen2 ab3 a3 zz٣", True)
def test_the_digit_and_number_places_of_one_scan_are_those_of_their_own_scans(
    text: str, with_words: bool
) -> None:
    words = WORDS if with_words else None
    digits, numbers, glued = figure_scan.digit_and_number_places(text, words)
    assert digits == [m.start() for m in figure_scan._AT_DIGIT.finditer(text)]
    assert numbers == [m.start() for m in extract.numerals(words)[3].finditer(text)]
    assert glued == [m.start() for m in layout.GLUED_AT.finditer(text)]
    lines = layout.line_spans(text)
    assert layout.find_cells(text, None, lines, glued) == layout.find_cells(text)


VALUE_PIECES = [
    "7", "7,168", "²", "٣", "$5", "~3", "<", ">", "≈", "- ", "-", "• ", "* ", "+ ", "\t", " ",
    "\u2003", "\r", "\x0b", "\x0c", "\x85", "\u00a0", "\n", "\n\n", "a", "Layers", "Key: 5",
    "Hidden Size", "Parameters", "é", "|", "x" * 70,
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(VALUE_PIECES), max_size=16).map("".join))
@example("- \u2003 5\nActive\n671B\nParameters\n")
@example("\u2003- 5")
@example("\u00a05\nA")
def test_a_value_is_read_only_on_the_lines_that_may_hold_one(text: str) -> None:
    lines = layout.line_spans(text)
    values = layout._may_be_values(text, [a for a, _ in lines])
    for i, (a, b) in enumerate(lines):
        if layout._value(text, a, b) is not None:
            assert i in values
    readings = layout._LineReadings(text, lines)
    plain = layout._values_first(text, lines, layout._LineReadings(text, lines))
    assert layout._values_first(text, lines, readings, set(values)) == plain
    assert layout._candidates(text, lines, values) == layout._candidates(text, lines)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*VALUE_PIECES, *SPEC_PIECES]), max_size=16).map("".join))
@example("Hidden Size\n7,168\nLayers\n\n61\nActive\nText\n5\n")
@example("Label\n\n\nText\n5")
def test_the_cells_found_reading_values_only_where_one_may_stand_are_the_same(text: str) -> None:
    cells = layout.find_cells(text)
    spec_cells, values_first = layout._spec_cells, layout._values_first

    def every_spec_cell(text, lines, i, readings=None, values=None):  # type: ignore[no-untyped-def]
        return spec_cells(text, lines, i, readings)

    def every_value_first(text, lines, readings, values=None):  # type: ignore[no-untyped-def]
        return values_first(text, lines, readings)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "_spec_cells", every_spec_cell)
        patch.setattr(layout, "_values_first", every_value_first)
        assert layout.find_cells(text) == cells


def _plain_row_cells(text, lines, names, starts, named_lines):  # type: ignore[no-untyped-def]
    """spaced_tables._row_cells as it was: every short line read for a row, then a header."""
    cells = []
    header = None
    for a, b in lines:
        if b - a > spaced_tables._MAX_LINE:
            header = None
            continue
        row = spaced_tables._row(text, a, b)
        if row is None:
            named = spaced_tables.within(names, starts, a, b) if a in named_lines else []
            if len(named) >= 2:
                header = (named, a, text[a:b])
            elif not (a == b or spaced_tables._GROUP.fullmatch(text, a, b)):
                header = None
            continue
        label, values = row
        if (
            header is None
            or len(values) > spaced_tables._MAX_COLUMNS
            or len(header[0]) < len(values)
        ):
            continue
        named, table_start, header_text = header
        for (va, vb), name in zip(values, named[len(named) - len(values) :], strict=True):
            column = text[name.start : name.end]
            cells.append(layout.Cell(va, vb, label, column, header_text, table_start))
    return cells


def _plain_stacked_cells(text, lines, names, starts, named_lines):  # type: ignore[no-untyped-def]
    """spaced_tables._stacked_cells as it was: each line from the k-th on asked for names."""
    filled = [(a, b) for a, b in lines if text[a:b].strip()]
    cells = []
    k = 0
    while k < len(filled):
        header = spaced_tables._name_lines(text, filled, k, names, starts, named_lines)
        if len(header) < 2:
            k += 1
            continue
        k += len(header)
        width = len(header)
        table_start = filled[k - width][0]
        header_text = " | ".join(text[m.start : m.end] for m in header)
        while k + width < len(filled) and spaced_tables._is_label(text, *filled[k]):
            group = filled[k + 1 : k + 1 + width]
            if len(group) < width or not all(
                spaced_tables._ONE_VALUE.fullmatch(text, a, b) for a, b in group
            ):
                break
            label = text[slice(*filled[k])].strip()
            for (a, b), name in zip(group, header, strict=True):
                token = spaced_tables._TOKEN.search(text, a, b)
                if token is not None:
                    column = text[name.start : name.end]
                    cells.append(
                        layout.Cell(
                            token.start(), token.end(), label, column, header_text, table_start
                        )
                    )
            k += 1 + width
    return cells


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SPACED_PIECES), max_size=24).map("".join))
@example("x\nDeepSeek R1\nDeepSeek V3\nMMLU\n90.8\n81.0\n")
@example("x\nBenchmark DeepSeek R1 DeepSeek V3\nMMLU 90.8 81.0\nMath\nGPQA 71.5 81.0\n")
def test_the_lines_of_spaced_tables_are_read_only_under_a_header_or_where_a_name_starts(
    text: str,
) -> None:
    mentions = _spaced_mentions(text)
    lines = layout.line_spans(text)
    starts = [m.start for m in mentions]
    named = spaced_tables._named_lines(lines, starts)
    args = (text, lines, mentions, starts, named)
    assert spaced_tables._row_cells(*args) == _plain_row_cells(*args)
    assert spaced_tables._stacked_cells(*args) == _plain_stacked_cells(*args)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(VALUE_PIECES), max_size=16).map("".join))
@example("5\n\n- 6\n\u2003~7\n")
@example("\n5")
def test_the_lines_that_may_hold_a_value_are_found_from_the_line_breaks_as_from_each_line_start(
    text: str,
) -> None:
    starts = [a for a, _ in layout.line_spans(text)]
    plain = [bisect_right(starts, m.start()) - 1 for m in layout._MAY_BE_VALUE.finditer(text)]
    assert layout._may_be_values(text, starts) == plain


WEB_PIECES = [
    "http", "https://", "http://", "www.", "wwww.", "ww", "w", "h", "://", "x.org", "/a", " ",
    "\n", "(", ")", "<", "[", "é", "a@b.c", "https", "httpwww.", ".",
]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(WEB_PIECES), max_size=16).map("".join))
@example("www.http://x hhttp://y wwww.z http:/ www.\nhttps://w")
@example("http://www.x www.http://y")
def test_web_addresses_found_from_their_literals_are_blanked_as_by_the_pattern(text: str) -> None:
    assert masks._blank_web(text) == masks._WEB_ONLY.sub(masks._blank, text)
    assert masks.blank_urls(text) == masks.URL.sub(masks._blank, text)


LINE_PIECES = [
    "A line of prose that goes on", " and on", "Two Words", ".", ":", "!", " ", "  ", "\t",
    "\n", "\n\n", "- item", "1. item", "| a | b |", "# Title", "x" * 60, "\u2003", "é", "7",
    "?", "Heading", "lead in:",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(LINE_PIECES), max_size=20).map("".join),
    st.booleans(),
    st.sampled_from(["", "#", "|", " ", "- "]),
)
@example(
    "Lead in:\n- a\nb\nA line of prose that goes on and on and on and on and on\nmore", False, ""
)
# outside Markdown a line of prose of 50 characters is joined by the next one; of 49, not
@example(
    " ".join("abcdefghijklmnopqrstuvwx") + " yy\n" + " ".join("abcdefghijklmnopqrstuvwxy"),
    False,
    "",
)
@example(
    " ".join("abcdefghijklmnopqrstuvwxy") + "\n" + " ".join("abcdefghijklmnopqrstuvwxy"), False, ""
)
def test_blocks_are_read_as_when_the_last_block_was_read_back(
    text: str, markdown: bool, mark: str
) -> None:
    # the raw text may differ from the masked one where a mark was blanked (same line lengths)
    raw = "\n".join(mark + line[len(mark) :] if len(line) >= len(mark) else line
                    for line in text.split("\n"))  # fmt: skip
    assert document._line_blocks(text, raw, markdown) == _plain_line_blocks(text, raw, markdown)


def _plain_looks_like_heading(line: str, markdown: bool, raw_line: str) -> bool:
    """document._looks_like_heading as it was: the words counted first."""
    stripped = line.strip()
    if markdown and raw_line.lstrip().startswith("#"):
        return True
    if markdown:
        words = stripped.split(maxsplit=8)
        return (
            0 < len(words) <= 8
            and stripped[:1].isupper()
            and not stripped.endswith(document._TERMINAL)
            and not document._ITEM.match(line)
            and "|" not in stripped
            and not any(map(str.isdigit, stripped))
        )
    return (
        0 < len(stripped) <= 80
        and not stripped.endswith(document._TERMINAL)
        and len(stripped.split()) <= 12
        and not document._ITEM.match(line)
        and any(map(str.isalpha, stripped))
    )


HEADING_PIECES = [
    "#", "|", "- ", "1. ", "Title", "Word", "word", "a", ".", ":", ",", "7", "٣", " ", "\t",
    "\u00a0", "É", "ß", "ǅ", "Ⅻ", "x y z ",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(HEADING_PIECES), max_size=24).map("".join),
    st.lists(st.sampled_from(HEADING_PIECES), max_size=4).map("".join),
    st.booleans(),
)
@example("A b c d e f g h", "", True)  # eight words
@example("A b c d e f g h i", "", True)  # nine
@example(" Title", "#", True)
@example("a line.", " \t#", True)  # a mark after white space
def test_a_heading_is_told_as_when_its_words_were_counted_first(
    line: str, lead: str, markdown: bool
) -> None:
    raw_line = lead + line
    plain = _plain_looks_like_heading(line, markdown, raw_line)
    assert document._looks_like_heading(line, markdown, raw_line) == plain
    stripped, raw_lead = line.strip(), raw_line.lstrip()
    assert document._looks_like_heading(line, markdown, raw_line, stripped, raw_lead) == plain


def test_the_qualifiers_last_characters_are_those_the_class_matches() -> None:
    matched = {c for c in ALL_CHARACTERS + "".join(map(chr, range(0x10000, 0x110000, 7)))}
    matched = {c for c in matched if notations._QUALIFIER_LAST.match(c)}
    assert set(notations.QUALIFIER_LAST_CHARACTERS) == matched


def _plain_bare_numbers(
    text: str, start: int, end: int, taken: Spans, words: object
) -> list[extract.Raw]:
    """bare_numbers as round 6 left it: each number parsed before the tests that drop it."""
    out: list[extract.Raw] = []
    number, number_at, _, _ = extract.numerals(words)  # type: ignore[arg-type]
    glued = number_at.match(text, start, end) if start and text[start - 1].isalnum() else None
    for m in [*([glued] if glued else []), *number.finditer(text, start, end)]:
        if taken.overlaps(*m.span()) or m.group("cur"):
            continue
        value, step = notations.parse_number(m.group("num"))
        scale = notations.magnitude(m)
        letter = m.group("sfx") or m.group("sfxl")
        if letter in ("m", "b"):
            continue
        if words is not None and WORDS.tails.foreign.match(text, m.end()):
            continue
        if extract._model_number(text, m) or extract._after_percent(text, m):
            continue
        raw = extract.Raw(m.start(), m.end(), value * scale, value * scale, step * scale)
        raw.hint = "cell"
        if not extract._plausible(raw):
            continue
        lo = max(0, raw.start - 25)
        head = text[lo : raw.start].rstrip()
        if head[-1:] and notations._QUALIFIER_LAST.match(head[-1:]):
            bound, qstart = notations.qualifier_before(text, raw.start)
            if bound and qstart >= start:
                raw.bound, raw.start = bound, qstart
        out.append(raw)
    return out


CELL_PIECES = [
    "1", "23", "4.5", "2,048", "671B", "5m", "3b", "$5", "¥2", "RTX ", "3070", "%", "5-shot",
    "1e999", "1e5", "10^400", " ", "\t", "a", "R1", "~", "about ", "under ", "over ", "≈", "<",
    "approx. ", "1K", "2 million", "|", "—", "é", "ſ", "K", "İ", "T", "x",
]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(CELL_PIECES), max_size=16).map("".join),
    st.integers(0, 6),
    st.integers(0, 6),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 5)), max_size=3),
    st.booleans(),
)
@example("R1671B", 2, 0, [], True)
@example("%7", 0, 0, [], True)  # a number glued onto a percent sign at the second character
@example("about 5 RTX 3070 7%8", 0, 0, [], True)
@example("5m 3b 1e999 $5 7", 0, 0, [(14, 1)], False)
def test_a_cells_bare_numbers_are_read_as_before(
    cell: str, lead: int, trail: int, masked: list[tuple[int, int]], with_words: bool
) -> None:
    text = "ab1"[:lead] + cell + " x" * trail
    start, end = min(lead, 3), len(text) - trail
    words = WORDS if with_words else None
    spans = [(s, s + w) for s, w in masked]
    plain = _plain_bare_numbers(text, start, end, Spans(spans), words)
    assert extract.bare_numbers(text, start, end, Spans(spans), words) == plain


LEAD_PIECES = [
    "1", "23", "4.5", "٣", "０", "$", "＄", "¥", "US$", "RMB", "CN¥", "URC", ".", "..", "ab", "x",
    "Z", " ", "\n", "-", "@", ":", "é", "野", "—", "\ud800", "\U0001d7d9",
]  # fmt: skip


def _plain_lead_places(text: str, lead: re.Pattern[str], glued: frozenset[str]) -> tuple:
    """digit_and_number_places read off the plain lead scan (the class first)."""
    digits, numbers, letters = [], [], []
    for m in lead.finditer(text):
        p = m.start()
        before = text[p - 1] if p else ""
        if "a" <= before <= "z":
            letters.append(p)
            continue
        if before not in glued:
            numbers.append(p)
        if text[p].isdecimal():
            digits.append(p)
    return digits, numbers, letters


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LEAD_PIECES), max_size=30).map("".join), st.integers(0, 40))
@example("ab1 $2 野3", 0)
@example("x" * 40 + "野1", 0)  # few characters beyond ASCII: the ASCII-led scan
@example("野野1 ٣", 0)  # many: the plain scan
def test_the_lead_places_are_those_the_plain_scan_finds(text: str, ascii_pad: int) -> None:
    text = "x " * ascii_pad + text
    for words in (WORDS, None):
        lead, glued = (
            (WORDS.tails.lead_places, WORDS.tails.glued_marks)
            if words
            else figure_scan.plain_number_leads()
        )
        plain = _plain_lead_places(text, lead, glued)
        assert figure_scan.digit_and_number_places(text, words) == plain


def test_the_ascii_led_lead_scan_stops_at_each_character_the_class_does() -> None:
    for lead in (WORDS.tails.lead_places, figure_scan.plain_number_leads()[0]):
        led = figure_scan.ascii_led(lead)
        first = re.compile(lead.pattern[: lead.pattern.index("]") + 1])
        for c in ALL_CHARACTERS:
            # (after a space, before nothing: where the look-arounds let every first character)
            assert bool(led.match(" " + c, 1)) == bool(lead.match(" " + c, 1)), c
            assert bool(first.match(c)) == bool(led.match(" " + c, 1)), c

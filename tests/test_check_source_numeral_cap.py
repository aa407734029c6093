"""Text made of little but numbers is read up to MAX_NUMERALS numbers, text of many short lines
up to MAX_LINES lines; the rest is not read, and every report format says which cap cut it."""

from __future__ import annotations

from pathlib import Path

from r1kb.checksource.document.caps import MAX_LINES, MAX_NUMERALS, lines_cut, numerals_cut
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.reporting.report import FORMATS, render
from r1kb.checksource.result.result import CheckResult
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
MATCHER = Matcher(KB)
LEAD = "DeepSeek-V3 was trained on 14.8T tokens using 2,048 H800 GPUs.\n"


def test_the_cut_falls_after_the_last_number_read_at_a_line_or_space() -> None:
    lines = "1 2 3\n" * (MAX_NUMERALS // 3 + 10)
    cut = numerals_cut(lines)
    assert lines[cut - 1] == "\n" and lines[:cut].count("\n") == MAX_NUMERALS // 3
    one_line = "7 " * (MAX_NUMERALS + 5)
    assert numerals_cut(one_line) == 2 * MAX_NUMERALS - 2  # the last number read is left out
    assert numerals_cut("7 " * MAX_NUMERALS + "and no more numbers") == 2 * MAX_NUMERALS + 19
    assert numerals_cut("no numbers at all " * 100) == 1800


def test_a_long_paper_is_read_whole() -> None:
    paper = ROOT.parent / "shared" / "sources" / "deepseek-v3-technical-report.txt"
    if paper.is_file():  # 7,070 numbers in 192 KB
        text = paper.read_text(encoding="utf-8")
        assert numerals_cut(text) == len(text)


def test_figure_dense_input_is_cut_with_a_note_in_every_format() -> None:
    text = LEAD + "1,234 5 6\n" * MAX_NUMERALS
    report = check_text(text, KB, "dense.txt", matcher=MATCHER)
    alone = check_text(LEAD, KB, "dense.txt", matcher=MATCHER)
    assert [f.text for f in report.figures[:3]] == [f.text for f in alone.figures]
    (note,) = report.notes
    assert f"the first {MAX_NUMERALS:,} numbers" in note
    result = CheckResult([report])
    for fmt in FORMATS:
        assert f"the first {MAX_NUMERALS:,} numbers" in render(result, fmt), fmt


def test_magnitude_words_count_as_numbers() -> None:
    vague = "millions of tokens " * (MAX_NUMERALS + 5)  # each one a vague figure to attribute
    cut = numerals_cut(vague)
    assert vague[:cut].count("millions") == MAX_NUMERALS - 1  # the last one read is left out
    mixed = "7 billions " * (MAX_NUMERALS // 2 + 5)
    assert numerals_cut(mixed) == len("7 billions ") * (MAX_NUMERALS // 2 - 1) + 2
    inside = "attention tens! " * (MAX_NUMERALS - 1)  # "tens" in "attention" is no number
    assert numerals_cut(inside + "attention 1 2") == len(inside) + len("attention ")


def test_the_line_cut_falls_after_the_last_line_read() -> None:
    lines = "a\n" * (MAX_LINES + 5)
    assert lines_cut(lines) == 2 * MAX_LINES
    assert lines_cut("a\n" * (MAX_LINES - 1) + "no line break after this") == len(
        "a\n" * (MAX_LINES - 1) + "no line break after this"
    )
    assert lines_cut("\n" * MAX_LINES) == MAX_LINES  # all of it: nothing after the last
    paper = ROOT.parent / "shared" / "sources" / "deepseek-v3-technical-report.txt"
    if paper.is_file():  # 2,914 lines
        text = paper.read_text(encoding="utf-8")
        assert lines_cut(text) == len(text)


def test_many_short_lines_are_cut_with_a_note_in_every_format() -> None:
    """A megabyte of two-character lines took 4-5 s: each line a block to read."""
    text = LEAD + "a\n" * (MAX_LINES + 100) + "DeepSeek-R1 has 671B parameters.\n"
    report = check_text(text, KB, "lines.txt", matcher=MATCHER)
    assert [f.text for f in report.figures] == [
        f.text for f in check_text(LEAD, KB, "lines.txt", matcher=MATCHER).figures
    ]  # the figure after the cut is not read
    (note,) = report.notes
    assert f"the first {MAX_LINES:,} lines" in note and "numbers" not in note
    for fmt in FORMATS:
        assert f"the first {MAX_LINES:,} lines" in render(CheckResult([report]), fmt), fmt


def test_a_page_is_cut_at_the_lines_of_its_text_not_of_its_source() -> None:
    """A page's source may hold many more lines than its text (scripts, indentation): those
    do not count; the paragraphs written to its text do."""
    figure = "<p>DeepSeek-R1 has 671B parameters.</p>"
    long_source = "<html><script>\n" + "var x = y;\n" * (MAX_LINES + 100) + "</script>" + figure
    report = check_text(long_source, KB, "page.html", matcher=MATCHER)
    assert [f.value for f in report.figures] == [671e9] and not report.notes
    many_paragraphs = "<html>" + "<p>a</p>" * (MAX_LINES + 100) + figure
    report = check_text(many_paragraphs, KB, "page.html", matcher=MATCHER)
    assert report.figures == []
    (note,) = report.notes
    assert f"the first {MAX_LINES:,} lines" in note


def test_a_page_is_cut_at_the_numbers_of_its_text_not_of_its_source() -> None:
    """A page's inline styles and scripts may hold more than MAX_NUMERALS numbers before its
    article: they are not its text and were counted (the article was cut away)."""
    figure = "<p>DeepSeek-R1 has 671B parameters.</p>"
    style = "<style>" + "a{margin:0 1px 2px 3px}" * (MAX_NUMERALS // 3) + "</style>"
    report = check_text("<html>" + style + figure, KB, "page.html", matcher=MATCHER)
    assert [f.value for f in report.figures] == [671e9] and not report.notes
    dense = "<html><p>" + "7 " * (MAX_NUMERALS + 50) + "</p>" + figure
    report = check_text(dense, KB, "page.html", matcher=MATCHER)
    assert 671e9 not in [f.value for f in report.figures]
    (note,) = report.notes
    assert f"the first {MAX_NUMERALS:,} numbers" in note
    assert report.text.count("7") == MAX_NUMERALS  # read up to the number past the cap

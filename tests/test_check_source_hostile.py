"""check-source on hostile input (issue 10, sections 3-5): no traceback, no Infinity, no markup
or injected lines in its reports, drafts that fail cleanly, input capped while reading, and
parsers that make progress on every character. One test per finding; speed is measured by
scripts/bench_check_source.py, not asserted here."""

from __future__ import annotations

import errno
import io
import itertools
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from r1kb import fsutil
from r1kb.checksource.candidates.dates import MONTHS
from r1kb.checksource.document import htmltokens, inputs
from r1kb.checksource.document.document import read
from r1kb.checksource.lexicon import notations as n
from r1kb.checksource.lexicon.folding import ASCII_TWINS
from r1kb.checksource.lexicon.notations import parse_number
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.reporting.report import COMMENT_LIMIT, as_json, markdown, render
from r1kb.checksource.result.result import CheckResult, Figure, Report
from r1kb.checksource.result.wording import number
from r1kb.cli import cli
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


def run(*args: str, stdin: bytes | str | None = None) -> Any:
    return CliRunner().invoke(cli, ["check-source", *args], input=stdin)


def strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON")

    return json.loads(text, parse_constant=refuse)


# --- numbers: never an OverflowError, never Infinity, notation read whole -----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "DeepSeek-R1 has 1" + "0" * 400 + " parameters.",  # was OverflowError
        "DeepSeek-R1 has 1e999 parameters.",  # was read as 1
        "DeepSeek-R1 has 10^400 parameters.",  # was read as 400
        "DeepSeek-R1 cost $1" + "0" * 320 + " to train.",
        "DeepSeek-V3 used 999^9999 GPUs and 0^-1 GPUs.",
        "DeepSeek-R1 has 0e1000 parameters and 0 × 10^999 tokens.",  # was 0 × inf: NaN
    ],
)
def test_numbers_too_large_for_a_float_are_not_figures(kb: KnowledgeBase, sentence: str) -> None:
    assert check_text(sentence, kb).figures == []
    result = run("--format", "json", "-", stdin=sentence)
    assert result.exit_code == 0 and result.exception is None, result.output
    assert strict_json(result.output)["figures"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "DeepSeek-R1 has 10^\t3 parameters.",  # a tab in a power: was ValueError
        "DeepSeek-V3 used 5 ^\n3 GPUs.",
        "It cost 1,000^\t2024 dollars.",
        "DeepSeek-R1 has 6.71\u2003×\u300010^11 parameters.",  # an em space, an ideographic one
    ],
)
def test_white_space_in_a_power_is_no_traceback(kb: KnowledgeBase, sentence: str) -> None:
    check_text(sentence, kb)
    result = run("--format", "json", "-", stdin=sentence)
    assert result.exit_code == 0 and result.exception is None, result.output


def test_drafts_never_get_an_infinite_value(tmp_path: Path) -> None:
    """Drafts got `value: Infinity` from a number too large for a float."""
    import yaml

    article = tmp_path / "huge.txt"
    article.write_text(
        "DeepSeek-R1 has 1e999 parameters. DeepSeek-R1 has 10^400 parameters.\n"
        f"DeepSeek-R1 cost ${'9' * 400} to train. DeepSeek-V3 used 6.71e20 GPUs.\n",
        encoding="utf-8",
    )
    result = run("--draft", str(tmp_path / "drafts"), str(article))
    assert result.exit_code == 0, result.output
    (claim,) = (tmp_path / "drafts" / "claims").glob("*.yaml")
    text = claim.read_text(encoding="utf-8")
    assert not re.search(r"(?i)\.?inf(inity)?\b|\.nan\b", text), text
    assert yaml.safe_load(text)["value"] == 6.71e20


@pytest.mark.parametrize(("word", "low"), [("hundreds", 100), ("dozens", 24), ("tens", 10)])
def test_a_vague_multiplier_alone_is_no_figure_and_no_traceback(
    kb: KnowledgeBase, word: str, low: int
) -> None:
    assert check_text(f"DeepSeek-R1 took {word}.", kb).figures == []  # was KeyError: None
    (figure,) = check_text(f"DeepSeek-R1 took {word}. It used {word} of H800 GPUs.", kb).figures
    assert figure.unit == "GPUs" and figure.value["low"] == low


def test_scientific_and_power_notation_are_read_whole(kb: KnowledgeBase) -> None:
    assert parse_number("6.71e20") == (6.71e20, 1e18)
    assert parse_number("10^9")[0] == 1e9
    assert parse_number("2^17")[0] == 131072
    assert parse_number("3.3×10²⁴")[0] == pytest.approx(3.3e24)
    assert parse_number("1e999")[0] == float("inf")  # refused by the extractor, never printed
    assert parse_number("0e1000") == (float("inf"), float("inf"))  # was (NaN, inf)
    (fig,) = check_text("DeepSeek-R1 has 6.71 × 10^11 parameters.", kb).figures
    assert fig.value == 671e9 and fig.outcome == "agrees"
    (fig,) = check_text("DeepSeek-R1 has 6.71e20 parameters.", kb).figures
    assert fig.value == 6.71e20 and fig.outcome == "conflicts"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [  # at a sentence's end each was read as its mantissa: 3, 1, 2 tokens
        ("DeepSeek-R1 used a learning rate of 3e-6.", 3e-6),
        ("DeepSeek-R1 used a KL coefficient of 1e-3.", 1e-3),
        ("DeepSeek-R1 has a context window of 2^17.", 131072),
    ],
)
def test_scientific_notation_before_a_full_stop_is_read_whole(
    kb: KnowledgeBase, sentence: str, value: float
) -> None:
    (fig,) = check_text(sentence, kb).figures
    assert fig.value == pytest.approx(value)


def test_huge_values_are_printed_as_powers_of_ten(kb: KnowledgeBase) -> None:
    assert number(6.71e20, "parameters", kb.units) == "6.71×10^20 parameters"
    assert number(3.2856e24, "FLOP", kb.units) == "3.286×10^24 FLOP"
    assert number(671e9, "parameters", kb.units) == "671B parameters"
    report = check_text("DeepSeek-R1 has 671000000000000000000 parameters.", kb)
    out = render(CheckResult([report]), "text")
    assert "6.71×10^20" in out and "e+" not in out


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("DeepSeek-R1 has 671 quintillion parameters.", 6.71e20),  # was read as 671
        ("DeepSeek-V3 used 3 quadrillion FLOP.", 3e15),  # was read as 3
    ],
)
def test_magnitude_words_beyond_trillion_are_read_not_dropped(
    kb: KnowledgeBase, sentence: str, value: float
) -> None:
    (fig,) = check_text(sentence, kb).figures
    assert fig.value == pytest.approx(value)
    out = render(CheckResult([check_text(sentence, kb)]), "text")
    assert "×10^" in out and "e+" not in out


# Each was read without its magnitude ($6, 671 parameters, 14.8 tokens: a right figure reported
# as conflicting), or, for the plurals after a number, not at all.
MAGNITUDES_AFTER_A_NUMBER = [
    ("DeepSeek's $6 Million AI Breakthrough: DeepSeek-R1's training cost", 6e6),
    ("DeepSeek-R1 Has 671 Billion Parameters", 671e9),
    ("DEEPSEEK-V3 WAS TRAINED ON 14.8 TRILLION TOKENS", 14.8e12),
    ("DeepSeek-V3 cost $5.6Mn to train.", 5.6e6),
    ("DeepSeek-V3 cost $5.6 Mln to train.", 5.6e6),
    ("DeepSeek-V3 cost $5.6 millions to train.", 5.6e6),
    ("DeepSeek-V3 cost $6 mil to train.", 6e6),
    ("DeepSeek-R1 has 671 billions of parameters.", 671e9),
    ("DeepSeek-V3 was trained on 14.8-trillions tokens.", 14.8e12),
    ("DeepSeek-R1 has 671   billion parameters.", 671e9),  # spaces doubled in copied text
    ("DeepSeek-V3 cost $5.6MM to train.", 5.6e6),  # finance's "MM"
    ("DeepSeek-V3 cost USD 5.6 MM to train.", 5.6e6),
    ("DeepSeek-V3 cost $5.6 mill to train.", 5.6e6),
    ("DeepSeek-V3 cost $5.6 million\u00b2 to train.", 5.6e6),  # a footnote's mark: no figure
]


@pytest.mark.parametrize(("sentence", "value"), MAGNITUDES_AFTER_A_NUMBER)
def test_a_magnitude_after_a_number_is_read_in_any_case_and_form(
    kb: KnowledgeBase, sentence: str, value: float
) -> None:
    (fig,) = check_text(sentence, kb).figures
    assert fig.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DeepSeek-R1 has **671** billion parameters.", 671e9),
        ("DeepSeek-V3 cost **$5.6**M.", 5.6e6),
    ],
)
def test_a_magnitude_after_an_emphasised_number_is_its_magnitude(
    kb: KnowledgeBase, text: str, value: float
) -> None:
    """Markdown's emphasis marks are blanked to spaces, and one space only was read before a
    magnitude: "**671** billion parameters" was 671 parameters."""
    (fig,) = check_text(text, kb, name="a.md", fmt="markdown").figures
    assert fig.value == pytest.approx(value)


def test_a_footnote_after_a_magnitude_in_html_leaves_the_magnitude(kb: KnowledgeBase) -> None:
    page = "<html><body><p>DeepSeek-V3 cost $5.6 million<sup>2</sup> to train.</p></body></html>"
    (fig,) = check_text(page, kb, name="a.html").figures
    assert fig.value == 5.6e6


@pytest.mark.parametrize("sentence", ["DeepSeek-V3 has a 5 mm chip.", "It uses a 700 W GPU."])
def test_a_number_of_a_unit_no_quantity_is_in_is_no_figure(
    kb: KnowledgeBase, sentence: str
) -> None:
    """ "a 5 mm chip" was read as 5 GPUs ("chip" a word further on), conflicting."""
    assert check_text(f"DeepSeek-V3 is big. {sentence}", kb).figures == []


def test_a_number_with_a_decimal_comma_is_not_read_as_its_whole_part(kb: KnowledgeBase) -> None:
    """ "$5,6 million" (a decimal comma) was read as $5 and reported as conflicting."""
    assert check_text("DeepSeek-V3 cost $5,6 million to train.", kb).figures == []
    (fig,) = check_text("DeepSeek-V3 cost $5,576,000 to train.", kb).figures
    assert fig.value == 5_576_000


def test_a_plural_magnitude_alone_is_still_a_vague_figure(kb: KnowledgeBase) -> None:
    (fig,) = check_text("DeepSeek-V3 was trained on trillions of tokens.", kb).figures
    assert fig.value == {"low": 1e12, "high": 1e15}


def test_two_letter_magnitudes_in_capitals_are_not_read() -> None:
    """ "TN" or "MN" in capitals are as often a place or a code as a magnitude: only "mn", "Mn"."""
    pattern = re.compile(rf"\d(?:{n.MAGNITUDE})")
    assert pattern.fullmatch("6 Mn") and pattern.fullmatch("6 mn")
    assert not pattern.fullmatch("6 MN") and not pattern.fullmatch("6 TN")


def test_json_output_never_holds_infinity_or_nan() -> None:
    fig = Figure("x", 0, 1, 1, 1, float("inf"), "tokens", "deepseek-r1", "context", "new")
    fig2 = Figure("y", 0, 1, 1, 1, {"low": float("nan"), "high": 2.0}, "tokens", "m", "q", "new")
    data = strict_json(as_json(CheckResult([Report("-", figures=[fig, fig2])])))
    assert [f["value"] for f in data["figures"]] == [None, {"low": None, "high": 2.0}]


# --- reports: no markup from the article, no injected lines, a comment that fits -----------

HOSTILE_TITLE = (
    "Click [here](https://evil.example/x) ![pixel](https://evil.example/p.png) "
    "<img src=x onerror=alert(1)> @octocat fixes #1 see www.evil.example | cell"
)


def test_markdown_report_shows_the_title_literally(kb: KnowledgeBase) -> None:
    article = f"<html><head><title>{HOSTILE_TITLE}</title></head><body><p>DeepSeek-R1 has 671B "
    article += "parameters.</p></body></html>"
    report = check_text(article, kb, "a.html")
    assert report.title and "octocat" in report.title
    out = markdown(CheckResult([report]))
    for live in ("](", "![", "<img", "@octocat", "https://", "www.evil", "| cell"):
        assert live not in out, live
    assert not re.search(r"(?<!&)#1", out)  # no issue reference ("&#124;" is an escaped pipe)
    assert "octocat" in out and "evil" in out  # shown, inert


@pytest.mark.parametrize(
    ("article", "name"),
    [
        ("Title \x1b[31mred\x07 here\nDeepSeek-R1 has 671B parameters.\n", "a.txt"),
        ("<title>T \x1b[31m\x01\x7fx</title><p>DeepSeek-R1 has 671B parameters.</p>", "a.html"),
        ("Title\nDeepSeek-R1 has 671B parameters.\n", "n\x1b[31m\x07.txt"),
        ("T\x00\x1b[31m\n\nDeepSeek-R1 has 671B parameters.\n", "a.txt"),
    ],
)
def test_markdown_report_shows_control_characters_as_escapes(
    kb: KnowledgeBase, article: str, name: str
) -> None:
    """An escape sequence, a bell, a NUL or a DEL in a title or a file name reached the
    comment as it was; it is shown as its escape (`\x1b`)."""
    out = markdown(CheckResult([check_text(article, kb, name)]))
    assert not [ch for ch in out if unicodedata.category(ch) == "Cc" and ch != "\n"], out
    assert "x1b" in out


def test_markdown_report_shows_dollars_literally_not_as_math(kb: KnowledgeBase) -> None:
    """GitHub renders "$…$" in a comment as LaTeX: "$5.6M and $6M" lost its figures."""
    report = check_text("# Costs: $5.6M and $6M\n\nDeepSeek-V3 cost $5.6M and $6M.\n", kb, "a.md")
    out = markdown(CheckResult([report]))
    assert "$" not in out and "&#36;5.6M" in out


def many_figures(n: int) -> Report:
    fig = Figure(
        "671B parameters", 0, 15, 1, 1, 671e9, "parameters", "deepseek-r1", "total-parameters",
        "conflicts", claims=["r1-total-parameters"], message="the knowledge base gives … " * 12,
    )  # fmt: skip
    return Report("big.md", figures=[fig] * n, title="A long article", chars=10**6)


def test_markdown_report_always_fits_a_pull_request_comment() -> None:
    out = markdown(CheckResult([many_figures(5000), many_figures(3)]))
    assert len(out.encode("utf-8")) <= COMMENT_LIMIT
    lines = out.splitlines()
    assert "5000 figure(s)" in lines[4]  # the summary comes first
    assert sum("3 figure(s)" in line for line in lines[:12]) == 1  # both summaries before tables
    assert re.search(r"\d+ of 5003 figure\(s\) are not listed", out)
    small = markdown(CheckResult([many_figures(3)]))
    assert "not listed" not in small and small.count("| 1 |") == 3


@pytest.mark.parametrize("fmt", ["text", "github", "markdown"])
def test_a_file_name_with_newlines_injects_no_line(tmp_path: Path, fmt: str) -> None:
    article = tmp_path / "a\n::error file=x::pwned\nb.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--format", fmt, str(article))
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("::error") for line in result.output.splitlines())
    assert "pwned" in result.output


# --- drafts: clean errors, no local path, a $schema line that works in drafts/ -------------


def test_a_file_name_with_newlines_injects_no_key_into_the_drafts(tmp_path: Path) -> None:
    """The input's name reaches the drafts' comments and read_note: a line break in it must
    not become a key of the record (`primary: true` would make a blog a primary source)."""
    import yaml

    article = tmp_path / "a\nkind: primary-paper\nprimary: true\nstatus: disclosed\n.txt"
    article.write_text("DeepSeek-R1 was trained on 2,000 H800 GPUs.\n", encoding="utf-8")
    result = run("--draft", str(tmp_path / "drafts"), str(article))
    assert result.exit_code == 0, result.output
    records = sorted((tmp_path / "drafts").glob("*/*.yaml"))
    assert {p.parent.name for p in records} == {"sources", "claims"}
    for path in records:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert record.get("primary") is not True and record.get("kind") != "primary-paper"
        assert record.get("status") != "disclosed", path
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^(kind|primary|status): (primary-paper|true|disclosed)", text, re.M)


def test_drafts_name_no_local_path_and_their_schema_line_resolves(tmp_path: Path) -> None:
    article = tmp_path / "private-folder" / "article.txt"
    article.parent.mkdir()
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    result = run("--draft", str(drafts), str(article))
    assert result.exit_code == 0, result.output
    records = sorted(drafts.glob("*/*.yaml"))
    assert len(records) == 2
    for path in records:
        text = path.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "private-folder" not in text
        schema = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
        assert schema and (path.parent / schema.group(1)).resolve().is_file()
        json.loads((path.parent / schema.group(1)).read_text(encoding="utf-8"))


def test_drafts_into_data_do_not_copy_the_schemas_onto_themselves(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    from r1kb.checksource.reporting.draft import write_drafts

    report = check_text("DeepSeek-R1 has 671B parameters.\n", kb, "/home/me/a.txt")
    data = tmp_path / "data"
    (data / "schema").mkdir(parents=True)
    (data / "schema" / "claim.schema.json").write_text("{}", encoding="utf-8")
    written = write_drafts(report, kb, data, schema_dir=data / "schema")
    assert not [p for p in written if p.suffix == ".json"]
    assert (data / "schema" / "claim.schema.json").read_text(encoding="utf-8") == "{}"


def test_drafts_on_a_full_disk_fail_cleanly(tmp_path: Path, monkeypatch: Any) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--draft", str(tmp_path / "drafts"), str(article))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert not isinstance(result.exception, OSError)
    assert not [p for p in (tmp_path / "drafts").rglob("*") if p.is_file()]  # no half files


@pytest.mark.parametrize("wrong", ["snapshots", "claims", "sources", "schema"])
def test_drafts_into_a_folder_of_the_wrong_shape_fail_cleanly(tmp_path: Path, wrong: str) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / wrong).write_text("a file where a folder should be", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--draft", str(drafts), str(article))
    assert result.exit_code == 2, result.output
    assert "cannot write drafts under" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- bounded cost: input capped while reading, parsers that always make progress -----------


class Endless(io.RawIOBase):
    """A stream that never ends (like /dev/zero), counting what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = b"a" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_standard_input_is_capped_while_reading(monkeypatch: Any) -> None:
    endless = Endless()
    monkeypatch.setattr(inputs.sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    got = inputs.read_input("-", limit=100_000)
    assert got.truncated and len(got.data) == 100_000
    assert endless.given <= 100_000 + 2 * 65_536 + 8192  # not read all, then cut


def test_a_cut_never_splits_a_character() -> None:
    assert inputs._whole_characters("é".encode() * 3 + "€".encode()[:2]) == "é".encode() * 3
    assert inputs._whole_characters(b"abc") == b"abc"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: opening it for reading would block forever
    assert "not a regular file" in (inputs.read_input(str(fifo)).error or "")
    if Path("/dev/zero").exists():
        assert "not a regular file" in (inputs.read_input("/dev/zero").error or "")
    result = run(str(fifo))
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_a_directory_among_the_inputs_is_reported_with_the_others(tmp_path: Path) -> None:
    """A directory stopped the whole run with a usage error: the other inputs got no report."""
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run(str(tmp_path), str(article))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "cannot read: a directory" in result.output and "1 agrees" in result.output


def test_a_file_named_dash_is_read_when_written_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`./-` is the file named "-" (a Path made it "-": standard input was read instead)."""
    monkeypatch.chdir(tmp_path)
    Path("-").write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--data", str(ROOT / "data"), "./-", stdin="DeepSeek-V3 cost $5.6M.\n")
    assert result.exit_code == 0 and "671B parameters" in result.output, result.output
    assert "5.6M" not in result.output


def test_an_empty_draft_folder_is_refused(tmp_path: Path) -> None:
    """`--draft ""` wrote the drafts into the working directory."""
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--draft", "", str(article))
    assert result.exit_code == 2 and "give a folder" in result.output, result.output


@pytest.mark.parametrize("inside", ["", "claims", "snapshots/new"])
def test_drafts_into_the_data_directory_are_refused(tmp_path: Path, inside: str) -> None:
    """Drafts written into data/ were records at once, TODOs and all, and the article's text was
    copied into the data (the snapshot a draft keeps for its quotes): nothing is written."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--data", str(data), "--draft", str(data / inside), str(article))
    assert result.exit_code == 2, result.output
    assert "inside the data directory" in result.output and "drafts/" in result.output
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before


def test_a_vocabulary_too_large_to_compile_is_refused(tmp_path: Path) -> None:
    """5,000 more terms in data/ (a pull request's) cost check-source seconds to minutes and
    hundreds of MB to compile: it says so and stops, as validate refuses them."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "quantities.yaml").read_text(encoding="utf-8")
    at = text.index("    terms: [", text.index("\nquantities:\n")) + len("    terms: [")
    terms = "".join(f'"made-up term {i}", ' for i in range(5_000))
    (data / "quantities.yaml").write_text(text[:at] + terms + text[at:], encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--data", str(data), str(article))
    assert result.exit_code == 2 and "at most 5,000 words" in result.output, result.output
    assert "r1kb validate" in result.output


def test_html_tokens_cover_each_character_once() -> None:
    """The tokenizer never goes back: 100 KB of an unclosed tag is one token-less pass, and
    tokens come in input order without overlapping."""
    assert list(htmltokens.tokens("<a" * 50_000)) == []
    raw = "<p title='a>b'>R1 &amp; V3 <b>671B</b> < 5 <!-- x --> <script>if (a<b) {}</script></p>"
    toks = list(htmltokens.tokens(raw))
    assert all(a.end <= b.start for a, b in itertools.pairwise(toks))
    assert [t.name for t in toks if t.kind == "start"] == ["p", "b", "script"]
    text = read(raw, fmt="html").text
    assert "R1 & V3 671B < 5" in text and "if (a" not in text


def test_a_lt_that_starts_no_tag_is_part_of_the_text_around_it() -> None:
    """A `<` that starts no tag was a token of its own (a megabyte of them took 5 s): it is
    part of one text token with the text around it, and the page's text is the same."""
    assert [t.kind for t in htmltokens.tokens("a < b <<< c <2")] == ["text"]
    toks = list(htmltokens.tokens("x < y <b>z</b> < &amp; <"))
    assert [(t.kind, t.start, t.end) for t in toks] == [
        ("text", 0, 6), ("start", 6, 9), ("text", 9, 10), ("end", 10, 14),
        ("text", 14, 17), ("entity", 17, 22), ("text", 22, 24),
    ]  # fmt: skip
    assert read("<p>R1 < 5 <<< 6 &lt; 7 <b>x</b></p>", fmt="html").text.strip() == (
        "R1 < 5 <<< 6 < 7 x"
    )


def test_the_masks_still_blank_links_and_addresses() -> None:
    doc = read("Mail a.b+c@example.co.uk or see https://x.org/a_1 and www.y.com now.\n")
    assert "@" not in doc.text and "x.org" not in doc.text and "y.com" not in doc.text
    assert doc.text.endswith("now.\n") and len(doc.text) == len(doc.original)
    md = read("See [the paper](https://arxiv.org/abs/1) and `5B` in ```\ncode 7B\n```.\n", "a.md")
    assert "5B" not in md.text and "7B" not in md.text and "the paper" in md.text
    assert read("```a" * 1000, "a.md").text.count("a") == 500  # paired fences blanked


# --- words matched case-insensitively: the four non-ASCII twins of ASCII letters ----------


def test_the_ascii_twins_are_every_letter_re_matches_with_an_ascii_one() -> None:
    found = {
        chr(cp): a
        for cp in range(0x80, 0x3000)  # the twins lie below; the Kelvin sign checked alone
        for a in "abcdefghijklmnopqrstuvwxyz"
        if re.fullmatch(a, chr(cp), re.I)
    }
    if re.fullmatch("k", "\u212a", re.I):
        found["\u212a"] = "k"
    assert {chr(k): v for k, v in ASCII_TWINS.items()} == found


def _twinned(word: str) -> list[str]:
    """The word with each ASCII letter that has a twin written as that twin, one at a time."""
    twins = {v: chr(k) for k, v in ASCII_TWINS.items() if chr(k) != "\u0130"}
    twins["i"] = "\u0131"
    return [word[:i] + twins[c] + word[i + 1 :] for i, c in enumerate(word) if c in twins]


def _figures(kb: KnowledgeBase, text: str) -> list[tuple[object, str]]:
    return [(f.value, f.unit) for f in check_text(text, kb).figures]


@pytest.mark.parametrize(
    ("template", "words", "read"),
    [  # read: the words' pattern is case-insensitive, so a twin spelling is read as well
        ("DeepSeek-R1 was trained for {} weeks.", [*n.WORD_NUMBERS, *n.VAGUE_COUNTS], True),
        ("DeepSeek-R1 was released on 20 {} 2025.", list(MONTHS), False),
        ("DeepSeek-R1 was released in {} 2025.", ["early", "mid", "late"], True),
        ("DeepSeek-V3 was trained on 256 {}-way H800 nodes.", ["two", "four", "eight"], True),
        ("DeepSeek-R1 costs $0.55 per million {} tokens.", ["input", "output"], True),
    ],
)
def test_words_with_a_non_ascii_twin_are_read_as_their_ascii_spelling_or_not_at_all(
    kb: KnowledgeBase, template: str, words: list[str], read: bool
) -> None:
    """ "ſeven weeks" matched the number words' pattern and raised KeyError on the table."""
    for word in words:
        expected = _figures(kb, template.format(word))
        assert expected, word
        for spelling in _twinned(word):
            got = _figures(kb, template.format(spelling))
            assert got == expected if read else got in (expected, []), spelling


def test_no_word_of_the_tables_raises_in_any_twin_spelling(kb: KnowledgeBase) -> None:
    """ "a ſingle GPU", "ſix weeks": every table a matched word is looked up in."""
    tables = [n.WORD_NUMBERS, n.COUNT_WORDS, n.VAGUE_COUNTS, n.VAGUE_MAGNITUDES, n.MAGNITUDES]
    words = [w for table in tables for w in table if len(w) > 2]
    text = " ".join(
        f"DeepSeek-R1 used {spelling} H800 GPUs for 5 {spelling} weeks, $2 {spelling}."
        for w in words
        for spelling in _twinned(w)
    )
    check_text(text, kb)  # no exception


# --- an input's name: bytes that are not UTF-8 ---------------------------------------------


def test_shown_name_writes_bytes_that_are_not_utf8_as_escapes() -> None:
    assert inputs.shown_name(os.fsdecode(b"/a/bad\xff\xfename.txt")) == "/a/bad\\xff\\xfename.txt"
    # read in an ASCII locale, a UTF-8 name comes back whole
    assert inputs.shown_name(b"\xc3\xbc.txt".decode("ascii", "surrogateescape")) == "ü.txt"
    assert inputs.shown_name("a\ud800b") == "a\\ud800b"  # no byte gives it: escaped too
    assert inputs.shown_name("-") == "-"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
def test_a_file_name_that_is_not_utf8_is_shown_not_a_traceback(tmp_path: Path, fmt: str) -> None:
    """A name with bytes that are not UTF-8 reached every format as surrogates, which none
    could encode (UnicodeEncodeError in the comment's size, in the drafts)."""
    path = os.fsdecode(os.fsencode(tmp_path) + b"/bad\xff\xfename.txt")
    Path(path).write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--format", fmt, path, "--draft", str(tmp_path / "drafts"))
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "bad\\xff\\xfename.txt" in result.output
    if fmt == "json":
        assert strict_json(result.stdout)["figures"][0]["input"].endswith("bad\\xff\\xfename.txt")
    assert list((tmp_path / "drafts").rglob("*.yaml"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
def test_an_output_encoding_without_the_article_s_characters_is_no_traceback(
    tmp_path: Path, fmt: str
) -> None:
    """A latin-1 terminal could not print full-width digits (UnicodeEncodeError): what it
    lacks is escaped, and JSON stays JSON (`\\uff16` is one of its escapes)."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has \uff16\uff17\uff11B parameters.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "r1kb", "check-source", "--format", fmt, str(article)],
        capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )  # fmt: skip
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    if fmt == "json":
        (figure,) = strict_json(done.stdout.decode("latin-1"))["figures"]
        assert figure["text"] == "\uff16\uff17\uff11B parameters"


def test_qualifiers_and_currency_signs_count_towards_the_vocabulary_cap(
    kb: KnowledgeBase,
) -> None:
    """Every word list check-source compiles is counted: quantity qualifiers ("maj@64") were
    not, so 12,000 of them passed the cap."""
    from dataclasses import replace

    from r1kb.vocabulary_size import MAX_WORDS, vocabulary_too_large, vocabulary_words

    assert vocabulary_too_large(kb) is None
    words = vocabulary_words(kb)["quantities.yaml"]
    assert "maj@64" in words and "$" in words and "CNY" in words
    qid = next(q for q in kb.quantities if kb.quantities[q].qualifiers)
    flood = [f"qualifier {i}" for i in range(MAX_WORDS)]
    quantities = {**kb.quantities, qid: replace(kb.quantities[qid], qualifiers=flood)}
    assert "at most 5,000 words" in (vocabulary_too_large(replace(kb, quantities=quantities)) or "")


def _with_terms(tmp_path: Path, terms: list[str]) -> Path:
    """A copy of the data with these terms first in a quantity's list."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "quantities.yaml").read_text(encoding="utf-8")
    at = text.index("    terms: [", text.index("\nquantities:\n")) + len("    terms: [")
    listed = "".join(f'"{t}", ' for t in terms)
    (data / "quantities.yaml").write_text(text[:at] + listed + text[at:], encoding="utf-8")
    return data


def test_terms_of_many_words_count_each_word_towards_the_cap(tmp_path: Path) -> None:
    """900 terms of 11 one-letter words passed a cap that counted terms (the project's 1,200
    and these were under 5,000): a term's pattern grows with its words, and 3,750 such terms
    took check-source 159 s and 556 MB to compile."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    terms = [" ".join(letters[(i + k) % 26] for k in range(10)) + f" {i}" for i in range(900)]
    data = _with_terms(tmp_path, terms)
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    result = run("--data", str(data), str(article))
    assert result.exit_code == 2 and "at most 5,000 words" in result.output, result.output


def test_a_term_with_several_wildcards_is_refused(tmp_path: Path) -> None:
    """26 wildcards in one term (`a* a* …`) took 25 s on one 28-letter word, half again for each
    letter more: check-source stops, as validate refuses it."""
    data = _with_terms(tmp_path, [" ".join(["a*"] * 26)])
    article = tmp_path / "a.txt"
    article.write_text("DeepSeek-R1 has 671B parameters. " + "a" * 28 + "\n", encoding="utf-8")
    result = run("--data", str(data), str(article))
    assert result.exit_code == 2 and "more than 1 `*`" in result.output, result.output


NOT_VOCABULARY = {"published_ids"}  # list[str] fields check-source does not compile


def test_every_word_list_of_the_data_counts_towards_the_vocabulary_cap(kb: KnowledgeBase) -> None:
    """vocabulary_size lists what check-source compiles, by hand: a word list added to a
    quantity, unit, model or the knowledge base must be counted (or named here as not
    compiled), as qualifiers were not."""
    import dataclasses
    from dataclasses import replace

    from r1kb.kb import Model, Quantity, Unit
    from r1kb.vocabulary_size import vocabulary_too_large

    flood = [f"flood {i}" for i in range(3_000)]
    for cls, table in ((Quantity, "quantities"), (Unit, "units"), (Model, "models")):
        for f in dataclasses.fields(cls):
            if f.type == "list[str]":
                first_id, first = next(iter(getattr(kb, table).items()))
                flooded = {**getattr(kb, table), first_id: replace(first, **{f.name: flood})}
                grown = replace(kb, **{table: flooded})
                assert vocabulary_too_large(grown), f"{cls.__name__}.{f.name} is not counted"
    for f in dataclasses.fields(type(kb)):
        if f.type == "list[str]" and f.name not in NOT_VOCABULARY:
            assert vocabulary_too_large(replace(kb, **{f.name: flood})), f"{f.name} is not counted"


# --- a cell, a heading or a header of a page's length (found 2026-12-01: a 20 KB cell of
# figures took 57 s, each figure reading the whole cell) ----------------------------------
PAGE_CELL = "| Model | Params |\n|---|---|\n| DeepSeek-R1 | " + "671B R1 " * 2500 + "|\n"
PAGE_HEADING = "# " + "R1 distilled 7B " * 1250 + "\n\nSome text here.\n"


@pytest.mark.parametrize("text", [PAGE_CELL, PAGE_HEADING], ids=["cell", "heading"])
def test_a_cell_or_heading_of_a_page_s_length_is_read_in_pieces(
    kb: KnowledgeBase, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each figure reads the piece of at most MAX_SENTENCE characters it stands in, as a
    figure of a run-on sentence does, not the whole cell or heading."""
    from r1kb.checksource.attribution import readings, walk
    from r1kb.checksource.document.document import MAX_SENTENCE

    read_spans: list[int] = []
    plain, plain_cell = walk.parse_sentence, readings.Reader._cell_sentence

    def parse(text: str, start: int, end: int) -> Any:
        read_spans.append(end - start)
        return plain(text, start, end)

    def cell_sentence(self: readings.Reader, cell: Any) -> Any:
        read_spans.append(cell.end - cell.start)
        return plain_cell(self, cell)

    monkeypatch.setattr(walk, "parse_sentence", parse)  # a heading's pieces
    monkeypatch.setattr(readings.Reader, "_cell_sentence", cell_sentence)  # a cell's
    report = check_text(text, kb, name="t.md")
    assert len(report.figures) > 1000
    assert read_spans and max(read_spans) <= MAX_SENTENCE


def test_a_header_of_a_page_s_length_is_read_once_for_its_figures(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table's headers are looked up once for all their figures, however long (a header
    over 300 characters was read again for each figure of its column or row)."""
    from r1kb.checksource.attribution import cells

    header = "lorem " * 200
    text = f"| Model | {header}|\n|---|---|\n" + "| R1 | 671B |\n" * 200
    asked: list[str] = []
    plain = cells.terms_of

    def terms_of(terms: Any, words: str) -> Any:
        asked.append(words)
        return plain(terms, words)

    monkeypatch.setattr(cells, "terms_of", terms_of)
    check_text(text, kb, name="t.md")
    assert 0 < asked.count(header.strip()) + asked.count(header) <= 2


def test_a_heading_of_a_page_s_length_is_named_short_in_each_locator(kb: KnowledgeBase) -> None:
    """Every figure of a section names its heading in its locator: a heading of a page's
    length was copied into each (471 MB for 10,000 figures); it is cut, and says so."""
    report = check_text(PAGE_HEADING + "It has 671B parameters.\n", kb, name="t.md")
    assert len(report.figures) > 1000
    assert all(len(f.locator) < 300 for f in report.figures)
    assert any("…'" in f.locator for f in report.figures)


def test_a_heading_of_terms_its_figures_do_not_fit_is_scanned_once(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term of no quantity a figure fits is passed over without a reading, and a figure's
    item is read off its clause's terms: in a heading of a hundred such terms a piece, each
    figure scanned 25 terms of its own and read 74 (250 µs a figure)."""
    from r1kb.checksource.attribution import quantity
    from r1kb.checksource.lexicon.vocabulary import TermSet

    counts = {"found": 0, "read": 0}
    plain_hits, plain_reading = TermSet.hits_at, quantity.QuantityReader.term_reading

    def hits_at(self: TermSet, *args: Any, **kwargs: Any) -> Any:
        for hit in plain_hits(self, *args, **kwargs):
            counts["found"] += 1
            yield hit

    def term_reading(self: Any, *args: Any) -> Any:
        counts["read"] += 1
        return plain_reading(self, *args)

    monkeypatch.setattr(TermSet, "hits_at", hits_at)
    monkeypatch.setattr(quantity.QuantityReader, "term_reading", term_reading)
    figures = check_text(PAGE_HEADING, kb, name="t.md").figures
    assert len(figures) > 1000
    assert counts["found"] <= 4 * len(figures), counts
    assert counts["read"] <= len(figures), counts


def test_the_scopes_of_money_figures_in_a_row_are_read_off_their_clause(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure's scope that ends where a word starts right after a character no term ends
    with ("$|5") is read off its clause's terms: in a page of "$5 " each figure scanned its
    own 200-400 characters for terms (`places`, 45 µs a figure)."""
    from r1kb.checksource.lexicon.vocabulary import TermSet

    scans: list[int] = []
    plain = TermSet.hits

    def hits(self: TermSet, text: str, start: int = 0, end: int | None = None, *a: Any) -> Any:
        scans.append((len(text) if end is None else end) - start)
        return plain(self, text, start, end, *a)

    monkeypatch.setattr(TermSet, "hits", hits)
    figures = check_text("DeepSeek-V3 " + "$5 " * 3000, kb).figures
    assert len(figures) > 2000
    assert len(scans) <= 20, len(scans)  # one a clause (was 2,472)


def test_the_names_in_a_cell_of_a_page_s_length_are_found_once(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell figure's own words after it are read for a model name among the names found in
    the whole document, not by a search of their own: in a cell of a page's length each
    figure searched up to 1,200 characters for names (1.6 ms a search)."""
    from r1kb.checksource.attribution import cells

    searched: list[int] = []
    plain = cells.find_mentions

    def find_mentions(text: str, kb: KnowledgeBase) -> Any:
        searched.append(len(text))
        return plain(text, kb)

    monkeypatch.setattr(cells, "find_mentions", find_mentions)
    figures = check_text(PAGE_CELL, kb, name="t.md").figures
    assert len(figures) > 1000
    assert len(searched) <= 4 and max(searched, default=0) < 100, searched


def test_names_an_unknown_variant_takes_the_place_of_leave_in_one_pass(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every "V3-R1" of a page takes the place of the "R1" found inside it first; the names
    so dropped leave the list once, at the end (dropped one by one, the list read again each
    time, 80 KB took 4.5 s)."""
    from r1kb.checksource.candidates import mentions

    reads = [0]

    class Counted(mentions.Mention):
        def __getattribute__(self, name: str) -> Any:
            if name in ("start", "end"):
                reads[0] += 1
            return object.__getattribute__(self, name)

    monkeypatch.setattr(mentions, "Mention", Counted)
    found = mentions.find_mentions("for V3-R1 " * 2000, kb)
    assert [m.kind for m in found] == ["other"] * 2000
    assert reads[0] <= 10 * 2000, reads  # each name read a few times, not once per name

"""A disclosed figure is stated in a primary quote: the notations the quote reader knows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REAL_DATA
from r1kb.checksource.candidates.figure_scan import find_figures
from r1kb.checksource.candidates.quoted import stated_numbers
from r1kb.validate import validate


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("it attains an impressive score of 97.3%", 97.3),
        ("at a cost of $294K", 294_000),
        ("trained on 2048 H800 GPUs", 2048),
        ("a learning rate of 6 × 10−6 and for a single epoch", 6e-6),  # a PDF's lost superscript
        ("decreasing to 5 × 10-6.", 5e-6),
        ("a learning rate of 3e-6", 3e-6),
        ("we employed 64*8 H800 GPUs", 512),
        ("the same 64 *8 H800 GPUs", 512),
        ("deepseek-reasoner64K32K8K$0.14$0.55$2.19 (6)", 32_000),  # a flattened table row
        ("| Tau-Bench (Pass@1) | - | 53.5(Airline)/63.9(Retail)", 63.9),
        ("the MoE part uses EP320.", 320),
        ("six dense models (1.5B, 7B, 8B, 14B, 32B, 70B)", 6),
        ("for a single epoch over the training dataset", 1),
        ("This design theoretically doubles the computational speed", 2),
        ("we did not experience any irrecoverable loss spikes", 0),
        ("we collect thousands of cold-start data", 1000),
        ("completed in less than two months", 2),
    ],
)
def test_a_quote_states_its_figure_in_any_notation(quote: str, value: float) -> None:
    assert any(abs(x - value) <= 1e-9 * abs(value) for x in stated_numbers(quote)), stated_numbers(
        quote
    )


@pytest.mark.parametrize("quote", ["a 1e999 figure", "10^400 tokens", "1" + "0" * 400])
def test_huge_numbers_are_never_stated_values(quote: str) -> None:
    assert stated_numbers(quote) == [] or max(stated_numbers(quote)) <= 1e30


def test_check_source_reads_a_power_of_ten_that_lost_its_superscript() -> None:
    text = "The RL learning rate was 3 × 10−6 for DeepSeek-R1."
    values = [f.low for f in find_figures(text, [])]
    assert 3 not in values and 10 not in values


def test_the_issue_s_draft_of_a_wrong_score_no_longer_validates(tmp_path: Path) -> None:
    """Issue 10 §6: a draft "MATH-500 90.0, disclosed, accurate" citing the paper's "97.3" (no
    scope, as drafts leave it) validated clean."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    (data / "claims" / "article-r1-math-500.yaml").write_text(
        "# yaml-language-server: $schema=../schema/claim.schema.json\n"
        "subject: deepseek-r1\nquantity: math-500\nvalue: 90.0\nunit: percent\n"
        "statement: DeepSeek-R1 scores 90.0 on MATH-500.\nstatus: disclosed\nverdict: accurate\n"
        "sources:\n  - source: deepseek-r1-paper-v1\n    role: supports\n"
        "    locator: p. 4\n    quote: On MATH-500, it attains an impressive score of 97.3%\n",
        encoding="utf-8",
    )
    report = validate(data, [])
    found = {(Path(p.file).stem, p.code) for p in report.errors}
    assert found == {
        ("article-r1-math-500", "unscoped-claim-disagrees"),
        ("article-r1-math-500", "disclosed-figure-not-quoted"),
    }
    fix = next(p for p in report.errors if p.code == "disclosed-figure-not-quoted")
    assert "90 percent" in fix.message and "quote" in fix.hint and "change the status" in fix.hint

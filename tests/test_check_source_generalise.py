"""Layouts and phrasings seen in no labelled article, written for these tests: each failed before
the rule it guards (whitespace between HTML rows, "behind" in a headline, a spec list's header
naming a quantity with no record, a stated range after a sentence naming two models)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from r1kb.checksource.attribution.cells import header_scale
from r1kb.checksource.candidates.mentions import find_mentions
from r1kb.checksource.pipeline import check_text
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

_KB = load(ROOT / "data").kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return _KB


def _found(kb: KnowledgeBase, text: str, fmt: str | None = None) -> dict[str, tuple[str, str]]:
    return {f.text: (f.model, f.outcome) for f in check_text(text, kb, fmt=fmt).figures}


HTML_TABLE = """<html><body><h1>DeepSeek-R1 against o1</h1>
<table>
  <tr><th>Benchmark</th><th>DeepSeek-R1</th><th>OpenAI o1</th></tr>
  <tr><td>AIME 2024 (pass@1)</td><td>79.8%</td><td>79.2%</td></tr>
  <tr><td>Codeforces rating</td><td>2029</td><td>2061</td></tr>
</table></body></html>
"""


def test_an_html_table_laid_out_on_several_lines_is_read_by_column(kb: KnowledgeBase) -> None:
    found = _found(kb, HTML_TABLE, "html")
    assert found == {
        "79.8%": ("deepseek-r1", "agrees"),
        "2029": ("deepseek-r1", "agrees"),
    }  # the o1 column is about a model outside the family: not reported


@pytest.mark.parametrize(
    "headline", ["The numbers behind DeepSeek V3", "Five numbers behind DeepSeek V3"]
)
def test_behind_in_a_headline_is_not_a_comparison(kb: KnowledgeBase, headline: str) -> None:
    text = (
        f"# {headline}\n\n* **Training data:** 14.8T tokens\n* **Compute:** 2.788M H800 GPU hours\n"
    )
    found = _found(kb, text, "markdown")
    assert found == {
        "14.8T tokens": ("deepseek-v3", "agrees"),
        "2.788M H800 GPU hours": ("deepseek-v3", "agrees"),
    }
    # a model another is ranked behind is still named for comparison
    for text, comparative in (
        ("Gemini lags behind DeepSeek-V3 on math.", True),
        ("The team behind DeepSeek-V3 is small.", False),
    ):
        (v3,) = [m for m in find_mentions(text, kb) if m.ref == "deepseek-v3"]
        assert v3.comparative is comparative, text


def test_a_spec_list_header_names_the_quantity_even_without_a_record(kb: KnowledgeBase) -> None:
    """A header is the article's own word for the quantity: with no record of it for the model
    the figure is new, never re-read as another quantity of the unit that happens to agree (a
    distilled model's "Context length | 32K" is not its 32,768-token evaluation cap)."""
    found = _found(kb, "# DeepSeek V3 at a glance\n\n* **Cluster:** 2,048 H800s\n", "markdown")
    assert found == {"2,048 H800s": ("deepseek-v3", "new")}
    table = (
        "# Distilled models\n\n| Model | Context length |\n|---|---|\n"
        "| DeepSeek-R1-Distill-Qwen-7B | 32K |\n"
    )
    figures = check_text(table, kb, fmt="markdown").figures
    assert [(f.quantity, f.outcome) for f in figures] == [("context-length", "new")]


def test_a_benchmark_header_never_borrows_another_benchmarks_score(kb: KnowledgeBase) -> None:
    """R1's MMLU-Redux is 92.6; a 92.6 under a HumanEval header is not MMLU-Redux."""
    text = "# DeepSeek-R1\n\n| Benchmark | DeepSeek-R1 |\n|---|---|\n| HumanEval | 92.6% |\n"
    figures = check_text(text, kb, fmt="markdown").figures
    assert all(f.quantity != "mmlu-redux" for f in figures)


def test_a_stated_range_goes_to_the_nearby_model_that_owns_it(kb: KnowledgeBase) -> None:
    text = (
        "The R1 reasoning model came out in January 2025, a month after V3.\n"
        "Its distilled versions range from 1.5B to 70B parameters.\n"
    )
    found = _found(kb, text)
    assert found["1.5B to 70B parameters"] == ("deepseek-r1", "agrees")


def test_a_parenthetical_figure_keeps_its_own_words(kb: KnowledgeBase) -> None:
    html = (
        "<html><body><h1>DeepSeek-V3</h1><dl>\n<dt>Parameters</dt>\n"
        "<dd>671 B (37 B active)</dd>\n</dl></body></html>\n"
    )
    figures = check_text(html, kb, fmt="html").figures
    assert {f.text: (f.quantity, f.outcome) for f in figures} == {
        "671 B": ("total-parameters", "agrees"),
        "37 B": ("activated-parameters", "agrees"),
    }


def test_a_spec_line_for_the_evaluation_output_cap(kb: KnowledgeBase) -> None:
    found = check_text("DeepSeek-R1 quick facts\nMax output: 32k tokens\n", kb).figures
    assert [(f.model, f.quantity, f.outcome) for f in found] == [
        ("deepseek-r1", "eval-max-generation-length", "agrees")
    ]


@pytest.mark.parametrize(
    ("sentence", "span", "quantity"),
    [
        # a chip's plural is the chip: its maker's name is no outside subject
        ("DeepSeek-V3 was trained on 2048 Nvidia H800s for roughly 57 days.", "roughly 57 days",
         "training-duration"),
        # news-wire abbreviations of magnitudes
        ("DeepSeek-V3 has 671 bln parameters.", "671 bln parameters", "total-parameters"),
        ("DeepSeek-V3 cost US$5.58mn to train.", "US$5.58mn", "training-cost"),
    ],
)  # fmt: skip
def test_notations_seen_in_no_labelled_article(
    kb: KnowledgeBase, sentence: str, span: str, quantity: str
) -> None:
    found = {f.text: (f.quantity, f.outcome) for f in check_text(sentence + "\n", kb).figures}
    assert found[span] == (quantity, "agrees")


def test_a_contrast_without_a_comma_and_a_count_per_token(kb: KnowledgeBase) -> None:
    """'but' splits the clauses even without a comma; 'for each token' is what the figure is
    counted per, not its unit; 'only' may stand between a term and its figure."""
    text = "DeepSeek-R1 has 671 billion parameters but activates only 37 billion for each token.\n"
    found = {f.text: (f.quantity, f.outcome) for f in check_text(text, kb).figures}
    assert found == {
        "671 billion parameters": ("total-parameters", "agrees"),
        "37 billion": ("activated-parameters", "agrees"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an enumeration: each figure's item names its quantity
        ("DeepSeek-V3: pre-training took 2,664K GPU hours, context extension 119K and "
         "post-training 5K, for a total of 2,788K H800 GPU hours.\n",
         {"2,664K GPU hours": "pretraining-gpu-hours",
          "2,788K H800 GPU hours": "training-gpu-hours"}),
        # a pace per trillion tokens
        ("For DeepSeek-V3, each trillion tokens took 180K H800 GPU hours, or 3.7 days on the "
         "2048-GPU cluster.\n",
         {"180K H800 GPU hours": "gpu-hours-per-trillion-tokens",
          "3.7 days": "pretraining-days-per-trillion-tokens"}),
    ],
)  # fmt: skip
def test_figures_of_one_sentence_get_their_own_quantities(
    kb: KnowledgeBase, text: str, expected: dict[str, str]
) -> None:
    found = {f.text: (f.quantity, f.outcome) for f in check_text(text, kb).figures}
    assert {k: found.get(k) for k in expected} == {k: (q, "agrees") for k, q in expected.items()}


def test_a_vocabulary_counted_in_tokens(kb: KnowledgeBase) -> None:
    (fig,) = check_text("DeepSeek-V3 has a vocabulary of 129,280 tokens.\n", kb).figures
    assert (fig.quantity, fig.outcome) == ("vocabulary-size", "agrees")


def test_a_change_from_one_figure_to_another_is_two_figures(kb: KnowledgeBase) -> None:
    text = "DeepSeek-R1-0528's accuracy on AIME 2025 rose from 70% to 87.5%.\n"
    found = {f.text: (f.value, f.outcome) for f in check_text(text, kb).figures}
    assert found["87.5%"] == (87.5, "agrees")
    # the figure before the change is the earlier model's, and says so
    assert found["70%"] == (70, "misattributed")


def test_figures_joined_before_a_name_are_that_models(kb: KnowledgeBase) -> None:
    text = (
        "DeepSeek's API charges $0.55 per million input tokens and $2.19 per million output "
        "tokens for R1, compared with $15 and $60 for OpenAI's o1.\n"
    )
    found = {f.text: (f.quantity, f.outcome) for f in check_text(text, kb).figures}
    assert set(found) == {"$0.55 per million input tokens", "$2.19 per million output tokens"}


def test_html_superscripts_are_footnote_marks_or_powers(kb: KnowledgeBase) -> None:
    html = (
        "<html><body><h1>DeepSeek R1</h1><p>It scored 97.3%<sup>1</sup> on MATH-500 and "
        "79.8%<sup>2</sup> on AIME&nbsp;2024.</p>"
        "<p>DeepSeek-V3-Base took 3.3 &times; 10<sup>24</sup> FLOP to pre-train.</p>"
        "</body></html>\n"
    )
    found = {f.text: (f.quantity, f.outcome) for f in check_text(html, kb, fmt="html").figures}
    assert found["97.3%"] == ("math-500", "agrees")
    assert found["79.8%"] == ("aime-2024", "agrees")
    assert len(found) == 3 and any(q == "training-compute" for q, _ in found.values())


def test_parentheses_right_after_a_figure_name_whose_it_is(kb: KnowledgeBase) -> None:
    text = "DeepSeek-R1 cost about $5.6M (for DeepSeek-V3) to train.\n"
    (fig,) = check_text(text, kb).figures
    assert (fig.model, fig.outcome) == ("deepseek-v3", "agrees")
    spec = "# DeepSeek R1 specs\n\n* **Training cost:** ~$5.6M (DeepSeek-V3)\n"
    (cell,) = check_text(spec, kb, fmt="markdown").figures
    assert (cell.model, cell.outcome) == ("deepseek-v3", "agrees")
    # a comparison in the parentheses names nobody's figure
    compared = "DeepSeek has up to 50 000 A100-class GPUs (compared to OpenAI's 25 000 A100s).\n"
    assert all(f.model == "deepseek" for f in check_text(compared, kb).figures)


NAME_PIECES = [
    "V3", "R1", "-", "DeepSeek", " ", "DeepSeek-R1", "Zero", "-Base", "o1", "Llama", "-style",
    "Qwen", "7B", "H800", "s", "Nvidia ", "MMLU", "AIME 2024", "(", ")", ", ", "like ", "x",
    "Open", "MAI-DS-", "1776",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=14).map("".join))
@example("for V3-R1")
def test_names_found_never_overlap(text: str) -> None:
    """An unknown variant ("V3-R1", read outside the family) takes the place of a name found
    inside it before it ("R1"); the two overlapped, and the figure near them could be read as
    R1's."""
    found = find_mentions(text, _KB)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for a, b in pairwise(found):
        assert a.end <= b.start, (text, a, b)


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("It beats V3-R1 on AIME.", "V3-R1"),
        ("It beats V3-R1-Zero on AIME.", "V3-R1-Zero"),  # a name inside runs on past it
        ("DeepSeek-V3-R1 1.5B has 2B.", "DeepSeek-V3-R1 1.5B"),
        # a family name glued onto another word by a hyphen is part of another name
        ("o1-R1 has 2B.", "o1-R1"),
        ("Qwen-R1 has 2B.", "Qwen-R1"),
        ("Llama-R1-Zero checkpoints", "Llama-R1-Zero"),
        # a longer outside name of the data that holds a family name: R1's reproductions
        # and derivatives
        ("Hugging Face's Open-R1 used 8 GPUs.", "Open-R1"),
        ("MAI-DS-R1 has 671B parameters.", "MAI-DS-R1"),
        ("R1-1776 has 671B parameters.", "R1-1776"),
        ("GPT-4o-R1-Zero has 2B.", "GPT-4o-R1-Zero"),
        # models articles name beside R1, not in its family (data/models.yaml `outside`)
        ("DeepSeek R2 will have 1.2 trillion parameters, with 78 billion active.", "DeepSeek R2"),
        ("Janus-Pro-7B was trained on 256 A100 GPUs.", "Janus-Pro-7B"),
        ("Sky-T1 was trained for $450.", "Sky-T1"),
    ],
)
def test_an_unknown_variant_is_not_also_the_family_model_inside_it(
    kb: KnowledgeBase, text: str, variant: str
) -> None:
    """An unknown variant is read whole as a model outside the family; no family name inside
    it or running on from inside it is kept (the figures near it would be read as R1's or
    R1-Zero's)."""
    names = [(m.kind, text[m.start : m.end]) for m in find_mentions(text, kb)]
    assert ("other", variant) in names
    assert all(kind != "model" for kind, _ in names), names
    assert check_text(text, kb).figures == []  # not the family's figures


@pytest.mark.parametrize(
    "text",
    ["DeepSeek-R1 and R1-Zero", "deepseek-ai/DeepSeek-R1", "DeepSeek-R1-Distill-Llama-70B"],
)
def test_a_family_name_not_glued_onto_another_is_the_family_s(kb: KnowledgeBase, text: str) -> None:
    assert all(m.kind != "other" for m in find_mentions(text, kb))


@pytest.mark.parametrize(
    ("cell", "figure"),
    [
        ("$5.6M (vs. DeepSeek-V3-R1)", ("$5.6M", "training-cost")),
        ("2,048 H800 GPUs from Nvidia", ("2,048 H800 GPUs", "gpu-count")),
        ("$5.6M (per an OpenAI estimate)", ("$5.6M", "training-cost")),
    ],
)
def test_a_name_outside_the_family_after_a_cell_figure_leaves_it_the_row_s(
    kb: KnowledgeBase, cell: str, figure: tuple[str, str]
) -> None:
    """Only a family model named after a cell's figure takes it from its row; a model
    compared with, a vendor or a company after it does not (a review found these dropped
    when the first name after a figure decided)."""
    text = f"| Model | What |\n|---|---|\n| DeepSeek-V3 | {cell} |\n"
    found = {(f.text, f.quantity): (f.model, f.outcome) for f in _figures(kb, text)}
    assert found[figure] == ("deepseek-v3", "agrees"), found


def test_an_unknown_variant_after_a_comparison_cue_is_a_comparison(kb: KnowledgeBase) -> None:
    for text in ("It is cheaper, unlike V3-R1.", "V3-R1-like models"):
        (variant,) = find_mentions(text, kb)
        assert variant.kind == "other" and variant.comparative, text


def _figures(kb: KnowledgeBase, text: str) -> list[Any]:
    return check_text(text, kb, name="t.md", fmt="markdown").figures


SCALED_TABLE = """# DeepSeek-R1 facts

| Model | Params (B) | Active (B) | Context (K) |
|---|---|---|---|
| DeepSeek-R1 | 671 | 37 | 128 |

| Model | Training cost ($M) | GPU hours (M) | Tokens (T) |
|---|---|---|---|
| DeepSeek-V3 | 5.576 | 2.788 | 14.8 |

| Model | Total parameters (billions) | AIME 2024 (%) |
|---|---|---|
| DeepSeek-R1 | 671B | 79.8 |

| Metric | DeepSeek-R1 |
|---|---|
| Total parameters [B] | 671 |
| Pre-training tokens (×10^12) | 14.8 |
"""


def test_a_header_s_scale_is_applied_to_the_bare_numbers_under_it(kb: KnowledgeBase) -> None:
    """A cell `671` under "Params (B)" was read as 671 parameters and reported as conflicting."""
    found = {(f.line, f.text): (f.value, f.outcome) for f in _figures(kb, SCALED_TABLE)}
    assert found == {
        (5, "671"): (671e9, "agrees"),
        (5, "37"): (37e9, "agrees"),
        (5, "128"): (128e3, "agrees"),
        (9, "5.576"): (5.576e6, "agrees"),
        (9, "2.788"): (2.788e6, "agrees"),
        (9, "14.8"): (pytest.approx(14.8e12), "agrees"),
        (13, "671B"): (671e9, "agrees"),  # its own magnitude: not scaled again
        (13, "79.8"): (79.8, "agrees"),
        (17, "671"): (671e9, "agrees"),  # a row header's scale
        (18, "14.8"): (pytest.approx(14.8e12), "agrees"),
    }


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("Params (B)", 1e9),
        ("Cost ($M)", 1e6),
        ("Cost (USD millions)", 1e6),
        ("GPU hours (in Millions)", 1e6),
        ("Tokens [T]", 1e12),
        ("Params (×10^9)", 1e9),
        ("Context (K tokens)", 1e3),
        ("AIME 2024 (%)", None),
        ("Release (2025)", None),
        ("Params", None),
        ("Params (B) / Cost ($M)", None),  # two scales: whose is whose is not known
        ("Model (Base)", None),
    ],
)
def test_a_header_s_scale_is_read_from_its_parentheses(header: str, scale: float | None) -> None:
    assert header_scale(header) == scale


GROUPED_TABLE = """# DeepSeek-R1 results

| Category | Benchmark (Metric) | # Shots | OpenAI o1-1217 | DeepSeek R1 |
|---|---|---|---|---|
| | # Activated Params | - | - | 37B |
| English | MMLU (Pass@1) | 5-shot | 91.8 | 90.8 |
| | ArenaHard (GPT-4-1106) | - | - | 92.3 |
| Code | Codeforces (Percentile) | - | 96.6 | 96.3 |
| | Codeforces (Rating) | - | 2061 | 2029 |
| | SWE Verified (Resolved) | - | 48.9 | 49.2 |
| Math | AIME 2024 (Pass@1) | - | 79.2 | 79.8 |
| | MATH-500 (Pass@1) | - | 96.4 | 97.3 |
"""


def test_a_table_grouped_by_a_first_column_is_read_by_its_second(kb: KnowledgeBase) -> None:
    """A first column that groups the rows, left empty under each group's first row (as in
    DeepSeek's README): the figures were read under the empty cell or the group's name ("Math":
    AIME 2024 read as MATH-500), a judge named in a row ("GPT-4-1106") took the row from the
    model of its column, "(Percentile)" was not read with "Codeforces", "5-shot" was a
    figure."""
    found = {(f.line, f.text): (f.quantity, f.outcome) for f in _figures(kb, GROUPED_TABLE)}
    assert found == {
        (5, "37B"): ("activated-parameters", "agrees"),
        (6, "90.8"): ("mmlu", "agrees"),
        (7, "92.3"): ("arena-hard", "agrees"),
        (8, "96.3"): ("codeforces-percentile", "agrees"),
        (9, "2029"): ("codeforces-rating", "agrees"),
        (10, "49.2"): ("swe-bench-verified", "agrees"),
        (11, "79.8"): ("aime-2024", "agrees"),
        (12, "97.3"): ("math-500", "agrees"),
    }


PRICE_TABLES = """# DeepSeek-R1 API

| Model | Input (per 1M tokens) | Output (per 1M tokens) |
|---|---|---|
| DeepSeek-R1 | $0.55 | $2.19 |

| Model | Price per million input tokens | Price per million output tokens |
|---|---|---|
| DeepSeek-R1 | $0.55 | $2.19 |

| Model | Training cost |
|---|---|
| DeepSeek-V3 | $5.576M |
"""


def test_a_money_cell_takes_the_rate_its_header_writes(kb: KnowledgeBase) -> None:
    """A header's "per 1M tokens" was not read: `$0.55` and `$2.19` were training costs,
    conflicting."""
    found = [(f.text, f.quantity, f.outcome) for f in _figures(kb, PRICE_TABLES)]
    assert found == [
        ("$0.55", "api-input-price", "agrees"),
        ("$2.19", "api-output-price", "agrees"),
        ("$0.55", "api-input-price", "agrees"),
        ("$2.19", "api-output-price", "agrees"),
        ("$5.576M", "training-cost", "agrees"),
    ]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # a possessive right before a figure owns it, whatever compares it
        ("DeepSeek-R1 scored 79.8% on AIME 2024, ahead of o1's 79.2%.", [("79.8%", "agrees")]),
        ("Compared with GPT-4o's 9.3% on AIME 2024, R1's result is striking.", []),
        (
            "DeepSeek-V3 has 671B parameters, more than Llama 3.1 405B's 405B.",
            [("671B parameters", "agrees")],
        ),
        # a name in an apposition to the name before it is not the figure's subject
        ("Sky-T1, a reproduction of DeepSeek-R1, was trained for $450.", []),
        ("Kimi k1.5, a rival to DeepSeek-R1, scores 77.5% on AIME 2024.", []),
        (
            "DeepSeek-V3, the model R1 is built on, was trained for $5.6 million.",
            [("$5.6 million", "agrees")],
        ),
        (
            "DeepSeek's V3 model, which R1 is based on, cost $5.6 million.",
            [("$5.6 million", "agrees")],
        ),
        ("The cost of DeepSeek-R1, a reasoning model, was $294K for RL.", [("$294K", "agrees")]),
    ],
)
def test_a_possessive_or_an_apposition_decides_whose_a_figure_is(
    kb: KnowledgeBase, sentence: str, found: list[tuple[str, str]]
) -> None:
    """Each figure of an outside model here went to R1 (conflicting), and V3's $5.6M went to R1
    as the known misconception."""
    figures = check_text(f"# Test\n\n{sentence}\n", kb, name="t.md", fmt="markdown").figures
    assert [(f.text, f.outcome) for f in figures] == found


@pytest.mark.parametrize(
    "sentence",
    [
        "DeepSeek plans to raise $10 billion.",
        "High-Flyer manages about $8 billion in assets.",
        "The R1 launch wiped $1 trillion off US tech stocks.",
        "DeepSeek was valued at $3.4 billion after R1.",
    ],
)
def test_money_that_is_no_cost_is_no_training_cost(kb: KnowledgeBase, sentence: str) -> None:
    """A sum with no term near it was read as the training cost (the default for USD) and
    reported as conflicting, whatever money it was."""
    assert check_text(f"# DeepSeek-R1\n\n{sentence}\n", kb, name="t.md").figures == []
    (f,) = check_text("# DeepSeek-R1\n\nDeepSeek-R1 cost $294,000 to train.\n", kb).figures
    assert (f.quantity, f.outcome) == ("training-cost", "agrees")


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        (
            "Via the deepseek-reasoner endpoint, DeepSeek-R1 supports 64K tokens of context.",
            "api-context-length",
        ),
        (
            "The deepseek-reasoner endpoint gives DeepSeek-R1 a 64K context window.",
            "api-context-length",
        ),
        # "API" alone in the clause does not make the model's own context the API's
        (
            "DeepSeek-R1, available through DeepSeek's API, supports a 128K context window.",
            "context-length",
        ),
        ("DeepSeek-R1 has a context length of 128K tokens.", "context-length"),
    ],
)
def test_a_qualifier_near_any_figure_narrows_its_quantity(
    kb: KnowledgeBase, sentence: str, quantity: str
) -> None:
    """Qualifiers (data: `qualifiers`, `refines`) narrowed benchmark scores only: the API's 64K
    context was read as the model's context length, conflicting with 128K. (A qualifier "API"
    was tried and taken back: beside the model's own 128K it made that the API's.)"""
    (f,) = check_text(f"# R1\n\n{sentence}\n", kb, name="t.md").figures
    assert (f.quantity, f.outcome) == (quantity, "agrees")


PAPER = """DeepSeek-V3 Technical Report

1 Introduction

DeepSeek-V3 builds on earlier work (Liu et al., 2023b; Dai et al., 2024b) and has 37B
activated parameters.

4.3 Long Context

DeepSeek-V3 was trained on 14.8T tokens.
                                                                  9
\x0cTarget Tokens

References

A. Author, B. Author, and C. Author. A paper on routing, 2024a. URL
  https://example.org/a.
D. Dua, Y. Wang, and M. Gardner. DROP: A reading comprehension benchmark. In Proceedings of
  NAACL-HLT 2019, Minneapolis, MN, USA, June 2-7, 2019, pages 2368-2378.

Appendix

A Contributions and Acknowledgments

DeepSeek-V3 has 61 layers.
"""


def test_a_paper_s_citations_section_numbers_and_references_are_no_figures(
    kb: KnowledgeBase,
) -> None:
    """In DeepSeek's own report: "2023b" (a cited year) was 2.023T parameters, "4.3 Long
    Context" (a section) a context of 4.3 tokens, a page's number before its page break a
    figure, and the references' dates, volumes and pages figures; all conflicting."""
    found = [(f.text, f.quantity, f.outcome) for f in check_text(PAPER, kb, name="p.txt").figures]
    assert found == [
        ("37B\nactivated parameters", "activated-parameters", "agrees"),
        ("14.8T tokens", "pretraining-tokens", "agrees"),
        ("61 layers", "layers", "agrees"),  # after the references, the appendix is read
    ]


def test_a_pace_per_trillion_tokens_reaches_past_i_e_and_a_line_break(kb: KnowledgeBase) -> None:
    """DeepSeek's own sentence: "3.7 days" was read as the training's duration, conflicting."""
    text = (
        "Training DeepSeek-V3 on each trillion tokens requires only 180K\n"
        "H800 GPU hours, i.e., 3.7 days on our cluster with 2048 H800 GPUs.\n"
    )
    found = {f.text: f.quantity for f in check_text(text, kb, name="p.txt").figures}
    assert found["3.7 days"] == "pretraining-days-per-trillion-tokens"


def test_a_line_of_a_table_of_contents_is_no_figure(kb: KnowledgeBase) -> None:
    text = "DeepSeek-V3\n\n    4.3   Long Context Extension . . . . . . . . . .        23\n"
    assert check_text(text, kb, name="p.txt").figures == []


# Each text, and every figure reported in it (text, model, quantity, outcome). Each was read
# otherwise before; the comment says how.
READ_AS = {
    # "operating costs" names the company's operating cost, not the weekly rate (whose term
    # took it, so that "spent" made the sum R1's training cost, conflicting); the knowledge
    # base holds this estimate as unsupported
    "operating costs": (
        "DeepSeek-R1 rivals o1, yet the firm behind it spent $944 million on operating costs.",
        [("$944 million", "deepseek", "operating-cost", "known-misconception")],
    ),
    # a table run together: a figure glued onto a percent sign is the next cell's, whose model
    # is not known (o1's 79.2% conflicted as R1's AIME score)
    "a percent glued onto a percent": (
        "TestDeepSeek-R1OpenAI o1-1217Remarks\nAIME 2024: 79.8%79.2%R1 is a bit ahead.",
        [("79.8%", "deepseek-r1", "aime-2024", "agrees")],
    ),
    # what the company did before any of its models came out is no model's release (each
    # conflicted as R1's); two prices with a slash and no rate are no cost; a context length in
    # a "primary stage" is the training sequence length
    "the company's history, bare price pairs, stages": (
        "In May 2023, Liang announced that High-Flyer had launched DeepSeek.\n\n"
        "DeepSeek R1 Pricing 2026: $0.55/$2.19, 73% Cheaper than o3\n\n"
        "For DeepSeek-V3, in the primary stage, the maximum context length is prolonged to 32K.",
        [("32K", "deepseek-v3", "sequence-length", "agrees")],
    ),
    # a size in thousands after the context it is, in its clause ("the context window is first
    # stretched to 32K": each was lost); a first stage of it is the training sequence length;
    # "from 4K to 32K", a figure between, is left to the stages' own reading
    "a context length named before its size": (
        "DeepSeek-V3's context window is first stretched to 32K.\n\n"
        "DeepSeek-V3's context length was extended to 128K.\n\n"
        "DeepSeek-V3 expands the context window from 4K to 32K.",
        [
            ("32K", "deepseek-v3", "sequence-length", "agrees"),
            ("128K", "deepseek-v3", "context-length", "agrees"),
        ],
    ),
    # found by the final measurement: two models' cells glued onto a spec label are no value
    # (128 conflicted as a context length); a sum the company invested is its spending, no
    # model's training cost (it conflicted as R1's); GPUs a training "required" trained it (a
    # true conflict went unflagged as GPUs to run it); a multiple in a text
    # naming no model is not matched against any record of a ratio
    "what the final measurement found": (
        "AspectOpenAI o1DeepSeek R1Winner\nContext Window128K128KTie\n\n"
        "DeepSeek said its R1 model rivals o1. SemiAnalysis estimates the company has invested "
        "over $1 billion in servers.\n\n"
        "Training DeepSeek-R1 required 648 H800 GPUs.",
        [
            ("over $1 billion", "deepseek", "hardware-capex", "new"),
            ("648 H800 GPUs", "deepseek-r1", "gpu-count", "conflicts"),
        ],
    ),
    # two prices of one rate written with a slash: input, then output ($0.55 was a training
    # cost, conflicting, and $2.19 the denominator of a fraction)
    "an input and an output price with a slash": (
        "DeepSeek R1 costs $0.55/$2.19 per million tokens, while o3 costs $2/$8.",
        [
            ("$0.55", "deepseek-r1", "api-input-price", "agrees"),
            ("$2.19 per million tokens", "deepseek-r1", "api-output-price", "agrees"),
        ],
    ),
    # the words explainers use: self-consistency is the majority vote (86.7% conflicted as the
    # pass@1 score), building the SFT dataset is the data's GPU hours (R1-Zero's, new)
    "self-consistency and the SFT dataset": (
        "DeepSeek-R1-Zero reaches 71.0% pass@1 on AIME 2024, and 86.7% with "
        "self-consistency.\n\n"
        "For DeepSeek-R1, a further 5,000 GPU-hours went into building the SFT dataset.",
        [
            ("71.0%", "deepseek-r1-zero", "aime-2024", "agrees"),
            ("86.7%", "deepseek-r1-zero", "aime-2024-cons64", "agrees"),
            ("5,000 GPU-hours", "deepseek-r1", "sft-data-gpu-hours", "agrees"),
        ],
    ),
    # a list run into one line: its items' numbers are no figures ("2" was V3's routed experts)
    "a list run into one line": (
        "DeepSeek-V3 has 256 routed experts. Main ideas: 1. Bias-based load balancing across "
        "experts 2. A multi-token prediction objective 3. FP8 training.",
        [("256 routed experts", "deepseek-v3", "routed-experts", "agrees")],
    ),
    # a sentence led by a pronoun is about the model before it, not a model it compares with
    # after the figure; a model "with" a figure owns it (each was dropped)
    "a pronoun's subject, and a model with a figure": (
        "DeepSeek R1 arrived. It has 671B parameters and matched or exceeded GPT-4 on several "
        "benchmarks.\n\n"
        "QwQ-32B has 32 billion parameters, far fewer than DeepSeek-R1 with 671 billion "
        "parameters.",
        [
            ("671B parameters", "deepseek-r1", "total-parameters", "agrees"),
            ("671 billion parameters", "deepseek-r1", "total-parameters", "agrees"),
        ],
    ),
    # found by a second hunt on real pages: a price header's "(1M Tokens)" says what its
    # amounts are per ($0.55 was a training cost, and "1M Tokens" a count of tokens); a span of
    # time from another is no duration ("Twelve months later" conflicted as a training time);
    # reasoning traces and completions are samples (each was lost)
    "prices per a header's tokens, times later, traces": (
        "| Spec | GPT-4o | DeepSeek R1 |\n|---|---|---|\n"
        "| Input Cost (1M Tokens) | $2.50 | $0.55 |\n\n"
        "DeepSeek-R1 came out in January 2025. Twelve months later, it is still popular.\n\n"
        "Rejection sampling yielded 600k reasoning traces for DeepSeek-R1.",
        [
            ("$0.55", "deepseek-r1", "api-input-price", "agrees"),
            ("January 2025", "deepseek-r1", "release-date", "agrees"),
            ("600k reasoning traces", "deepseek-r1", "sft-samples", "agrees"),
        ],
    ),
    # a spec box flattened with no space between label and value (each figure was lost); a
    # header whose last word names a unit gives a bare number that unit ("14.8T" under
    # "Training tokens" was 14.8 trillion days), not one it is counted per or a compound's
    "a spec box run together": (
        "DeepSeek V3 model sheet\nTotal parameters671B\nActive parameters per token37B\n"
        "Layers61\nHidden dim7168\nContext window128k tokens\nTraining tokens14.8T\n"
        "Multi-Token Prediction Heads\n\n1",
        [
            ("671B", "deepseek-v3", "total-parameters", "agrees"),
            ("37B", "deepseek-v3", "activated-parameters", "agrees"),
            ("61", "deepseek-v3", "layers", "agrees"),
            ("7168", "deepseek-v3", "hidden-size", "agrees"),
            ("128k", "deepseek-v3", "context-length", "agrees"),
            ("14.8T", "deepseek-v3", "pretraining-tokens", "agrees"),
            ("1", "deepseek-v3", "mtp-depth", "agrees"),
        ],
    ),
    # a change "from X to Y" with its verb a few words before is two figures, not a range (the
    # range agreed with the new figure whatever the old); no benchmark's score is over 100%
    # (cells run together: "AIME 202479.8%" conflicted as 202,480%)
    "a change from one score to another": (
        "DeepSeek-R1-Zero lifts its AIME 2024 pass@1 from 15.6% to 71.0% during RL.\n\n"
        "DeepSeek-R1 | AIME 202479.8%",
        [
            ("15.6%", "deepseek-r1-zero", "aime-2024", "agrees"),
            ("71.0%", "deepseek-r1-zero", "aime-2024", "agrees"),
        ],
    ),
    # found by measuring the changes above on the real pages: a header's unit of memory, sizes
    # of a versions table, a size after a word in capitals, a parenthesis before a relative
    # clause, the parent firm's cluster (DeepSeek's), the reported figure a comparison is with,
    # a competitor's column
    "readings the measurement found": (
        "| Model | VRAM Requirement (GB) |\n|---|---|\n| DeepSeek-R1 671B | ~1,342 |\n\n"
        "DeepSeek-R1 models differ in size.\n"
        "| Model Version | Model Size |\n|---|---|\n| 7B | 4.7GB |\n\n"
        "DeepSeek R1 is big. But ALL 671B parameters must be loaded.\n\n"
        "DeepSeek released DeepSeek-R1-0528-Qwen3-8B (fine-tuned on Qwen3-8B Base), which "
        "reaches 86.0 on AIME 2024.\n\n"
        "Before the US export curbs, High-Flyer had acquired 10,000 Nvidia A100 GPUs.\n\n"
        "Analysts put DeepSeek-R1's true cost far above the initially reported $6 million.\n\n"
        "| Benchmark | DeepSeek-R1 Score | Best Competitor | Best Score |\n|---|---|---|---|\n"
        "| DROP | 92.2 | OpenAI o1-1217 | 90.2 |",
        [
            ("7B", "deepseek-r1-distill-qwen-7b", "total-parameters", "agrees"),
            ("671B parameters", "deepseek-r1", "total-parameters", "agrees"),
            ("86.0", "deepseek-r1-0528-qwen3-8b", "aime-2024", "agrees"),
            ("10,000 Nvidia A100 GPUs", "deepseek", "cluster-gpu-count", "agrees"),
            ("$6 million", "deepseek-r1", "training-cost", "known-misconception"),
            ("92.2", "deepseek-r1", "drop", "agrees"),
        ],
    ),
    # the company said to have used GPUs to build or train its model: the model's training
    # cluster, not the company's fleet (each was the fleet, new); the company named for its model
    # is the model the sentences before were about
    "the company's GPUs for its model": (
        "DeepSeek-V3 is a mixture-of-experts model. To build it, DeepSeek used 2,048 NVIDIA "
        "H800 GPUs.\n\n"
        "DeepSeek-R1 is cheap. The Hangzhou firm said the model was trained for $294,000 using "
        "512 Nvidia H800 chips.",
        [
            ("2,048 NVIDIA H800 GPUs", "deepseek-v3", "gpu-count", "agrees"),
            ("$294,000", "deepseek-r1", "training-cost", "agrees"),
            ("512 Nvidia H800 chips", "deepseek-r1", "gpu-count", "agrees"),
        ],
    ),
    # the other side of a comparison ("than the …", "below the …") is not the subject's figure
    # (each conflicted as R1's training cost); "less than $6 million" bounds the subject's own
    "the other side of a comparison": (
        "DeepSeek-R1 cost only $294,000 to train, far below the tens of millions of dollars "
        "the industry usually assumes.\n\n"
        "R1 was trained for $294,000, much less than the estimated $100 million needed to train "
        "OpenAI GPT-4.\n\n"
        "DeepSeek-R1 cost $294,000, less than the $5.6 million of DeepSeek-V3.\n\n"
        "DeepSeek-V3 cost $5.6 million, less than $6 million.",
        [
            ("$294,000", "deepseek-r1", "training-cost", "agrees"),
            ("$294,000", "deepseek-r1", "training-cost", "agrees"),
            ("$294,000", "deepseek-r1", "training-cost", "agrees"),
            ("$5.6 million", "deepseek-v3", "training-cost", "agrees"),
            ("$5.6 million", "deepseek-v3", "training-cost", "agrees"),
            ("less than $6 million", "deepseek-v3", "training-cost", "agrees"),
        ],
    ),
    # the hardware a guide says runs the model is no training cluster (each conflicted with the
    # GPUs that trained R1); a graphics card's model number is no count of GPUs
    "hardware to run the model": (
        "Running the full DeepSeek-R1 locally requires 8 H200 GPUs.\n\n"
        "| Model | Recommended GPU |\n|---|---|\n| R1-Distill-Qwen-7B | RTX 3070 |",
        [("8 H200 GPUs", "deepseek-r1", "gpus-to-run", "new")],
    ),
    # the words right around a count of experts say it is per token (each conflicted as the
    # routed experts); a pre-training context is the training sequence length; tokens per
    # question are no context length, tokens per second no count (each conflicted with 128K)
    "experts per token and lengths that are no context": (
        "DeepSeek V3 activates 8 routed experts per token, of its 256 routed experts.\n\n"
        "DeepSeek-V3 has 256 experts per layer and activates 8 per token.\n\n"
        "The underlying DeepSeek-V3 was pre-trained with a 4K context length.\n\n"
        "On AIME, the original DeepSeek-R1 spent about 12K tokens per question on average.\n\n"
        "DeepSeek-R1 generates 60 tokens/second.",
        [
            ("8 routed experts", "deepseek-v3", "activated-experts", "agrees"),
            ("256 routed experts", "deepseek-v3", "routed-experts", "agrees"),
            ("256 experts per layer", "deepseek-v3", "routed-experts", "agrees"),
            ("4K context length", "deepseek-v3", "sequence-length", "agrees"),
            ("about 12K tokens", "deepseek-r1", "eval-mean-output-tokens", "agrees"),
        ],
    ),
    # a size in a sentence about distilled models is the distilled model of that size, also
    # after another distilled model's name; of two of a size, the one made from the model named
    # (7B and 32B were the 1.5B model's, misattributed; 8B was R1's)
    "sizes of distilled models": (
        "The distilled variants (R1 Distill Qwen 1.5B/7B/32B) run on a laptop.\n\n"
        "DeepSeek also released six dense models (1.5B, 8B, 70B) distilled from DeepSeek-R1.",
        [
            ("7B", "deepseek-r1-distill-qwen-7b", "total-parameters", "agrees"),
            ("32B", "deepseek-r1-distill-qwen-32b", "total-parameters", "agrees"),
            ("six dense models", "deepseek-r1", "distilled-model-count", "agrees"),
            ("1.5B", "deepseek-r1-distill-qwen-1.5b", "total-parameters", "agrees"),
            ("8B", "deepseek-r1-distill-llama-8b", "total-parameters", "agrees"),
            ("70B", "deepseek-r1-distill-llama-70b", "total-parameters", "agrees"),
        ],
    ),
    # news copy that names only the company: a figure is the one model's whose record it
    # agrees with (each was dropped); one no record comes near, or that fits models of two
    # lines, is not reported
    "no model named anywhere": (
        "In a paper on its latest AI model, DeepSeek said training cost $5.576 million.\n\n"
        "The company also spent $42 million on offices.",
        [("$5.576 million", "deepseek-v3", "training-cost", "agrees")],
    ),
    # tables that lost their separators on a flattened page: read by the names of their header
    # (each lost every figure; a stacked row lost all but one)
    "a table of space-separated rows": (
        "Benchmark (Metric) DeepSeek R1 DeepSeek R1 0528\n"
        "GPQA-Diamond (Pass@1) 71.5 81.0\n"
        "AIME 2024 (Pass@1)\t79.8\t91.4",
        [
            ("71.5", "deepseek-r1", "gpqa-diamond", "agrees"),
            ("81.0", "deepseek-r1-0528", "gpqa-diamond", "agrees"),
            ("79.8", "deepseek-r1", "aime-2024", "agrees"),
            ("91.4", "deepseek-r1-0528", "aime-2024", "agrees"),
        ],
    ),
    "a table of one cell a line": (
        "Benchmark\nDeepSeek V3\nOpenAI o1-1217\nDeepSeek R1\n"
        "MATH-500 (Pass@1)\n90.2\n96.4\n97.3\n\nCodeforces (Rating)\n1134\n2061\n2029",
        [
            ("90.2", "deepseek-v3", "math-500", "agrees"),
            ("97.3", "deepseek-r1", "math-500", "agrees"),
            ("1134", "deepseek-v3", "codeforces-rating", "agrees"),
            ("2029", "deepseek-r1", "codeforces-rating", "agrees"),
        ],
    ),
    # a grouped table rendered without its group column under each group's row: its rows stand
    # one column left (81.0 was R1's, 71.5 R1-0528's, each misattributed)
    "a grouped table without its group column": (
        "| Category | Benchmark (Metric) | DeepSeek R1 | DeepSeek R1 0528 |\n|---|---|---|---|\n"
        "| General | | | |\n| GPQA-Diamond (Pass@1) | 71.5 | 81.0 | |\n"
        "| Code | | | |\n| Codeforces-Div1 (Rating) | 1530 | 1930 | |",
        [
            ("71.5", "deepseek-r1", "gpqa-diamond", "agrees"),
            ("81.0", "deepseek-r1-0528", "gpqa-diamond", "agrees"),
            ("1530", "deepseek-r1", "codeforces-rating", "agrees"),
            ("1930", "deepseek-r1-0528", "codeforces-rating", "agrees"),
        ],
    ),
    # a table's model, where its headers and section name none, is that of the paragraph right
    # above it, before the article's (its rows were lost: the article named no main model)
    "a table under the paragraph that names its model": (
        "DeepSeek-V3 is a mixture-of-experts language model that trades little quality for "
        "speed, the subject of many write-ups since its release late in 2024 and of this one. "
        "The sections below cover the main design ideas.\n"
        "| Component | Setting |\n|---|---|\n| Total Parameters | 671B |\n| Total Layers | 61 |",
        [
            ("671B", "deepseek-v3", "total-parameters", "agrees"),
            ("61", "deepseek-v3", "layers", "agrees"),
        ],
    ),
    # a score called a score before its benchmark; "DROP" in capitals (97.3% was an AIME score,
    # 91.6% a MATH-500 one)
    "a score called a score": (
        "DeepSeek-R1 posts a 79.8% score on AIME 2024 and a 97.3% score on MATH-500.\n\n"
        "DeepSeek-V3 leads with a 91.6% in the DROP metric and 90.2% in MATH-500.",
        [
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
            ("91.6%", "deepseek-v3", "drop", "agrees"),
            ("90.2%", "deepseek-v3", "math-500", "agrees"),
        ],
    ),
    # a difference between scores is no score (each conflicted as R1's score)
    "a difference between scores": (
        "DeepSeek-R1 beats o1-mini by 13.1 points on LiveCodeBench.\n\n"
        "R1 and o1-preview came out within 2 points on MATH-500.\n\n"
        "DeepSeek-R1 scores 79.8% (+0.6) on AIME 2024, a lead of about 0.6% over o1.",
        [("79.8%", "deepseek-r1", "aime-2024", "agrees")],
    ),
    # LaTeX math around a number is no dollar ("$0.6$" was a training cost of $0.6)
    "a number in LaTeX math": (
        "For DeepSeek-R1 we use a temperature of $0.6$ and a top-p value of $0.95$.",
        [
            ("$0.6", "deepseek-r1", "eval-temperature", "agrees"),
            ("$0.95", "deepseek-r1", "eval-top-p", "agrees"),
        ],
    ),
    # the page's own date, and the company's founding, are no model's release (each conflicted)
    "dates of the page and of the company": (
        "Last updated: June 10, 2025\n\nWe read DeepSeek-R1's page as rendered on 2026-05-20 "
        "(accessed 2026-05-21).\n\n"
        "DeepSeek, founded in July 2023, shipped DeepSeek-R1-0528 with 671 billion parameters.",
        [
            ("July 2023", "deepseek", "founding-date", "new"),
            ("671 billion parameters", "deepseek-r1-0528", "total-parameters", "agrees"),
        ],
    ),
    # a relative clause's subject, a variant's possessive: the other model's scores (conflicted)
    "the subject of a relative clause": (
        "DeepSeek-R1 narrowly beats OpenAI o1-1217 on AIME 2024, which scores 79.2%.\n\n"
        "On GPQA, R1 gets 71.5 percent against o3-mini-high's 79.7 percent.",
        [("71.5 percent", "deepseek-r1", "gpqa-diamond", "agrees")],
    ),
    # "respectively" pairs a list of figures with a list of names in order: every figure of
    # the list went to the nearest name (o1's 79.2% was R1's, conflicting; 97.3% an AIME score)
    "lists paired by respectively": (
        "DeepSeek-R1 and OpenAI o1 score 79.8% and 79.2% on AIME 2024, respectively.\n\n"
        "On AIME 2024, OpenAI's o1 and DeepSeek-R1 reach 79.2% and 79.8% respectively.\n\n"
        "DeepSeek-R1 scored 79.8%, 97.3% and 71.5% on AIME 2024, MATH-500 and GPQA Diamond "
        "respectively.\n\n"
        "On MATH-500 and AIME 2024, DeepSeek-R1 achieves 97.3% and 79.8%, in that order.",
        [
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
            ("71.5%", "deepseek-r1", "gpqa-diamond", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
        ],
    ),
    # a sentence hands on the first model it names, its subject: o1's price went to R1, and
    # R1's score to V3
    "the first model is handed on": (
        "OpenAI's o1 was released a month before R1. It costs $60 per million output tokens.\n\n"
        "DeepSeek-R1 was built on DeepSeek-V3. It scores 79.8% on AIME 2024.",
        [("79.8%", "deepseek-r1", "aime-2024", "agrees")],
    ),
    # "MATH" (MATH-500) matched "math": AIME scores were MATH-500 scores, conflicting
    "a benchmark in capitals": (
        "On the AIME 2024 math test, R1 scored 79.8% and V3 scored 39.2%.\n\n"
        "DeepSeek-R1 scores 97.3% on MATH.",
        [
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("39.2%", "deepseek-v3", "aime-2024", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
        ],
    ),
    # "A is N and the B M": the second phrase's term or name labelled the first figure too
    "the next phrase's label": (
        "For DeepSeek-V3, the number of layers is 61 and the hidden size 7168.\n\n"
        "DeepSeek-R1's AIME 2024 score is 79.8% and its MATH-500 score 97.3%.\n\n"
        "DeepSeek-V3's total parameter count is 671B and its active count 37B.",
        [
            ("61", "deepseek-v3", "layers", "agrees"),
            ("7168", "deepseek-v3", "hidden-size", "agrees"),
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
            ("671B", "deepseek-v3", "total-parameters", "agrees"),
            ("37B", "deepseek-v3", "activated-parameters", "agrees"),
        ],
    ),
    # a name right before a figure owns it, in prose and in a cell ("key: value"); a header
    # of two models pairs them with the cell's two figures: every score went to R1
    "a name right before a figure": (
        "AIME 2024: R1 79.8%, o1 79.2%, GPT-4o 9.3%.\n\n"
        "R1 vs o1 on AIME 2024: 79.8% vs 79.2%.\n\n"
        "The 671B DeepSeek-V3 2.788M GPU hours figure is right.",
        [
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("2.788M GPU hours", "deepseek-v3", "training-gpu-hours", "agrees"),
        ],
    ),
    # a qualifier is only the figure's next to it: the voting made 71.0% a majority-vote score
    "a qualifier next to its figure": (
        "DeepSeek-R1-Zero scored 71.0% on AIME 2024, rising to 86.7% with majority voting.",
        [
            ("71.0%", "deepseek-r1-zero", "aime-2024", "agrees"),
            ("86.7%", "deepseek-r1-zero", "aime-2024-cons64", "agrees"),
        ],
    ),
    # a score written after its benchmark, with no "%" and no "on", was not read; a count
    # after a benchmark's name is no score
    "a score after its benchmark": (
        "DeepSeek-R1: AIME 2024 79.8, MATH-500 97.3, GPQA Diamond 71.5.\n\n"
        "DeepSeek-R1's AIME 2024 has 30 problems.",
        [
            ("79.8", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3", "deepseek-r1", "math-500", "agrees"),
            ("71.5", "deepseek-r1", "gpqa-diamond", "agrees"),
        ],
    ),
    # a review's over-reaches of the rules above, each read right again:
    # one empty first cell over a row of marks does not make the table grouped
    "a table with a row of marks": (
        "| Model | AIME 2024 | MATH-500 |\n|---|---|---|\n| | pass@1 | pass@1 |\n"
        "| DeepSeek-R1 | 79.8 | 97.3 |\n| OpenAI o1-1217 | 79.2 | 96.4 |",
        [
            ("79.8", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3", "deepseek-r1", "math-500", "agrees"),
        ],
    ),
    # a grouping first column that names the model keeps naming it under its empty cells
    "a group that names the model": (
        "| Model | Parameter | Value |\n|---|---|---|\n"
        "| DeepSeek-V3 | Total parameters | 671B |\n| | Activated parameters | 37B |",
        [
            ("671B", "deepseek-v3", "total-parameters", "agrees"),
            ("37B", "deepseek-v3", "activated-parameters", "agrees"),
        ],
    ),
    # a row naming a family model keeps its figure in a table of one column per model
    "a family model in a row": (
        "| Metric | DeepSeek-R1 | OpenAI o1 |\n|---|---|---|\n"
        "| DeepSeek-V3 baseline (AIME 2024) | 39.2 | - |",
        [("39.2", "deepseek-v3", "aime-2024", "agrees")],
    ),
    # a phrase put before the subject does not make its model the one handed on
    "a fronted phrase": (
        "Built on DeepSeek-V3, R1 was trained with reinforcement learning. It cost $294,000 "
        "to train.",
        [("$294,000", "deepseek-r1", "training-cost", "agrees")],
    ),
    # "open" and "full" are words, "DS" is DeepSeek's short form: R1 all the same
    "words and short forms before R1": (
        "DeepSeek's open R1 model scored 79.8% on AIME 2024. DS-R1 scores 97.3% on MATH-500.",
        [
            ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
            ("97.3%", "deepseek-r1", "math-500", "agrees"),
        ],
    ),
    # money words far from the sum, and a time after "a month", leave a cost a cost
    "costs beside money words": (
        "Investors were shocked that DeepSeek built V3 for $5.6 million.\n\n"
        "R1 cost $294,000 a month after V3's launch.",
        [
            ("$5.6 million", "deepseek-v3", "training-cost", "agrees"),
            ("$294,000", "deepseek-r1", "training-cost", "agrees"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(READ_AS))
def test_figures_are_read_as_the_text_means(kb: KnowledgeBase, case: str) -> None:
    text, expected = READ_AS[case]
    found = [(f.text, f.model, f.quantity, f.outcome) for f in _figures(kb, f"# Test\n\n{text}\n")]
    assert found == expected


def test_a_sum_written_whole_keeps_its_value_beside_one_with_a_magnitude(
    kb: KnowledgeBase,
) -> None:
    """ "$294,000 and $5.6 million": the million was shared with $294,000 (294 billion)."""
    text = "R1 and V3 had training costs of $294,000 and $5.6 million respectively."
    assert [f.value for f in check_text(text, kb).figures] == [294_000, 5_600_000]


def _pairing(text: str) -> list[str | None]:
    """Each figure's name paired by "respectively" (figures: the % signs' numbers; names: the
    capitalised words), as `respectively.Pairing` answers."""
    import re

    from r1kb.checksource.attribution.respectively import Pairing, says_respectively

    figures = [m.span() for m in re.finditer(r"[\d.]+%", text)]
    names = [m.span() for m in re.finditer(r"\b[A-Z][\w-]*", text)]
    if not says_respectively(text, 0, len(text)):
        return [None for _ in figures]
    pairing = Pairing(text, figures, names)
    return [None if (j := pairing.name_for(f)) is None else text[slice(*names[j])] for f in figures]


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        ("Alpha and Beta score 1% and 2%, respectively.", ["Alpha", "Beta"]),
        ("Alpha, Beta, and Gamma score 1%, 2% and 3% respectively.", ["Alpha", "Beta", "Gamma"]),
        ("Alpha/Beta: 1%/2% respectively.", ["Alpha", "Beta"]),
        ("Open Alpha and Beta score 1% and 2% in that order.", ["Alpha", "Beta"]),  # one item
        # no word, lists of other lengths, two lists that could pair: the nearest name decides
        ("Alpha and Beta score 1% and 2%.", [None, None]),
        ("Alpha scores 1% and 2% on Beta, Gamma and Delta respectively.", [None, None]),
        ("Alpha and Beta score 1% and 2% on Gamma and Delta respectively.", [None, None]),
        ("Alpha scores 1% on Beta and 2% on Gamma, respectively.", [None, None]),
    ],
)
def test_respectively_pairs_one_list_of_figures_with_one_list_of_names(
    text: str, paired: list[str | None]
) -> None:
    assert _pairing(text) == paired


def test_a_spec_card_s_label_may_hold_a_number_beside_a_word(kb: KnowledgeBase) -> None:
    """Each of these scores was lost: a label with a digit was no label ("AIME 2024"); a long
    line with a number and a comma is still none ("Last checked in 2025, by us")."""
    text = (
        "DeepSeek-R1\n\nBenchmarks\n\nMMLU\n\n90.8%\n\nMATH_500\n\n97.3%\n\n"
        "AIME 2024\n\n79.8%\n\nLast checked in 2025, by us\n\n42\n"
    )
    found = [(f.text, f.model, f.quantity, f.outcome) for f in check_text(text, kb).figures]
    assert found == [
        ("90.8%", "deepseek-r1", "mmlu", "agrees"),
        ("97.3%", "deepseek-r1", "math-500", "agrees"),
        ("79.8%", "deepseek-r1", "aime-2024", "agrees"),
    ]


def test_a_spec_card_written_value_first_pairs_each_value_with_the_label_under_it(
    kb: KnowledgeBase,
) -> None:
    """Read label first, each label took the next card's value (37.0B was the total parameters,
    128K the active ones, each conflicting); a run that ends with a value is read label first."""
    text = (
        "DeepSeek R1\nDeepSeek R1 is a reasoning model with open weights.\n"
        "671.0B\nParameters\n37.0B\nActive\n128K\nMax Context\n"
    )
    found = [(f.value, f.quantity, f.outcome) for f in check_text(text, kb).figures]
    assert found == [
        (671e9, "total-parameters", "agrees"),
        (37e9, "activated-parameters", "agrees"),
        (128_000, "context-length", "agrees"),
    ]
    label_first = "DeepSeek-V3 specs follow.\n2024\nHidden Size\n7168\nLayers\n61\n"
    assert [(f.text, f.quantity) for f in check_text(label_first, kb).figures] == [
        ("7168", "hidden-size"),
        ("61", "layers"),
    ]

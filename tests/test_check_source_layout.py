"""check-source on layouts, notations and references that real articles use (issue 8).

Each case is a small article written for the test, in the shape the labelled corpus showed:
spec sheets, flattened tables, comparison tables with a column per model, list lead-ins,
headings that name the model, DeepSeek named for its model, numbers whose quantity is a word
after or before them. The vocabulary test shows that a quantity added to the data is found.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from r1kb.checksource.candidates.mentions import name_ends
from r1kb.checksource.document import layout
from r1kb.checksource.document.layout import find_cells
from r1kb.checksource.evaluation.corpus import body_of, fits, locate, score
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.reporting.report import explanation
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


def read(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str, str]]:
    return [(f.text, f.model, f.quantity, f.outcome) for f in check_text(text, kb).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek-V3 has 37 billion active per token.",
         [("37 billion", "deepseek-v3", "activated-parameters", "agrees")]),
        ("DeepSeek-R1 has 671 billion parameters, 37 billion activated.",
         [("671 billion parameters", "deepseek-r1", "total-parameters", "agrees"),
          ("37 billion", "deepseek-r1", "activated-parameters", "agrees")]),
        ("DeepSeek-V3 took 2.788 million hours of training.",  # GPU-hours, not 318 years
         [("2.788 million hours", "deepseek-v3", "training-gpu-hours", "agrees")]),
        ("DeepSeek-R1 scored 79.8 on AIME 2024.",
         [("79.8", "deepseek-r1", "aime-2024", "agrees")]),
        ("DeepSeek-R1 has a 2029 Codeforces rating and is in the 96.3rd percentile.",
         [("2029 Codeforces rating", "deepseek-r1", "codeforces-rating", "agrees"),
          ("96.3rd percentile", "deepseek-r1", "codeforces-percentile", "agrees")]),
        ("DeepSeek-V3 stacks 61 Transformer layers with 256 routed experts.",
         [("61 Transformer layers", "deepseek-v3", "layers", "agrees"),
          ("256 routed experts", "deepseek-v3", "routed-experts", "agrees")]),
        ("DeepSeek-V3 uses a hidden size of 7168.",
         [("7168", "deepseek-v3", "hidden-size", "agrees")]),
        ("DeepSeek-R1 cost $29.4 million to train.",  # 100x the $294K: never agreement
         [("$29.4 million", "deepseek-r1", "training-cost", "conflicts")]),
        ("DeepSeek-V3 was trained on 14.8 billion tokens.",  # 1000x off
         [("14.8 billion tokens", "deepseek-v3", "pretraining-tokens", "conflicts")]),
        ("Nature's paper says R1 was trained on 64×8 H800 chips.",
         [("64×8 H800 chips", "deepseek-r1", "gpu-count", "agrees")]),
        ("In 2025 DeepSeek-R1 was released on January 20.",
         [("January 20", "deepseek-r1", "release-date", "agrees")]),
    ],
)  # fmt: skip
def test_notations_real_articles_use(kb: KnowledgeBase, text: str, expected: list) -> None:
    assert read(kb, text) == expected


def test_spec_sheet_lines_take_their_label_and_the_page_model(kb: KnowledgeBase) -> None:
    page = "DeepSeek-V3 671B\n\nHidden Size\n\n7,168\n\nLayer Count\n\n61\n\nContext Window: 128K\n"
    assert read(kb, page) == [
        ("7,168", "deepseek-v3", "hidden-size", "agrees"),
        ("61", "deepseek-v3", "layers", "agrees"),
        ("128K", "deepseek-v3", "context-length", "agrees"),
    ]


def test_flattened_comparison_table_has_a_column_per_model(kb: KnowledgeBase) -> None:
    table = (
        "The numbers\n\n| Benchmark | DeepSeek R1 | o1-preview | DeepSeek V3 | "
        "|-----------|-------------|------------|-------------| "
        "| GPQA Diamond | 71.5% | 73.3% | 59.1% | | Codeforces Rating | 2,029 | 1,891 | 1,134 |\n"
    )
    assert read(kb, table) == [
        ("71.5%", "deepseek-r1", "gpqa-diamond", "agrees"),
        ("59.1%", "deepseek-v3", "gpqa-diamond", "agrees"),
        ("2,029", "deepseek-r1", "codeforces-rating", "agrees"),
        ("1,134", "deepseek-v3", "codeforces-rating", "agrees"),
    ]  # the o1-preview column is another model's: not reported


def test_html_tables_read_like_pipe_tables(kb: KnowledgeBase) -> None:
    html = (
        "<html><body><h1>Specs</h1><table><tr><th>Parameter</th><th>DeepSeek-V3</th>"
        "<th>Llama3-70B</th></tr><tr><td>Num Layers</td><td>61</td><td>80</td></tr>"
        "</table></body></html>"
    )
    figures = check_text(html, kb, "specs.html").figures
    assert [(f.text, f.model, f.quantity, f.outcome) for f in figures] == [
        ("61", "deepseek-v3", "layers", "agrees")
    ]
    assert html[figures[0].start : figures[0].end] == "61"


def test_cells_without_separator_rows(kb: KnowledgeBase) -> None:
    cells = find_cells("Model | Layers\nDeepSeek-V3 | 61\n")
    assert [(c.row_header, c.column_header) for c in cells] == [
        ("", "Model"),
        ("DeepSeek-V3", "Layers"),
    ]


def test_a_table_whose_separators_were_lost_is_read_by_its_header(kb: KnowledgeBase) -> None:
    """A flattened HTML table: column names glued into one line, each row a model's name with
    its cells glued on (the name itself may end with a size: `...-Llama-8B8B`)."""
    table = (
        "Family\n\nNameTotal paramsActiveBaseContextRepo\n\n"
        "DeepSeek-V3671B37B (MoE)(in-house)128Korg/v3\n"
        "R1-Distill-Llama-8B8B8BLlama-3.1-8B128Korg/x\n"
        "\nThat is all.\n"
    )
    assert read(kb, table)[:3] == [
        ("671B", "deepseek-v3", "total-parameters", "agrees"),
        ("37B", "deepseek-v3", "activated-parameters", "agrees"),
        ("128K", "deepseek-v3", "context-length", "agrees"),
    ]
    cells = find_cells(table, lambda text, pos: name_ends(text, pos, kb))
    row = [(table[c.start : c.end], c.row_header, c.column_header) for c in cells[5:]]
    assert row[:3] == [
        ("8B", "R1-Distill-Llama-8B", "Total params"),
        ("8B", "R1-Distill-Llama-8B", "Active"),
        ("Llama-3.1-8B", "R1-Distill-Llama-8B", "Base"),
    ]
    assert row[3][0] == "128K"


def test_a_glued_row_that_does_not_fit_its_header_is_not_read(kb: KnowledgeBase) -> None:
    table = "ModelTotal paramsActiveContext\n\nDeepSeek-V3671B37B\nDeepSeek-R1671B37B\n"
    assert read(kb, table) == []  # two cells for three columns: no column is sure


def test_a_heading_names_the_model_of_its_section(kb: KnowledgeBase) -> None:
    text = (
        "# DeepSeek-V3\n\nThe model was trained on 2,048 NVIDIA H800 GPUs.\n\n"
        "# Something else\n\nA model with billions of parameters needs time.\n"
    )
    assert read(kb, text) == [("2,048 NVIDIA H800 GPUs", "deepseek-v3", "gpu-count", "agrees")]


def test_deepseek_named_for_its_model(kb: KnowledgeBase) -> None:
    text = (
        "DeepSeek-R1 is a reasoning model. It is open.\n\n"
        "In Codeforces contests, DeepSeek reached 96.3% against 93.9% for OpenAI.\n"
    )
    found = read(kb, text)
    assert found[0] == ("96.3%", "deepseek-r1", "codeforces-percentile", "agrees")


def test_a_list_lead_in_names_the_items_model(kb: KnowledgeBase) -> None:
    text = "DeepSeek-V3 in brief:\n- 61 layers\n- 7168 hidden size\n"
    assert [f[:3] for f in read(kb, text)] == [
        ("61 layers", "deepseek-v3", "layers"),
        ("7168 hidden size", "deepseek-v3", "hidden-size"),
    ]


def test_a_lead_in_naming_several_models_leaves_its_list_to_the_page_subject(
    kb: KnowledgeBase,
) -> None:
    text = (
        "# DeepSeek-V3 notes\n\nI asked Claude and Gemini to do the sums:\n"
        "- 99 layers in all\n- 61 layers\n"
    )
    assert [f[:4] for f in read(kb, text)] == [
        ("99 layers", "deepseek-v3", "layers", "conflicts"),
        ("61 layers", "deepseek-v3", "layers", "agrees"),
    ]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("uses 4x64+2 MoE blocks", [("4", "activated-experts"), ("64", "routed-experts"),
                                    ("2", "shared-experts")]),
        ("has 3 dense layers, then 58 4x64+2 MoE",
         [("3 dense layers", "dense-layers"), ("58", "moe-layers"), ("4", "activated-experts"),
          ("64", "routed-experts"), ("2", "shared-experts")]),
        ("uses 4-of-64 routing", [("4", "activated-experts"), ("64", "routed-experts")]),
        ("picks the top-4 of 64 routed experts", [("4", "activated-experts"),
                                                  ("64", "routed-experts")]),
        ("has a single shared expert", [("a single shared expert", "shared-experts")]),
        ("runs on a single GPU", []),  # "a single" counts only before a quantity's term
        ("was 4 of 64 candidates", []),  # not about experts
    ],
)  # fmt: skip
def test_mixture_of_experts_layouts(kb: KnowledgeBase, layout: str, expected: list) -> None:
    assert [(f[0], f[2]) for f in read(kb, f"DeepSeek-V3 {layout}.")] == expected


def test_a_spec_page_about_a_distilled_model_is_about_it_not_its_parent(
    kb: KnowledgeBase,
) -> None:
    """As many mentions of the distilled model as of the model it comes from: the page is about
    the distilled one; a spec label that names only the unit ("Parameters") gives the unit's
    default quantity."""
    prose = "DeepSeek-R1 taught DeepSeek-R1-Distill-Llama-8B. " * 3
    (figure,) = read(kb, f"Parameters\n8B\n\n{prose}\n")
    assert figure == ("8B", "deepseek-r1-distill-llama-8b", "total-parameters", "agrees")


def test_a_full_model_name_is_one_name() -> None:
    from r1kb.checksource.candidates.mentions import find_mentions

    kb = load(ROOT / "data").kb
    text = "DeepSeek-R1-Zero and DeepSeek-R1-Distill-Qwen-7B"
    assert [(m.kind, m.ref, text[m.start : m.end]) for m in find_mentions(text, kb)] == [
        ("model", "deepseek-r1-zero", "DeepSeek-R1-Zero"),
        ("model", "deepseek-r1-distill-qwen-7b", "DeepSeek-R1-Distill-Qwen-7B"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("DeepSeek-R1-Zero sampled each question 16 times each.",
         [("16 times each", "grpo-group-size")]),
        ("DeepSeek-R1-Zero is 16 times larger.", []),  # a multiple, not a count
        ("DeepSeek-V3's MTP lifts decoding throughput by 1.8× overall.",
         [("1.8×", "decoding-speedup")]),
        ("DeepSeek-V3 is 1.8× cheaper.", []),  # no ratio named before the multiple
        ("DeepSeek-R1 was tuned on 800k data points.", [("800k data points", "sft-samples")]),
        ("DeepSeek-V3 diagram: Dim per head: 128.", [("128", "head-dimension")]),
        # a flattened diagram glues its labels: a term starts at a capital after a small letter
        ("DeepSeek-V3 Norm layerDim per head: 128 · sizes", [("128", "head-dimension")]),
    ],
)  # fmt: skip
def test_multiples_and_counts_named_by_their_words(
    kb: KnowledgeBase, sentence: str, expected: list
) -> None:
    assert [(f[0], f[2]) for f in read(kb, sentence)] == expected


def test_a_design_named_after_another_model_is_no_model_named(kb: KnowledgeBase) -> None:
    text = "DeepSeek-V3 is large. Its 128K-context cache beats Llama-style attention."
    assert [f[1:] for f in read(kb, text)] == [("deepseek-v3", "context-length", "agrees")]


def test_explain_names_the_evidence(kb: KnowledgeBase) -> None:
    (f,) = check_text(
        "| Parameter | DeepSeek-V3 |\n|---|---|\n| Hidden Size | 7168 |\n", kb
    ).figures
    lines = explanation(f)
    assert lines[0] == "model deepseek-v3: column 'DeepSeek-V3'"
    assert lines[1] == "quantity hidden-size: row header 'Hidden Size'"
    assert lines[2] == "compared with: v3-base-hidden-size"
    assert lines[3].startswith("outcome agrees: ")


def test_a_quantity_added_to_the_data_is_recognised(tmp_path: Path) -> None:
    """The vocabulary is data: a new quantity with its terms is found without code."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    quantities = data / "quantities.yaml"
    quantities.write_text(
        quantities.read_text(encoding="utf-8") + "  widget-count:\n"
        "    name: Widgets\n"
        "    terms: [widgets, widget count]\n"
        "    unit: count\n"
        "    group: architecture\n"
        "    description: A quantity made up for this test.\n"
        "    disclosure: DeepSeek states the number of widgets.\n",
        encoding="utf-8",
    )
    kb = load(data).kb
    assert "widget-count" in kb.quantities
    figures = check_text("DeepSeek-V3 has 42 widgets.", kb).figures
    assert [(f.text, f.quantity, f.outcome) for f in figures] == [
        ("42 widgets", "widget-count", "new")
    ]


def test_corpus_scoring_follows_the_articles_readme() -> None:
    body = body_of("TITLE: t\n------\nR1 has 671B parameters and 671B again.\n")
    assert body.startswith("R1 has")
    label = {"id": "x", "span": "671B", "occurrences": 2, "core": True, "verdict": "correct"}
    assert locate(body, label) == [(7, 11), (27, 31)]
    assert fits("correct", "agrees") and not fits("correct", "new")
    assert fits("misleading", "misattributed") and fits("unverifiable", "new")
    assert not fits("unverifiable", "agrees")
    s = score("a", body, [label], [])
    assert (s.core, s.found, s.recall) == (1, 0, 0.0)


ARTICLES = ROOT.parent / "shared" / "articles"


@pytest.mark.skipif(
    not (ARTICLES / "labels.yaml").is_file(),
    reason="../shared/articles (the labelled corpus) is not beside the project",
)
def test_quality_floor_on_the_labelled_articles(kb: KnowledgeBase) -> None:
    """The measure of ../shared/articles/README.md, held a little under what is reached (recall
    0.98, precision 0.98, outcome accuracy 0.99 when this floor was set), so that it cannot
    silently regress. Every article also runs without an exception."""
    from r1kb.checksource.evaluation.corpus import evaluate_corpus, overall

    scores = evaluate_corpus(ARTICLES, kb)
    assert len(scores) == 24 and not any(s.problems for s in scores)
    total = overall(scores)
    assert total.recall >= 0.96, total.recall
    assert total.precision >= 0.96, total.precision
    assert total.outcome >= 0.96, total.outcome


@given(
    spans=st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=12,
    ),
    pos=st.integers(-2, 85),
)
def test_a_position_is_covered_by_spans_as_a_test_of_each_span_says(
    spans: list[tuple[int, int]], pos: int
) -> None:
    """The logarithmic test of whether a spec-sheet value lies in a glued table's cell (a test
    of each cell for each value grew with the square of the text's length), against the test
    of each span, with spans nested, overlapping, empty and unsorted."""
    expected = any(a <= pos < b for a, b in spans)
    assert layout._covered_by(spans)(pos) is expected

"""check-source on notations the seed articles do not contain: each sentence is a small article."""

from __future__ import annotations

from pathlib import Path

import pytest

from r1kb.checksource.candidates.dates import find_dates
from r1kb.checksource.document.document import read
from r1kb.checksource.pipeline import check_text
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


def one(kb: KnowledgeBase, text: str, fmt: str | None = None):  # type: ignore[no-untyped-def]
    figures = check_text(text, kb, fmt=fmt).figures
    assert len(figures) == 1, [(f.text, f.outcome) for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "span", "model", "quantity", "value", "outcome", "claim"),
    [
        ("DeepSeek released DeepSeek-R1 on 20 Jan 2025.", "20 Jan 2025", "deepseek-r1",
         "release-date", "2025-01-20", "agrees", "r1-release-date"),
        ("DeepSeek-R1 was released on January 20, 2025.", "January 20, 2025", "deepseek-r1",
         "release-date", "2025-01-20", "agrees", "r1-release-date"),
        ("DeepSeek-R1 launched on 2025-01-21.", "2025-01-21", "deepseek-r1", "release-date",
         "2025-01-21", "conflicts", "r1-release-date"),
        ("DeepSeek-V3's final training run cost 5.576 million USD.", "5.576 million USD",
         "deepseek-v3", "training-cost", 5576000, "agrees", "v3-training-cost"),
        ("According to Nature, R1 cost US$294,000 to train.", "US$294,000", "deepseek-r1",
         "training-cost", 294000, "agrees", "r1-rl-cost"),
        ("Training DeepSeek-R1 cost about $300K.", "about $300K", "deepseek-r1", "training-cost",
         300000, "agrees", "r1-rl-cost"),
        ("DeepSeek-V3 needed 2,788K GPU hours in all.", "2,788K GPU hours", "deepseek-v3",
         "training-gpu-hours", 2788000, "agrees", "v3-training-gpu-hours"),
        ("DeepSeek-R1 has 37B activated parameters.", "37B activated parameters", "deepseek-r1",
         "activated-parameters", 37000000000, "agrees", "r1-activated-parameters"),
        ("DeepSeek-R1 scored 79.8% on AIME 2024.", "79.8%", "deepseek-r1", "aime-2024", 79.8,
         "agrees", "r1-aime-2024"),
        ("DeepSeek-R1 reaches a Codeforces rating of 2,029.", "2,029", "deepseek-r1",
         "codeforces-rating", 2029, "agrees", "r1-codeforces-rating"),
        ("The R1 API charges $2.19 per million output tokens.", "$2.19 per million output tokens",
         "deepseek-r1", "api-output-price", 2.19, "agrees", "r1-api-output-price-2025-01"),
        ("R1-Zero's RL stage ran for 198 hours.", "198 hours", "deepseek-r1-zero", "rl-duration",
         198, "agrees", "r1-zero-rl-duration"),
        ("DeepSeek-V3 was trained on 2,048 NVIDIA H800 GPUs.", "2,048 NVIDIA H800 GPUs",
         "deepseek-v3", "gpu-count", 2048, "agrees", "v3-base-gpu-count"),
        ("DeepSeek-R1 was trained on 2,048 H800s.", "2,048 H800s", "deepseek-r1", "gpu-count",
         2048, "known-misconception", "seed-javaedge-r1-rivals-o1-reproduction-2048-gpus"),
        ("DeepSeek-R1-Zero was trained on 2,048 H800s.", "2,048 H800s", "deepseek-r1-zero",
         "gpu-count", 2048, "misattributed", "v3-base-gpu-count"),
        ("DeepSeek-R1 scored 71.0% on AIME 2024.", "71.0%", "deepseek-r1", "aime-2024", 71,
         "misattributed", "r1-zero-aime-2024"),
        # "128K" tokens is 128,000 or 128 x 1,024: both readings of DeepSeek's "128K" agree
        ("DeepSeek-R1 has a context window of 131,072 tokens.", "131,072 tokens", "deepseek-r1",
         "context-length", 131072, "agrees", "r1-context-length"),
        ("DeepSeek-R1 has a context window of 160,000 tokens.", "160,000 tokens", "deepseek-r1",
         "context-length", 160000, "conflicts", "r1-context-length"),
    ],
)  # fmt: skip
def test_notations(kb, text, span, model, quantity, value, outcome, claim) -> None:  # type: ignore[no-untyped-def]
    f = one(kb, text)
    assert (f.text, f.model, f.quantity, f.outcome) == (span, model, quantity, outcome)
    assert f.value == value
    assert claim in f.claims
    assert text[f.start : f.end] == f.text


def test_yuan_is_kept_as_yuan_and_compared_through_a_rate(kb: KnowledgeBase) -> None:
    """¥40 million is about V3's $5.576M: for R1, the known misconception that R1 cost that
    (tests/test_check_source_exchange.py covers the rates)."""
    f = one(kb, "Some reports put DeepSeek-R1's training cost at ¥40 million.")
    assert (f.text, f.unit, f.value) == ("¥40 million", "CNY", 40000000)
    assert f.outcome == "known-misconception" and "v3-training-cost" in f.corrections
    f = one(kb, "DeepSeek-R1's training reportedly cost 40 million yuan.")
    assert (f.unit, f.value) == ("CNY", 40000000)


def test_durations_are_normalised_to_the_quantity_unit(kb: KnowledgeBase) -> None:
    f = one(kb, "DeepSeek-V3-Base's pre-training took less than two months.")
    assert f.quantity == "pretraining-duration" and f.unit == "days"
    assert f.value == {"high": pytest.approx(60.8737, rel=1e-3)}
    assert f.outcome == "agrees"


def test_a_month_agrees_with_a_day_inside_it(kb: KnowledgeBase) -> None:
    f = one(kb, "DeepSeek-R1 was released in January 2025.")
    assert (f.value, f.outcome) == ("2025-01", "agrees")


def test_each_figure_takes_its_own_cue_words(kb: KnowledgeBase) -> None:
    figures = check_text("DeepSeek-R1 has 37B activated parameters out of 671B.", kb).figures
    assert [(f.text, f.quantity, f.outcome) for f in figures] == [
        ("37B activated parameters", "activated-parameters", "agrees"),
        ("671B", "total-parameters", "agrees"),
    ]


def test_other_model_families_and_generic_statements_are_not_reported(kb: KnowledgeBase) -> None:
    text = (
        "GPT-4 was reportedly trained on 25,000 A100 GPUs for about 100 days.\n"
        "Models like DeepSeek-R1 typically use batch sizes of thousands of sequences.\n"
        "The banner promises 10x faster search with 80 GB of memory.\n\n"
        "DeepSeek-R1 is a reasoning model.\n\n"  # a model in general stops its carried subject:
        "- Savings: projections put the cost of training a leading reasoning model "
        "somewhere between $10 million and $100 million.\n"
    )
    assert check_text(text, kb).figures == []


def test_html_offsets_point_into_the_original_markup(kb: KnowledgeBase) -> None:
    html = (
        "<html><head><title>R1 facts</title><script>var x = '671B parameters';</script></head>"
        "<body><h1>DeepSeek-R1</h1><p>It cost <b>US&#36;294,000</b> to train,&nbsp;says "
        "Nature.</p><ul><li>DeepSeek-R1 has 671&nbsp;billion parameters.</li></ul></body></html>"
    )
    report = check_text(html, kb, "page.html")
    assert report.fmt == "html" and report.title == "R1 facts"
    texts = {f.text: f for f in report.figures}
    assert set(texts) == {"US&#36;294,000", "671&nbsp;billion parameters"}
    for f in report.figures:
        assert html[f.start : f.end] == f.text
        assert f.outcome == "agrees"
    assert texts["US&#36;294,000"].model == "deepseek-r1"  # "It cost…": the section heading's model
    assert "<b>" not in texts["US&#36;294,000"].quote


def test_markdown_emphasis_links_and_headings(kb: KnowledgeBase) -> None:
    md = (
        "# DeepSeek-R1 in numbers\n\n"
        "**DeepSeek-V3** was pre-trained on **14.8T** tokens "
        "([report](https://arxiv.org/abs/2412.19437)).\n\n"
        "- The distilled models range from 1.5B to 70B parameters.\n"
    )
    report = check_text(md, kb, "notes.md")
    assert report.fmt == "markdown"
    first = report.figures[0]
    assert (first.text, first.model, first.quantity, first.outcome) == (
        "14.8T** tokens",
        "deepseek-v3",
        "pretraining-tokens",
        "agrees",
    )
    assert all("2412" not in f.text for f in report.figures)


def test_dates_in_several_notations() -> None:
    cases = {
        "20 Jan 2025": "2025-01-20",
        "Jan. 20, 2025": "2025-01-20",
        "20th of January 2025": "2025-01-20",
        "2025/01/20": "2025-01-20",
        "20.01.2025": "2025-01-20",
    }
    for text, iso in cases.items():
        (d,) = list(find_dates(text))
        assert (d.first, d.last) == (iso, iso), text
    assert list(find_dates("01/02/2025")) == []  # day and month cannot be told apart


def test_documents_keep_input_offsets() -> None:
    doc = read("<p>a &amp; b</p>", "x.html")
    start = doc.text.index("b")
    assert doc.source_span(start, start + 1) == (11, 12)


def test_table_cells_take_their_column_header(kb: KnowledgeBase) -> None:
    md = (
        "| Model | #Total Params | #Activated Params | Context Length |\n"
        "| --- | --- | --- | --- |\n"
        "| DeepSeek-R1 | 671B | 37B | 128K |\n"
    )
    figures = check_text(md, kb, "table.md").figures
    assert [(f.text, f.model, f.quantity, f.outcome) for f in figures] == [
        ("671B", "deepseek-r1", "total-parameters", "agrees"),
        ("37B", "deepseek-r1", "activated-parameters", "agrees"),
        (
            "128K",
            "deepseek-r1",
            "context-length",
            "agrees",
        ),  # a bare number takes its header's unit
    ]


# --- figures in running prose: notations, how a sentence names its model, and scope ------------


def _read(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str, object, str]]:
    return [(f.text, f.model, f.quantity, f.value, f.outcome) for f in check_text(text, kb).figures]


@pytest.mark.parametrize(
    ("text", "span", "model", "quantity", "value", "outcome"),
    [
        # a magnitude joined to its number by a hyphen
        ("DeepSeek-R1 is a 671-billion parameter model.", "671-billion parameter",
         "deepseek-r1", "total-parameters", 671000000000, "agrees"),
        ("DeepSeek-R1 is a 671 billion-parameter model.", "671 billion-parameter",
         "deepseek-r1", "total-parameters", 671000000000, "agrees"),
        # a unit joined to its number by a hyphen, in digits or in words
        ("DeepSeek-V3 had a 55-day pre-training run.", "55-day", "deepseek-v3",
         "pretraining-duration", 55, "agrees"),
        ("DeepSeek-V3 had a two-month training run.", "two-month", "deepseek-v3",
         "training-duration", 60.8738, "agrees"),
        ("DeepSeek-V3 was trained on a 2,048-GPU cluster.", "2,048-GPU", "deepseek-v3",
         "gpu-count", 2048, "agrees"),
        # GPU-hours named by the GPU; dollars spelled "U.S."
        ("DeepSeek-V3 took about 2.8 million H800 hours.", "about 2.8 million H800 hours",
         "deepseek-v3", "training-gpu-hours", 2800000, "agrees"),
        ("DeepSeek-V3 cost 5.58 million U.S. dollars.", "5.58 million U.S. dollars",
         "deepseek-v3", "training-cost", 5580000, "agrees"),
        # a bare score with its evaluation mark before the benchmark
        ("DeepSeek-R1 achieves 79.8 pass@1 on AIME 2024.", "79.8", "deepseek-r1", "aime-2024",
         79.8, "agrees"),
        # what the subject is ("a … model") is no model in general
        ("DeepSeek-R1 is new. It is a mixture-of-experts model with 671B parameters.",
         "671B parameters", "deepseek-r1", "total-parameters", 671000000000, "agrees"),
        # LaTeX math around a number: "$5.6$ million" is money, "$10\% - 15\%$" a percent range
        ("DeepSeek-V3's final training run cost $5.6$ million.", "$5.6$ million", "deepseek-v3",
         "training-cost", 5600000, "agrees"),
        ("DeepSeek-V3 uses only $10\\% - 15\\%$ of its parameters for each token.",
         "$10\\% - 15\\%", "deepseek-v3", "activated-parameter-fraction",
         {"low": 10, "high": 15}, "conflicts"),
        # an amount written out in words
        ("DeepSeek-V3 had a training cost of less than six million dollars.",
         "less than six million dollars", "deepseek-v3", "training-cost", {"high": 6000000},
         "agrees"),
        # a bound recorded in the knowledge base ("below 0.25%") is no range: a figure fits it
        ("DeepSeek-V3 reports a loss perturbation of <0.25% relative to BF16.", "<0.25%",
         "deepseek-v3", "fp8-relative-loss-error", {"high": 0.25}, "agrees"),
        # a month alone, and a part of a year
        ("DeepSeek-V3 was released in December.", "December", "deepseek-v3", "release-date",
         "--12", "agrees"),
        ("DeepSeek-V3 was released in early 2025.", "early 2025", "deepseek-v3", "release-date",
         "2025-01", "misattributed"),  # R1's release, not V3's
        # a date without a word for what it dates: the model's release date
        ("DeepSeek-R1 made the headlines on Jan 27th.", "Jan 27th", "deepseek-r1",
         "release-date", "--01-27", "conflicts"),
        # a name that only qualifies a class of abilities is not the figure's model
        ("DeepSeek said its V3 model reached OpenAI-level abilities for only $6 million.",
         "$6 million", "deepseek-v3", "training-cost", 6000000, "agrees"),
        # a pace: "1 trillion tokens every 3.7 days"
        ("DeepSeek-V3 worked through 1 trillion tokens every 3.7 days.",
         "1 trillion tokens every 3.7 days", "deepseek-v3", "pretraining-days-per-trillion-tokens",
         3.7, "agrees"),
        # what the money was spent on, written after the amount
        ("DeepSeek spent $1.6 billion on GPUs, according to SemiAnalysis.", "$1.6 billion",
         "deepseek", "hardware-capex", 1600000000, "known-misconception"),
        # machines of several GPUs each
        ("DeepSeek-R1 needed only 64 eight-way H800 boxes.", "64 eight-way H800 boxes",
         "deepseek-r1", "gpu-count", 512, "agrees"),
        # "a single" before a count's term, never before a unit ("a single GPU")
        ("DeepSeek-V3 routes each token with a single shared expert.", "a single shared expert",
         "deepseek-v3", "shared-experts", 1, "agrees"),
        # "data points" are samples
        ("DeepSeek-R1's distilled models were fine-tuned on 800k data points.",
         "800k data points", "deepseek-r1", "sft-samples", 800000, "agrees"),
        # a term naming a quantity the knowledge base holds nothing on for the model: the
        # unit's quantity it does hold ("their cluster" of 2,048 GPUs trained the model)
        ("DeepSeek-V3 is fast. Running on 2,048 H800 GPUs, their cluster worked well.",
         "2,048 H800 GPUs", "deepseek-v3", "gpu-count", 2048, "agrees"),
        # the same number as the model's score on another benchmark: the wrong benchmark
        ("DeepSeek-R1 scored 79.8% on the MATH benchmark.", "79.8%", "deepseek-r1", "math", 79.8,
         "misattributed"),
    ],
)  # fmt: skip
def test_prose_notations(kb, text, span, model, quantity, value, outcome) -> None:  # type: ignore[no-untyped-def]
    f = one(kb, text)
    assert (f.text, f.model, f.quantity, f.value, f.outcome) == (
        span,
        model,
        quantity,
        value,
        outcome,
    )


def test_a_figure_paired_after_a_slash_is_read_but_a_fraction_is_not(kb: KnowledgeBase) -> None:
    assert _read(kb, "DeepSeek-V3 (671B/37B-active) trains in FP8.") == [
        ("671B", "deepseek-v3", "total-parameters", 671000000000, "agrees"),
        ("37B", "deepseek-v3", "activated-parameters", 37000000000, "agrees"),
    ]
    assert _read(kb, "DeepSeek-V3 cost 1/10 of that.") == []
    assert _read(kb, "DeepSeek-V3 could even run on a single GPU for a single month.") == []


def test_a_month_alone_is_a_date_unless_relative_or_a_verb() -> None:
    assert [(d.first, d.last) for d in find_dates("the original January paper")] == [
        ("--01", "--01")
    ]
    assert list(find_dates("Last December it said")) == []
    assert list(find_dates("It May help")) == []
    (d,) = find_dates("late 2024")
    assert (d.first, d.last) == ("2024-09-01", "2024-12-31")


def test_a_date_naming_neither_model_nor_event_needs_a_recognised_reading(
    kb: KnowledgeBase,
) -> None:
    assert _read(kb, "On March 3, the markets fell sharply.") == []


@pytest.mark.parametrize(
    ("text", "span", "model", "quantity", "outcome"),
    [
        # a line break ends the clause of a title: the next line's words are not its terms
        ("DeepSeek-R1 Made It Into Nature With a $294,000 Training Bill\n"
         "The paper upset received wisdom about development costs and openness.",
         "$294,000", "deepseek-r1", "training-cost", "agrees"),
        # a relative clause (", where …") names its own models, not the figure's
        ("DeepSeek-R1 is a reasoning model. It was trained cheaply, at US$ 6 million, "
         "where OpenAI spent $100 million on GPT-4.",
         "US$ 6 million", "deepseek-r1", "training-cost", "known-misconception"),
    ],
)  # fmt: skip
def test_clauses_bound_the_words_of_a_figure(kb, text, span, model, quantity, outcome) -> None:  # type: ignore[no-untyped-def]
    f = one(kb, text)
    assert (f.text, f.model, f.quantity, f.outcome) == (span, model, quantity, outcome)


def test_a_variant_name_before_parentheses_owns_them(kb: KnowledgeBase) -> None:
    f = one(kb, "DeepSeek-R1 reached 97.3% on MATH-500, ahead of GPT-4 Turbo (72.6%).")
    assert (f.text, f.outcome) == ("97.3%", "agrees")


def test_an_unnamed_figure_takes_the_nearby_model_that_agrees(kb: KnowledgeBase) -> None:
    text = (
        "Nature printed the R1 report this week, with the compute its training needed. "
        "We will come back to what that says about the industry and its habits of spending.\n\n"
        "It took 198 hours to train the early R1-Zero release.\n\n"
        "Add about 5,000 GPU hours spent producing the supervised fine-tuning datasets."
    )
    figures = check_text(text, kb).figures
    f = next(f for f in figures if f.text == "about 5,000 GPU hours")
    assert (f.model, f.quantity, f.outcome) == ("deepseek-r1", "sft-data-gpu-hours", "agrees")


def test_deepseek_named_for_a_model_hands_that_model_on(kb: KnowledgeBase) -> None:
    text = (
        "Some say DeepSeek-R1 changed the market, others that DeepSeek-V3 did, and many have "
        "written about both of them at great length over the past weeks and months, in blogs, "
        "newsletters, podcasts and papers alike.\n\n"
        "DeepSeek's technical paper lists 2.788 million GPU hours for the final training run. "
        "Taking $2.10 per GPU hour, the arithmetic comes out higher."
    )
    f = next(f for f in check_text(text, kb).figures if f.text.endswith("per GPU hour"))
    assert (f.model, f.quantity, f.outcome) == ("deepseek-v3", "gpu-rental-price", "conflicts")


def test_a_relative_clause_after_a_figure_names_whose_it_is(kb: KnowledgeBase) -> None:
    text = "DeepSeek-R1 scores 97.3% on MATH-500, above the 96.4% that o1-preview posts."
    assert [(f.text, f.outcome) for f in check_text(text, kb).figures] == [("97.3%", "agrees")]
    text = "DeepSeek-R1 cost under $600K, a small share of the $0.6-1B that similar models take."
    assert [f.text for f in check_text(text, kb).figures] == ["under $600K"]


def test_a_range_of_sizes_is_the_distilled_models_range(kb: KnowledgeBase) -> None:
    text = (
        "The appendix gives the settings for RL applied to models ranging from 1.5B to 70B "
        "parameters, with attention to the DeepSeek-R1-Zero and DeepSeek-R1 versions."
    )
    f = one(kb, text)
    assert (f.model, f.quantity, f.outcome) == ("deepseek-r1", "distilled-model-sizes", "agrees")


def test_a_multiple_is_reported_only_where_the_knowledge_base_knows_the_ratio(
    kb: KnowledgeBase,
) -> None:
    f = one(kb, "DeepSeek-V3's MTP module raises decoding throughput by ~1.8×.")
    assert (f.text, f.quantity, f.value, f.outcome) == ("~1.8×", "decoding-speedup", 1.8, "agrees")
    assert check_text("DeepSeek-R1 answers 10x faster than before.", kb).figures == []
    # a magnitude word whose unit only the sentence suggests: reported only when recognised
    text = "DeepSeek-R1 upended a story that called for data centers and investment in billions."
    assert check_text(text, kb).figures == []


def test_a_comparison_after_the_figure_keeps_the_carried_model(kb: KnowledgeBase) -> None:
    text = (
        "DeepSeek-V3 combines three optimisations. Its latent attention shrinks the "
        "128K-context KV cache by far relative to Llama-style attention."
    )
    f = one(kb, text)
    assert (f.text, f.model, f.quantity, f.outcome) == (
        "128K-context",
        "deepseek-v3",
        "context-length",
        "agrees",
    )


def test_a_parameter_count_named_before_its_number(kb: KnowledgeBase) -> None:
    f = one(kb, "DeepSeek-R1 has a total parameter count of 145 billion.")
    assert (f.text, f.quantity, f.outcome) == ("145 billion", "total-parameters", "conflicts")


def test_a_model_named_in_an_earlier_clause_yields_to_one_that_owns_the_figure(
    kb: KnowledgeBase,
) -> None:
    text = (
        "This week Nature carried the DeepSeek-R1 report, with what its training needed.\n\n"
        "It took 198 hours to train the early R1-Zero release, then 80 hours or so more to "
        "finish it."
    )
    found = {f.text: (f.model, f.outcome) for f in check_text(text, kb).figures}
    assert found["198 hours"] == ("deepseek-r1-zero", "agrees")
    assert found["80 hours"] == ("deepseek-r1", "agrees")


def test_a_figure_in_a_heading_takes_a_model_its_section_names(kb: KnowledgeBase) -> None:
    text = (
        "# The Hype Cycle of the $6M Training Story\n\n"
        "A month ago a bombshell went off in the markets, and for days everyone talked about "
        "little else: chips, valuations, export controls and what it all meant for the labs. "
        "Now, after weeks of analysis and argument, it is time to pull the signal out of the "
        "noise and to ask what the number measures, what it leaves out, and why it matters.\n\n"
        "Ever since DeepSeek-V3 came out I have followed this story."
    )
    f = one(kb, text)
    assert (f.text, f.model, f.outcome) == ("$6M", "deepseek-v3", "agrees")


def test_the_second_figure_of_a_pair_in_parentheses_is_the_other_sides(
    kb: KnowledgeBase,
) -> None:
    text = (
        "DeepSeek-R1 posted 79.8% on AIME 2024. "
        "GPQA Diamond still goes to OpenAI (78.3% vs 71.5%), though the margin is small."
    )
    found = [(f.text, f.model, f.quantity, f.outcome) for f in check_text(text, kb).figures]
    assert found[1:] == [("71.5%", "deepseek-r1", "gpqa-diamond", "agrees")]


@pytest.mark.parametrize(
    "price",
    [
        "$2 per hour for each H800",
        "$2/hour per GPU",
        "$2 an hour per GPU",
        "$2/GPU/hour",
        "$2 per GPU per hour",
        "$2 per H800 hour",
        "$2/GPU-hour",
    ],
)
def test_a_price_per_gpu_and_hour_is_the_rental_price_however_written(
    kb: KnowledgeBase, price: str
) -> None:
    """Each but the last was read as a training cost of $2, reported as conflicting."""
    (f,) = check_text(f"DeepSeek-V3 assumed {price}.", kb).figures
    assert (f.text, f.quantity, f.outcome) == (price, "gpu-rental-price", "agrees")


@pytest.mark.parametrize(
    "rate",
    ["$2/hr", "$2 an hour", "$2 per hour", "$0.55/MTok", "$1.35 an hour", "$5.6 million a year"],
)
def test_money_per_something_no_unit_is_in_is_no_total(kb: KnowledgeBase, rate: str) -> None:
    """A rate of no unit the data has was read as the total its currency alone makes it (a
    training cost of $2, conflicting)."""
    assert check_text(f"DeepSeek-V3 costs {rate} to run.", kb).figures == []
    totals = check_text("DeepSeek-V3 cost $5.6 million per training run.", kb).figures
    assert [f.value for f in totals] == [5.6e6]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [  # the magnitude after the second number is the first's too
        ("DeepSeek-V3 cost $5 or $6 million to train.", [(5e6, 6e6)]),  # was $5 and $6M
        ("DeepSeek-V3 cost $5~6M to train.", [(5e6, 6e6)]),  # was $5
        ("DeepSeek-V3 cost $5\u22126 million to train.", [(5e6, 6e6)]),  # a minus sign
        ("DeepSeek-V3 cost $5 through $6 million to train.", [(5e6, 6e6)]),
        # "and" without "between" is two figures, each in millions (was {5M, 5}, inverted)
        ("DeepSeek-V3 cost $5 and $6 million, by two estimates.", [5e6, 6e6]),
        ("DeepSeek-V3 cost between $5 and $6 million to train.", [(5e6, 6e6)]),
    ],
)
def test_a_range_or_pair_shares_the_magnitude_written_after_it(
    kb: KnowledgeBase, sentence: str, values: list[object]
) -> None:
    found = [
        (f.value["low"], f.value["high"]) if isinstance(f.value, dict) else f.value
        for f in check_text(sentence, kb).figures
    ]
    assert found == values


@pytest.mark.parametrize(
    "sentence",
    [
        "DeepSeek-V3 was trained on 2,048 of Nvidia's H800 chips.",
        "DeepSeek-V3 was trained on 2,048 older Nvidia H800 chips.",
        "DeepSeek-V3 was trained on 256 nodes.",
    ],
)
def test_a_cue_of_two_units_gives_a_bare_number_neither(kb: KnowledgeBase, sentence: str) -> None:
    """ "trained on" names the pre-training tokens and the GPU count: a bare number after it
    was read as 2,048 tokens, conflicting."""
    assert all(f.unit != "tokens" for f in check_text(sentence, kb).figures)


def test_a_cue_of_two_units_gives_tokens_to_a_count_only_tokens_reach(kb: KnowledgeBase) -> None:
    (f,) = check_text("DeepSeek-V3 was trained on 14.8 trillion.", kb).figures
    assert (f.value, f.quantity, f.outcome) == (14.8e12, "pretraining-tokens", "agrees")
    (f,) = check_text("DeepSeek-V3 was trained on 2,048 graphics processing units.", kb).figures
    assert (f.value, f.quantity, f.outcome) == (2048, "gpu-count", "agrees")


@pytest.mark.parametrize("mark", ["¹", "²", "⁴"])
def test_a_footnote_mark_after_a_unit_leaves_the_unit_whole(kb: KnowledgeBase, mark: str) -> None:
    """ "GPU hours¹" was not read as GPU hours, and 2.788M became a count of GPUs."""
    (f,) = check_text(f"DeepSeek-V3 used 2.788M H800 GPU hours{mark} in all.", kb).figures
    assert (f.unit, f.quantity, f.outcome) == ("GPU-hours", "training-gpu-hours", "agrees")


@pytest.mark.parametrize(
    ("line", "quantity"),
    [
        ("DeepSeek-R1: 37B activated parameters.", "activated-parameters"),
        ("DeepSeek-V3: 2.664M pre-training GPU hours.", "pretraining-gpu-hours"),
        ("| DeepSeek-R1 | 37B activated parameters |", "activated-parameters"),
    ],
)
def test_a_cell_figure_s_own_words_name_its_quantity(
    kb: KnowledgeBase, line: str, quantity: str
) -> None:
    """The words of the figure's own unit were left out of a cell's words: "37B activated
    parameters" was read as the total parameters, conflicting."""
    text = f"| Model | Spec |\n|---|---|\n{line}\n" if line.startswith("|") else f"{line}\n"
    (f,) = check_text(text, kb, name="a.md", fmt="markdown").figures
    assert (f.quantity, f.outcome) == (quantity, "agrees")


@pytest.mark.parametrize(
    "sentence",
    [
        "DeepSeek-R1 used five hundred and twelve H800 GPUs.",  # was 12 GPUs
        "DeepSeek-V3 took fifty four days.",  # was 4 days
        "DeepSeek-V3 was trained on fourteen point eight trillion tokens.",  # was 8T tokens
        "DeepSeek-R1 has one hundred and twenty eight thousand tokens of context.",  # was 8,000
    ],
)
def test_the_last_word_of_a_number_in_words_is_no_figure_alone(
    kb: KnowledgeBase, sentence: str
) -> None:
    assert check_text(sentence, kb).figures == []
    (f,) = check_text("DeepSeek-V3 took between one and two months.", kb).figures
    assert f.text == "two months"


def test_a_score_written_as_a_fraction_is_read_in_percent(kb: KnowledgeBase) -> None:
    """ "0.798 on AIME 2024" was read as 0.798%, conflicting with 79.8%."""
    (f,) = check_text("DeepSeek-R1 scores 0.798 on AIME 2024.", kb).figures
    assert (f.value, f.outcome) == (pytest.approx(79.8), "agrees")
    table = "| Model | AIME 2024 | MATH-500 |\n|---|---|---|\n| DeepSeek-R1 | 0.798 | 0.973 |\n"
    found = check_text(table, kb, name="a.md", fmt="markdown").figures
    assert [(f.quantity, f.outcome) for f in found] == [
        ("aime-2024", "agrees"),
        ("math-500", "agrees"),
    ]
    (f,) = check_text("DeepSeek-R1 scores 0.5% more on AIME 2024.", kb).figures
    assert f.value == 0.5  # a percent sign: a percent already

"""The real knowledge base in data/: clean validation, headline figures, annotated seeds.

These tests read the project's own records (and, through the configured snapshot
directories, the shared primary texts and seed articles) rather than fixtures, so
a wrong figure, a broken quote or an unannotated seed article fails the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from r1kb.config import find_config
from r1kb.kb import Claim, KnowledgeBase
from r1kb.snapshots import find_snapshot
from r1kb.validate import ValidationResult, validate

ROOT = Path(__file__).resolve().parents[1]

# The five seed articles the project started from (source id -> plain-text copy).
SEED_SOURCES = {
    "seed-milvus-training-duration": "000_fbc6f4b6260cd689.txt",
    "seed-anakin-training-duration": "001_ecd88e7f4fd0f4d5.txt",
    "seed-milvus-batch-size": "002_39e45f6255d2873c.txt",
    "seed-milvus-training-techniques": "003_b11ea42a980cdd34.txt",
    "seed-javaedge-r1-rivals-o1": "004_0f6ef36fceb0fceb.txt",
}

# Headline figures as DeepSeek disclosed them: claim id -> (value, unit).
HEADLINE_FIGURES = {
    "v3-base-total-parameters": (671e9, "parameters"),
    "v3-base-activated-parameters": (37e9, "parameters"),
    "v3-checkpoint-parameters": (685e9, "parameters"),
    "v3-mtp-module-parameters": (14e9, "parameters"),
    "v3-base-pretraining-tokens": (14.8e12, "tokens"),
    "v3-base-gpu-count": (2048, "GPUs"),
    "v3-base-pretraining-gpu-hours": (2.664e6, "GPU-hours"),
    "v3-training-gpu-hours": (2.788e6, "GPU-hours"),
    "v3-gpu-rental-price": (2, "USD-per-GPU-hour"),
    "v3-training-cost": (5.576e6, "USD"),
    "r1-total-parameters": (671e9, "parameters"),
    "r1-activated-parameters": (37e9, "parameters"),
    "r1-context-length": (128_000, "tokens"),
    "r1-rl-gpu-count": (512, "GPUs"),
    "r1-rl-cost": (294_000, "USD"),
    "r1-aime-2024": (79.8, "percent"),
}

HEADLINE_TEXT = {
    "v3-base-gpu-type": ("NVIDIA H800", "text"),
    "r1-release-date": ("2025-01-20", "date"),
    "v3-release-date": ("2024-12-26", "date"),
    "r1-licence": ("MIT License", "text"),
    "r1-rl-algorithm": ("GRPO (Group Relative Policy Optimization)", "text"),
}

# Seed-article claims whose judgement is the point of the record:
# claim id -> (status, verdict, a claim that must be among its corrections).
SEED_JUDGEMENTS = {
    "seed-javaedge-r1-rivals-o1-release-date": ("speculative", "inaccurate", "r1-release-date"),
    "seed-javaedge-r1-rivals-o1-r1-training-cost-5.58m": (
        "speculative",
        "misleading",
        "v3-training-cost",
    ),
    "seed-javaedge-r1-rivals-o1-weekly-cost-113m": (
        "speculative",
        "inaccurate",
        "deepseek-gpu-fleet-size-undisclosed",
    ),
    "seed-milvus-training-techniques-masked-lm-objective": (
        "speculative",
        "inaccurate",
        "v3-base-training-objective",
    ),
    "seed-milvus-training-techniques-mixed-precision-fp16-fp32": (
        "speculative",
        "inaccurate",
        "v3-base-training-precision",
    ),
    "seed-milvus-training-techniques-sparse-attention": (
        "speculative",
        "inaccurate",
        "v3-base-attention-mechanism",
    ),
    "seed-milvus-batch-size-batch-size-undisclosed": (
        "undisclosed",
        "inaccurate",
        "v3-base-batch-size",
    ),
    "seed-milvus-training-duration-training-duration-undisclosed": (
        "undisclosed",
        "outdated",
        "r1-rl-duration",
    ),
    "seed-anakin-training-duration-training-duration-undisclosed": (
        "undisclosed",
        "outdated",
        "r1-rl-duration",
    ),
}


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    config = find_config(ROOT / "data")
    return validate(config.data_dir, config.snapshot_dirs)


@pytest.fixture(scope="module")
def kb(result: ValidationResult) -> KnowledgeBase:
    return result.loaded.kb


def _claim(kb: KnowledgeBase, claim_id: str) -> Claim:
    claim = kb.claims.get(claim_id)
    assert claim is not None, f"claim {claim_id} is missing"
    assert claim.withdrawn is None, f"claim {claim_id} is withdrawn"
    return claim


def _has_primary_evidence(kb: KnowledgeBase, claim: Claim) -> bool:
    return any(
        e.role in ("claims", "supports") and kb.sources[e.source].primary for e in claim.sources
    )


def test_real_data_validates_without_errors(result: ValidationResult) -> None:
    errors = [f"{p.file}:{p.line}: {p.code}: {p.message}" for p in result.errors]
    assert errors == []
    assert len(result.loaded.kb.claims) >= 250


def test_every_quote_is_found_in_its_snapshot(result: ValidationResult) -> None:
    not_found = [p for p in result.problems if p.code == "quote-not-found"]
    assert [f"{p.file}: {p.message}" for p in not_found] == []
    assert result.quote_stats.get("not_found", 0) == 0
    assert result.quote_stats.get("verified", 0) >= 400


def test_every_named_snapshot_is_present_so_its_quotes_are_checked(kb: KnowledgeBase) -> None:
    dirs = find_config(ROOT / "data").snapshot_dirs
    named = {s.id: s.snapshot for s in kb.sources.values() if s.snapshot}
    missing = [sid for sid, name in named.items() if find_snapshot(name, dirs) is None]
    assert missing == []
    # the shared primary documents and all five seed articles are among them
    assert set(SEED_SOURCES.items()) <= set(named.items())
    assert "deepseek-v3-technical-report" in named
    assert "deepseek-r1-paper-v1" in named


@pytest.mark.parametrize(("claim_id", "expected"), sorted(HEADLINE_FIGURES.items()))
def test_headline_figure(kb: KnowledgeBase, claim_id: str, expected: tuple[float, str]) -> None:
    value, unit = expected
    claim = _claim(kb, claim_id)
    assert claim.is_numeric
    assert claim.value == pytest.approx(value, rel=1e-9)
    assert claim.unit == unit
    assert (claim.status, claim.verdict) == ("disclosed", "accurate")
    assert _has_primary_evidence(kb, claim)


@pytest.mark.parametrize(("claim_id", "expected"), sorted(HEADLINE_TEXT.items()))
def test_headline_fact(kb: KnowledgeBase, claim_id: str, expected: tuple[str, str]) -> None:
    value, unit = expected
    claim = _claim(kb, claim_id)
    assert (claim.value, claim.unit) == (value, unit)
    assert (claim.status, claim.verdict) == ("disclosed", "accurate")
    assert _has_primary_evidence(kb, claim)


def test_r1_stage_costs_add_up_to_the_disclosed_total(kb: KnowledgeBase) -> None:
    stages = ("r1-zero-rl-gpu-hours", "r1-sft-data-gpu-hours", "r1-rl-gpu-hours-r1-stage")
    hours = sum(_claim(kb, c).value for c in stages)  # type: ignore[misc]
    assert hours == pytest.approx(_claim(kb, "r1-rl-gpu-hours").value, rel=0.01)
    price = _claim(kb, "r1-gpu-rental-price").value
    assert hours * price == pytest.approx(_claim(kb, "r1-rl-cost").value, rel=0.01)  # type: ignore[operator]


def test_v3_cost_is_its_gpu_hours_at_the_assumed_price(kb: KnowledgeBase) -> None:
    hours = _claim(kb, "v3-training-gpu-hours").value
    price = _claim(kb, "v3-gpu-rental-price").value
    assert hours * price == pytest.approx(_claim(kb, "v3-training-cost").value)  # type: ignore[operator]


@pytest.mark.parametrize("source_id", sorted(SEED_SOURCES))
def test_seed_article_is_annotated(kb: KnowledgeBase, source_id: str) -> None:
    source = kb.sources[source_id]
    assert not source.primary
    claimed = [c for c in kb.live_claims() if source_id in c.source_ids("claims")]
    assert claimed, f"no claim records what {source_id} says"
    # each of its claims carries a judgement, and the wrong ones say what corrects them
    for c in claimed:
        if c.verdict != "accurate":
            assert c.related("corrected_by"), c.id


@pytest.mark.parametrize(("claim_id", "expected"), sorted(SEED_JUDGEMENTS.items()))
def test_seed_judgement(kb: KnowledgeBase, claim_id: str, expected: tuple[str, str, str]) -> None:
    status, verdict, corrector = expected
    claim = _claim(kb, claim_id)
    assert (claim.status, claim.verdict) == (status, verdict)
    assert corrector in claim.related("corrected_by")


def test_seed_articles_are_annotated_in_depth(kb: KnowledgeBase) -> None:
    by_seed = {
        s: [c for c in kb.live_claims() if s in c.source_ids("claims")] for s in SEED_SOURCES
    }
    assert sum(len(cs) for cs in by_seed.values()) >= 50
    verdicts = {c.verdict for cs in by_seed.values() for c in cs}
    # the seeds mix right and wrong figures, and the records say which is which
    assert {"accurate", "inaccurate", "misleading", "unsupported", "outdated"} <= verdicts


def test_every_non_accurate_claim_names_an_accurate_correction(kb: KnowledgeBase) -> None:
    bad = []
    for c in kb.live_claims():
        if c.verdict == "accurate":
            continue
        fixes = [kb.claims.get(i) for i in c.related("corrected_by")]
        if not fixes or any(f is None or f.verdict != "accurate" for f in fixes):
            bad.append(c.id)
    assert bad == []


def test_undisclosed_records_have_no_value_and_list_checked_primary_sources(
    kb: KnowledgeBase,
) -> None:
    for c in kb.live_claims():
        if c.status != "undisclosed":
            continue
        assert c.value is None, c.id
        assert c.checked, c.id
        assert all(kb.sources[s].primary for s in c.checked), c.id


def test_estimates_state_their_method(kb: KnowledgeBase) -> None:
    estimated = [c for c in kb.live_claims() if c.status == "estimated"]
    assert estimated
    assert all(c.method and len(c.method) > 40 for c in estimated)


# Benchmark figures from DeepSeek's tables (issue 9), read by hand from the tables:
# claim id -> (quantity, value, primary source, position of the figure among the quoted row's
# cells counted from the end: -1 is the last column; "-" cells count, "**" is ignored).
BENCHMARK_FIGURES = {
    # R1 paper, Table 4, column DeepSeek-R1 (last column)
    "r1-mmlu-redux": ("mmlu-redux", 92.9, "deepseek-r1-paper-v1", -1),
    "r1-mmlu-pro": ("mmlu-pro", 84.0, "deepseek-r1-paper-v1", -1),
    "r1-simpleqa": ("simpleqa", 30.1, "deepseek-r1-paper-v1", -1),
    "r1-arena-hard": ("arena-hard", 92.3, "deepseek-r1-paper-v1", -1),
    "r1-c-simpleqa": ("c-simpleqa", 63.7, "deepseek-r1-paper-v1", -1),
    # R1 paper, Table 4, column DeepSeek V3 (third of six)
    "v3-c-simpleqa-r1-paper": ("c-simpleqa", 68.0, "deepseek-r1-paper-v1", -4),
    # V3 report, Table 6 (last column), Table 7 and Table 8
    "v3-mmlu-pro": ("mmlu-pro", 75.9, "deepseek-v3-technical-report", -1),
    "v3-livecodebench-no-cot": ("livecodebench", 37.6, "deepseek-v3-technical-report", -1),
    "v3-c-simpleqa": ("c-simpleqa", 64.8, "deepseek-v3-technical-report", -1),
    "v3-arena-hard": ("arena-hard", 85.5, "deepseek-v3-technical-report", -2),
    "v3-alpacaeval-2": ("alpacaeval-2", 70.0, "deepseek-v3-technical-report", -1),
    "v3-rewardbench": ("rewardbench", 87.0, "deepseek-v3-technical-report", -1),
    "v3-rewardbench-chat-hard-maj6": (
        "rewardbench-chat-hard-maj6",
        82.6,
        "deepseek-v3-technical-report",
        -4,
    ),
    # V3 report, Table 3, column DeepSeek-V3 Base (last column)
    "v3-base-mmlu": ("mmlu", 87.1, "deepseek-v3-technical-report", -1),
    "v3-base-pile-test-bpb": ("pile-test-bpb", 0.548, "deepseek-v3-technical-report", -1),
    "v3-base-math": ("math", 61.6, "deepseek-v3-technical-report", -1),
    "v3-base-livecodebench": ("livecodebench", 19.4, "deepseek-v3-technical-report", -1),
    # R1 paper, Table 6, row DeepSeek-R1-Zero-Qwen-32B
    "r1-zero-qwen-32b-aime-2024": ("aime-2024", 47.0, "deepseek-r1-paper-v1", -5),
    "r1-zero-qwen-32b-livecodebench": ("livecodebench", 40.2, "deepseek-r1-paper-v1", -1),
    # R1 paper, Figure 1 (bar labels as the text extraction prints them), bar DeepSeek-R1-32B
    "r1-distill-qwen-32b-mmlu": ("mmlu", 87.4, "deepseek-r1-paper-v1", -2),
    "r1-distill-qwen-32b-swe-bench-verified": (
        "swe-bench-verified",
        36.8,
        "deepseek-r1-paper-v1",
        -1,
    ),
    # R1-0528 model card: columns DeepSeek R1 (-2) and DeepSeek R1 0528 (-1); the Qwen3-8B row
    "r1-0528-humanitys-last-exam": (
        "humanitys-last-exam",
        17.7,
        "huggingface-deepseek-r1-0528-model-card",
        -1,
    ),
    "r1-humanitys-last-exam": (
        "humanitys-last-exam",
        8.5,
        "huggingface-deepseek-r1-0528-model-card",
        -2,
    ),
    "r1-codeforces-rating-div1": (
        "codeforces-rating",
        1530,
        "huggingface-deepseek-r1-0528-model-card",
        -2,
    ),
    "r1-0528-cnmo-2024": ("cnmo-2024", 86.9, "huggingface-deepseek-r1-0528-model-card", -1),
    "r1-0528-qwen3-8b-aime-2024": (
        "aime-2024",
        86.0,
        "huggingface-deepseek-r1-0528-model-card",
        -5,
    ),
    "r1-0528-qwen3-8b-hmmt-2025": (
        "hmmt-2025",
        61.5,
        "huggingface-deepseek-r1-0528-model-card",
        -3,
    ),
    "r1-0528-qwen3-8b-gpqa-diamond": (
        "gpqa-diamond",
        61.1,
        "huggingface-deepseek-r1-0528-model-card",
        -2,
    ),
}


@pytest.mark.parametrize(
    ("claim_id", "expected"), sorted(BENCHMARK_FIGURES.items()), ids=sorted(BENCHMARK_FIGURES)
)
def test_benchmark_figure_is_in_its_primary_quote(
    kb: KnowledgeBase, claim_id: str, expected: tuple[str, float, str, int]
) -> None:
    quantity, value, source_id, position = expected
    claim = _claim(kb, claim_id)
    assert claim.quantity == quantity
    assert (claim.status, claim.verdict) == ("disclosed", "accurate")
    assert claim.value == pytest.approx(value)
    primary = [e for e in claim.sources if e.role == "claims" and e.source == source_id]
    assert primary, f"{claim_id} does not cite {source_id} as its claim"
    assert kb.sources[source_id].primary
    cells = primary[0].quote.replace("**", "").replace("|", " ").split()
    assert float(cells[position]) == pytest.approx(value), (claim_id, cells)


def test_benchmark_quantities_have_terms_and_refine_known_quantities(kb: KnowledgeBase) -> None:
    # the benchmark quantities that predate issue 9 have no terms yet
    older = {"mmlu", "livecodebench", "aime-2024", "gpqa-diamond", "codeforces-rating"}
    older |= {"swe-bench-verified", "codeforces-percentile", "aime-2025", "aime-2024-cons64"}
    for qid in {q for q, *_ in BENCHMARK_FIGURES.values()} - older:
        quantity = kb.quantities[qid]
        assert quantity.group == "benchmark"
        assert quantity.terms, f"{qid} has no terms"
        if quantity.refines:
            assert quantity.refines in kb.quantities and quantity.qualifiers

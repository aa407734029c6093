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
from r1kb.snapshots import find_snapshot, normalise
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
        "inaccurate",
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
        "speculative",
        "inaccurate",
        "v3-base-batch-size",
    ),
    "seed-milvus-training-duration-training-duration-undisclosed": (
        "undisclosed",
        "inaccurate",
        "v3-base-pretraining-duration",
    ),
    "seed-anakin-training-duration-training-duration-undisclosed": (
        "undisclosed",
        "inaccurate",
        "v3-base-pretraining-duration",
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


def test_r1_cost_is_derived_from_disclosed_inputs(kb: KnowledgeBase) -> None:
    # Table 7's cells were read only in third-party renderings, so the $294K is derived from the
    # disclosed GPUs, hours and price rather than quoted.
    claim = _claim(kb, "r1-rl-cost")
    assert (claim.value, claim.unit) == (294_000, "USD")
    assert (claim.status, claim.verdict) == ("derived", "accurate")
    assert claim.derivation
    assert _has_primary_evidence(kb, claim)


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


def test_audit_split_of_the_javaedge_cost_record(kb: KnowledgeBase) -> None:
    framing = _claim(kb, "seed-javaedge-r1-rivals-o1-cost-covers-final-run-only")
    assert (framing.subject, framing.status, framing.verdict) == (
        "deepseek-v3-base",
        "speculative",
        "misleading",
    )
    cumulative = _claim(kb, "seed-javaedge-r1-rivals-o1-r1-cumulative-cost-higher")
    assert (cumulative.status, cumulative.verdict) == ("derived", "accurate")
    assert cumulative.value == {"low": 5_860_000}
    assert "seed-javaedge-r1-rivals-o1-r1-cumulative-cost-higher" in framing.related("corrected_by")


def test_audit_subjects_and_quantities(kb: KnowledgeBase) -> None:
    extension = [c for c in kb.live_claims() if c.id.startswith("v3-context-extension-")]
    assert len(extension) == 7
    assert {c.subject for c in extension} == {"deepseek-v3-base"}
    assert _claim(kb, "r1-rl-duration").quantity == "training-duration"
    assert _claim(kb, "r1-rl-gpu-hours-r1-stage").quantity == "training-gpu-hours"
    assert _claim(kb, "v3-base-sequence-length").value == 4096
    assert _claim(kb, "v3-base-training-compute-6nd").status == "derived"
    assert _claim(kb, "v3-base-training-data-composition").status == "undisclosed"


def test_audit_accurate_claims_do_not_quote_what_they_do_not_say(kb: KnowledgeBase) -> None:
    for c in kb.live_claims():
        if c.verdict != "accurate":
            continue
        for e in c.sources:
            assert "reward system called GRPO" not in e.quote, c.id
            assert "ollama" not in e.quote, c.id
            assert "hardware‑optimisation code" not in e.quote, c.id


def test_checked_lists_only_documents_read_in_full(kb: KnowledgeBase) -> None:
    for c in kb.live_claims():
        for sid in c.checked:
            assert kb.sources[sid].read_as in ("original", "text-copy"), (c.id, sid)


# Issue 9, architecture and training recipe: figures DeepSeek states, each with a fragment
# that must appear in a primary `claims` quote of the record, which itself must be found in
# that source's snapshot: claim id -> (value, unit, fragment as DeepSeek writes the figure).
ARCHITECTURE_AND_RECIPE_FIGURES = {
    "v3-base-kv-compression-dimension": (512, "count", "is set to 512"),
    "v3-base-query-compression-dimension": (1536, "count", "is set to 1536"),
    "v3-base-head-dimension": (128, "count", "per-head dimension dh to 128"),
    "v3-base-rope-head-dimension": (64, "count", "dhR to 64"),
    "v3-base-dense-layers": (3, "count", "except for the first three layers"),
    "v3-base-expert-intermediate-size": (2048, "count", "of each expert is 2048"),
    "v3-base-routing-node-limit": (4, "count", "at most 4 nodes"),
    "v3-base-vocabulary-size-report": (128_000, "tokens", "vocabulary of 128K tokens"),
    "v3-base-mtp-depth": (1, "count", "depth D is set to 1"),
    "v3-mtp-module-activated-parameters": (2.4e9, "parameters", "**2.4B**"),
    "v3-base-embedding-parameters": (0.9e9, "parameters", "0.9B for Embedding"),
    "v3-base-fp8-activation-tile-size": (128, "count", "1x128 tile"),
    "v3-base-fp8-weight-block-size": (128, "count", "128x128 block"),
    "v3-base-fp8-accumulation-interval": (128, "count", "NC = 128 elements"),
    "v3-base-adam-beta1": (0.9, "ratio", "β1 = 0.9"),
    "v3-base-adam-beta2": (0.95, "ratio", "β2 = 0.95"),
    "v3-base-weight-decay": (0.1, "ratio", "weight_decay = 0.1"),
    "v3-base-warmup-steps": (2000, "count", "first 2K steps"),
    "v3-base-learning-rate-decayed": (2.2e-5, "ratio", "2.2 × 10−5"),
    "v3-base-lr-constant-phase-tokens": (10e12, "tokens", "10T training tokens"),
    "v3-base-lr-cosine-decay-tokens": (4.3e12, "tokens", "in 4.3T tokens"),
    "v3-base-lr-final-phase-1-tokens": (333e9, "tokens", "first 333B tokens"),
    "v3-base-lr-final-phase-2-tokens": (167e9, "tokens", "remaining 167B tokens"),
    "v3-base-batch-size-ramp-tokens": (469e9, "tokens", "first 469B tokens"),
    "v3-base-gradient-clipping-norm": (1.0, "ratio", "clipping norm is set to 1.0"),
    "v3-base-bias-update-speed": (0.001, "ratio", "γ to 0.001"),
    "v3-base-bias-update-speed-final": (0.0, "ratio", "to 0.0 for the remaining 500B"),
    "v3-base-balance-loss-factor": (0.0001, "ratio", "α to 0.0001"),
    "v3-base-mtp-loss-weight": (0.3, "ratio", "set to 0.3 for the first 10T"),
    "v3-base-mtp-loss-weight-final": (0.1, "ratio", "to 0.1 for the remaining 4.8T"),
    "v3-base-init-std": (0.006, "ratio", "standard deviation of 0.006"),
    "v3-base-fim-rate": (0.1, "ratio", "at a rate of 0.1"),
    "v3-base-yarn-scale-factor": (40, "ratio", "s = 40"),
    "v3-base-yarn-alpha": (1, "ratio", "α = 1"),
    "v3-base-yarn-beta": (32, "ratio", "β = 32"),
    "v3-base-context-extension-steps-32k": (1000, "count", "each comprising 1000 steps"),
    "v3-sft-epochs": (2, "count", "for two epochs"),
    "v3-sft-learning-rate-initial": (5e-6, "ratio", "starts at 5 × 10−6"),
    "v3-sft-learning-rate-final": (1e-6, "ratio", "decreases to 1 × 10−6"),
    "r1-sft-epochs": (2, "count", "for two epochs"),
    "v3-base-gpus-per-node": (8, "GPUs", "contains 8 GPUs"),
    "v3-base-pipeline-parallel-size": (16, "count", "16-way Pipeline Parallelism"),
    "v3-base-expert-parallel-size": (64, "count", "64-way Expert Parallelism"),
    "v3-base-communication-sms": (20, "count", "only 20 SMs"),
    "v3-prefill-deployment-unit-gpus": (32, "GPUs", "4 nodes with 32 GPUs"),
    "v3-decode-deployment-unit-gpus": (320, "GPUs", "40 nodes with 320 GPUs"),
    "v3-prefill-redundant-experts": (32, "count", "32 redundant experts"),
    "v3-base-experts-per-token-including-shared": (9, "count", "select 9 experts"),
    "v3-mtp-decoding-speedup": (1.8, "ratio", "1.8 times TPS"),
}


@pytest.mark.parametrize(("claim_id", "expected"), sorted(ARCHITECTURE_AND_RECIPE_FIGURES.items()))
def test_architecture_and_recipe_figure_matches_its_primary_quote(
    kb: KnowledgeBase, claim_id: str, expected: tuple[float, str, str]
) -> None:
    value, unit, fragment = expected
    claim = _claim(kb, claim_id)
    assert claim.is_numeric
    assert claim.value == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert claim.unit == unit
    assert (claim.status, claim.verdict) == ("disclosed", "accurate")
    dirs = find_config(ROOT / "data").snapshot_dirs
    quotes = [
        e
        for e in claim.sources
        if e.role == "claims"
        and kb.sources[e.source].primary
        and normalise(fragment) in normalise(e.quote)
    ]
    assert quotes, f"no primary quote of {claim_id} states {fragment!r}"
    for e in quotes:
        name = kb.sources[e.source].snapshot
        assert name, f"{e.source} has no snapshot"
        snapshot = find_snapshot(name, dirs)
        assert snapshot is not None and snapshot.contains(e.quote), (claim_id, e.quote)


def test_mtp_acceptance_rate_is_the_reported_range(kb: KnowledgeBase) -> None:
    claim = _claim(kb, "v3-mtp-acceptance-rate")
    assert claim.value == {"low": 85, "high": 90}
    assert claim.unit == "percent"
    assert any("between 85% and 90%" in e.quote for e in claim.sources if e.role == "claims")


def test_config_figures_agree_with_the_report(kb: KnowledgeBase) -> None:
    # DeepSeek's inference configuration and the report give the same architecture
    config = kb.sources["deepseek-v3-config-671b"]
    assert config.primary and config.kind == "repository"
    for claim_id in (
        "v3-base-kv-compression-dimension",
        "v3-base-query-compression-dimension",
        "v3-base-rope-head-dimension",
        "v3-base-dense-layers",
        "v3-base-expert-intermediate-size",
        "v3-base-layers",
        "v3-base-hidden-size",
        "v3-base-routed-experts",
    ):
        claim = _claim(kb, claim_id)
        cfg = [e for e in claim.sources if e.source == config.id]
        assert cfg, claim_id
        assert all(f"{claim.value:g}" in e.quote for e in cfg), claim_id


def test_derived_layer_expert_and_position_counts(kb: KnowledgeBase) -> None:
    layers = _claim(kb, "v3-base-layers").value
    dense = _claim(kb, "v3-base-dense-layers").value
    assert _claim(kb, "v3-base-moe-layers").value == layers - dense == 58  # type: ignore[operator]
    assert _claim(kb, "v3-base-experts-per-moe-layer").value == 257
    # MLA caches the 512-wide KV latent and the 64-wide RoPE key per token and layer
    assert _claim(kb, "v3-base-kv-cache-width").value == 512 + 64
    positions = _claim(kb, "v3-base-max-position-embeddings")
    assert positions.status == "derived" and positions.value == 4096 * 40
    # the position range is not the supported context, which stays 128K
    assert _claim(kb, "v3-base-context-length").value == 128_000
    assert _claim(kb, "v3-base-vocabulary-size").value == 129_280


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


# --- issue 9: dates, publication, API, third-party estimates, totals and undisclosed records ---

# Figures DeepSeek states in its own documents: claim id -> (value, unit).
ISSUE9_DISCLOSED = {
    "v3-arxiv-id": ("2412.19437", "text"),
    "r1-arxiv-id": ("2501.12948", "text"),
    "r1-nature-issue-date": ("2025-09-18", "date"),
    "deepseek-flashmla-release-date": ("2025-02-24", "date"),
    "deepseek-deepep-release-date": ("2025-02-25", "date"),
    "deepseek-deepgemm-release-date": ("2025-02-26", "date"),
    "deepseek-dualpipe-release-date": ("2025-02-27", "date"),
    "deepseek-eplb-release-date": ("2025-02-27", "date"),
    "deepseek-3fs-release-date": ("2025-02-28", "date"),
    "r1-api-context-length-2025-01": (64_000, "tokens"),
    "r1-api-max-cot-tokens-2025-01": (32_000, "tokens"),
    "r1-api-max-output-tokens-2025-01": (8_000, "tokens"),
    "v3-api-input-price-2025-02": (0.27, "USD-per-million-tokens"),
    "v3-api-output-price-2025-02": (1.10, "USD-per-million-tokens"),
    "v3-api-discount-end-date": ("2025-02-08", "date"),
    "r1-api-output-price-off-peak": (0.55, "USD-per-million-tokens"),
    "deepseek-api-input-price-2025-09": (0.56, "USD-per-million-tokens"),
    "deepseek-api-output-price-2025-09": (1.68, "USD-per-million-tokens"),
    "deepseek-api-price-change-date-2025-09": ("2025-09-05", "date"),
    "deepseek-inference-cost-per-day-2025-02": (87_072, "USD-per-day"),
    "deepseek-inference-cost-profit-margin-2025-02": (545, "percent"),
    "deepseek-fire-flyer-2-a100-count": (10_000, "GPUs"),
    "deepseek-api-context-length-2025-09": (128_000, "tokens"),
}

# Third-party estimates: claim id -> (value, a source that makes it).
ISSUE9_ESTIMATES = {
    "deepseek-h800-count-semianalysis": (
        10_000,
        "tomshardware-2025-deepseek-50000-gpus-1-6-billion",
    ),
    "deepseek-h100-count-semianalysis": (
        10_000,
        "tomshardware-2025-deepseek-50000-gpus-1-6-billion",
    ),
    "deepseek-operating-cost-semianalysis": (
        944e6,
        "tomshardware-2025-deepseek-50000-gpus-1-6-billion",
    ),
}

ISSUE9_UNDISCLOSED = [
    "v3-base-training-energy-undisclosed",
    "v3-base-training-carbon-undisclosed",
    "v3-base-training-water-undisclosed",
    "v3-base-pretraining-data-sources-undisclosed",
    "v3-training-compute-undisclosed",
    "v3-data-labour-undisclosed",
    "r1-training-energy-undisclosed",
    "r1-training-carbon-undisclosed",
    "r1-training-water-undisclosed",
    "r1-data-labour-undisclosed",
    "r1-development-cost-undisclosed",
    "r1-zero-training-compute-undisclosed",
    "r1-0528-training-compute-undisclosed",
    "r1-0528-training-gpu-hours-undisclosed",
    "r1-0528-training-cost-undisclosed",
    "r1-0528-training-data-composition-undisclosed",
    "deepseek-operating-cost-undisclosed",
    "r1-distill-qwen-1.5b-training-compute-undisclosed",
    "r1-distill-llama-70b-training-compute-undisclosed",
]


@pytest.mark.parametrize(("claim_id", "expected"), sorted(ISSUE9_DISCLOSED.items()))
def test_issue9_disclosed_figure(kb: KnowledgeBase, claim_id: str, expected: tuple) -> None:
    value, unit = expected
    claim = _claim(kb, claim_id)
    if isinstance(value, str):
        assert claim.value == value
    else:
        assert claim.value == pytest.approx(value, rel=1e-9)
    assert claim.unit == unit
    assert (claim.status, claim.verdict) == ("disclosed", "accurate")
    assert _has_primary_evidence(kb, claim)
    assert all(e.locator and e.quote for e in claim.sources)


def test_issue9_arxiv_ids_rest_on_verified_readme_quotes(kb: KnowledgeBase) -> None:
    for claim_id, readme in (
        ("v3-arxiv-id", "deepseek-v3-readme"),
        ("r1-arxiv-id", "deepseek-r1-readme"),
    ):
        claim = _claim(kb, claim_id)
        assert readme in claim.source_ids("claims")
        assert kb.sources[readme].snapshot  # quoted from a snapshot, so the validator checks it
        assert any(str(claim.value) in e.quote for e in claim.sources if e.source == readme)


@pytest.mark.parametrize(("claim_id", "expected"), sorted(ISSUE9_ESTIMATES.items()))
def test_issue9_estimates_name_who_and_how(
    kb: KnowledgeBase, claim_id: str, expected: tuple[float, str]
) -> None:
    value, source_id = expected
    claim = _claim(kb, claim_id)
    assert claim.status == "estimated"
    assert claim.value == pytest.approx(value)
    assert claim.method and "SemiAnalysis" in claim.method
    assert source_id in claim.source_ids("claims")
    assert not kb.sources[source_id].primary
    # DeepSeek disclosed no fleet or operating cost, so the estimate names what corrects it
    assert claim.verdict == "unsupported" and claim.related("corrected_by")


def test_issue9_a100_cluster_is_disclosed_by_deepseeks_own_paper(kb: KnowledgeBase) -> None:
    claim = _claim(kb, "deepseek-fire-flyer-2-a100-count")
    assert claim.status == "disclosed"
    assert "fire-flyer-ai-hpc-2024" in claim.source_ids("claims")
    assert kb.sources["fire-flyer-ai-hpc-2024"].primary
    assert any("10,000 PCIe A100" in e.quote for e in claim.sources)


def test_issue9_r1_totals_including_base_are_derived_from_deepseeks_figures(
    kb: KnowledgeBase,
) -> None:
    hours = _claim(kb, "r1-training-gpu-hours-including-base")
    cost = _claim(kb, "r1-training-cost-including-base")
    assert hours.quantity == "cumulative-training-gpu-hours"
    assert cost.quantity == "cumulative-training-cost"  # not R1's own training cost
    for claim in (hours, cost):
        assert (claim.status, claim.verdict) == ("derived", "accurate")
        assert claim.derivation is not None
        assert claim.scope and "Excludes" in claim.scope
    parts = ("v3-base-pretraining-gpu-hours", "v3-context-extension-gpu-hours", "r1-rl-gpu-hours")
    assert hours.value == pytest.approx(sum(_claim(kb, c).value for c in parts))  # type: ignore[misc]
    costs = ("v3-base-pretraining-cost", "v3-context-extension-cost", "r1-rl-cost")
    assert cost.value == pytest.approx(sum(_claim(kb, c).value for c in costs))  # type: ignore[misc]
    assert cost.value == pytest.approx(5.86e6)
    # the total is neither R1's own stages nor V3's official run
    assert cost.value not in (_claim(kb, "r1-rl-cost").value, _claim(kb, "v3-training-cost").value)


def test_issue9_off_peak_discounts_recompute_from_the_prices(kb: KnowledgeBase) -> None:
    for claim_id, expected in (("r1-api-off-peak-discount", 75), ("v3-api-off-peak-discount", 50)):
        claim = _claim(kb, claim_id)
        assert claim.status == "derived"
        assert claim.value == pytest.approx(expected)


def test_issue9_theoretical_margin_recomputes_from_revenue_and_cost(kb: KnowledgeBase) -> None:
    revenue = _claim(kb, "deepseek-inference-theoretical-revenue-per-day-2025-02").value
    cost = _claim(kb, "deepseek-inference-cost-per-day-2025-02").value
    margin = _claim(kb, "deepseek-inference-cost-profit-margin-2025-02")
    assert (revenue - cost) / cost * 100 == pytest.approx(margin.value, abs=0.6)  # type: ignore[operator]
    assert margin.scope and "heoretical" in margin.scope


@pytest.mark.parametrize("claim_id", ISSUE9_UNDISCLOSED)
def test_issue9_undisclosed_records_list_documents_read_in_full(
    kb: KnowledgeBase, claim_id: str
) -> None:
    claim = _claim(kb, claim_id)
    assert (claim.status, claim.verdict, claim.value) == ("undisclosed", "accurate", None)
    assert claim.checked and all(kb.sources[s].primary for s in claim.checked)
    # only documents read in full count as checked: never an excerpt
    assert all(kb.sources[s].read_as in ("original", "text-copy") for s in claim.checked)
    assert "deepseek-v3-technical-report" in claim.checked


def test_issue9_new_quantities_have_units_and_terms(kb: KnowledgeBase) -> None:
    for qid, unit in (
        ("training-energy", "kWh"),
        ("training-carbon", "tCO2e"),
        ("training-water", "litres"),
        ("data-labour", "text"),
        ("api-context-length", "tokens"),
        ("api-max-cot-tokens", "tokens"),
        ("api-max-output-tokens", "tokens"),
        ("operating-cost", "USD"),
    ):
        quantity = kb.quantities[qid]
        assert quantity.unit == unit
        assert quantity.terms


# Content gaps found by check-source on the labelled articles (shared/articles): figures the
# articles state correctly that had no accurate claim. Each: claim id -> (quantity, value, unit,
# status, a fragment that must be in one of its quotes, as DeepSeek or the journal writes it).
CONTENT_GAP_FIGURES = {
    "r1-distilled-model-sizes": (
        "distilled-model-sizes",
        {"low": 1.5e9, "high": 70e9},
        "parameters",
        "disclosed",
        "(1.5B, 7B, 8B, 14B, 32B, 70B)",
    ),
    "r1-distilled-model-count": (
        "distilled-model-count",
        6,
        "count",
        "disclosed",
        "six dense models",
    ),
    "r1-zero-training-duration": (
        "training-duration",
        198,
        "hours",
        "disclosed",
        "approximately 198 hours",
    ),
    "r1-zero-total-parameters-660b": (
        "total-parameters",
        660e9,
        "parameters",
        "disclosed",
        "660B R1-Zero",
    ),
    "r1-total-parameters-660b": (
        "total-parameters",
        660e9,
        "parameters",
        "disclosed",
        "660B R1-Zero and R1",
    ),
    "r1-nature-received-date": (
        "manuscript-received-date",
        "2025-02-14",
        "date",
        "disclosed",
        "Received: 14 February 2025",
    ),
    "r1-nature-accepted-date": (
        "manuscript-accepted-date",
        "2025-07-17",
        "date",
        "disclosed",
        "Accepted: 17 July 2025",
    ),
    "r1-nature-online-publication-date": (
        "publication-date",
        "2025-09-17",
        "date",
        "disclosed",
        "Published online: 17 September 2025",
    ),
    "r1-paper-publication-date": (
        "publication-date",
        "2025-01-20",
        "date",
        "disclosed",
        "Release DeepSeek-R1",
    ),
    "v3-base-kv-heads": ("kv-heads", 128, "count", "derived", "attention heads nh to 128"),
    "v3-training-duration-derived": (
        "training-duration",
        56.7,
        "days",
        "derived",
        "2.788M GPU hours",
    ),
    "v3-base-activated-parameter-fraction": (
        "activated-parameter-fraction",
        5.5,
        "percent",
        "derived",
        "671B total parameters with 37B activated",
    ),
    "v3-base-fp8-theoretical-speedup": (
        "fp8-theoretical-speedup",
        2,
        "ratio",
        "disclosed",
        "theoretically doubles the computational speed",
    ),
    "v3-base-irrecoverable-loss-spikes": (
        "irrecoverable-loss-spikes",
        0,
        "count",
        "disclosed",
        "did not experience any irrecoverable loss spikes",
    ),
    "v3-report-publication-date": (
        "publication-date",
        "2024-12-26",
        "date",
        "disclosed",
        "Release DeepSeek-V3",
    ),
    "r1-rl-stages": ("rl-stages", 2, "count", "disclosed", "two RL stages"),
    "r1-sft-stages": ("sft-stages", 2, "count", "disclosed", "two SFT stages"),
    "v3-base-dense-ffn-expansion-ratio": (
        "ffn-expansion-ratio",
        2.571,
        "ratio",
        "derived",
        "18432",
    ),
    "v3-base-expert-ffn-expansion-ratio": (
        "ffn-expansion-ratio",
        0.2857,
        "ratio",
        "derived",
        "2048",
    ),
    "v3-base-query-kv-head-ratio": ("query-kv-head-ratio", 1, "ratio", "derived", "nh to 128"),
    "r1-base-model-compute-share": (
        "base-model-compute-share",
        95.0,
        "percent",
        "derived",
        "2664K 119K",
    ),
    "r1-cumulative-cost-multiple": (
        "cumulative-cost-multiple",
        19.9,
        "ratio",
        "derived",
        "$5.328M $0.238M",
    ),
    **{
        f"r1-distill-{m}-epochs": (
            "epochs",
            {"low": 2, "high": 3},
            "count",
            "disclosed",
            "for 2–3 epochs",
        )
        for m in ("qwen-1.5b", "qwen-7b", "llama-8b", "qwen-14b", "qwen-32b", "llama-70b")
    },
}


@pytest.mark.parametrize(("claim_id", "expected"), sorted(CONTENT_GAP_FIGURES.items()))
def test_content_gap_figure_matches_its_quote(
    kb: KnowledgeBase, claim_id: str, expected: tuple
) -> None:
    quantity, value, unit, status, fragment = expected
    claim = _claim(kb, claim_id)
    assert claim.quantity == quantity
    assert claim.unit == unit
    if isinstance(value, (dict, str)):
        assert claim.value == value
    else:
        assert claim.value == pytest.approx(value, rel=1e-9)
    assert (claim.status, claim.verdict) == (status, "accurate")
    assert _has_primary_evidence(kb, claim)
    assert all(e.locator and e.quote for e in claim.sources)
    assert any(normalise(fragment) in normalise(e.quote) for e in claim.sources), fragment
    # where the source has a snapshot, every quote of the record is found in it
    dirs = find_config(ROOT / "data").snapshot_dirs
    for e in claim.sources:
        name = kb.sources[e.source].snapshot
        if name:
            snapshot = find_snapshot(name, dirs)
            assert snapshot is not None and snapshot.contains(e.quote), (claim_id, e.quote)


def test_content_gap_figures_recompute_and_agree_with_their_inputs(kb: KnowledgeBase) -> None:
    sizes = _claim(kb, "r1-distilled-model-sizes").value
    distilled = [
        c.value
        for c in kb.live_claims()
        if c.quantity == "total-parameters" and c.subject.startswith("deepseek-r1-distill-")
        and c.verdict == "accurate"
    ]  # fmt: skip
    assert sizes == {"low": min(distilled), "high": max(distilled)}  # type: ignore[type-var]
    assert _claim(kb, "r1-distilled-model-count").value == len(set(distilled)) == 6
    # R1-Zero's whole training is its RL run: the same 198 hours
    assert _claim(kb, "r1-zero-training-duration").value == _claim(kb, "r1-zero-rl-duration").value
    # 660B is DeepSeek's own rounding of 671B, within 2 %
    exact = _claim(kb, "r1-zero-total-parameters").value
    assert abs(660e9 - exact) / exact < 0.02  # type: ignore[operator]
    assert _claim(kb, "v3-base-kv-heads").value == _claim(kb, "v3-base-attention-heads").value

    def value(claim_id: str) -> float:
        return float(_claim(kb, claim_id).value)  # type: ignore[arg-type]

    days = value("v3-training-gpu-hours") / value("v3-base-gpu-count") / 24
    assert days == pytest.approx(value("v3-training-duration-derived"), rel=0.005)
    share = value("v3-base-activated-parameters") / value("v3-base-total-parameters")
    assert share * 100 == pytest.approx(value("v3-base-activated-parameter-fraction"), rel=0.005)
    # the three Nature dates come in order, and the issue date follows online publication
    received, accepted, online, issue = (
        _claim(kb, c).value
        for c in (
            "r1-nature-received-date",
            "r1-nature-accepted-date",
            "r1-nature-online-publication-date",
            "r1-nature-issue-date",
        )
    )
    assert received < accepted < online < issue  # type: ignore[operator]
    for qid in ("distilled-model-sizes", "distilled-model-count", "kv-heads",
                "manuscript-received-date", "manuscript-accepted-date",
                "activated-parameter-fraction", "fp8-theoretical-speedup",
                "irrecoverable-loss-spikes", "rl-stages", "sft-stages", "ffn-expansion-ratio",
                "query-kv-head-ratio", "base-model-compute-share",
                "cumulative-cost-multiple"):  # fmt: skip
        assert kb.quantities[qid].terms, qid

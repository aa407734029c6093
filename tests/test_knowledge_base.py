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

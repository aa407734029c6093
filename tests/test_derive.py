"""Recomputing derivations: units, tolerance, inputs from claims, redirects and constants."""

from __future__ import annotations

from typing import Any

import pytest

from r1kb.derive import DEFAULT_TOLERANCE, recompute
from r1kb.kb import Claim, KnowledgeBase
from r1kb.units import UnitSystem


def claim(cid: str, value: Any, unit: str, derivation: dict[str, Any] | None = None) -> Claim:
    return Claim(
        id=cid,
        file=f"claims/{cid}.yaml",
        subject="deepseek-v3",
        quantity="training-cost",
        value=value,
        unit=unit,
        statement="A statement long enough.",
        status="derived" if derivation else "disclosed",
        verdict="accurate",
        sources=[],
        derivation=derivation,
    )


COST = {
    "formula": "gpu_hours * price",
    "inputs": {"gpu_hours": {"claim": "v3-gpu-hours"}, "price": {"claim": "v3-price"}},
}


@pytest.fixture
def kb(real_units: UnitSystem) -> KnowledgeBase:
    kb = KnowledgeBase(units=real_units.units)
    for c in [
        claim("v3-gpu-hours", 2_788_000, "GPU-hours"),
        claim("v3-price", 2, "USD-per-GPU-hour"),
        claim("v3-duration", {"high": 2}, "months"),
        claim("r1-licence", "MIT", "text"),
        claim("r1-release-date", "2025-01-20", "date"),
    ]:
        kb.claims[c.id] = c
    kb.redirects["old-gpu-hours"] = "v3-gpu-hours"
    return kb


def test_recomputes_with_units(kb: KnowledgeBase, real_units: UnitSystem) -> None:
    r = recompute(kb, real_units, claim("cost", 5_576_000, "USD", COST))
    assert r.error is None and r.agrees is True
    assert r.value == pytest.approx(5_576_000)
    assert r.tolerance == DEFAULT_TOLERANCE


def test_result_is_converted_to_the_claims_unit(kb: KnowledgeBase, real_units: UnitSystem) -> None:
    weekly = {
        "formula": "gpus * price",
        "inputs": {
            "gpus": {"value": 50_000, "unit": "GPUs"},
            "price": {"value": 1.35, "unit": "USD-per-GPU-hour"},
        },
    }
    r = recompute(kb, real_units, claim("weekly", 113_000_000, "USD-per-week", weekly))
    assert r.value == pytest.approx(11_340_000)
    assert r.agrees is False  # the seeds' $113M a week is ten times too high


@pytest.mark.parametrize(
    ("stated", "tolerance", "agrees"),
    [
        (5_576_000, None, True),
        (5_600_000, None, True),  # 0.43 % off: within the default 0.5 %
        (5_610_000, None, False),  # 0.61 % off
        (5_500_000, 0.02, True),
        (5_500_000, 0.01, False),
        ({"low": 5_000_000, "high": 6_000_000}, None, True),
        ({"high": 5_000_000}, None, False),
        ({"low": 5_590_000}, 0.005, True),  # the bound carries the tolerance too
        ({"low": 5_700_000}, 0.005, False),
    ],
)
def test_tolerance(
    kb: KnowledgeBase, real_units: UnitSystem, stated: Any, tolerance: float | None, agrees: bool
) -> None:
    derivation = dict(COST) if tolerance is None else {**COST, "tolerance": tolerance}
    assert recompute(kb, real_units, claim("cost", stated, "USD", derivation)).agrees is agrees


def test_inputs_follow_redirects_and_constants_carry_units(
    kb: KnowledgeBase, real_units: UnitSystem
) -> None:
    derivation = {
        "formula": "hours * price * days_per_week / week",
        "inputs": {
            "hours": {"claim": "old-gpu-hours"},
            "price": {"claim": "v3-price"},
            "days_per_week": {"value": 7, "unit": "days"},
            "week": {"value": 1, "unit": "weeks"},
        },
    }
    r = recompute(kb, real_units, claim("cost", 5_576_000, "USD", derivation))
    assert r.error is None and r.agrees is True


@pytest.mark.parametrize(
    ("formula", "inputs", "unit", "code"),
    [
        ("gpu_hours * rate", COST["inputs"], "USD", "formula-invalid"),
        (
            "gpu_hours * days",
            {"gpu_hours": {"claim": "v3-gpu-hours"}, "days": {"claim": "v3-duration"}},
            "USD",
            "formula-invalid",
        ),
        (
            "gpu_hours * l",
            {"gpu_hours": {"claim": "v3-gpu-hours"}, "l": {"claim": "r1-licence"}},
            "USD",
            "formula-invalid",
        ),
        ("gpu_hours", {"gpu_hours": {"claim": "no-such-claim"}}, "USD", "formula-invalid"),
        ("gpu_hours * price", COST["inputs"], "text", "formula-invalid"),
        ("gpu_hours * price", COST["inputs"], "date", "formula-invalid"),
        ("gpu_hours * price / 0", COST["inputs"], "USD", "formula-invalid"),
        ("gpu_hours * price * 1e300 * 1e300", COST["inputs"], "USD", "formula-invalid"),
        ("gpu_hours + price", COST["inputs"], "USD", "formula-unit-mismatch"),
        ("gpu_hours * price", COST["inputs"], "GPU-hours", "formula-unit-mismatch"),
        ("gpu_hours ** price", COST["inputs"], "USD", "formula-unit-mismatch"),
    ],
)
def test_errors_have_codes(
    kb: KnowledgeBase,
    real_units: UnitSystem,
    formula: str,
    inputs: dict[str, Any],
    unit: str,
    code: str,
) -> None:
    r = recompute(kb, real_units, claim("x", 1, unit, {"formula": formula, "inputs": inputs}))
    assert r.error_code == code and r.error
    assert r.agrees is None


def test_the_dimension_check_is_remembered_per_signature(real_units: UnitSystem) -> None:
    kb = KnowledgeBase(units=real_units.units)
    kb.claims["v3-gpu-hours"] = claim("v3-gpu-hours", 2_788_000, "GPU-hours")
    kb.claims["v3-price"] = claim("v3-price", 2, "USD-per-GPU-hour")
    units = UnitSystem(real_units.units)
    first = recompute(kb, units, claim("a", 5_576_000, "USD", COST))
    kb.claims["v3-price"] = claim("v3-price", 3, "USD-per-GPU-hour")
    second = recompute(kb, units, claim("b", 5_576_000, "USD", COST))
    assert first.agrees is True and second.agrees is False
    assert second.value == pytest.approx(8_364_000)
    assert len(units.checked_signatures) == 1

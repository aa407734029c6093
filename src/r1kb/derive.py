"""Recompute a claim's derivation with units; shared by the validator and the site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from r1kb.formula import DimensionError, FormulaError, evaluate, names
from r1kb.kb import Claim, KnowledgeBase
from r1kb.units import UnitError, UnitSystem

DEFAULT_TOLERANCE = 0.005


@dataclass
class Recomputation:
    value: float | None = None  # in the claim's unit
    agrees: bool | None = None
    error: str | None = None
    error_code: str | None = None  # formula-invalid or formula-unit-mismatch
    tolerance: float = DEFAULT_TOLERANCE


def _input(kb: KnowledgeBase, name: str, spec: dict[str, Any]) -> tuple[float, str]:
    """An input's number and unit id."""
    if "claim" in spec:
        src = kb.resolve(spec["claim"])
        if src is None:
            raise FormulaError(f"input {name!r}: claim {spec['claim']!r} is not a valid claim")
        if not src.is_numeric:
            raise FormulaError(
                f"input {name!r}: claim {src.id!r} has no single number (value {src.value!r})"
            )
        return float(src.value), src.unit  # type: ignore[arg-type]
    return float(spec["value"]), spec["unit"]


def recompute(kb: KnowledgeBase, units: UnitSystem, claim: Claim) -> Recomputation:
    """Evaluate the formula and compare it with the stated value.

    The dimensions are checked with pint once per signature (formula, input units, claim
    unit); the arithmetic itself runs on plain floats in base units, which is exact for
    these multiplicative units and ~50x faster than pint quantities.
    """
    d = claim.derivation
    if not d:
        return Recomputation(error="no derivation")
    out = Recomputation(tolerance=float(d.get("tolerance", DEFAULT_TOLERANCE)))
    try:
        formula = d["formula"]
        unknown = names(formula) - set(d["inputs"])
        if unknown:
            raise FormulaError(f"{', '.join(sorted(unknown))} not among the inputs")
        inputs = {n: _input(kb, n, s) for n, s in d["inputs"].items()}
        non_numeric = not units.is_numeric(claim.unit) and claim.unit != "1"
        if claim.unit in ("date", "text") or non_numeric:
            raise FormulaError(f"unit {claim.unit!r} is not numeric")
        signature = (formula, claim.unit, *sorted((n, u) for n, (_, u) in inputs.items()))
        if signature not in units.checked_signatures:
            env = {n: units.quantity(v, u) for n, (v, u) in inputs.items()}
            result = evaluate(formula, env)
            if not hasattr(result, "to"):
                result = units.quantity(float(result), "1")
            units.magnitude_in(result, claim.unit)  # raises UnitError on a dimension mismatch
            units.checked_signatures.add(signature)
        base = {n: v * units.base_factor(u) for n, (v, u) in inputs.items()}
        out.value = float(evaluate(formula, base)) / units.base_factor(claim.unit)
    except FormulaError as exc:
        out.error, out.error_code = str(exc), "formula-invalid"
        return out
    except (DimensionError, UnitError) as exc:
        out.error, out.error_code = str(exc), "formula-unit-mismatch"
        return out
    except (OverflowError, ZeroDivisionError) as exc:
        out.error, out.error_code = f"cannot compute: {exc}", "formula-invalid"
        return out
    out.agrees = _agrees(out.value, claim.value, out.tolerance)
    return out


def _agrees(computed: float, stated: Any, tolerance: float) -> bool | None:
    if isinstance(stated, bool) or stated is None or isinstance(stated, str):
        return None
    if isinstance(stated, (int, float)):
        return abs(computed - stated) <= tolerance * max(abs(stated), 1e-300)
    low, high = stated.get("low"), stated.get("high")
    if low is not None and computed < low - tolerance * abs(low):
        return False
    return not (high is not None and computed > high + tolerance * abs(high))

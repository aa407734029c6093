"""Formulas recompute to the stated values; the arithmetic decides `inaccurate`."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.cycles import Circle, cycles
from r1kb.derive import recompute
from r1kb.problems import Problem, problem
from r1kb.rules import Context


def _cycles(ctx: Context) -> dict[str, Circle]:
    graph = {  # an input named by an old id is the claim it redirects to
        c.id: [
            ctx.kb.current_id(s["claim"])
            for s in (c.derivation or {}).get("inputs", {}).values()
            if "claim" in s
        ]
        for c in ctx.kb.claims.values()
    }
    return cycles(graph)


def derivations(ctx: Context) -> Iterator[Problem]:
    cyclic = _cycles(ctx)
    for c in ctx.kb.claims.values():
        if not c.derivation:
            continue
        if c.id in cyclic:
            yield problem(
                c.file,
                "derivation-cycle",
                f"this derivation depends on itself through its inputs: {cyclic[c.id].show()}",
                ("derivation", "inputs"),
            )
            continue
        if any(
            "claim" in s and not ctx.claim_exists(s["claim"])
            for s in c.derivation["inputs"].values()
        ):
            continue  # reported as unknown-claim
        if _unit_unusable(ctx, c.unit) or any(
            _unit_unusable(ctx, _input_unit(ctx, s)) for s in c.derivation["inputs"].values()
        ):
            continue  # reported as unknown-unit, or once at the unit's bad definition
        r = recompute(ctx.kb, ctx.units, c)
        if r.error_code:
            yield problem(c.file, r.error_code, r.error or "", ("derivation", "formula"))
            continue
        if r.agrees is False and c.verdict != "inaccurate":
            yield problem(
                c.file,
                "arithmetic-disagrees",
                f"{c.derivation['formula']} = {r.value:.6g} {c.unit}, but the value is "
                f"{_show(c.value)} (tolerance {r.tolerance:g})",
                ("value",),
                hint="set verdict: inaccurate (and name the correction), or fix the value",
            )
        elif r.agrees is True and c.verdict == "inaccurate":
            yield problem(
                c.file,
                "arithmetic-agrees",
                f"{c.derivation['formula']} = {r.value:.6g} {c.unit} matches the value "
                f"{_show(c.value)}: the arithmetic is right",
                ("verdict",),
            )


def _input_unit(ctx: Context, spec: dict[str, str]) -> str | None:
    if "claim" in spec:
        source = ctx.kb.resolve(spec["claim"])
        return source.unit if source is not None else None
    return spec.get("unit")


def _unit_unusable(ctx: Context, unit: str | None) -> bool:
    """Not defined, or defined on something that cannot be (bad-unit-definition)."""
    if unit is None or unit == "1":
        return False
    return unit not in ctx.kb.units or ctx.units.broken(unit)


def _show(value: object) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


RULES = [derivations]

"""Corrections, contradictions, agreement between accurate claims, withdrawal and history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from r1kb.kb import Claim
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.units import UnitError

AGREEMENT_TOLERANCE = 0.005


def corrections(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for c in kb.claims.values():
        targets = c.related("corrected_by")
        if c.verdict != "accurate" and not targets and c.withdrawn is None:
            yield problem(
                c.file,
                "correction-missing",
                f"a claim judged {c.verdict} names the accurate claims that correct it",
                ("verdict",),
                hint="add relations: {corrected_by: [<claim id>]}",
            )
        for i, t in enumerate(targets):
            target = kb.resolve(t)
            if target is not None and target.verdict != "accurate":
                yield problem(
                    c.file,
                    "correction-not-accurate",
                    f"{t!r} is {target.verdict}, so it cannot correct this claim",
                    ("relations", "corrected_by", i),
                )


def contradictions(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for c in kb.claims.values():
        for i, t in enumerate(c.related("contradicts")):
            other = kb.claims.get(t)
            if other is not None and c.id not in other.related("contradicts"):
                yield problem(
                    c.file,
                    "contradiction-not-symmetric",
                    f"{t!r} does not list {c.id!r} in its `contradicts`",
                    ("relations", "contradicts", i),
                )


def _comparable(ctx: Context, c: Claim, unit: str) -> Any:
    """The value as (low, high) in the quantity's unit, or a date string; None if not comparable."""
    v = c.value
    if c.unit == "date":
        return v if isinstance(v, str) else None
    if not ctx.units.is_numeric(c.unit) or v is None or isinstance(v, str):
        return None
    try:
        if isinstance(v, dict):
            lo, hi = v.get("low"), v.get("high")
            return (
                None if lo is None else ctx.units.convert(lo, c.unit, unit),
                None if hi is None else ctx.units.convert(hi, c.unit, unit),
            )
        x = ctx.units.convert(float(v), c.unit, unit)
    except (UnitError, TypeError, ValueError):  # pint's DimensionalityError is a TypeError
        return None
    return (x, x)


def _disagree(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a != b
    (alo, ahi), (blo, bhi) = a, b
    tol = AGREEMENT_TOLERANCE
    if alo is not None and bhi is not None and alo > bhi + tol * abs(bhi):
        return True
    return blo is not None and ahi is not None and blo > ahi + tol * abs(ahi)


def accurate_agreement(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in kb.claims.values():
        if c.verdict == "accurate" and c.withdrawn is None and c.value is not None:
            groups[(c.subject, c.quantity, (c.scope or "").strip().lower())].append(c)
    for (_, qid, _), claims in groups.items():
        quantity = kb.quantities.get(qid)
        if quantity is None or len(claims) < 2:
            continue
        values = [
            (c, _comparable(ctx, c, quantity.unit)) for c in sorted(claims, key=lambda c: c.id)
        ]
        values = [(c, v) for c, v in values if v is not None]
        for i, (a, va) in enumerate(values):
            for b, vb in values[i + 1 :]:
                if _disagree(va, vb):
                    yield problem(
                        b.file,
                        "accurate-claims-disagree",
                        f"accurate claim {a.id!r} gives {a.value!r} {a.unit} for the same "
                        f"model, quantity and scope; this one gives {b.value!r} {b.unit}",
                        ("value",),
                        hint="give them different scopes, or judge one of them",
                    )


def withdrawals(ctx: Context) -> Iterator[Problem]:
    for c in ctx.kb.claims.values():
        target_id = (c.withdrawn or {}).get("replaced_by")
        if target_id is None:
            continue
        target = ctx.kb.resolve(target_id)
        if target is not None and target.withdrawn is not None:
            yield problem(
                c.file,
                "withdrawn-replacement-missing",
                f"replacement {target_id!r} is itself withdrawn",
                ("withdrawn", "replaced_by"),
            )


def withdrawn_uses(ctx: Context) -> Iterator[Problem]:
    """A withdrawn claim cannot correct another claim nor feed a derivation."""
    kb = ctx.kb
    for c in kb.claims.values():
        uses: list[tuple[tuple[str | int, ...], str]] = [
            (("relations", "corrected_by", i), t) for i, t in enumerate(c.related("corrected_by"))
        ]
        for name, spec in ((c.derivation or {}).get("inputs") or {}).items():
            if "claim" in spec:
                uses.append((("derivation", "inputs", name, "claim"), spec["claim"]))
        for parts, target_id in uses:
            target = kb.resolve(target_id)
            if target is None or target.withdrawn is None or target.id == c.id:
                continue
            replacement = target.withdrawn.get("replaced_by")
            yield problem(
                c.file,
                "withdrawn-claim-used",
                f"{target_id!r} is withdrawn ({target.withdrawn.get('date')}) and cannot be used",
                parts,
                hint=f"use its replacement {replacement!r}"
                if replacement
                else "name a claim that is not withdrawn",
            )


def history(ctx: Context) -> Iterator[Problem]:
    for c in ctx.kb.claims.values():
        if not c.history:
            continue
        for i in range(1, len(c.history)):
            if c.history[i]["date"] < c.history[i - 1]["date"]:
                yield problem(
                    c.file,
                    "history-order",
                    f"{c.history[i]['date']} comes after {c.history[i - 1]['date']}",
                    ("history", i, "date"),
                )
        last = c.history[-1]
        if last["status"] != c.status:
            yield problem(
                c.file,
                "history-status-mismatch",
                f"the last history entry says {last['status']}, the claim is {c.status}",
                ("history", len(c.history) - 1, "status"),
            )


RULES = [
    corrections,
    contradictions,
    accurate_agreement,
    withdrawals,
    withdrawn_uses,
    history,
]

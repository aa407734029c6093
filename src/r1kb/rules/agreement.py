"""Accurate claims about the same model and quantity agree.

Claims with the same scope must give the same value (within AGREEMENT_TOLERANCE, or as a
rounding of it). A claim without a scope means the quantity as its definition in
data/quantities.yaml describes it, its default scope; the scoped accurate claims about that
model and quantity are the readings of that default, so an unscoped accurate claim must agree
with at least one of them (a draft "MATH-500 90.0, accurate" against the paper's 97.3 does not),
not with all of them: R1's total parameters are 671B with the MTP module left out and 660B as
the paper's round figure, and an article's "671B" agrees. Unscoped claims are compared with
each other only when no scoped claim exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from r1kb.kb import Claim
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.units import UnitError

AGREEMENT_TOLERANCE = 0.005

Comparable = tuple[float | None, float | None] | str


def rounds_to(x: float, v: float) -> bool:
    """Whether v is x, or x rounded to v's significant digits (at least two of them):
    5,600,000 is $5.576M rounded, 97 is 97.3 rounded; 6 is not 6.4."""
    if x == v or abs(x - v) <= 1e-9 * max(abs(x), abs(v)):
        return True
    try:
        d = Decimal(repr(float(v))).normalize()
    except (InvalidOperation, ValueError):
        return False
    exponent = d.as_tuple().exponent
    if not isinstance(exponent, int) or len(d.as_tuple().digits) < 2:
        return False
    return abs(x - v) <= 10.0**exponent / 2 * (1 + 1e-9)


def comparable(ctx: Context, c: Claim, unit: str) -> Comparable | None:
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


def disagree(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a != b
    (alo, ahi), (blo, bhi) = a, b
    single = alo is not None and alo == ahi and blo is not None and blo == bhi
    if single and (rounds_to(alo, blo) or rounds_to(blo, alo)):
        return False
    tol = AGREEMENT_TOLERANCE
    if alo is not None and bhi is not None and alo > bhi + tol * abs(bhi):
        return True
    return blo is not None and ahi is not None and blo > ahi + tol * abs(ahi)


def _scope(c: Claim) -> str:
    return " ".join((c.scope or "").split()).lower()


def accurate_agreement(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in kb.claims.values():
        if c.verdict == "accurate" and c.withdrawn is None and c.value is not None:
            groups[(c.subject, c.quantity)].append(c)
    for (_, qid), claims in groups.items():
        quantity = kb.quantities.get(qid)
        if quantity is None or len(claims) < 2:
            continue
        values = [
            (c, comparable(ctx, c, quantity.unit)) for c in sorted(claims, key=lambda c: c.id)
        ]
        known = [(c, v) for c, v in values if v is not None]
        scope = {c.id: _scope(c) for c, _ in known}  # once a claim, not once a pair
        scoped = [(c, v) for c, v in known if scope[c.id]]
        for i, (a, va) in enumerate(known):
            for b, vb in known[i + 1 :]:
                if scope[a.id] != scope[b.id] or (scoped and not scope[a.id]):
                    continue  # unscoped claims are held to the scoped readings below
                if disagree(va, vb):
                    yield problem(
                        b.file,
                        "accurate-claims-disagree",
                        f"accurate claim {a.id!r} gives {a.value!r} {a.unit} for the same "
                        f"model, quantity and scope; this one gives {b.value!r} {b.unit}",
                        ("value",),
                        hint="give them different scopes, or judge one of them",
                    )
        for c, v in known:
            if scope[c.id] or not scoped or any(not disagree(v, w) for _, w in scoped):
                continue
            others = ", ".join(f"{o.id!r} ({o.value!r} {o.unit})" for o, _ in scoped[:3])
            more = f" and {len(scoped) - 3} more" if len(scoped) > 3 else ""
            yield problem(
                c.file,
                "unscoped-claim-disagrees",
                f"without a scope this claim gives {quantity.name} as data/quantities.yaml "
                f"defines it, but {c.value!r} {c.unit} agrees with none of the accurate claims "
                f"about this model and quantity: {others}{more}",
                ("value",),
                hint="add `scope:` saying which stages, costs or setting the figure counts, "
                "or judge it (not accurate, with relations.corrected_by)",
            )


RULES = [accurate_agreement]

"""Corrections, contradictions, withdrawal and history."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.cycles import cycles
from r1kb.problems import Problem, problem
from r1kb.rules import Context


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


def supersessions(ctx: Context) -> Iterator[Problem]:
    """Claims that supersede each other (directly or round a longer circle): neither is the
    newer. A claim that supersedes itself is a self-reference."""
    kb = ctx.kb
    graph = {c.id: [kb.current_id(t) for t in c.related("supersedes")] for c in kb.claims.values()}
    for cid, circle in cycles(graph).items():
        if len(circle.nodes) > 1:
            yield problem(
                kb.claims[cid].file,
                "supersedes-cycle",
                f"claims supersede each other in a circle: {circle.show()}",
                ("relations", "supersedes", graph[cid].index(circle.next)),
                hint="only the newer claim lists the older one under `supersedes`",
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
    supersessions,
    withdrawals,
    withdrawn_uses,
    history,
]

"""How a claim is framed wherever it is named: page title, meta description, search entry.

An accurate claim reads as the figure it gives ("Training cost of DeepSeek-R1: $294K"). A
claim that does not hold up never reads as a fact: its title says who says it and the
verdict ("JavaEdge says the training cost of DeepSeek-R1 is $5.58M — misleading"). A
time-scoped record of a gap ("the January 2025 documents do not give R1's RL cost") that a
later disclosure closed reads as a gap that closed on a date, not as a misconception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from r1kb.kb import Claim
from r1kb.site.context import SiteContext
from r1kb.site.vocabulary import VERDICT_TERMS

TITLE_VALUE_MAX = 60
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Closed:
    """When and where a recorded gap closed (from the claim's history)."""

    date: str | None
    source: str | None
    note: str | None


def is_closed_gap(claim: Claim) -> bool:
    """The knowledge base's own record that DeepSeek had not disclosed a figure, overtaken by
    a later disclosure. A third party's "not disclosed" (a source with role `claims`) that
    a disclosure overtook stays that party's outdated claim."""
    return (
        claim.status == "undisclosed"
        and claim.verdict == "outdated"
        and not claim.source_ids("claims")
    )


def closed(claim: Claim) -> Closed:
    """The history entry at which the record became outdated (the last such entry)."""
    for entry in reversed(claim.history):
        if entry.get("verdict") == "outdated":
            return Closed(entry.get("date"), entry.get("source"), entry.get("note"))
    return Closed(None, None, None)


def publishers(ctx: SiteContext, claim: Claim) -> list[str]:
    """Who makes the claim: the distinct publishers of its claiming sources."""
    return list(dict.fromkeys(s.publisher for s in ctx.claiming_sources(claim)))


def who(ctx: SiteContext, claim: Claim) -> str:
    """'JavaEdge', 'CNBC and Mint', 'CNBC, OfficeChai and Mint', 'A, B and 3 others'."""
    names = publishers(ctx, claim)
    if not names:
        return "An unnamed source"
    if len(names) == 1:
        return names[0]
    if len(names) <= 3:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return f"{names[0]}, {names[1]} and {len(names) - 2} others"


def _lower(name: str) -> str:
    """'Training cost' -> 'training cost'; acronyms stay ('GPU type', 'API price')."""
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first[1:] == first[1:].lower() else name


def _verb(quantity_name: str) -> str:
    last = _PAREN.sub("", quantity_name).split(" ")[-1].lower()
    return "are" if last.endswith("s") and not last.endswith(("ss", "us")) else "is"


def _short_value(ctx: SiteContext, claim: Claim) -> str:
    value = ctx.value_text(claim)
    if len(value) > TITLE_VALUE_MAX:
        value = value[: TITLE_VALUE_MAX - 1].rstrip() + "…"
    return value


def corrections(ctx: SiteContext, claim: Claim) -> list[Claim]:
    """The claims named as correcting this one, as they stand now."""
    return [c for c in (ctx.kb.resolve(i) for i in claim.related("corrected_by")) if c]


def title(ctx: SiteContext, claim: Claim) -> str:
    quantity = ctx.quantity_name(claim.quantity)
    model = ctx.model_name(claim.subject)
    if claim.verdict == "accurate":
        return f"{quantity} of {model}: {_short_value(ctx, claim)}"
    if is_closed_gap(claim):
        when = closed(claim).date
        until = f"until {when}" if when else "until a later disclosure"
        return f"{quantity} of {model}: not disclosed {until} (outdated — gap closed)"
    verdict = VERDICT_TERMS[claim.verdict].label if claim.verdict in VERDICT_TERMS else ""
    return (
        f"{who(ctx, claim)} says the {_lower(quantity)} of {model} {_verb(quantity)} "
        f"{_short_value(ctx, claim)} — {verdict or claim.verdict}"
    )


def _on_record(ctx: SiteContext, fixes: list[Claim]) -> str:
    return "; ".join(
        f"{_lower(ctx.quantity_name(f.quantity))} of {ctx.model_name(f.subject)}: "
        f"{ctx.value_text(f)} ({f.status}, {f.verdict})"
        for f in fixes
    )


def description(ctx: SiteContext, claim: Claim) -> str:
    """The meta description (plain text; the caller escapes it)."""
    statement = " ".join(claim.statement.split())
    if claim.verdict == "accurate":
        return statement
    fixes = corrections(ctx, claim)
    on_record = f" On record: {_on_record(ctx, fixes)}." if fixes else ""
    if is_closed_gap(claim):
        gap = closed(claim)
        source = ctx.kb.sources.get(gap.source or "")
        where = f" ({source.title})" if source else ""
        when = f"on {gap.date}" if gap.date else "later"
        return f"A gap that closed {when}{where}: {statement}{on_record}"
    return f"{who(ctx, claim)} says: “{statement}” Verdict: {claim.verdict}.{on_record}"

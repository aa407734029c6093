"""A disclosed figure is stated in the quote of a primary source.

`disclosed` means DeepSeek states the figure in its own document, so the quote of at least one
primary source that makes or supports the claim must state the value, in any notation
check-source reads ("97.3%", "$294K", "2048 H800", "5 × 10−6", "64*8", "two epochs") or as a
figure the value rounds (an article's $5.6M is the report's $5.576M). Numeric values and the
bounds of ranges are checked; dates and text values are not (a release date is often the date of
a commit, not words in it).
"""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.checksource.candidates.quoted import stated_numbers
from r1kb.kb import Claim
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.rules.agreement import rounds_to
from r1kb.units import UnitError


def _figures(c: Claim) -> list[float]:
    v = c.value
    if isinstance(v, dict):
        return [float(x) for x in v.values() if isinstance(x, (int, float))]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return [float(v)]
    return []


def _readings(ctx: Context, value: float, unit: str, cache: dict[str, list[str]]) -> list[float]:
    """The value in its unit and in every unit of the same dimension (14.8 trillion-tokens is
    1.48e13 tokens; a ratio of 0.5 is 50 %)."""
    if unit not in cache:
        cache[unit] = [
            u
            for u in ctx.kb.units
            if u != unit and ctx.units.is_numeric(u) and ctx.units.compatible(u, unit)
        ]
    out = [value]
    for u in cache[unit]:
        try:
            out.append(ctx.units.convert(value, unit, u))
        except (UnitError, TypeError, ValueError):
            continue
    return out


def stated_in_quotes(ctx: Context, c: Claim, cache: dict[str, list[str]]) -> list[float]:
    """The figures of c that no quote of a primary source making or supporting it states."""
    quotes = [
        e.quote
        for e in c.sources
        if e.role in ("claims", "supports")
        and (s := ctx.kb.sources.get(e.source)) is not None
        and s.primary
    ]
    if not quotes:
        return []  # disclosed-without-primary says so
    read = [x for q in quotes for x in stated_numbers(q)]
    return [
        f
        for f in _figures(c)
        if not any(rounds_to(x, r) for r in _readings(ctx, f, c.unit, cache) for x in read)
    ]


def disclosed_figures(ctx: Context) -> Iterator[Problem]:
    cache: dict[str, list[str]] = {}
    for c in ctx.kb.claims.values():
        if c.status != "disclosed" or c.withdrawn is not None or not ctx.units.is_numeric(c.unit):
            continue
        missing = stated_in_quotes(ctx, c, cache)
        if not missing:
            continue
        shown = " and ".join(f"{x:g}" for x in missing)
        yield problem(
            c.file,
            "disclosed-figure-not-quoted",
            f"`disclosed` needs a primary source whose quote states the figure, but no quote of "
            f"a primary source here states {shown} {c.unit}",
            ("value",),
            hint="quote the sentence or table row of DeepSeek's document that gives the figure "
            "(copied exactly from its snapshot), correct the value, or change the status: a "
            "figure DeepSeek does not state is derived, estimated or speculative",
        )


RULES = [disclosed_figures]

"""Quotes are found in their source's snapshot; missing snapshots leave them unchecked."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.snapshots import find_snapshot


def quotes(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    stats = ctx.quote_stats
    for c in kb.claims.values():
        for i, e in enumerate(c.sources):
            source = kb.sources.get(e.source)
            if source is None:
                continue  # unknown-source is reported elsewhere
            snap = find_snapshot(source.snapshot, ctx.snapshot_dirs) if source.snapshot else None
            if snap is None:
                stats["unchecked"] += 1
                why = (
                    f"snapshot {source.snapshot!r} is in none of the snapshot directories"
                    if source.snapshot
                    else f"source {source.id!r} has no snapshot"
                )
                yield problem(
                    c.file, "quote-unchecked", f"quote not verified: {why}", ("sources", i, "quote")
                )
            elif snap.contains(e.quote):
                stats["verified"] += 1
            else:
                stats["not_found"] += 1
                yield problem(
                    c.file,
                    "quote-not-found",
                    f"quote not found in {source.snapshot}: {_clip(e.quote)!r}",
                    ("sources", i, "quote"),
                    hint="copy the words exactly from the snapshot text",
                )


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


RULES = [quotes]

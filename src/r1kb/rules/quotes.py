"""Quotes are found in their source's snapshot; missing snapshots leave them unchecked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.snapshots import Snapshot, find_snapshot


def quotes(ctx: Context) -> Iterator[Problem]:
    """Check every quote; unverifiable quotes are reported once per source, where the fix is."""
    kb = ctx.kb
    stats = ctx.quote_stats
    found: dict[str, Snapshot | None] = {}  # snapshot name -> text, looked up once per run
    unchecked: dict[str, list[str]] = {}  # source id -> claim ids whose quotes it cannot verify
    for c in kb.claims.values():
        for i, e in enumerate(c.sources):
            source = kb.sources.get(e.source)
            if source is None:
                continue  # unknown-source is reported elsewhere
            snap = None
            if source.snapshot:
                if source.snapshot not in found:
                    found[source.snapshot] = find_snapshot(source.snapshot, ctx.snapshot_dirs)
                snap = found[source.snapshot]
            if snap is None:
                stats["unchecked"] += 1
                unchecked.setdefault(source.id, []).append(c.id)
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
    missing = sorted({kb.sources[sid].snapshot or "" for sid in unchecked} - {""})
    if missing and not stats["verified"]:
        yield _none_verified(ctx, stats["unchecked"], len(missing))
    for sid, claim_ids in unchecked.items():
        source = kb.sources[sid]
        why = (
            f"its snapshot {source.snapshot!r} is in none of the snapshot directories"
            if source.snapshot
            else "it has no snapshot"
        )
        n = len(claim_ids)
        yield problem(
            source.file,
            "quote-unchecked",
            f"{n} quote(s) citing this source are not verified: {why} "
            f"(claims: {_clip(', '.join(sorted(set(claim_ids))))})",
            ("snapshot",) if source.snapshot else (),
            at_key=bool(source.snapshot),
            hint=(
                "pass the folder holding it with --snapshots DIR"
                if source.snapshot
                else "name a plain-text snapshot of the source (`snapshot:`) if one can be kept"
            ),
        )


def _none_verified(ctx: Context, quotes: int, snapshots: int) -> Problem:
    """One line that says why a clone without the snapshot folder verifies no quote at all."""
    dirs = [str(d) for d in ctx.snapshot_dirs]
    looked = f"in {', '.join(dirs)}" if dirs else "(no snapshot directory is configured)"
    absent = [d for d in dirs if not Path(d).is_dir()]
    why = f"; {', '.join(absent)} does not exist" if absent else ""
    return problem(
        str(ctx.loaded.data_dir),
        "no-quote-verified",
        f"not one of {quotes} quote(s) could be verified: none of the {snapshots} snapshot(s) the "
        f"sources name was found {looked}{why}",
        hint="fetch DeepSeek's documents once with `.venv/bin/python scripts/fetch_sources.py "
        "--primary --cache ~/r1kb-snapshots`, then run `r1kb validate --snapshots "
        "~/r1kb-snapshots` (CONTRIBUTING.md, step 1)",
    )


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


RULES = [quotes]

"""Ids: every id that becomes a page, a path or an anchor is kebab-case (checked here as
well as by the schema, which a pull request can loosen), and no published id vanishes:
claims, sources, models and quantities keep a record or a redirect."""

from __future__ import annotations

import re
from collections.abc import Iterator

from r1kb.paths import ID_RE, display_path
from r1kb.problems import Problem, problem
from r1kb.published import KIND_SINGULAR, PUBLISHED_IDS
from r1kb.rules import Context

UNIT_ID_RE = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*\Z")


def ids(ctx: Context) -> Iterator[Problem]:
    """Every id that becomes a page, a file path, an anchor or an attribute, checked here as
    well as by the schema: a pull request can loosen data/schema in the same change."""
    kb = ctx.kb
    data = ctx.loaded.data_dir
    groups: list[tuple[str, str, dict[str, object], re.Pattern[str]]] = [
        ("models.yaml", "models", dict(kb.models), ID_RE),
        ("quantities.yaml", "quantities", dict(kb.quantities), ID_RE),
        ("quantities.yaml", "units", dict(kb.units), UNIT_ID_RE),
    ]
    for name, key, table, pattern in groups:
        for rid in table:
            if not _id_ok(rid, pattern):
                yield problem(
                    display_path(data / name),
                    "bad-id",
                    f"{rid!r} is not a kebab-case id",
                    (key, rid),
                    at_key=True,
                    hint="lowercase letters, digits and '-' (units may use capitals)",
                )
    rfile = display_path(data / "redirects.yaml")
    tables = [("redirects", kb.redirects), *sorted(kb.renamed.items())]
    for key, renames in tables:
        for old, new in renames.items():
            for rid, at_key in ((old, True), (new, False)):
                if not _id_ok(rid, ID_RE):
                    yield problem(
                        rfile,
                        "bad-id",
                        f"{rid!r} is not a kebab-case id",
                        (key, old),
                        at_key=at_key,
                    )


def _id_ok(rid: object, pattern: re.Pattern[str]) -> bool:
    return isinstance(rid, str) and len(rid) <= 100 and pattern.match(rid) is not None


def live_ids(ctx: Context, kind: str) -> set[str]:
    """Ids of a kind ("sources", "models", "quantities") that have a record now."""
    kb = ctx.kb
    return {
        "sources": ctx.loaded.present_source_ids,
        "models": set(kb.models),
        "quantities": set(kb.quantities),
    }[kind]


def permanence(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    rfile = display_path(ctx.loaded.data_dir / "redirects.yaml")
    for old, new in sorted(kb.redirects.items()):
        if old in ctx.loaded.present_claim_ids:
            yield problem(
                rfile,
                "redirect-invalid",
                f"{old!r} is a live claim and cannot redirect",
                ("redirects", old),
                at_key=True,
            )
        why = "" if new in ctx.loaded.present_claim_ids else _broken_redirect(ctx, new)
        if why:
            yield problem(rfile, "redirect-invalid", why, ("redirects", old))
    for kind, renames in sorted(kb.renamed.items()):
        present = live_ids(ctx, kind)
        for old, new in sorted(renames.items()):
            if old in present:
                yield problem(
                    rfile,
                    "redirect-invalid",
                    f"{old!r} is a live {KIND_SINGULAR[kind]} and cannot redirect",
                    (kind, old),
                    at_key=True,
                )
            if new not in present:
                chained = " (it is itself renamed: point at the current id)"
                yield problem(
                    rfile,
                    "redirect-invalid",
                    f"redirect target {new!r} is not a {KIND_SINGULAR[kind]} id"
                    + (chained if new in renames else ""),
                    (kind, old),
                )
    pfile = display_path(ctx.loaded.data_dir / PUBLISHED_IDS)
    live = {f"claims/{i}" for i in ctx.loaded.present_claim_ids | set(kb.redirects)}
    for kind in ("sources", "models", "quantities"):
        live |= {f"{kind}/{i}" for i in live_ids(ctx, kind) | set(kb.renamed.get(kind, {}))}
    if not kb.models or not kb.quantities:  # their file did not load: reported already
        live |= {e for e in kb.published_ids if e.startswith(("models/", "quantities/"))}
    published = ctx.loaded.published
    lines = published.lines if published is not None else {}
    for entry in kb.published_ids:
        if entry not in live:
            kind = entry.partition("/")[0]
            where = {
                "claims": "restore the record (withdraw it instead), or if it was renamed add "
                "`old-id: new-id` under `redirects:` in data/redirects.yaml",
                "sources": "restore the source record, or if it was renamed add "
                "`old-id: new-id` under `sources:` in data/redirects.yaml",
            }.get(
                kind,
                f"restore the entry in data/{kind}.yaml, or if it was renamed add "
                f"`old-id: new-id` under `{kind}:` in data/redirects.yaml",
            )
            yield problem(
                pfile,
                "published-id-missing",
                f"{entry} was published and has no record or redirect",
                line=lines.get(entry),
                hint=where,
            )


def _broken_redirect(ctx: Context, target: str) -> str:
    """Why a redirect's target is not a claim: no file, or which link of a chain is broken.
    (A chain a -> b -> c that ends on a claim is fine: the site sends a straight to c.)"""
    redirects = ctx.kb.redirects
    live = ctx.loaded.present_claim_ids
    if target not in redirects:
        return f"redirect target {target!r} has no claim file"
    chain, seen = [target], {target}  # (a set: a chain of thousands was looked through
    while chain[-1] in redirects and chain[-1] not in live:  # for each of its links)
        following = redirects[chain[-1]]
        if following in seen:
            return "redirects go round in a circle: " + " -> ".join([*chain, following])
        chain.append(following)
        seen.add(following)
    if chain[-1] in live:
        return ""  # resolves
    return (
        f"redirect target {target!r} is itself a redirect ({' -> '.join(chain)}), "
        f"and {chain[-1]!r} has no claim file"
    )


RULES = [ids, permanence]

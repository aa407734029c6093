"""The changelog: what each data release added, changed or withdrew (r1kb.site.history)."""

from __future__ import annotations

from r1kb.site.components import block, heading, link
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.history import Release
from r1kb.site.pages.record_history import CHANGELOG, field_text, release_anchor
from r1kb.site.urls import SOURCES

PAGE = CHANGELOG
FEED = "feed.xml"


def fields_in(ctx: SiteContext, claim_id: str, version: str) -> list[str]:
    """What changed in a claim within one release: 'value: … → …', 'status: … → …'."""
    claim = ctx.kb.claims.get(claim_id)
    unit = claim.unit if claim else ""
    seen: dict[str, str] = {}
    for ch in reversed(ctx.history.of(claim_id)):  # oldest first: the last change wins
        if ch.version == version:
            for f in ch.fields:
                if f.field != "other":
                    seen[f.field] = field_text(ctx, f, unit)
    return list(seen.values())


def _claim_item(ctx: SiteContext, claim_id: str, detail: list[str]) -> str:
    claim = ctx.kb.claims.get(claim_id)
    if claim is None:
        name = f"<code>{html_text(claim_id)}</code>"
    else:
        name = link(ctx, PAGE, ctx.src_claim(claim_id), html_text(claim.statement))
    more = f' <span class="r1kb-muted">({html_text("; ".join(detail))})</span>' if detail else ""
    return f"<li>{name}{more}</li>"


def _other_item(ctx: SiteContext, path: str) -> str:
    if path.startswith(f"{SOURCES}/") and path.endswith(".yaml"):
        sid = path[len(SOURCES) + 1 : -len(".yaml")]
        if sid in ctx.kb.sources:
            title = html_text(ctx.kb.sources[sid].title)
            return f"<li>{link(ctx, PAGE, ctx.src_source(sid), title)}</li>"
    return f"<li><code>{html_text(path)}</code></li>"


def _release(ctx: SiteContext, r: Release) -> str:
    groups = (
        ("New claims", r.added, False),
        ("Changed claims", r.changed, True),
        ("Withdrawn claims", r.withdrawn, False),
        ("Claim files removed (renamed; the old id redirects)", r.removed, False),
    )
    counts = ", ".join(f"{len(ids)} {label.split()[0].lower()}" for label, ids, _ in groups if ids)
    parts = [
        f'<p class="r1kb-muted">Last change <time>{html_text(r.date)}</time>'
        f"{' · ' + html_text(counts) if counts else ''}.</p>"
    ]
    for label, ids, detailed in groups:
        if ids:
            items = "".join(
                _claim_item(ctx, cid, fields_in(ctx, cid, r.version) if detailed else [])
                for cid in ids
            )
            parts.append(
                f"<details{' open' if len(ids) <= 20 else ''}><summary>{html_text(label)}"
                f" ({len(ids)})</summary><ul>{items}</ul></details>"
            )
    if r.other:
        items = "".join(_other_item(ctx, p) for p in sorted(r.other))
        parts.append(
            f"<details><summary>Sources, vocabularies and other files ({len(r.other)})"
            f"</summary><ul>{items}</ul></details>"
        )
    return block("\n".join(parts), "r1kb-release")


def render(ctx: SiteContext) -> str:
    history = ctx.history
    out = [heading(1, "Changelog")]
    feed = link(ctx, PAGE, FEED, "Atom feed")
    intro = (
        f"<p>This site shows data release <strong>{html_text(history.version)}</strong>. A "
        "release is named by a date: the <code>data-YYYY.MM.DD</code> tag that contains the "
        "change, else the day of the last commit that touched the records. Cite a claim with "
        "its release and the date you read it; each claim page links to its record as it "
        f"stood at every change. New and changed claims per release are also in the {feed}.</p>"
    )
    if history.note:
        intro += f'<p class="r1kb-muted r1kb-history-note">{html_text(history.note)}</p>'
    out.append(block(intro))
    for r in history.releases:
        out.append(heading(2, f"Release {r.version}", release_anchor(r.version)))
        out.append(_release(ctx, r))
    if history.available and not history.releases:
        out.append(block('<p class="r1kb-muted">No release yet: nothing is committed.</p>'))
    return "".join(out)

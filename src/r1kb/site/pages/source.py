"""A page per source: metadata, how it was read, its claims and its track record."""

from __future__ import annotations

from collections import Counter

from r1kb.kb import VERDICTS, Claim, Source
from r1kb.site.badges import verdict_badge
from r1kb.site.components import block, claims_table, definition_list, heading
from r1kb.site.context import SiteContext
from r1kb.site.escape import external_link, html_text, render_markdown
from r1kb.site.rates import rates_table
from r1kb.site.record_links import record_links

READ_AS = {
    "original": "the document itself",
    "text-copy": "a plain-text copy of the full text",
    "excerpt": "parts of it (an excerpt)",
    "secondary": "not read directly: known from another source",
}


def claims_by_role(ctx: SiteContext, source: Source) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {"claims": [], "supports": [], "refutes": []}
    for c in ctx.kb.by("source", source.id):
        if c.withdrawn:
            continue
        for role in dict.fromkeys(e.role for e in c.sources if e.source == source.id):
            out.setdefault(role, []).append(c)
    return {k: ctx.sorted_claims(v) for k, v in out.items()}


def track_record(claims: list[Claim]) -> Counter[str]:
    return Counter(c.verdict for c in claims)


def _metadata(source: Source) -> str:
    items: list[tuple[str, str]] = [("Title", html_text(source.title))]
    if source.authors:
        items.append(("Authors", html_text(", ".join(source.authors))))
    items.append(("Publisher", html_text(source.publisher)))
    kind = html_text(source.kind)
    items.append(
        ("Kind", kind + (" · primary (DeepSeek's own document)" if source.primary else ""))
    )
    items.append(("Published", html_text(source.published)))
    if source.revision:
        items.append(("Revision", html_text(source.revision)))
    if source.url:
        items.append(("URL", external_link(source.url, source.url)))
    if source.archive_url:
        items.append(("Archived copy", external_link(source.archive_url, source.archive_url)))
    if source.accessed:
        items.append(("Accessed", html_text(source.accessed)))
    if source.language:
        items.append(("Language", html_text(source.language)))
    return definition_list(items)


def _record(counts: Counter[str]) -> str:
    total = sum(counts.values())
    if not total:
        return block('<p class="r1kb-muted">This source makes no claim of its own here.</p>')
    cells = " ".join(f"{verdict_badge(v)}&nbsp;{counts[v]}" for v in VERDICTS if counts.get(v))
    return block(
        f"<p>Of the {total} claim{'s' * (total != 1)} it makes: {cells}</p>", "r1kb-record"
    )


def render(ctx: SiteContext, source: Source) -> str:
    page = ctx.src_source(source.id)
    roles = claims_by_role(ctx, source)
    links = record_links(ctx, "source", source.id, f"sources/{source.id}.yaml")
    out = [heading(1, source.title), block(_metadata(source) + links, "r1kb-claim")]
    out.append(heading(2, "How it was read"))
    read = f"<p>Read as: <strong>{html_text(READ_AS.get(source.read_as, source.read_as))}</strong>"
    read += f". {html_text(source.read_note)}</p>" if source.read_note else ".</p>"
    if source.snapshot:
        read += (
            f'<p class="r1kb-muted">Quotes are checked against a plain-text snapshot '
            f"(<code>{html_text(source.snapshot)}</code>), which is not published here.</p>"
        )
    out.append(block(read))
    if source.notes:
        out.append(heading(2, "Notes"))
        out.append(block(render_markdown(source.notes), "r1kb-notes"))
    out.append(heading(2, "Track record"))
    out.append(_record(track_record(roles.get("claims", []))))
    columns = ("claim", "model", "quantity", "value", "badges")
    out.append(heading(2, "Claims it makes"))
    out.append(claims_table(ctx, page, roles.get("claims", []), columns))
    for role, label in (("supports", "Claims it supports"), ("refutes", "Claims it refutes")):
        if roles.get(role):
            out.append(heading(2, label))
            out.append(claims_table(ctx, page, roles[role], columns))
    rates = [r for r in ctx.kb.exchange_rates if r.source == source.id]
    if rates:
        out.append(heading(2, "Exchange rates it gives"))
        out.append(rates_table(ctx, page, rates, with_source=False))
    checked = ctx.checked_by.get(source.id, [])
    if checked:
        out.append(heading(2, "Checked for figures it does not give"))
        out.append(claims_table(ctx, page, ctx.sorted_claims(checked), columns))
    return "".join(out)

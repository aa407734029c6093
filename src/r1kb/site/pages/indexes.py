"""Index pages: all claims, claims by status and by verdict, sources, models, quantities.

Claim and source pages are kept out of the sidebar (MkDocs + Material would otherwise
build in quadratic time); these pages are how readers reach them.
"""

from __future__ import annotations

from r1kb.kb import VERDICTS
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import (
    block,
    claims_table,
    heading,
    link,
    model_link,
    quantity_link,
    table_block,
)
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text, md_anchor
from r1kb.site.pages.source import claims_by_role, track_record
from r1kb.site.urls import CLAIMS, MODELS, QUANTITIES, SOURCES, STATUS
from r1kb.site.urls import VERDICTS as VERDICT_DIR
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS

ALL_COLUMNS = ("claim", "model", "quantity", "value", "badges")
MODEL_COLUMNS = ("claim", "quantity", "value", "badges")  # within a model's own section


def _by_model(ctx: SiteContext, page: str, claims: list) -> str:  # type: ignore[type-arg]
    """Claims in one section per model (a heading, a table), with links to the sections
    first: hundreds of claims in one table leave a reader nowhere to hold on to."""
    sections: dict[str, list] = {}  # type: ignore[type-arg]
    for c in _ordered_claims(ctx, claims):
        sections.setdefault(c.subject, []).append(c)
    if len(sections) < 2:
        return claims_table(ctx, page, _ordered_claims(ctx, claims), ALL_COLUMNS)
    jumps = " · ".join(
        f'<a href="#{md_anchor(mid)}">{html_text(ctx.short_model_name(mid))}</a>'
        f' <span class="r1kb-muted">({len(cs)})</span>'
        for mid, cs in sections.items()
    )
    out = [block(f'<p class="r1kb-jump">{jumps}</p>', "r1kb-jumps")]
    for mid, cs in sections.items():
        out.append(heading(2, ctx.model_name(mid), mid))
        out.append(claims_table(ctx, page, cs, MODEL_COLUMNS))
    return "".join(out)


def _ordered_claims(ctx: SiteContext, claims: list) -> list:  # type: ignore[type-arg]
    models = {m.id: i for i, m in enumerate(ctx.models_in_order())}
    quantities = {q: i for i, q in enumerate(ctx.kb.quantities)}
    return sorted(
        claims,
        key=lambda c: (models.get(c.subject, 999), quantities.get(c.quantity, 999), c.id),
    )


def all_claims(ctx: SiteContext) -> str:
    page = ctx.urls.src(CLAIMS)
    claims = _ordered_claims(ctx, list(ctx.kb.claims.values()))
    out = [heading(1, "All claims")]
    by_status = " · ".join(
        link(ctx, page, f"{STATUS}/{s}.md", status_badge(s)) for s in STATUS_TERMS
    )
    by_verdict = " · ".join(
        link(ctx, page, f"{VERDICT_DIR}/{v}.md", verdict_badge(v)) for v in VERDICT_TERMS
    )
    out.append(
        block(
            f"<p>Every claim in the knowledge base ({len(claims)}), by model (linked just "
            "below) and quantity. Each has a permanent page; cite it from there.</p>"
            f"<p>By status: {by_status}</p><p>By verdict: {by_verdict}</p>"
        )
    )
    out.append(_by_model(ctx, page, claims))
    return "".join(out)


def by_term(ctx: SiteContext, kind: str, term_id: str) -> str:
    """The live claims with one status (kind "status") or one verdict (kind "verdict")."""
    folder, terms, badge = (
        (STATUS, STATUS_TERMS, status_badge)
        if kind == "status"
        else (VERDICT_DIR, VERDICT_TERMS, verdict_badge)
    )
    page = f"{folder}/{term_id}.md"
    term = terms[term_id]
    claims = [c for c in ctx.kb.live_claims() if getattr(c, kind) == term_id]
    out = [heading(1, f"{term.label.capitalize()} claims")]
    method = link(ctx, page, "methodology.md", "methodology")
    out.append(
        block(
            f"<p>{badge(term_id)} {html_text(term.meaning)}</p>"
            f"<p>{len(claims)} claim{'s' * (len(claims) != 1)}. How the {kind} is decided: "
            f"{method}.</p>"
        )
    )
    out.append(_by_model(ctx, page, claims))
    return "".join(out)


def by_status(ctx: SiteContext, status: str) -> str:
    return by_term(ctx, "status", status)


def by_verdict(ctx: SiteContext, verdict: str) -> str:
    return by_term(ctx, "verdict", verdict)


def sources(ctx: SiteContext) -> str:
    page = ctx.urls.src(SOURCES)
    out = [heading(1, "Sources")]
    out.append(
        block(
            "<p>Every document the knowledge base cites: DeepSeek's own (primary) documents "
            "first, then the rest, with the claims each makes and how they hold up.</p>"
        )
    )
    rows = []
    ordered = sorted(
        ctx.kb.sources.values(), key=lambda s: (not s.primary, s.published, s.id), reverse=False
    )
    for s in ordered:
        counts = track_record(claims_by_role(ctx, s).get("claims", []))
        record = " ".join(
            f"{verdict_badge(v, compact=True)}{counts[v]}" for v in VERDICTS if counts.get(v)
        )
        primary = ' · <span class="r1kb-primary">primary</span>' if s.primary else ""
        rows.append(
            f"<tr><td>{link(ctx, page, ctx.src_source(s.id), html_text(s.title))}</td>"
            f"<td>{html_text(s.publisher)}</td><td>{html_text(s.kind)}{primary}</td>"
            f'<td class="r1kb-nowrap">{html_text(s.published)}</td>'
            f'<td class="r1kb-record">{record}</td></tr>'
        )
    headers = ("Source", "Publisher", "Kind", "Published", "Claims made, by verdict")
    out.append(table_block(headers, rows, "r1kb-table r1kb-stack"))  # rows stack on phones
    return "".join(out)


def models(ctx: SiteContext) -> str:
    page = ctx.urls.src(MODELS)
    out = [heading(1, "Models")]
    out.append(
        block("<p>DeepSeek-R1, the models it is built from and the models distilled from it.</p>")
    )
    rows = []
    for m in ctx.models_in_order():
        n = len([c for c in ctx.kb.by("subject", m.id) if c.withdrawn is None])
        parents = ", ".join(model_link(ctx, page, d.get("model", "")) for d in m.derived_from)
        rows.append(
            f"<tr><td>{model_link(ctx, page, m.id)}</td><td>{html_text(m.description)}</td>"
            f"<td>{parents}</td><td>{n}</td></tr>"
        )
    out.append(table_block(("Model", "What it is", "Derived from", "Claims"), rows))
    return "".join(out)


def quantities(ctx: SiteContext) -> str:
    page = ctx.urls.src(QUANTITIES)
    out = [heading(1, "Quantities")]
    out.append(
        block(
            "<p>Everything a claim can measure, grouped by topic. Each page sets every claim "
            "about the quantity side by side, with a chart where the values are numbers.</p>"
        )
    )
    groups: dict[str, list[str]] = {}
    for q in ctx.kb.quantities.values():
        groups.setdefault(q.group, []).append(q.id)
    for group, ids in groups.items():
        out.append(heading(2, group.capitalize()))
        rows = []
        for qid in ids:
            q = ctx.kb.quantities[qid]
            n = len([c for c in ctx.kb.by("quantity", qid) if c.withdrawn is None])
            rows.append(
                f"<tr><td>{quantity_link(ctx, page, qid)}</td>"
                f"<td>{html_text(q.description)}</td><td>{n}</td></tr>"
            )
        out.append(table_block(("Quantity", "What it is", "Claims"), rows))
    return "".join(out)

"""A page per quantity: every claim about it side by side, with a chart drawn at build time."""

from __future__ import annotations

from collections import Counter

from r1kb.kb import Claim, Quantity
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.chart import quantity_chart, uses_log_scale
from r1kb.site.chart_narrow import narrow_chart
from r1kb.site.components import block, claims_table, heading, link, table_block, value_html
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.labels import row_label
from r1kb.site.record_links import record_links


def claims_of(ctx: SiteContext, quantity: Quantity) -> list[Claim]:
    return [c for c in ctx.kb.by("quantity", quantity.id) if c.withdrawn is None]


def chart_file(ctx: SiteContext, quantity: Quantity) -> str | None:
    """The standalone SVG file (links relative to the file), or None if nothing to plot."""
    path = ctx.chart_path(quantity)
    return quantity_chart(
        ctx,
        quantity,
        claims_of(ctx, quantity),
        lambda c: ctx.urls.rel(path, ctx.src_claim(c.id)),
        standalone=True,
    )


def _by_model(ctx: SiteContext, claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    by_model: dict[str, list[Claim]] = {}
    for c in claims:
        by_model.setdefault(c.subject, []).append(c)
    order = [m.id for m in ctx.models_in_order()]
    keys = sorted(by_model, key=lambda m: (order.index(m) if m in order else 999, m))
    return [(m, ctx.sorted_claims(by_model[m])) for m in keys]


def comparison(ctx: SiteContext, page: str, grouped: list[tuple[str, list[Claim]]]) -> str:
    """One row per accurate figure of each model (its scope in the label when a model has
    several), else the model's best-founded claim; the rest are counted and linked."""
    shown = []
    for _model, claims in grouped:
        accurate = [c for c in claims if c.verdict == "accurate"] or claims[:1]
        others = len(claims) - len(accurate)
        for i, c in enumerate(accurate):
            shown.append((c, row_label(ctx, c, with_scope=len(accurate) > 1), others * (i == 0)))
    repeated = Counter(label for _, label, _ in shown)
    rows = []
    for c, label, others in shown:
        if repeated[label] > 1:  # two figures with one label: who says each tells them apart
            label += " · " + ", ".join(s.publisher for s in ctx.claiming_sources(c))
        href = html_text(f"#{c.subject}")
        more = f'<a href="{href}">{others} other claim{"s" * (others != 1)}</a>' if others else ""
        target = html_text(ctx.urls.rel(page, ctx.src_claim(c.id)))
        rows.append(
            f'<tr><th scope="row"><a href="{target}">{html_text(label)}</a></th>'
            f"<td>{value_html(ctx, c)}</td>"
            f"<td>{status_badge(c.status)}</td><td>{verdict_badge(c.verdict)}</td>"
            f"<td>{more}</td></tr>"
        )
    headers = ("Model", "Value", "Status", "Verdict", "Also said")
    return table_block(headers, rows, "r1kb-table r1kb-stack r1kb-compare")


def render(ctx: SiteContext, quantity: Quantity) -> str:
    page = ctx.src_quantity(quantity.id)
    claims = claims_of(ctx, quantity)
    unit = ctx.kb.units.get(quantity.unit)
    unit_text = unit.label if unit and unit.label else quantity.unit
    out = [heading(1, quantity.name)]
    out.append(
        block(
            f"<p>{html_text(quantity.description)}</p>"
            f'<p class="r1kb-muted">Unit: {html_text(unit_text)} · group: '
            f"{html_text(quantity.group)} · <code>{html_text(quantity.id)}</code></p>"
            f"<p><strong>What counts as a disclosure:</strong> {html_text(quantity.disclosure)}</p>"
            + record_links(ctx, "quantity", quantity.id, "quantities.yaml")
        )
    )
    grouped = _by_model(ctx, claims)
    if grouped:
        out.append(heading(2, "Across models"))
        out.append(comparison(ctx, page, grouped))

    def href(claim: Claim) -> str:
        return ctx.urls.rel(page, ctx.src_claim(claim.id))

    svg = quantity_chart(ctx, quantity, claims, href)
    if svg is not None:
        svg += "\n" + (narrow_chart(ctx, quantity, claims, href) or "")  # CSS shows one
        out.append(heading(2, "Chart"))
        scale = "a logarithmic" if uses_log_scale(ctx, quantity, claims) else "a linear"
        download = link(ctx, page, ctx.chart_path(quantity), "SVG file")
        out.append(
            block(
                f'<figure class="r1kb-figure">\n<div class="r1kb-chart-wrap">\n{svg}\n</div>\n'
                f"<figcaption>Every claim with a number, on {scale} scale, coloured by status; "
                "hollow marks are claims that are not accurate; bars are ranges and arrows "
                f"open bounds. Each row links to its claim. Download the {download}."
                "</figcaption>\n</figure>"
            )
        )
    out.append(heading(2, "All claims"))
    columns = ("value", "badges", "claim", "by")
    for model_id, model_claims in grouped:
        out.append(heading(3, ctx.model_name(model_id), anchor=model_id))
        out.append(claims_table(ctx, page, model_claims, columns))
    if not claims:
        out.append(block('<p class="r1kb-muted">No claims about this quantity yet.</p>'))
    return "".join(out)

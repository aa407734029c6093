"""The disclosure matrix: quantities × models, each cell the firmest status on record."""

from __future__ import annotations

from r1kb.kb import STATUSES, Claim, Model
from r1kb.site import analysis
from r1kb.site.badges import status_badge
from r1kb.site.components import block, heading, link, quantity_link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text

PAGE = "matrix.md"


def short_name(name: str) -> str:
    return name.removeprefix("DeepSeek-") or name


def _cell(ctx: SiteContext, claims: list[Claim], quantity_id: str, model_id: str) -> str:
    best = analysis.best_claim(claims)
    model = ctx.model_name(model_id)
    if best is None:
        return f'<td class="r1kb-cell--none" title="{html_text(model)}: nothing on record">·</td>'
    n = len([c for c in claims if c.withdrawn is None])
    tip = (
        f"{model}: {best.status} ({n} claim{'s' * (n != 1)}). Best: "
        f"{ctx.value_text(best)} — {best.statement}"
    )
    badge = link(ctx, PAGE, ctx.src_claim(best.id), status_badge(best.status, compact=True))
    more = ""
    if n > 1:
        target = f"{ctx.src_quantity(quantity_id)}"
        href = html_text(ctx.urls.rel(PAGE, target) + f"#{model_id}")
        more = f'<a class="r1kb-more" href="{href}" title="all {n} claims">{n}</a>'
    return f'<td title="{html_text(tip)}">{badge}{more}</td>'


def render(ctx: SiteContext) -> str:
    models = ctx.models_in_order()
    by_cell: dict[tuple[str, str], list[Claim]] = {}
    for c in ctx.kb.live_claims():
        by_cell.setdefault((c.quantity, c.subject), []).append(c)
    out = [heading(1, "Disclosure matrix")]
    legend = " ".join(status_badge(s) for s in STATUSES)
    out.append(
        block(
            "<p>What is and is not known, at a glance: one row per quantity, one column per "
            "model, each cell the firmest status on record — disclosed, derived, estimated, "
            "speculative, or recorded as undisclosed; a dot means nothing is on record. A cell "
            "links to its best-founded claim; the number beside it, when there are several, "
            "links to all of them.</p>"
            f'<p class="r1kb-legend">{legend}</p>'
        )
    )
    sections = [
        (group, qids)
        for group, qids in ctx.quantity_groups.items()
        if any((q, m.id) in by_cell for q in qids for m in models)
    ]
    jumps = " · ".join(
        f'<a href="#{ctx.group_anchor(g)}">{html_text(ctx.group_title(g))}</a>'
        f' <span class="r1kb-muted">({len(qids)})</span>'
        for g, qids in sections
    )
    out.append(
        block(
            "<p>One table per group of quantities; a model with nothing on record in a group "
            f'has no column there.</p><p class="r1kb-jump">{jumps}</p>',
            "r1kb-jumps",
        )
    )
    for group, quantity_ids in sections:
        out.append(heading(2, ctx.group_title(group), ctx.group_anchor(group)))
        out.append(_table(ctx, quantity_ids, models, by_cell))
    return "".join(out)


def _table(
    ctx: SiteContext,
    quantity_ids: list[str],
    models: list[Model],
    by_cell: dict[tuple[str, str], list[Claim]],
) -> str:
    """One group's rows; only the models with a claim in the group get a column."""
    shown = [m for m in models if any((q, m.id) in by_cell for q in quantity_ids)]
    head = '<th scope="col">Quantity</th>' + "".join(
        f'<th scope="col" title="{html_text(m.name)}"><span class="r1kb-vertical">'
        f"{link(ctx, PAGE, ctx.src_model(m.id), html_text(short_name(m.name)))}</span></th>"
        for m in shown
    )
    rows = []
    for qid in quantity_ids:
        cells = "".join(_cell(ctx, by_cell.get((qid, m.id), []), qid, m.id) for m in shown)
        rows.append(f'<tr><th scope="row">{quantity_link(ctx, PAGE, qid)}</th>{cells}</tr>')
    return table_block([head], rows, "r1kb-table r1kb-matrix")

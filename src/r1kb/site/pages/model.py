"""A fact sheet per model: one row per quantity with every claim about it."""

from __future__ import annotations

from r1kb.kb import Claim, Model
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import (
    block,
    claim_link,
    definition_list,
    heading,
    model_link,
    quantity_link,
    said_by,
    table_block,
    value_html,
)
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text


def _lineage(ctx: SiteContext, page: str, model: Model) -> str:
    items: list[tuple[str, str]] = []
    if model.derived_from:
        items.append(
            (
                "Derived from",
                "; ".join(
                    model_link(ctx, page, d.get("model", ""))
                    + (f" ({html_text(d['how'])})" if d.get("how") else "")
                    for d in model.derived_from
                ),
            )
        )
    if model.external_base:
        items.append(("External base model", html_text(model.external_base)))
    derivatives = ctx.kb.derivatives_of(model.id)
    if derivatives:
        items.append(
            ("Models derived from it", ", ".join(model_link(ctx, page, d.id) for d in derivatives))
        )
    return block(definition_list(items), "r1kb-lineage") if items else ""


def _sheet(ctx: SiteContext, page: str, claims: list[Claim]) -> str:
    by_quantity: dict[str, list[Claim]] = {}
    for c in claims:
        by_quantity.setdefault(c.quantity, []).append(c)
    order = {q: i for i, q in enumerate(ctx.kb.quantities)}
    rows = []
    for qid in sorted(by_quantity, key=lambda q: (order.get(q, len(order)), q)):
        group = ctx.sorted_claims(by_quantity[qid])
        for i, c in enumerate(group):
            name = (
                f'<td rowspan="{len(group)}">{quantity_link(ctx, page, qid)}</td>' if i == 0 else ""
            )
            scope = f'<br><span class="r1kb-muted">{html_text(c.scope)}</span>' if c.scope else ""
            rows.append(
                f"<tr>{name}<td>{value_html(ctx, c)}</td>"
                f'<td><span class="r1kb-badges">{status_badge(c.status)} '
                f"{verdict_badge(c.verdict)}</span></td>"
                f"<td>{claim_link(ctx, page, c)}{scope}"
                f'<br><span class="r1kb-muted">Said by</span> {said_by(ctx, page, c)}</td></tr>'
            )
    if not rows:
        return block('<p class="r1kb-muted">No claims about this model yet.</p>')
    headers = (
        '<th class="r1kb-col-quantity">Quantity</th>',
        '<th class="r1kb-col-value">Value</th>',
        '<th class="r1kb-col-badges">Status · verdict</th>',
        '<th class="r1kb-col-claim">Claim</th>',
    )
    return table_block(headers, rows, "r1kb-table r1kb-factsheet")


def render(ctx: SiteContext, model: Model) -> str:
    page = ctx.src_model(model.id)
    claims = [c for c in ctx.kb.by("subject", model.id) if c.withdrawn is None]
    out = [heading(1, model.name)]
    kind = model.kind.replace("-", " ")
    out.append(
        block(
            f"<p>{html_text(model.description)}</p>"
            f'<p class="r1kb-muted">{html_text(kind)} · <code>{html_text(model.id)}</code> · '
            f"{len(claims)} claim{'s' * (len(claims) != 1)}</p>"
        )
    )
    out.append(_lineage(ctx, page, model))
    out.append(heading(2, "Fact sheet"))
    out.append(
        block(
            "<p>Every quantity on record for this model, with each claim's value, status, "
            "verdict and who makes it; the best-founded claim comes first.</p>"
        )
    )
    out.append(_sheet(ctx, page, claims))
    return "".join(out)

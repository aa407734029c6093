"""A fact sheet per model: one row per quantity with every claim about it."""

from __future__ import annotations

from r1kb.kb import Claim, Model
from r1kb.site import analysis, answer
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
from r1kb.site.record_links import record_links


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


HEADERS = (
    '<th class="r1kb-col-quantity">Quantity</th>',
    '<th class="r1kb-col-value">Value</th>',
    '<th class="r1kb-col-badges">Status · verdict</th>',
    '<th class="r1kb-col-claim">Claim</th>',
)


def _inherited(ctx: SiteContext, model: Model, qid: str, claims: list[Claim]) -> Claim | None:
    """When none of the model's own claims about a quantity is accurate, the firmest
    accurate claim of the nearest model it is built from (R1's pre-training tokens are
    V3-Base's), so that a reader sees the figure on record before what others claimed."""
    if any(c.verdict == "accurate" for c in claims):
        return None
    for ancestor in analysis.lineage(ctx.kb, model.id)[1:]:
        found = [c for c in ctx.kb.by("quantity", qid) if c.subject == ancestor]
        best = analysis.best_accurate(ctx.kb, found)
        if best is not None:
            return best
    return None


def _rows(
    ctx: SiteContext, page: str, qid: str, claims: list[Claim], base: Claim | None = None
) -> list[str]:
    """The firmest accurate figure first, then what others claimed, marked as such."""
    rows = []
    first = base or analysis.best_accurate(ctx.kb, claims)  # DeepSeek's own word first
    group = ([first] if first else []) + [c for c in ctx.sorted_claims(claims) if c is not first]
    for i, c in enumerate(group):
        name = (
            f'<td class="r1kb-factsheet__quantity" rowspan="{len(group)}">'
            f"{quantity_link(ctx, page, qid)}</td>"
            if i == 0
            else ""
        )
        scope = f'<br><span class="r1kb-muted">{html_text(c.scope)}</span>' if c.scope else ""
        if c is base:
            scope = (
                f'<br><span class="r1kb-muted">of {html_text(ctx.model_name(c.subject))}, '
                f"which this model is built on</span>{scope}"
            )
        marker = (
            '<span class="r1kb-claimed">claimed, does not hold up:</span> '
            if c.verdict != "accurate"
            else ""
        )
        cls = ' class="r1kb-row--claimed"' if c.verdict != "accurate" else ""
        rows.append(
            f"<tr{cls}>{name}<td>{marker}{value_html(ctx, c)}</td>"
            f'<td><span class="r1kb-badges">{status_badge(c.status)} '
            f"{verdict_badge(c.verdict)}</span></td>"
            f"<td>{claim_link(ctx, page, c)}{scope}"
            f'<br><span class="r1kb-muted">Said by</span> {said_by(ctx, page, c)}</td></tr>'
        )
    return rows


def _sheet(ctx: SiteContext, page: str, model: Model, claims: list[Claim]) -> str:
    """One section per quantity group (a heading in the table of contents, a table each),
    in the order of data/quantities.yaml; a line of links to the groups comes first."""
    by_quantity: dict[str, list[Claim]] = {}
    for c in claims:
        by_quantity.setdefault(c.quantity, []).append(c)
    if not by_quantity:
        return block('<p class="r1kb-muted">No claims about this model yet.</p>')
    sections: list[tuple[str, list[str], int]] = []
    listed: set[str] = set()
    for group, qids in ctx.quantity_groups.items():
        present = [q for q in qids if q in by_quantity]
        listed.update(present)
        if present:
            sections.append((group, present, sum(len(by_quantity[q]) for q in present)))
    unknown = sorted(q for q in by_quantity if q not in listed)
    if unknown:  # a quantity outside the vocabulary: validation refuses it, but never drop it
        sections.append(("other", unknown, sum(len(by_quantity[q]) for q in unknown)))
    out = []
    if len(sections) > 1:
        jumps = " · ".join(
            f'<a href="#{ctx.group_anchor(g)}">{html_text(ctx.group_title(g))}</a>'
            f' <span class="r1kb-muted">({len(qs)})</span>'
            for g, qs, _n in sections
        )
        out.append(block(f'<p class="r1kb-jump">{jumps}</p>', "r1kb-jumps"))
    for group, qids, n in sections:
        out.append(heading(3, ctx.group_title(group), ctx.group_anchor(group)))
        rows = [
            row
            for q in qids
            for row in _rows(
                ctx, page, q, by_quantity[q], _inherited(ctx, model, q, by_quantity[q])
            )
        ]
        out.append(
            block(
                f'<p class="r1kb-muted">{len(qids)} quantit{"ies" if len(qids) != 1 else "y"}'
                f", {n} claim{'s' * (n != 1)}</p>"
            )
        )
        out.append(table_block(HEADERS, rows, "r1kb-table r1kb-factsheet r1kb-stack"))
    return "".join(out)


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
            + record_links(ctx, "model", model.id, "models.yaml")
        )
    )
    out.append(_lineage(ctx, page, model))
    cost = answer.answers_block(ctx, page, model.id)
    if cost:
        out.append(heading(2, "What it took to train"))
        out.append(cost)
    out.append(heading(2, "Fact sheet"))
    out.append(
        block(
            "<p>Every quantity on record for this model, grouped by topic, with each claim's "
            "value, status, verdict and who makes it. The firmest accurate figure comes first "
            "(the base model's, where this model's own claims do not hold up); what others "
            "claimed that does not hold up follows, marked.</p>"
        )
    )
    out.append(_sheet(ctx, page, model, claims))
    return "".join(out)

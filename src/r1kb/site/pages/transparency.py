"""Per model, what DeepSeek disclosed, group by group, with the evidence and a count: in the
spirit of the Foundation Model Transparency Index, from the same cells as the matrix."""

from __future__ import annotations

from collections import Counter

from r1kb.kb import Claim, Model
from r1kb.site.badges import status_badge
from r1kb.site.components import block, claim_link, heading, link, model_link, source_link
from r1kb.site.context import SiteContext
from r1kb.site.disclosure import Cell, Disclosure
from r1kb.site.escape import html_text, md_anchor

PAGE = "transparency.md"
OWN = ("disclosed", "derived")


def _evidence(ctx: SiteContext, claim: Claim) -> str:
    """The first of DeepSeek's documents behind the claim, with its locator."""
    for e in claim.sources:
        s = ctx.kb.sources.get(e.source)
        if s is not None and s.primary:
            return f"{source_link(ctx, PAGE, s.id)}, {html_text(e.locator)}"
    return '<span class="r1kb-muted">derived from other records</span>'


def _tally(cells: list[Cell]) -> Counter[str]:
    return Counter(c.kind for c in cells)


def _count_html(t: Counter[str]) -> str:
    applicable = sum(t.values()) - t["not-applicable"]
    own = t["disclosed"] + t["derived"]
    extra = []
    if t["inherited"]:
        extra.append(f"+{t['inherited']} inherited")
    if t["undisclosed"]:
        extra.append(f"{t['undisclosed']} undisclosed")
    more = f'<br><span class="r1kb-muted">{html_text(" · ".join(extra))}</span>' if extra else ""
    return f"<strong>{own}</strong> / {applicable}{more}" if applicable else "—"


def render(ctx: SiteContext) -> str:
    d = Disclosure(ctx.kb, since=ctx.claim_since)
    models = ctx.models_in_order()
    groups = ctx.quantity_groups
    cells = {
        (m.id, g): [d.cell(q, m.id) for q in qids] for m in models for g, qids in groups.items()
    }
    out = [heading(1, "Disclosure summary per model")]
    out.append(
        block(
            "<p>For each model and each group of quantities: how many figures DeepSeek itself "
            "disclosed (or that follow by arithmetic from its figures), out of the quantities "
            "that apply to the model; below, each of them with the document that discloses it. "
            "Figures a model shares with the model its weights start from are counted apart "
            "(inherited), as are the records that DeepSeek did not disclose a figure. The cells "
            f"are those of the {link(ctx, PAGE, 'matrix.md', 'disclosure matrix')}; a quantity "
            "nobody has researched for a model counts against it here, so the counts are a "
            "floor, not a score.</p>",
            "r1kb-intro",
        )
    )
    head = "<th>Model</th>" + "".join(f"<th>{html_text(ctx.group_title(g))}</th>" for g in groups)
    rows = []
    for m in models:
        tds = "".join(f"<td>{_count_html(_tally(cells[(m.id, g)]))}</td>" for g in groups)
        total = _tally([c for g in groups for c in cells[(m.id, g)]])
        anchor = md_anchor(f"m-{m.id}")  # as the model's heading writes its id ("1.5b": "1-5b")
        rows.append(
            f'<tr><th scope="row"><a href="#{anchor}">{html_text(ctx.model_alias(m.id))}</a></th>'
            f"{tds}<td>{_count_html(total)}</td></tr>"
        )
    table = (
        '<div class="r1kb-matrix-scroll"><table class="r1kb-dmatrix r1kb-summary">'
        f"<thead><tr>{head}<th>All</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    out.append(block(table))
    for m in models:
        out.append(_model_section(ctx, m, {g: cells[(m.id, g)] for g in groups}))
    return "".join(out)


def _model_section(ctx: SiteContext, model: Model, by_group: dict[str, list[Cell]]) -> str:
    parts = []
    for group, cells in by_group.items():
        own = [c for c in cells if c.kind in OWN and c.claim is not None]
        if not own:
            continue
        items = "".join(
            f"<li>{html_text(ctx.quantity_name(c.claim.quantity))}: "
            f"{claim_link(ctx, PAGE, c.claim, ctx.value_text(c.claim))} "
            f"{status_badge(c.kind, compact=True)} — {_evidence(ctx, c.claim)}</li>"
            for c in own
            if c.claim is not None
        )
        parts.append(
            f"<details><summary>{html_text(ctx.group_title(group))}: {len(own)}</summary>"
            f"<ul>{items}</ul></details>"
        )
    body = "".join(parts) or '<p class="r1kb-muted">Nothing disclosed on record.</p>'
    return heading(2, ctx.model_name(model.id), f"m-{model.id}") + block(
        f"<p>{model_link(ctx, PAGE, model.id)}: {html_text(model.description)}</p>{body}"
    )

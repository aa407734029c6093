"""The disclosure matrix: quantities × models, each cell DeepSeek's own position and its value.

One table, a body per group of quantities, so that the column heads and the quantity column
stay in view while the table scrolls (in its own box: a sticky head cannot stick inside a
box that only scrolls sideways). A small script (docs/assets/r1kb-filters.js) filters
rows by group and columns by model; without it the whole table shows.
"""

from __future__ import annotations

from r1kb.kb import Model
from r1kb.site.components import block, heading, link, quantity_link
from r1kb.site.context import SiteContext
from r1kb.site.disclosure import KINDS, Cell, Disclosure
from r1kb.site.escape import html_text

PAGE = "matrix.md"
CELL_TEXT = 22  # characters of a value shown in a cell; the whole value is in its tooltip
TABLE_ID = "r1kb-matrix"


def _short(text: str) -> str:
    return text if len(text) <= CELL_TEXT else text[: CELL_TEXT - 1].rstrip() + "…"


def icon(kind: str, term: str) -> str:
    """A status or verdict icon in its colour, its word as a tooltip (the legend and the
    badges elsewhere explain it); small, because the matrix has thousands of cells."""
    return f'<span class="r1kb-i r1kb-{kind}--{term}" title="{term}"></span>'


def _beside(ctx: SiteContext, page: str, cell: Cell) -> str:
    """The best estimate or speculation beside DeepSeek's position, and how many more."""
    if not cell.beside:
        return ""
    first = cell.beside[0]
    value = ctx.value_text(first.claim) if first.claim.value is not None else first.status
    more = len(cell.beside) - 1
    extra = f" +{more}" if more else ""
    mark = "estimate exists: " if first.status == "estimated" else ""
    inner = (
        icon("status", first.status)
        + icon("verdict", first.verdict)
        + html_text(mark + _short(value))
        + extra
    )
    target = link(ctx, page, ctx.src_claim(first.claim.id), inner)
    return f'<span class="r1kb-c__beside">{target}</span>'


def cell_html(ctx: SiteContext, page: str, cell: Cell, quantity_id: str, column: int) -> str:
    """One cell: its kind as a class, DeepSeek's position (value, icon, link), what stands
    beside it, and the number of claims in it when there are several."""
    attrs = f'data-m="{column}" class="r1kb-c--{cell.kind}"'
    if cell.claim is None:
        inner = ""
    else:
        c = cell.claim
        status = cell.base_kind or cell.kind
        shown = KINDS[status].label if c.value is None else ctx.value_text(c)
        inner = link(
            ctx, page, ctx.src_claim(c.id), icon("status", status) + html_text(_short(shown))
        )
        if cell.via:
            inner += f'<span class="r1kb-c__via">↑ {html_text(ctx.model_alias(cell.via))}</span>'
    inner += _beside(ctx, page, cell)
    if cell.count > 1:
        href = html_text(ctx.urls.rel(page, ctx.src_quantity(quantity_id)) + f"#{cell.model}")
        inner += f'<a class="r1kb-c__n" href="{href}">{cell.count} claims</a>'
    return f"<td {attrs}>{inner}</td>"


def legend() -> str:
    items = "".join(
        f'<li><span class="r1kb-c--{k.id} r1kb-c__swatch">{html_text(k.label)}</span> '
        f"{html_text(k.meaning)}</li>"
        for k in KINDS.values()
    )
    return f'<ul class="r1kb-legend r1kb-c-legend">{items}</ul>'


def filters(ctx: SiteContext, groups: list[str], models: list[Model]) -> str:
    """Checkboxes the script reads; hidden until the script runs (no script: no filters)."""

    def box(name: str, value: str, label: str) -> str:
        return (
            f'<label><input type="checkbox" name="{name}" value="{html_text(value)}" checked> '
            f"{html_text(label)}</label>"
        )

    g = "".join(box("g", grp, ctx.group_title(grp)) for grp in groups)
    m = "".join(box("m", str(i), ctx.model_alias(mod.id)) for i, mod in enumerate(models))
    return (
        f'<form class="r1kb-filters" data-for="{TABLE_ID}" hidden>'
        f"<fieldset><legend>Quantity groups</legend>{g}</fieldset>"
        f"<fieldset><legend>Models</legend>{m}</fieldset></form>"
    )


def matrix_table(ctx: SiteContext, page: str, disclosure: Disclosure, models: list[Model]) -> str:
    head = '<th scope="col" class="r1kb-c__corner">Quantity</th>' + "".join(
        f'<th scope="col" data-m="{i}" id="{html_text(m.id)}" title="{html_text(m.name)}">'
        f"{link(ctx, page, ctx.src_model(m.id), html_text(ctx.model_alias(m.id)))}</th>"
        for i, m in enumerate(models)
    )
    bodies = []
    for group, quantity_ids in ctx.quantity_groups.items():
        rows = [
            f'<tr class="r1kb-matrix__group"><th scope="rowgroup" colspan="{len(models) + 1}" '
            f'id="{ctx.group_anchor(group)}"><span>{html_text(ctx.group_title(group))}</span>'
            "</th></tr>"
        ]
        for qid in quantity_ids:
            cells = "".join(
                cell_html(ctx, page, disclosure.cell(qid, m.id), qid, i)
                for i, m in enumerate(models)
            )
            rows.append(f'<tr><th scope="row">{quantity_link(ctx, page, qid)}</th>{cells}</tr>')
        bodies.append(f'<tbody data-g="{html_text(group)}">' + "".join(rows) + "</tbody>")
    return (
        f'<div class="r1kb-matrix-scroll" tabindex="0"><table id="{TABLE_ID}" class="r1kb-dmatrix">'
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table></div>"
    )


def render(ctx: SiteContext, as_of: str | None = None, page: str = PAGE) -> str:
    """The matrix now, or as it stood at a date (`as_of`, for the timeline)."""
    disclosure = Disclosure(ctx.kb, as_of, since=ctx.claim_since)
    models = [m for m in ctx.models_in_order() if disclosure.has_records(m.id) or not as_of]
    title = f"Disclosure matrix as of {as_of}" if as_of else "Disclosure matrix"
    out = [heading(1, title)]
    when = (
        f"<p>As the records stood on <time>{html_text(as_of)}</time>: claims whose history "
        "or documents are later are left out, and each record is taken with the status it "
        "had then. Only models with a record by that date have a column. "
        f"{link(ctx, page, PAGE, 'The matrix now')} · "
        f"{link(ctx, page, 'timeline.md', 'the timeline')}.</p>"
        if as_of
        else f"<p>How it changed: {link(ctx, page, 'timeline.md', 'the timeline')}, with this "
        "matrix as it stood at each primary disclosure; per model, "
        f"{link(ctx, page, 'transparency.md', 'the disclosure summary')}.</p>"
    )
    jumps = " · ".join(
        f'<a href="#{ctx.group_anchor(g)}">{html_text(ctx.group_title(g))}</a>'
        f' <span class="r1kb-muted">({len(q)})</span>'
        for g, q in ctx.quantity_groups.items()
    )
    out.append(
        block(
            "<p>What DeepSeek has and has not disclosed, one row per quantity and one column "
            "per model. A cell shows DeepSeek's own position — the figure it disclosed, one "
            "derived from its figures, or a record that it did not disclose it — never a third "
            "party's figure; estimates and speculation stand beside it, marked with their "
            "badges. Each value links to its claim; a number links to all the claims in the "
            f"cell.</p>{when}{legend()}"
            f'<p class="r1kb-jump">{jumps}</p>',
            "r1kb-intro",
        )
    )
    groups = list(ctx.quantity_groups)
    out.append(block(filters(ctx, groups, models) + matrix_table(ctx, page, disclosure, models)))
    return "".join(out)

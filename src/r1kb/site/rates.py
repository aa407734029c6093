"""The exchange rates on record as a table: on the methodology page (all of them, with how
check-source uses them) and on the page of each source that gives one."""

from __future__ import annotations

from collections.abc import Iterable

from r1kb.kb import ExchangeRate
from r1kb.site.components import link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text


def rates_table(
    ctx: SiteContext, page: str, rates: Iterable[ExchangeRate], with_source: bool = True
) -> str:
    rows = []
    for r in sorted(rates, key=lambda r: (r.unit, r.per, r.date)):
        source = ctx.kb.sources.get(r.source)
        cited = (
            link(ctx, page, ctx.src_source(source.id), html_text(source.title))
            if source is not None
            else html_text(r.source)
        )
        evidence = f"{html_text(r.locator)}: <q>{html_text(r.quote)}</q>"
        cells = [
            f'<td id="rate-{html_text(r.id)}"><strong>'
            f"{html_text(f'{r.value:g} {r.unit} per {r.per}')}</strong><br>"
            f"<code>{html_text(r.id)}</code></td>",
            f"<td>{html_text(r.date)}</td>",
            f"<td>{html_text(r.basis)}</td>",
            f"<td>{cited + '<br>' if with_source else ''}{evidence}</td>",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    headers = ("Rate", "For", "What it is", "Source and quote" if with_source else "Quote")
    return table_block(headers, rows, "r1kb-table r1kb-stack r1kb-rates")

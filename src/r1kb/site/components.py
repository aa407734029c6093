"""HTML pieces shared by the pages: links, values, claim tables, blocks.

Pages are Markdown with raw HTML blocks. Python-Markdown passes a block through untouched
when it starts with a block-level tag at the start of a line and is followed by a blank
line, so record text inside it only needs HTML escaping (see escape.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from r1kb.kb import Claim
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_code, html_text, md_anchor, md_text

BLOCK_START, BLOCK_END = "<!-- r1kb:block -->", "<!-- /r1kb:block -->"
_OPEN, _CLOSE = BLOCK_START + "\n", "\n" + BLOCK_END
_SLOT = re.compile(r'<div data-r1kb-slot="([0-9]+)"></div>')
SEARCH_EXCLUDE = "data-search-exclude"  # Material leaves such a section out of its index
SHORT_VALUE = 18  # characters: "2.788M GPU-hours" stays on one line


def block(inner: str, cls: str = "") -> str:
    """A raw HTML block, between markers so that the build can lift it out of the Markdown."""
    attr = f' class="{cls}"' if cls else ""
    return html_block(f"<div{attr}>\n{inner}\n</div>")


def html_block(element: str) -> str:
    """One HTML element as a raw block (see `block`)."""
    return f"\n{BLOCK_START}\n{element}\n{BLOCK_END}\n\n"


def code_tabs(panels: Sequence[tuple[str, str, str]], group: int = 1) -> str:
    """Content tabs of code, (label, language, text) each, as the Markdown extensions in
    mkdocs.yml write them (pymdownx.tabbed in its alternate style around
    pymdownx.superfences code blocks, no Pygments), the first tab selected; group numbers
    the page's tab sets from 1. Written here rather than in Markdown: the extensions took a
    third of a claim page's Markdown time."""
    name = f"__tabbed_{group}"
    checked = ' checked="checked"'
    inputs = "".join(
        f'<input{checked if i == 1 else ""} id="{name}_{i}" name="{name}" type="radio" />'
        for i in range(1, len(panels) + 1)
    )
    labels = "".join(
        f'<label for="{name}_{i}">{html_text(label)}</label>'
        for i, (label, _, _) in enumerate(panels, 1)
    )
    blocks = "\n".join(
        '<div class="tabbed-block">\n<pre class="highlight">'
        f'<code class="language-{md_anchor(lang)}">{html_code(text)}</code></pre>\n</div>'
        for _, lang, text in panels
    )
    return (
        f'<div class="tabbed-set tabbed-alternate" data-tabs="{group}:{len(panels)}">'
        f'{inputs}<div class="tabbed-labels">{labels}</div>\n'
        f'<div class="tabbed-content">\n{blocks}\n</div>\n</div>'
    )


def lift_blocks(markdown: str) -> tuple[str, list[str]]:
    """Replace each block by an empty placeholder; return the Markdown and the blocks.

    Python-Markdown would pass the blocks through untouched anyway, but parsing large raw
    HTML costs most of a page's Markdown time; `fill_slots` puts them back in the HTML.
    """
    blocks: list[str] = []
    out: list[str] = []
    for outside, inner in _blocks(markdown):
        out.append(outside)
        if inner is not None:
            out.append(f'<div data-r1kb-slot="{len(blocks)}"></div>')
            blocks.append(inner)
    return "".join(out), blocks


def _blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """(text before, block's inner HTML) for each block in text, then (the rest, None): what
    the pattern `BLOCK_START\\n(.*?)\\nBLOCK_END` (dot matching newlines) finds, with
    str.find, which is many times faster than the pattern's lazy scan."""
    pos = 0
    while (start := text.find(_OPEN, pos)) >= 0:
        end = text.find(_CLOSE, start + len(_OPEN))
        if end < 0:
            break
        yield text[pos:start], text[start + len(_OPEN) : end]
        pos = end + len(_CLOSE)
    yield text[pos:], None


def fill_slots(html: str, blocks: Sequence[str]) -> str:
    return _SLOT.sub(lambda m: blocks[int(m.group(1))], html) if blocks else html


def heading(level: int, text: str, anchor: str | None = None, *, search: bool = True) -> str:
    """A Markdown heading (in the table of contents and, unless search is False, with its
    section in the search index), text escaped."""
    attrs = ([f"#{md_anchor(anchor)}"] if anchor else []) + ([] if search else [SEARCH_EXCLUDE])
    attr = f" {{ {' '.join(attrs)} }}" if attrs else ""
    return f"\n{'#' * level} {md_text(text)}{attr}\n\n"


def html_heading(level: int, text: str, anchor: str, *, search: bool = True) -> str:
    """A heading as the toc extension (permalink on) writes one, as a raw block: the build
    adds it to the page's table of contents (`toc_entries`). Text escaped."""
    exclude = f" {SEARCH_EXCLUDE}" if not search else ""
    return html_block(
        f'<h{level}{exclude} id="{md_anchor(anchor)}">{html_text(text)}<a class="headerlink" '
        f'href="#{md_anchor(anchor)}" title="Permanent link">&para;</a></h{level}>'
    )


# A heading at the start of a line; searched for in "\n" + the block, as `^` with re.M
# would find it, but through the pattern's literal start (one scan, not a try per character).
_HTML_HEADING = re.compile(
    rf'\n<h([2-6])(?: {SEARCH_EXCLUDE})? id="([^"]+)">(.*?)<a class="headerlink"'
)


def toc_entries(blocks: Iterable[str]) -> list[tuple[int, str, str]]:
    """(level, id, title as HTML) of each `html_heading` in a page's blocks, in order."""
    return [(int(m[1]), m[2], m[3]) for b in blocks for m in _HTML_HEADING.finditer("\n" + b)]


def join_blocks(parts: Iterable[str]) -> str:
    """Several raw blocks (`block`, `html_heading`) as one: Python-Markdown's time grows with
    the number of blocks in a page, not with their size."""
    parts = list(parts)
    found = [piece for p in parts for piece in _blocks(p)]
    if any(outside.strip() for outside, _ in found):
        raise ValueError("join_blocks: only raw blocks can be joined")
    return html_block("\n".join(inner for _, inner in found if inner is not None))


def link(ctx: SiteContext, page: str, target: str, inner_html: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{html_text(ctx.urls.rel(page, target))}"{attr}>{inner_html}</a>'


def claim_link(ctx: SiteContext, page: str, claim: Claim, text: str | None = None) -> str:
    return link(ctx, page, ctx.src_claim(claim.id), html_text(text or claim.statement))


def model_link(ctx: SiteContext, page: str, model_id: str) -> str:
    if model_id not in ctx.kb.models:
        return html_text(model_id)
    return link(ctx, page, ctx.src_model(model_id), html_text(ctx.model_name(model_id)))


def quantity_link(ctx: SiteContext, page: str, quantity_id: str) -> str:
    if quantity_id not in ctx.kb.quantities:
        return html_text(quantity_id)
    return link(ctx, page, ctx.src_quantity(quantity_id), html_text(ctx.quantity_name(quantity_id)))


def source_link(ctx: SiteContext, page: str, source_id: str, text: str | None = None) -> str:
    source = ctx.kb.sources.get(source_id)
    if source is None:
        return html_text(source_id)
    return link(ctx, page, ctx.src_source(source_id), html_text(text or source.title))


def value_html(ctx: SiteContext, claim: Claim) -> str:
    """The value as read ('$5.576M'), the exact figure on hover."""
    return ctx.per_claim("value_html", claim, lambda: _value_html(ctx, claim))


def _value_html(ctx: SiteContext, claim: Claim) -> str:
    shown = ctx.value_text(claim)
    exact = ctx.fmt.exact(claim.value, claim.unit)
    if claim.value is None:
        cls = "r1kb-value r1kb-value--none"
    elif isinstance(claim.value, str) and claim.unit != "date":
        cls = "r1kb-value r1kb-value--text"
    else:
        cls = "r1kb-value"
    title = f' title="{html_text(exact)}"' if exact else ""
    text = html_text(shown)
    if cls == "r1kb-value":  # a figure: keep short ones on one line, long units may wrap
        text = text.replace(" ", "&nbsp;") if len(shown) <= SHORT_VALUE else text
    return f'<span class="{cls}"{title}>{text}</span>'


def said_by(ctx: SiteContext, page: str, claim: Claim) -> str:
    """Who makes the claim: the publishers of its claiming sources, linked."""
    sources = ctx.claiming_sources(claim)
    if not sources:
        return '<span class="r1kb-muted">r1kb</span>'
    publishers = Counter(s.publisher for s in sources)
    return ", ".join(
        source_link(
            ctx,
            page,
            s.id,
            s.publisher if publishers[s.publisher] == 1 else f"{s.publisher} ({s.kind})",
        )
        for s in sources
    )


DEFAULT_COLUMNS = ("claim", "model", "value", "badges", "by")


def claim_rows(
    ctx: SiteContext,
    page: str,
    claims: Iterable[Claim],
    columns: Sequence[str] = DEFAULT_COLUMNS,
) -> str:
    cells = {
        "claim": lambda c: (
            claim_link(ctx, page, c)
            + (' <span class="r1kb-withdrawn-tag">withdrawn</span>' if c.withdrawn else "")
        ),
        "model": lambda c: model_link(ctx, page, c.subject),
        "quantity": lambda c: quantity_link(ctx, page, c.quantity),
        "value": lambda c: value_html(ctx, c),
        "status": lambda c: status_badge(c.status, relayed=ctx.readings.relayed(c)),
        "verdict": lambda c: verdict_badge(c.verdict),
        "badges": lambda c: (
            f'<span class="r1kb-badges">{status_badge(c.status, relayed=ctx.readings.relayed(c))} '
            f"{verdict_badge(c.verdict)}</span>"
        ),
        "by": lambda c: said_by(ctx, page, c),
        "scope": lambda c: html_text(c.scope or ""),
    }
    rows = []
    for c in claims:
        row = "".join(f"<td>{cells[col](c)}</td>" for col in columns)
        rows.append(f"<tr>{row}</tr>")
    return "\n".join(rows)


HEADERS = {
    "claim": "Claim",
    "model": "Model",
    "quantity": "Quantity",
    "value": "Value",
    "status": "Status",
    "verdict": "Verdict",
    "badges": "Status · verdict",
    "by": "Said by",
    "scope": "Scope",
}


def claims_table(
    ctx: SiteContext,
    page: str,
    claims: Iterable[Claim],
    columns: Sequence[str] = DEFAULT_COLUMNS,
    empty: str = "No claims on record.",
) -> str:
    body = claim_rows(ctx, page, claims, columns)
    if not body:
        return block(f'<p class="r1kb-muted">{html_text(empty)}</p>')
    headers = [f'<th class="r1kb-col-{c}">{HEADERS[c]}</th>' for c in columns]
    return table_block(headers, [body], "r1kb-table r1kb-stack")


def table(headers: Sequence[str], rows: Iterable[str]) -> str:
    """A <table>: header labels (our words, or ready <th> elements) and <tr> rows."""
    head = "".join(h if h.startswith("<th") else f"<th>{h}</th>" for h in headers)
    body = "\n".join(rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def table_block(headers: Sequence[str], rows: Iterable[str], cls: str = "r1kb-table") -> str:
    return block(table(headers, rows), cls)


def definition_list(items: Sequence[tuple[str, str]], cls: str = "r1kb-facts") -> str:
    """<dl> of (label, html) pairs; labels are our own words, values already HTML."""
    inner = "\n".join(f"<dt>{html_text(k)}</dt>\n<dd>{v}</dd>" for k, v in items)
    return f'<dl class="{cls}">\n{inner}\n</dl>'

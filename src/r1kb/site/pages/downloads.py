"""Downloads: the exports of the whole knowledge base, the per-record JSON, the schemas,
the licences and how to cite the knowledge base."""

from __future__ import annotations

from r1kb.site import citations, records
from r1kb.site.components import block, heading, link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.dataset import CODE_LICENCE, DATA_LICENCE, NO_ADDRESS_HINT, QUOTES_NOTE
from r1kb.site.escape import html_text
from r1kb.site.evidence import READINGS
from r1kb.site.exports import EXPORTS

PAGE = "downloads.md"
FOLDER = "downloads"


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} MiB"


def render(ctx: SiteContext, sizes: dict[str, int], schema_files: list[str]) -> str:
    """sizes: export file name -> bytes; schema_files: names under downloads/schema/."""
    out = [heading(1, "Downloads")]
    out.append(
        block(
            "<p>The whole knowledge base, generated from the same records as these pages at "
            "build time. The same files come from the command line: "
            "<code>r1kb export --format json --output r1kb.json</code>.</p>"
        )
    )
    rows = []
    for e in EXPORTS:
        path = f"{FOLDER}/{e.filename}"
        size = size_text(sizes[e.filename]) if e.filename in sizes else ""
        rows.append(
            f"<tr><td>{link(ctx, PAGE, path, html_text(e.filename))}</td>"
            f"<td><code>{html_text(e.format)}</code></td><td>{html_text(e.description)}</td>"
            f"<td>{html_text(size)}</td></tr>"
        )
    out.append(heading(2, "Knowledge base"))
    out.append(table_block(("File", "Format", "Contents", "Size"), rows))
    out.append(heading(2, "Changes"))
    feed = link(ctx, PAGE, "feed.xml", "Atom feed")
    changes = link(ctx, PAGE, "changelog.md", "changelog")
    evidence = link(ctx, PAGE, "methodology.md", "methodology")
    out.append(
        block(
            f"<p>Data release <strong>{html_text(ctx.history.version)}</strong>. New and changed "
            f"claims per release: the {feed} (<code>feed.xml</code>) and the {changes}. Each "
            f"claim's <code>evidence_read</code> says how its evidence was read "
            f"({html_text(', '.join(READINGS))}; see the {evidence}).</p>"
        )
    )
    out.append(heading(2, "Per-record JSON", "api"))
    out.append(_api(ctx))
    out.append(heading(2, "Schemas"))
    items = "".join(
        f"<li>{link(ctx, PAGE, f'{FOLDER}/schema/{name}', html_text(name))}</li>"
        for name in schema_files
    )
    reference = link(ctx, PAGE, "reference/schema.md", "schema reference")
    out.append(
        block(
            f"<p>JSON Schema (draft 2020-12) of each record kind; the {reference} explains every "
            f"field.</p><ul>{items}</ul>"
        )
    )
    out.append(heading(2, "Charts"))
    quantities = link(ctx, PAGE, "quantities/index.md", "quantity page")
    out.append(
        block(f"<p>Each {quantities} with numeric claims links its chart as an SVG file.</p>")
    )
    out.append(heading(2, "Licence", "licence"))
    out.append(_licence())
    out.append(heading(2, "Cite the knowledge base", "cite"))
    out.append(_cite(ctx))
    return "".join(out)


def _code(text: str) -> str:
    return f"<pre><code>{html_text(text)}</code></pre>"


def _api(ctx: SiteContext) -> str:
    """What /api/ holds, with the JSON of one claim as the example."""
    kinds = "".join(
        f"<li><code>{html_text(records.api_path(kind, '<id>'))}</code></li>"
        for kind in records.KINDS
    )
    text = (
        "<p>Every claim, source, model and quantity is also a JSON file of its own, at a "
        f"fixed address next to its page:</p><ul>{kinds}</ul>"
        "<p>Each holds the record's id and kind, its page, the schema that describes it, and "
        "under <code>record</code> the record exactly as its YAML file in "
        "<code>data/</code> holds it; it validates against that JSON Schema. The "
        "<code>r1kb.json</code> download lists the same documents, written by the same "
        "code. Each file also states the data licence and version.</p>"
    )
    # The example: a short, firm claim (disclosed and accurate when there is one).
    claims = sorted(
        ctx.kb.claims.values(),
        key=lambda c: (c.verdict != "accurate", c.status != "disclosed", len(c.statement), c.id),
    )
    if claims:
        example = claims[0]
        path = records.api_path("claim", example.id)
        text += (
            f"<p>For example, {link(ctx, PAGE, path, f'<code>{html_text(path)}</code>')}:</p>"
            + _code(records.api_file(ctx, "claim", example))
        )
    return block(text, "r1kb-api")


def _licence() -> str:
    return block(
        f'<p>The records — claims, sources, models, quantities — are licensed under <a href="'
        f'{html_text(DATA_LICENCE.url)}">{html_text(DATA_LICENCE.name)}</a> '
        f"(<code>{html_text(DATA_LICENCE.spdx)}</code>): reuse them for any purpose, naming "
        "the r1kb contributors and linking to the knowledge base. The code that checks and "
        f"publishes them is under the {html_text(CODE_LICENCE.name)}. Every download states "
        "its licence inside the file, except the CSL-JSON, whose format has no field for it."
        f"</p><p>{html_text(QUOTES_NOTE)}</p>"
    )


def _cite(ctx: SiteContext) -> str:
    note = ""
    if not ctx.urls.site_url:
        note = (
            '<p class="r1kb-no-address">This build has no site address, so these citations '
            f"carry no URL: {html_text(NO_ADDRESS_HINT)}.</p>"
        )
    return block(
        "<p>To cite the knowledge base as a whole (to cite one claim, use the box at the end "
        "of its page). The repository's <code>CITATION.cff</code> says the same for GitHub "
        f"and reference managers.</p>{note}"
        f"{_code(citations.dataset_plain(ctx))}{_code(citations.dataset_bibtex(ctx))}",
        "r1kb-cite",
    )

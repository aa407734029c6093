"""Downloads: the exports of the whole knowledge base and the schemas."""

from __future__ import annotations

from r1kb.site.components import block, heading, link, table_block
from r1kb.site.context import SiteContext
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
    return "".join(out)

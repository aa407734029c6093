"""The 'edit this record' and 'report an error' links of claim, source, model and
quantity pages (addresses from r1kb.site.repository)."""

from __future__ import annotations

from r1kb.site.context import SiteContext
from r1kb.site.escape import external_link, html_text


def record_links(ctx: SiteContext, kind: str, record_id: str, data_relative: str) -> str:
    """A paragraph of links for the record in data/<data_relative>; empty without a
    configured repository (a note says so, rather than links that lead nowhere)."""
    repo = ctx.repository
    if repo is None:
        return (
            '<p class="r1kb-record-links r1kb-muted">Record file: '
            f"<code>{html_text(ctx.history.prefix + data_relative)}</code> (set "
            "<code>R1KB_REPO_URL</code> for edit and report links).</p>"
        )
    return (
        '<p class="r1kb-record-links">'
        f"{external_link(repo.view(data_relative), 'Record file')} · "
        f"{external_link(repo.edit(data_relative), 'Edit this record')} · "
        f"{external_link(repo.report(kind, record_id, data_relative), 'Report an error')}"
        "</p>"
    )

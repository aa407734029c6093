"""An Atom feed of new and changed claims, one entry per data release (r1kb.site.history).

Links are the site's permalinks: absolute when the site's address is configured
(R1KB_SITE_URL), else paths from the site root, which Atom resolves against the feed's own
address. Record text is escaped for XML; the entry content is escaped HTML.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from r1kb.site.context import CITATION_AUTHOR, CONTAINER_TITLE, SiteContext
from r1kb.site.escape import html_text
from r1kb.site.history import Release
from r1kb.site.pages.record_history import CHANGELOG, release_anchor

PATH = "feed.xml"
MEDIA_TYPE = "application/atom+xml"
MAX_RELEASES = 20  # a feed holds the recent past; the changelog page holds all of it
MAX_LISTED = 200  # claims listed in one entry; the rest are counted
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def escape(text: str) -> str:
    return _escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("\ufffd", text))


def _claim_list(ctx: SiteContext, label: str, ids: list[str]) -> str:
    if not ids:
        return ""
    items = []
    for cid in ids[:MAX_LISTED]:
        claim = ctx.kb.claims.get(cid)
        url = ctx.urls.permalink(ctx.src_claim(cid))
        text = claim.statement if claim else cid
        items.append(f'<li><a href="{html_text(url)}">{html_text(text)}</a></li>')
    more = f"<li>… and {len(ids) - MAX_LISTED} more</li>" if len(ids) > MAX_LISTED else ""
    return f"<h3>{html_text(label)} ({len(ids)})</h3><ul>{''.join(items)}{more}</ul>"


def _entry(ctx: SiteContext, r: Release, changelog: str) -> str:
    link = f"{changelog}#{release_anchor(r.version)}"
    title = f"Release {r.version}: {len(r.added)} new, {len(r.changed)} changed"
    if r.withdrawn:
        title += f", {len(r.withdrawn)} withdrawn"
    html = (
        _claim_list(ctx, "New claims", r.added)
        + _claim_list(ctx, "Changed claims", r.changed)
        + _claim_list(ctx, "Withdrawn claims", r.withdrawn)
    ) or "<p>No claim changed; other records did.</p>"
    return (
        "  <entry>\n"
        f"    <id>{escape(_id(ctx, r.version))}</id>\n"
        f"    <title>{escape(title + ' claims')}</title>\n"
        f"    <updated>{r.date}T00:00:00Z</updated>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>\n'
        f'    <content type="html">{escape(html)}</content>\n'
        "  </entry>\n"
    )


def _id(ctx: SiteContext, version: str | None) -> str:
    """A stable IRI: the site's address when known, else a tag URI."""
    base = ctx.urls.site_url
    if base:
        return base.rstrip("/") + "/" + PATH + (f"#{version}" if version else "")
    return "tag:r1kb,2026:feed" + (f":release-{version}" if version else "")


def render(ctx: SiteContext) -> str:
    releases = ctx.history.releases[:MAX_RELEASES]
    changelog = ctx.urls.permalink(CHANGELOG)
    updated = releases[0].date if releases else "1970-01-01"
    entries = "".join(_entry(ctx, r, changelog) for r in releases)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{escape(_id(ctx, None))}</id>\n"
        f"  <title>{escape(CONTAINER_TITLE)}: new and changed claims</title>\n"
        f"  <subtitle>Data release {escape(ctx.history.version)}</subtitle>\n"
        f"  <updated>{updated}T00:00:00Z</updated>\n"
        f'  <link rel="self" type="{MEDIA_TYPE}" href={quoteattr(ctx.urls.permalink(PATH))}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(changelog)}/>\n'
        f"  <author><name>{escape(CITATION_AUTHOR)}</name></author>\n"
        f"{entries}"
        "</feed>\n"
    )

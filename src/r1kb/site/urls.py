"""Where every generated page lives, and relative links between them.

Raw HTML in pages is not rewritten by MkDocs, so links are computed here, relative to the
page that carries them (the site works from any sub-path and from the file system). A page
is addressed by its source path (`claims/v3-training-cost.md`); its URL follows MkDocs'
`use_directory_urls` (`claims/v3-training-cost/` or `claims/v3-training-cost.html`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

# Folders of the per-record pages; each also holds an index page (index.md).
CLAIMS, SOURCES, MODELS, QUANTITIES = "claims", "sources", "models", "quantities"
STATUS, VERDICTS = "status", "verdicts"


# Characters no URL holds as they are (RFC 3986) and quotes: each would end a BibTeX brace
# field, an HTML attribute or a Markdown link the address is written into.
_URL_FORBIDDEN = frozenset("\"'<>{}\\^`|")


def site_url_problem(url: str) -> str | None:
    """Why url cannot be the site's address (--site-url, R1KB_SITE_URL), or None. It is
    written as it is into permalinks, citations (BibTeX too), feeds and JSON-LD, so it must
    be an absolute http(s) URL with a host, and nothing else."""
    if any(ch.isspace() for ch in url) or not url.isprintable():
        return "holds whitespace or a control character"
    if bad := sorted(_URL_FORBIDDEN.intersection(url)):
        return f"holds {' '.join(bad)}, which no URL holds as it is"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "is not a URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "is not an absolute http(s) URL with a host (https://example.org/r1kb/)"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "has a query or a fragment: the address of a site has neither"
    return None


@dataclass(frozen=True)
class Urls:
    use_directory_urls: bool = True
    site_url: str | None = None  # absolute base for permalinks, from mkdocs.yml

    # --- source paths of pages ----------------------------------------------------------
    @staticmethod
    def src(kind: str, record_id: str | None = None) -> str:
        """'claims/x.md' for a record page, 'claims/index.md' for the folder's index."""
        return f"{kind}/{record_id or 'index'}.md"

    def url(self, src_uri: str) -> str:
        """The URL (relative to the site root) MkDocs gives to a source path."""
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[:-3]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/" if self.use_directory_urls else f"{stem}.html"

    def rel(self, from_src: str, to: str) -> str:
        """Link from the page at source path from_src to a page (.md) or file path."""
        target = self.url(to)
        here = self.url(from_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here)
        link = _relpath(target, base)
        if (target.endswith("/") or not target) and not link.endswith("/"):
            link += "/"
        if not self.use_directory_urls and (target == "" or target.endswith("/")):
            link += "index.html"
        return link

    def permalink(self, src_uri: str) -> str:
        """Absolute URL when site_url is configured, else the path from the site root."""
        return self.absolute(src_uri) or "/" + self.url(src_uri)

    def absolute(self, src_uri: str) -> str | None:
        """The absolute http(s) URL of a page or file, or None when the build has no address
        (citations then leave the URL out rather than hand out a path as if it were one)."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + self.url(src_uri)


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath(target or ".", base or ".") for paths under the site root, without
    its two calls to abspath (a tenth of a large site's page generation)."""
    if ".." in target or ".." in base:
        return posixpath.relpath(target or ".", base or ".")
    to = [p for p in target.split("/") if p and p != "."]
    start = [p for p in base.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."

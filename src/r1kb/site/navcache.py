"""Render Material's navigation sidebar, tabs, header, footer, config, styles and scripts once
per folder for pages outside the navigation.

Material renders the whole sidebar for every page; with thousands of claim, source and
quantity pages that is most of the template time. For a page that is not in the
navigation nothing in the sidebar depends on the page except the relative links, which
are the same for every page in the same folder, so the first rendering is reused
(theme/main.html asks `get` before rendering and hands the result to `keep`). The same
holds for the navigation tabs, the footer (no previous or next page outside the navigation),
the theme's JSON config and the head's stylesheets, analytics and scripts (links relative
to the folder); the header differs only by the page's title, which `header`
puts into the first rendering.

The table of contents (the secondary sidebar) depends on nothing but the page's headings
(title, id and level of each; its links are fragments, "#id"), and of a page whose first
heading is an h1 it shows only that heading's subheadings, which most pages of a kind
share: it is rendered once per list of headings shown (`toc`, `keep_toc`), for every page.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# What an entry of a table of contents holds (get_toc marks the first one active, which
# Material's partials/toc.html and toc-item.html do not read). An entry with anything else
# (a plugin's `typeset`) is never cached.
_TOC_FIELDS = frozenset({"title", "id", "level", "children", "active"})
TocKey = tuple[tuple[str, str, int, "TocKey"], ...]


def _toc_key(items: object) -> TocKey | None:
    """(title, id, level, children) of each entry, or None if an entry is not a plain
    AnchorLink."""
    key = []
    for item in items:  # type: ignore[attr-defined]
        if type(item) is not AnchorLink or not _TOC_FIELDS.issuperset(vars(item)):
            return None
        children = _toc_key(item.children)
        if children is None:
            return None
        key.append((item.title, item.id, item.level, children))
    return tuple(key)


def _shown_toc_key(page: Page | None) -> tuple[bool, TocKey] | None:
    """The key of what Material's partials/toc.html shows of page.toc: the first entry's
    children if it is a level-1 heading, else every entry."""
    if page is None or page.toc is None:
        return None
    first = next(iter(page.toc), None)
    if type(first) is AnchorLink and first.level == 1:
        key = _toc_key([first])
        return None if key is None else (True, key[0][3])
    key = _toc_key(page.toc)
    return None if key is None else (False, key)


def _base(url: str) -> tuple[str, ...]:
    """The folder that relative links from url start at (mkdocs.utils.get_relative_url)."""
    folder, _, name = url.rpartition("/")
    return tuple(p for p in (folder if "." in name else url).split("/") if p not in ("", "."))


class NavCache:
    """The sidebar's HTML by folder, for pages outside the navigation."""

    def __init__(self, nav: Navigation) -> None:
        self._in_nav = {page.url for page in nav.pages}
        self._bases = [_base(url) for url in self._in_nav]
        self._html: dict[tuple[str, tuple[str, ...]], str] = {}
        self._header: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self._keys: dict[tuple[str, ...], tuple[str, ...] | None] = {}  # folder -> its key
        self._toc: dict[tuple[bool, TocKey], str] = {}

    def _key(self, page: Page | None) -> tuple[str, ...] | None:
        if page is None or page.url in self._in_nav:
            return None
        base = _base(page.url)
        if base not in self._keys:  # asked several times a page: once per folder
            self._keys[base] = self._folder_key(base)
        return self._keys[base]

    def _folder_key(self, base: tuple[str, ...]) -> tuple[str, ...] | None:
        # A navigation link inside the page's own folder would be written differently.
        if not base or any(b[: len(base)] == base for b in self._bases):
            return None
        return base[:-1]

    def get(self, page: Page | None, part: str = "nav") -> str | None:
        key = self._key(page)
        return None if key is None else self._html.get((part, key))

    def keep(self, page: Page | None, html: str, part: str = "nav") -> str:
        key = self._key(page)
        if key is not None:
            self._html[(part, key)] = html
        return html

    def toc(self, page: Page | None) -> str | None:
        """The table of contents of a page with the same headings, or None (then render and
        `keep_toc`)."""
        key = _shown_toc_key(page)
        return None if key is None else self._toc.get(key)

    def keep_toc(self, page: Page | None, html: str) -> str:
        key = _shown_toc_key(page)
        if key is not None:
            self._toc[key] = html
        return html

    def header(self, page: Page | None) -> str | None:
        """The folder's header with this page's title, or None (then render and `keep_header`)."""
        key = self._key(page)
        around = None if key is None else self._header.get(key)
        if around is None or page is None:
            return None
        return around[0] + str(_title(page)) + around[1]

    def keep_header(self, page: Page | None, html: str) -> str:
        """Keep the header around the page's title, where Material's header writes it (once:
        a title that is not found there, or found twice, leaves the folder uncached)."""
        key = self._key(page)
        if key is None or page is None or key in self._header:
            return html
        start = html.find(_TOPIC)
        start = html.find(_ELLIPSIS, start) + len(_ELLIPSIS) if start >= 0 else -1
        end = html.find("</span>", start) if start >= len(_ELLIPSIS) else -1
        title = str(_title(page))
        inner = html[start:end] if end >= 0 else ""
        if title and inner.strip() == title and inner.count(title) == 1:
            lead, _, trail = inner.partition(title)
            self._header[key] = (html[:start] + lead, trail + html[end:])
        else:
            self._header[key] = None
        return html


_TOPIC = 'data-md-component="header-topic"'  # Material's partials/header.html
_ELLIPSIS = '<span class="md-ellipsis">'


def _title(page: Page) -> object:
    """The title Material's header shows."""
    return page.meta.get("title") if page.meta and page.meta.get("title") else page.title

"""Render Material's navigation sidebar once per folder for pages outside the navigation.

Material renders the whole sidebar for every page; with thousands of claim, source and
quantity pages that is most of the template time. For a page that is not in the
navigation nothing in the sidebar depends on the page except the relative links, which
are the same for every page in the same folder, so the first rendering is reused
(theme/main.html asks `get` before rendering and hands the result to `keep`).
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def _base(url: str) -> tuple[str, ...]:
    """The folder that relative links from url start at (mkdocs.utils.get_relative_url)."""
    folder, _, name = url.rpartition("/")
    return tuple(p for p in (folder if "." in name else url).split("/") if p not in ("", "."))


class NavCache:
    """The sidebar's HTML by folder, for pages outside the navigation."""

    def __init__(self, nav: Navigation) -> None:
        self._in_nav = {page.url for page in nav.pages}
        self._bases = [_base(url) for url in self._in_nav]
        self._html: dict[tuple[str, ...], str] = {}

    def _key(self, page: Page | None) -> tuple[str, ...] | None:
        if page is None or page.url in self._in_nav:
            return None
        base = _base(page.url)
        # A navigation link inside the page's own folder would be written differently.
        if not base or any(b[: len(base)] == base for b in self._bases):
            return None
        return base[:-1]

    def get(self, page: Page | None) -> str | None:
        key = self._key(page)
        return None if key is None else self._html.get(key)

    def keep(self, page: Page | None, html: str) -> str:
        key = self._key(page)
        if key is not None:
            self._html[key] = html
        return html

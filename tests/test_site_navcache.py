"""The sidebar is rendered once per folder for pages outside the navigation, and only for
those: a page in the navigation (its entry is marked active) always gets its own."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from r1kb.site.navcache import NavCache


def _site(tmp_path: Path) -> tuple[NavCache, dict[str, object]]:
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "t", "docs_dir": str(tmp_path / "d"), "site_dir": str(tmp_path / "s")}
    )
    (tmp_path / "d").mkdir()
    errors, _warnings = config.validate()
    assert not errors
    config.nav = ["index.md", {"Claims": "claims/index.md"}]
    uris = ["index.md", "claims/index.md", "claims/a.md", "claims/b.md", "sources/x.md"]
    files = Files(
        [
            File(
                uri,
                src_dir=str(tmp_path / "d"),
                dest_dir=str(tmp_path / "s"),
                use_directory_urls=True,
                inclusion=InclusionLevel.NOT_IN_NAV
                if uri.count("/") and not uri.endswith("index.md")
                else InclusionLevel.INCLUDED,
            )
            for uri in uris
        ]
    )
    nav = get_navigation(files, config)
    pages = {}
    for f in files.documentation_pages():
        if f.page is None:
            Page(None, f, config)
        pages[f.src_uri] = f.page
    return NavCache(nav), pages


def test_pages_outside_the_nav_share_their_folder_s_sidebar(tmp_path: Path) -> None:
    cache, pages = _site(tmp_path)
    assert cache.get(pages["claims/a.md"]) is None
    assert cache.keep(pages["claims/a.md"], "<nav>claims</nav>") == "<nav>claims</nav>"
    assert cache.get(pages["claims/b.md"]) == "<nav>claims</nav>"
    # From another folder a link to claims/ reads "../../claims/", not "../": its own.
    assert cache.get(pages["sources/x.md"]) is None


def test_pages_in_the_nav_are_never_served_from_the_cache(tmp_path: Path) -> None:
    cache, pages = _site(tmp_path)
    for uri in ("index.md", "claims/index.md"):
        cache.keep(pages[uri], "<nav>active entry</nav>")
        assert cache.get(pages[uri]) is None

"""The sidebar, tabs, header and theme config are rendered once per folder for pages outside
the navigation, and only for those: a page in the navigation (its entry is marked active)
always gets its own. The pages come out as if each were rendered on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from r1kb.site.navcache import NavCache
from site_helpers import build_in_process, write_site_data


def _site(tmp_path: Path) -> tuple[NavCache, dict[str, object]]:
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "t", "docs_dir": str(tmp_path / "d"), "site_dir": str(tmp_path / "s")}
    )
    (tmp_path / "d").mkdir(parents=True)
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


HEADER = (
    '<header><a href="../..">r1kb</a><div class="md-header__topic" data-md-component='
    '"header-topic">\n  <span class="md-ellipsis">\n    {title}\n  </span>\n</div></header>'
)


def test_the_header_is_kept_around_the_page_s_title(tmp_path: Path) -> None:
    cache, pages = _site(tmp_path)
    a, b = pages["claims/a.md"], pages["claims/b.md"]
    a.meta["title"], b.meta["title"] = "Claim &lt;A&gt;", "Claim B"
    assert cache.header(a) is None
    assert cache.keep_header(a, HEADER.format(title="Claim &lt;A&gt;")) == HEADER.format(
        title="Claim &lt;A&gt;"
    )
    assert cache.header(b) == HEADER.format(title="Claim B")
    assert cache.get(b, "tabs") is None  # each part is kept on its own
    cache.keep(a, "<nav>tabs</nav>", "tabs")
    assert cache.get(b, "tabs") == "<nav>tabs</nav>"
    assert cache.get(b) is None


def test_a_header_without_the_title_in_its_place_is_not_kept(tmp_path: Path) -> None:
    cache, pages = _site(tmp_path)
    a, b, x = pages["claims/a.md"], pages["claims/b.md"], pages["sources/x.md"]
    a.meta["title"], b.meta["title"], x.meta["title"] = "Claim A", "Claim B", "Source X"
    cache.keep_header(a, HEADER.format(title="Something else"))
    assert cache.header(b) is None
    cache.keep_header(x, "<header>Source X</header>")  # no topic
    assert cache.header(x) is None
    # Only the title in the topic is the page's: the same words elsewhere stay as they are.
    cache, pages = _site(tmp_path / "again")
    a, b = pages["claims/a.md"], pages["claims/b.md"]
    a.meta["title"], b.meta["title"] = "r1kb", "Claim B"
    cache.keep_header(a, HEADER.format(title="r1kb"))
    assert cache.header(b) == HEADER.format(title="Claim B")


def _toc(title: str, *subheadings: str, level: int = 1) -> TableOfContents:
    children = [{"level": 2, "id": h.lower(), "name": h, "children": []} for h in subheadings]
    return get_toc([{"level": level, "id": title.lower(), "name": title, "children": children}])


def test_a_table_of_contents_is_kept_for_its_subheadings(tmp_path: Path) -> None:
    """Material shows only the subheadings of a page that starts with an h1, so pages of
    other titles share it; other headings, or a first heading of another level, do not."""
    cache, pages = _site(tmp_path)
    a, b, x = pages["claims/a.md"], pages["claims/b.md"], pages["sources/x.md"]
    a.toc, b.toc = _toc("Claim A", "Sources", "Cite"), _toc("Claim B", "Sources", "Cite")
    x.toc = _toc("Claim A", "Sources")
    assert cache.toc(a) is None
    assert cache.keep_toc(a, "<nav>toc</nav>") == "<nav>toc</nav>"
    assert cache.toc(b) == "<nav>toc</nav>"  # in another folder too
    assert cache.toc(x) is None
    x.toc = _toc("Claim A", "Sources", "Cite", level=2)  # all of it is shown
    assert cache.toc(x) is None
    b.toc.items[0].children[0].typeset = {"title": "<b>Sources</b>"}  # a plugin's
    assert cache.toc(b) is None
    cache.keep_toc(b, "<nav>typeset</nav>")
    assert cache.toc(a) == "<nav>toc</nav>"


@pytest.mark.slow
def test_pages_are_the_same_as_rendered_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_site_data(tmp_path / "data")
    cached = build_in_process(tmp_path / "cached", data, monkeypatch)
    monkeypatch.setattr(NavCache, "get", lambda self, page, part="nav": None)
    monkeypatch.setattr(NavCache, "header", lambda self, page: None)
    monkeypatch.setattr(NavCache, "toc", lambda self, page: None)
    each = build_in_process(tmp_path / "each", data, monkeypatch)
    pages = sorted(p.relative_to(cached) for p in cached.rglob("*.html"))
    assert len(pages) > 50
    assert any(p.parts[0] == "claims" for p in pages)
    assert pages == sorted(p.relative_to(each) for p in each.rglob("*.html"))
    for page in pages:
        assert (cached / page).read_text("utf-8") == (each / page).read_text("utf-8"), page

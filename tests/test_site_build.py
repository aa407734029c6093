"""Whole-site builds with `mkdocs build --strict`: the real data, and hostile test data."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest

from r1kb.loader import load
from r1kb.site.exports import EXPORTS
from site_helpers import (
    HOSTILE_SCOPE,
    HOSTILE_STATEMENT,
    REAL_DATA,
    build_site,
    real_site,
    write_site_data,
)

pytestmark = pytest.mark.slow


class Page(HTMLParser):
    """Elements of one built page: tags with attributes, text, JSON-LD and head resources."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        (self.jsonld if self._in_jsonld else self.text).append(data)

    @property
    def all_text(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_site(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return build_site(root / "site", write_site_data(root / "data"))


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


Ref = tuple[str, str, str, str]  # tag, href, src, rel


class _Refs(HTMLParser):
    """What the link checks read of a page: the tags that load or link something, and the
    ids and names a link's fragment may point at (lighter than Page: a site has ~1,300)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[Ref] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.ids.update(v for k in ("id", "name") if (v := a.get(k)))
        if "href" in a or "src" in a:
            self.refs.append((tag, a.get("href", ""), a.get("src", ""), a.get("rel", "")))


@functools.cache
def _page_refs(path: Path) -> tuple[tuple[Ref, ...], frozenset[str]]:
    """Each built page read once for every link check of the run."""
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return tuple(parser.refs), frozenset(parser.ids)


def _external_resources(path: Path) -> list[str]:
    """http(s) URLs the browser would fetch: scripts, styles, fonts, images, frames."""
    found = []
    for tag, href, src, rel in _page_refs(path)[0]:
        url = src if tag in ("script", "img", "iframe", "source", "video", "audio") else None
        if tag == "link" and rel not in ("canonical",):
            url = href
        if url and urlsplit(url).scheme in ("http", "https"):
            found.append(f"<{tag}> {url}")
    return found


def test_every_page_kind_exists(site: Path) -> None:
    kb = load(REAL_DATA).kb
    for cid in kb.claims:
        assert (site / "claims" / cid / "index.html").is_file(), cid
    for sid in kb.sources:
        assert (site / "sources" / sid / "index.html").is_file(), sid
    for mid in kb.models:
        assert (site / "models" / mid / "index.html").is_file(), mid
    for qid in kb.quantities:
        assert (site / "quantities" / qid / "index.html").is_file(), qid
    for page in (
        "index.html",
        "claims/index.html",
        "sources/index.html",
        "models/index.html",
        "quantities/index.html",
        "status/disclosed/index.html",
        "verdicts/misleading/index.html",
        "misconceptions/index.html",
        "matrix/index.html",
        "methodology/index.html",
        "contributing/index.html",
        "reference/codes/index.html",
        "reference/schema/index.html",
        "downloads/index.html",
        "quantities/training-cost.svg",
        "assets/r1kb-badges.css",
        "downloads/schema/claim.schema.json",
    ):
        assert (site / page).is_file(), page
    for e in EXPORTS:
        assert (site / "downloads" / e.filename).stat().st_size > 0


def test_nothing_is_fetched_from_other_hosts(site: Path) -> None:
    offenders = {}
    for path in _html_files(site):
        found = _external_resources(path)
        if found:
            offenders[str(path.relative_to(site))] = found
    assert offenders == {}
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def broken_links(site: Path) -> list[str]:
    """Internal links (href, src) to a file that is not there or to an anchor its page lacks."""
    broken = set()
    for path in _html_files(site):
        base = path.parent.relative_to(site).as_posix()
        for tag, href, src, _ in _page_refs(path)[0]:
            url = href if tag in ("a", "link") else src
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            full = path if not parts.path else site / target
            if full.is_dir():
                full = full / "index.html"
            if not full.is_file():
                broken.add(f"{path.relative_to(site)} -> {url}")
            elif (
                parts.fragment
                and full.suffix == ".html"
                and unquote(parts.fragment) not in _page_refs(full)[1]
            ):
                broken.add(f"{path.relative_to(site)} -> {url} (no such anchor)")
    return sorted(broken)


def test_the_link_checks_find_what_is_broken_or_external(tmp_path: Path) -> None:
    """The checks the site is held to, on a site made broken on purpose."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/#there">x</a><a href="../b/#nope">y</a><a href="../c/">z</a>'
        '<img src="../b/pic.png"><script src="https://cdn.example/x.js"></script>'
        '<link rel="canonical" href="https://r1kb.example/a/">',
        encoding="utf-8",
    )
    (tmp_path / "b" / "index.html").write_text('<h2 id="there">t</h2>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a/index.html -> ../b/#nope (no such anchor)",
        "a/index.html -> ../b/pic.png",
        "a/index.html -> ../c/",
    ]
    assert _external_resources(tmp_path / "a" / "index.html") == [
        "<script> https://cdn.example/x.js"
    ]


def test_internal_links_resolve(site: Path) -> None:
    assert broken_links(site) == []


def test_internal_links_resolve_in_a_build_without_git_history(hostile_site: Path) -> None:
    """The test data lies outside any git work tree: its release is "unversioned", which has
    no section in the changelog (the claim pages linked to changelog/#release-unversioned)."""
    assert "unversioned" in (hostile_site / "changelog" / "index.html").read_text("utf-8")
    assert broken_links(hostile_site) == []


def test_claim_page_of_v3_training_cost(site: Path) -> None:
    page = Page(site / "claims" / "v3-training-cost" / "index.html")
    text = page.all_text
    assert "Training cost of DeepSeek-V3: $5.576M" in text
    assert "exactly $5,576,000" in text
    assert "Recomputed: $5.576M, which agrees" in text
    classes = " ".join(a.get("class", "") for _, a in page.tags)
    assert "r1kb-status--disclosed" in classes and "r1kb-verdict--accurate" in classes
    assert "tabbed-set" in classes  # the cite box
    (ld,) = page.jsonld
    graph = json.loads(ld)["@graph"]
    assert graph[0]["@type"] == "Claim" and graph[0]["identifier"] == "v3-training-cost"
    assert graph[1]["reviewRating"]["alternateName"] == "accurate"


def test_claim_page_table_of_contents_lists_its_sections(site: Path) -> None:
    """The sections are HTML headings (components.html_heading): the hook puts them in the
    table of contents, in order, each linking to its heading."""
    html = (site / "claims" / "v3-training-cost" / "index.html").read_text("utf-8")
    toc = html[html.index('data-md-component="toc"') :]
    toc = toc[: toc.index("</nav>")]
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc)
    assert links[0] == "sources" and links[-1] == "cite-this-claim"
    assert "derivation" in links and "changes-to-this-record" in links
    for anchor in links:
        assert re.search(rf'<h2 (?:data-search-exclude )?id="{anchor}">', html), anchor


def test_claim_and_source_pages_stay_out_of_the_sidebar(site: Path) -> None:
    html = (site / "models" / "deepseek-r1" / "index.html").read_text(encoding="utf-8")
    sidebar = html[html.index('class="md-nav md-nav--primary') : html.index('class="md-content"')]
    assert 'href="../deepseek-v3-base/"' in sidebar  # models are in it
    assert "claims/r1-" not in sidebar and "sources/deepseek" not in sidebar
    assert "quantities/training-cost/" not in sidebar


def test_chart_file_is_svg_with_the_figures(site: Path) -> None:
    root = ElementTree.fromstring((site / "quantities" / "training-cost.svg").read_bytes())
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"$5.576M", "$294K"} <= texts


def test_downloads_hold_the_whole_knowledge_base(site: Path) -> None:
    kb = load(REAL_DATA).kb
    doc = json.loads((site / "downloads" / "r1kb.json").read_text(encoding="utf-8"))
    assert len(doc["claims"]) == len(kb.claims)
    bib = (site / "downloads" / "r1kb.bib").read_text(encoding="utf-8")
    assert bib.count("@misc{r1kb:") == len(kb.claims)


def test_search_index_finds_figures(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert any("671B parameters" in d["title"] for d in docs)
    assert any(d["location"].startswith("claims/v3-training-cost/") for d in docs)


# --- hostile records ---------------------------------------------------------------------------


def test_hostile_record_shows_as_text(hostile_site: Path) -> None:
    page = Page(hostile_site / "claims" / "r1-training-cost-hostile" / "index.html")
    assert HOSTILE_STATEMENT in page.all_text
    assert " ".join(HOSTILE_SCOPE.split()) in page.all_text
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert tag not in ("iframe", "img", "object", "embed")
        if tag == "script":
            assert attrs.get("type") in ("application/ld+json", "application/json") or (
                attrs.get("src", "").startswith("../../assets/") or not attrs.get("src")
            ), attrs
        for name in ("href", "src"):
            assert not attrs.get(name, "").lower().startswith(("javascript:", "data:")), attrs
    (ld,) = page.jsonld
    assert "</" not in ld and json.loads(ld)["@graph"][0]["text"] == HOSTILE_STATEMENT


def test_no_hostile_markup_anywhere(hostile_site: Path) -> None:
    for path in _html_files(hostile_site):
        html = path.read_text(encoding="utf-8")
        for needle in ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover", "<iframe"):
            assert needle not in html, (path, needle)
        assert "javascript:alert" not in html.replace("&quot;", "")
        for _tag, attrs in Page(path).tags:  # the tracker and the frame stay text
            assert "evil.example" not in attrs.get("src", "") + attrs.get("href", ""), path
    index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in index and "<img" not in index and "<iframe" not in index


def test_inline_scripts_are_only_the_themes(hostile_site: Path) -> None:
    """The theme's own inline scripts are the same on every page; none carries record text."""
    scripts: set[str] = set()

    class Inline(HTMLParser):
        current: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            self.current = (
                "" if tag == "script" and not a.get("src") and not a.get("type") else None
            )

        def handle_data(self, data: str) -> None:
            if self.current is not None:
                scripts.add(data.strip())

    for path in _html_files(hostile_site):
        Inline().feed(path.read_text(encoding="utf-8"))
    assert not [s for s in scripts if "alert" in s]


def test_redirect_and_withdrawn_pages(hostile_site: Path) -> None:
    moved = (hostile_site / "claims" / "v3-gpu-hours" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../v3-training-gpu-hours/">' in moved
    assert '<link rel="canonical" href="../v3-training-gpu-hours/">' in moved
    for folder, old_id, new_id in (
        ("sources", "toy-paper", "toy-report"),
        ("models", "r1", "deepseek-r1"),
    ):
        page = (hostile_site / folder / old_id / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../{new_id}/">' in page
    old = Page(hostile_site / "claims" / "v3-training-gpu-hours-old" / "index.html")
    assert "This claim is withdrawn" in old.all_text
    assert ("a", {"href": "../v3-training-gpu-hours/"}) in old.tags


def test_invalid_data_stops_the_build(tmp_path: Path) -> None:
    data = write_site_data(tmp_path / "data")
    path = data / "claims" / "v3-training-cost.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: USD", "unit: GPUs"))
    with pytest.raises(AssertionError) as failed:
        build_site(tmp_path / "site", data)
    message = str(failed.value)
    assert "the data does not validate, so the site is not built" in message
    assert "v3-training-cost.yaml" in message and "Traceback" not in message
    assert not (tmp_path / "site" / "index.html").exists()

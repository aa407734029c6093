"""MkDocs hooks: validate data/ and generate every page from it.

The rendering lives in the r1kb package (r1kb.site); this file only hands its output to
MkDocs. Data that does not validate stops the build with the validator's report.
"""

from __future__ import annotations

import gc
import json
import logging
import pickle
import zlib
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from r1kb.site import build, markdown_reuse, search_sections, search_terms
from r1kb.site.dataset import NO_ADDRESS_BUILD
from r1kb.site.navcache import NavCache

log = logging.getLogger("mkdocs.plugins.r1kb")

_site: dict[str, list[build.Generated]] = {}
_meta: dict[str, dict[str, object]] = {}
# Each page's raw HTML blocks, compressed until the page is written: thousands of pages'
# HTML held at once is most of a large site's memory.
_blocks: dict[str, bytes] = {}
_keywords: dict[str, str] = {}  # page URL -> words it is found by (r1kb.site.search_terms)
_nav: dict[str, NavCache] = {}
_indexer: dict[str, search_sections.LinearIndexer] = {}  # this build's, if any


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate and generate the site. The records, and then the generated pages, are moved
    out of the garbage collector's reach once made (gc.freeze: they are freed as usual when
    nothing refers to them, but no collection walks them again): the collector's full passes
    over them took 4 % of a 20,000-claim build."""
    root = Path(config.config_file_path).resolve().parent
    try:
        ctx = build.prepare(
            root,
            site_url=config.site_url,
            use_directory_urls=config.use_directory_urls,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
        )
    except build.SiteDataError as exc:
        raise Abort(str(exc)) from None
    gc.freeze()
    if not config.site_url:
        log.info(NO_ADDRESS_BUILD)  # not a warning: a local preview is a strict build too
    _meta.clear()
    _keywords.clear()
    _blocks.clear()
    generated = []
    for g in build.iter_generated(ctx):  # one at a time: its blocks packed before the next
        if g.meta:
            _meta[g.src_uri] = g.meta
        if g.blocks:
            _blocks[g.src_uri], g.blocks = _pack(g.blocks), []
        generated.append(g)
    _site["files"] = generated
    gc.freeze()
    config.nav = build.nav(ctx)
    history = ctx.history
    config.extra["r1kb_release"] = {
        "version": history.version,
        "caveat": history.caveat,
        "note": history.note,
    }
    config.extra_css.append(build.badges.BADGE_CSS_PATH)
    _indexer.clear()
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index"):  # set by its on_config
        indexer = search_sections.install(search.search_index)
        if isinstance(indexer, search_sections.LinearIndexer):  # (tests replace install)
            _indexer["search"] = indexer
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for g in _site.pop("files", []):
        inclusion = InclusionLevel.INCLUDED if g.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, g.src_uri, content=g.content, inclusion=inclusion))
    return files


def on_nav(nav: Navigation, **_: object) -> Navigation:
    _nav["cache"] = NavCache(nav)
    return nav


def on_env(env: jinja2.Environment, **_: object) -> jinja2.Environment:
    """(After every page is converted, before the first is written.)"""
    env.globals["r1kb_nav"] = _nav.pop("cache", None)  # theme/main.html
    gc.freeze()  # the converted pages, as on_config's records
    return env


def on_pre_page(page: Page, **_: object) -> Page:
    markdown_reuse.use(page)  # one Markdown object for every page
    return page


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    page.meta.update(_meta.get(page.file.src_uri, {}))
    if page.meta.get("r1kb_keywords"):
        _keywords[page.url] = str(page.meta["r1kb_keywords"])
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Headings the page wrote as HTML (components.html_heading) join its table of contents,
    under its title, as the toc extension would have put them."""
    entries = page.meta.pop(build.TOC_KEY, None)
    if entries and page.toc is not None:
        add_to_toc(page.toc, entries)
    return html


def add_to_toc(toc: TableOfContents, entries: list[tuple[int, str, str]]) -> None:
    """Each (level, id, title) under the last entry of a higher level (the title's first)."""
    for level, anchor, title in entries:
        link, parent = AnchorLink(title, anchor, level), None
        items = toc.items
        while items and items[-1].level < level:
            parent, items = items[-1], items[-1].children
        (parent.children if parent is not None else toc.items).append(link)


@event_priority(100)  # before the search plugin reads the page
def _fill_page(context: TemplateContext, page: Page, **_: object) -> TemplateContext:
    """Put the page's blocks back only now, so one page's full HTML is in memory at a time
    (MkDocs converts every page's Markdown before it writes the first); then index it
    and hand the search plugin an empty page (search_sections.LinearIndexer)."""
    packed = _blocks.pop(page.file.src_uri, None)
    if packed is not None and page.content is not None:
        page.content = build.fill_slots(page.content, pickle.loads(zlib.decompress(packed)))
    if indexer := _indexer.get("search"):
        indexer.index_now(page)
    return context


@event_priority(-100)  # after the search plugin
def _restore_page(context: TemplateContext, page: Page, **_: object) -> TemplateContext:
    if indexer := _indexer.get("search"):
        indexer.restore(page)
    return context


on_page_context = CombinedEvent(_fill_page, _restore_page)


def on_post_page(output: str, page: Page, **_: object) -> str:
    page.content = None  # written; nothing reads it again
    return output


def _pack(blocks: list[str]) -> bytes:
    return zlib.compress(pickle.dumps(blocks, pickle.HIGHEST_PROTOCOL), 1)


def on_post_build(config: MkDocsConfig) -> None:
    """Add the pages' keywords to the index Material's search plugin has just written."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _keywords or not path.is_file():
        return
    index = search_terms.add_to_index(json.loads(path.read_text("utf-8")), _keywords)
    path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")

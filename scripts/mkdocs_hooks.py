"""MkDocs hooks: validate data/ and generate every page from it.

The rendering lives in the r1kb package (r1kb.site); this file only hands its output to
MkDocs. Data that does not validate stops the build with the validator's report.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from r1kb.site import build, search_terms
from r1kb.site.dataset import NO_ADDRESS_BUILD

log = logging.getLogger("mkdocs.plugins.r1kb")

_site: dict[str, list[build.Generated]] = {}
_meta: dict[str, dict[str, object]] = {}
_blocks: dict[str, list[str]] = {}
_keywords: dict[str, str] = {}  # page URL -> words it is found by (r1kb.site.search_terms)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
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
    if not config.site_url:
        log.info(NO_ADDRESS_BUILD)  # not a warning: a local preview is a strict build too
    _site["files"] = build.generate(ctx)
    _meta.clear()
    _meta.update({g.src_uri: g.meta for g in _site["files"] if g.meta})
    _keywords.clear()
    _blocks.clear()
    _blocks.update({g.src_uri: g.blocks for g in _site["files"] if g.blocks})
    config.nav = build.nav(ctx)
    history = ctx.history
    config.extra["r1kb_release"] = {
        "version": history.version,
        "caveat": history.caveat,
        "note": history.note,
    }
    config.extra_css.append(build.badges.BADGE_CSS_PATH)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for g in _site.pop("files", []):
        inclusion = InclusionLevel.INCLUDED if g.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, g.src_uri, content=g.content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    page.meta.update(_meta.get(page.file.src_uri, {}))
    if page.meta.get("r1kb_keywords"):
        _keywords[page.url] = str(page.meta["r1kb_keywords"])
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    return build.fill_slots(html, _blocks.get(page.file.src_uri, []))


def on_post_build(config: MkDocsConfig) -> None:
    """Add the pages' keywords to the index Material's search plugin has just written."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _keywords or not path.is_file():
        return
    index = search_terms.add_to_index(json.loads(path.read_text("utf-8")), _keywords)
    path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")

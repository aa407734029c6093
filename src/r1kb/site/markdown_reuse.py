"""Convert every page with one Markdown object instead of one per page.

MkDocs' `Page.render` builds a new `markdown.Markdown` for each page, loading and
configuring every extension again: with thousands of claim pages that was more time than
the conversion itself. `render` is `Page.render` of MkDocs 1.6 word for word, except that
the Markdown object is kept per configuration and `reset` between pages (which resets every
extension that keeps state: the toc's tokens, the tabbed sets' counter, the HTML stash);
MkDocs' own per-page processors are registered again under their names, which replaces
the previous page's. The hook hands it to each page (`use`).

A page that is only a title and one block (a claim page: `# title` then the slot of its
lifted HTML, r1kb.site.components.lift_blocks) is not converted at all when its title is
literal text (r1kb.site.escape.md_literal: md_text's output): Markdown would give it the
same HTML, table of contents and anchors as a probe page converted once per configuration,
with the title and its slug in place of the probe's (tests/test_site_markdown_reuse.py
compares the two on titles of every kind).
"""

from __future__ import annotations

import functools
import html
import logging
import re
from dataclasses import dataclass
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from r1kb.site.escape import md_literal

_md: dict[int, markdown.Markdown] = {}  # id(config) -> its Markdown object
_probes: dict[int, _Probe | None] = {}  # id(config) -> the probe page, None: no shortcut

# A title page as MkDocs reads it (the blank lines before the title are gone).
_TITLE_PAGE = re.compile(r'# ([^\n]+)\n\n\n<div data-r1kb-slot="0"></div>\n\n\Z')
PROBE_TITLE, PROBE_ID = "R1kbProbe", "r1kbprobe"
_PROBE_PART = re.compile(f"({PROBE_TITLE}|{PROBE_ID})")
_SLUG = re.compile(r"[\w-]+")


@dataclass
class Rendered:
    """What Page.render sets on a page."""

    content: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[File, dict[str, str]]

    def set_on(self, page: Page) -> None:
        page.content = self.content
        page.toc = get_toc(self.toc_tokens)  # type: ignore[arg-type]
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchor_ids
        if pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = self.links_to_anchors


@dataclass(frozen=True)
class _Probe:
    """A title page converted by Markdown, cut at its title and its id."""

    parts: list[str]  # of the HTML, the probe's title and id left in place
    toc_tokens: list[dict[str, Any]]


def _markdown(config: MkDocsConfig) -> markdown.Markdown:
    md = _md.get(id(config))
    if md is None:
        _md.clear()  # a new build (mkdocs serve): the old config's objects go
        _probes.clear()
        md = _md[id(config)] = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )
    else:
        md.reset()
    return md


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` with the configuration's Markdown object."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    done = title_page(page.markdown, page.file, config, files)
    if done is None:
        done = convert(page.markdown, page.file, config, files)
    done.set_on(page)


def convert(source: str, file: File, config: MkDocsConfig, files: Files) -> Rendered:
    """The body of Page.render."""
    md = _markdown(config)

    raw_html_ext = pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)

    extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(file, files, config)
    extract_anchors_ext._register(md)

    relative_path_ext = pages._RelativePathTreeprocessor(file, files, config)
    relative_path_ext._register(md)

    extract_title_ext = pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)

    content = md.convert(source)
    return Rendered(
        content,
        getattr(md, "toc_tokens", []),
        extract_title_ext.title,
        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids,
        relative_path_ext.links_to_anchors,
    )


def title_page(source: str, file: File, config: MkDocsConfig, files: Files) -> Rendered | None:
    """A title page rendered from the probe, or None (then Markdown converts it)."""
    found = _TITLE_PAGE.match(source)
    if found is None or not md_literal(title := found.group(1)):
        return None
    if id(config) not in _probes or id(config) not in _md:
        probe = _probe(file, config, files)  # after _markdown's clearing
        _probes[id(config)] = probe
    probe = _probes[id(config)]
    toc = _md[id(config)].treeprocessors["toc"]
    slug = toc.slugify(html.unescape(title), toc.sep)  # type: ignore[attr-defined]
    if probe is None or not _SLUG.fullmatch(slug):
        return None
    swap = {PROBE_TITLE: title, PROBE_ID: slug}
    return Rendered(
        "".join(swap.get(part, part) for part in probe.parts),
        [{**t, "id": slug, "name": title, "html": title} for t in probe.toc_tokens],
        title,
        {slug},
        {file: {slug: f"#{slug}"}},
    )


def _probe(file: File, config: MkDocsConfig, files: Files) -> _Probe | None:
    """The probe title page converted; None if Markdown gives anything but the probe's title
    and id where a title page's go (then every title page is converted)."""
    source = f'# {PROBE_TITLE}\n\n\n<div data-r1kb-slot="0"></div>\n\n'
    done = convert(source, file, config, files)
    expected = {"level": 1, "id": PROBE_ID, "name": PROBE_TITLE, "html": PROBE_TITLE}
    expected.update({"data-toc-label": "", "children": []})
    if (
        done.toc_tokens != [expected]
        or done.content.count(PROBE_TITLE) != 1
        or done.title != PROBE_TITLE
        or done.anchor_ids != {PROBE_ID}
        or done.links_to_anchors != {file: {PROBE_ID: f"#{PROBE_ID}"}}
    ):
        return None
    return _Probe(_PROBE_PART.split(done.content), done.toc_tokens)


def use(page: Page) -> None:
    """Let MkDocs render page with `render` (it calls `page.render(config, files)`)."""
    page.render = functools.partial(render, page)  # type: ignore[method-assign]

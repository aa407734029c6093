"""Split a page's HTML into search sections as Material's search plugin does, in linear time.

Material's search plugin divides each page into sections (a heading and the text under it)
with a subclass of the standard library's `html.parser`, whose tokenizer and per-tag
callbacks were a quarter of a large site's build time. This module gives the same sections
for the HTML that Python-Markdown and our own pages produce: one regular expression
tokenizes the page and the section rules are Material's (`material.plugins.search.plugin.
Parser`), kept tag for tag, with the context's tags counted instead of searched.

Anything outside the plain shape handled here (`<script>`, `<style>` and other raw-text
elements, declarations, processing instructions, single-quoted or unquoted attribute values,
a `<` that starts no tag) makes `sections` return None, and the page goes through Material's
own parser. tests/test_site_search_sections.py compares the two on every page of a site.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import Element, Parser, SearchIndex, Section, void

_NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"
_WS = r"[ \t\n\r\f]"  # ASCII white space only: other spaces are left to Material's parser
_TOKEN = re.compile(
    rf"<(?P<tag>{_NAME})(?P<attrs>(?:{_WS}+{_NAME}(?:{_WS}*={_WS}*\"[^\"<]*\")?)*){_WS}*"
    rf"(?P<close>/)?>"
    rf"|</(?P<end>{_NAME}){_WS}*>"
    r"|(?P<comment><!--(?:(?!--).)*-->)"
    r"|(?P<text>[^<]+)",
    re.S,
)
_ATTR = re.compile(rf"({_NAME})(?:{_WS}*={_WS}*\"([^\"]*)\")?")
# Elements whose content the standard library's parser reads as raw text in some Python
# version: left to Material's parser.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
# Read as text with character references in newer versions (as elements before): the same
# callbacks when the text holds no "<" (an SVG chart's <title>), else Material's parser.
_RCDATA = frozenset({"title", "textarea"})
_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Parser.keep
_SKIP = ("object", "script", "style")  # Parser.skip at the start


class _Sections:
    """Material's Parser callbacks. Its Element compares and hashes by tag, so its `skip` set
    and its membership tests on the context are about tags; here the context's tags are
    counted (and the open elements whose tag is skipped) so that each test takes constant
    time."""

    def __init__(self) -> None:
        self.context: list[tuple[str, bool]] = []  # (tag, is a heading's permalink)
        self.tags: dict[str, int] = {}
        self.headerlinks = 0  # <a class="headerlink"> in the context
        self.skip: set[str] = set(_SKIP)
        self.skipped = 0  # open elements whose tag is in skip
        self.section: Section | None = None
        self.data: list[Section] = []

    def _open_section(self) -> Section:
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        return self.section

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in void:
            return
        tags = self.tags
        headerlink = tag == "a" and attrs.get("class") == "headerlink"
        self.context.append((tag, headerlink))
        tags[tag] = tags.get(tag, 0) + 1
        self.headerlinks += headerlink
        if tag in self.skip:
            self.skipped += 1
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(Element(tag, attrs), depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        section = self._open_section()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            if tag not in self.skip:
                self.skip.add(tag)
                self.skipped += tags[tag]
            return
        if tag in _KEEP and not self.skipped:
            out = section.title if tags.get(section.el.tag) else section.text
            out.append(f"<{tag}>")

    def end(self, tag: str) -> None:
        context = self.context
        if not context or context[-1][0] != tag:
            return
        section = self.section
        assert section is not None  # an element is open, so a section is
        if section.depth > len(context):
            for s in reversed(self.data):
                if s.depth <= len(context):
                    section.depth = float("inf")
                    self.section = section = s
                    break
        _, headerlink = context.pop()
        tags = self.tags
        tags[tag] -= 1
        self.headerlinks -= headerlink
        if tag in self.skip:
            self.skipped -= 1
            if tag not in _SKIP:
                self.skip.discard(tag)
                self.skipped -= tags[tag]
            return
        if tag in _KEEP and not self.skipped:
            out = section.title if tags.get(section.el.tag) else section.text
            index = out.index(f"<{tag}>")
            if all(piece.isspace() for piece in out[index + 1 :]):
                del out[index:]
            else:
                out.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self.skipped:
            return
        pre = bool(self.tags.get("pre"))
        space = data.isspace()
        if not pre:
            data = " " if space else data.replace("\n", " ")
        section = self._open_section()
        if self.tags.get(section.el.tag):
            if not self.headerlinks:
                section.title.append(escape(data, quote=False))
        elif space:
            if not section.text or not section.text[-1].isspace() or pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


_NO_ATTRS: dict[str, str | None] = {}


def _attrs(text: str) -> dict[str, str | None]:
    if not text:
        return _NO_ATTRS
    return {
        m.group(1).lower(): None if m.group(2) is None else unescape(m.group(2))
        for m in _ATTR.finditer(text)
    }


def sections(html: str) -> list[Section] | None:
    """The sections Material's Parser finds in html, or None when html is not of the plain
    shape this tokenizer reads exactly (then use Material's Parser)."""
    parser = _Sections()
    start, end, text = parser.start, parser.end, parser.text
    pos = 0
    for m in _TOKEN.finditer(html):
        if m.start() != pos:
            return None
        pos = m.end()
        tag, attrs, close, end_tag, _comment, data = m.groups()
        if data is not None:
            text(unescape(data) if "&" in data else data)
        elif end_tag is not None:
            end(end_tag.lower())
        elif tag is not None:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                return None
            if tag in _RCDATA and not html.startswith(f"</{tag}>", html.find("<", pos)):
                return None
            start(tag, _attrs(attrs))
            if close:
                end(tag)
    return parser.data if pos == len(html) else None


def material_sections(html: str) -> list[Section]:
    """Material's own parser, for comparison and for HTML `sections` does not read."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def add_entry_from_context(index: SearchIndex, page: Any) -> None:
    """Material's SearchIndex.add_entry_from_context with the linear parser."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    found = sections(page.content)
    for section in material_sections(page.content) if found is None else found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def install(index: SearchIndex) -> None:
    """Index pages of this build with the linear parser."""
    index.add_entry_from_context = lambda page: add_entry_from_context(index, page)  # type: ignore[method-assign]

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
from itertools import islice
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


# The token pattern in one outer group, for findall: (whole token, tag, attrs, close, end,
# comment, text), '' for a group that took no part.
_TOKENS = re.compile(f"({_TOKEN.pattern})", re.S)
_NO_ATTRS: dict[str, str | None] = {}


def _notable(attrs: str) -> bool:
    """Whether attrs may hold what the section rules read of an element other than a
    heading: the attribute data-search-exclude (names are lowercased) or a class of
    headerlink or linenodiv (values are not, but may be behind a character reference)."""
    if not attrs:
        return False
    low = attrs.lower()
    return "data-search-exclude" in low or (
        "class" in low and ("&" in attrs or "headerlink" in attrs or "linenodiv" in attrs)
    )


def _attrs(text: str) -> dict[str, str | None]:
    if not text:
        return _NO_ATTRS
    return {
        m.group(1).lower(): None if m.group(2) is None else unescape(m.group(2))
        for m in _ATTR.finditer(text)
    }


_HEADING_START = re.compile(r"<h[1-6]", re.I)
_HEADING_END = re.compile(rf"</h[1-6]{_WS}*>", re.I)


def _after_last_heading(html: str) -> int:
    """Where the end tag after the last heading's start tag ends (0 if there is none): no
    text after it can start a heading, so no section but the last."""
    last = None
    for last in _HEADING_START.finditer(html):  # noqa: B007 (the last one is kept)
        pass
    found = _HEADING_END.search(html, last.end()) if last is not None else None
    return found.end() if found is not None else 0


def _excluded_top(section: Section) -> bool:
    """A section the index leaves out, of a heading at the top level: what follows its
    heading stays in it (an end tag goes back to an earlier section only from a deeper
    one)."""
    return section.depth <= 1 and "data-search-exclude" in section.el.attrs


def _text(raw: str, unescaped: bool) -> str:
    """html.escape(text, quote=False) of a text token: one without a character reference
    holds no "&" and no "<" (the tokenizer stops at one), so only ">" is left to replace."""
    return escape(raw, quote=False) if unescaped else raw.replace(">", "&gt;")


def sections(html: str) -> list[Section] | None:
    """The sections Material's Parser finds in html, or None when html is not of the plain
    shape this tokenizer reads exactly (then use Material's Parser). A section the index
    leaves out (data-search-exclude) may be cut short after the page's last heading.

    Material's Parser callbacks (handle_starttag, handle_endtag, handle_data) are written
    into one loop over the tokens. Its Element compares and hashes by tag, so its `skip` set
    and its membership tests on the context are about tags; here the context's tags are
    counted (and the open elements whose tag is skipped) so that each test takes constant
    time.
    """
    context: list[tuple[str, bool]] = []  # (tag, is a heading's permalink)
    tags: dict[str, int] = {}
    headerlinks = 0  # <a class="headerlink"> in the context
    skip: set[str] = set(_SKIP)
    skipped = 0  # open elements whose tag is in skip
    section: Section | None = None
    section_tag = ""  # section.el.tag
    data: list[Section] = []
    pos = 0  # the end of the tokens so far: the length of html if no text was left out
    cut = _after_last_heading(html)
    for start, stop in ((0, cut), (cut, len(html))):
        if start and pos == cut and section is not None and _excluded_top(section):
            return data  # the rest only adds to a section the index leaves out
        for whole, tag, attrs, close, end_tag, _comment, text in _TOKENS.findall(html, start, stop):
            pos += len(whole)
            if text:  # handle_data
                if skipped:
                    continue
                unescaped = "&" in text
                if unescaped:
                    text = unescape(text)
                pre = tags.get("pre")
                space = text.isspace()
                if not pre:
                    text = " " if space else text.replace("\n", " ")
                if section is None:
                    section = Section(Element("hx"))
                    section_tag = "hx"
                    data.append(section)
                if tags.get(section_tag):
                    if not headerlinks:
                        section.title.append(_text(text, unescaped))
                elif space:
                    out = section.text
                    if not out or not out[-1].isspace() or pre:
                        out.append(text)
                else:
                    section.text.append(_text(text, unescaped))
                continue
            if end_tag:
                tag = end_tag.lower()
            elif tag:  # handle_starttag, then handle_endtag for <tag/>
                tag = tag.lower()
                if tag in _RAW_TEXT:
                    return None
                if tag in _RCDATA and not html.startswith(f"</{tag}>", html.find("<", pos)):
                    return None
                if tag not in void:
                    found = _attrs(attrs) if tag in _HEADINGS or _notable(attrs) else _NO_ATTRS
                    headerlink = tag == "a" and found.get("class") == "headerlink"
                    context.append((tag, headerlink))
                    tags[tag] = tags.get(tag, 0) + 1
                    headerlinks += headerlink
                    if tag in skip:
                        skipped += 1
                    if tag in _HEADINGS and "id" in found:
                        depth = len(context)
                        if tag != "h1" and not data:
                            section = Section(Element("hx"), depth)
                            data.append(section)
                        section = Section(Element(tag, found), depth)
                        section_tag = tag
                        if data:
                            section.id = found["id"]
                        data.append(section)
                    if section is None:
                        section = Section(Element("hx"))
                        section_tag = "hx"
                        data.append(section)
                    if "data-search-exclude" in found or found.get("class") == "linenodiv":
                        if tag not in skip:
                            skip.add(tag)
                            skipped += tags[tag]
                    elif tag in _KEEP and not skipped:
                        out = section.title if tags.get(section_tag) else section.text
                        out.append(f"<{tag}>")
                if not close:
                    continue
            else:  # a comment
                continue
            # handle_endtag
            if not context or context[-1][0] != tag:
                continue
            assert section is not None  # an element is open, so a section is
            if section.depth > len(context):
                for s in reversed(data):
                    if s.depth <= len(context):
                        section.depth = float("inf")
                        section = s
                        section_tag = s.el.tag
                        break
            headerlink = context.pop()[1]
            tags[tag] -= 1
            headerlinks -= headerlink
            if tag in skip:
                skipped -= 1
                if tag not in _SKIP:
                    skip.discard(tag)
                    skipped -= tags[tag]
                continue
            if tag in _KEEP and not skipped:
                out = section.title if tags.get(section_tag) else section.text
                index = out.index(f"<{tag}>")
                if all(piece.isspace() for piece in islice(out, index + 1, None)):
                    del out[index:]
                else:
                    out.append(f"</{tag}>")
    return data if pos == len(html) else None


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


# What Material's search plugin removes from each page after indexing it
# (SearchPlugin.on_page_context): every match of its pattern holds a match of this one.
_SEARCH_ATTR = "data-search-"
_SEARCH_ATTR_VALUE = re.compile(r'data-search-\w+="[^"]+"')


def strips_nothing(html: str) -> bool:
    """Whether Material's `re.sub(r'\\s?data-search-\\w+="[^"]+"', "", html)` leaves html as
    it is: our pages write data-search-exclude without a value, so it does."""
    at = html.find(_SEARCH_ATTR)
    while at >= 0:
        if _SEARCH_ATTR_VALUE.match(html, at):
            return False
        at = html.find(_SEARCH_ATTR, at + len(_SEARCH_ATTR))
    return True


class LinearIndexer:
    """SearchIndex.add_entry_from_context with the linear parser, and the hand-off that
    spares Material's search plugin its scan of each page for data-search-* attributes.

    After indexing a page the plugin removes them with a regular expression over the whole
    page (a twentieth of a large site's build), which removes nothing from our pages. So
    `index_now` indexes such a page first and hands the plugin an empty page instead (its
    call here is then skipped); `restore` gives the page its HTML back after the plugin.
    """

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._held: dict[str, str] = {}  # src_uri -> the page's HTML, while the plugin runs

    def __call__(self, page: Any) -> None:
        if page.file.src_uri not in self._held:
            add_entry_from_context(self.index, page)

    def index_now(self, page: Any) -> None:
        """Index page and leave it empty for the plugin, if the plugin would not change it."""
        if isinstance(page.content, str) and strips_nothing(page.content):
            add_entry_from_context(self.index, page)
            self._held[page.file.src_uri], page.content = page.content, ""

    def restore(self, page: Any) -> None:
        held = self._held.pop(page.file.src_uri, None)
        if held is not None:
            if page.content != "":
                raise RuntimeError(f"r1kb: {page.file.src_uri} was changed while handed off")
            page.content = held


def install(index: SearchIndex) -> LinearIndexer:
    """Index pages of this build with the linear parser."""
    indexer = LinearIndexer(index)
    index.add_entry_from_context = indexer  # type: ignore[method-assign]
    return indexer

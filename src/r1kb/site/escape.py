"""Escaping: every string that comes from a record goes through one of these functions.

One helper per output kind (each shows what must not reach a screen as itself, `_HIDDEN`,
as its escape: `\x1b`, `\u202e`):

* HTML (fragments inside raw HTML blocks of a page, SVG, attributes): `html_text`;
* the text of a code block (element content only, never an attribute): `html_code`, which
  leaves quotes as they are, as the Markdown code blocks did;
* Markdown that MkDocs renders (page headings): `md_text`, which turns every character
  Markdown or its extensions could act on into a numeric character reference;
* an anchor in a Markdown attribute list (`{ #id }`): `md_anchor`, which keeps only
  letters, digits, '-' and '_' (nothing can close the list or start another attribute);
* a CSV cell: `csv_cell`, which defuses what a spreadsheet would run as a formula;
* a BibTeX field and a RIS line: `citations.bibtex_escape` and `citations.ris_text`
  (the downloads show hidden characters as plain escapes, `show_controls`);
* annotations written in Markdown (`notes`): `render_markdown`, which renders them to HTML
  without raw HTML, keeps only http/https links and turns images into their alt text
  (nothing is fetched from other hosts when a page is viewed).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from typing import Any
from xml.etree import ElementTree as etree

SAFE_SCHEMES = ("http://", "https://")

# Characters Python-Markdown or an extension may interpret inside a line of text.
_MD_SPECIAL = set("\\`*_{}[]()#+!|~^=:<>&")

# What never reaches a reader's screen as itself: control characters (C0 but tab, line feed
# and carriage return, which are whitespace to HTML and Markdown; DEL; C1), lone surrogates,
# and the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069
# (after a right-to-left override a line shows reversed: "txt.exe" as "exe.txt").
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def is_control(ch: str) -> bool:
    """Whether ch is a hidden character (`_HIDDEN`): no output sends it as it is."""
    return _HIDDEN.fullmatch(ch) is not None


def char_escape(ch: str) -> str:
    """A character as its visible escape: "\\x1b", "\\u202e"."""
    return ch.encode("unicode_escape").decode("ascii")


def _shown(match: re.Match[str]) -> str:
    """A hidden character as its escape, written so that neither HTML nor Markdown reads
    the backslash ("\x1b" as `&#92;x1b`)."""
    return char_escape(match.group()).replace("\\", "&#92;")


def visible(text: str) -> str:
    """text with every hidden character (`_HIDDEN`) shown as its escape, for HTML and
    Markdown. (No hidden character is printable: printable text, most of it, has none.)"""
    return text if text.isprintable() else _HIDDEN.sub(_shown, text)


def show_controls(text: str) -> str:
    """text with every hidden character shown as its plain escape (`\\x1b`): for the
    downloads (CSV, BibTeX, RIS), whose readers would act on them."""
    if text.isprintable():
        return text
    return _HIDDEN.sub(lambda m: char_escape(m.group()), text)


def html_text(value: object) -> str:
    """Text (or an attribute value) for HTML: & < > " ' escaped, hidden characters shown."""
    return visible(html.escape(str(value), quote=True))


def html_code(value: object) -> str:
    """Text inside an element, such as <code>: & < > escaped (quotes need no escaping there
    and stay readable in the page source), hidden characters shown."""
    return visible(html.escape(str(value), quote=False))


def md_text(value: object) -> str:
    """Text for a line of Markdown (e.g. a heading) that renders literally, never as markup; a
    control character (an escape sequence, a NUL) is shown as its escape (`\x1b`), never sent
    to the reader's screen, nor is a bidirectional override (`\u202e`)."""
    text = "".join(
        f"&#{ord(ch)};" if ch in _MD_SPECIAL else ch for ch in " ".join(str(value).split())
    )
    return visible(text)


_CHAR_REF = re.compile(r"&#[0-9]+;")


def md_literal(text: str) -> bool:
    """Whether text is as md_text writes it (a line Markdown renders literally): nothing
    Markdown acts on but numeric character references, one space between words, no
    control characters."""
    rest = _CHAR_REF.sub("", text)
    return (
        rest.isprintable() and not _MD_SPECIAL.intersection(rest) and text == " ".join(text.split())
    )


def md_anchor(value: object) -> str:
    """An id for a Markdown attribute list: [A-Za-z0-9_-] only, never empty."""
    out = re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-")
    return out or "section"


# What a spreadsheet reads as the start of a formula (also after leading whitespace).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as it is: numbers stay numbers; hidden characters are
    shown as their escapes (show_controls); text that could start a formula, also after
    whitespace of any kind (str.isspace: U+00A0, U+2003, U+3000...), gets a leading
    apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = show_controls(str(value))
        formula = text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)
        return "'" + text if formula else text
    return value


_SPACE = re.compile(r"\s")  # str.isspace's characters


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else None (javascript:, data:, relative and odd URLs)."""
    if not isinstance(url, str):
        return None
    stripped = url.strip()
    if stripped.lower().startswith(SAFE_SCHEMES) and not _SPACE.search(stripped):
        return stripped
    return None


def external_link(url: object, text: object) -> str:
    """An <a> to an external http(s) URL, or the escaped text alone for any other URL."""
    safe = safe_url(url)
    if safe is None:
        return html_text(text)
    return f'<a href="{html_text(safe)}" rel="noopener">{html_text(text)}</a>'


def json_for_script(data: Any) -> str:
    """JSON that is safe inside <script type="application/ld+json"> (no `</script>` break-out)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    text = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # the same string to JSON


def render_markdown(text: str, *, inline: bool = False) -> str:
    """Markdown from a record rendered to HTML with no raw HTML and only http(s) links.

    With inline=True a single paragraph is returned without its <p> wrapper.
    """
    md = _markdown()
    md.reset()
    rendered = visible(md.convert(text))
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>"):
        inner = rendered[3:-4]
        if "<p>" not in inner:
            return inner
    return rendered


@cache
def _markdown() -> Any:
    import markdown
    from markdown.treeprocessors import Treeprocessor

    class SafeLinks(Treeprocessor):
        """Keep http(s) links only; images become their alt text."""

        def run(self, root: etree.Element) -> None:
            for parent in root.iter():
                for i, child in enumerate(list(parent)):
                    if child.tag == "img":
                        span = etree.Element("span")
                        span.text = child.get("alt", "")
                        span.tail = child.tail
                        parent.remove(child)
                        parent.insert(i, span)
                    elif child.tag == "a":
                        href = safe_url(child.get("href"))
                        title = child.get("title")
                        child.attrib.clear()
                        if href is None:
                            child.tag = "span"
                        else:
                            child.set("href", href)
                            child.set("rel", "nofollow noopener")
                        if title:
                            child.set("title", title)

    md = markdown.Markdown(extensions=["sane_lists", "fenced_code", "tables"], output_format="html")
    # No raw HTML: block and inline HTML become escaped text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(SafeLinks(md), "r1kb_safe_links", 0)
    return md

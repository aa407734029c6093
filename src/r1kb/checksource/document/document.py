"""The article as prose: plain text, Markdown or HTML reduced to text with offsets into the input.

Every character of the reduced text (`Document.text`) remembers where it came from in the input
(`Document.original`), so a figure found in the prose is reported with its exact span in the
input, also inside HTML with tags and entities. The text is cut into blocks (headings, list
items, paragraphs) and blocks into sentences; attribution reads them.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from html import unescape
from itertools import islice, repeat
from typing import NamedTuple

from r1kb.checksource.document.caps import (
    MAX_CHARS,
    MAX_LINES,
    MAX_NUMERALS,
    NUMERALS,
    cut_before,
    lines_cut,
    numerals_cut,
)
from r1kb.checksource.document.htmltokens import tokens
from r1kb.checksource.document.masks import mask
from r1kb.checksource.lexicon.months import MONTH_ABBREVIATIONS

MAX_SENTENCE = 1200
_TERMINAL = tuple(".!?:;,…")
_ITEM = re.compile(r"^\s*(?:[-*+•·‣◦]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = [
    *[r"e\.g", r"i\.e", "etc", "vs", "approx", "ca", "cf", "no", "fig", "inc", "ltd", "co"],
    *["mr", "ms", "dr", "st", r"u\.s"],
    *MONTH_ABBREVIATIONS,
]
_ABBREV = re.compile(rf"(?:\b(?:{'|'.join(_ABBREVIATIONS)})\.|\b[A-Z]\.)$", re.I)
# no match of _ABBREV is this long (a pattern is at least as long as what it matches), so the
# end of a sentence this long holds any match with the character before it (for its \b)
_ABBREV_TAIL = max(len(a) for a in _ABBREVIATIONS) + 3
# tried where a run of stops begins: a match from inside the run is one from its start, and
# each try from inside a run of a thousand full stops read the rest of it (quadratic)
# (the first stop read first, then the look-behind before it: a class the engine skips ahead
# on, where a look-behind first was tried at every place of the text)
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*[\"'”’)\]]*\s+")


# digits inside <sup> as the superscripts plain text writes them (the notations read "10²⁴" as a
# power and a superscript after any other number as a footnote mark)
_SUPERSCRIPT = str.maketrans("0123456789-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")


class Block(NamedTuple):
    """A block of the text (immutable, as the frozen dataclass it was; one is made for each
    line read, and a named tuple is made in half the time)."""

    start: int  # offsets in Document.text
    end: int
    kind: str  # "heading" | "item" | "paragraph" | "row" (of a table)


@dataclass
class Document:
    original: str
    text: str
    fmt: str  # "text" | "markdown" | "html"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    _src: array | None = None  # per text char: its input offset (None: identity)
    _src_end: array | None = None

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.original)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets [start, end) of the text slice [start, end)."""
        if self._src is None or self._src_end is None:
            return start, end
        if end <= start:
            return self._src[start], self._src[start]
        return self._src[start], self._src_end[end - 1]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an input offset."""
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence spans of a block (offsets in text), abbreviations and decimals respected."""
        text, at = self.text, block.start
        spans: list[tuple[int, int]] = []
        start = at
        chunk = text[at : block.end]
        for m in _SENTENCE_END.finditer(chunk):
            first, last = m.span()
            end = at + last
            stop = at + first + 1  # the sentence so far, its stop included
            # an abbreviation's match ends with a full stop at the end of the head (its `$`
            # cannot match before a line break there): after "!", "?" or "…" none is searched
            if text[end : end + 1].islower() or (
                chunk[first] == "."
                and _ABBREV.search(text[max(start, stop - _ABBREV_TAIL) : stop])  # (any match)
            ):
                continue
            _add_sentence(spans, text, start, at + first + len(m.group().rstrip()))
            start = end
        if start < block.end:
            _add_sentence(spans, text, start, block.end)
        return spans


def _add_sentence(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """text[start:end] added to spans as a sentence (kept as it is found, not listed first and
    read again), cut by `bounded` when long, without pieces empty or all white space."""
    if end - start <= MAX_SENTENCE:
        if _filled(text, start, end):
            spans.append((start, end))
    else:
        spans.extend((s, e) for s, e in bounded(text, start, end) if _filled(text, s, e))


def _filled(text: str, start: int, end: int) -> bool:
    """text[start:end] is not empty nor all white space (one that begins with no white space
    is not: no copy is made)."""
    return start < end and (not text[start].isspace() or not text[start:end].isspace())


def bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE characters, cut at spaces: a run-on
    "sentence" (a megabyte without a full stop), a heading or a table cell of a page's length
    is read piece by piece, so that the context read around each figure stays small."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def detect_format(raw: str, name: str = "") -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    head = raw[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(?:body|p|div|h[1-6])\b", head):
        return "html"
    # a bullet's line begins with spaces or tabs: "^\s*" tried at each of a run of blank lines
    # read the rest of the run (a fifth of a second on 5,000 line breaks)
    if re.search(r"^#{1,6} \S|^[ \t]*[-*] \S.*\n\s*[-*] \S|\]\(https?://", raw[:5000], re.M):
        return "markdown"
    return "text"


def cut_reason(doc: Document, given: str) -> str | None:
    """Why only `doc.original` of the input `given` was read (None: it was read whole, or only
    the characters' cap cut it, which the note states by itself)."""
    if len(doc.original) >= min(len(given), MAX_CHARS):
        return None
    if doc.text.count("\n") >= MAX_LINES:  # (an HTML page's lines are those of its text)
        return f"the first {MAX_LINES:,} lines"
    return f"the first {MAX_NUMERALS:,} numbers"


def read(raw: str, name: str = "", fmt: str | None = None) -> Document:
    """The document for an input text; `fmt` forces text, markdown or html."""
    raw = raw[:MAX_CHARS]
    fmt = fmt or detect_format(raw, name)  # (from its first 5,000 characters: before any cut)
    if fmt == "html":  # a page's source is not its text (scripts, styles, indentation): the
        return _HtmlReader(raw).document()  # reader counts the lines and numbers it writes
    raw = raw[: lines_cut(raw)]
    raw = raw[: numerals_cut(raw)]
    masked = mask(raw, markdown=fmt == "markdown")
    doc = Document(raw, masked, fmt)
    doc.blocks = _line_blocks(masked, raw, markdown=fmt == "markdown")
    head = next((b for b in doc.blocks if b.kind == "heading"), None)  # (the first only)
    if head is not None:
        doc.title = masked[head.start : head.end].strip() or None
    return doc


def _looks_like_heading(
    line: str,
    markdown: bool,
    raw_line: str,
    stripped: str | None = None,
    raw_lead: str | None = None,
) -> bool:
    """(`stripped`: `line.strip()`, `raw_lead`: `raw_line.lstrip()`, when the caller has them)"""
    stripped = line.strip() if stripped is None else stripped
    if markdown and (raw_line.lstrip() if raw_lead is None else raw_lead).startswith("#"):
        return True
    if markdown:  # an unmarked title line in scraped Markdown: short, capitalised, no full stop
        # (the tests of its first and last characters before its words are counted: a line of
        # prose ends with a full stop)
        return (
            stripped[:1].isupper()
            and not stripped.endswith(_TERMINAL)
            and len(stripped.split(maxsplit=8)) <= 8  # (more than 8 words: 9 parts)
            and not _ITEM.match(line)
            and "|" not in stripped
            and not any(map(str.isdigit, stripped))
        )
    return (
        0 < len(stripped) <= 80
        and not stripped.endswith(_TERMINAL)
        and len(stripped.split()) <= 12
        and not _ITEM.match(line)
        and any(map(str.isalpha, stripped))
    )


_SENTENCE_STOPS = tuple(".!?:")  # what a paragraph ends with that the next line does not join


def _line_blocks(text: str, raw: str, markdown: bool) -> list[Block]:
    """Headings, items and paragraphs. A paragraph is one line, or (hard-wrapped text and
    Markdown) consecutive lines that do not end a sentence. (The last block's start, end and
    kind are kept as they are made: read back from it, each line paid three lookups.)"""
    blocks: list[Block] = []
    lead_in = False  # the previous block ended with ':' (items follow)
    last = ""  # the last line read that is not blank, stripped: the one blocks[-1] ends with
    prev_start, prev_end, prev_kind = 0, -2, ""  # blocks[-1], once there is one
    start = 0
    for line, raw_line in zip(text.split("\n"), raw.split("\n"), strict=True):
        end = start + len(line)
        stripped = line.strip()
        if not stripped:
            lead_in = False
            start = end + 1
            continue
        raw_lead = raw_line.lstrip()
        if raw_lead.startswith("|"):
            kind = "row"  # a table row: a block of its own, read with its column headers
        elif _ITEM.match(raw_line):
            kind = "item"
        elif _looks_like_heading(line, markdown, raw_line, stripped, raw_lead):
            kind = "heading"
        elif lead_in and len(stripped) <= 300:
            kind = "item"
        else:
            kind = "paragraph"
        if (
            kind == "paragraph"
            and prev_kind == "paragraph"
            and prev_end == start - 1
            and (markdown or prev_end - prev_start >= 50)
            and not last.endswith(_SENTENCE_STOPS)  # (the block, right-stripped, ends with it)
        ):
            blocks[-1] = Block(prev_start, end, "paragraph")
        else:
            blocks.append(Block(start, end, kind))
            prev_start, prev_kind = start, kind
        prev_end = end
        # a lead-in (a line ending with ':') makes the next line an item, and bullets after it
        lead_in = stripped.endswith(":") or (lead_in and bool(_ITEM.match(raw_line)))
        last = stripped
        start = end + 1
    return blocks


_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "table", "tr", "ul", "ol", "li", "dl", "dt", "dd", "br", "hr", "figure",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "form",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
# the tags starttag and endtag do something for; any other (b, a, span, em…) changes nothing
# and is passed by without a call (a megabyte of `<b>x` is a quarter of a million of them)
_NOTABLE_TAGS = frozenset(_BLOCK_TAGS | _SKIP_TAGS | {"title", "pre", "sup", "td", "th", "tr"})


class _HtmlReader:
    """HTML to text with positions: each text character keeps its input offset. Reads the
    tokens of `htmltokens` (linear on any input)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.chars: list[str] = []
        self.src = array("q")
        self.src_end = array("q")
        self.kinds: dict[int, str] = {}  # text offset of a block start -> kind
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.pre = 0
        self.sup = 0
        # line breaks and numbers written to the text: the reader stops at MAX_LINES or past
        # MAX_NUMERALS, at `cut` in the source
        self.lines = 0
        self.numerals = 0
        self.cut: int | None = None

    def _emit(self, text: str, start: int, end: int | None = None) -> None:
        if self.in_title:
            self.title.append(text)
        if self.skip or self.cut is not None:
            return
        if "\n" in text:
            self.lines += text.count("\n")
        if NUMERALS.search(text) is not None:  # (most text between two tags holds none)
            room = MAX_NUMERALS - self.numerals
            found = list(islice(NUMERALS.finditer(text), room + 1))
            self.numerals += len(found)
            if len(found) > room:  # the text holds MAX_NUMERALS numbers before this one
                at = cut_before(text, found[room].start() + 1) if end is None else 0
                text = text[: min(at, found[room].start())]
                self.cut = start + len(text)  # (an entity is kept whole or not at all: "")
        self.chars.extend(text)  # each character with its input offsets, a run at a time
        if end is None:  # as written: character by character
            n = len(text)
            self.src.extend(range(start, start + n))
            self.src_end.extend(range(start + 1, start + n + 1))
        else:  # an entity or a mark: every character stands for the whole of it
            self.src.extend(repeat(start, len(text)))
            self.src_end.extend(repeat(end, len(text)))

    def _mark(self, mark: str, at: int) -> None:
        """A cell's pipe or space (no number, no line break), standing for the tag at `at`:
        what `_emit(mark, at, at)` does, without looking for either (one per `<td>`)."""
        if self.in_title:
            self.title.append(mark)
        if self.skip or self.cut is not None:
            return
        self.chars.extend(mark)
        self.src.extend(repeat(at, len(mark)))
        self.src_end.extend(repeat(at, len(mark)))

    def _break(self, kind: str, at: int) -> None:
        if self.chars and self.chars[-1] != "\n":
            self._emit("\n", at, at)
        self.kinds[len(self.chars)] = kind

    def starttag(self, tag: str, at: int) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "pre":
            self.pre += 1
        if tag == "sup":
            self.sup += 1
        if tag in _BLOCK_TAGS:
            kind = "heading" if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else "paragraph"
            self._break("item" if tag == "li" else "row" if tag == "tr" else kind, at)
        if tag in ("td", "th"):  # cells as a pipe row, which the layout reader parses
            self._mark("| ", at)

    def endtag(self, tag: str, at: int) -> None:
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "sup" and self.sup:
            self.sup -= 1
        if tag in ("td", "th"):
            self._mark(" ", at)
        if tag == "tr":
            self._mark("|", at)
        if tag in _BLOCK_TAGS:
            self._break("paragraph", at)

    def data(self, data: str, at: int) -> None:
        if self.in_title and not self.skip:
            self.title.append(data)
            return
        if self.sup:  # "10<sup>24</sup>" is a power, "97.3%<sup>1</sup>" a footnote mark
            data = data.translate(_SUPERSCRIPT)
        if not self.pre:
            if "\n" in data or "\r" in data:
                data = data.replace("\r", " ").replace("\n", " ")
            if not data.strip() and (not self.chars or self.chars[-1] == "\n"):
                return  # the layout's whitespace between blocks (rows of a table stay adjacent)
        self._emit(data, at)

    def entity(self, start: int, end: int) -> None:
        if self.in_title and not self.skip:  # the title's "&amp;" is the title's, not the text's
            self.title.append(unescape(self.raw[start:end]))
            return
        self._emit(unescape(self.raw[start:end]), start, end)

    def document(self) -> Document:
        for kind, start, end, name in tokens(self.raw):  # (unpacked: a megabyte of tags)
            if self.cut is not None or self.lines >= MAX_LINES:
                if self.cut is None:  # MAX_LINES lines read: cut before this token
                    self.cut = start
                self.raw = self.raw[: self.cut]  # the page's text is cut where its source is
                break
            if kind == "text":
                self.data(self.raw[start:end], start)
            elif kind == "entity":
                self.entity(start, end)
            elif name not in _NOTABLE_TAGS:
                continue  # a start or end tag that changes nothing
            elif kind == "start":
                self.starttag(name, start)
            else:
                self.endtag(name, start)
        text = "".join(self.chars)
        doc = Document(self.raw, text, "html", _src=self.src, _src_end=self.src_end)
        blocks: list[Block] = []
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if line.strip():
                kind = self.kinds.get(start, "paragraph")
                blocks.append(Block(start, end, kind))
        doc.blocks = blocks
        title = " ".join("".join(self.title).split())
        heads = [b for b in blocks if b.kind == "heading"]
        doc.title = title or (text[heads[0].start : heads[0].end].strip() if heads else None)
        return doc

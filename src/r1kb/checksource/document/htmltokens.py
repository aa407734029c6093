"""A linear HTML tokenizer that keeps input offsets: tags, text and character references.

The standard library's html.parser re-scans the rest of the input from every `<` that does not
close (100 KB of `<a` took 16 s, 200 KB 43 s). Here every scan consumes what it reads, as the
HTML standard's tokenizer does: a tag, comment or declaration that never closes runs to the end
of the input (and is dropped), so the cost is one pass whatever the input.

selectolax (lexbor) and html5lib were measured against it (README, "Check a new article"): both
are linear, but neither says where in the input a piece of text came from, which check-source
needs to report each figure's exact span; this module does, with no dependency.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ENTITY = re.compile(r"&(?:#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});?")
_NAME = re.compile(r"[A-Za-z][^\s/>]*")
# The rest of a tag up to its `>`: quoted values may hold `>`; alternatives start with different
# characters, so a tag that never closes fails in one pass over it.
_TAG_REST = re.compile(r"""(?:"[^"]*"|'[^']*'|[^'">])*>""")
_RAW_TEXT = ("script", "style")  # their content is text up to their end tag, never markup
_RAW_END = {t: re.compile(rf"</{t}(?=[\s/>]|$)", re.I) for t in _RAW_TEXT}


@dataclass(frozen=True)
class Token:
    kind: str  # "start" | "end" | "text" | "entity"
    start: int  # offsets in the input
    end: int
    name: str = ""  # the tag's name, lowercase (start and end tags)


def tokens(raw: str) -> Iterator[Token]:
    """The tokens of raw in order; comments, declarations and processing instructions are
    skipped, a `<` that starts no tag is text."""
    pos, n = 0, len(raw)
    while pos < n:
        lt = raw.find("<", pos)
        if lt < 0:
            yield from _text(raw, pos, n)
            return
        if lt > pos:
            yield from _text(raw, pos, lt)
        nxt = raw[lt + 1 : lt + 2]
        if raw.startswith("<!--", lt):
            close = raw.find("-->", lt + 4)
            pos = n if close < 0 else close + 3
        elif nxt in ("!", "?") or (nxt == "/" and not raw[lt + 2 : lt + 3].isalpha()):
            close = raw.find(">", lt + 2)
            pos = n if close < 0 else close + 1
        elif nxt == "/" or nxt.isalpha():
            at = lt + (2 if nxt == "/" else 1)
            name = _NAME.match(raw, at)
            rest = _TAG_REST.match(raw, name.end() if name else at)
            if rest is None:
                return  # a tag that never closes runs to the end of the input
            tag = name.group().lower() if name else ""
            yield Token("end" if nxt == "/" else "start", lt, rest.end(), tag)
            pos = rest.end()
            if nxt != "/" and tag in _RAW_TEXT:
                m = _RAW_END[tag].search(raw, pos)
                stop = m.start() if m else n
                if stop > pos:
                    yield Token("text", pos, stop)
                pos = stop
        else:
            yield Token("text", lt, lt + 1)
            pos = lt + 1


def _text(raw: str, start: int, end: int) -> Iterator[Token]:
    pos = start
    for m in ENTITY.finditer(raw, start, end):
        if m.start() > pos:
            yield Token("text", pos, m.start())
        yield Token("entity", m.start(), m.end())
        pos = m.end()
    if pos < end:
        yield Token("text", pos, end)

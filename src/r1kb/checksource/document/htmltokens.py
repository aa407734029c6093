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
from typing import NamedTuple

ENTITY = re.compile(r"&(?:#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});?")
# A tag after its `<` (or `</`): its name, then the rest up to its `>`, where quoted values may
# hold `>`. Each part is possessive and the alternatives start with different characters, so a
# tag that never closes fails in one pass over it.
_TAG = re.compile(r"""(?:(?P<name>[A-Za-z][^\s/>]*+))?+(?:"[^"]*+"|'[^']*+'|[^'">])*+>""")
_RAW_TEXT = ("script", "style")  # their content is text up to their end tag, never markup
_RAW_END = {t: re.compile(rf"</{t}(?=[\s/>]|$)", re.I) for t in _RAW_TEXT}


class Token(NamedTuple):
    kind: str  # "start" | "end" | "text" | "entity"
    start: int  # offsets in the input
    end: int
    name: str = ""  # the tag's name, lowercase (start and end tags)


# a token made as its tuple, without the call of the class's own __new__ (a megabyte of `<b>x`
# is half a million tokens)
_new = tuple.__new__


def tokens(raw: str) -> Iterator[Token]:
    """The tokens of raw in order; comments, declarations and processing instructions are
    skipped, a `<` that starts no tag is text: part of the text around it, one token (a token
    for each of a megabyte of `<` took 5 s)."""
    pos, n = 0, len(raw)
    text_from = 0  # where the text not yet given starts
    while pos < n:
        lt = raw.find("<", pos)
        if lt < 0:
            break
        nxt = raw[lt + 1 : lt + 2]
        start_tag = nxt.isalpha()
        end_tag = not start_tag and nxt == "/" and raw[lt + 2 : lt + 3].isalpha()
        if not (start_tag or end_tag or nxt in ("!", "?", "/")):
            pos = lt + 1  # a `<` that starts no tag: the text goes on
            continue
        if lt > text_from:
            if raw.find("&", text_from, lt) < 0:  # no character reference: one token
                yield _new(Token, ("text", text_from, lt, ""))
            else:
                yield from _text(raw, text_from, lt)
        if start_tag or end_tag:
            rest = _TAG.match(raw, lt + (2 if end_tag else 1))
            if rest is None:
                return  # a tag that never closes runs to the end of the input
            tag = (rest.group("name") or "").lower()
            yield _new(Token, ("end" if end_tag else "start", lt, rest.end(), tag))
            pos = rest.end()
            if not end_tag and tag in _RAW_TEXT:
                m = _RAW_END[tag].search(raw, pos)
                stop = m.start() if m else n
                if stop > pos:
                    yield Token("text", pos, stop)
                pos = stop
        elif raw.startswith("<!--", lt):
            close = raw.find("-->", lt + 4)
            pos = n if close < 0 else close + 3
        else:  # "<!…>", "<?…>", "</ …>": skipped up to the next `>`
            close = raw.find(">", lt + 2)
            pos = n if close < 0 else close + 1
        text_from = pos
    if text_from < n:
        yield from _text(raw, text_from, n)


def _text(raw: str, start: int, end: int) -> Iterator[Token]:
    if raw.find("&", start, end) < 0:  # no character reference: one token
        yield Token("text", start, end)
        return
    pos = start
    for m in ENTITY.finditer(raw, start, end):
        if m.start() > pos:
            yield Token("text", pos, m.start())
        yield Token("entity", m.start(), m.end())
        pos = m.end()
    if pos < end:
        yield Token("text", pos, end)

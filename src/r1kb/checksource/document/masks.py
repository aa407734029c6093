"""What the reader blanks before anything is read: web addresses and e-mail addresses, and in
Markdown its code, link targets, tags and emphasis marks (each character a space, so that every
offset stays the input's).

Each blank is one scan of the text that the engine skips ahead in: a pattern that begins with
a class of characters (or a literal) is searched for with that class, not tried at every place.
"""

from __future__ import annotations

import re

# Linear on any input: an e-mail's local part starts where a run of its characters starts and
# is at most 64 long (RFC 5321), so a megabyte of "a.a.a." is not re-scanned from every dot.
_WEB = r"(?:https?://|www\.)[^\s<>()\[\]]+"
_EMAIL = r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
URL = re.compile(f"{_WEB}|{_EMAIL}")
_WEB_ONLY = re.compile(_WEB)  # what URL finds where no "@" is
# no match of URL holds white space: the text between two white space characters (a "word")
# is blanked as it is in the whole text, and a word without "@" holds no e-mail address
_WORD_END = re.compile(r"\S*")
_LAST_SPACE = re.compile(r"(?s:.*)\s")
# Markdown's code spans, link targets, tags and emphasis marks: `[^`\n]*`|\]\([^()\]\s]*\)|
# <[^<>\n]+>|[*_#>]+, begun with the class of their openers (the engine skips ahead on it), then
# each alternative where the opener just read is its own, in that order. Each alternative stops
# at the next opener of its own kind, so that no match attempt scans past another one (a
# megabyte of "](" or "<<<" costs one pass, not one per opener).
MD_MASK = re.compile(
    r"[`\]<*_#>](?:(?<=`)[^`\n]*`|(?<=\])\([^()\]\s]*\)|(?<=<)[^<>\n]+>|(?<=[*_#>])[*_#>]*)"
)


def _blank_web(text: str) -> str:
    """`_WEB_ONLY.sub(_blank, text)`, tried only where "http" or "www." is written (found by
    str.find): the pattern's alternation gives the engine no literal to search for, and it
    stopped at every "h" and "w" of the text."""
    parts, pos = [], 0
    http, www = text.find("http"), text.find("www.")
    while http >= 0 or www >= 0:
        at = http if www < 0 or 0 <= http < www else www
        m = _WEB_ONLY.match(text, at)
        if m is None:
            end = at + 1  # (no address here: the next place holding either)
        else:
            parts += [text[pos:at], _blank(m)]
            pos = end = m.end()
        if http < end:
            http = text.find("http", end)
        if www < end:
            www = text.find("www.", end)
    parts.append(text[pos:])
    return "".join(parts)


def _blank(m: re.Match[str]) -> str:
    found = m.group()  # without a line break (the usual case) no second pattern is run
    return re.sub(r"[^\n]", " ", found) if "\n" in found else " " * len(found)


def blank_urls(text: str) -> str:
    """`URL.sub(_blank, text)`: the words holding an "@" searched with all of URL, the rest of
    the text for web addresses only (the e-mail alternative is tried at every word start)."""
    parts, pos = [], 0
    at = text.find("@")
    while at >= 0:
        last = _LAST_SPACE.match(text, pos, at)
        start = last.end() if last else pos
        end = _WORD_END.match(text, at).end()
        parts += [_blank_web(text[pos:start]), URL.sub(_blank, text[start:end])]
        pos = end
        at = text.find("@", end)
    parts.append(_blank_web(text[pos:]))
    return "".join(parts)


def mask(raw: str, markdown: bool) -> str:
    """The text with its addresses (and in Markdown its code and marks) blanked."""
    text = blank_urls(raw)
    if markdown:
        text = MD_MASK.sub(_blank, blank_fences(text))
    return text


def blank_fences(text: str) -> str:
    """Code between pairs of ``` blanked (newlines kept); an unpaired ``` is left as it is.
    One pass over the fences: a lazy ```.*?``` pattern would re-scan the rest of the text from
    every unclosed fence."""
    parts, pos = [], 0
    while (open_at := text.find("```", pos)) >= 0:
        close_at = text.find("```", open_at + 3)
        if close_at < 0:
            break
        end = close_at + 3
        parts += [text[pos:open_at], re.sub(r"[^\n]", " ", text[open_at:end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

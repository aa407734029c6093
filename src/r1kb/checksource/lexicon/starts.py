"""Where a term set's terms may start in a text, found by one scan.

A term whose first character is a letter or digit starts a word: right after a character that
is not a word character (or at the text's start), or at a capital glued onto a small letter
("128KV"). The scan is compiled without re.I and begins with one character class (a non-word
character, an ASCII capital), which Python's engine skips ahead on without trying a match at
each character; after it, each first letter's beginnings are spelled with both cases of the
letter (its branch is taken only where the letter is) and read case-insensitively from the
second character on, the alternatives of that second one led by its cases (see `_as_read`). A
non-ASCII first character, which case folding may map onto a letter, is tried against every
term's beginning case-insensitively, as the terms themselves are.

The places found are a superset of the places a term matches at: the terms are tried there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from r1kb.checksource.lexicon.folding import ASCII_TWINS

GAP = r"[\s\-‐‑‒–_(]*"  # between the words of a term: spaces, hyphens, underscores, "(", or none
WORD_SPLIT = re.compile(r"[\s\-‐‑‒–_]+")
_PREFIX_CHARS = 8  # letters of a term's beginning the start pattern spells out
_GAP_MARK = "\x00"  # a gap between two words, in a prefix
_CHUNK = 8  # first letters under one look-ahead for them, in the scan


def last_word(term: str) -> str | None:
    """A term's last word as written (a wildcard's `*` kept), None for a term of no word: what a
    match of it ends with (see term_pattern)."""
    words = [w for w in WORD_SPLIT.split(term.strip()) if w]
    return words[-1] if words else None


def _prefixes(terms: list[str]) -> tuple[str, ...] | None:
    """The beginnings of terms that share a first character, their ASCII letters lowercased:
    up to _PREFIX_CHARS characters, across word gaps (marked _GAP_MARK), ending before a
    wildcard's `*`; any match of a term starts with its prefix. None where that does not hold
    (a term that starts with a gap, a first letter that case folding may reach from ASCII
    text). A non-ASCII letter after the first is kept as it is, and read as the term reads it
    (re.I): "Tülu*" is looked for where "Tülu" is, not at every word that starts with a t."""
    out = []
    for term in terms:
        words = [w for w in WORD_SPLIT.split(term) if w]
        if not words or not term.startswith(words[0]) or not words[0][0].isascii():
            return None
        prefix = ""
        for word in words:
            wild = word.endswith("*") and len(word) > 1
            literal = word[:-1] if wild else word
            if len(prefix) >= _PREFIX_CHARS:
                break
            prefix += (_GAP_MARK if prefix else "") + literal[: _PREFIX_CHARS - len(prefix)]
            if wild:
                break
        out.append(_ascii_lower(prefix))
    return tuple(dict.fromkeys(out))


def _ascii_lower(text: str) -> str:
    """Text with its ASCII letters lowercased, any other character as it is: a pattern read
    with re.I matches a character as the terms' own patterns do, while `str.lower` may turn
    one into two ("İ" into "i" and a combining dot)."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _trie(words: tuple[str, ...]) -> dict:
    """The words as a tree of their characters, a word that begins another standing for both
    (its end marked by the key "")."""
    tree: dict = {}
    for word in sorted(words, key=len):
        node = tree
        for c in word:
            if "" in node:
                break  # a shorter word already starts here
            node = node.setdefault(c, {})
        else:
            node.clear()
            node[""] = {}
    return tree


def _as_read(char: str) -> str:
    """A character that leads one of several alternatives, in a pattern read with re.I: an
    ASCII letter as the class of its two cases and of the non-ASCII letters re.I takes for it
    (ſ, K, İ, ı: see `folding`), read without re.I; any other character as itself (re.I maps
    nothing onto an ASCII one). The engine tests an alternative that begins with a class or a
    character read so before it enters it, and enters each one that begins with a letter read
    with re.I. (Every letter spelled so, the scans took 0.2 s longer to compile where no disk
    cache holds them, for no fewer instructions than the first character after the first
    letter alone, 0.04 s.)"""
    if char.isascii() and char.isalpha():
        return f"(?-i:[{char.lower()}{char.upper()}{_TWINS.get(char.lower(), '')}])"
    return re.escape(char)


# the non-ASCII letters re.I matches an ASCII letter with, by that letter ("i": "İı")
_TWINS = {
    letter: "".join(chr(code) for code, twin in ASCII_TWINS.items() if twin == letter)
    for letter in set(ASCII_TWINS.values())
}


def _emit(node: dict, led: bool = False) -> str:
    """A pattern that matches where one of a tree's words starts, with their common
    beginnings shared (tried once, not once per word); a _GAP_MARK stands for any gap between
    words (or none). `led`: the alternatives of its first character led as `_as_read` writes
    them (where a scan tries most of them; further on, few places are left)."""
    lead = _as_read if led else re.escape
    alternatives = [
        (GAP if c == _GAP_MARK else lead(c)) + _emit(child)
        for c, child in sorted(node.items())
        if c
    ]
    if len(alternatives) <= 1:
        return "".join(alternatives)
    return "(?:" + "|".join(alternatives) + ")"


def any_of(words: list[str]) -> str:
    """A pattern found wherever one of the words occurs (the same places to look as an
    alternation of the words, tried as one tree: a word that begins another stands for both,
    and a place is given up at its first character that no word continues with)."""
    return _emit(_trie(tuple(words))) if words else "(?!)"


def _rests(terms: list[str]) -> dict[str, str]:
    """For each first character of the terms (lowercased), what must follow it where one of
    them starts: the rest of their beginnings across word gaps (see _prefixes), else the
    second character where every term of that first character has a fixed one, else nothing."""
    seconds: dict[str, set[str] | None] = {}
    for term in terms:
        key = term[0].lower()
        words = [w for w in WORD_SPLIT.split(term) if w]
        literal = words[0][:-1] if words and words[0].endswith("*") and len(words[0]) > 1 else ""
        literal = literal or (words[0] if words else "")
        if key not in seconds:
            seconds[key] = set()
        if len(literal) < 2 or len(key) != 1:  # any character may follow (a gap, a plural…)
            seconds[key] = None
        elif (chars := seconds[key]) is not None:
            chars.add(literal[1])
    out = {}
    for key, chars in seconds.items():
        beginnings = _prefixes([t for t in terms if t[0].lower() == key])
        tree = _trie(beginnings) if beginnings is not None else {}
        if list(tree) == [key]:
            out[key] = _emit(tree[key], led=True)  # a term's beginning: far fewer places
        else:
            out[key] = f"[{''.join(re.escape(c) for c in sorted(chars))}]" if chars else ""
    return out


def _spelled(first: str, rest: str) -> str:
    """A first character in both its ASCII cases, then the rest read case-insensitively."""
    both = "".join(dict.fromkeys(first + first.upper()))
    head = f"[{re.escape(both)}]" if len(both) > 1 else re.escape(both)
    return head + (f"(?i:{rest})" if rest else "")


def scanner(terms: list[str]) -> str | None:
    """The scan of where the terms may start (compiled without flags): each match is one
    character, and a place is right after it, at it (group `glued`: a capital glued onto a
    small letter) or at it and right after it (group `sign`: a sign some term starts with)."""
    rests = _rests(terms)
    if not rests:
        return None
    words = sorted(k for k in rests if k.isalnum())
    signs = sorted(k for k in rests if not k.isalnum())
    plain = [k for k in words if len(k) == 1 and k.isascii()]
    # a non-ASCII first character: every term's beginning, as the terms read it (re.I)
    if any(len(k) != 1 for k in rests):
        others = ["(?=[^\\x00-\\x7f])"]  # lowercased to two characters: any such place
    elif words:
        every = "|".join(re.escape(k) + rests[k] for k in words)
        others = [f"(?=[^\\x00-\\x7f])(?i:{every})"]
    else:
        others = []
    branches = []
    if signs:  # first: the place right after a sign is given too
        marked = [
            f"(?<={re.escape(k)})" + (f"(?=(?i:{rests[k]}))" if rests[k] else "")
            for k in signs
            if len(k) == 1 and k.isascii()
        ]
        if any(len(k) != 1 or not k.isascii() for k in signs):
            marked.append("(?<=[^\\w\\x00-\\x7f])")  # (the scan's lead holds word characters)
        branches.append(f"(?:{'|'.join(marked)})(?P<sign>)")
    if plain or others:  # before the capitals: most characters the scan stops at are not
        chunks = [plain[i : i + _CHUNK] for i in range(0, len(plain), _CHUNK)]
        spelled = ["|".join(_spelled(k, rests[k]) for k in chunk) for chunk in chunks]
        if len(chunks) > 1:  # the engine tests one class where it would test each letter's
            spelled = [
                f"(?=[{re.escape(''.join(k + k.upper() for k in chunk))}])(?:{alternatives})"
                for chunk, alternatives in zip(chunks, spelled, strict=True)
            ]
        after = "|".join(spelled + others)
        branches.append(f"(?<=\\W)(?={after})")
    letters = [k for k in plain if k != k.upper()]
    if letters:
        glued = "|".join(
            f"(?<={k.upper()})" + (f"(?i:{rests[k]})" if rests[k] else "") for k in letters
        )
        branches.append(f"(?<=[a-z][A-Z])(?=(?:{glued}))(?P<glued>)")
    under = "_" in signs  # the one sign that is a word character
    return f"{_LEADS[under]}(?:{'|'.join(branches)})"


# The scan's first item, a class the engine skips ahead on: every character but the small
# ASCII letters, the digits (and "_" where no term starts with it). It holds the characters
# the scan stops at, `[\WA-Z]` (with "_"), and the non-ASCII word characters, at which no
# branch matches (each reads the character it follows as a non-word character, an ASCII capital
# or sign, or a non-ASCII one that is not a word character): the same matches, but a class of
# ASCII ranges alone is tested against each character several times faster than `\W`.
_LEADS = {False: "[^0-9_a-z]", True: "[^0-9a-z]"}
_STOPS = {_LEADS[False]: r"[\WA-Z]", _LEADS[True]: r"[\WA-Z_]"}


def stops(source: str) -> str:
    """The characters `scanner`'s scan stops at: those of its first item at which it may
    match. A match of the scan is one of them (the rest of the pattern reads none), so the
    scan's matches are the places among them where the scan matches."""
    return _STOPS[source[: source.index("]") + 1]]


# where a match of the scan gives places, after the character it stops at: by the group of
# its branch, right after it (a word start), at it (`glued`), or at it and right after it (`sign`)
STEPS: dict[str | None, tuple[int, ...]] = {None: (1,), "glued": (0,), "sign": (0, 1)}


def places(scan: re.Pattern[str], text: str, start: int, end: int) -> Iterator[int]:
    """The places, in order (some twice), where `scanner`'s terms may start in
    text[start:end] (a word start at `start` is seen by the character before it)."""
    if start == 0 < end:
        yield 0
    for m in scan.finditer(text, max(start - 1, 0), end):
        at = m.start()
        for step in STEPS[m.lastgroup]:
            yield at + step


# word, gap and wildcard characters (see term_pattern): a gap may hold "(" ("tokens (per second")
_INSIDE = re.compile(rf"[\w.\-‑]|{GAP.removesuffix('*')}")


def separators(terms: Iterable[str]) -> str:
    """The ASCII characters no match of the terms can hold: none of a term's characters (as
    re.I reads them), no word character, gap or character a wildcard reads. A scan of the
    terms from right after one goes on as it would from any place before it."""
    chars = "".join(sorted({c for t in terms for c in t}))
    held = re.compile(f"[{re.escape(chars)}]", re.I) if chars else None
    return "".join(
        x
        for x in map(chr, range(128))
        if not _INSIDE.match(x) and (held is None or not held.fullmatch(x))
    )

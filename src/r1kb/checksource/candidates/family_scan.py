"""The family's model names found in one scan, as if each name pattern had run `finditer`.

The family's names are ~90 patterns (names, aliases, short forms, "the 7B model"…), each
starting with a look-behind for a non-word character. One scan finds the places a word starts
with some pattern's fixed beginning (its gate: "DeepSeek", "R1", "the"…); there, each gate is
tested once for all the patterns that share it, then their longer beginnings ("DeepSeek R1",
"DeepSeek R1 Distill", see `prefixes`), and a pattern is tried only where all of its own
matched, not at every word of its first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from r1kb.capped import CappedDict
from r1kb.checksource.candidates.places import matches_at
from r1kb.checksource.candidates.prefixes import Chains, chains, items

_LOOKBEHINDS = (r"(?<![\w.])", r"(?<![\w])")


def _first_chars(pattern: re.Pattern[str]) -> str | None:
    """The characters a match of a family pattern can start with (both cases, with any
    non-ASCII character standing for what case folding may map onto a letter), or None when
    its source does not show them."""
    source = pattern.pattern
    for behind in _LOOKBEHINDS:
        if source.startswith(behind):
            first = source[len(behind) : len(behind) + 1]
            if first.isascii() and first.isalnum():
                if pattern.flags & re.I:
                    return "".join(dict.fromkeys(first.lower() + first.upper() + "\x80"))
                return first
    return None


_RUN = re.compile(r"[A-Za-z0-9]+")


def _gate(pattern: re.Pattern[str]) -> str | None:
    """The letters and digits every match of a family pattern starts with, right after its
    look-behind (its fixed beginning: "DeepSeek", "R1", "the"…), or None where the source
    does not show them plainly (no look-behind first; not a plain sequence of items, such as an
    alternative at the top level: see `prefixes.items`)."""
    source = pattern.pattern
    behind = next((b for b in _LOOKBEHINDS if source.startswith(b)), None)
    run = _RUN.match(source, len(behind)) if behind is not None else None
    if run is None or items(source) is None:
        return None
    text = run.group()
    if source[run.end() : run.end() + 1] in ("?", "*", "{"):
        text = text[:-1]  # a quantifier may leave out its last character
    return text or None


@cache
def _scanner(
    patterns: tuple[tuple[re.Pattern[str], str], ...],
) -> tuple[list[str | None], list[re.Pattern[str] | None], re.Pattern[str] | None]:
    """Each pattern's first characters and its gate (its fixed beginning, compiled with its
    case flag, one object per distinct gate), and a pattern that finds every place one may
    start."""
    firsts = [_first_chars(p) for p, _ in patterns]
    gates: dict[tuple[str, int], re.Pattern[str]] = {}
    which: list[re.Pattern[str] | None] = []
    for (pattern, _), first in zip(patterns, firsts, strict=True):
        run = _gate(pattern) if first is not None else None
        flags = pattern.flags & re.I
        which.append(
            gates.setdefault((run, flags), re.compile(re.escape(run), flags)) if run else None
        )
    chars = "".join(sorted({c for f in firsts if f for c in f if c != "\x80"}))
    if not chars:
        return firsts, which, None
    first = "[" + re.escape(chars) + r"\x80-\U0010ffff]"
    # only where a gate is (or a first character of a pattern without one)
    ungated = {c for f, g in zip(firsts, which, strict=True) if f and g is None for c in f}
    reach = _reaches(patterns, which)
    gated = [reach[g] for g in dict.fromkeys(which) if g]
    if ungated:
        plain = "".join(sorted(ungated - {"\x80"}))
        gated.append(f"[{re.escape(plain)}\\x80-\\U0010ffff]")
    at = "(?=" + "|".join(gated) + ")"
    # led by the class itself, which the engine skips ahead on (led by a look-ahead, the
    # pattern is tried at every character); the tests before the character are read behind it
    return firsts, which, re.compile(f"{first}(?<!\\w[\\s\\S])(?<=(?={at})[\\s\\S])")


def _reaches(
    patterns: tuple[tuple[re.Pattern[str], str], ...], gates: list[re.Pattern[str] | None]
) -> dict[re.Pattern[str], str]:
    """For each gate, what the scan looks for where a word starts: the gate, or where every
    pattern of the gate goes on past it, any of their first beginnings past it ("the" is
    looked for as "the 7B", "the May"…: not at every "the", "then", "there"). Any match of a
    pattern starts with a match of each of its beginnings (see `prefixes`)."""
    tree = _chains(patterns, tuple(gates))
    out: dict[re.Pattern[str], str] = {}
    for gate in dict.fromkeys(g for g in gates if g is not None):
        flag = "i" if gate.flags & re.I else "-i"
        nodes = [tree.tests[k] for k, parent in enumerate(tree.parents) if parent is gate]
        rests = [_past(node.pattern, gate.pattern) for node in nodes]
        whole = any(g is gate and leaf is None for g, leaf in zip(gates, tree.leaves, strict=True))
        if whole or not rests or None in rests:
            out[gate] = f"(?{flag}:{gate.pattern})"
        else:  # the gate first: the rest is tried only where it is
            out[gate] = f"(?{flag}:{gate.pattern}(?:{'|'.join(map(str, rests))}))"
    return out


def _past(beginning: str, gate: str) -> str | None:
    """What a beginning's source spells after its look-behind and gate, if it starts so."""
    behind = next((b for b in _LOOKBEHINDS if beginning.startswith(b)), None)
    if behind is None or not beginning.startswith(gate, len(behind)):
        return None
    return beginning[len(behind) + len(gate) :]


@cache
def _chains(
    patterns: tuple[tuple[re.Pattern[str], str], ...], gates: tuple[re.Pattern[str] | None, ...]
) -> Chains:
    """The beginnings of the gated patterns, longer than their gates (see `prefixes`)."""
    ends = [
        next((len(b) for b in _LOOKBEHINDS if p.pattern.startswith(b)), 0)
        + (len(g.pattern) if g is not None else 0)
        for (p, _), g in zip(patterns, gates, strict=True)
    ]
    return chains([(p, g, e) for (p, _), g, e in zip(patterns, gates, ends, strict=True)])


Prepared = tuple[
    list[str | None],  # each pattern's first characters
    list[re.Pattern[str] | None],  # its gate
    re.Pattern[str] | None,  # the scan for the places one may start
    Chains,  # the gated patterns' longer beginnings
    dict[str, list[int]],  # a first character -> the patterns that may start with it
    list[int],  # the patterns that may start anywhere (their source shows no first character)
]
_PREPARED: CappedDict[int, tuple[list[tuple[re.Pattern[str], str]], Prepared]] = CappedDict(9)


def prepared(patterns: list[tuple[re.Pattern[str], str]]) -> Prepared:
    """The scan, gates and beginnings of a list of patterns, worked out once per list (a key of
    ninety patterns hashed on each call cost more than scanning a table header)."""
    kept = _PREPARED.get(id(patterns))
    if kept is not None and kept[0] is patterns:
        return kept[1]
    firsts, gates, scan = _scanner(tuple(patterns))
    by_char: dict[str, list[int]] = {}
    for i, first in enumerate(firsts):
        for c in first or ():
            by_char.setdefault(c, []).append(i)
    ungated = [i for i, first in enumerate(firsts) if first is None]
    prepared = (firsts, gates, scan, _chains(tuple(patterns), tuple(gates)), by_char, ungated)
    _PREPARED.keep(id(patterns), (patterns, prepared))  # the list kept: its id stays its own
    return prepared


def family_matches(
    text: str, patterns: list[tuple[re.Pattern[str], str]]
) -> Iterator[tuple[re.Match[str], str]]:
    """What `pattern.finditer(text)` yields for each pattern in turn, trying each pattern only
    where a word starts with its gate (tested once for all the patterns that share it), or
    with a character its matches can start with where it has none: one scan of the text for
    all patterns, not one per pattern (every pattern starts with a look-behind for a
    non-word character, which the search engine cannot skip ahead on)."""
    firsts, gates, scan, tree, by_char, ungated = prepared(patterns)
    starts: dict[str, list[int]] = {}
    if scan is not None:
        for m in scan.finditer(text):
            c = m.group()
            starts.setdefault(c if c.isascii() else "\x80", []).append(m.start())
    if not ungated and sum(map(len, starts.values())) <= _FEW_PLACES:
        yield from _place_by_place(text, patterns, sorted(p for s in starts.values() for p in s))
        return
    gated: dict[re.Pattern[str], list[int]] = {}

    def at_gate(gate: re.Pattern[str], first: str) -> list[int]:
        if (where := gated.get(gate)) is None:
            test = gate.match
            where = gated[gate] = sorted(
                pos for c in first for pos in starts.get(c, ()) if test(text, pos)
            )
        return where

    found: dict[object, list[int]] = {}
    # the patterns with a place to try (each way below reads its places from `starts`), in order
    tried = sorted({i for c in starts if c in by_char for i in by_char[c]}.union(ungated))
    for i in tried:
        (pattern, mid), first, gate, leaf = patterns[i], firsts[i], gates[i], tree.leaves[i]
        if first is None:
            yield from ((m, mid) for m in pattern.finditer(text))
            continue
        if gate is None:
            where = sorted(pos for c in first for pos in starts.get(c, ()))
        else:
            where = at_gate(gate, first)
            if not where:
                continue  # its gate is nowhere: no longer beginning is either
            if leaf is not None:
                where = tree.places(leaf, text, lambda g, f=first: at_gate(g, f), found)
        for m in matches_at(pattern, text, where):  # (never empty)
            yield m, mid


# a text with this few places (a table header) has the patterns that may match at each place
# tried there: set up for each pattern, the tree of beginnings cost more than the matches
_FEW_PLACES = 4


def _place_by_place(
    text: str, patterns: list[tuple[re.Pattern[str], str]], places: list[int]
) -> Iterator[tuple[re.Match[str], str]]:
    """`family_matches` of a text whose places are these few (none of the patterns is tried
    everywhere): the matches at each place, then each pattern's in turn, in the order of the
    places, none that starts inside the one before it (as `finditer` reads them)."""
    by_pattern: dict[int, list[re.Match[str]]] = {}
    for pos in places:
        for i, m in _here(text, pos, patterns):
            by_pattern.setdefault(i, []).append(m)
    for i in sorted(by_pattern):
        after, mid = 0, patterns[i][1]
        for m in by_pattern[i]:
            if m.start() >= after:
                yield m, mid
                after = m.end()


def matches_here(
    text: str, pos: int, patterns: list[tuple[re.Pattern[str], str]]
) -> list[re.Match[str]]:
    """The matches of the patterns at pos (`pattern.match(text, pos)` of each, in their order),
    each pattern tried only where a match may start (see `_here`). (A glued table's row start
    asks for them: tried one by one, the ~90 patterns cost 90 matches a row.)"""
    return [m for _, m in _here(text, pos, patterns)]


def _here(
    text: str, pos: int, patterns: list[tuple[re.Pattern[str], str]]
) -> list[tuple[int, re.Match[str]]]:
    """The patterns that match at pos, in order, each with its match: each tried only with one
    of its first characters there and its gate there (tested once for all the patterns that
    share it); a pattern whose source shows neither is tried."""
    _, gates, _, _, by_char, ungated = prepared(patterns)
    char = text[pos : pos + 1]
    passed: dict[re.Pattern[str], bool] = {}
    found = []
    for i in sorted([*by_char.get(char if char.isascii() else "\x80", ()), *ungated]):
        if (gate := gates[i]) is not None:
            if (ok := passed.get(gate)) is None:
                ok = passed[gate] = gate.match(text, pos) is not None
            if not ok:
                continue
        if (m := patterns[i][0].match(text, pos)) is not None:
            found.append((i, m))
    return found

"""The beginnings of the family's name patterns, tried once for all the patterns that share them.

A family pattern is tried at the places its gate (its fixed first letters, see `family_scan`)
is. Many patterns share a gate and then more: the ~20 that begin "DeepSeek" go on with "R1"
or "V3", then "Distill", "Zero", "0528"… Each pattern's source, cut after each of its runs of
plain characters, gives its beginnings (regular expressions in their own right, since the
cuts fall between items at the top level); any match of the pattern starts with a match of
each. A beginning is tried only where the one before it matched, and where one has several
longer ones, one alternation of those first: a place no longer beginning matches is dropped
for all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from r1kb.patterncache import compile_all

_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_ZERO_WIDTH_OR_CLASS = "sSwWdDbBAZ"  # escapes that are not one plain character


def _bracket_end(source: str, i: int) -> int | None:
    """Where the character class opened at i ends (the offset after its `]`)."""
    j = i + 1
    j += source[j : j + 1] == "^"
    j += source[j : j + 1] == "]"  # a ] first in a class is one of its characters
    while j < len(source):
        if source[j] == "\\":
            j += 2
        elif source[j] == "]":
            return j + 1
        else:
            j += 1
    return None


def _group_end(source: str, i: int) -> int | None:
    """Where the group opened at i ends (the offset after its `)`)."""
    depth, j = 0, i
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            end = _bracket_end(source, j)
            if end is None:
                return None
            j = end
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        j += 1
        if depth == 0:
            return j
    return None


def items(source: str) -> list[tuple[int, bool]] | None:
    """The top-level items of a regular expression: where each ends, and whether it is one
    plain character (no class, group, escape sequence or quantifier). None where the source
    is not a plain sequence of items (an alternative at the top level, a back-reference…)."""
    out: list[tuple[int, bool]] = []
    i = 0
    while i < len(source):
        c = source[i]
        plain = False
        if c == "\\":
            nxt = source[i + 1 : i + 2]
            if not nxt or (nxt.isalnum() and nxt not in _ZERO_WIDTH_OR_CLASS):
                return None
            end: int | None = i + 2
            plain = not nxt.isalnum()
        elif c == "[":
            end = _bracket_end(source, i)
        elif c == "(":
            end = _group_end(source, i)
        elif c in "|)*+?{}#":
            return None
        else:
            end = i + 1
            plain = c not in ".^$"
        if end is None:
            return None
        if q := _QUANTIFIER.match(source, end):
            end, plain = q.end(), False
        out.append((end, plain))
        i = end
    return out


def beginnings(source: str, after: int) -> list[str]:
    """A pattern's beginnings longer than `after` characters of its source: cut after each
    run of plain characters, and the whole source last; [] where it is not a plain sequence."""
    found = items(source)
    if found is None:
        return []
    cuts = [
        end
        for k, (end, plain) in enumerate(found)
        if plain and (k + 1 == len(found) or not found[k + 1][1])
    ]
    return [source[:cut] for cut in dict.fromkeys([*cuts, len(source)]) if cut > after]


@dataclass(frozen=True)
class Chains:
    """Every gated pattern's beginnings as nodes of a tree under its gate."""

    leaves: list[int | None]  # per pattern: the node of its whole source (None: its gate)
    tests: list[re.Pattern[str]]  # per node: its beginning
    parents: list[int | re.Pattern[str]]  # per node: the node before it, or its gate
    unions: dict[int | re.Pattern[str], re.Pattern[str]]  # where a node has 2+: any of them

    def places(
        self,
        node: int,
        text: str,
        at_gate: Callable[[re.Pattern[str]], list[int]],
        found: dict[object, list[int]],
    ) -> list[int]:
        """Where a node's beginning matches, in order (kept in `found` for the others)."""
        if (where := found.get(node)) is not None:
            return where
        parent = self.parents[node]
        if (base := found.get(("union", parent))) is None:
            base = at_gate(parent) if isinstance(parent, re.Pattern) else None
            if base is None:
                base = self.places(parent, text, at_gate, found)  # type: ignore[arg-type]
            if (union := self.unions.get(parent)) is not None:
                test = union.match
                base = [p for p in base if test(text, p)]
            found[("union", parent)] = base
        if not base:  # the beginning before it matched nowhere: neither does this one
            found[node] = base
            return base
        test = self.tests[node].match
        where = found[node] = [p for p in base if test(text, p)]
        return where


def chains(patterns: list[tuple[re.Pattern[str], re.Pattern[str] | None, int]]) -> Chains:
    """The tree of the patterns' beginnings past their gates: for each pattern, its gate (None
    for a pattern tried without one: it has no node) and where the gate ends in its source."""
    keys: dict[tuple[str, int], int] = {}
    parents: list[int | re.Pattern[str]] = []
    children: dict[int | re.Pattern[str], list[int]] = {}
    leaves: list[int | None] = []
    for pattern, gate, gate_end in patterns:
        flags = pattern.flags & ~re.UNICODE
        source = pattern.pattern
        if gate is None or flags & ~re.I:
            leaves.append(None)
            continue
        parent: int | re.Pattern[str] = gate
        for beginning in beginnings(source, gate_end):
            if (key := (beginning, flags)) not in keys:
                keys[key] = len(parents)
                parents.append(parent)
                children.setdefault(parent, []).append(keys[key])
            parent = keys[key]
        leaves.append(parent if isinstance(parent, int) else None)
    sources = list(keys)
    unions = {
        parent: _union([sources[k] for k in members])
        for parent, members in children.items()
        if len(members) > 1
    }
    compiled = compile_all(sources + list(unions.values()))
    return Chains(
        leaves=leaves,
        tests=compiled[: len(sources)],
        parents=parents,
        unions=dict(zip(unions, compiled[len(sources) :], strict=True)),
    )


def _union(members: list[tuple[str, int]]) -> tuple[str, int]:
    """One pattern that matches where any of the members does."""
    return "|".join(f"(?{'i' if f & re.I else '-i'}:{s})" for s, f in members), 0

"""Tables whose cell separators were lost when a page was flattened to text.

A scraped HTML table often arrives with its cells glued together: a header line of column
names (`VariantTotal paramsActiveContext`) and one line per row that starts with a model's name
(`DeepSeek-R1671B37B (MoE)128K`). The header splits where a lower-case letter meets a capital;
a row is its leading name (the longest known name there, which the caller recognises), then
cells that are a figure with its magnitude letter (`671B`, `37B (MoE)`, `128K`) or text (another
name, up to where a figure is glued on). When a row splits into as many cells as the header has
columns, each cell takes its column's name and the row's name as its headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# where a known name starting at a position may end, longest first (none: no name there)
NameEnds = Callable[[str, int], list[int]]

_CAMEL = re.compile(r"(?<=[a-z)])(?=[A-Z])")
_VALUE = re.compile(r"\d+(?:\.\d+)?[KMBTk](?:[ \t]*\([^()\d]{1,20}\))?")
# a figure glued to what stands before it; only asked whether there is one, so the digits
# are bounded (a search from each place in a run of 10,000 digits read the rest of the run;
# where a longer run is glued on, its last digits are found from a later place)
_GLUED = re.compile(r"[\w)]\d{1,30}(?:\.\d{1,30})?[KMBTk]")
_MAGNITUDE_AFTER_DIGIT = re.compile(r"\d[KMBTk]")  # how every match of _GLUED ends
_MAX_HEADER = 120
_MAX_COLUMN = 30
_MIN_ROWS = 2


def _header(text: str, a: int, b: int) -> list[str] | None:
    line = text[a:b].strip()
    if not line or len(line) > _MAX_HEADER or line.endswith((".", ",", ":", ";", "!", "?")):
        return None
    if " | " in line or "\t" in line:
        return None
    parts = [p.strip() for p in _CAMEL.split(line)]
    if len(parts) < 3 or any(not p or len(p) > _MAX_COLUMN for p in parts):
        return None
    return parts


def _text_end(text: str, pos: int, end: int, name_ends: NameEnds) -> int:
    """Where a text cell starting at pos ends: after a known name, else where a figure is
    glued onto a magnitude letter or a closing parenthesis (`Qwen2.5-7B|32K`, `(no SFT)|128K`)."""
    named = [e for e in name_ends(text, pos) if e <= end]
    if named:
        return named[0]
    for i in range(pos + 1, end):
        if text[i].isdigit() and text[i - 1] in "KMBTk)" and _VALUE.match(text, i, end):
            return i
    return end


def split_row(
    text: str, a: int, b: int, name_ends: NameEnds, width: int
) -> list[tuple[int, int]] | None:
    """The cells of a glued row text[a:b] that starts with a known name (None: not such a row).
    A name may also be read with a figure glued to it (`DeepSeek-R1` + `671B`, or a name
    `DeepSeek-R1 671B`): the reading with as many cells as the header has columns wins."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    readings = []
    for first in name_ends(text, a):
        if first >= b or not _GLUED.search(text, first - 1, b):
            continue
        cells, pos = [(a, first)], first
        while pos < b:
            value = _VALUE.match(text, pos, b)
            end = value.end() if value else _text_end(text, pos, b, name_ends)
            cells.append((pos, end))
            pos = end
            while pos < b and text[pos] == " ":
                pos += 1
        if len(cells) == width:
            return cells
        readings.append(cells)
    return readings[0] if readings else None


GluedCell = tuple[int, int, str, str, str, int]  # start, end, row, column, header row, table


def glued_tables(text: str, lines: list[tuple[int, int]], name_ends: NameEnds) -> list[GluedCell]:
    """Every cell of the glued tables among the lines (after the first column)."""
    out: list[GluedCell] = []
    if _MAGNITUDE_AFTER_DIGIT.search(text) is None:
        return out  # no glued figure (each ends so), no row can split, so no table
    i = 0
    while i < len(lines):
        header = _header(text, *lines[i])
        if header is None:
            i += 1
            continue
        rows, j = [], i + 1
        while j < len(lines):
            a, b = lines[j]
            if not text[a:b].strip():
                j += 1
                continue
            cells = split_row(text, a, b, name_ends, len(header))
            if cells is None:
                break
            rows.append(cells)
            j += 1
        if len(rows) < _MIN_ROWS:
            i += 1
            continue
        header_row = " | ".join(header)
        for cells in rows:
            if len(cells) != len(header):
                continue
            row = text[cells[0][0] : cells[0][1]]
            for (s, e), column in zip(cells[1:], header[1:], strict=True):
                out.append((s, e, row, column, header_row, lines[i][0]))
        i = j
    return out

"""Tables that lost their cell separators when a page was flattened to text, read by the names
their header holds:

* rows whose figures are separated by spaces or tabs, under a header line that ends with as
  many names as each row has figures (`Benchmark (Metric) DeepSeek R1 DeepSeek R1 0528`, then
  `GPQA-Diamond (Pass@1) 71.5 81.0`);
* a table written one cell a line: a line per name of its header, then for each row its label
  and one line per figure, in the header's order (`DeepSeek V3` / `OpenAI o1-1217` /
  `DeepSeek R1`, then `MATH-500 (Pass@1)` / `90.2` / `96.4` / `97.3`).

The names are those the document's search found (`find_mentions`); without a line of names
above them, such lines are prose, read as before. Each figure becomes a cell whose column
header is the name in its place, so a cell is attributed like any table's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter

from r1kb.checksource.candidates.mentions import Mention, within
from r1kb.checksource.document.layout import Cell, line_spans

_VALUE = r"(?:[$~≈<>]?\d[\d,]*(?:\.\d+)?(?:%|[KMBT]\b)?|[-–—](?!\S)|N/A)"
_WORD = re.compile(r"[^ \t]+")
_LETTER = re.compile(r"[A-Za-z]")
_ONE_VALUE = re.compile(rf"[ \t]*{_VALUE}[ \t]*")
_TOKEN = re.compile(_VALUE)
_GROUP = re.compile(r"[ \t]*[A-Za-z][^\n\d]{0,39}")  # a group's row between rows ("Math")
_NAME_KINDS = ("model", "other", "company")
_MAX_COLUMNS = 8
_MAX_LINE = 300  # a longer line is prose (and a row's pattern is tried on short lines only)


def spaced_cells(
    text: str, mentions: Sequence[Mention], lines: list[tuple[int, int]] | None = None
) -> list[Cell]:
    """Every cell of the tables above, in text order (`lines`: the text's `line_spans`, when
    its caller has them)."""
    names = [m for m in mentions if m.kind in _NAME_KINDS]
    starts = [m.start for m in names]
    lines = line_spans(text) if lines is None else lines
    named = _named_lines(lines, starts)
    return sorted(
        _row_cells(text, lines, names, starts, named)
        + _stacked_cells(text, lines, names, starts, named),
        key=attrgetter("start"),
    )


def _named_lines(lines: list[tuple[int, int]], starts: list[int]) -> set[int]:
    """The starts of the lines [a, b) a name starts in (`starts`: the names' starts, in order):
    on any other line `within` finds no name, and is not asked (most lines hold none)."""
    line_starts = [a for a, _ in lines]
    out = set()
    for s in starts:
        i = bisect_right(line_starts, s) - 1
        if i >= 0 and s < lines[i][1]:
            out.add(lines[i][0])
    return out


def _row_cells(
    text: str,
    lines: list[tuple[int, int]],
    names: list[Mention],
    starts: list[int],
    named_lines: set[int],
) -> list[Cell]:
    cells: list[Cell] = []
    header: tuple[list[Mention], int, str] | None = None  # the last header's names, start, text
    for a, b in lines:
        if b - a > _MAX_LINE:
            header = None
            continue
        if header is None and a not in named_lines:
            continue  # no header above and none here: neither a row nor a header to read
        row = _row(text, a, b)
        if row is None:
            named = within(names, starts, a, b) if a in named_lines else []
            if len(named) >= 2:
                header = (named, a, text[a:b])
            elif not (a == b or _GROUP.fullmatch(text, a, b)):
                header = None  # prose: the table ended
            continue
        label, values = row
        if header is None or len(values) > _MAX_COLUMNS or len(header[0]) < len(values):
            continue
        named, table_start, header_text = header
        columns = named[len(named) - len(values) :]
        for (va, vb), name in zip(values, columns, strict=True):
            column = text[name.start : name.end]
            cells.append(Cell(va, vb, label, column, header_text, table_start))
    return cells


def _row(text: str, a: int, b: int) -> tuple[str, list[tuple[int, int]]] | None:
    """A row's label and its values: the line's last two or more words that are values, after
    a label with a letter in it (read word by word from its end: one pattern of a label of any
    length before the values backtracked over each line). A line whose last word is no value
    is none, and its words are not listed (most lines are prose)."""
    last = text[a:b].rstrip(" \t")
    cut = max(last.rfind(" "), last.rfind("\t")) + 1
    if not _TOKEN.fullmatch(last, cut):
        return None
    words = [m.span() for m in _WORD.finditer(text, a, b)]
    k = len(words)
    while k > 0 and _TOKEN.fullmatch(text, *words[k - 1]):
        k -= 1
    if len(words) - k < 2 or k == 0:
        return None
    label = text[a : words[k - 1][1]].strip()
    if not _LETTER.search(label) or not (label[-1].isalnum() or label[-1] == ")"):
        return None
    return label, words[k:]


def _stacked_cells(
    text: str,
    lines: list[tuple[int, int]],
    names: list[Mention],
    starts: list[int],
    named_lines: set[int],
) -> list[Cell]:
    filled = [(a, b) for a, b in lines if text[a:b].strip()]
    cells: list[Cell] = []
    k = 0
    while k < len(filled):
        if filled[k][0] not in named_lines:
            k += 1  # (no name starts on it: _name_lines finds none)
            continue
        header = _name_lines(text, filled, k, names, starts, named_lines)
        if len(header) < 2:
            k += 1
            continue
        k += len(header)
        width = len(header)
        table_start = filled[k - width][0]
        header_text = " | ".join(text[m.start : m.end] for m in header)
        while k + width < len(filled) and _is_label(text, *filled[k]):
            group = filled[k + 1 : k + 1 + width]
            if len(group) < width or not all(_ONE_VALUE.fullmatch(text, a, b) for a, b in group):
                break
            label = text[slice(*filled[k])].strip()
            for (a, b), name in zip(group, header, strict=True):
                token = _TOKEN.search(text, a, b)
                if token is not None:
                    column = text[name.start : name.end]
                    cells.append(
                        Cell(token.start(), token.end(), label, column, header_text, table_start)
                    )
            k += 1 + width
    return cells


def _name_lines(
    text: str,
    filled: list[tuple[int, int]],
    k: int,
    names: list[Mention],
    starts: list[int],
    named_lines: set[int],
) -> list[Mention]:
    """The names of the lines from the k-th on that each hold one name and nothing else (a
    line in `named_lines` alone may hold one)."""
    out: list[Mention] = []
    while k < len(filled) and len(out) < _MAX_COLUMNS:
        a, b = filled[k]
        if b - a > _MAX_LINE or a not in named_lines:
            break
        named = within(names, starts, a, b)
        if len(named) != 1 or text[a : named[0].start].strip() or text[named[0].end : b].strip():
            break
        out.append(named[0])
        k += 1
    return out


def _is_label(text: str, a: int, b: int) -> bool:
    line = text[a:b].strip()
    return bool(line) and len(line) <= 80 and not _ONE_VALUE.fullmatch(line)

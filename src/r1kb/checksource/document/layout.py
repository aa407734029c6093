"""Tables and spec sheets in a document's text: every cell with its row and column header.

Read from the reduced text (`Document.text`), so Markdown, plain text and HTML (whose cells the
reader writes as `| `-separated rows) arrive at the same cells:

* pipe tables, with or without a separator row (`|---|`), also flattened onto one line
  (`| a | b | |---|---| | 1 | 2 |`, as scraped Markdown often is);
* tables whose separators were lost (`glued`);
* "key: value" lines and spec sheets written as a label line followed by a short value line
  (`Hidden Size` / `7,168`), where the label is the row header.

A cell's figures are attributed from its headers before anything else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter

from r1kb.checksource.document.glued import NameEnds, glued_tables

_SEPARATOR = re.compile(r"^\s*:?-{3,}:?\s*$")
_KEY_VALUE = re.compile(
    r"^[ \t]*(?P<key>[A-Za-z][^:|\n]{1,48}?)[ \t]*[:：][ \t]+(?P<value>[^\n]{1,40})$"
)
_LABEL = re.compile(r"^[A-Za-z(][\w ()/\-‑.,&'’]{1,60}$")
_MAX_VALUE = 40
# a spec box flattened with no space between a label and its value: words ending in a small
# letter (five letters at least, not a name such as "Qwen2.5"), then the value's digits, with no
# further cell glued on after a letter ("Context Window128K128KTie": two models' cells)
_GLUED_KEY_VALUE = re.compile(
    r"^[ \t]*(?P<key>(?=[A-Za-z][A-Za-z ()/\-]*[a-z]{5})[A-Za-z][A-Za-z ()/\-]{3,40}?[a-z])"
    r"(?P<value>\d[\d,.]*(?![^\n]*[A-Za-z]\d)(?:[ \t]*[^\s\d][^\n]{0,30})?)[ \t]*$"
)
_BULLET = re.compile(r"[ \t]*[-*+•][ \t]+")  # spec sheets written as a bulleted list
_BULLET_MARK = re.compile(r"[-*+•][ \t]+")  # a bullet without the spaces before it
# a character no label holds, which taking bullets off and white space from the ends leaves
# (no label character, no bullet, no white space; or a digit): a line with one is no label
_NOT_A_LABEL = re.compile(r"[^\w ()/\-‑.,&'’\t*+•\s]")
_LONGEST_LABEL = 61  # what _LABEL matches at most
_WORDY_LABEL = re.compile(r"^[A-Za-z][A-Za-z]{2,}")  # begins with a word of three letters or more
# a cell that names a row: it begins with a letter or "#", and is not a metric's mark alone
_LABEL_CELL = re.compile(r"(?![a-z]+@\d)[#A-Za-z]")


@dataclass(frozen=True)
class Cell:
    start: int  # offsets in Document.text
    end: int
    row_header: str  # the first cell of the row, or the key of a spec line
    column_header: str  # the header row's cell of this column ("" when none)
    header_row: str  # the whole header row (model names in comparison tables)
    table_start: int  # where the table begins (its section is the one above it)
    row_start: int = -1  # where its row of a pipe table begins (-1: not in one)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The '|'-separated pieces of text[start:end], trimmed, with offsets."""
    out, pos = [], start
    for part in text[start:end].split("|"):
        a, b = pos, pos + len(part)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
        pos += len(part) + 1
    return out


def _rows_of_line(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    pieces = _pieces(text, start, end)
    if text[start:end].strip().startswith("|"):
        pieces = pieces[1:]
    if text[start:end].strip().endswith("|"):
        pieces = pieces[:-1]
    dashes = [i for i, (a, b) in enumerate(pieces) if _SEPARATOR.match(text[a:b])]
    flattened = len(dashes) >= 2 and any(a == b for a, b in pieces)
    if not flattened:
        return [pieces]
    width = 0  # the separator row's width: its run of dash pieces
    run = 0
    for a, b in pieces:
        run = run + 1 if _SEPARATOR.match(text[a:b]) else 0
        width = max(width, run)
    filled = [(a, b) for a, b in pieces if a != b]
    return [filled[i : i + width] for i in range(0, len(filled), width)]


def line_spans(text: str) -> list[tuple[int, int]]:
    """Each line's (start, end) in text, its line break excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _table_cells(text: str, rows: list[list[tuple[int, int]]], table_start: int) -> list[Cell]:
    rows = [r for r in rows if not all(_SEPARATOR.match(text[a:b]) for a, b in r if b > a)]
    rows = [r for r in rows if any(b > a for a, b in r)]
    if len(rows) < 2:
        return []
    header = rows[0]
    header_row = " | ".join(text[a:b] for a, b in header)
    label = _label_column(text, rows[1:])
    shift = _ragged_shift(header, rows[1:])
    cells = []
    group = ""  # a grouping first column's name, carried down its empty cells
    for row in rows[1:]:
        first = text[row[0][0] : row[0][1]] if row else ""
        group = (first or group) if label else first
        row_header = text[row[label][0] : row[label][1]] if len(row) > label else ""
        if label and group:  # "Activated parameters DeepSeek-V3": the group may name the model
            row_header = f"{row_header} {group}"
        moved = shift if _filled(row) >= 2 else 0
        for i, (a, b) in enumerate(row):
            if b <= a:
                continue
            j = i + moved
            column = text[header[j][0] : header[j][1]] if j < len(header) else ""
            own = row_header if i > label else first if i else ""
            cells.append(Cell(a, b, own, column, header_row, table_start, row[0][0]))
    return cells


def _filled(row: list[tuple[int, int]]) -> int:
    return sum(b > a for a, b in row)


def _ragged_shift(header: list[tuple[int, int]], body: list[list[tuple[int, int]]]) -> int:
    """How many columns the rows of figures stand left of their headers: a grouped table
    rendered without its group column under each group's row (`| Category | Benchmark | R1 |
    R1-0528 |`, `| General | | | |`, then `| GPQA-Diamond | 71.5 | 81.0 | |`: 71.5 stood under
    "Benchmark" and 81.0 under R1's column). Every row of figures ends in as many empty cells
    and starts with a filled one, and a row of one filled first cell shows the grouping."""
    rows = [r for r in body if _filled(r) >= 2]
    grouping = any(_filled(r) == 1 and r[0][1] > r[0][0] for r in body)
    if not rows or not grouping or any(r[0][1] <= r[0][0] for r in rows):
        return 0
    shift = min(next((k for k, (a, b) in enumerate(reversed(r)) if b > a), 0) for r in rows)
    if shift == 0 or any(len(r) > len(header) for r in rows):
        return 0
    return shift if all(b > a for a, b in header[len(header) - shift :]) else 0


def _label_column(text: str, body: list[list[tuple[int, int]]]) -> int:
    """The column that names each row: the first, or the second where the first groups the
    rows and is left empty under a group's first row (DeepSeek's README: `| Math | AIME 2024
    (Pass@1) | … |` then `| | MATH-500 (Pass@1) | … |`; its figures were read under the
    empty first cell, or under "Math"), and the second names things, in words, not figures (a
    table with one empty first cell over a row of "pass@1" is not grouped)."""
    grouped = (
        len(body) >= 2
        and all(len(row) >= 3 and row[1][1] > row[1][0] for row in body)
        and any(row[0][1] <= row[0][0] for row in body)
        and any(row[0][1] > row[0][0] for row in body)
        and all(_LABEL_CELL.match(text, row[1][0]) for row in body)
    )
    return 1 if grouped else 0


# Where a line may begin a table or a spec-sheet cell (see _candidates): a pipe, a colon, or a
# line whose first character (after white space and a bullet) may begin a value
_PIPE_OR_COLON = re.compile(r"[|:：]")
_VALUE_LEAD = r"[^\S\n]*+(?:[-*+•][ \t]+[^\S\n]*+)?[\d$~<>≈\u0080-\U0010ffff]"
_MAY_BE_VALUE = re.compile("^" + _VALUE_LEAD, re.M)
# the same after a line break, read from the break: a class the engine skips ahead on, where `^`
# was tried at every place of the text (its match holds one line break, the first character)
_MAY_BE_VALUE_AFTER_BREAK = re.compile("\n" + _VALUE_LEAD)
# where a label may run into its value ("Layers61"): two small letters before a digit, found
# from the digit (a class the engine skips ahead on: most characters are small letters); its
# match is on the line of a match of `[a-z]{2}\d`, which is all _candidates reads of it
GLUED_AT = re.compile(r"\d(?<=[a-z]{2}\d)")
_LABEL_REACH = 3  # a label's value is on one of the next three lines (see _spec_cells)


def _may_be_values(text: str, starts: list[int]) -> list[int]:
    """The lines that may hold a value (`_value`), in order (a superset: `_value` reads a
    line's first character after white space and a bullet, a digit or one of "$~<>≈")."""
    first = [0] if _MAY_BE_VALUE.match(text) else []
    return first + [
        bisect_right(starts, m.start() + 1) - 1 for m in _MAY_BE_VALUE_AFTER_BREAK.finditer(text)
    ]


def _candidates(
    text: str,
    lines: list[tuple[int, int]],
    values: list[int] | None = None,
    glued: list[int] | None = None,
) -> list[int]:
    """The lines a table or a spec-sheet cell may begin on, in order (a superset): those with
    a pipe (a table row) or a colon ("key: value"), and the few lines before one that may hold
    a value (its label; `values`: those lines, `glued`: where GLUED_AT matches, when the
    caller found them). Found by scans of the text; every other line was read for nothing (a
    megabyte of short lines took seconds)."""
    starts = [a for a, _ in lines]
    found = {bisect_right(starts, m.start()) - 1 for m in _PIPE_OR_COLON.finditer(text)}
    at = [m.start() for m in GLUED_AT.finditer(text)] if glued is None else glued
    found.update(bisect_right(starts, p) - 1 for p in at)
    for j in _may_be_values(text, starts) if values is None else values:
        found.update(range(max(0, j - _LABEL_REACH), j))
    return sorted(found)


def find_cells(
    text: str,
    name_ends: NameEnds | None = None,
    lines: list[tuple[int, int]] | None = None,
    glued: list[int] | None = None,
) -> list[Cell]:
    """Every table cell and spec-sheet value of the text, in text order. With `name_ends` (which
    recognises a model's name), also the cells of tables whose separators were lost (`lines`:
    the text's `line_spans`, `glued`: where GLUED_AT matches, when its caller has them)."""
    cells: list[Cell] = []
    lines = line_spans(text) if lines is None else lines
    if name_ends is not None:
        cells.extend(Cell(*c) for c in glued_tables(text, lines, name_ends))
    in_glued = _covered_by([(c.start, c.end) for c in cells])
    readings = _LineReadings(text, lines)
    values = _may_be_values(text, [a for a, _ in lines])
    value_lines = set(values)
    first, taken = _values_first(text, lines, readings, value_lines)
    cells.extend(c for c in first if not in_glued(c.start))
    candidates = [i for i in _candidates(text, lines, values, glued) if i not in taken]
    k, i = 0, 0
    while True:
        while k < len(candidates) and candidates[k] < i:
            k += 1  # lines a table took
        if k == len(candidates):
            break
        i = candidates[k]
        a, b = lines[i]
        line = text[a:b]
        if line.count("|") >= 2 or (line.count("|") == 1 and _next_is_pipe_row(text, lines, i)):
            rows: list[list[tuple[int, int]]] = []
            start = a
            while i < len(lines) and text[lines[i][0] : lines[i][1]].count("|") >= 1:
                rows.extend(_rows_of_line(text, *lines[i]))
                i += 1
            cells.extend(_table_cells(text, rows, start))
            continue
        spec = _spec_cells(text, lines, i, readings, value_lines)
        if spec:  # (most candidate lines give none)
            cells.extend(c for c in spec if not in_glued(c.start))
        i += 1
    return sorted(cells, key=attrgetter("start"))


def _covered_by(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position is inside one of the spans (start <= pos < end), in logarithmic time:
    a test against each glued cell for each spec-sheet value grew with the square of a text's
    length (12 ms of find_cells' 59 on the labelled articles repeated to 500 KB)."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end up to each span

    def covered(pos: int) -> bool:
        j = bisect_right(starts, pos) - 1
        return j >= 0 and reach[j] > pos

    return covered


def _next_is_pipe_row(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    return i + 1 < len(lines) and text[lines[i + 1][0] : lines[i + 1][1]].count("|") >= 1


def _without_bullets(line: str) -> str:
    """`_BULLET.sub("", line)`, read once: a search for _BULLET from each place in a run of
    spaces read the rest of the run (10 KB of spaces took a second)."""
    out, last = [], 0
    for m in _BULLET_MARK.finditer(line):
        start = m.start()
        while start > last and line[start - 1] in " \t":  # the spaces before it, not yet cut
            start -= 1
        out.append(line[last:start])
        last = m.end()
    out.append(line[last:])
    return "".join(out)


class _LineReadings:
    """The label and the value each line is (`_label`, `_value`), each read once: a line is read
    for the spec cards written value first and again for a spec sheet's label and value."""

    def __init__(self, text: str, lines: list[tuple[int, int]]) -> None:
        self.text, self.lines = text, lines
        self._labels: dict[int, str | None] = {}
        self._values: dict[int, tuple[int, int] | None] = {}

    def label(self, i: int) -> str | None:
        """`_label` of the i-th line."""
        if i not in self._labels:
            a, b = self.lines[i]
            self._labels[i] = _label(self.text[a:b])
        return self._labels[i]

    def value(self, i: int) -> tuple[int, int] | None:
        """`_value` of the i-th line."""
        if i not in self._values:
            self._values[i] = _value(self.text, *self.lines[i])
        return self._values[i]


def _spec_cells(
    text: str,
    lines: list[tuple[int, int]],
    i: int,
    readings: _LineReadings | None = None,
    values: set[int] | None = None,
) -> list[Cell]:
    """The cell a spec-sheet line gives ("key: value", a label over its value), if any
    (`readings`: the lines' labels and values read so far; `values`: the lines that may hold
    a value, `_may_be_values`: a label is read only over one of them)."""
    readings = readings or _LineReadings(text, lines)
    a, b = lines[i]
    line = text[a:b]
    m = _KEY_VALUE.match(line)
    if m and any(map(str.isdigit, m.group("value"))):
        va, vb = a + m.start("value"), a + m.end("value")
        return [Cell(va, vb, m.group("key").strip(), "", "", a)]
    glued = _GLUED_KEY_VALUE.match(line)
    if glued:  # "Layers61", "Total parameters671B": a spec box's label and value run together
        va, vb = a + glued.start("value"), a + glued.end("value")
        return [Cell(va, vb, glued.group("key").strip(), "", "", a)]
    j = i + 1
    while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
        j += 1
    if j >= len(lines) or j - i > 3 or (values is not None and j not in values):
        return []
    label = readings.label(i)
    if label is None:
        return []
    value = readings.value(j)
    if value is None:
        return []
    return [Cell(value[0], value[1], label, "", "", a)]


def _label(line: str) -> str | None:
    """The label a line is, if it is one: short words, no sentence ("Hidden Size")."""
    if _NOT_A_LABEL.search(line):
        return None  # (a quick test: the label would hold it)
    label = _without_bullets(line).strip()
    if not label or len(label) > _LONGEST_LABEL or not _LABEL.match(label):
        return None
    if any(map(str.isdigit, label)) and not (
        _WORDY_LABEL.search(label) and len(label.split()) <= 4 and "," not in label
    ):
        return None  # a short label may hold a number beside a word ("AIME 2024", "MATH_500")
    if len(label.split()) > 7 or label.endswith((".", ",")):
        return None
    return label


def _value(text: str, va: int, vb: int) -> tuple[int, int] | None:
    """The span of the value a line is, if it is one: short, a number first ("7,168")."""
    bullet = _BULLET.match(text, va, vb)
    if bullet:
        va = bullet.end()
    value = text[va:vb].strip()
    if not value or len(value) > _MAX_VALUE or (not value[0].isdigit() and value[0] not in "$~<>≈"):
        return None
    offset = text.find(value, va)
    return offset, offset + len(value)


def _read_labels(kinds: list[tuple[int, str, object]], readings: _LineReadings) -> None:
    """Make each line's kind beside a value ("v") a label ("l") where it is one. A line with no
    value on either side stays "o" whatever it is: it ends any run before it and after it either
    way (two labels in a row, like a label and an "o", break a run), so it is a run of its own,
    which makes no cell; only a value's neighbours make a card's run (most lines are neither)."""
    for k, (i, kind, _) in enumerate(kinds):
        if kind == "o" and (
            (k > 0 and kinds[k - 1][1] == "v") or (k + 1 < len(kinds) and kinds[k + 1][1] == "v")
        ):
            label = readings.label(i)
            if label is not None:
                kinds[k] = (i, "l", label)


def _values_first(
    text: str,
    lines: list[tuple[int, int]],
    readings: _LineReadings,
    values: set[int] | None = None,
) -> tuple[list[Cell], set[int]]:
    """The cells of spec cards written value first, label under it ("671.0B" / "Parameters" /
    "37.0B" / "Active"), and the lines they take. A run of lines that alternate value and label
    and starts with a value pairs each value with the label after it (read label first, each
    label took the next card's value: 37.0B was the total parameters). (`values`: the lines
    that may hold a value, `_may_be_values`; the others are read as holding none)"""
    kinds: list[tuple[int, str, object]] = []  # (line, "v" or "l", value span or label)
    for i, (a, b) in enumerate(lines):
        if b - a > _LONGEST_LABEL + 8 or not text[a:b].strip():
            continue  # too long for either; blank lines do not break a card
        if values is not None and i not in values:
            kinds.append((i, "o", None))
            continue
        value = readings.value(i) if not _KEY_VALUE.match(text[a:b]) else None
        kinds.append((i, "v", value) if value is not None else (i, "o", None))
    _read_labels(kinds, readings)
    cells: list[Cell] = []
    taken: set[int] = set()
    k = 0
    while k < len(kinds):
        run = k
        while run + 1 < len(kinds) and kinds[run + 1][1] in "vl" and kinds[run][1] in "vl":
            if kinds[run + 1][1] == kinds[run][1] or kinds[run + 1][0] - kinds[run][0] > 3:
                break
            run += 1
        pairs = (run - k + 1) // 2
        whole = 2 * pairs == run - k + 1  # it ends with a label (V L V L V is read label first)
        if kinds[k][1] == "v" and pairs >= 2 and whole and (k == 0 or kinds[k - 1][1] != "l"):
            for v, lab in zip(
                kinds[k : k + 2 * pairs : 2], kinds[k + 1 : k + 2 * pairs : 2], strict=True
            ):
                (va, vb), label = v[2], lab[2]
                cells.append(Cell(va, vb, str(label), "", "", lines[v[0]][0]))  # type: ignore[misc]
                taken.update((v[0], lab[0]))
        k = run + 1
    return cells, taken

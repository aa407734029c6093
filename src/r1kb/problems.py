"""One problem model for every check: file, position, JSON path, code, message."""

from __future__ import annotations

from dataclasses import dataclass, field

from r1kb.codes import CODES, Severity

PathParts = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    parts: PathParts = field(default=(), compare=False, repr=False)
    at_key: bool = field(default=False, compare=False, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def problem(
    file: str,
    code: str,
    message: str,
    parts: PathParts = (),
    *,
    line: int | None = None,
    column: int | None = None,
    hint: str = "",
    at_key: bool = False,
) -> Problem:
    """Build a problem; its severity comes from the code registry (unknown codes fail fast)."""
    return Problem(
        file,
        line,
        column,
        json_path(parts),
        code,
        message,
        hint,
        CODES[code].severity,
        tuple(parts),
        at_key,
    )


def json_path(parts: PathParts) -> str:
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif p and p.replace("_", "").isalnum() and not p[:1].isdigit():
            out += f".{p}"
        else:
            out += "[" + repr(str(p)) + "]"
    return out


def one_line(value: str) -> str:
    """Text for one line of a terminal or CI log: control characters (a newline in a file
    name, an escape sequence) are shown escaped, so that no problem can start a line of its
    own (`::error …` is a workflow command in a GitHub log)."""
    if value.isprintable():
        return value
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in value
    )

"""Print a validation result: text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json

from r1kb.problems import one_line
from r1kb.validate import ValidationResult

FORMATS = ("text", "json", "github")


def text(result: ValidationResult, color: bool = False) -> str:
    lines = []
    for p in result.problems:
        where = one_line(p.file)
        if p.line is not None:
            where += f":{p.line}"
            if p.column is not None:
                where += f":{p.column}"
        tag = f" ({p.severity})" if p.severity == "warning" else ""
        lines.append(f"{where}: {one_line(p.path)}: {one_line(p.message)} [{p.code}]{tag}")
        if p.hint:
            lines.append(f"    hint: {one_line(p.hint)}")
    s = result.summary()
    status = "ok" if result.ok else "FAILED"
    lines.append(
        f"{status}: {s['claims']} claims, {s['sources']} sources checked; {s['errors']} error(s), "
        f"{s['warnings']} warning(s); quotes: {s['quotes_verified']} verified, "
        f"{s['quotes_unchecked']} unchecked, {s['quotes_not_found']} not found"
    )
    return "\n".join(lines)


def as_json(result: ValidationResult) -> str:
    return json.dumps(
        {
            "ok": result.ok,
            "summary": result.summary(),
            "problems": [p.as_dict() for p in result.problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(result: ValidationResult) -> str:
    lines = []
    for p in result.problems:
        level = "error" if p.severity == "error" else "warning"
        props = [f"file={_escape(p.file, True)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_escape(p.code, True)}")
        lines.append(f"::{level} {','.join(props)}::{_escape(f'{p.path}: {p.message}')}")
    s = result.summary()
    lines.append(f"r1kb validate: {s['errors']} error(s), {s['warnings']} warning(s)")
    return "\n".join(lines)


def render(result: ValidationResult, fmt: str) -> str:
    return {"text": text, "json": as_json, "github": github}[fmt](result)

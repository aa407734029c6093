"""JSON Schema validation of records (draft 2020-12, via jsonschema-rs).

Each schema error becomes a Problem with a stable code chosen by the failing
keyword; line numbers are filled in later, only for files with problems.
"""

from __future__ import annotations

import difflib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from r1kb.fsutil import read_regular_file
from r1kb.problems import Problem, problem

MAX_SCHEMA_BYTES = 1024 * 1024
# Words contributors use for a value the schema names differently ("did you mean …?").
SYNONYMS = {
    "news": "press",
    "newspaper": "press",
    "article": "press",
    "magazine": "press",
    "website": "official-page",
    "web-page": "official-page",
    "github": "repository",
    "repo": "repository",
    "report": "technical-report",
    "wiki": "encyclopedia",
    "wikipedia": "encyclopedia",
    "post": "blog",
    "substack": "blog",
    "reddit": "forum",
    "estimate": "research-estimate",
    "license": "licence",
    "true": "accurate",
    "correct": "accurate",
    "wrong": "inaccurate",
    "false": "inaccurate",
    "official": "disclosed",
}

SCHEMA_FILES = {
    "claim": "claim.schema.json",
    "source": "source.schema.json",
    "models": "models.schema.json",
    "quantities": "quantities.schema.json",
    "redirects": "redirects.schema.json",
    "exchange-rates": "exchange-rates.schema.json",
}


BUNDLED = Path(__file__).resolve().parents[2] / "data" / "schema"


def schema_dir(data_dir: Path) -> Path:
    """The data directory's own schemas, else the project's (small test data sets have none)."""
    own = data_dir / "schema"
    if own.is_symlink():  # never read through a link (reported as not-a-regular-file)
        return BUNDLED
    return own if (own / SCHEMA_FILES["claim"]).is_file() else BUNDLED


class SchemaUnusable(Exception):
    """A schema file that is missing, not a regular file, not JSON or not a valid schema."""


def load_schema(directory: Path, kind: str) -> dict[str, Any]:
    """The parsed schema of a record kind, or SchemaUnusable saying why not."""
    path = directory / SCHEMA_FILES[kind]
    raw = read_regular_file(path, MAX_SCHEMA_BYTES)
    if raw is None:
        raise SchemaUnusable(f"{SCHEMA_FILES[kind]} is missing or not a regular file")
    if len(raw) > MAX_SCHEMA_BYTES:
        raise SchemaUnusable(f"{SCHEMA_FILES[kind]} is over 1 MiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise SchemaUnusable(f"{SCHEMA_FILES[kind]} is not JSON: {reason}") from None
    if not isinstance(data, dict):
        raise SchemaUnusable(f"{SCHEMA_FILES[kind]} is not a JSON object")
    return data


def _validator_in(directory: Path, kind: str) -> Any:
    """The validator of a kind, rebuilt when its schema file changes (size or time)."""
    try:
        st = os.lstat(directory / SCHEMA_FILES[kind])
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        stamp = (0, -1, 0)
    return _validator_cached(directory, kind, stamp)


def _refuse_outside(uri: str) -> Any:
    """jsonschema-rs would fetch a `$ref` to another document: a `file://` one read the
    machine's files (their values then shown in error messages), an `http://` one made CI
    call any address. Only references within the schema file are followed."""
    raise ValueError(f"$ref {uri} leads outside the schema file; only '#/...' is followed")


@cache
def _validator_cached(directory: Path, kind: str, stamp: tuple[int, int, int]) -> Any:
    schema = load_schema(directory, kind)
    try:
        return jsonschema_rs.validator_for(schema, retriever=_refuse_outside)
    except (ValueError, RecursionError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SchemaUnusable(f"{SCHEMA_FILES[kind]} is not a valid JSON Schema: {first}") from None


def unusable(directory: Path, kind: str) -> str | None:
    """Why the schema of this kind cannot check records, or None when it can."""
    try:
        _validator_in(directory, kind)
    except SchemaUnusable as exc:
        return str(exc)
    return None


def check(directory: Path, kind: str, file: str, instance: Any) -> list[Problem]:
    """Schema problems of one record (SchemaUnusable when the schema itself is broken)."""
    validator = _validator_in(directory, kind)
    if validator.is_valid(instance):
        return []
    problems: list[Problem] = []
    for error in validator.iter_errors(instance):
        problems.extend(_to_problems(file, error))
    return problems


def _to_problems(file: str, error: Any) -> list[Problem]:
    parts = tuple(error.instance_path)
    kind = type(error.kind).__name__
    if kind == "Required":
        prop = error.kind.property
        return [
            problem(
                file,
                "schema-missing-property",
                f"required property {prop!r} is missing",
                parts,
                hint=_hint_for(prop),
            )
        ]
    if kind == "AdditionalProperties":
        return [
            problem(
                file,
                "schema-unknown-property",
                f"unknown property {name!r}",
                (*parts, name),
                at_key=True,
                hint="check the spelling against the schema",
            )
            for name in error.kind.unexpected
        ]
    if kind == "Type":
        return [problem(file, "schema-wrong-type", _short(error.message), parts)]
    if kind == "Enum":
        return [_enum_problem(file, error, parts)]
    return [problem(file, "schema-bad-value", _short(error.message), parts)]


def _enum_problem(file: str, error: Any, parts: tuple[Any, ...]) -> Problem:
    value = getattr(error, "instance", None)
    options = [o for o in getattr(error.kind, "options", []) or []]
    shown = json.dumps(value, ensure_ascii=False) if value is not None else "null"
    message = f"{_clip(shown, 80)} is not one of: " + ", ".join(str(o) for o in options)
    return problem(file, "schema-bad-value", message, parts, hint=did_you_mean(value, options))


def did_you_mean(value: object, options: list[Any]) -> str:
    """'did you mean X?' for a value close to (or a known synonym of) one of the options."""
    if not isinstance(value, str) or not options:
        return ""
    names = [str(o) for o in options]
    key = value.strip().lower().replace(" ", "-").replace("_", "-")
    if key in names:
        return f"did you mean {key!r}?"
    guess = SYNONYMS.get(key)
    if guess in names:
        return f"did you mean {guess!r}?"
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(message: str, head: int = 120, tail: int = 180) -> str:
    """One line; a long message keeps its start and its end (where the reason is: "is longer
    than 600 characters", "does not match …"), the middle elided."""
    message = " ".join(str(message).split())
    if len(message) <= head + tail + 3:
        return message
    return message[:head] + " … " + message[-tail:]


def _hint_for(prop: str) -> str:
    return {
        "sources": "list who makes or backs the claim: source, role, locator, quote",
        "verdict": "accurate, inaccurate, misleading, unsupported or outdated",
        "status": "disclosed, derived, estimated, speculative or undisclosed",
    }.get(prop, "")

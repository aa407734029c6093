"""JSON Schema validation of records (draft 2020-12, via jsonschema-rs).

Each schema error becomes a Problem with a stable code chosen by the failing
keyword; line numbers are filled in later, only for files with problems.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from r1kb.problems import Problem, problem

SCHEMA_FILES = {
    "claim": "claim.schema.json",
    "source": "source.schema.json",
    "models": "models.schema.json",
    "quantities": "quantities.schema.json",
    "redirects": "redirects.schema.json",
}


BUNDLED = Path(__file__).resolve().parents[2] / "data" / "schema"


def schema_dir(data_dir: Path) -> Path:
    """The data directory's own schemas, else the project's (small test data sets have none)."""
    own = data_dir / "schema"
    return own if (own / SCHEMA_FILES["claim"]).is_file() else BUNDLED


@cache
def _validator(path: str) -> Any:
    with open(path, encoding="utf-8") as fh:
        return jsonschema_rs.validator_for(json.load(fh))


def load_schema(directory: Path, kind: str) -> dict[str, Any]:
    with (directory / SCHEMA_FILES[kind]).open(encoding="utf-8") as fh:
        return json.load(fh)  # type: ignore[no-any-return]


@cache
def _validator_in(directory: Path, kind: str) -> Any:
    return _validator(str((directory / SCHEMA_FILES[kind]).resolve()))


def check(directory: Path, kind: str, file: str, instance: Any) -> list[Problem]:
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
    return [problem(file, "schema-bad-value", _short(error.message), parts)]


def _short(message: str, limit: int = 300) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _hint_for(prop: str) -> str:
    return {
        "sources": "list who makes or backs the claim: source, role, locator, quote",
        "verdict": "accurate, inaccurate, misleading, unsupported or outdated",
        "status": "disclosed, derived, estimated, speculative or undisclosed",
    }.get(prop, "")

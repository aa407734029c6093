"""The schema reference, generated from data/schema/*.schema.json (the contract).

Each schema becomes a table of its fields (nested fields as dotted paths, `[]` for list
items, `<id>` for keyed maps), with type, whether it is required, its description and its
constraints. Local `$ref`s to `$defs` are followed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from r1kb.fsutil import read_regular_file
from r1kb.schemas import SCHEMA_FILES
from r1kb.site.components import block, heading, link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text, render_markdown

PAGE = "reference/schema.md"
ORDER = tuple(SCHEMA_FILES)  # the validator's order: claim, source, vocabularies
MAX_DEPTH = 6


def schema_files(schema_dir: Path | None) -> dict[str, bytes]:
    """File name -> bytes of the known schema files in data/schema (published as they are).

    Only the names the validator knows, only regular files, never through a link: a link
    named claim.schema.json to /etc/passwd or ../../.git/config is not published.
    """
    if schema_dir is None or schema_dir.is_symlink() or not schema_dir.is_dir():
        return {}
    out = {}
    for name in sorted(SCHEMA_FILES.values()):
        data = read_regular_file(schema_dir / name)
        if data is not None:
            out[name] = data
    return out


def load_schemas(schema_dir: Path | None) -> dict[str, dict[str, Any]]:
    """Schema name ('claim') -> parsed schema, in a reader's order; unparsable files skipped."""
    found: dict[str, dict[str, Any]] = {}
    for filename, data in schema_files(schema_dir).items():
        try:
            found[filename.removesuffix(".schema.json")] = json.loads(data)
        except ValueError:
            continue
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def _resolve(schema: dict[str, Any], node: dict[str, Any] | bool) -> dict[str, Any]:
    """Follow local `$ref`s to `$defs`; a cycle (a -> b -> a) stops at the first repeat.
    A schema may be `true` (anything) or `false` (nothing) as well as an object."""
    if not isinstance(node, dict):
        return {"type": "nothing"} if node is False else {}
    seen: set[str] = set()
    while True:
        ref = node.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/$defs/")) or ref in seen:
            return node
        seen.add(ref)
        defs = schema.get("$defs")
        target = defs.get(ref.removeprefix("#/$defs/")) if isinstance(defs, dict) else None
        if not isinstance(target, dict):
            return {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _type(schema: dict[str, Any], node: dict[str, Any], depth: int = 0) -> str:
    node = _resolve(schema, node)
    if depth > MAX_DEPTH:
        return "…"  # a schema that refers to itself (`$ref` cycle through items or oneOf)
    if "enum" in node:
        return "one of"
    if isinstance(node.get("oneOf"), list):
        return " | ".join(
            _type(schema, alt, depth + 1) for alt in node["oneOf"] if isinstance(alt, dict)
        )
    kind = node.get("type", "any")
    if kind == "array":
        items = node.get("items")
        return f"list of {_type(schema, items if isinstance(items, dict) else {}, depth + 1)}"
    if (
        kind == "object"
        and "properties" not in node
        and isinstance(node.get("additionalProperties"), dict)
    ):
        return "map"
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    return str(kind)


def _constraints(node: dict[str, Any]) -> list[str]:
    out = []
    if "enum" in node:
        out.append(", ".join(f"<code>{html_text(v)}</code>" for v in node["enum"]))
    for key, label in (
        ("pattern", "pattern"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("exclusiveMinimum", "more than"),
        ("minItems", "min items"),
        ("minProperties", "min entries"),
    ):
        if key in node:
            out.append(f"{label} <code>{html_text(node[key])}</code>")
    if node.get("uniqueItems"):
        out.append("unique items")
    return out


def fields(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    """(path, node, required) for every field, depth first."""
    out: list[tuple[str, dict[str, Any], bool]] = []

    def walk(node: dict[str, Any], prefix: str, depth: int) -> None:
        node = _resolve(schema, node)
        if depth > MAX_DEPTH:
            return
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            walk(node["items"], f"{prefix}[]", depth + 1)
            return
        required = set(node.get("required", []))
        for name, child in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            out.append((path, child, name in required))
            walk(child, path, depth + 1)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and "properties" not in node:
            for alt in extra.get("oneOf", [extra]):
                walk(alt, f"{prefix}.<id>" if prefix else "<id>", depth + 1)

    walk(schema, "", 0)
    return out


def _table(schema: dict[str, Any]) -> str:
    rows = []
    for path, node, required in fields(schema):
        resolved = _resolve(schema, node)
        description = resolved.get("description", "")
        limits = _constraints(resolved)
        rows.append(
            f"<tr><td><code>{html_text(path)}</code></td>"
            f"<td>{html_text(_type(schema, node))}</td>"
            f"<td>{'yes' if required else ''}</td>"
            f"<td>{render_markdown(str(description), inline=True) if description else ''}"
            + (f'<br><span class="r1kb-muted">{"; ".join(limits)}</span>' if limits else "")
            + "</td></tr>"
        )
    headers = ("Field", "Type", "Required", "Description")
    return table_block(headers, rows, "r1kb-table r1kb-schema")


def render(ctx: SiteContext) -> str:
    schemas = load_schemas(ctx.schema_dir)
    out = [heading(1, "Schema reference")]
    downloads = link(ctx, PAGE, "downloads.md", "downloads")
    out.append(
        block(
            "<p>The JSON Schemas (draft 2020-12) every record is checked against — the contract "
            "for editors and CI. Unknown keys are refused. Rules that span records are checked "
            f"after the schema (see the problem codes). The schema files are in the {downloads}."
            "</p>"
        )
    )
    for name, schema in schemas.items():
        out.append(heading(2, str(schema.get("title", name)), anchor=f"schema-{name}"))
        intro = render_markdown(str(schema.get("description", "")))
        out.append(
            block(
                f'{intro}<p class="r1kb-muted">File: <code>data/schema/{html_text(name)}'
                ".schema.json</code></p>"
            )
        )
        out.append(_table(schema))
    if not schemas:
        out.append(block('<p class="r1kb-muted">No schema files found.</p>'))
    return "".join(out)

"""Schema messages that say the fix, and schema files that cannot break the validator or the
schema reference page (invalid JSON, an invalid schema, a `$ref` cycle)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from r1kb import schemas
from r1kb.site.pages import schema_reference

REAL_SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schema"
SOURCE = {
    "title": "A title",
    "publisher": "Acme",
    "published": "2025",
    "kind": "press",
    "primary": False,
    "read_as": "original",
}


def _check(**changes: object) -> list[schemas.Problem]:  # type: ignore[name-defined]
    return schemas.check(REAL_SCHEMAS, "source", "s.yaml", {**SOURCE, **changes})


def test_an_enum_value_lists_every_option_and_guesses_the_one_meant() -> None:
    (p,) = _check(kind="news")
    assert p.code == "schema-bad-value"
    options = json.loads((REAL_SCHEMAS / "source.schema.json").read_text())["properties"]
    assert all(o in p.message for o in options["kind"]["enum"])
    assert p.hint == "did you mean 'press'?"
    (typo,) = _check(kind="technical-reprot")
    assert typo.hint == "did you mean 'technical-report'?"
    (nothing,) = _check(kind="zzz")
    assert nothing.hint == ""


def test_a_long_value_keeps_the_reason_of_the_message() -> None:
    (p,) = _check(title="x" * 700)
    assert p.message.endswith("is longer than 300 characters"), p.message
    assert len(p.message) < 400
    (q,) = _check(published="in the year " + "9" * 500)
    assert "does not match" in q.message, q.message


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('{"type": "object", "properties": {', "is not JSON"),
        ('{"type": "nope"}', "is not a valid JSON Schema"),
        ("[1, 2]", "is not a JSON object"),
        ("[" * 100000 + "]" * 100000, "is not JSON"),
    ],
)
def test_an_unusable_schema_is_a_reason_not_a_traceback(
    tmp_path: Path, content: str, why: str
) -> None:
    (tmp_path / "source.schema.json").write_text(content, encoding="utf-8")
    assert why in (schemas.unusable(tmp_path, "source") or "")
    assert "missing" in (schemas.unusable(tmp_path, "claim") or "")


def test_a_ref_cycle_does_not_recurse_forever() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/a"}, "b": {"$ref": "#/$defs/b"}},
        "$defs": {
            "a": {"$ref": "#/$defs/b"},
            "b": {"$ref": "#/$defs/a"},
            "c": {"type": "array", "items": {"$ref": "#/$defs/c"}},
        },
    }
    schema["properties"]["c"] = {"$ref": "#/$defs/c"}  # type: ignore[index]
    rows = schema_reference.fields(schema)
    assert [path for path, _, _ in rows][:3] == ["a", "b", "c"]
    shown = schema_reference._type(schema, schema["properties"]["c"])  # type: ignore[index]
    assert shown.startswith("list of list of")


def test_a_ref_cycle_in_a_data_schema_validates_and_renders(tmp_path: Path) -> None:
    """A `$ref` cycle in data/schema used to end the build in a RecursionError."""
    from conftest import CASES, build_data_dir
    from r1kb.site.context import SiteContext
    from r1kb.site.urls import Urls
    from r1kb.validate import validate

    data = build_data_dir(CASES / "valid" / "minimal", tmp_path / "data")
    path = data / "schema" / "claim.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema.setdefault("$defs", {}).update(
        {
            "loop": {"$ref": "#/$defs/loop2"},
            "loop2": {"type": "array", "items": {"$ref": "#/$defs/loop"}},
        }
    )
    schema["properties"]["x-loop"] = {"$ref": "#/$defs/loop"}
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = validate(data, [])
    assert not [p for p in result.problems if p.code.startswith("schema")], result.problems
    ctx = SiteContext(kb=result.loaded.kb, urls=Urls(), dates=None, schema_dir=data / "schema")  # type: ignore[arg-type]
    assert "x-loop" in schema_reference.render(ctx)


def test_a_ref_to_another_document_is_never_fetched(tmp_path: Path) -> None:
    """jsonschema-rs followed a `$ref` to `file://` (a JSON file of the machine, its values then
    printed in every schema message) and to `http://` (CI calling any address)."""
    import http.server
    import threading

    from conftest import CASES, build_data_dir
    from r1kb.reporters import render
    from r1kb.validate import validate

    secret = tmp_path / "secret.json"
    secret.write_text('{"enum": ["SECRET-TOKEN-123"]}', encoding="utf-8")
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b'{"enum": ["SECRET-FROM-THE-NETWORK"]}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        refs = (secret.as_uri(), f"http://127.0.0.1:{server.server_port}/s.json", "x.json")
        for i, ref in enumerate(refs):
            data = build_data_dir(CASES / "valid" / "minimal", tmp_path / f"data-{i}")
            path = data / "schema" / "claim.schema.json"
            schema = json.loads(path.read_text(encoding="utf-8"))
            schema["properties"]["scope"] = {"$ref": ref}
            path.write_text(json.dumps(schema), encoding="utf-8")
            result = validate(data, [])
            out = render(result, "text")
            assert "SECRET" not in out, out
            assert [p.code for p in result.problems] == ["schema-invalid"], out
            assert "leads outside the schema file" in out
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_boolean_subschemas_validate_and_render(tmp_path: Path) -> None:
    """`"notes": true` is a valid schema that every record meets, so the build went on to the
    schema reference page, which ended in an AttributeError (found by the schema-folder
    property test)."""
    from conftest import CASES, build_data_dir
    from r1kb.site.context import SiteContext
    from r1kb.site.urls import Urls
    from r1kb.validate import validate

    data = build_data_dir(CASES / "valid" / "minimal", tmp_path / "data")
    path = data / "schema" / "claim.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["notes"] = True
    schema["properties"]["x-never"] = False
    schema["properties"]["sources"]["items"] = True
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = validate(data, [])
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    ctx = SiteContext(kb=result.loaded.kb, urls=Urls(), dates=None, schema_dir=data / "schema")  # type: ignore[arg-type]
    page = schema_reference.render(ctx)
    assert "x-never" in page and "nothing" in page

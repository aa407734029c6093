"""The one serialiser of records for machine readers: the JSON download and /api/.

Each record becomes a document: its id, kind, permalink (when the build has an address)
and, under `record`, the record as its YAML file holds it, minus fields left at their
default, so that `record` validates against the kind's JSON Schema in data/schema/. The
download `r1kb.json` lists these documents; `/api/<kind>/<id>.json` is the same document
with the licence and the data version added.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from r1kb.kb import Claim, Model, Quantity, Source
from r1kb.site.context import SiteContext
from r1kb.site.dataset import DATA_LICENCE, data_version
from r1kb.site.json_text import indented
from r1kb.site.urls import CLAIMS, MODELS, QUANTITIES, SOURCES

API = "api"
# Record kind -> (folder of its pages and API files, the schema of one record (file in
# downloads/schema/, and where in it for the files that hold many), fields always written).
KINDS: dict[str, tuple[str, str, frozenset[str]]] = {
    "claim": (CLAIMS, "claim.schema.json", frozenset({"value", "sources"})),
    "source": (SOURCES, "source.schema.json", frozenset()),
    "model": (MODELS, "models.schema.json#/properties/models/additionalProperties", frozenset()),
    "quantity": (
        QUANTITIES,
        "quantities.schema.json#/properties/quantities/additionalProperties",
        frozenset(),
    ),
}
Record = Claim | Source | Model | Quantity
_NOT_STORED = {"id", "file"}  # the id is the file name (or the key); file is where it was read


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def record_data(record: Record, keep: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The record's fields as its YAML file holds them (fields at their default left out)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in _NOT_STORED:
            continue
        value = getattr(record, f.name)
        if f.name not in keep and (value is None or value == _default(f)):
            continue
        out[f.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def api_path(kind: str, record_id: str) -> str:
    """Where the record's JSON lives in the site: api/claims/<id>.json."""
    return f"{API}/{KINDS[kind][0]}/{record_id}.json"


def document(ctx: SiteContext, kind: str, record: Record) -> dict[str, Any]:
    """The record for machine readers: id, kind, addresses, and the record itself."""
    folder, schema, keep = KINDS[kind]
    doc: dict[str, Any] = {"id": record.id, "kind": kind}
    page = ctx.urls.absolute(ctx.urls.src(folder, record.id))
    if page:
        doc["url"] = page
        doc["api"] = ctx.urls.absolute(api_path(kind, record.id))
    doc["schema"] = schema
    if isinstance(record, Claim):
        doc["value_display"] = ctx.value_text(record)
        doc["evidence_read"] = ctx.readings.of(record).reading.id  # r1kb.site.evidence
    doc["record"] = record_data(record, keep)
    return doc


def all_records(ctx: SiteContext) -> list[tuple[str, Record]]:
    """(kind, record) for every claim, source, model and quantity, in id order."""
    kb = ctx.kb
    tables: list[tuple[str, dict[str, Any]]] = [
        ("claim", kb.claims),
        ("source", kb.sources),
        ("model", kb.models),
        ("quantity", kb.quantities),
    ]
    return [(kind, table[i]) for kind, table in tables for i in sorted(table)]


def api_file(ctx: SiteContext, kind: str, record: Record) -> str:
    """The text of /api/<kind>/<id>.json: the document, its licence and the data version."""
    doc = {
        **document(ctx, kind, record),
        "license": DATA_LICENCE.spdx,
        "version": data_version(ctx),
    }
    return indented(doc) + "\n"

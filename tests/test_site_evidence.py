"""How each claim's evidence was read, shown next to its status, in the cite box and in
the downloads; the status tooltip of a figure someone else repeats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from r1kb.site import build, exports
from r1kb.site.evidence import FROM_READ_AS, READINGS
from r1kb.site.pages import claim, source
from site_helpers import CLAIM, REAL_DATA, ROOT, SOURCE, write_site_data

COPY = SOURCE + (
    'title: Toy Report, text copy\npublisher: DeepSeek-AI\npublished: "2024-12-27"\n'
    "kind: technical-report\nprimary: true\nread_as: text-copy\n"
    "read_note: A plain-text extraction of the toy report.\n"
)
RELAYED = CLAIM + (
    "subject: deepseek-v3\nquantity: training-gpu-hours\nscope: Official training of V3.\n"
    "value: 2788000\nunit: GPU-hours\n"
    "statement: A blog says V3's official training took 2.788M GPU-hours.\n"
    "status: disclosed\nverdict: accurate\nsources:\n"
    '  - {source: hostile-blog, role: claims, locator: "para. 2", quote: "2.788M GPU hours"}\n'
    '  - {source: toy-copy, role: supports, locator: "p. 5", quote: "2.788M GPU hours"}\n'
)


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> build.SiteContext:
    data = write_site_data(tmp_path / "data")
    (data / "sources" / "toy-copy.yaml").write_text(COPY, encoding="utf-8")
    (data / "claims" / "v3-gpu-hours-blog.yaml").write_text(RELAYED, encoding="utf-8")
    monkeypatch.setenv("R1KB_DATA_DIR", str(data))
    return build.prepare(ROOT)


def test_every_read_as_of_the_schema_has_a_reading() -> None:
    schema = json.loads((REAL_DATA / "schema" / "source.schema.json").read_text())
    assert set(FROM_READ_AS) == set(schema["properties"]["read_as"]["enum"])
    assert set(FROM_READ_AS.values()) <= set(READINGS)


def test_readings_of_claims(ctx: build.SiteContext) -> None:
    of = {cid: ctx.readings.of(c) for cid, c in ctx.kb.claims.items()}
    assert of["v3-training-gpu-hours"].reading.id == "own-file"
    assert [s.id for s in of["v3-training-gpu-hours"].sources] == ["toy-report"]
    assert of["v3-gpu-hours-blog"].reading.id == "text-copy"  # DeepSeek read in a copy only
    assert of["r1-training-cost-hostile"].reading.id == "secondary"  # a blog, nothing else
    assert of["r1-gpu-fleet-undisclosed"].reading.id == "own-file"  # the documents checked


def test_status_tooltip_of_a_relayed_figure(ctx: build.SiteContext) -> None:
    relayed = claim.render(ctx, ctx.kb.claims["v3-gpu-hours-blog"])
    own = claim.render(ctx, ctx.kb.claims["v3-training-gpu-hours"])
    assert "someone else&#x27;s statement of it" in relayed
    assert "DeepSeek states this figure in its own document" not in relayed
    assert "DeepSeek states this figure in its own document" in own
    assert "Evidence read in" in own and "DeepSeek&#x27;s own file" in own
    cite_box = relayed[relayed.index("Cite this claim") :]
    assert "a copy of DeepSeek&#x27;s text" in cite_box


def test_downloads_carry_the_reading(ctx: build.SiteContext) -> None:
    rows = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO(exports.to_csv(ctx).removeprefix(exports.BOM)))
    }
    assert rows["v3-gpu-hours-blog"]["evidence_read"] == "text-copy"
    document = json.loads(exports.to_json(ctx))
    by_id = {c["id"]: c for c in document["claims"]}  # r1kb.site.records documents
    assert by_id["v3-training-gpu-hours"]["evidence_read"] == "own-file"


def test_claim_tables_use_the_relayed_tooltip(ctx: build.SiteContext) -> None:
    page = source.render(ctx, ctx.kb.sources["hostile-blog"])
    row = page[page.index("v3-gpu-hours-blog") :]
    row = row[: row.index("</tr>")]
    assert "someone else&#x27;s statement of it" in row

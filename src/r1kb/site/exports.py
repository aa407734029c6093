"""Machine-readable exports of the whole knowledge base: JSON, CSV, BibTeX, CSL-JSON, RIS.

The same functions feed the site's downloads page and `r1kb export`. Output is
deterministic (sorted ids, no build timestamp), so an unchanged knowledge base exports to
identical files. CSV cells that a spreadsheet would run as a formula (starting with = + - @,
tab, carriage return, newline, | or %, also after blanks) are prefixed with an apostrophe,
in every column (escape.csv_cell).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from r1kb.kb import Claim
from r1kb.site import citations
from r1kb.site.context import CONTAINER_TITLE, SiteContext
from r1kb.site.escape import csv_cell

CSV_COLUMNS = (
    "id",
    "subject",
    "quantity",
    "value",
    "value_low",
    "value_high",
    "unit",
    "value_display",
    "statement",
    "status",
    "verdict",
    "evidence_read",
    "scope",
    "sources",
    "corrected_by",
    "withdrawn",
    "url",
)


def _claim_dict(ctx: SiteContext, claim: Claim) -> dict[str, Any]:
    data = asdict(claim)
    data.pop("file", None)
    data["value_display"] = ctx.value_text(claim)
    data["url"] = ctx.permalink(claim)
    data["evidence_read"] = ctx.readings.of(claim).reading.id  # r1kb.site.evidence
    return {k: v for k, v in data.items() if v not in (None, [], {})} | {"value": claim.value}


def to_json(ctx: SiteContext) -> str:
    kb = ctx.kb
    document = {
        "name": CONTAINER_TITLE,
        "data_changed": ctx.dates.latest,
        "claims": [_claim_dict(ctx, kb.claims[i]) for i in sorted(kb.claims)],
        "sources": [
            {k: v for k, v in asdict(kb.sources[i]).items() if k != "file" and v is not None}
            for i in sorted(kb.sources)
        ],
        "models": [asdict(m) for m in kb.sorted_models()],
        "quantities": [asdict(kb.quantities[i]) for i in sorted(kb.quantities)],
        "units": [asdict(kb.units[i]) for i in sorted(kb.units)],
        "redirects": dict(sorted(kb.redirects.items())),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_csv(ctx: SiteContext) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cid in sorted(ctx.kb.claims):
        c = ctx.kb.claims[cid]
        rng = c.value if isinstance(c.value, dict) else {}
        single = None if isinstance(c.value, dict) else c.value
        row = [
            c.id,
            c.subject,
            c.quantity,
            single,
            rng.get("low"),
            rng.get("high"),
            c.unit,
            ctx.value_text(c),
            c.statement,
            c.status,
            c.verdict,
            ctx.readings.of(c).reading.id,
            c.scope,
            ";".join(dict.fromkeys(c.source_ids())),
            ";".join(c.related("corrected_by")),
            "yes" if c.withdrawn else "",
            ctx.permalink(c),
        ]
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def to_bibtex(ctx: SiteContext) -> str:
    entries = [citations.bibtex(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)]
    return "\n\n".join(entries) + "\n"


def to_csl_json(ctx: SiteContext) -> str:
    items = [citations.csl_item(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def to_ris(ctx: SiteContext) -> str:
    return "\n\n".join(citations.ris(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)) + "\n"


@dataclass(frozen=True)
class Export:
    format: str  # the name `r1kb export --format` takes
    filename: str
    media_type: str
    description: str
    render: Callable[[SiteContext], str]


EXPORTS: tuple[Export, ...] = (
    Export(
        "json",
        "r1kb.json",
        "application/json",
        "The whole knowledge base: every claim, source, model, quantity, unit and redirect.",
        to_json,
    ),
    Export(
        "csv",
        "r1kb-claims.csv",
        "text/csv",
        "Every claim, one row each: value, unit, statement, status, verdict, sources, URL.",
        to_csv,
    ),
    Export(
        "bibtex", "r1kb.bib", "application/x-bibtex", "All claim citations as BibTeX.", to_bibtex
    ),
    Export(
        "csl-json",
        "r1kb-csl.json",
        "application/vnd.citationstyles.csl+json",
        "All claim citations as CSL-JSON (Zotero, Pandoc, citeproc).",
        to_csl_json,
    ),
    Export(
        "ris",
        "r1kb.ris",
        "application/x-research-info-systems",
        "All claim citations as RIS (EndNote, Mendeley, Zotero).",
        to_ris,
    ),
)
FORMATS = {e.format: e for e in EXPORTS}

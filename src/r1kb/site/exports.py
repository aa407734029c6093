"""Machine-readable exports of the whole knowledge base: JSON, CSV, BibTeX, CSL-JSON, RIS.

The same functions feed the site's downloads page and `r1kb export`. Output is
deterministic (sorted ids; the only date that is not the data's is the citations' access
date, which $SOURCE_DATE_EPOCH pins). Every file states the data licence. The CSV files
start with a byte-order mark, so spreadsheet programs read them as UTF-8; cells that a
spreadsheet would run as a formula (starting with = + - @, tab, carriage return, newline,
| or %, also after whitespace of any kind) are prefixed with an apostrophe, in every column
(escape.csv_cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass

from r1kb.kb import Claim, Evidence
from r1kb.site import citations, records
from r1kb.site.context import CONTAINER_TITLE, SiteContext
from r1kb.site.dataset import DATA_LICENCE, LICENCE_NOTE, data_version
from r1kb.site.escape import csv_cell, safe_url
from r1kb.site.json_text import indented

BOM = "\ufeff"  # spreadsheet programs read a CSV as UTF-8 only when it starts with one

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
    "source_id",
    "source_title",
    "source_url",
    "source_is_primary",
    "source_role",
    "source_locator",
    "source_quote",
    "license",
)
# One row per evidence entry (a claim's source with its role, locator and quote).
EVIDENCE_COLUMNS = (
    "claim_id",
    "source_id",
    "source_title",
    "publisher",
    "source_kind",
    "source_is_primary",
    "source_url",
    "role",
    "locator",
    "quote",
    "claim_url",
    "license",
)


def to_json(ctx: SiteContext) -> str:
    """The whole knowledge base: each record as records.document gives it (the same document
    as /api/<kind>/<id>.json), units and redirects."""
    kb = ctx.kb
    docs: dict[str, list[dict[str, object]]] = {
        "claims": [],
        "sources": [],
        "models": [],
        "quantities": [],
    }
    for kind, record in records.all_records(ctx):
        docs[records.KINDS[kind][0]].append(records.document(ctx, kind, record))
    document = {
        "name": CONTAINER_TITLE,
        "version": data_version(ctx),
        "data_changed": ctx.dates.latest,
        "license": DATA_LICENCE.spdx,
        "license_url": DATA_LICENCE.url,
        "license_note": LICENCE_NOTE,
        **({"site_url": ctx.urls.site_url} if ctx.urls.site_url else {}),
        **docs,
        "units": [asdict(kb.units[i]) for i in sorted(kb.units)],
        "exchange_rates": [asdict(r) for r in kb.exchange_rates],
        "redirects": dict(sorted(kb.redirects.items())),
    }
    return indented(document) + "\n"


def main_evidence(ctx: SiteContext, claim: Claim) -> Evidence | None:
    """The evidence entry a one-row summary shows: the first from one of DeepSeek's own
    documents (a primary source), else the first entry."""
    for e in claim.sources:
        src = ctx.kb.sources.get(e.source)
        if src is not None and src.primary:
            return e
    return claim.sources[0] if claim.sources else None


def _source_cells(ctx: SiteContext, e: Evidence | None) -> list[object]:
    """source id, title, url, is-primary for an evidence entry (blank without one)."""
    if e is None:
        return ["", "", "", ""]
    src = ctx.kb.sources.get(e.source)
    if src is None:
        return [e.source, "", "", ""]
    return [e.source, src.title, safe_url(src.url), "yes" if src.primary else "no"]


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    out = io.StringIO()
    # Rows end in CRLF (RFC 4180): the writer then quotes every field holding a carriage
    # return, which a spreadsheet takes for the end of a row (with "\n", it did not).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return BOM + out.getvalue()


def to_csv(ctx: SiteContext) -> str:
    rows = []
    for cid in sorted(ctx.kb.claims):
        c = ctx.kb.claims[cid]
        rng = c.value if isinstance(c.value, dict) else {}
        single = None if isinstance(c.value, dict) else c.value
        main = main_evidence(ctx, c)
        rows.append(
            [
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
                ctx.claim_url(c),
                *_source_cells(ctx, main),
                main.role if main else "",
                main.locator if main else "",
                main.quote if main else "",
                DATA_LICENCE.spdx,
            ]
        )
    return _csv(CSV_COLUMNS, rows)


def to_evidence_csv(ctx: SiteContext) -> str:
    rows = []
    for cid in sorted(ctx.kb.claims):
        c = ctx.kb.claims[cid]
        for e in c.sources:
            src = ctx.kb.sources.get(e.source)
            source_id, title, url, primary = _source_cells(ctx, e)
            rows.append(
                [
                    c.id,
                    source_id,
                    title,
                    src.publisher if src else "",
                    src.kind if src else "",
                    primary,
                    url,
                    e.role,
                    e.locator,
                    e.quote,
                    ctx.claim_url(c),
                    DATA_LICENCE.spdx,
                ]
            )
    return _csv(EVIDENCE_COLUMNS, rows)


def _header(ctx: SiteContext) -> str:
    """One line on what the file is, its version and licence (a comment in BibTeX and RIS)."""
    return f"{CONTAINER_TITLE}, version {data_version(ctx)}. {LICENCE_NOTE}"


def to_bibtex(ctx: SiteContext) -> str:
    entries = [citations.bibtex(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)]
    comment = "@comment{" + citations.bibtex_escape(_header(ctx)) + "}"
    return "\n\n".join([comment, *entries]) + "\n"


def to_csl_json(ctx: SiteContext) -> str:
    """CSL-JSON items. The only format with no place for the licence: CSL 1.0.1 has no
    variable for it, and processors such as citeproc-py warn about unknown ones."""
    items = [citations.csl_item(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)]
    return indented(items) + "\n"


def to_ris(ctx: SiteContext) -> str:
    """RIS records; the header line before the first record is ignored by RIS readers."""
    entries = [citations.ris(ctx, ctx.kb.claims[i]) for i in sorted(ctx.kb.claims)]
    return "\n\n".join([citations.ris_text(_header(ctx)), *entries]) + "\n"


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
        "Every claim, one row each: value, unit, statement, status, verdict, URL, and its "
        "main evidence (DeepSeek's own document when there is one): source title, URL, "
        "locator, quote.",
        to_csv,
    ),
    Export(
        "evidence-csv",
        "r1kb-evidence.csv",
        "text/csv",
        "Every piece of evidence, one row each: claim, source (title, publisher, URL), role, "
        "locator and quote.",
        to_evidence_csv,
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

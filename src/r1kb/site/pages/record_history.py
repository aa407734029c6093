"""The 'Changes to this record' section of a claim page, from r1kb.site.history."""

from __future__ import annotations

from typing import Any

from r1kb.kb import Claim
from r1kb.site.components import block, link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import external_link, html_text, md_anchor
from r1kb.site.history import LOCAL, Change, FieldChange

CHANGELOG = "changelog.md"
KIND_LABELS = {
    "added": "Added",
    "changed": "Changed",
    "withdrawn": "Withdrawn",
    "removed": "File removed (renamed)",
    "present": "Present when the clone begins",
}
MAX_SHOWN = 80  # characters of an old value or text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _value(ctx: SiteContext, value: Any, unit: Any) -> str:
    """An old value as the site shows values; never raises on what an old record held."""
    try:
        return _short(ctx.fmt.value(value, str(unit)))
    except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError):
        return _short(repr(value))


def field_text(ctx: SiteContext, f: FieldChange, unit: Any) -> str:
    """'value: $5.58M → $5.576M' (plain text)."""
    if f.field == "other":
        return f"also edited: {_short(str(f.new))}"
    if f.field == "value":
        return f"value: {_value(ctx, f.old, unit)} → {_value(ctx, f.new, unit)}"
    return f"{f.field}: {_short(str(f.old))} → {_short(str(f.new))}"


def change_text(ctx: SiteContext, ch: Change, unit: str) -> str:
    units = [f for f in ch.fields if f.field == "unit"]
    shown_unit = units[0].new if units else unit
    parts = [field_text(ctx, f, shown_unit) for f in ch.fields]
    return "; ".join(parts)


def release_anchor(version: str) -> str:
    """The changelog's anchor of a release: '2026.11.30' -> 'release-2026-11-30'."""
    return md_anchor(f"release-{version.removesuffix(LOCAL)}")


def release_link(ctx: SiteContext, page: str, version: str) -> str:
    """The version, linked to its release's section of the changelog, or to the changelog's
    top where it has none (`unversioned`: a build without git history)."""
    href = ctx.urls.rel(page, CHANGELOG)
    if ctx.history.release(version) is not None:
        href += "#" + release_anchor(version)
    return f'<a href="{html_text(href)}">{html_text(version)}</a>'


def section(ctx: SiteContext, page: str, claim: Claim) -> str:
    """A table of the record's changes, newest first, each linking to the file at that
    commit; a note when there is no history or it is incomplete."""
    history = ctx.history
    note = f'<p class="r1kb-muted r1kb-history-note">{html_text(history.note)}</p>'
    if not history.available:
        return block(note)
    rows = []
    for ch in history.of(claim.id):
        kind = html_text(KIND_LABELS.get(ch.kind, ch.kind))
        what = html_text(change_text(ctx, ch, claim.unit))
        stood = (
            external_link(ctx.repository.blob(ch.commit, ch.path), f"as of {ch.commit[:8]}")
            if ctx.repository
            else f"<code>{html_text(ch.commit[:8])}</code>"
        )
        rows.append(
            f"<tr><td><time>{html_text(ch.date)}</time> · release "
            f"{release_link(ctx, page, ch.version)}</td>"
            f"<td><strong>{kind}</strong>{' — ' + what if what else ''}</td>"
            f"<td>{stood}</td></tr>"
        )
    if not rows:
        return block('<p class="r1kb-muted">No committed change to this record yet.</p>')
    out = table_block(("When", "What changed", "Record"), rows, "r1kb-table r1kb-stack")
    changelog = link(ctx, page, CHANGELOG, "changelog")
    intro = block(
        f"<p>Every commit that changed this record's file, from the repository's history; "
        f"each release's other changes are in the {changelog}.</p>" + (note if history.note else "")
    )
    return intro + out

"""The page of one claim at its permanent URL /claims/<id>/."""

from __future__ import annotations

from markdown.extensions.toc import slugify, unique

from r1kb.kb import Claim, Evidence
from r1kb.site import citations, framing
from r1kb.site.badges import reading_badge, status_badge, verdict_badge
from r1kb.site.components import (
    SEARCH_EXCLUDE,
    block,
    claim_link,
    code_tabs,
    definition_list,
    heading,
    html_block,
    html_heading,
    join_blocks,
    link,
    model_link,
    quantity_link,
    said_by,
    source_link,
    table,
    table_block,
    value_html,
)
from r1kb.site.context import SiteContext
from r1kb.site.dataset import NO_ADDRESS_HINT
from r1kb.site.escape import html_text, render_markdown
from r1kb.site.pages import record_history
from r1kb.site.record_links import record_links
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS

ROLE_LABELS = {"claims": "makes the claim", "supports": "supports it", "refutes": "refutes it"}
CITE_HEADING = "Cite this claim"
CITE_ANCHOR = "cite-this-claim"
# Material admonition kinds: the correction box takes the verdict's colour.
CORRECTION_KIND = {"inaccurate": "failure", "misleading": "warning", "unsupported": "question"}


def title(ctx: SiteContext, claim: Claim) -> str:
    """The page's heading: who says it and the verdict when the claim does not hold up."""
    return framing.title(ctx, claim)


def _correction(ctx: SiteContext, page: str, claim: Claim) -> str:
    """What is on record, directly under the heading of a claim that does not hold up."""
    if claim.verdict == "accurate":
        return ""
    fixes = framing.corrections(ctx, claim)
    items = "".join(
        f"<li>{value_html(ctx, f)} {status_badge(f.status)} {verdict_badge(f.verdict)} — "
        f"{claim_link(ctx, page, f)}</li>"
        for f in fixes
    )
    listed = f'<ul class="r1kb-correction__list">{items}</ul>' if items else ""
    if framing.is_closed_gap(claim):
        gap = framing.closed(claim)
        source = f" in {source_link(ctx, page, gap.source)}" if gap.source else ""
        when = f" on <time>{html_text(gap.date)}</time>" if gap.date else " later"
        head = f"A gap that closed{when}"
        body = f"<p>{verdict_badge(claim.verdict)} DeepSeek disclosed the figure{source}:</p>"
        kind = "info"
    else:
        verdict = VERDICT_TERMS[claim.verdict]
        head = f"{verdict.label.capitalize()}: what is on record"
        said = html_text(framing.who(ctx, claim))
        body = (
            f"<p>{verdict_badge(claim.verdict)} {said} says it. {html_text(verdict.meaning)}"
            f"{' On record:' if fixes else ' No correcting claim is named.'}</p>"
        )
        kind = CORRECTION_KIND.get(claim.verdict, "note")
    return (
        f'<div class="admonition {kind} r1kb-correction">'
        f'<p class="admonition-title">{head}</p>{body}{listed}</div>'
    )


def _value_detail(ctx: SiteContext, claim: Claim) -> str:
    parts = [f"<strong>{value_html(ctx, claim)}</strong>"]
    extra = [x for x in (ctx.fmt.spelled(claim.value), ctx.fmt.exact(claim.value, claim.unit)) if x]
    if claim.value is None:
        unit = ctx.kb.units.get(claim.unit)
        extra.append(f"would be in {unit.label if unit and unit.label else claim.unit}")
    if extra:
        parts.append(f'<span class="r1kb-muted">({html_text("; exactly ".join(extra))})</span>')
    return " ".join(parts)


def _facts(ctx: SiteContext, page: str, claim: Claim) -> str:
    status, verdict = STATUS_TERMS[claim.status], VERDICT_TERMS[claim.verdict]
    relayed = ctx.readings.relayed(claim)
    meaning = status.relayed if relayed and status.relayed else status.meaning
    items = [
        ("Value", _value_detail(ctx, claim)),
        ("Status", f"{status_badge(claim.status, relayed=relayed)} {html_text(meaning)}"),
        ("Evidence read in", _reading(ctx, page, claim)),
        ("Verdict", f"{verdict_badge(claim.verdict)} {html_text(verdict.meaning)}"),
        ("Model", model_link(ctx, page, claim.subject)),
        ("Quantity", quantity_link(ctx, page, claim.quantity)),
    ]
    if claim.scope:
        items.append(("Scope", html_text(claim.scope)))
    if claim.method:
        items.append(("Method", html_text(claim.method)))
    items.append(("Claim id", f"<code>{html_text(claim.id)}</code>"))
    changes = ctx.history.of(claim.id)
    date = changes[0].date if changes else ctx.claim_date(claim)
    if date:
        version = record_history.release_link(ctx, page, changes[0].version) if changes else ""
        when = f"<time>{html_text(date)}</time>" + (f" (release {version})" if version else "")
        items.append(("Record last changed", when))
    return definition_list(items)


def _reading(ctx: SiteContext, page: str, claim: Claim) -> str:
    found = ctx.readings.of(claim)
    r = found.reading
    where = ", ".join(source_link(ctx, page, s.id) for s in found.sources)
    return reading_badge(r.id, r.label, r.meaning) + (f" — {where}" if where else "")


def _withdrawn(ctx: SiteContext, page: str, claim: Claim) -> str:
    w = claim.withdrawn or {}
    text = f"Withdrawn on {html_text(w.get('date', ''))}: {html_text(w.get('reason', ''))}"
    replacement = ctx.kb.resolve(w["replaced_by"]) if w.get("replaced_by") else None
    if replacement is not None:
        text += f" Replaced by {claim_link(ctx, page, replacement)}."
    return (
        '<div class="admonition warning r1kb-withdrawn">'
        '<p class="admonition-title">This claim is withdrawn</p>'
        f"<p>{text}</p></div>"
    )


def _source_cell(ctx: SiteContext, page: str, source_id: str) -> str:
    src = ctx.kb.sources.get(source_id)
    if src is None:
        return source_link(ctx, page, source_id)
    primary = ' · <span class="r1kb-primary">primary</span>' if src.primary else ""
    return (
        f"{source_link(ctx, page, source_id)}<br>"
        f'<span class="r1kb-muted">{html_text(src.publisher)} · {html_text(src.kind)}{primary}'
        "</span>"
    )


def _sources(ctx: SiteContext, page: str, claim: Claim) -> str:
    """One row per piece of evidence, grouped by source (the source cell spans its rows)."""
    if not claim.sources:
        return block('<p class="r1kb-muted">No source makes or backs this claim.</p>')
    grouped: dict[str, list[Evidence]] = {}
    for e in claim.sources:
        grouped.setdefault(e.source, []).append(e)
    rows = []
    for source_id, evidence in grouped.items():
        for i, e in enumerate(evidence):
            first = (
                f'<td rowspan="{len(evidence)}">{_source_cell(ctx, page, source_id)}</td>'
                if i == 0
                else ""
            )
            rows.append(
                f"<tr>{first}"
                f'<td><span class="r1kb-role r1kb-role--{html_text(e.role)}">'
                f"{html_text(ROLE_LABELS.get(e.role, e.role))}</span></td>"
                f"<td>{html_text(e.locator)}</td>"
                f'<td><q class="r1kb-quote">{html_text(e.quote)}</q></td></tr>'
            )
    headers = ("Source", "Role", "Where", "Quote")
    return table_block(headers, rows, "r1kb-table r1kb-sources r1kb-stack")


def _checked(ctx: SiteContext, page: str, claim: Claim) -> str:
    items = "".join(f"<li>{source_link(ctx, page, sid)}</li>" for sid in claim.checked)
    return block(
        f"<p>These primary documents were checked and do not give the figure:</p><ul>{items}</ul>"
    )


def _derivation(ctx: SiteContext, page: str, claim: Claim) -> str:
    d = claim.derivation or {}
    rows = []
    for name, spec in d.get("inputs", {}).items():
        if "claim" in spec:
            target = ctx.kb.resolve(spec["claim"])
            if target is None:
                what, value = html_text(spec["claim"]), ""
            else:
                what = claim_link(ctx, page, target) + f" {status_badge(target.status)}"
                value = value_html(ctx, target)
        else:
            what = html_text(spec.get("note") or "constant")
            value = html_text(ctx.fmt.constant(spec["value"], spec["unit"]))
        rows.append(
            f"<tr><td><code>{html_text(name)}</code></td><td>{value}</td><td>{what}</td></tr>"
        )
    inputs = table(("Name", "Value", "Input"), rows)
    rec = ctx.recomputed(claim)
    if rec is None or rec.value is None:
        outcome = f"The formula could not be recomputed: {html_text(rec.error if rec else '')}"
    else:
        computed = html_text(ctx.fmt.computed(rec.value, claim.unit))
        tolerance = f"{rec.tolerance * 100:g} %"
        if rec.agrees:
            outcome = (
                f"Recomputed: <strong>{computed}</strong>, which agrees with the stated value "
                f"within {tolerance}."
            )
        elif rec.agrees is False:
            outcome = (
                f"Recomputed: <strong>{computed}</strong>, which does <strong>not</strong> agree "
                f"with the stated {html_text(ctx.value_text(claim))} (tolerance {tolerance})."
            )
        else:
            outcome = f"Recomputed: <strong>{computed}</strong>."
    formula = f"<p>Formula: <code>{html_text(d.get('formula', ''))}</code></p>"
    return block(f"{formula}\n{inputs}\n<p>{outcome}</p>", "r1kb-table r1kb-derivation")


def _claim_list(ctx: SiteContext, page: str, claims: list[Claim]) -> str:
    items = []
    for c in claims:
        items.append(
            f"<li>{claim_link(ctx, page, c)} — {value_html(ctx, c)} "
            f"{status_badge(c.status)} {verdict_badge(c.verdict)}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _relations(ctx: SiteContext, page: str, claim: Claim) -> str:
    groups: list[tuple[str, list[Claim]]] = []

    def resolved(ids: list[str]) -> list[Claim]:
        return [c for c in (ctx.kb.resolve(i) for i in ids) if c is not None]

    groups.append(("Corrected by", resolved(claim.related("corrected_by"))))
    groups.append(("Corrects", ctx.sorted_claims(ctx.kb.corrections_of(claim.id))))
    groups.append(("Supersedes", resolved(claim.related("supersedes"))))
    groups.append(("Superseded by", ctx.superseded_by.get(claim.id, [])))
    groups.append(("Contradicts", resolved(claim.related("contradicts"))))
    groups.append(("Used as input by", ctx.kb.used_by(claim.id)))
    parts = [
        f'<p class="r1kb-relation">{label}</p>{_claim_list(ctx, page, claims)}'
        for label, claims in groups
        if claims
    ]
    return block("\n".join(parts), "r1kb-relations") if parts else ""


def _history(ctx: SiteContext, page: str, claim: Claim) -> str:
    items = []
    for h in claim.history:
        verdict = f" {verdict_badge(h['verdict'])}" if h.get("verdict") else ""
        source = f" ({source_link(ctx, page, h['source'])})" if h.get("source") else ""
        items.append(
            f"<li><time>{html_text(h['date'])}</time> {status_badge(h['status'])}{verdict} "
            f"{html_text(h['note'])}{source}</li>"
        )
    return block('<ol class="r1kb-timeline">' + "".join(items) + "</ol>")


def _cite(ctx: SiteContext, page: str, claim: Claim) -> str:
    permalink = ctx.claim_url(claim)
    if permalink:
        lead = f"<p>Permalink: {link(ctx, page, page, html_text(permalink))}</p>"
    else:  # a local build: say so rather than hand out a path as if it were a permalink
        lead = (
            '<p class="r1kb-no-address">This build has no site address, so these citations '
            f"carry no URL: {html_text(NO_ADDRESS_HINT)}.</p>"
        )
    r = ctx.readings.of(claim).reading
    version = record_history.release_link(ctx, page, ctx.history.version)
    facts = (
        f"<p>Data release {version} · status "
        f"{html_text(claim.status)}, evidence read in {reading_badge(r.id, r.label, r.meaning)}"
        "</p>"
    )
    out = [block(lead + facts, "r1kb-cite")]
    formats = (
        ("BibTeX", "bibtex", citations.bibtex(ctx, claim)),
        ("CSL-JSON", "json", citations.csl_json(ctx, claim)),
        ("RIS", "text", citations.ris(ctx, claim)),
        ("Plain text", "text", citations.plain(ctx, claim)),
    )
    out.append(html_block(code_tabs(formats)))
    return "\n".join(out) + "\n"


def render(ctx: SiteContext, claim: Claim) -> str:
    """The page: its title a Markdown heading (its id, the title's slug, is the toc
    extension's), everything else one raw block with HTML headings (a page of one block
    converts in half the time)."""
    page = ctx.src_claim(claim.id)
    heading_text = title(ctx, claim)
    ids: set[str] = {slugify(" ".join(heading_text.split()), "-")}  # the title's, taken first

    def h2(text: str, anchor: str | None = None, *, search: bool = True) -> str:
        return html_heading(2, text, unique(anchor or slugify(text, "-"), ids), search=search)

    top = [_correction(ctx, page, claim)]
    if claim.withdrawn:
        top.append(_withdrawn(ctx, page, claim))
    top.append(
        f'<blockquote class="r1kb-statement"><p>{html_text(claim.statement)}</p>'
        f'<p class="r1kb-said">Said by {said_by(ctx, page, claim)}</p></blockquote>'
    )
    top.append(
        f'<p class="r1kb-to-cite" {SEARCH_EXCLUDE}>'
        f'<a href="#{CITE_ANCHOR}">Cite this claim</a> ↓</p>'
    )
    top.append(_facts(ctx, page, claim))
    top.append(record_links(ctx, "claim", claim.id, f"claims/{claim.id}.yaml"))
    out = [block("\n".join(top), "r1kb-claim")]
    out.append(h2("Sources"))
    out.append(_sources(ctx, page, claim))
    if claim.checked:
        out.append(h2("Primary documents checked"))
        out.append(_checked(ctx, page, claim))
    if claim.derivation:
        out.append(h2("Derivation"))
        out.append(_derivation(ctx, page, claim))
    relations = _relations(ctx, page, claim)
    if relations:
        out.append(h2("Related claims", search=False))
        out.append(relations)
    if claim.history:
        out.append(h2("History"))
        out.append(_history(ctx, page, claim))
    if claim.notes:
        out.append(h2("Notes"))
        out.append(block(render_markdown(claim.notes), "r1kb-notes"))
    out.append(h2("Changes to this record"))
    out.append(record_history.section(ctx, page, claim))
    out.append(h2(CITE_HEADING, CITE_ANCHOR, search=False))
    out.append(_cite(ctx, page, claim))
    return heading(1, heading_text) + join_blocks(p for p in out if p)

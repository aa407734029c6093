"""Misconceptions: every claim that does not hold up, next to the claims that correct it."""

from __future__ import annotations

from r1kb.kb import Claim
from r1kb.site import framing
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import block, claim_link, heading, said_by, table_block, value_html
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.vocabulary import MISCONCEPTION_VERDICTS, VERDICT_TERMS

PAGE = "misconceptions.md"
SECTIONS = (*MISCONCEPTION_VERDICTS, "unsupported")


def _said(ctx: SiteContext, c: Claim) -> str:
    return (
        f"{claim_link(ctx, PAGE, c)}<br>{value_html(ctx, c)} {status_badge(c.status)} "
        f"{verdict_badge(c.verdict)}<br>"
        f'<span class="r1kb-muted">{html_text(ctx.model_name(c.subject))} · '
        f"{html_text(ctx.quantity_name(c.quantity))} · said by</span> {said_by(ctx, PAGE, c)}"
    )


def _record(ctx: SiteContext, c: Claim) -> str:
    fixes = [f for f in (ctx.kb.resolve(i) for i in c.related("corrected_by")) if f]
    if not fixes:
        return '<span class="r1kb-muted">no correction named</span>'
    return "<br>".join(
        f"{claim_link(ctx, PAGE, f)} — {value_html(ctx, f)} {status_badge(f.status)}" for f in fixes
    )


def render(ctx: SiteContext) -> str:
    live = ctx.kb.live_claims()
    out = [heading(1, "Misconceptions")]
    out.append(
        block(
            "<p>Every claim on record that is inaccurate, misleading or outdated — and those "
            "that nothing in the primary record supports — next to the claims that correct "
            "them (gaps in DeepSeek's disclosures that later closed are listed apart, at the "
            'end: <a href="#gaps-closed">gaps that closed</a>). The left column is what was '
            "said; the right column is what DeepSeek's own documents (or arithmetic on them) "
            "show.</p>"
        )
    )
    gaps = sorted(
        (c for c in live if framing.is_closed_gap(c)), key=lambda c: (c.quantity, c.subject, c.id)
    )
    for verdict in SECTIONS:
        claims = sorted(
            (c for c in live if c.verdict == verdict and not framing.is_closed_gap(c)),
            key=lambda c: (c.quantity, c.subject, c.id),
        )
        term = VERDICT_TERMS[verdict]
        out.append(heading(2, f"{term.label.capitalize()} ({len(claims)})", anchor=verdict))
        out.append(block(f"<p>{verdict_badge(verdict)} {html_text(term.meaning)}</p>"))
        if not claims:
            out.append(block('<p class="r1kb-muted">None on record.</p>'))
            continue
        rows = "\n".join(
            f"<tr><td>{_said(ctx, c)}</td><td>{_record(ctx, c)}</td></tr>" for c in claims
        )
        headers = ("What was said", "What is on record")
        out.append(table_block(headers, [rows], "r1kb-table r1kb-misconceptions r1kb-stack"))
    out.append(heading(2, f"Gaps that closed ({len(gaps)})", anchor="gaps-closed"))
    out.append(
        block(
            "<p>Not misconceptions: records that DeepSeek's documents did not give a figure at "
            "the time, and the later disclosure that gave it.</p>"
        )
    )
    if gaps:
        rows = "\n".join(
            f"<tr><td>{_gap(ctx, c)}</td><td>{_record(ctx, c)}</td></tr>" for c in gaps
        )
        headers = ("Not disclosed until", "Disclosed since")
        out.append(table_block(headers, [rows], "r1kb-table r1kb-misconceptions r1kb-stack"))
    return "".join(out)


def _gap(ctx: SiteContext, c: Claim) -> str:
    gap = framing.closed(c)
    when = f"<time>{html_text(gap.date)}</time>" if gap.date else "a later disclosure"
    return (
        f"{claim_link(ctx, PAGE, c)}<br>{status_badge(c.status)} {verdict_badge(c.verdict)} "
        f'<span class="r1kb-muted">until</span> {when}<br>'
        f'<span class="r1kb-muted">{html_text(ctx.model_name(c.subject))} · '
        f"{html_text(ctx.quantity_name(c.quantity))}</span>"
    )

"""The home page: R1 at a glance, the knowledge base in numbers, the most repeated errors."""

from __future__ import annotations

from r1kb.kb import STATUSES, VERDICTS
from r1kb.site import analysis, answer
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import (
    block,
    claim_link,
    heading,
    link,
    model_link,
    quantity_link,
    table,
)
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.urls import STATUS
from r1kb.site.urls import VERDICTS as VERDICT_DIR

PAGE = "index.md"


def _card(ctx: SiteContext, h: analysis.Headline) -> str:
    q = h.quantity
    name = quantity_link(ctx, PAGE, q.id)
    if h.claim is None:
        return (
            f'<div class="r1kb-card"><p class="r1kb-card__label">{name}</p>'
            '<p class="r1kb-card__value r1kb-muted">nothing on record</p></div>'
        )
    c = h.claim
    whose = (
        f'<p class="r1kb-card__via">of {model_link(ctx, PAGE, h.via)}, which R1 is built on</p>'
        if h.via
        else ""
    )
    if h.base is not None:
        base_value = link(ctx, PAGE, ctx.src_claim(h.base.id), html_text(ctx.value_text(h.base)))
        whose = (
            f'<p class="r1kb-card__via">{model_link(ctx, PAGE, h.base.subject)}, '
            f"which R1 is built on: {base_value}</p>"
        )
    scope = f'<p class="r1kb-card__scope">{html_text(c.scope)}</p>' if c.scope else ""
    value = link(ctx, PAGE, ctx.src_claim(c.id), html_text(ctx.value_text(c)))
    return (
        f'<div class="r1kb-card"><p class="r1kb-card__label">{name}</p>'
        f'<p class="r1kb-card__value">{value}</p>{whose}'
        f'<p class="r1kb-card__badges">{status_badge(c.status)} {verdict_badge(c.verdict)}</p>'
        f"{scope}</div>"
    )


def _counts(ctx: SiteContext) -> str:
    statuses = analysis.counts(ctx.kb, "status")
    verdicts = analysis.counts(ctx.kb, "verdict")
    rows_s = "".join(
        f"<tr><td>{link(ctx, PAGE, f'{STATUS}/{s}.md', status_badge(s))}</td>"
        f"<td>{statuses.get(s, 0)}</td></tr>"
        for s in STATUSES
    )
    rows_v = "".join(
        f"<tr><td>{link(ctx, PAGE, f'{VERDICT_DIR}/{v}.md', verdict_badge(v))}</td>"
        f"<td>{verdicts.get(v, 0)}</td></tr>"
        for v in VERDICTS
    )
    both = table(("Status", "Claims"), [rows_s]) + "\n" + table(("Verdict", "Claims"), [rows_v])
    return block(both, "r1kb-counts")


def _repeated(ctx: SiteContext) -> str:
    items = []
    for r in analysis.most_repeated(ctx.kb):
        lead = r.lead
        fixes = [c for c in (ctx.kb.resolve(i) for i in lead.related("corrected_by")) if c]
        fix = ""
        if fixes:
            f = fixes[0]
            fix = (
                f'<p class="r1kb-fix">On record: {claim_link(ctx, PAGE, f, ctx.value_text(f))}'
                f" — {html_text(f.statement)}</p>"
            )
        more = len(r.claims) - 1
        also = f" and {more} similar claim{'s' * (more != 1)}" if more else ""
        items.append(
            f"<li><p>{claim_link(ctx, PAGE, lead)} {verdict_badge(lead.verdict)}</p>"
            f'<p class="r1kb-muted">{html_text(ctx.quantity_name(r.quantity))} of '
            f"{html_text(ctx.model_name(r.subject))}: made by {r.sources} "
            f"source{'s' * (r.sources != 1)}{also}.</p>{fix}</li>"
        )
    if not items:
        return block('<p class="r1kb-muted">No misconceptions on record.</p>')
    return block('<ol class="r1kb-repeated">' + "".join(items) + "</ol>")


def render(ctx: SiteContext) -> str:
    kb = ctx.kb
    live = kb.live_claims()
    changed = ctx.dates.latest
    out = [heading(1, "DeepSeek-R1, claim by claim")]
    methodology = link(ctx, PAGE, "methodology.md", "how statuses and verdicts are decided")
    out.append(
        block(
            "<p>An annotated, citable knowledge base of what is known, claimed and guessed about "
            "DeepSeek-R1 and the models it is built from. Every figure carries a "
            "<strong>status</strong> — whether DeepSeek disclosed it, someone derived or "
            "estimated it, or it is speculation — and a <strong>verdict</strong> on whether it "
            f"holds up against the primary record ({methodology}).</p>"
            f'<p class="r1kb-muted">{len(live)} claims from {len(kb.sources)} sources about '
            f"{len(kb.models)} models"
            + (f"; data last changed on <time>{html_text(changed)}</time>" if changed else "")
            + ".</p>",
            "r1kb-intro",
        )
    )
    out.append(heading(2, "R1 at a glance"))
    answered = {a.own.quantity for a in answer.answers(ctx)}
    cards = "\n".join(
        _card(ctx, h) for h in analysis.headlines(kb) if h.quantity.id not in answered
    )
    out.append(block(cards, "r1kb-cards"))
    if answered:
        out.append(heading(2, "What did R1 take to train?"))
        out.append(
            block(
                "<p>In GPU-hours and in dollars, three figures answer it, and each is often "
                "quoted for the others: R1's own training, the base model it is built on, and "
                "the two together. The dollars are rented-GPU time at DeepSeek's assumed "
                "price, not money spent.</p>"
            )
        )
        out.append(answer.answers_block(ctx, PAGE))
    out.append(heading(2, "The knowledge base in numbers"))
    out.append(_counts(ctx))
    out.append(heading(2, "Most repeated misconceptions"))
    out.append(_repeated(ctx))
    more = link(ctx, PAGE, "misconceptions.md", "every misconception with its correction")
    matrix = link(ctx, PAGE, "matrix.md", "the disclosure matrix")
    out.append(block(f"<p>See {more}, and {matrix} for what is and is not known.</p>"))
    out.append(heading(2, "Data last changed"))
    when = (
        f"The records were last changed on <time>{html_text(changed)}</time>"
        + (" (git history)." if ctx.dates.from_git else " (file dates).")
        if changed
        else "No record dates are known."
    )
    downloads = link(ctx, PAGE, "downloads.md", "downloads")
    out.append(block(f"<p>{when} The whole knowledge base is in the {downloads}.</p>"))
    return "".join(out)

"""Methodology: what each status and verdict means and how it is decided (from vocabulary)."""

from __future__ import annotations

from r1kb.site.badges import reading_badge, status_badge, verdict_badge
from r1kb.site.components import block, heading, link, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text, render_markdown
from r1kb.site.evidence import READINGS
from r1kb.site.jsonld import RATING
from r1kb.site.rates import rates_table
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS, Term

PAGE = "methodology.md"


def _terms(terms: dict[str, Term], badge: object) -> str:
    rows = "\n".join(
        f'<tr id="{t.id}"><td>{badge(t.id)}</td><td>{html_text(t.meaning)}</td>'  # type: ignore[operator]
        f"<td>{render_markdown(t.decided, inline=True)}</td></tr>"
        for t in terms.values()
    )
    return table_block(("Badge", "Meaning", "How it is decided"), [rows], "r1kb-table r1kb-terms")


def render(ctx: SiteContext) -> str:
    codes = link(ctx, PAGE, "reference/codes.md", "problem codes")
    schema = link(ctx, PAGE, "reference/schema.md", "schema reference")
    out = [heading(1, "Methodology")]
    out.append(
        block(
            "<p>Each claim is one figure about one model: who says it, what backs or refutes "
            "it, and two independent judgements. The <strong>status</strong> is the "
            "epistemic basis of the figure for this model and scope; the "
            "<strong>verdict</strong> is how it holds up against the primary record — "
            "DeepSeek's own papers, reports, model cards, repositories and official pages. "
            '"R1 cost $5.58M to train" is <em>speculative</em> and <em>misleading</em>: '
            "$5.576M is DeepSeek-V3's final training run at an assumed $2 per GPU-hour, and "
            "R1's own stages were disclosed later at about $294K.</p>"
        )
    )
    out.append(heading(2, "Statuses", anchor="statuses"))
    out.append(_terms(STATUS_TERMS, status_badge))
    out.append(heading(2, "Verdicts", anchor="verdicts"))
    out.append(_terms(VERDICT_TERMS, verdict_badge))
    out.append(heading(2, "How the evidence was read", anchor="evidence"))
    rows = "\n".join(
        f'<tr id="evidence-{r.id}"><td>{reading_badge(r.id, r.label, r.meaning)}</td>'
        f"<td><code>{r.id}</code></td><td>{html_text(r.meaning)}</td></tr>"
        for r in READINGS.values()
    )
    out.append(
        block(
            "<p>Next to its status, each claim says how firmly the knowledge base saw its "
            "evidence: the best reading of the DeepSeek documents it cites (each source "
            "records how it was read). A claim citing no DeepSeek document rests on secondary "
            "reports; a derived claim is as firm as its weakest input. The downloads carry "
            "the same value in <code>evidence_read</code>. When someone other than DeepSeek "
            "makes a <em>disclosed</em> claim, its status describes the figure (it is in "
            "DeepSeek's document), not the claimant.</p>"
        )
    )
    out.append(table_block(("Shown as", "In downloads", "Meaning"), [rows], "r1kb-table"))
    out.append(heading(2, "Rules that tie them together"))
    rules = [
        "A `disclosed` claim is accurate, misleading or outdated — never inaccurate or "
        "unsupported: DeepSeek said it, but a true figure can be attached to the wrong scope.",
        "Every verdict other than `accurate` names the accurate claims that correct it.",
        "Wherever a claim carries a formula, the arithmetic decides: a recomputation that "
        "disagrees with the stated value makes the claim inaccurate; one that agrees forbids it.",
        "Two accurate claims about the same model, quantity and scope never disagree.",
        "`contradicts` relations are symmetric; a history ends at the current status.",
        "Quotes are checked against a plain-text snapshot of the source where one is "
        "available; a quote that could not be checked is reported as unchecked, never as "
        "verified.",
        "Claim ids are permanent: a claim is withdrawn (kept, marked, with a pointer to its "
        "replacement), never deleted, and a renamed id redirects to the new page. A withdrawn "
        "claim corrects nothing and feeds no derivation. Sources, models and quantities are "
        "permanent too: a renamed one redirects.",
    ]
    out.append(block(render_markdown("\n".join(f"* {r}" for r in rules))))
    out.append(
        block(
            f"<p>The validator enforces all of this on every change; see the {codes} and the "
            f"{schema}.</p>"
        )
    )
    if ctx.kb.exchange_rates:
        out.append(heading(2, "Exchange rates", anchor="exchange-rates"))
        out.append(
            block(
                "<p>check-source compares a figure in one currency with a claim in another "
                "(“2 million yuan” with R1's $294K) through these rates, each read in a "
                "source. An article converts at the rate of its own day, which is not known, "
                "so a claim stands for the span its value covers at every rate on record "
                "within a year of its source; the figure agrees when the two meet. With no "
                "rate that close, the figure is not compared, and its message says so.</p>"
            )
        )
        out.append(rates_table(ctx, PAGE, ctx.kb.exchange_rates))
    out.append(heading(2, "Reading the site"))
    ratings = ", ".join(f"{v} = {n}" for v, n in RATING.items())
    notes = [
        "Values are shown as a reader expects them (671B parameters, $5.576M, 2.788M "
        "GPU-hours) without rounding a digit away; hover a value for the exact figure. Ranges "
        "read `10B–1T`; an open bound reads `< 2 months` or `> $1M`.",
        "Badges: the filled badge is the status, the outlined badge is the verdict; each has "
        "its own colour and icon, and hovering it explains it.",
        "Charts on quantity pages put every claim with a number on one axis (logarithmic "
        "where the figures span orders of magnitude), coloured by status; hollow marks are "
        "claims that are not accurate.",
        "The disclosure matrix shows the firmest status on record per model and quantity.",
        f"Each claim page carries schema.org `Claim` and `ClaimReview` data; the review's "
        f"rating maps verdicts to a 1–5 scale ({ratings}) with the verdict as its name.",
    ]
    out.append(block(render_markdown("\n".join(f"* {n}" for n in notes))))
    return "".join(out)

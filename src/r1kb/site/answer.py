"""One answer to "what did it cost to train?": the model's own stages, its base model, and
the total that counts both, each with its badges, all read off the records' derivations.

The total is a derived, accurate claim about the model whose inputs include the model's own
headline figure and figures of the models it is built from (R1's $5.86M from its $294K and
V3-Base's pre-training and context extension). The stages are the derived claims computed
from a subset of the own figure's inputs (R1-Zero's RL, SFT data, R1's own RL stage).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from r1kb.kb import Claim, KnowledgeBase
from r1kb.site import analysis
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import block, link, model_link, quantity_link
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.labels import row_label


@dataclass
class Answer:
    own: Claim  # the model's own figure (R1's stages: $294K)
    total: Claim  # own + base (R1 including V3-Base: $5.86M)
    base: list[Claim] = field(default_factory=list)  # the total's other inputs
    stages: list[Claim] = field(default_factory=list)  # parts of the own figure


def _usable(c: Claim) -> bool:
    return c.verdict == "accurate" and c.withdrawn is None


def answer(kb: KnowledgeBase, own: Claim) -> Answer | None:
    """The answer built around the model's own figure, or None when no total counts it."""
    ancestors = set(analysis.lineage(kb, own.subject)[1:])
    totals = [
        t
        for t in kb.used_by(own.id)
        if _usable(t) and t.subject == own.subject and t.status == "derived"
        if any(i.subject in ancestors for i in kb.inputs_of(t))
    ]
    if not totals:
        return None
    total = min(totals, key=lambda t: t.id)
    base = [i for i in kb.inputs_of(total) if i.id != own.id]
    order = [i.id for i in kb.inputs_of(own)]
    own_inputs = set(order)
    candidates = {c.id: c for i in order for c in kb.used_by(i)}
    stages = [
        c
        for c in candidates.values()
        if c.id != own.id and _usable(c) and c.unit == own.unit
        if {i.id for i in kb.inputs_of(c)} < own_inputs
    ]

    if not stages:  # a sum of figures in its own unit (GPU-hours): its inputs are the stages
        stages = [i for i in kb.inputs_of(own) if _usable(i) and i.unit == own.unit]
    shared = (
        set.intersection(*({i.id for i in kb.inputs_of(c)} for c in stages)) if stages else set()
    )

    def position(c: Claim) -> tuple[int, str]:
        """In the order of the own figure's formula (R1-Zero, SFT data, R1's stage)."""
        ids = [c.id] if c.id in order else [i.id for i in kb.inputs_of(c) if i.id not in shared]
        return (min((order.index(i) for i in ids if i in order), default=99), c.id)

    return Answer(own, total, base, sorted(stages, key=position))


def answers(ctx: SiteContext, focus: str = analysis.FOCUS_MODEL) -> list[Answer]:
    """An answer for each headline figure of the focus model that a total counts."""
    out = []
    for h in analysis.headlines(ctx.kb, focus):
        if h.claim is not None and h.via is None and (a := answer(ctx.kb, h.claim)):
            out.append(a)
    return out


def _row(ctx: SiteContext, page: str, c: Claim, label: str, cls: str = "") -> str:
    value = link(ctx, page, ctx.src_claim(c.id), html_text(ctx.value_text(c)))
    return (
        f'<tr class="{cls}"><th scope="row">{label}</th>'
        f'<td class="r1kb-answer__value">{value}</td>'
        f'<td><span class="r1kb-badges">{status_badge(c.status)} {verdict_badge(c.verdict)}'
        "</span></td></tr>"
    )


def answer_html(ctx: SiteContext, page: str, a: Answer) -> str:
    """The answer as a small table: the total first, then what it adds up."""
    model = model_link(ctx, page, a.own.subject)
    total = f"{model} in all, counting its base model"
    rows = [_row(ctx, page, a.total, total, "r1kb-answer__total")]
    rows += [_row(ctx, page, c, html_text(row_label(ctx, c, or_quantity=True))) for c in a.base]
    rows.append(_row(ctx, page, a.own, f"{model}'s own training", "r1kb-answer__own"))
    rows += [
        _row(
            ctx,
            page,
            c,
            "— " + html_text(row_label(ctx, c, or_quantity=True)),
            "r1kb-answer__stage",
        )
        for c in a.stages
    ]
    excludes = (
        f'<p class="r1kb-answer__scope"><strong>What the total counts and leaves out:</strong> '
        f"{html_text(a.total.scope)}</p>"
        if a.total.scope
        else ""
    )
    return (
        f'<div class="r1kb-answer"><p class="r1kb-answer__q">'
        f"{quantity_link(ctx, page, a.own.quantity)} of {model}</p>"
        f'<table class="r1kb-answer__table">{"".join(rows)}</table>{excludes}</div>'
    )


def answers_block(ctx: SiteContext, page: str, focus: str = analysis.FOCUS_MODEL) -> str:
    found = answers(ctx, focus)
    return block("".join(answer_html(ctx, page, a) for a in found), "r1kb-answers") if found else ""

"""Short row labels: the model's alias and a scope label read off the claim's id.

Claim ids name what a claim is about (`r1-rl-cost-r1-stage`, `v3-context-extension-cost`);
without the model's words in front and the quantity's words, what remains is the scope
('RL R1 stage', 'context extension'), short enough for a chart row or a table cell.
"""

from __future__ import annotations

import re

from r1kb.kb import Claim
from r1kb.site.context import SiteContext

_WORD = re.compile(r"[a-z0-9.]+")


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in _WORD.findall(t.lower())}


def _display(token: str) -> str:
    """'rl' -> 'RL', 'r1' -> 'R1', '128k' -> '128K'; words stay as they are."""
    if any(ch.isdigit() for ch in token) or not set(token) & set("aeiouy"):
        return token.upper()
    return token


def scope_label(ctx: SiteContext, claim: Claim) -> str:
    """The claim's scope in a few words from its id, '' when the id says nothing more."""
    rest = claim.id
    for sid in claim.source_ids():  # ids of claims from an article start with the source's
        if rest.startswith(sid + "-"):
            rest = rest[len(sid) + 1 :]
            break
    tokens = rest.split("-")
    model = ctx.kb.models.get(claim.subject)
    model_words = _words(claim.subject, *(model.aliases if model else []), "deepseek")
    while tokens and tokens[0] in model_words:
        tokens.pop(0)
    q = ctx.kb.quantities.get(claim.quantity)
    quantity_words = _words(claim.quantity, q.name if q else "")
    return " ".join(_display(t) for t in tokens if t and t not in quantity_words)


def row_label(
    ctx: SiteContext, claim: Claim, with_scope: bool = True, or_quantity: bool = False
) -> str:
    """'R1 · RL R1 stage': the model's alias, and the scope label when asked for (else, with
    or_quantity, the quantity's name: 'V3-Base · Pre-training GPU-hours')."""
    alias = ctx.model_alias(claim.subject)
    scope = scope_label(ctx, claim) if with_scope else ""
    if not scope and or_quantity:
        scope = ctx.quantity_name(claim.quantity)
    return f"{alias} · {scope}" if scope else alias

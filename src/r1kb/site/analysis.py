"""Questions the pages ask of the knowledge base: headline figures, misconceptions, coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from r1kb.kb import Claim, KnowledgeBase, Quantity
from r1kb.site.vocabulary import MISCONCEPTION_VERDICTS, STATUS_RANK, VERDICT_RANK

FOCUS_MODEL = "deepseek-r1"


def lineage(kb: KnowledgeBase, model_id: str) -> list[str]:
    """The model and the models it derives from, nearest first (breadth-first)."""
    order, queue = [], [model_id]
    while queue:
        current = queue.pop(0)
        if current in order or current not in kb.models:
            continue
        order.append(current)
        queue.extend(d.get("model", "") for d in kb.models[current].derived_from)
    return order


@dataclass
class Headline:
    quantity: Quantity
    claim: Claim | None
    via: str | None  # the ancestor model the figure belongs to, when not the focus model
    # When the figure is the focus model's own and an ancestor's differs (R1's $294K covers
    # only its stages beyond V3-Base's $5.328M pre-training), the ancestor's, so that a
    # reader who skims the card does not take one for the other.
    base: Claim | None = None


def _said_by_primary(kb: KnowledgeBase, claim: Claim) -> bool:
    return any(kb.sources[s].primary for s in claim.source_ids("claims") if s in kb.sources)


def _best(kb: KnowledgeBase, claims: list[Claim]) -> Claim | None:
    """Accurate, firmest status, made by DeepSeek's own document, most sources, then by id."""
    usable = [c for c in claims if c.verdict == "accurate" and c.withdrawn is None]
    if not usable:
        return None
    return min(
        usable,
        key=lambda c: (
            c.status == "undisclosed",
            STATUS_RANK.get(c.status, 99),
            not _said_by_primary(kb, c),
            -len(set(c.source_ids())),
            c.id,
        ),
    )


def headlines(kb: KnowledgeBase, focus: str = FOCUS_MODEL) -> list[Headline]:
    """For each quantity marked `headline`, the best-founded accurate claim about the focus
    model, else about the nearest model it derives from."""
    out = []
    quantities = sorted(
        (q for q in kb.quantities.values() if q.headline is not None),
        key=lambda q: (q.headline, q.id),
    )
    models = lineage(kb, focus)
    for q in quantities:
        found = [
            (model_id, best)
            for model_id in models
            if (best := _best(kb, [c for c in kb.by("quantity", q.id) if c.subject == model_id]))
        ]
        if not found:
            out.append(Headline(q, None, None))
            continue
        (model_id, chosen), rest = found[0], found[1:]
        if model_id != focus:
            out.append(Headline(q, chosen, model_id))
            continue
        base = next((c for _, c in rest if c.unit == chosen.unit and c.is_numeric), None)
        if base is not None and (not chosen.is_numeric or base.value == chosen.value):
            base = None  # the same figure (671B for R1 and V3-Base) adds nothing
        out.append(Headline(q, chosen, None, base))
    return out


def misconceptions(kb: KnowledgeBase) -> list[Claim]:
    return [c for c in kb.live_claims() if c.verdict in MISCONCEPTION_VERDICTS]


@dataclass
class Repeated:
    """Misleading, inaccurate or unsupported claims about one model and quantity."""

    subject: str
    quantity: str
    claims: list[Claim]
    sources: int  # distinct sources that make them

    @property
    def lead(self) -> Claim:
        return self.claims[0]


def most_repeated(kb: KnowledgeBase, limit: int = 5) -> list[Repeated]:
    """Misconceptions (inaccurate, misleading, outdated claims that a source makes) grouped by
    model and quantity, ranked by how many distinct sources make them, then by how many
    claims, headline quantities first among equals. Unsupported estimates are not
    misconceptions: they are on the misconceptions page, not here."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in kb.live_claims():
        if c.verdict in MISCONCEPTION_VERDICTS and c.source_ids("claims"):
            groups.setdefault((c.subject, c.quantity), []).append(c)
    ranked = []
    for (subject, quantity), claims in groups.items():
        claims.sort(key=lambda c: (-len(set(c.source_ids("claims"))), c.id))
        sources = len({s for c in claims for s in c.source_ids("claims")})
        ranked.append(Repeated(subject, quantity, claims, sources))

    def headline(quantity_id: str) -> int:
        q = kb.quantities.get(quantity_id)
        return q.headline if q is not None and q.headline is not None else 999

    ranked.sort(
        key=lambda r: (-r.sources, -len(r.claims), headline(r.quantity), r.subject, r.quantity)
    )
    return ranked[:limit]


def best_claim(claims: list[Claim]) -> Claim | None:
    """The claim with the firmest status on record (disclosed first; accurate before the
    rest at equal status), or None when there is no live claim."""
    live = [c for c in claims if c.withdrawn is None]
    if not live:
        return None
    return min(
        live,
        key=lambda c: (STATUS_RANK.get(c.status, 99), VERDICT_RANK.get(c.verdict, 99), c.id),
    )


def counts(kb: KnowledgeBase, key: str) -> Counter[str]:
    return Counter(getattr(c, key) for c in kb.live_claims())


def best_accurate(kb: KnowledgeBase, claims: list[Claim]) -> Claim | None:
    """The firmest accurate claim: the one a fact sheet or a card shows first."""
    return _best(kb, claims)

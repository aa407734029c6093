"""What the knowledge base's records tell attribution about a quantity: whether it is recorded
for the company itself, whether it is recorded only as a range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from r1kb.kb import KnowledgeBase


@dataclass(frozen=True)
class Recorded:
    # the quantities recorded for the company itself (fleet, spending…): a model-level figure
    # said of "DeepSeek" is about its model
    company_quantities: frozenset[str]
    # the quantities of the company itself (`company` in the data): never a model's
    company_only: frozenset[str]
    # quantities recorded only as ranges ("distilled models from 1.5B to 70B"): a single figure
    # is not one of them (a bound, "under 0.25%", is no range)
    range_only: frozenset[str]


def recorded(kb: KnowledgeBase) -> Recorded:
    """(Read once per knowledge base: every claim is looked at.)"""
    return kb.derived("recorded", _recorded)


def _recorded(kb: KnowledgeBase) -> Recorded:
    live = kb.live_claims()
    companies = {m.id for m in kb.models.values() if m.kind == "company"}
    shapes: dict[str, set[bool]] = defaultdict(set)
    for c in live:
        if c.value is not None and not isinstance(c.value, str):
            shapes[c.quantity].add(
                isinstance(c.value, dict) and None not in (c.value.get("low"), c.value.get("high"))
            )
    own = {q.id for q in kb.quantities.values() if q.company}
    return Recorded(
        company_quantities=frozenset({c.quantity for c in live if c.subject in companies} | own),
        company_only=frozenset(own),
        range_only=frozenset(q for q, kinds in shapes.items() if kinds == {True}),
    )

"""What the knowledge base's records tell attribution about a quantity: whether it is recorded
for the company itself, whether it is recorded only as a range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from r1kb.kb import KnowledgeBase

_NEAR_LOW, _NEAR_HIGH = 0.75, 1.25  # how near a record a figure must be to be judged with it


@dataclass(frozen=True)
class Recorded:
    # the quantities recorded for the company itself (fleet, spending…): a model-level figure
    # said of "DeepSeek" is about its model
    company_quantities: frozenset[str]
    # the quantities of the company itself (`company` in the data): never a model's
    company_only: frozenset[str]
    # the first day a model of the family was released (the records of the date's default
    # quantity, its release)
    first_release: str | None
    # for each quantity, the models (not the company) with a live record of it, and the
    # record's bounds where it is a number or a range of numbers (None, None: not a number)
    models_of: dict[str, tuple[tuple[str, float | None, float | None], ...]]

    def models_near(self, quantity: str, value: float | None) -> tuple[str, ...]:
        """The models with a record of the quantity within a quarter of the value (or a
        record that is no number): a figure no record comes near cannot agree with one, and
        is not judged against each (a page of distinct sums of money was judged model by
        model, twice as slow)."""
        out: dict[str, None] = {}
        for model, low, high in self.models_of.get(quantity, ()):
            unknown = value is None or low is None or high is None
            if unknown or low * _NEAR_LOW <= value <= high * _NEAR_HIGH:  # type: ignore[operator]
                out[model] = None
        return tuple(out)

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
    # the quantity a date is by default: a model's release (`default_for_unit` in the data)
    released = {q.id for q in kb.quantities.values() if q.unit == "date" and q.default_for_unit}
    return Recorded(
        company_quantities=frozenset({c.quantity for c in live if c.subject in companies} | own),
        company_only=frozenset(own),
        models_of=_models_of(live, companies),
        first_release=min(
            (
                str(c.value)
                for c in live
                if c.quantity in released and c.subject not in companies and c.value
            ),
            default=None,
        ),
        range_only=frozenset(q for q, kinds in shapes.items() if kinds == {True}),
    )


def _models_of(
    live: list, companies: set[str]
) -> dict[str, tuple[tuple[str, float | None, float | None], ...]]:
    found: dict[str, list[tuple[str, float | None, float | None]]] = defaultdict(list)
    for c in live:
        if c.subject in companies or c.value is None:
            continue
        low = high = None
        if isinstance(c.value, int | float) and not isinstance(c.value, bool):
            low = high = float(c.value)
        elif isinstance(c.value, dict):
            lo, hi = c.value.get("low"), c.value.get("high")
            if isinstance(lo, int | float) and isinstance(hi, int | float):
                low, high = float(lo), float(hi)
        found[c.quantity].append((c.subject, low, high))
    return {q: tuple(bounds) for q, bounds in found.items()}

"""A claim in one currency read in another, through the exchange rates on record.

A figure in yuan is compared with a claim in dollars (and the other way round) at every rate in
data/exchange-rates.yaml dated within a year of the claim's first source: an
article converts at the rate of its own day, which the knowledge base does not know, so the claim
stands for the span those rates give. No rate within a year: no comparison (the figure stays
`new`, and its message says why).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from r1kb.kb import Claim, ExchangeRate, KnowledgeBase
from r1kb.units import UnitError, UnitSystem

_WINDOW_DAYS = 366


@dataclass(frozen=True)
class Conversion:
    """A claim's value in another currency: the span the rates give, and the rates."""

    low: float
    high: float
    rates: tuple[ExchangeRate, ...]  # nearest the claim's date first

    def describe(self) -> str:
        """The rates used, in words: "7.1106–7.2957 CNY per USD (…; nearest: <rate id>)"."""
        nearest = self.rates[0]
        values = sorted(r.value for r in self.rates)
        span = f"{values[0]:g}–{values[-1]:g}" if len(values) > 1 else f"{values[0]:g}"
        return (
            f"{span} {nearest.unit} per {nearest.per} (the rates on record within a year of "
            f"its source; nearest: {nearest.id})"
        )


def _day(text: str | None, day: int = 1) -> dt.date | None:
    """The day a YYYY, YYYY-MM or YYYY-MM-DD date stands for: its first, or `day` of a month
    given alone (a monthly average is nearest mid-month)."""
    if not text:
        return None
    parts = text.split("-")
    try:
        return dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else (day if len(parts) == 2 else 1),
        )
    except (ValueError, IndexError):
        return None


class Exchange:
    def __init__(self, kb: KnowledgeBase, units: UnitSystem) -> None:
        self.kb, self.units = kb, units
        self.rates = [
            r
            for r in kb.exchange_rates
            if r.value > 0
            and _day(r.date)
            and all(kb.units.get(u) is not None and kb.units[u].currency for u in (r.unit, r.per))
        ]
        self.currencies = {u for r in self.rates for u in (r.unit, r.per)}
        # asked again for the same claim for every figure of its quantity
        self._converted: dict[tuple[str, str], Conversion | None] = {}

    def claim_date(self, c: Claim) -> dt.date | None:
        """When the claim's figure was first published: its earliest source making it (for a
        derived claim, which no source makes, its earliest evidence)."""
        for roles in (("claims",), ("claims", "supports", "refutes")):
            days = [
                d
                for e in c.sources
                if e.role in roles and e.source in self.kb.sources
                if (d := _day(self.kb.sources[e.source].published)) is not None
            ]
            if days:
                return min(days)
        return None

    def convert(self, c: Claim, unit: str) -> Conversion | None:
        """The claim's value in `unit` (another currency), or None without a rate for them."""
        key = (c.id, unit)
        if key not in self._converted:
            self._converted[key] = self._convert(c, unit)
        return self._converted[key]

    def _convert(self, c: Claim, unit: str) -> Conversion | None:
        if c.value is None or isinstance(c.value, str) or c.unit == unit:
            return None
        when = self.claim_date(c)
        if when is None:
            return None
        if isinstance(c.value, dict):
            lo, hi = c.value.get("low"), c.value.get("high")
        else:
            lo = hi = float(c.value)
        used: list[tuple[int, ExchangeRate, float]] = []
        for r in self.rates:
            gap = abs((_day(r.date, 15) or when) - when).days
            if gap > _WINDOW_DAYS:
                continue
            factor = self._factor(r, c.unit, unit)
            if factor is not None:
                used.append((gap, r, factor))
        if not used:
            return None
        used.sort(key=lambda t: t[0])
        factors = [f for _, _, f in used]
        low = -float("inf") if lo is None else lo * min(factors)
        high = float("inf") if hi is None else hi * max(factors)
        return Conversion(low, high, tuple(r for _, r, _ in used))

    def _factor(self, r: ExchangeRate, from_unit: str, to_unit: str) -> float | None:
        """What one `from_unit` is in `to_unit` at rate r (r.value r.unit per r.per)."""
        for a, b, value in ((r.per, r.unit, r.value), (r.unit, r.per, 1 / r.value)):
            try:
                if self.units.compatible(from_unit, a) and self.units.compatible(b, to_unit):
                    return (
                        self.units.convert(1.0, from_unit, a)
                        * value
                        * self.units.convert(1.0, b, to_unit)
                    )
            except (UnitError, ArithmeticError, ValueError, TypeError):  # not this way
                continue
        return None

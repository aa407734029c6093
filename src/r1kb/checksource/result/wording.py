"""Figures and claims in words: "$5.576M", "671B parameters", "≥ 14 days"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from r1kb.checksource.matching.match import Judgement
from r1kb.kb import Claim, KnowledgeBase, Unit
from r1kb.unit_words import affixes

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def number(x: float | int, unit: str, units: Mapping[str, Unit]) -> str:
    """A figure to four significant digits with its unit's signs and words ("$5.576M",
    "671B parameters", "79.8%"): `units` are the knowledge base's (unit_words.affixes)."""
    magnitude = abs(float(x))
    text = f"{float(x):,.4g}" if magnitude < 1e4 else None
    if magnitude >= 1e15:  # beyond T: "6.71×10^20", never "6.71e+08T"
        mantissa, _, power = f"{float(x):.4g}".partition("e")
        text = f"{mantissa}×10^{int(power)}" if power else mantissa
    if text is None:
        for scale, letter in _SCALES:
            if magnitude >= scale:
                text = f"{float(x) / scale:.4g}{letter}"
                break
    text = text or f"{x}"
    prefix, suffix = affixes(units, unit, x)
    if text.startswith("-"):
        return f"-{prefix}{text[1:]}{suffix}"
    return f"{prefix}{text}{suffix}"


def value(v: Any, unit: str, units: Mapping[str, Unit]) -> str:
    if v is None:
        return "undisclosed"
    if isinstance(v, dict):
        lo, hi = v.get("low"), v.get("high")
        if lo is not None and hi is not None:
            return f"{number(lo, unit, units)} to {number(hi, unit, units)}"
        if lo is not None:
            return f"≥ {number(lo, unit, units)}"
        return f"≤ {number(hi, unit, units)}"
    if isinstance(v, str):
        return v
    return number(v, unit, units)


def claim(c: Claim, units: Mapping[str, Unit]) -> str:
    if c.value is None:
        return f"{c.id} ({c.status}, {c.verdict})"
    return f"{c.id} ({value(c.value, c.unit, units)}, {c.status}, {c.verdict})"


def quantity_name(kb: KnowledgeBase, quantity_id: str) -> str:
    """The quantity's name as it reads inside a sentence ("training cost", "GPU rental price")."""
    q = kb.quantities.get(quantity_id)
    if q is None:
        return quantity_id
    return q.name if q.name[:2].isupper() else q.name[:1].lower() + q.name[1:]


def model_name(kb: KnowledgeBase, model_id: str) -> str:
    m = kb.models.get(model_id)
    return m.name if m else model_id


# the words of each claim said so far in one report, by the claim (held: its id stays its own)
ClaimWords = dict[int, tuple[Claim, str]]


def message(kb: KnowledgeBase, j: Judgement, said: ClaimWords | None = None) -> str:
    """One sentence saying why the figure got its outcome, and at which exchange rates a claim
    in another currency was read. `said`: the claims of the report worded so far (a claim is
    named in the message of every judgement that matched it: worded once)."""
    text = _message(kb, j, {} if said is None else said)
    converted = [c for c in [*j.claims, *j.corrections] if c.id in j.conversions]
    if converted:
        conv = j.conversions[converted[0].id]
        span = {"low": conv.low, "high": conv.high} if conv.low != conv.high else conv.low
        text += (
            f"; {converted[0].id} in {j.value.unit}: {value(span, j.value.unit, kb.units)} "
            f"at {conv.describe()}"
        )
    return text


def _message(kb: KnowledgeBase, j: Judgement, said: ClaimWords) -> str:
    quantity = quantity_name(kb, j.quantity)
    subject = f"{model_name(kb, j.model)}'s {quantity}"
    listed = _claims(j.claims, kb, said)
    if j.outcome == "agrees":
        return f"agrees with {listed}"
    if j.outcome == "conflicts":
        return f"the knowledge base gives {subject} as {listed}"
    if j.outcome == "known-misconception":
        fixes = _claims(j.corrections, kb, said) or "see the claim's notes"
        return f"a known misconception: {listed}; corrected by {fixes}"
    if j.outcome == "misattributed":
        owners = sorted({model_name(kb, c.subject) for c in j.claims})
        own = _claims(j.corrections, kb, said)
        text = f"the figure is {', '.join(owners)}'s: {listed}"
        return text + (f"; {subject}: {own}" if own else f"; nothing recorded for {subject}")
    if j.incomparable:
        held = _claims(j.incomparable, kb, said)
        return (
            f"not compared: the knowledge base gives {subject} only in another unit ({held}), "
            f"and no exchange rate from {j.value.unit} on record within a year of their sources"
        )
    related = _claims(j.related, kb, said)
    return f"nothing in the knowledge base about {subject}" + (
        f" (see {related})" if related else ""
    )


def _claims(claims: list[Claim], kb: KnowledgeBase, said: ClaimWords) -> str:
    """The first three claims in words, each worded once for the report."""
    words = []
    for c in claims[:3]:
        found = said.get(id(c))
        if found is None:
            found = said[id(c)] = (c, claim(c, kb.units))
        words.append(found[1])
    return "; ".join(words)

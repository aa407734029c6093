"""What a page is found by in the site search, beyond its own words, and how high it ranks.

Material's search (lunr) matches the words of a page by prefix, so a page that shows
"$294K" is not found by "294,000", "0.294M" or "$294 thousand", nor a claim about
"Training cost" by "budget". Each page gets `keywords`: its figures in the notations people
write, the models' names whole and in parts with their aliases, and the quantities' names with
their synonyms (`terms` in data/quantities.yaml). The hook adds them to the search index as a
field of their own (`keywords` in mkdocs.yml), so they are searched but never shown.

Ranking: model and quantity pages first, then accurate claims, then the claims that do not
hold up (Material's `search.boost` page setting multiplies a page's score).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from r1kb.kb import Claim, Model, Quantity
from r1kb.site.analysis import FOCUS_MODEL
from r1kb.site.context import SiteContext
from r1kb.site.formatting import SCALES, plain, significant, to_decimal

FIELD = "keywords"
BOOST = {
    "model": 2.5,
    "accurate": 2.0,
    "quantity": 1.5,  # a claim that names the model too comes before the quantity's page
    "accurate-undisclosed": 1.25,  # a figure before the record that there is none ("R1 cost")
    "gap": 1.0,
    "misconception": 0.5,
}
FOCUS_BOOST = 1.25  # the site is about R1: its claims first among equals ("R1 cost")
CURRENCY = {"USD": "$", "USD-per-week": "$", "USD-per-GPU-hour": "$"}
SCALED_FROM = Decimal("0.1")
ROUND_FROM = 1000
BINARY_K = 1024
_GLOB = re.compile(r"[*?\[\]]")


def notations(x: float | int, unit: str) -> list[str]:
    """A figure as people write it: 294000 USD -> 294000, 294,000, 294K, 0.294M, $294K,
    $294,000, $0.294M, 294 thousand, ...; a cost also rounded (5576000 USD as 5.58M, 5.6M,
    $6 million). Every form is a separate match for a prefix, so there are few of them."""
    d = abs(to_decimal(x))
    currency = CURRENCY.get(unit, "")
    values = [d]
    if currency and d >= ROUND_FROM:  # costs are rounded in print; counts are quoted exactly
        digits = len(d.normalize().as_tuple().digits)
        values += [significant(d, n).normalize() for n in range(digits - 1, 0, -1)]
    out: list[str] = []
    if unit == "tokens" and d >= BINARY_K and d % BINARY_K == 0:
        out.append(f"{plain(d / BINARY_K)}K")  # 131,072 tokens is written "128K"
    for v in dict.fromkeys(values):
        forms = [plain(v), plain(v).replace(",", "")]
        for scale, suffix, word in SCALES:
            if SCALED_FROM <= v / scale < 1000:  # 294K and 0.294M, never 0.000294B
                scaled = plain(v / scale)
                forms.append(f"{scaled}{suffix}")
                if v >= scale:  # "294 thousand", but no "0.294 million" to match "million"
                    forms.append(f"{scaled} {word}")
        out += forms + [f"{currency}{f}" for f in forms if currency]
    return list(dict.fromkeys(out))


def value_terms(claim: Claim) -> list[str]:
    value: Any = claim.value
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return notations(value, claim.unit)
    if isinstance(value, dict):
        return [t for v in value.values() if v is not None for t in notations(v, claim.unit)]
    return []


def _split(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-]+", name) if p]


def model_terms(model: Model) -> list[str]:
    """The name and the aliases (DeepSeek-R1, R1, DeepSeek R1, DeepSeekR1): the index splits
    them into their parts, so "R1" and "DeepSeek" find the page as well as the whole name."""
    own = set(_split(model.name))
    names = [model.name] + [
        a for a in model.aliases if all(p in own or not p[:1].isdigit() for p in _split(a))
    ]  # "DeepSeek-R1 671B" would make every R1 page a match for "671"
    return list(dict.fromkeys(names))


def model_words(model: Model) -> list[str]:
    """Each word of the name and aliases once: a claim about R1-Zero, whose aliases repeat
    "R1" more often than R1's do, does not outrank R1's own claim for "R1"."""
    words = {w.lower(): w for t in model_terms(model) for w in _split(t)}
    return list(words.values())


def quantity_terms(quantity: Quantity) -> list[str]:
    """The name and the words articles use for it (data/quantities.yaml `terms`)."""
    terms = [_GLOB.sub("", t).strip() for t in quantity.terms]
    return list(dict.fromkeys([quantity.name, *(t for t in terms if t)]))


def joined(terms: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(terms))


def claim_meta(ctx: SiteContext, claim: Claim, *, gap: bool) -> dict[str, Any]:
    model = ctx.kb.models.get(claim.subject)
    quantity = ctx.kb.quantities.get(claim.quantity)
    terms = value_terms(claim)
    terms += model_words(model) if model else [claim.subject]
    terms += quantity_terms(quantity) if quantity else [claim.quantity]
    if claim.verdict != "accurate":
        terms.append(claim.verdict)
    if claim.verdict == "accurate":
        kind = "accurate-undisclosed" if claim.status == "undisclosed" else "accurate"
    else:
        kind = "gap" if gap else "misconception"
    boost = BOOST[kind] * (FOCUS_BOOST if claim.subject == FOCUS_MODEL else 1)
    return {"search": {"boost": boost}, "r1kb_keywords": joined(terms)}


def model_meta(model: Model) -> dict[str, Any]:
    return {"search": {"boost": BOOST["model"]}, "r1kb_keywords": joined(model_terms(model))}


def quantity_meta(quantity: Quantity) -> dict[str, Any]:
    return {
        "search": {"boost": BOOST["quantity"]},
        "r1kb_keywords": joined(quantity_terms(quantity)),
    }


def add_to_index(index: dict[str, Any], keywords: dict[str, str]) -> dict[str, Any]:
    """Put each page's keywords on its first entry of Material's search_index.json.

    `keywords` maps a page's URL (as in the index's `location`) to its keywords; the
    sections of a page (`location` with an anchor) stay as they are.
    """
    for doc in index.get("docs", []):
        words = keywords.get(doc.get("location", ""))
        if words:
            doc[FIELD] = words
    return index

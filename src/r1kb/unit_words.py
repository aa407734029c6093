"""The words and signs written around a number of a unit: "$" before a cost, "%" after a
score, " GPU-hours" after a count of them. They come from each unit's `symbol` and `label` in
data/quantities.yaml, so the site and check-source's reports write a unit the same way and a
new currency needs no code."""

from __future__ import annotations

from collections.abc import Mapping

from r1kb.kb import Unit

# Units whose numbers stand alone: "a Codeforces rating of 2,029", not "2,029 rating"; a date
# is written as it is.
BARE_UNITS = frozenset({"rating", "date"})


def affixes(
    units: Mapping[str, Unit], unit_id: str, x: float | int | None = None
) -> tuple[str, str]:
    """(prefix, suffix) around a number of the unit: ('$', ''), ('$', ' per GPU-hour'),
    ('', '%'), ('', ' GPU-hours'); a unit of one thing in the singular ('1 GPU'). A unit the
    data does not define is written by its id."""
    words = _table(units).get(unit_id)
    if words is None:
        words = _unit_words(units, unit_id)
    prefix, suffix, singular = words
    if singular is not None and x is not None and abs(x) == 1:
        return prefix, singular
    return prefix, suffix


# (prefix, suffix, the suffix for one thing or None where it is the same)
_Words = tuple[str, str, str | None]


def _unit_words(units: Mapping[str, Unit], unit_id: str) -> _Words:
    """A unit's affixes, read off every unit of `units` (a symbol of a unit whose label
    starts another's: "$" of "USD" in "USD per GPU-hour")."""
    unit = units.get(unit_id)
    if unit is None:
        return "", f" {unit_id}", None
    if unit.symbol:
        return unit.symbol, "", None
    label = unit.label
    for other in units.values():
        if other.symbol and label.startswith(other.label + " "):
            return other.symbol, label[len(other.label) :], None
    if not label or unit_id in BARE_UNITS:
        return "", "", None
    if label == "%":
        return "", "%", None
    if " " not in label and label.endswith("s"):
        return "", f" {label}", f" {label[:-1]}"
    return "", f" {label}", None


# The last mapping of units asked about, its length and each unit's words. A knowledge base's
# units are added once, when it is loaded, and never changed in place, then read for every
# figure of a report: the loop over every unit in _unit_words is run once per unit, not per
# number written (a mapping that grows, or another one, gets a new table).
_last: tuple[Mapping[str, Unit], int, dict[str, _Words]] | None = None


def _table(units: Mapping[str, Unit]) -> dict[str, _Words]:
    global _last
    if _last is None or _last[0] is not units or _last[1] != len(units):
        _last = (units, len(units), {uid: _unit_words(units, uid) for uid in units})
    return _last[2]

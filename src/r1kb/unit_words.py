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
    unit = units.get(unit_id)
    if unit is None:
        return "", f" {unit_id}"
    if unit.symbol:
        return unit.symbol, ""
    label = unit.label
    for other in units.values():
        if other.symbol and label.startswith(other.label + " "):
            return other.symbol, label[len(other.label) :]
    if not label or unit_id in BARE_UNITS:
        return "", ""
    if label == "%":
        return "", "%"
    if x is not None and abs(x) == 1 and " " not in label and label.endswith("s"):
        label = label[:-1]
    return "", f" {label}"

"""Values as a reader expects to see them, without ever rounding a digit away.

671000000000 parameters -> "671B parameters"; 5576000 USD -> "$5.576M"; 2788000 GPU-hours ->
"2.788M GPU-hours"; 163840 tokens -> "163,840 tokens" (thousands are abbreviated only to
one decimal: "128K", never "163.84K"); {high: 2} months -> "< 2 months"; 3e-06 ->
"3 × 10⁻⁶"; 3.2856e24 FLOP -> "3.29 × 10²⁴ FLOP"; dates and text as given. Numbers are
scaled with Decimal arithmetic on their shortest representation, so every significant digit
of the record survives ("$5.576M", never "$5.58M"); only magnitudes beyond trillions are
written with three significant digits, as people write them, with the exact figure on hover.

Plain text is returned: callers escape it for the context they write it into.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from r1kb.kb import Unit
from r1kb.unit_words import affixes

SCALES = (
    (Decimal(10) ** 12, "T", "trillion"),
    (Decimal(10) ** 9, "B", "billion"),
    (Decimal(10) ** 6, "M", "million"),
    (Decimal(10) ** 3, "K", "thousand"),
)
# From which magnitude a unit's values are abbreviated (K, M, B, T); None: never.
ABBREVIATE_FROM: dict[str, int | None] = {
    "USD": 1_000,
    "CNY": 1_000,
    "USD-per-week": 1_000,
    "tokens": 1_000,
    "GPU-hours": 1_000,
    "GPU-hours-per-trillion-tokens": 1_000,
    "parameters": 1_000_000,
    "samples": 10_000,
    "GPUs": None,
    "count": None,
    "rating": None,
    "sequences": None,
    "hours": None,
    "days": None,
    "weeks": None,
    "months": None,
}
DEFAULT_ABBREVIATE_FROM = 1_000_000
SPELL_FROM = Decimal(10) ** 6  # "671 billion"; "2.048 thousand" helps nobody
SCIENTIFIC_FROM = Decimal(10) ** 15  # beyond trillions: 3.29 × 10²⁴ FLOP
# Beyond trillions a figure is read as a magnitude and written with three significant digits
# (3.2856e24 FLOP as "3.29 × 10²⁴ FLOP"); the exact figure stays on hover (`exact`).
SCIENTIFIC_DIGITS = 3
SCIENTIFIC_BELOW = Decimal("0.001")  # learning rates: 2.2 × 10⁻⁴
NOT_DISCLOSED = "not disclosed"
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def to_decimal(x: float | int) -> Decimal:
    """The number exactly as written in the record (floats via their shortest repr)."""
    return Decimal(x) if isinstance(x, int) else Decimal(repr(float(x)))


def plain(d: Decimal) -> str:
    """1234567.5 -> '1,234,567.5' (no exponent, no trailing zeros)."""
    text = format(d.normalize(), "f")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + (f".{frac}" if frac else "")


def significant(d: Decimal, digits: int) -> Decimal:
    """d to `digits` significant digits, half up: 3.2856e24 -> 3.29e24."""
    if not d:
        return d
    return d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def scientific(d: Decimal) -> str:
    """3e-06 -> '3 × 10⁻⁶'; 3.2856e24 -> '3.2856 × 10²⁴'."""
    _sign, digits, exponent = d.normalize().as_tuple()
    assert isinstance(exponent, int)
    power = len(digits) + exponent - 1
    mantissa = d.scaleb(-power).normalize()
    return f"{plain(mantissa)} × 10{str(power).translate(_SUPERSCRIPT)}"


class Formatter:
    """Formats numbers and claim values in the units of data/quantities.yaml."""

    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = units

    # --- numbers -------------------------------------------------------------------
    def number(self, x: float | int, unit_id: str) -> str:
        """A number scaled for reading, without its unit: 5576000 USD -> '5.576M'."""
        d = to_decimal(x)
        size = abs(d)
        if size >= SCIENTIFIC_FROM:
            return scientific(significant(d, SCIENTIFIC_DIGITS))
        if size and size < SCIENTIFIC_BELOW:
            return scientific(d)
        threshold = ABBREVIATE_FROM.get(unit_id, DEFAULT_ABBREVIATE_FROM)
        if threshold is not None and size >= threshold:
            for scale, suffix, _ in SCALES:
                if size >= scale:
                    scaled = plain(d / scale)
                    if suffix == "K" and len(scaled.partition(".")[2]) > 1:
                        break  # 32,768 tokens, never "32.768K tokens"
                    return scaled + suffix
        return plain(d)

    def words(self, x: float | int) -> str | None:
        """671000000000 -> '671 billion'; None below a million or in scientific range."""
        d = to_decimal(x)
        size = abs(d)
        if size >= SCIENTIFIC_FROM or size < SPELL_FROM:
            return None
        for scale, _, word in SCALES:
            if size >= scale:
                return f"{plain(d / scale)} {word}"
        return None

    # --- with units --------------------------------------------------------------------
    def _affixes(self, unit_id: str, x: float | int | None = None) -> tuple[str, str]:
        """(prefix, suffix) around a number: ('$', ''), ('$', ' per GPU-hour'), ('', '%')."""
        return affixes(self.units, unit_id, x)

    def with_unit(self, x: float | int, unit_id: str) -> str:
        prefix, suffix = self._affixes(unit_id, x)
        text = self.number(x, unit_id)
        if text.startswith("-"):
            return f"-{prefix}{text[1:]}{suffix}"
        return f"{prefix}{text}{suffix}"

    def computed(self, x: float, unit_id: str) -> str:
        """A recomputed (floating-point) result, to 6 significant digits: '$5.576M'."""
        rounded = float(f"{x:.6g}")
        return self.with_unit(int(rounded) if rounded.is_integer() else rounded, unit_id)

    def constant(self, x: float | int, unit_id: str) -> str:
        """A formula constant: '24 hours', '7' (unit '1')."""
        if unit_id == "1" or unit_id not in self.units:
            text = plain(to_decimal(x))
            return text if unit_id == "1" else f"{text} {unit_id}"
        return self.with_unit(x, unit_id)

    def axis_number(self, x: float | int, unit_id: str) -> str:
        """A tick label: the number with a currency symbol or %, other units left to the title."""
        prefix, suffix = self._affixes(unit_id, x)
        return f"{prefix}{self.number(x, unit_id)}{suffix if suffix == '%' else ''}"

    def value(self, value: Any, unit_id: str) -> str:
        """A claim's value for display: '671B parameters', '< 2 months', '2025-01-20'."""
        if value is None:
            return NOT_DISCLOSED
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, (int, float)):
            return self.with_unit(value, unit_id)
        if isinstance(value, dict):
            return self._range(value, unit_id)
        return str(value)

    def _range(self, value: dict[str, float], unit_id: str) -> str:
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None:
            prefix, suffix = self._affixes(unit_id, high)
            return (
                f"{prefix}{self.number(low, unit_id)}–{prefix}{self.number(high, unit_id)}{suffix}"
            )
        if high is not None:
            return f"< {self.with_unit(high, unit_id)}"
        if low is not None:
            return f"> {self.with_unit(low, unit_id)}"
        return ""

    def exact(self, value: Any, unit_id: str) -> str | None:
        """The unscaled figure when the display scales it: '671,000,000,000 parameters'."""
        numbers = (
            [value]
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else [v for v in value.values()]
            if isinstance(value, dict)
            else []
        )
        if not numbers:
            return None
        prefix, suffix = self._affixes(unit_id, numbers[-1])
        parts = [f"{prefix}{plain(to_decimal(n))}" for n in numbers]
        if isinstance(value, dict) and len(parts) == 1:
            text = ("< " if "high" in value else "> ") + parts[0] + suffix
        else:
            text = "–".join(parts) + suffix
        return None if text == self.value(value, unit_id) else text

    def spelled(self, value: Any) -> str | None:
        """'671 billion' for a single large number, else None."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.words(value)
        return None

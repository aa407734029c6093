"""Values of `r1kb new claim` read from its flags: a claim's value (`--value`) and the
inputs of its derivation (`--input`). Refused as usage errors where validate would refuse
the record (a value beyond any figure's size, digits other than 0-9), never written wrong
(1e-400 as 0, 12345678901234567 rounded) nor a traceback (int()'s digit limit)."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from r1kb.rules.references import MAX_MAGNITUDE, MIN_MAGNITUDE, beyond_magnitude


def parse_value(text: str | None, unit: str) -> Any:
    """A claim value from the command line: a number, LOW..HIGH, a date, text, or null."""
    if text is None or text.strip().lower() in ("", "null", "none"):
        return None
    text = text.strip()
    if unit in ("date", "text"):
        return text
    if ".." in text:
        low, _, high = text.partition("..")
        out = {}
        if low.strip():
            out["low"] = parse_value(low, unit)
        if high.strip():
            out["high"] = parse_value(high, unit)
        return out
    clean = re.sub(r"[,_\s]", "", text)
    if any(not ch.isascii() and unicodedata.decimal(ch, None) is not None for ch in clean):
        raise click.BadParameter(
            f"{text!r} is written with digits other than 0-9: write {_ascii_digits(text)!r}",
            param_hint="--value",
        )
    exact = _decimal(text, clean)  # no digit limit (int() stops at 4,300), no rounding to 0
    if not exact.is_finite():
        raise click.BadParameter(
            f"{text!r} is not a finite number: give the figure itself", param_hint="--value"
        )
    number = float(exact)  # quick for 100,000 digits, which int() takes seconds over
    value: int | float
    if re.fullmatch(r"[-+]?[0-9]+", clean) and math.isfinite(number):
        value = int(exact)  # exact: 12345678901234567 stays 12345678901234567
    else:
        value = int(number) if number.is_integer() and abs(number) < 1e15 else number
    if beyond_magnitude(value) or (exact and not value):  # 1e-400 would be written as 0
        raise _beyond(text)
    return value


def _ascii_digits(text: str) -> str:
    """text with every decimal digit written 0-9 ("١٢٣" -> "123")."""
    return "".join(
        str(d) if (d := unicodedata.decimal(ch, None)) is not None else ch for ch in text
    )


def _decimal(text: str, clean: str) -> Decimal:
    try:
        return Decimal(clean)
    except InvalidOperation:
        pass
    try:
        float(clean)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a number (nor LOW..HIGH)", param_hint="--value"
        ) from None
    raise _beyond(text)  # an exponent too large even for Decimal: 1e99999999999999999999


def _beyond(text: str) -> click.BadParameter:
    """validate's value-out-of-range, said before anything is written."""
    shown = repr(text) if len(text) <= 40 else f"a value of {len(text):,} characters"
    return click.BadParameter(
        f"{shown} is beyond any figure's size (between {MIN_MAGNITUDE:g} and "
        f"{MAX_MAGNITUDE:g}, or 0): give it in another unit that brings it within",
        param_hint="--value",
    )


_CONSTANT = re.compile(r"\s*(?P<value>\S+)\s+(?P<unit>\S+)\s*")


def parse_inputs(items: tuple[str, ...]) -> dict[str, Any]:
    """A derivation's inputs from `--input` flags: NAME=CLAIM_ID (another claim) or
    NAME=VALUE UNIT (a constant with its unit)."""
    inputs: dict[str, Any] = {}
    for item in items:
        name, sep, what = (part.strip() for part in item.partition("="))
        if not sep or not name or not what:
            raise click.BadParameter(
                f"{item!r}: write NAME=CLAIM_ID or NAME=VALUE UNIT", param_hint="--input"
            )
        if name in inputs:
            raise click.BadParameter(f"{name!r} is given twice", param_hint="--input")
        constant = _CONSTANT.fullmatch(what)
        if constant is None:
            inputs[name] = {"claim": what}
            continue
        try:
            value = parse_value(constant.group("value"), constant.group("unit"))
        except click.BadParameter as exc:
            raise click.BadParameter(exc.message, param_hint="--input") from None
        inputs[name] = {"value": value, "unit": constant.group("unit")}
    return inputs

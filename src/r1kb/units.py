"""Units and dimensions, from the `units` table of data/quantities.yaml, on pint.

pint is imported lazily: validating a knowledge base without derivations or
unit checks does not pay its start-up cost. Comparing dimensions and converting between
units (what check-source does with every figure) uses each unit's dimensions and the factors
between units that pint gave once for the same units table, kept in the disk cache
(r1kb.diskcache): the same answers, bit for bit, without importing pint on every run.
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from typing import Any

from r1kb import diskcache
from r1kb.kb import Unit

_TOKEN = re.compile(r"(?<![0-9.A-Za-z_-])[A-Za-z][A-Za-z0-9_-]*")
# The units of one dimension whose factors to each other are worked out up front (a pair each,
# from pint): a data folder of 1,000 units of one dimension took 81 s to validate.
MAX_PAIRED = 64
_BUILTIN = [
    "second = [time]",
    "minute = 60 * second",
    "hour = 60 * minute",
    "day = 24 * hour",
    "week = 7 * day",
    "month = 30.436875 * day",
    "year = 365.25 * day",
]
NON_NUMERIC = ("date", "text")
# What a definition may be before pint sees it: pint evaluates numbers with Python integers,
# so "10 ** 10 ** 10" would never finish. Products and quotients of numbers and unit names
# (small powers allowed), or a base [dimension].
_NUMBER = r"[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]{1,2})?"
_FACTOR = rf"(?:{_NUMBER}|[A-Za-z][A-Za-z0-9_-]*(?:\s*\*\*\s*-?[1-9])?)"
_DEFINITION = re.compile(rf"\s*(?:\[[A-Za-z_][A-Za-z0-9_]*\]|{_FACTOR}(?:\s*[*/]\s*{_FACTOR})*)\s*")


def safe_name(unit_id: str) -> str:
    return "u_" + unit_id.replace("-", "_").replace(".", "_")


class UnitError(Exception):
    pass


class UnitSystem:
    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = units
        self.errors: dict[str, str] = {}  # unit id -> why its own definition is bad
        # unit id -> the bad unit its definition builds on: not reported again (one bad
        # definition is one problem, however many units and records use it)
        self.built_on: dict[str, str] = {}
        self._factors: dict[str, float] = {}
        self.checked_signatures: set[tuple[object, ...]] = set()  # see derive.recompute

    @cached_property
    def registry(self) -> Any:
        import pint

        reg = pint.UnitRegistry(None, cache_folder=None, autoconvert_offset_to_baseunit=False)
        for line in _BUILTIN:
            reg.define(line)
        pending = {uid: u for uid, u in self.units.items() if u.numeric}
        while pending:
            progressed = False
            for uid, unit in list(pending.items()):
                deps = self._deps(uid)
                if deps & pending.keys():
                    continue
                bad = sorted(d for d in deps if d in self.errors or d in self.built_on)
                if bad:
                    self.built_on[uid] = self.built_on.get(bad[0], bad[0])
                    del pending[uid]
                    progressed = True
                    continue
                try:
                    if not unit.definition.strip():
                        raise UnitError("the definition is empty")
                    if not _DEFINITION.fullmatch(unit.definition):
                        raise UnitError(
                            "write numbers and unit names joined by * and / (powers up to ** 9), "
                            "or a base [dimension]"
                        )
                    reg.define(f"{safe_name(uid)} = {self._translate(unit.definition)}")
                    size = reg.Quantity(1.0, safe_name(uid)).to_base_units().magnitude  # lazy
                    if not math.isfinite(size) or size == 0:
                        raise UnitError(f"its size in base units is {size}")
                except Exception as exc:  # pint raises many kinds; report them all alike
                    self.errors[uid] = f"cannot define unit {uid!r}: {exc}"
                del pending[uid]
                progressed = True
            if not progressed:
                self._circles(pending)
                break
        return reg

    def _deps(self, uid: str) -> set[str]:
        """The units uid's definition names."""
        tokens = _TOKEN.findall(self.units[uid].definition)
        return {t for t in tokens if t in self.units and t != uid}

    def _circles(self, pending: dict[str, Unit]) -> None:
        """Units left undefined: those on a circle of definitions are errors (the message
        names the circle), those that only build on one are built on it."""
        from r1kb.cycles import cycles

        graph = {uid: sorted(self._deps(uid) & pending.keys()) for uid in pending}
        found = cycles(graph)
        for uid, circle in found.items():
            self.errors[uid] = f"unit {uid!r} depends on itself: {circle.show()}"
        for uid in sorted(pending.keys() - found.keys()):
            root = uid
            while root not in found:  # along the definitions into a circle
                root = graph[root][0]
            self.built_on[uid] = root

    def broken(self, unit_id: str) -> bool:
        """Whether unit_id cannot be used: its definition is bad (reported at the definition,
        bad-unit-definition) or builds on a unit whose definition is."""
        if not self.is_numeric(unit_id):
            return False
        self.registry  # noqa: B018 - defines every unit, collecting errors
        return unit_id in self.errors or unit_id in self.built_on

    def _translate(self, definition: str) -> str:
        text = definition.strip()
        if text.startswith("[") and text.endswith("]"):
            return text
        return _TOKEN.sub(
            lambda m: safe_name(m.group(0)) if m.group(0) in self.units else m.group(0), text
        )

    def is_numeric(self, unit_id: str) -> bool:
        unit = self.units.get(unit_id)
        return unit is not None and unit.numeric

    def _unit(self, unit_id: str) -> Any:
        if unit_id == "1":
            return self.registry.dimensionless
        if unit_id not in self.units or not self.units[unit_id].numeric:
            raise UnitError(f"{unit_id!r} is not a numeric unit")
        if self.broken(unit_id):  # (defines every unit first)
            if unit_id in self.errors:
                raise UnitError(self.errors[unit_id])
            root = self.built_on[unit_id]
            raise UnitError(f"unit {unit_id!r} builds on {root!r}: {self.errors[root]}")
        try:
            return self.registry.Unit(safe_name(unit_id))
        except Exception as exc:
            raise UnitError(
                self.errors.get(unit_id, f"unit {unit_id!r} is undefined: {exc}")
            ) from None

    def base_factor(self, unit_id: str) -> float:
        """How many base units one `unit_id` is (GPU-hours -> GPU-seconds: 3600)."""
        if unit_id not in self._factors:
            self._factors[unit_id] = float(self.quantity(1.0, unit_id).to_base_units().magnitude)
        return self._factors[unit_id]

    def quantity(self, value: float, unit_id: str) -> Any:
        return self.registry.Quantity(value, self._unit(unit_id))

    @cached_property
    def _facts(self) -> tuple[dict[str, Any], dict[tuple[str, str], float]] | None:
        """Each numeric unit's dimensions (None where pint cannot define it) and the factor
        from each unit to each other unit of the same dimensions; None if pint misbehaves."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            pint_version = version("pint")
        except PackageNotFoundError:
            pint_version = "?"
        table = sorted((uid, u.definition, u.numeric) for uid, u in self.units.items())
        key = diskcache.key_of(2, pint_version, _BUILTIN, table)  # 2: large dimensions unpaired
        stored = diskcache.read("units", key)
        if isinstance(stored, tuple) and len(stored) == 2:
            dims, pairs = stored
            return dims, {(a, b): f for a, b, f in pairs}
        try:
            dims = {}
            for uid in self.units:
                if self.is_numeric(uid):
                    try:
                        found = self._unit(uid).dimensionality
                        dims[uid] = tuple(sorted((str(k), v) for k, v in dict(found).items()))
                    except UnitError:
                        dims[uid] = None
            groups: dict[Any, list[str]] = {}
            for uid, dim in dims.items():
                if dim is not None:
                    groups.setdefault(dim, []).append(uid)
            pairs = [  # within each dimension; a larger group is converted by pint when asked
                (a, b, float(self.quantity(1.0, a).to(self._unit(b)).magnitude))
                for group in groups.values()
                if len(group) <= MAX_PAIRED
                for a in group
                for b in group
                if a != b
            ]
        except Exception:  # pint raising where _unit does not wrap it: ask pint every time
            return None
        diskcache.write("units", key, (dims, pairs))
        return dims, {(a, b): f for a, b, f in pairs}

    def compatible(self, a: str, b: str) -> bool:
        """Same dimension (both non-numeric of the same kind counts as compatible)."""
        if a == b:
            return True
        if not self.is_numeric(a) or not self.is_numeric(b):
            ua, ub = self.units.get(a), self.units.get(b)
            return (
                ua is not None
                and ub is not None
                and not ua.numeric
                and (ua.definition == ub.definition)
            )
        facts = self._facts
        if facts is not None and a in facts[0] and b in facts[0]:
            return facts[0][a] is not None and facts[0][a] == facts[0][b]
        try:
            return bool(self._unit(a).dimensionality == self._unit(b).dimensionality)
        except UnitError:
            return False

    def convert(self, value: float, from_unit: str, to_unit: str) -> float:
        if from_unit == to_unit:
            return value
        facts = self._facts
        factor = facts[1].get((from_unit, to_unit)) if facts is not None else None
        if factor is not None and isinstance(value, int | float):
            return float(value * factor)  # what pint computes: value times its factor
        return float(self.quantity(value, from_unit).to(self._unit(to_unit)).magnitude)

    def magnitude_in(self, quantity: Any, unit_id: str) -> float:
        """The magnitude of a pint quantity in unit_id; UnitError if dimensions differ."""
        try:
            return float(quantity.to(self._unit(unit_id)).magnitude)
        except UnitError:
            raise
        except Exception as exc:
            got = _dims(quantity.dimensionality)
            want = _dims(self._unit(unit_id).dimensionality)
            raise UnitError(f"the formula gives {got} but {unit_id} is {want}") from exc


def _dims(dimensionality: Any) -> str:
    text = str(dimensionality)
    return "a pure number" if text in ("", "dimensionless") else text

"""Units from the `units` table of quantities.yaml, on pint: dimensions and conversions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from r1kb.kb import Unit
from r1kb.units import UnitError, UnitSystem


def system(**definitions: str) -> UnitSystem:
    return UnitSystem(
        {uid: Unit(id=uid, label=uid, definition=d) for uid, d in definitions.items()}
    )


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (8, "weeks", "days", 56),
        (2, "months", "days", 60.87375),
        (1, "GPU-hours", "GPU-hours", 1),
        (1, "trillion-tokens", "tokens", 1e12),
        (14.8, "trillion-tokens", "million-tokens", 14.8e6),
        (50, "percent", "ratio", 0.5),
        (1_000_000, "USD-per-week", "USD-per-week", 1_000_000),
    ],
)
def test_conversions(
    real_units: UnitSystem, value: float, from_unit: str, to_unit: str, expected: float
) -> None:
    assert real_units.convert(value, from_unit, to_unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("days", "months", True),
        ("GPU-hours", "GPU-hours", True),
        ("USD", "CNY", False),  # no exchange rate is assumed
        ("GPU-hours", "hours", False),
        ("USD-per-GPU-hour", "USD", False),
        ("count", "percent", True),
        ("date", "date", True),
        ("text", "date", False),
        ("text", "count", False),
        ("parameters", "no-such-unit", False),
    ],
)
def test_compatibility(real_units: UnitSystem, a: str, b: str, compatible: bool) -> None:
    assert real_units.compatible(a, b) is compatible


def test_numeric_and_non_numeric(real_units: UnitSystem) -> None:
    assert real_units.is_numeric("GPU-hours")
    assert not real_units.is_numeric("date")
    assert not real_units.is_numeric("text")
    assert not real_units.is_numeric("no-such-unit")
    with pytest.raises(UnitError):
        real_units.quantity(1, "text")
    with pytest.raises(UnitError):
        real_units.quantity(1, "no-such-unit")


def test_base_factor_and_magnitude(real_units: UnitSystem) -> None:
    assert real_units.base_factor("GPU-hours") == pytest.approx(3600)
    assert real_units.base_factor("count") == 1
    week = real_units.quantity(1, "weeks")
    assert real_units.magnitude_in(week, "days") == pytest.approx(7)
    with pytest.raises(UnitError, match="formula gives"):
        real_units.magnitude_in(week, "USD")


def test_every_real_unit_defines_cleanly(real_units: UnitSystem) -> None:
    real_units.registry  # noqa: B018 - defines every unit
    assert real_units.errors == {}


def test_bad_definitions_are_collected_not_raised() -> None:
    units = system(
        widgets="[widget]",
        dozen="12 * widgets",
        furlongs="furlong * hour",
        broken="3 *",
        loop_a="2 * loop_b",
        loop_b="3 * loop_a",
    )
    units.registry  # noqa: B018
    assert set(units.errors) == {"furlongs", "broken", "loop_a", "loop_b"}
    assert "furlong" in units.errors["furlongs"]
    assert "depends on itself" in units.errors["loop_a"]
    assert units.convert(2, "dozen", "widgets") == 24
    with pytest.raises(UnitError):
        units.quantity(1, "furlongs")
    assert not units.compatible("furlongs", "widgets")


def test_units_depend_on_each_other_in_any_order() -> None:
    units = system(c="2 * b", b="3 * a", a="[thing]")
    assert units.convert(1, "c", "a") == 6
    assert units.errors == {}


@pytest.mark.parametrize(
    "definition",
    [
        "10 ** 10 ** 10",  # pint would compute this with Python integers, for ever
        "2 ** 99999999",
        "hour ** 100000",
        "1e308 * 1e308",
        "hour; hour",
        "__import__('os')",
        "(hour)",
        "[x] ** 2",
    ],
)
def test_definitions_pint_should_never_see(definition: str) -> None:
    start = time.perf_counter()
    units = system(a=definition, b="[b]")
    units.registry  # noqa: B018
    assert time.perf_counter() - start < 1
    assert "write numbers and unit names" in units.errors["a"]


@pytest.mark.parametrize("definition", ["0", "0 * b", "nan", "1e99 * 1e99 * 1e99 * 1e99"])
def test_a_unit_has_a_finite_non_zero_size(definition: str) -> None:
    units = system(a=definition, b="[b]")
    units.registry  # noqa: B018
    assert "size in base units" in units.errors["a"]
    with pytest.raises(UnitError):
        units.base_factor("a")


def test_small_powers_are_allowed() -> None:
    units = system(b="[b]", area="b ** 2", per_area="3 * b ** -2 / 2")
    assert units.convert(2, "per_area", "per_area") == 2
    assert units.errors == {}


def test_cached_dimensions_and_factors_answer_as_pint_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """compatible and convert from the disk cache give pint's answers, bit for bit, and a
    second UnitSystem over the same table reads them back without computing them again."""
    import itertools

    from r1kb.loader import load

    monkeypatch.setenv("R1KB_CACHE_DIR", str(tmp_path))
    units = load(Path(__file__).resolve().parents[1] / "data").kb.units
    pint_only = UnitSystem(units)
    pint_only.__dict__["_facts"] = None  # every answer from pint itself
    UnitSystem(units).compatible("hours", "days")  # computes and stores the facts
    cached = UnitSystem(units)
    assert cached._facts is not None
    pairs = list(itertools.product([*units, "1"], repeat=2))
    for a, b in pairs:
        assert cached.compatible(a, b) == pint_only.compatible(a, b), (a, b)
    same = [(a, b) for a, b in pairs if cached.compatible(a, b) and a in units and units[a].numeric]
    values = (1, 3, 1.5, 2.788e6, 294_000, 14.8e12, 1e300)
    for a, b in same:
        for value in values:
            assert cached.convert(value, a, b) == pint_only.convert(value, a, b), (a, b, value)
    assert "registry" not in cached.__dict__  # pint was never asked


def test_a_dimension_of_many_units_is_converted_when_asked(real_units: UnitSystem) -> None:
    """Every pair of 1,000 units of one dimension was converted up front (81 s to validate):
    a dimension of more than MAX_PAIRED units is converted by pint when a figure asks."""
    from r1kb.units import MAX_PAIRED

    many = {f"x{i}": Unit(id=f"x{i}", label="x", definition=f"{i + 2} * USD") for i in range(200)}
    system = UnitSystem({**real_units.units, **many})
    assert MAX_PAIRED < 200
    assert system.convert(3.0, "x0", "x1") == pytest.approx(2.0)  # 3 × 2 USD = 2 × 3 USD
    assert system.convert(1.0, "x198", "USD") == pytest.approx(200.0)
    assert system.compatible("x5", "USD") and not system.compatible("x5", "hours")
    facts = system._facts
    assert facts is not None and ("x0", "x1") not in facts[1]
    assert ("hours", "days") in facts[1] or ("days", "hours") in facts[1]  # a small dimension


def test_a_unit_built_on_a_bad_one_is_not_an_error_of_its_own() -> None:
    units = {
        "GPUs": Unit(id="GPUs", label="GPUs", definition="[gpu]"),
        "empty": Unit(id="empty", label="e", definition=""),
        "twice": Unit(id="twice", label="t", definition="2 * empty"),
        "loop-a": Unit(id="loop-a", label="a", definition="2 * loop-b"),
        "loop-b": Unit(id="loop-b", label="b", definition="3 * loop-a"),
        "on-loop": Unit(id="on-loop", label="l", definition="4 * loop-a * GPUs"),
    }
    system = UnitSystem(units)
    with pytest.raises(UnitError, match=r"'twice' builds on 'empty': .*is empty"):
        system.quantity(1.0, "twice")  # asked before anything else: the message is the same
    assert system.errors == {
        "empty": "cannot define unit 'empty': the definition is empty",
        "loop-a": "unit 'loop-a' depends on itself: loop-a -> loop-b -> loop-a",
        "loop-b": "unit 'loop-b' depends on itself: loop-b -> loop-a -> loop-b",
    }
    assert system.built_on == {"twice": "empty", "on-loop": "loop-a"}
    assert [u for u in units if system.broken(u)] == [*units][1:]

"""A unit is written the same way by the site and by check-source's reports, from its symbol and
label in the data: no list of currency signs or unit words in code (unit_words.affixes)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from r1kb.checksource.result.wording import number, value
from r1kb.kb import KnowledgeBase, Unit
from r1kb.loader import load
from r1kb.site.formatting import Formatter
from r1kb.unit_words import affixes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


@pytest.mark.parametrize(
    ("x", "unit", "words"),
    [
        (5.576e6, "USD", "$5.576M"),
        (2e6, "CNY", "¥2M"),
        (79.8, "percent", "79.8%"),
        (2.19, "USD-per-million-tokens", "$2.19 per million tokens"),
        (2, "USD-per-GPU-hour", "$2 per GPU-hour"),
        (2.788e6, "GPU-hours", "2.788M GPU-hours"),
        (1, "GPUs", "1 GPU"),
        (2029, "rating", "2,029"),
        (61, "count", "61"),
        (-5, "USD", "-$5"),
        (3, "made-up-unit", "3 made-up-unit"),
    ],
)
def test_check_source_writes_each_unit_from_the_data(
    kb: KnowledgeBase, x: float, unit: str, words: str
) -> None:
    assert number(x, unit, kb.units) == words


def test_a_new_currency_needs_no_code(kb: KnowledgeBase) -> None:
    units = {
        **kb.units,
        "EUR": Unit("EUR", "EUR", "[currency_eur]", symbol="€", currency=True),
        "EUR-per-GPU-hour": Unit("EUR-per-GPU-hour", "EUR per GPU-hour", "EUR / GPU-hours"),
    }
    assert number(5.6e6, "EUR", units) == "€5.6M"
    assert number(2, "EUR-per-GPU-hour", units) == "€2 per GPU-hour"
    assert value({"low": 5e6, "high": 6e6}, "EUR", units) == "€5M to €6M"
    assert Formatter(units).value(5_600_000, "EUR") == "€5.6M"


def test_the_site_and_check_source_put_the_same_signs_and_words_around_a_number(
    kb: KnowledgeBase,
) -> None:
    formatter = Formatter(kb.units)
    for unit_id in kb.units:
        prefix, suffix = affixes(kb.units, unit_id, 2)
        assert formatter.with_unit(2, unit_id) == f"{prefix}2{suffix}"
        assert number(2, unit_id, kb.units) == f"{prefix}2{suffix}"


def test_a_relabelled_unit_is_written_with_its_new_label(kb: KnowledgeBase) -> None:
    units = {**kb.units, "GPU-hours": replace(kb.units["GPU-hours"], label="GPU hours")}
    assert number(2.788e6, "GPU-hours", units) == "2.788M GPU hours"

"""Figures in yuan against claims in dollars, through the dated rates of data/exchange-rates.yaml.

The real knowledge base holds R1's training cost ($294K, first published in September 2025) and
V3's ($5.576M, December 2024) in dollars, and rates from December 2024 to September 2025.
"""

from __future__ import annotations

import dataclasses

import pytest

from conftest import ROOT
from r1kb.checksource.pipeline import check_text
from r1kb.kb import ExchangeRate, KnowledgeBase
from r1kb.loader import load


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


def _figure(kb: KnowledgeBase, text: str):  # type: ignore[no-untyped-def]
    (figure,) = check_text(text, kb).figures
    return figure


def test_yuan_at_the_rates_near_the_claim_agrees_and_says_which(kb: KnowledgeBase) -> None:
    fig = _figure(kb, "DeepSeek-R1 cost about 2 million yuan to train.\n")
    assert (fig.outcome, fig.model, fig.quantity) == ("agrees", "deepseek-r1", "training-cost")
    assert fig.claims == ["r1-rl-cost"]
    # the span $294K covers at the rates within a year of September 2025, and the nearest rate
    assert "¥2.091M to ¥2.145M" in fig.message
    assert "nearest: cny-per-usd-2025-09-22" in fig.message
    precise = _figure(kb, "DeepSeek-R1 was trained for ¥2.09 million.\n")
    assert precise.outcome == "agrees"


def test_yuan_ten_times_off_conflicts(kb: KnowledgeBase) -> None:
    fig = _figure(kb, "Another report put DeepSeek-R1's training bill at 20 million yuan.\n")
    assert fig.outcome == "conflicts"
    assert "r1-rl-cost in CNY" in fig.message


def test_v3s_cost_in_yuan_is_judged_as_in_dollars(kb: KnowledgeBase) -> None:
    """ "40 million yuan" is V3's $5.576M: right for V3, and for R1 the known misconception that
    R1 cost $5.58M, exactly as the same sentence in dollars is judged."""
    v3 = _figure(kb, "DeepSeek-V3 cost about 40 million yuan to train.\n")
    assert v3.outcome == "agrees" and "v3-training-cost" in v3.claims
    # December 2024: the nearest rate is that month's average
    assert "nearest: cny-per-usd-2024-12" in v3.message or "cny-per-usd-2025-01" in v3.message
    r1 = _figure(kb, "DeepSeek-R1 cost about 40 million yuan to train.\n")
    dollars = _figure(kb, "DeepSeek-R1 cost about $5.6 million to train.\n")
    assert r1.outcome == dollars.outcome == "known-misconception"
    assert r1.claims == dollars.claims and r1.corrections == dollars.corrections
    assert "v3-training-cost" in r1.corrections


def test_a_rate_more_than_a_year_from_the_claim_is_not_used(kb: KnowledgeBase) -> None:
    far = ExchangeRate(
        id="cny-per-usd-2020-01",
        unit="CNY",
        per="USD",
        value=7.1,
        date="2020-01",
        basis="a rate five years before any claim",
        source="frb-stlouis-alfred-exchus-2025-03-03",
        locator="x",
        quote="7.1",
    )
    old = dataclasses.replace(kb, exchange_rates=[far])
    fig = _figure(old, "DeepSeek-R1 cost about 2 million yuan to train.\n")
    assert fig.outcome == "new"
    assert "no exchange rate from CNY on record within a year" in fig.message


def test_a_rate_between_units_not_marked_as_currencies_is_ignored(kb: KnowledgeBase) -> None:
    gpus = dataclasses.replace(
        kb.exchange_rates[0], id="usd-per-gpus", unit="USD", per="GPUs", value=1.0
    )
    odd = dataclasses.replace(kb, exchange_rates=[gpus])
    fig = _figure(odd, "DeepSeek-R1 cost about 2 million yuan to train.\n")
    assert fig.outcome == "new"

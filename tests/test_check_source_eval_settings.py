"""DeepSeek's evaluation and usage settings (temperature, top-p, responses per query, the
recommended temperature range, the web/app temperature) as articles write them, in sentences
written for these tests: each is read as its own quantity, never as the RL rollout temperature
or the GRPO group size, which share its unit and some of its words."""

from __future__ import annotations

import pytest

from conftest import ROOT
from r1kb.checksource.pipeline import check_text
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

EVAL_QUANTITIES = ("eval-temperature", "eval-top-p", "eval-responses-per-query")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


def _found(kb: KnowledgeBase, text: str) -> dict[str, tuple[str, str, str]]:
    return {f.text: (f.model, f.quantity, f.outcome) for f in check_text(text, kb).figures}


def test_the_evaluation_settings_are_three_figures_of_their_own(kb: KnowledgeBase) -> None:
    text = (
        "DeepSeek evaluates R1 with a temperature of 0.6 and a top-p of 0.95, "
        "generating 64 responses per query."
    )
    figures = check_text(text, kb).figures
    assert [(f.text, f.quantity, f.outcome) for f in figures] == [
        ("0.6", "eval-temperature", "agrees"),
        ("0.95", "eval-top-p", "agrees"),
        ("64 responses per query", "eval-responses-per-query", "agrees"),
    ]
    assert {f.model for f in figures} == {"deepseek-r1"}
    assert [f.claims for f in figures] == [
        ["r1-eval-temperature"],
        ["r1-eval-top-p"],
        ["r1-eval-responses-per-query"],
    ]


def test_other_evaluation_settings_conflict(kb: KnowledgeBase) -> None:
    text = (
        "DeepSeek-R1-Distill-Qwen-7B was evaluated at a temperature of 1.0, "
        "with 128 responses per question."
    )
    assert _found(kb, text) == {
        "1.0": ("deepseek-r1-distill-qwen-7b", "eval-temperature", "conflicts"),
        "128 responses per question": (
            "deepseek-r1-distill-qwen-7b",
            "eval-responses-per-query",
            "conflicts",
        ),
    }


@pytest.mark.parametrize(
    ("sentence", "model"),
    [
        ("For DeepSeek-R1, set the temperature between 0.5 and 0.7.", "deepseek-r1"),
        (
            "DeepSeek recommends running R1 at a temperature within the range of 0.5-0.7.",
            "deepseek-r1",
        ),
        (  # the release-day README's wording
            "We recommend setting an appropriate temperature (between 0.5 and 0.7) when "
            "running DeepSeek-R1-Distill-Llama-8B.",
            "deepseek-r1-distill-llama-8b",
        ),
    ],
)
def test_the_recommended_range_is_read_as_a_range(
    kb: KnowledgeBase, sentence: str, model: str
) -> None:
    (figure,) = check_text(sentence, kb).figures
    assert (figure.model, figure.quantity, figure.outcome) == (
        model,
        "recommended-temperature",
        "agrees",
    )
    assert figure.value == {"low": 0.5, "high": 0.7}


def test_another_recommended_range_conflicts(kb: KnowledgeBase) -> None:
    (figure,) = check_text("For DeepSeek-R1, set the temperature between 0.2 and 0.4.", kb).figures
    assert (figure.quantity, figure.outcome) == ("recommended-temperature", "conflicts")


def test_the_web_app_temperature(kb: KnowledgeBase) -> None:
    text = "For DeepSeek-R1, the temperature in web/app is 0.6."
    assert _found(kb, text) == {"0.6": ("deepseek-r1", "app-temperature", "agrees")}


@pytest.mark.parametrize(
    ("sentence", "model"),
    [
        ("DeepSeek-R1-Zero generates rollouts at a sampling temperature of 1.", "deepseek-r1-zero"),
        (
            "In the first stage of RL, DeepSeek-R1 set the sampling temperature to 1 for rollout.",
            "deepseek-r1",
        ),
    ],
)
def test_a_rollout_temperature_stays_a_rollout_temperature(
    kb: KnowledgeBase, sentence: str, model: str
) -> None:
    assert _found(kb, sentence) == {"1": (model, "rollout-temperature", "agrees")}


def test_grpo_samples_per_question_are_not_evaluation_responses(kb: KnowledgeBase) -> None:
    text = "During RL, DeepSeek-R1 samples 16 outputs per question for each GRPO group."
    assert _found(kb, text) == {
        "16 outputs per question": ("deepseek-r1", "grpo-group-size", "agrees")
    }


@pytest.mark.parametrize("quantity", EVAL_QUANTITIES)
def test_every_evaluated_model_has_the_sampling_settings(kb: KnowledgeBase, quantity: str) -> None:
    """The README's "for all our models" covers the same models for the generation cap and the
    sampling settings: each model with an evaluation cap from the README has one claim of each
    setting, quoting the same README paragraph (R1-0528's card has settings of its own)."""
    capped = {
        c.subject
        for c in kb.claims.values()
        if c.quantity == "eval-max-generation-length"
        and any(e.source == "deepseek-r1-readme" for e in c.sources)
    }
    readme = [
        c
        for c in kb.claims.values()
        if c.quantity == quantity
        and any(
            e.source == "deepseek-r1-readme" and "requiring sampling" in e.quote for e in c.sources
        )
    ]
    assert len(capped) == 7
    assert sorted(c.subject for c in readme) == sorted(capped)
    assert len({c.value for c in readme}) == 1

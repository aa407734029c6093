"""check-source's words are data: each field of data/quantities.yaml that check-source reads
changes what it recognises when a word is added to it, with no change to the code.

Each case edits a copy of the real data (one line), and reads one sentence before and after:
the figure is not read (or read shorter) before, and read as the new word says after.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from r1kb.checksource.candidates.figure_scan import find_figures
from r1kb.checksource.lexicon.vocabulary import number_words
from r1kb.checksource.pipeline import check_text
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


def _add_to_list(key: str, word: str) -> tuple[str, str]:
    """An edit adding `word` to the first inline list after `key:` (a regular expression)."""
    return rf"({key}[^\n]*?\[)", rf'\g<1>"{word}", '


EUR = '\n  EUR: {label: EUR, currency: true, definition: "[currency_eur]", terms: ["euros"]}\\g<1>'
# case: (the edit, the sentence, what is read after it: figure text, unit, quantity or "read")
CASES = {
    # a unit's terms: a figure followed by one is in that unit
    "unit terms": (
        _add_to_list(r"  GPUs: \{[^\n]*terms: ", "TPUs"),
        "DeepSeek-V3 was trained on 2,048 TPUs.", ("2,048 TPUs", "GPUs", "gpu-count"),
    ),
    # a currency is a unit marked `currency: true`: its terms follow an amount
    # (no claim is in euros, so no quantity fits it and it is not reported)
    "a new currency": (
        (r"(\n  CNY: )", EUR),
        "DeepSeek-R1 cost 5 million euros to train.", ("5 million euros", "EUR", "read"),
    ),
    # a currency's symbol before an amount, with its country's letters, and its code
    "a currency's symbol": (
        (r"(\n  CNY: )", EUR.replace('terms: ["euros"]', 'symbol: "€", terms: ["euros"]')),
        "DeepSeek-R1 cost €5 million to train.", ("€5 million", "EUR", "read"),
    ),
    "a currency's code": (
        (r"(\n  CNY: )", EUR.replace('terms: ["euros"]', 'symbol: "€", terms: ["euros", "EUR"]')),
        "DeepSeek-R1 cost EUR 5 million to train.",
        ("EUR 5 million", "EUR", "read"),
    ),
    "accelerators": (
        _add_to_list(r"\naccelerators: ", "Z900"),
        "DeepSeek-V3 was trained on 2,048 Z900s.", ("2,048 Z900s", "GPUs", "gpu-count"),
    ),
    "accelerator_variants": (
        _add_to_list(r"\naccelerator_variants: ", "NVL"),
        "DeepSeek-V3 was trained on 2,048 H800 NVL GPUs.",
        ("2,048 H800 NVL GPUs", "GPUs", "gpu-count"),
    ),
    "gpu_machines": (
        _add_to_list(r"\ngpu_machines: ", "pods"),
        "DeepSeek-V3 was trained on 256 eight-way H800 pods.",
        ("256 eight-way H800 pods", "GPUs", "gpu-count"),
    ),
    # the terms of context-length are how a context is written after a number
    "context terms": (
        _add_to_list(r"\n  context-length:\n[^\n]*\n    terms: ", "attention span"),
        "DeepSeek-V3 has a 128K attention span.",
        ("128K attention span", "tokens", "context-length"),
    ),
    # the terms of the per-million-token prices name the tokens a price is per
    "per-million-token kinds": (
        _add_to_list(r"\n  api-output-price:\n(?:[^\n]*\n)*?    terms: ", "reasoning"),
        "DeepSeek-R1 costs $2.19 per million reasoning tokens.",
        ("$2.19 per million reasoning tokens", "USD-per-million-tokens", "api-output-price"),
    ),
    # a word after a Mixture-of-Experts layout makes its numbers the experts' counts
    "expert_layout_cues": (
        _add_to_list(r"\nexpert_layout_cues: ", "gating"),
        "DeepSeek-V3 uses 8-of-256 gating.", ("256", "count", "read"),
    ),
    # models.yaml: a noun after a size makes a bare "32B" a parameter count
    "size_nouns": (
        _add_to_list(r"\nsize_nouns: ", "edition"),
        "The 32B edition of DeepSeek-R1 runs on one GPU.", ("32B", "parameters", "read"),
    ),
}  # fmt: skip


def _read(text: str, data: Path) -> list[tuple[str, str | None, str | None]]:
    """The figures reported (text, unit, quantity), and every figure read ("read" as quantity)."""
    kb = load(data).kb
    read = [
        (text[r.start : r.end], r.unit, "read") for r in find_figures(text, [], number_words(kb))
    ]
    return [(f.text, f.unit, f.quantity) for f in check_text(text, kb).figures] + read


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_word_added_to_the_data_changes_what_is_read(case: str, tmp_path: Path) -> None:
    (pattern, replacement), text, expected = CASES[case]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert expected not in _read(text, data)
    edited = data / ("models.yaml" if case == "size_nouns" else "quantities.yaml")
    after, count = re.subn(pattern, replacement, edited.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"{case}: the edit found no place in {edited.name}"
    edited.write_text(after, encoding="utf-8")
    assert load(data).problems == []  # the edited data is schema-valid
    assert expected in _read(text, data)


# field: (the word added, the sentence, what is reported before it and not after)
NO_FIGURE_CASES = {
    # `foreign_units`: a number followed by one is no figure, even after a quantity's term
    "foreign_units": (
        "dims", "DeepSeek-V3 has a hidden size of 7168 dims.", ("7168", "count", "hidden-size")
    ),
    # `money_not_cost`: a sum with no term near it, in a clause with one of its words, is no
    # figure, where it was read as the currency's default quantity (the training cost)
    "money_not_cost": (
        "royalt*",
        "DeepSeek-R1 earned DeepSeek $2 billion in royalties.",
        ("$2 billion", "USD", "training-cost"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("field", sorted(NO_FIGURE_CASES))
def test_a_word_added_to_a_list_of_no_figures_makes_a_number_no_figure(
    field: str, tmp_path: Path
) -> None:
    word, text, before = NO_FIGURE_CASES[field]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert before in _read(text, data)
    pattern, replacement = _add_to_list(rf"\n{field}: ", word)
    quantities = data / "quantities.yaml"
    quantities.write_text(re.sub(pattern, replacement, quantities.read_text(encoding="utf-8")))
    assert load(data).problems == []
    assert [f for f in _read(text, data) if f[0] == before[0] and f[2] != "read"] == []


def test_a_quantity_marked_the_company_s_is_read_as_deepseek_s(tmp_path: Path) -> None:
    """`company: true`: a figure of the quantity is DeepSeek's own, whatever model its
    sentence names (one line added; no code names the quantity)."""
    text = "DeepSeek-R1's research and development spending reached $500 million."
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)

    def models() -> list[tuple[str, str]]:
        kb = load(data).kb
        return [(f.model, f.quantity) for f in check_text(text, kb).figures]

    assert models() == [("deepseek-r1", "research-cost")]
    quantities = data / "quantities.yaml"
    edited, count = re.subn(
        r"(\n  research-cost:\n(?:    [^\n]*\n)*?    group: cost\n)",
        r"\g<1>    company: true\n",
        quantities.read_text(encoding="utf-8"),
        count=1,
    )
    assert count == 1
    quantities.write_text(edited, encoding="utf-8")
    assert load(data).problems == []
    assert models() == [("deepseek", "research-cost")]

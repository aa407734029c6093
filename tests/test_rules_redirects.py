"""References through redirects: a claim that names itself by an old id (found by a fuzzing
review: the rules compared ids as written)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import CASES
from r1kb.validate import validate


def test_a_claim_that_names_itself_through_a_redirect_is_caught(tmp_path: Path) -> None:
    """An input or a relation naming the claim itself by an old id, or two derivations that
    depend on each other through old ids, validated (the rules compared ids as written)."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    (data / "redirects.yaml").write_text(
        "redirects:\n  old-self: v3-training-duration-derived\n", encoding="utf-8"
    )
    claim = data / "claims" / "v3-training-duration-derived.yaml"
    text = claim.read_text(encoding="utf-8").replace(
        "{claim: v3-base-gpu-count}", "{claim: old-self}"
    )
    claim.write_text(text, encoding="utf-8")
    codes = {p.code for p in validate(data).problems if p.file.endswith(claim.name)}
    assert {"self-reference", "derivation-cycle"} <= codes, codes


def test_redirect_messages_name_each_kind_in_the_singular(
    make_data: Callable[..., Path],
) -> None:
    """A renamed quantity's problems said "a live quantitie" (the kind minus its last letter)."""
    data = make_data(CASES / "invalid" / "redirect-invalid")
    (data / "redirects.yaml").write_text(
        "redirects: {}\n"
        "sources: {toy-report: a-blog, old-blog: no-such-source}\n"
        "models: {deepseek-v3: deepseek-r1, old-model: no-such-model}\n"
        "quantities: {training-cost: gpu-rental-price, old-cost: no-such-quantity}\n",
        encoding="utf-8",
    )
    found = {p.message for p in validate(data).problems if p.code == "redirect-invalid"}
    assert found == {
        "'toy-report' is a live source and cannot redirect",
        "redirect target 'no-such-source' is not a source id",
        "'deepseek-v3' is a live model and cannot redirect",
        "redirect target 'no-such-model' is not a model id",
        "'training-cost' is a live quantity and cannot redirect",
        "redirect target 'no-such-quantity' is not a quantity id",
    }

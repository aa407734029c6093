"""Text fields of only spaces or invisible characters (found by a fuzzing review: a quote of
three spaces, or of three zero-width spaces, validated, and was "found" in its snapshot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from r1kb.rules.blank import is_blank
from r1kb.validate import validate


@pytest.mark.parametrize(
    "text", ["", " ", "   ", "\u200b\u200b\u200b", "\u00a0\t", "\u2060 \ufeff"]
)
def test_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", " 1 ", "%", "—", "\u200bR1", "中"])
def test_not_blank(text: str) -> None:
    assert not is_blank(text)


def test_a_quote_of_zero_width_spaces_is_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    claim = next(
        p for p in sorted((data / "claims").glob("*.yaml")) if "    quote: " in p.read_text()
    )
    lines = claim.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    quote: "))
    lines[at] = '    quote: "\\u200b\\u200b\\u200b"\n'
    claim.write_text("".join(lines), encoding="utf-8")
    found = [(p.file, p.path) for p in validate(data).problems if p.code == "blank-text"]
    assert len(found) == 1 and found[0][0].endswith(claim.name) and "quote" in found[0][1]

"""The one-scan search for family model names finds exactly what each name's pattern finds
on its own, in the same order (the scan only skips places no match can start)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from r1kb.checksource.mentions import _family_matches, _family_patterns
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
KB = load(ROOT / "data").kb
PATTERNS = _family_patterns(KB)
PIECES = [
    "DeepSeek-R1", "deepseek r1", "R1", "r1", "V3", "DeepSeek’s V3", "R1-Distill-Qwen-32B",
    "1.5B model", "7B", "Qwen", "Llama-70B", "Distill", " ", "-", ".", "_", "é", "\u212a",
    "ſ", "K", "x", "1", "\n", "(", "671B", "Zero", "-Zero",
]  # fmt: skip


def expected(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), mid) for p, mid in PATTERNS for m in p.finditer(text)]


def found(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), mid) for m, mid in _family_matches(text, PATTERNS)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_scan_finds_what_each_pattern_finds(text: str) -> None:
    assert found(text) == expected(text)


def test_the_scan_on_the_articles() -> None:
    folder = ROOT.parent / "shared" / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts.append("DeepSeek-R1 1.5B and the 7B model; R1-Zero, DeepSeek V3, deepseek-r1-distill")
    for text in texts:
        assert found(text) == expected(text)

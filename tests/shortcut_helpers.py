"""Shared by the check-source speed tests: a text's whole report with a set of shortcuts as
they are and with them switched off, to show the shortcuts change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]


def case_articles() -> list[Path]:
    """The article snapshots of the test cases (tests/cases)."""
    return sorted((ROOT / "tests" / "cases").rglob("*.txt"))


def both_ways(
    text: str,
    kb: KnowledgeBase,
    name: str,
    plain: Callable[[pytest.MonkeyPatch], None],
    matcher: Matcher | None = None,
) -> tuple[dict, dict]:
    """The report of text as a dict with the shortcuts (`matcher`, else a new one), and with
    `plain` switching them off (a new matcher: none of its answers kept from the other run)."""
    fast = check_text(text, kb, name=name, matcher=matcher or Matcher(kb)).as_dict()
    with pytest.MonkeyPatch.context() as patch:
        plain(patch)
        slow = check_text(text, kb, name=name, matcher=Matcher(kb)).as_dict()
    return fast, slow

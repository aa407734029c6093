"""Accurate claims agree: unscoped claims against the scoped readings of their quantity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REAL_DATA
from r1kb.rules.agreement import rounds_to
from r1kb.validate import validate


@pytest.mark.parametrize(
    ("x", "v", "ok"),
    [
        (5_576_000, 5_600_000, True),  # $5.6M is $5.576M rounded
        (97.3, 97, True),
        (97.3, 97.3, True),
        (97.3, 90.0, False),
        (6.4, 6, False),  # one significant digit: only the exact figure
        (2_664_000, 2_700_000, True),
        (2_788_000, 2_700_000, False),
        (5e-6, 5e-6, True),
    ],
)
def test_a_figure_rounds_to_its_shorter_form(x: float, v: float, ok: bool) -> None:
    assert rounds_to(x, v) is ok


def _claim(data: Path, cid: str, value: float) -> None:
    (data / "claims" / f"{cid}.yaml").write_text(
        "# yaml-language-server: $schema=../schema/claim.schema.json\n"
        f"subject: deepseek-r1\nquantity: total-parameters\nvalue: {value}\nunit: parameters\n"
        "statement: An article gives DeepSeek-R1's total parameters.\n"
        "status: speculative\nverdict: accurate\nsources:\n"
        "  - source: seed-javaedge-r1-rivals-o1\n    role: claims\n    locator: paragraph 1\n"
        "    quote: DeepSeek-R1\n",
        encoding="utf-8",
    )


def test_an_unscoped_figure_needs_one_agreeing_reading_not_all(tmp_path: Path) -> None:
    """R1's total parameters are on record as 671B and, as the paper's round figure, 660B: an
    article's unscoped 671B agrees (the earlier attempt that compared with every scoped claim
    failed the check-source draft test on it), 600B agrees with neither."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    _claim(data, "article-r1-parameters", 671e9)
    _claim(data, "article-r1-parameters-wrong", 600e9)
    report = validate(data, [])
    found = {(Path(p.file).stem, p.code) for p in report.errors}
    assert found == {("article-r1-parameters-wrong", "unscoped-claim-disagrees")}
    message = next(p.message for p in report.errors)
    assert "'r1-total-parameters'" in message and "'r1-total-parameters-660b'" in message

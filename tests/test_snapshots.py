"""Quote normalisation and snapshot look-up (snapshots are other people's text, never ours)."""

from __future__ import annotations

from pathlib import Path

import pytest

from r1kb.snapshots import Snapshot, find_snapshot, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the ﬁnal ﬂow", "the final flow"),  # NFKC ligatures
        ("“quoted” ‘single’ „low“", '"quoted" \'single\' "low"'),
        ("a–b—c−d‐e‑f", "a-b-c-d-e-f"),  # en, em, minus, hyphen, non-breaking hyphen
        ("soft\u00adhyphen", "softhyphen"),
        ("zero\u200bwidth", "zerowidth"),
        ("**bold** and *em* and `code`", "bold and em and code"),
        ("  many \t spaces\n\nand lines  ", "many spaces and lines"),
        ("non\u00a0breaking space", "non breaking space"),  # NFKC turns NBSP into a space
        ("UPPER Case", "upper case"),
        ("ＦＵＬＬ width", "full width"),
        ("x²", "x2"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "kept", "joined"),
    [
        ("super-\nvised", "super-vised", "supervised"),
        ("DeepSeek-\nR1", "deepseek-r1", "deepseekr1"),
        ("rein-  \n   forcement", "rein-forcement", "reinforcement"),
        ("a - \nb", "a - b", "a - b"),  # a spaced dash is not a line-break hyphen
        ("no-break here", "no-break here", "no-break here"),
    ],
)
def test_line_break_hyphens(raw: str, kept: str, joined: str) -> None:
    assert normalise(raw) == kept
    assert normalise(raw, join_hyphens=True) == joined


@pytest.fixture
def snapshot(tmp_path: Path) -> Snapshot:
    path = tmp_path / "report.txt"
    path.write_text(
        "Title\n\nTraining costs only 2.788M GPU\nhours. Super-\nvised fine-tuning follows; "
        "DeepSeek-\nR1 is “the result” of the ﬁnal stage.\n",
        encoding="utf-8",
    )
    return Snapshot(path)


@pytest.mark.parametrize(
    "quote",
    [
        "Training costs only 2.788M GPU hours.",
        "training   COSTS only\n2.788m gpu hours",
        "Supervised fine-tuning follows",
        "Super-vised fine-tuning",
        'DeepSeek-R1 is "the result" of the final stage',
        "deepseek-r1 is ‘the result’".replace("‘", "“").replace("’", "”"),
        '*R1* is "the result"',
    ],
)
def test_quotes_found(snapshot: Snapshot, quote: str) -> None:
    assert snapshot.contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "Training costs only 2.8M GPU hours.",
        "DeepSeekR1 is the result",  # the hyphen of a name must stay
        "",
        "   ",
        # one quote cannot join one line-break hyphen and keep another
        "Supervised fine-tuning follows; DeepSeek-R1",
    ],
)
def test_quotes_not_found(snapshot: Snapshot, quote: str) -> None:
    assert not snapshot.contains(quote)


def test_snapshot_tolerates_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9 au lait costs $2\n")
    assert Snapshot(path).contains("au lait costs $2")


def test_find_snapshot_searches_directories_in_order(tmp_path: Path) -> None:
    first, second, empty = tmp_path / "first", tmp_path / "second", tmp_path / "empty"
    for d in (first, second, empty):
        d.mkdir()
    (first / "a.txt").write_text("from the first directory\n")
    (second / "a.txt").write_text("from the second directory\n")
    (second / "b.txt").write_text("only in the second\n")
    a = find_snapshot("a.txt", [empty, first, second])
    b = find_snapshot("b.txt", [empty, first, second])
    assert a is not None and a.contains("from the first directory")
    assert b is not None and b.contains("only in the second")
    assert find_snapshot("missing.txt", [empty, first, second]) is None
    assert find_snapshot("a.txt", []) is None
    assert find_snapshot("a.txt", [tmp_path / "does-not-exist"]) is None
    (first / "dir.txt").mkdir()
    assert find_snapshot("dir.txt", [first]) is None

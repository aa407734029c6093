"""Plain-text snapshots of sources and the quote normalisation used to verify quotes.

Snapshots are other people's text: they are looked up by file name in the
configured directories and never copied into the project.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ad": None,
        "*": None,
        "`": None,
        "\u200b": None,
    }
)
_LINE_HYPHEN = re.compile(r"(?<=\S)-[ \t]*\n\s*")  # not a spaced dash: "a -\n b"
_SPACE = re.compile(r"\s+")


def normalise(text: str, join_hyphens: bool = False) -> str:
    """NFKC, ASCII quotes and dashes, no emphasis marks, lower case, single spaces.

    A hyphen at a line break is kept ("DeepSeek-\\nR1" -> "deepseek-r1") or, with
    join_hyphens, removed ("super-\\nvised" -> "supervised").
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _LINE_HYPHEN.sub("" if join_hyphens else "-", text)
    return _SPACE.sub(" ", text).strip().lower()


class Snapshot:
    def __init__(self, path: Path) -> None:
        self.path = path
        raw = path.read_text(encoding="utf-8", errors="replace")
        self.variants = (normalise(raw), normalise(raw, join_hyphens=True))

    def contains(self, quote: str) -> bool:
        q = normalise(quote)
        return bool(q) and any(q in v for v in self.variants)


@cache
def _load(path: str) -> Snapshot | None:
    try:
        return Snapshot(Path(path))
    except OSError:
        return None


def find_snapshot(name: str, directories: list[Path]) -> Snapshot | None:
    for directory in directories:
        candidate = directory / name
        if candidate.is_file():
            return _load(str(candidate.resolve()))
    return None

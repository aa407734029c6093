"""Plain-text snapshots of sources and the quote normalisation used to verify quotes.

Snapshots are other people's text: they are looked up by file name in the
configured directories and never copied into the project.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, cached_property
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
    return _finish(_prepare(text), join_hyphens)


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


def _finish(prepared: str, join_hyphens: bool) -> str:
    text = _LINE_HYPHEN.sub("" if join_hyphens else "-", prepared)
    return _SPACE.sub(" ", text).strip().lower()


class Snapshot:
    """A source's plain text, normalised once; the variant with line-break hyphens joined
    is only built when a quote is not found in the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._prepared = _prepare(path.read_text(encoding="utf-8", errors="replace"))
        self.kept = _finish(self._prepared, join_hyphens=False)

    @cached_property
    def joined(self) -> str:
        return _finish(self._prepared, join_hyphens=True)

    def contains(self, quote: str) -> bool:
        q = normalise(quote)
        return bool(q) and (q in self.kept or q in self.joined)


@cache
def _load(path: str) -> Snapshot | None:
    try:
        return Snapshot(Path(path))
    except OSError:
        return None


SNAPSHOT_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def safe_snapshot_name(name: object) -> bool:
    """A plain file name inside a snapshot directory: no folder, no '..', no hidden file."""
    return (
        isinstance(name, str)
        and bool(SNAPSHOT_NAME_RE.match(name))
        and ".." not in name
        and len(name.encode("utf-8")) <= 255  # longer is no file name: ENAMETOOLONG
    )


def find_snapshot(name: str, directories: list[Path]) -> Snapshot | None:
    if not safe_snapshot_name(name):
        return None
    for directory in directories:
        candidate = directory / name
        try:
            found = candidate.is_file()
        except OSError:  # a folder that cannot be read
            continue
        if found:
            return _load(str(candidate.resolve()))
    return None

"""The compiled-pattern cache: what it returns behaves as re.compile's patterns do, and a
corrupt, foreign or unwritable cache only costs time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from r1kb import patterncache
from r1kb.checksource.lexicon.vocabulary import TermSet

PATTERNS = [
    (r"(?<![\w])(?P<a>GPU[\s\-]*hours?)(?![\w])", re.I),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>[KMBT])\b", 0),
    (r"hidden\s+size|vocab(?:ulary)?\s+size", re.I | re.M),
]
TEXT = "Trained for 2.788M GPU-Hours; hidden size 7168, Vocabulary  size 129280, 37B active."


def behaviour(compiled: list[re.Pattern[str]]) -> list[object]:
    out: list[object] = []
    for p in compiled:
        out.append((p.pattern, p.flags, p.groups, dict(p.groupindex)))
        out.append([(m.span(), m.groupdict()) for m in p.finditer(TEXT)])
    return out


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("R1KB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cached_patterns_match_as_compiled_ones(folder: Path) -> None:
    expected = behaviour([re.compile(p, f) for p, f in PATTERNS])
    first = patterncache.compile_all(PATTERNS)  # compiles and writes the cache
    assert len(list(folder.glob("patterns-*.bin"))) == 1
    second = patterncache.compile_all(PATTERNS)  # read back from the file
    assert behaviour(first) == expected and behaviour(second) == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-7],  # cut short
        lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],  # a flipped byte
        lambda b: b"",  # empty
        lambda b: b[:32] + b"not marshal data",  # a checksum that no longer fits
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(folder: Path, damage: object) -> None:
    patterncache.compile_all(PATTERNS)
    (path,) = folder.glob("patterns-*.bin")
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    assert behaviour(patterncache.compile_all(PATTERNS)) == behaviour(
        [re.compile(p, f) for p, f in PATTERNS]
    )
    assert path.read_bytes() == good  # rewritten


def test_code_the_engine_refuses_falls_back_to_compiling(folder: Path) -> None:
    import hashlib
    import marshal

    patterncache.compile_all(PATTERNS)
    (path,) = folder.glob("patterns-*.bin")
    stored = marshal.loads(path.read_bytes()[32:])
    stored[0] = (stored[0][0], [999, 999, 999], *stored[0][2:])  # invalid engine code
    payload = marshal.dumps(stored)
    path.write_bytes(hashlib.sha256(payload).digest() + payload)
    assert behaviour(patterncache.compile_all(PATTERNS)) == behaviour(
        [re.compile(p, f) for p, f in PATTERNS]
    )


def test_an_unwritable_or_disabled_cache_still_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("R1KB_CACHE_DIR", str(blocker / "cache"))  # mkdir fails
    expected = behaviour([re.compile(p, f) for p, f in PATTERNS])
    assert behaviour(patterncache.compile_all(PATTERNS)) == expected
    monkeypatch.setenv("R1KB_CACHE_DIR", "")
    assert patterncache.cache_dir() is None
    assert behaviour(patterncache.compile_all(PATTERNS)) == expected


def test_term_sets_find_the_same_hits_from_the_cache(folder: Path) -> None:
    terms = {"gpu-hours": ["GPU hours", "GPU-hrs"], "hidden-size": ["hidden size", "d_model"]}
    fresh = TermSet(terms).find(TEXT)
    assert [TEXT[h.start : h.end] for h in fresh] == ["GPU-Hours", "hidden size"]
    assert TermSet(terms).find(TEXT) == fresh  # second set built from the cache files


def test_a_home_folder_that_does_not_exist_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("R1KB_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert patterncache.cache_dir() is None
    patterncache.compile_all(PATTERNS)
    assert not (tmp_path / "nonexistent").exists()  # nothing created where no home is
    (tmp_path / "nonexistent").mkdir()
    assert patterncache.cache_dir() == tmp_path / "nonexistent" / ".cache" / "r1kb"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert patterncache.cache_dir() == tmp_path / "xdg" / "r1kb"

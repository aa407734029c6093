"""check-source's cache of the loaded knowledge base: the same knowledge base as a fresh load,
any change under data/ is seen at once, and a corrupt entry only costs time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from r1kb import kbcache
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("R1KB_CACHE_DIR", str(tmp_path / "cache"))
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def test_a_cached_knowledge_base_is_the_loaded_one(data: Path, tmp_path: Path) -> None:
    fresh = load(data).kb
    first, errors = kbcache.load_kb(data)  # loads and stores
    assert len(list((tmp_path / "cache").glob("kb-*.bin"))) == 1
    second, errors_again = kbcache.load_kb(data)  # read back
    assert first == fresh and second == fresh
    assert errors is False and errors_again is False


def test_an_edited_record_is_seen_at_once(data: Path) -> None:
    kbcache.load_kb(data)
    claim = sorted((data / "claims").glob("*.yaml"))[0]
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("\nstatement: ", "\nstatement: Edited. ", 1), encoding="utf-8")
    kb, _ = kbcache.load_kb(data)
    assert kb.claims[claim.stem].statement.startswith("Edited. ")
    claim.write_text(text + "unknown_field: 1\n", encoding="utf-8")  # schema-invalid now
    kb, errors = kbcache.load_kb(data)
    assert errors is True and claim.stem not in kb.claims
    assert kbcache.load_kb(data) == (kb, True)


def test_a_corrupt_entry_is_ignored_and_rewritten(data: Path, tmp_path: Path) -> None:
    fresh = load(data).kb
    kbcache.load_kb(data)
    (path,) = (tmp_path / "cache").glob("kb-*.bin")
    raw = path.read_bytes()
    path.write_bytes(raw[:40] + bytes([raw[40] ^ 0xFF]) + raw[41:])
    assert kbcache.load_kb(data) == (fresh, False)
    assert path.read_bytes() == raw


def test_caching_off_loads_as_usual(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R1KB_CACHE_DIR", "")
    assert kbcache.load_kb(data) == (load(data).kb, False)


def test_one_entry_per_data_folder_and_only_the_newest_kept(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    kbcache.load_kb(data)
    claim = sorted((data / "claims").glob("*.yaml"))[0]
    claim.write_text(claim.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    kbcache.load_kb(data)  # another state of data/: the entry is replaced, not added to
    assert len(list(cache.glob("kb-*.bin"))) == 1
    for i in range(kbcache._KEEP + 3):
        other = tmp_path / f"data-{i}"
        shutil.copytree(data / "schema", other / "schema")
        for name in ("models.yaml", "quantities.yaml"):
            shutil.copy(data / name, other / name)
        kbcache.load_kb(other)
    assert len(list(cache.glob("kb-*.bin"))) == kbcache._KEEP

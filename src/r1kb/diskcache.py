"""A small on-disk cache of plain values (marshal: numbers, strings, lists, tuples, dicts).

Things that are slow to compute but determined by their inputs (compiled patterns, unit
conversion factors) are kept in the user's cache folder under a hash of those inputs. A file
carries the SHA-256 of its payload: one that is cut short, altered or of another layout reads
as absent, and is rewritten. Files are written atomically; a folder that cannot be written
only costs the time. `R1KB_CACHE_DIR` names another folder; set to an empty value it turns
the cache off. Without `XDG_CACHE_HOME`, a home folder that does not exist (a service account's
`/nonexistent`) turns it off too: a tool must not create someone's home folder.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

from r1kb.fsutil import read_regular_file, write_atomic


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    configured = os.environ.get("R1KB_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "r1kb"
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isdir(home):
        return None
    return Path(home) / ".cache" / "r1kb"


def key_of(*inputs: object) -> str:
    """A file-name-safe hash of the inputs' repr."""
    return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()[:40]


def read(kind: str, key: str) -> object | None:
    """The value stored under kind and key, or None (absent, corrupt, caching off)."""
    folder = cache_dir()
    raw = read_regular_file(folder / f"{kind}-{key}.bin") if folder is not None else None
    if raw is None or len(raw) < 32 or hashlib.sha256(raw[32:]).digest() != raw[:32]:
        return None
    try:
        return marshal.loads(raw[32:])
    except (ValueError, EOFError, TypeError):
        return None


def write(kind: str, key: str, value: object) -> None:
    """Store value under kind and key; silently does nothing where that is impossible."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = marshal.dumps(value)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{kind}-{key}.bin", hashlib.sha256(payload).digest() + payload)
    except (OSError, ValueError):
        pass  # a read-only or full disk, an unmarshallable value: the next run computes again

"""The knowledge base for check-source, kept on disk between runs (see r1kb.diskcache).

Loading data/ parses ~700 YAML files strictly and checks each against its schema: about a
quarter of a second, half of what a whole `r1kb check-source` on an article costs. check-source
needs only the knowledge base built from the valid records and whether any record has an
error. So the parsed records of the valid files (plain values) are stored under a key made of
every entry under data/ (path, kind, size, mtime_ns), the working directory (records carry
their displayed path), the interpreter, this package's own files and the bundled schemas;
any change to any of them is another key, and the next run loads and validates as usual.

A stored entry is only a shortcut to the same records: `_build` turns them into the knowledge
base exactly as `load` does. An entry that is absent, corrupt or of another shape is ignored
(and rewritten).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from r1kb import diskcache
from r1kb.fsutil import tree_entries
from r1kb.kb import KnowledgeBase

_LAYOUT = 1  # of the stored entries
_KEEP = 8  # entries kept, the newest
_PACKAGE = Path(__file__).resolve().parent


def _stamps(folder: Path) -> list[tuple[str, int, int, int]]:
    """(path, mode, size, mtime_ns) of every entry under folder, links not followed."""
    out: list[tuple[str, int, int, int]] = []
    for path, entry in tree_entries(folder):
        try:
            st = entry.stat(follow_symlinks=False) if entry is not None else None
        except OSError:
            st = None
        out.append((path, st.st_mode, st.st_size, st.st_mtime_ns) if st else (path, -1, -1, -1))
    out.sort()
    return out


def _slot(data_dir: Path) -> str:
    """The one file name a data folder's entry is kept under (seen from this working
    directory): a new state of data/ replaces the old entry rather than adding one."""
    return diskcache.key_of(_LAYOUT, os.getcwd(), os.path.abspath(data_dir))


def _prune(keep: int = _KEEP) -> None:
    """Remove all but the `keep` newest entries (test runs and many data folders would
    otherwise add one of about a megabyte each, forever)."""
    folder = diskcache.cache_dir()
    if folder is None:
        return
    try:
        entries = sorted(folder.glob("kb-*.bin"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-keep]:
            old.unlink()
    except OSError:
        pass  # gone meanwhile, or read-only: only disk space


def _key(data_dir: Path) -> str:
    from r1kb.schemas import BUNDLED  # the schemas a data folder without its own uses

    code = [s for s in _stamps(_PACKAGE) if s[0].endswith(".py")] + _stamps(BUNDLED)
    root = os.path.abspath(data_dir)
    return diskcache.key_of(_LAYOUT, sys.version, os.getcwd(), root, _stamps(Path(root)), code)


def _from_stored(stored: object, key: str) -> tuple[KnowledgeBase, bool]:
    """The knowledge base built from a stored entry; ValueError when it does not fit."""
    from r1kb.loader import RecordFile, _build

    if not isinstance(stored, dict) or stored.get("layout") != _LAYOUT:
        raise ValueError("a stored entry of another shape")
    if stored.get("key") != key:
        raise ValueError("an entry for another state of data/ or of the code")
    files = [
        RecordFile(Path(path), display, kind, rid, None, data, True)
        for kind, rid, display, path, data in stored["files"]
    ]
    kb = _build(files)
    kb.published_ids = list(stored["published"])
    return kb, bool(stored["errors"])


def load_kb(data_dir: Path) -> tuple[KnowledgeBase, bool]:
    """The knowledge base of data_dir and whether any record has an error, from the cache when
    data/ and the code are as they were, else by `r1kb.loader.load` (whose result is stored)."""
    key = _key(data_dir) if diskcache.cache_dir() is not None else None
    if key is not None:
        try:
            return _from_stored(diskcache.read("kb", _slot(data_dir)), key)
        except Exception:  # absent, corrupt, of another shape: load afresh
            pass
    from r1kb.loader import load

    loaded = load(data_dir)
    errors = any(p.severity == "error" for p in loaded.problems)
    if key is not None:
        files = [
            (rf.kind, rf.id, rf.display, str(rf.path), rf.data)
            for rf in loaded.files.values()
            if rf.valid
        ]
        stored = {
            "layout": _LAYOUT,
            "key": key,
            "files": files,
            "published": list(loaded.kb.published_ids),
            "errors": errors,
        }
        diskcache.write("kb", _slot(data_dir), stored)
        _prune()
    return loaded.kb, errors

"""Compiled regular expressions kept on disk between runs.

check-source compiles a few hundred large case-insensitive patterns from the vocabulary in
data/ (every term of every quantity); Python's `re` takes about half a second for that, more
than reading a whole article. Compiling is deterministic: the same pattern text and flags give
the same engine code on the same interpreter. So the code is stored once per set of patterns,
in the user's cache folder, keyed on a hash of the patterns, the interpreter's version and the
engine's version; the next run hands the stored code straight to the engine.

The cache can never change a result: a file whose checksum, shape or code the engine rejects
is ignored and rewritten, any other interpreter (or an `re` without its internals) compiles as
usual, and a folder that cannot be written only costs the time. Files are written atomically.
`R1KB_CACHE_DIR` names another folder; set to an empty value it turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from r1kb.fsutil import read_regular_file, write_atomic

_VERSION = 1  # of the file layout


def cache_dir() -> Path | None:
    """The folder compiled patterns are kept in, or None when caching is off."""
    configured = os.environ.get("R1KB_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "r1kb"


def _engine() -> tuple[Any, Any, Any] | None:
    """CPython's regular expression internals, or None where they are not there."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    if sys.implementation.name != "cpython" or not hasattr(_compiler, "_code"):
        return None
    return _sre, _compiler, _parser


def _compile_with_code(pattern: str, flags: int, engine: tuple[Any, Any, Any]) -> tuple:
    """What re.compile does (re/_compiler.py, compile), keeping the engine's arguments."""
    _sre, _compiler, _parser = engine
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        [int(c) for c in code],  # plain ints (the engine's opcodes are an int subclass)
        int(parsed.state.groups - 1),
        {str(k): int(v) for k, v in groupindex.items()},
        indexgroup,
    )


def _load(path: Path, patterns: list[tuple[str, int]], engine: tuple) -> list[re.Pattern] | None:
    raw = read_regular_file(path)
    if raw is None or len(raw) < 32:
        return None
    digest, payload = raw[:32], raw[32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        stored = marshal.loads(payload)
        if not isinstance(stored, list) or len(stored) != len(patterns):
            return None
        out = []
        for (pattern, _), (flags, code, groups, groupindex, indexgroup) in zip(
            patterns, stored, strict=True
        ):
            out.append(
                engine[0].compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
            )
        return out
    except Exception:  # a file of another shape or code the engine refuses: compile afresh
        return None


def compile_all(patterns: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    """re.compile for each (pattern, flags), through the cache where it can be used."""
    patterns = [(p, int(f)) for p, f in patterns]  # re.I and 2 alike
    engine = _engine()
    folder = cache_dir()
    if engine is None or folder is None or not patterns:
        return [re.compile(p, f) for p, f in patterns]
    key = hashlib.sha256(
        repr((_VERSION, sys.version, engine[0].MAGIC, patterns)).encode("utf-8", "surrogatepass")
    ).hexdigest()
    path = folder / f"patterns-{key[:40]}.bin"
    cached = _load(path, patterns, engine)
    if cached is not None:
        return cached
    try:
        stored = [_compile_with_code(p, f, engine) for p, f in patterns]
        compiled = [
            engine[0].compile(p, flags, code, groups, groupindex, tuple(indexgroup))
            for (p, _), (flags, code, groups, groupindex, indexgroup) in zip(
                patterns, stored, strict=True
            )
        ]
    except Exception:  # internals that differ from what this module knows: the public way
        return [re.compile(p, f) for p, f in patterns]
    try:
        payload = marshal.dumps(stored)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, hashlib.sha256(payload).digest() + payload)
    except (OSError, ValueError):
        pass  # a read-only or full disk: the next run compiles again
    return compiled

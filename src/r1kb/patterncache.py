"""Compiled regular expressions kept on disk between runs (see r1kb.diskcache).

check-source compiles a few hundred large case-insensitive patterns from the vocabulary in
data/ (every term of every quantity); Python's `re` takes about half a second for that, more
than reading a whole article. Compiling is deterministic: the same pattern text and flags give
the same engine code on the same interpreter. So the code is stored once per set of patterns,
keyed on a hash of the patterns, the interpreter's version and the engine's version; the next
run hands the stored code straight to the engine.

The cache can never change a result: a file whose checksum, shape or code the engine rejects
is ignored and rewritten, and any other interpreter (or an `re` without these internals)
compiles as usual.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from r1kb import diskcache

cache_dir = diskcache.cache_dir
_LAYOUT = 1  # of the stored entries


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


def _from_stored(
    patterns: list[tuple[str, int]], stored: object, engine: tuple
) -> list[re.Pattern]:
    """The patterns built from stored engine arguments; ValueError when they do not fit."""
    if not isinstance(stored, list) or len(stored) != len(patterns):
        raise ValueError("stored patterns of another shape")
    return [
        engine[0].compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
        for (pattern, _), (flags, code, groups, groupindex, indexgroup) in zip(
            patterns, stored, strict=True
        )
    ]


def compile_all(patterns: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    """re.compile for each (pattern, flags), through the cache where it can be used."""
    patterns = [(p, int(f)) for p, f in patterns]  # re.I and 2 alike
    engine = _engine()
    folder = cache_dir()
    if engine is None or folder is None or not patterns:
        return [re.compile(p, f) for p, f in patterns]
    key = diskcache.key_of(_LAYOUT, sys.version, engine[0].MAGIC, patterns)
    try:
        return _from_stored(patterns, diskcache.read("patterns", key), engine)
    except Exception:  # absent, of another shape, code the engine refuses: compile afresh
        pass
    try:
        stored = [_compile_with_code(p, f, engine) for p, f in patterns]
        compiled = _from_stored(patterns, stored, engine)
    except Exception:  # internals that differ from what this module knows: the public way
        return [re.compile(p, f) for p, f in patterns]
    diskcache.write("patterns", key, stored)
    return compiled

"""`json.dumps(obj, indent=2, ensure_ascii=False)`, in a third of the time.

With `indent` the standard library encodes in pure Python, one generator per container;
the site writes a few JSON documents per claim (its API file, its CSL-JSON citation, the
exports). This writes the same text with one recursive function: containers here, every
other value through the standard library's own encoder, so strings, numbers and constants
are spelled exactly as json.dumps spells them. Anything but str keys falls back to
json.dumps itself.
"""

from __future__ import annotations

import json
from typing import Any

INDENT = 2
_scalar = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


class _Fallback(Exception):
    """A value json.dumps writes differently from this module (a non-str key)."""


def indented(obj: Any) -> str:
    """json.dumps(obj, indent=2, ensure_ascii=False)."""
    out: list[str] = []
    try:
        _write(obj, "\n", out)
    except _Fallback:
        return json.dumps(obj, indent=INDENT, ensure_ascii=False)
    return "".join(out)


def _write(obj: Any, newline: str, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(_string(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        inner = newline + " " * INDENT
        sep = "{" + inner
        for key, value in obj.items():
            if not isinstance(key, str):
                raise _Fallback
            out.append(sep)
            out.append(_string(key))
            out.append(": ")
            _write(value, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(obj, list | tuple):
        if not obj:
            out.append("[]")
            return
        inner = newline + " " * INDENT
        sep = "[" + inner
        for value in obj:
            out.append(sep)
            _write(value, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(obj))

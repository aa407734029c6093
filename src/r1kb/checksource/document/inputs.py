"""Reading an article: at most a fixed number of bytes, capped while reading.

A file is read only if it is a regular file (a FIFO named as a file would block the command,
/dev/zero would never end); standard input is read in chunks up to the cap. Whatever comes
after the cap is never read, so no input can hang check-source or fill its memory.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from r1kb.checksource.document.caps import MAX_CHARS

MAX_BYTES = 4 * MAX_CHARS  # UTF-8 takes at most 4 bytes a character
_CHUNK = 1 << 16


@dataclass
class Input:
    data: bytes = b""
    truncated: bool = False  # there was more than MAX_BYTES
    error: str | None = None  # why it could not be read


def shown_name(name: str) -> str:
    """An input's name as reports show it: bytes of a file name that are not UTF-8 (held by
    Python as lone surrogates, which no output can encode) written as `\\xff`."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system byte gives
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def read_input(name: str, limit: int = MAX_BYTES) -> Input:
    """The first `limit` bytes of a file, or of standard input for "-"."""
    if name == "-":
        try:
            return _capped(sys.stdin.buffer, limit)
        except OSError as exc:
            return Input(error=f"cannot read standard input: {exc.strerror or exc}")
    try:
        fd = os.open(Path(name), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return Input(error=f"cannot read: {exc.strerror or exc}")
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
            return Input(error=f"cannot read: {kind} (pipe an article in with `-`)")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return _capped(fh, limit)
    except OSError as exc:
        return Input(error=f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _capped(stream: BinaryIO, limit: int) -> Input:
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if len(data) <= limit:
        return Input(data)
    return Input(_whole_characters(data[:limit]), truncated=True)


def _whole_characters(data: bytes) -> bytes:
    """data without a UTF-8 sequence cut at its end (so the cut is not "not UTF-8")."""
    end = len(data)
    back = 0
    while back < 4 and end - back - 1 >= 0 and data[end - back - 1] & 0xC0 == 0x80:
        back += 1
    lead_at = end - back - 1
    if lead_at < 0:
        return data
    lead = data[lead_at]
    need = (
        2 if lead >> 5 == 0b110 else 3 if lead >> 4 == 0b1110 else 4 if lead >> 3 == 0b11110 else 1
    )
    return data[:lead_at] if back + 1 < need else data


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM), else replacement characters, with a note."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", ["binary data (NUL bytes): not read as text"]
    for enc in ("utf-8-sig", "utf-16"):
        try:
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(enc), []
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), ["not UTF-8: undecodable bytes replaced"]

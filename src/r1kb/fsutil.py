"""File system access for untrusted trees: regular files only, never through a link, and
writes that are atomic (a temporary file in the same folder, then a rename).

Everything under data/ comes from pull requests; a link there could point anywhere
(/etc/passwd, /proc/self/environ, ../../.git/config), so it is never read nor published.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def tree_entries(folder: Path | str) -> Iterator[tuple[str, os.DirEntry[str] | None]]:
    """Every entry under folder as (path, entry), links not followed, and (path, None) for a
    folder that cannot be read. A stack, not os.walk: in Python 3.11 that recurses, and a pull
    request can nest folders thousands deep."""
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            yield current, None
            continue
        for entry in entries:
            yield entry.path, entry
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)


def read_regular_file(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of path if it is a regular file that is not a link (at most limit + 1
    bytes), else None. Opening never blocks on a FIFO and never follows a final link."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read() if limit is None else fh.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write data to path all at once: the old file stays whole until the new one is complete.

    On any error (a full or read-only disk) the temporary file is removed, the target is left
    as it was, and OSError is raised.
    """
    _write_via_temp(path, data, encoding, os.replace)


def write_exclusive(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """write_atomic for a file that must not exist yet: FileExistsError if it does, even when
    another process creates it while this one writes (two `r1kb new` runs for one id)."""
    _write_via_temp(path, data, encoding, _link_new)


def _write_via_temp(
    path: Path, data: str | bytes, encoding: str, put: Callable[[str, Path], None]
) -> None:
    """Write a complete temporary file next to path, then put it there."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(path))
        put(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _link_new(tmp: str, path: Path) -> None:
    """Give the complete file tmp the name path unless that name is taken: a link fails
    then, where a rename would replace the file."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # A file system without links (FAT, some network shares): take the name, then
        # replace the empty file taken with the complete one.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The mode the file had (a rewrite keeps it), else what a plain open() would give."""
    try:
        st = os.stat(path)
    except OSError:
        return 0o666 & ~_umask()
    return stat.S_IMODE(st.st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

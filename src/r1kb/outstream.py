"""Standard output that cannot be written (a full disk, a closed pipe): one line, never a
traceback.

`main` puts an OutputStream in place of sys.stdout, so that a failed write of the output is
told apart from the OSError of a file r1kb reads or writes, whatever command wrote it.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, TextIO


class OutputError(OSError):
    """Writing standard output failed (an OSError, so click's own broken-pipe handling sees
    it as before)."""


class OutputStream:
    """sys.stdout, whose failed writes and flushes raise OutputError and are remembered."""

    def __init__(self, wrapped: TextIO | None) -> None:
        self.wrapped = wrapped  # None: Python started with file descriptor 1 closed
        self.error: OSError | None = None

    def write(self, text: str) -> int:
        try:
            if self.wrapped is None:
                raise OSError(errno.EBADF, "standard output is closed")
            return self.wrapped.write(text)
        except OSError as exc:
            raise self._failed(exc) from exc

    def flush(self) -> None:
        try:
            if self.wrapped is not None:
                self.wrapped.flush()
        except OSError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: OSError) -> OutputError:
        self.error = self.error or exc
        return OutputError(exc.errno, exc.strerror)

    def give_up(self) -> int:
        """Report the failed output (a broken pipe quietly, as Unix tools do) and return the
        exit status. Standard output is pointed at the null device, so that the flush at exit
        does not fail again ("Exception ignored"), as Python's documentation on SIGPIPE
        advises."""
        error = self.error
        if self.wrapped is not None:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self.wrapped.fileno())
                os.close(devnull)
            except (OSError, ValueError):  # no file descriptor behind the stream
                pass
        if error is not None and error.errno != errno.EPIPE:
            try:
                print(f"r1kb: cannot write the output: {error.strerror or error}", file=sys.stderr)
                sys.stderr.flush()
            except OSError:  # standard error is gone too: the exit status is all that is left
                pass
        return 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)

"""Which Python a benchmark ran on, printed first by every benchmark and kept in its JSON.

The same code costs up to a tenth less on a CPython built with profile-guided and link-time
optimisation (python.org's installers, Debian's and Ubuntu's packages, uv's builds) than on
one compiled without them (pyenv's default): on this project's reference machine, 500 KB of
real prose took 1.02-1.04 s/MB on pyenv's 3.11.7 and 0.90-0.94 on Debian's 3.11.2 (see
PERFORMANCE.md, 2026-12-02). A figure means little without the interpreter it came from.

Whether a build was optimised is not always readable from the interpreter (Debian passes its
flags outside `configure`, so CONFIG_ARGS does not show them): where `configure` was given
them they are named, else nothing is claimed.
"""

from __future__ import annotations

import platform
import sys
import sysconfig
from pathlib import Path

_FLAGS = {"--enable-optimizations": "PGO", "--with-lto": "LTO"}


def interpreter() -> dict[str, str]:
    """The interpreter's implementation and version, its executable and the optimisations its
    `configure` was given ("" where none is named)."""
    args = sysconfig.get_config_var("CONFIG_ARGS") or ""
    named = [name for flag, name in _FLAGS.items() if flag in args]
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "executable": str(Path(sys.executable).resolve()),
        "configured_with": "+".join(named),
    }


def describe(found: dict[str, str]) -> str:
    """One line for the top of a benchmark's output."""
    flags = f", configured with {found['configured_with']}" if found["configured_with"] else ""
    return (
        f"interpreter: {found['implementation']} {found['version']} ({found['executable']}{flags})"
    )

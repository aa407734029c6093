"""Names and paths every module shares: the id pattern, how a file is shown in a report,
and the flags that open a file without following a link or blocking on a pipe."""

from __future__ import annotations

import os
import re
from pathlib import Path

# A kebab-case id ('.' allowed between words: r1-distill-qwen-1.5b). \Z, not $: "$" would
# accept a trailing newline, and an id becomes a file path and a URL.
ID_RE = re.compile(r"^[a-z0-9]+([-.][a-z0-9]+)*\Z")
# Ids no record may have: a page of its own would collide with its folder's index page.
RESERVED_IDS = ("index",)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it (as editors and CI annotations
    expect), else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return os.path.abspath(path) if rel.startswith("..") else rel

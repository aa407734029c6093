"""Which data release a build shows, and the access date citations carry.

A release is named by a date, `YYYY.MM.DD`: the `data-YYYY.MM.DD` tag that first contains
the newest commit touching data/, else that commit's date (UTC). Uncommitted edits add
`+local`; a build without git history is `unversioned` (see r1kb.site.history).

`data_version(root)` and `access_date()` are the two calls citations and downloads use.
The site build reads the history once (`load`); `data_version` returns that reading when it
is for the same data directory, so a build never reads git twice.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from r1kb.site import history

_last: dict[Path, history.History] = {}


def load(data_dir: Path) -> history.History:
    """Read the data's git history (once per build) and remember it for data_version."""
    key = Path(data_dir).resolve()
    _last.clear()
    _last[key] = history.read(key)
    return _last[key]


def _data_dir(root: Path) -> Path:
    """root is the data directory itself or a project root holding data/."""
    root = Path(root).resolve()
    return root if (root / "claims").is_dir() or not (root / "data").is_dir() else root / "data"


def data_version(root: Path) -> str:
    """The data release of the records under root (`2026.11.30`, `…+local`, `unversioned`)."""
    key = _data_dir(root)
    known = _last.get(key)
    return (known or load(key)).version


def access_date() -> str:
    """Today (UTC) as YYYY-MM-DD, or the day of SOURCE_DATE_EPOCH for a reproducible build
    (when it names one: ASCII digits, not past the year 9999)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    day = history.utc_day(int(epoch)) if epoch.isascii() and epoch.isdigit() else None
    return day or dt.datetime.now(tz=dt.UTC).date().isoformat()

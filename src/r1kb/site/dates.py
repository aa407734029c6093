"""When the data last changed: per record file and overall.

From git history when data/ is in a git work tree (one `git log` for all files, one
`git status` for uncommitted edits), else from file modification times. Never raises:
without git, outside a repository or on a git error, modification times are used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from r1kb.fsutil import tree_entries
from r1kb.site.history import git_text, utc_day

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # git's %cs; "11476-08-15" for a bogus date


@dataclass
class DataDates:
    latest: str | None = None  # YYYY-MM-DD
    per_file: dict[str, str] = field(default_factory=dict)  # path relative to data/ -> date
    from_git: bool = False

    def of(self, relative: str) -> str | None:
        return self.per_file.get(relative, self.latest)


def _git(data_dir: Path, *args: str) -> str | None:
    return git_text(data_dir, *args)


def _mtime_date(path: Path) -> str | None:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return utc_day(stamp)


def _record_files(data_dir: Path) -> list[str]:
    """Every .yaml and .json file under data_dir, relative to it."""
    return sorted(
        os.path.relpath(path, data_dir).replace(os.sep, "/")
        for path, entry in tree_entries(data_dir)
        if entry is not None
        and not entry.is_dir(follow_symlinks=False)
        and entry.name.endswith((".yaml", ".json"))
    )


def _git_dates(data_dir: Path) -> dict[str, str] | None:
    log = _git(data_dir, "log", "--format=%x1e%cs", "--name-only", "--relative", "--", ".")
    if log is None:
        return None
    dates: dict[str, str] = {}
    for chunk in log.split("\x1e"):
        lines = [ln.strip() for ln in chunk.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        day, names = lines[0], lines[1:]
        if not ISO_DAY.fullmatch(day):
            continue  # a commit dated past the year 9999 (git takes it): no day to show
        for name in names:
            dates.setdefault(name, day)  # newest commit first
    return dates


def _dirty(data_dir: Path) -> set[str]:
    status = _git(data_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if not status:
        return set()
    prefix = _git(data_dir, "rev-parse", "--show-prefix") or ""
    prefix = prefix.strip()
    out = set()
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip().strip('"')
        if path.startswith(prefix):
            out.add(path[len(prefix) :])
    return out


def data_dates(data_dir: Path, known: tuple[dict[str, str], set[str]] | None = None) -> DataDates:
    """known: (per-file dates, uncommitted files) already read from git (the site build
    reads the history once, r1kb.site.history); else git is asked here."""
    data_dir = Path(data_dir)
    files = _record_files(data_dir)
    if known is not None:
        git, dirty = known
    else:
        git = _git_dates(data_dir)
        dirty = _dirty(data_dir) if git is not None else set()
    per_file: dict[str, str] = {}
    for rel in files:
        day = None if git is None or rel in dirty else git.get(rel)
        day = day or _mtime_date(data_dir / rel)
        if day:
            per_file[rel] = day
    latest = max(per_file.values(), default=None)
    return DataDates(latest=latest, per_file=per_file, from_git=git is not None)

"""What may lie under data/: regular files and folders only, and in data/schema only the
known schema files. Everything there arrives in pull requests."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from r1kb import schemas
from r1kb.paths import display_path
from r1kb.problems import Problem, problem


def file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def unsafe_entries(data_dir: Path) -> list[Problem]:
    """Every link, pipe, socket or device anywhere under data_dir (hidden ones too).

    Nothing under data/ is read or published through a link: a link in a pull request can
    point at /etc/passwd, /proc/self/environ or the checkout's .git/config.
    """
    out: list[Problem] = []
    pending = [str(data_dir)]  # a stack, not recursion: folders may nest thousands deep
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue  # the folder's own reader reports it
        for entry in entries:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode):
                pending.append(entry.path)
            elif not stat.S_ISREG(mode):
                out.append(
                    problem(
                        display_path(Path(entry.path)),
                        "not-a-regular-file",
                        f"{file_kind(mode)}: only regular files belong under the data directory",
                        hint="replace it with the file's own content, or remove it",
                    )
                )
    return out


def schema_folder_problems(data_dir: Path) -> list[Problem]:
    """data/schema holds exactly the known schema files (names reach the site and paths)."""
    folder = data_dir / "schema"
    problems: list[Problem] = []
    if folder.is_symlink():
        return problems  # reported as not-a-regular-file; never listed
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return problems
    known = set(schemas.SCHEMA_FILES.values())
    for entry in entries:
        if entry.name in known or entry.is_symlink():
            continue
        problems.append(
            problem(
                display_path(Path(entry.path)),
                "unexpected-file",
                f"only the known schema files belong in data/schema ({', '.join(sorted(known))})",
            )
        )
    return problems

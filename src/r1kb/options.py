"""Command-line pieces every subcommand shares: help settings, --data and resolve_data.

A module of its own so that the subcommands (check-source, export, new) and the top-level
`cli.py` that gathers them import it, never each other: the import graph has no circle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from r1kb.config import find_config

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

F = TypeVar("F", bound=Callable[..., Any])


def data_option(f: F) -> F:
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The data directory (default: from [tool.r1kb] in pyproject.toml, else ./data).",
    )(f)


def resolve_data(data_dir: Path | None) -> tuple[Path, list[Path]]:
    """The data directory (checked to exist) and the configured snapshot directories."""
    cfg = find_config(data_dir)
    data = data_dir or cfg.data_dir
    if not data.is_dir():
        raise click.UsageError(f"data directory {str(data)!r} does not exist (use --data DIR)")
    return data, cfg.snapshot_dirs


def existing_dirs(dirs: tuple[Path, ...] | list[Path], option: str) -> list[Path]:
    """Directories given on the command line must exist: a typo is a usage error, not silence."""
    for d in dirs:
        if not d.is_dir():
            raise click.UsageError(f"{option} {str(d)!r} is not a directory")
    return list(dirs)


def refuse_inside_data(path: Path, data: Path, option: str, why: str) -> None:
    """A usage error when `path` (what an option writes to) lies inside the data directory,
    where what is written would be read as records (`why` says what it would become)."""
    if path.resolve().is_relative_to(data.resolve()):
        raise click.UsageError(
            f"{option} {str(path)!r} is inside the data directory {str(data)!r}: {why}"
        )

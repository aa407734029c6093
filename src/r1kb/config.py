"""Project configuration: where the data and the snapshot directories are.

Read from `[tool.r1kb]` in the pyproject.toml next to the data directory (or in
the current directory); paths there are relative to that file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Config:
    root: Path
    data_dir: Path
    snapshot_dirs: list[Path] = field(default_factory=list)


def _read_tool_table(pyproject: Path) -> dict[str, object]:
    try:
        with pyproject.open("rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("r1kb", {})
    except (OSError, ValueError):  # TOMLDecodeError, and UnicodeDecodeError on non-UTF-8
        return {}
    return table if isinstance(table, dict) else {}


def find_config(data_dir: Path | None = None, start: Path | None = None) -> Config:
    """Locate the project: the directory holding pyproject.toml with [tool.r1kb]."""
    candidates: list[Path] = []
    if data_dir is not None:
        candidates.append(data_dir.resolve().parent)
    here = (start or Path.cwd()).resolve()
    candidates.extend([here, *here.parents])
    for root in candidates:
        pyproject = root / "pyproject.toml"
        if pyproject.is_file():
            table = _read_tool_table(pyproject)
            if table:
                return _config_from(root, table, data_dir)
    root = data_dir.resolve().parent if data_dir is not None else here
    return Config(root=root, data_dir=data_dir or root / "data")


def _config_from(root: Path, table: dict[str, object], data_dir: Path | None) -> Config:
    raw_dirs = table.get("snapshot_dirs", [])
    dirs = [root / str(d) for d in raw_dirs] if isinstance(raw_dirs, list) else []
    configured = root / str(table.get("data_dir", "data"))
    return Config(root=root, data_dir=data_dir or configured, snapshot_dirs=dirs)

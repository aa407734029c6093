"""Shared fixtures: small data directories built over the real vocabularies."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from r1kb.kb import Unit
from r1kb.loader import PUBLISHED_HEADER, PUBLISHED_IDS
from r1kb.units import UnitSystem

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "data"
CASES = ROOT / "tests" / "cases"
CASE_SNAPSHOTS = CASES / "snapshots"
CASE_ONLY = ("expected.yaml", "snapshots")  # parts of a case folder that are not data

# The suite is a gate: the property tests try the same examples on every run, so CI's verdict
# depends on the commit, never on a draw. `pytest --hypothesis-profile=explore` draws new
# examples (run it before a release, or after changing a shortcut) and prints a reproducible
# case for any failure; add that case to the test's explicit examples.
settings.register_profile("gate", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("gate")


_CACHE_KEY = pytest.StashKey[tuple[str, str | None]]()  # the folder, the setting before
_UNTRACKED_KEY = pytest.StashKey[set[str] | None]()


def _untracked() -> set[str] | None:
    """The checkout's untracked files that git does not ignore (None outside a git checkout):
    a test that writes into the working tree instead of its tmp_path leaves one behind (drafts
    of the old `--draft ''` bug were committed that way)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {line[3:] for line in out.splitlines() if line.startswith("?? ")}


def pytest_configure(config: pytest.Config) -> None:
    """The suite's own cache folder, set before collection (test modules compile patterns when
    imported): a run never reads nor writes the user's cache, nor creates a home folder that
    does not exist; the commands the tests start inherit the setting."""
    folder = tempfile.mkdtemp(prefix="r1kb-test-cache-")
    config.stash[_CACHE_KEY] = (folder, os.environ.get("R1KB_CACHE_DIR"))
    os.environ["R1KB_CACHE_DIR"] = folder
    config.stash[_UNTRACKED_KEY] = _untracked()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves the checkout as it found it: a file a test wrote into it fails the run."""
    before = session.config.stash.get(_UNTRACKED_KEY, None)
    after = _untracked()
    if before is None or after is None or not (left := sorted(after - before)):
        return
    print(f"\nthe tests left files in the checkout (write under tmp_path): {', '.join(left)}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    folder, before = config.stash[_CACHE_KEY]
    shutil.rmtree(folder, ignore_errors=True)
    if before is None:
        os.environ.pop("R1KB_CACHE_DIR", None)
    else:
        os.environ["R1KB_CACHE_DIR"] = before


def build_data_dir(case: Path | None, dest: Path) -> Path:
    """A data directory at dest: the real models, quantities and schemas, the case on top."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("models.yaml", "quantities.yaml"):
        shutil.copy(REAL_DATA / name, dest / name)
    shutil.copytree(REAL_DATA / "schema", dest / "schema", dirs_exist_ok=True)
    if case is not None:
        if (case / "schema").is_dir():  # the case's schema files replace the real ones
            for entry in (case / "schema").iterdir():
                if os.path.lexists(dest / "schema" / entry.name):
                    (dest / "schema" / entry.name).unlink()
        shutil.copytree(
            case,
            dest,
            dirs_exist_ok=True,
            symlinks=True,
            ignore=shutil.ignore_patterns(*CASE_ONLY),
        )
    if not os.path.lexists(dest / PUBLISHED_IDS):  # a case publishes nothing unless it says so
        (dest / PUBLISHED_IDS).write_text(PUBLISHED_HEADER, encoding="utf-8")
    return dest


def relative_file(file: str, data_dir: Path) -> str:
    """A problem's file relative to the data directory (as case expectations name it)."""
    for a, b in (
        (os.path.abspath(file), os.path.abspath(data_dir)),
        (os.path.realpath(file), os.path.realpath(data_dir)),
    ):
        rel = os.path.relpath(a, b)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return file


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """Factory: make_data(case_dir=None, name="data") -> a fresh data directory in tmp_path."""

    def make(case: Path | None = None, name: str = "data") -> Path:
        return build_data_dir(case, tmp_path / name)

    return make


@pytest.fixture(scope="session")
def real_units() -> UnitSystem:
    """The unit system of the real data/quantities.yaml."""
    raw = yaml.safe_load((REAL_DATA / "quantities.yaml").read_text(encoding="utf-8"))
    return UnitSystem({uid: Unit(id=uid, **u) for uid, u in raw["units"].items()})

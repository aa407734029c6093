"""The register of issue 10's findings (tests/hostile_findings.yaml) stays true: every entry is
complete, every test it names exists, and every section of the issue is covered."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tests" / "hostile_findings.yaml"
KEYS = {"section", "finding", "tests"}
OPTIONAL = {"missing", "benchmark"}
GENERATED = re.compile(r"tests/test_cases\.py::test_generated_case\[(?P<name>[^\]]+)\]")


def entries() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    assert isinstance(loaded, list) and loaded
    return loaded


def exists(test: str) -> bool:
    """A test function, a committed case folder or a generated case that is really there."""
    if generated := GENERATED.fullmatch(test):
        text = (ROOT / "tests" / "test_cases.py").read_text(encoding="utf-8")
        return f'"{generated["name"]}"' in text
    if test.startswith("tests/cases/"):
        return (ROOT / test).is_dir()
    file, sep, name = test.partition("::")
    path = ROOT / file
    return bool(sep) and path.is_file() and f"def {name}(" in path.read_text(encoding="utf-8")


def test_every_entry_is_complete() -> None:
    for entry in entries():
        assert KEYS <= set(entry) <= KEYS | OPTIONAL, entry
        assert isinstance(entry["finding"], str) and entry["finding"].strip(), entry
        assert isinstance(entry["tests"], list), entry
        assert entry["tests"] or entry.get("missing") or entry.get("benchmark"), entry


def test_every_listed_test_exists() -> None:
    absent = [t for entry in entries() for t in entry["tests"] if not exists(t)]
    assert not absent, absent


def test_benchmarks_exist() -> None:
    for entry in entries():
        if "benchmark" in entry:
            assert (ROOT / entry["benchmark"]).is_file(), entry


def test_every_section_of_the_issue_is_covered() -> None:
    sections = [str(entry["section"]) for entry in entries()]
    assert set(sections) == {*map(str, range(1, 8)), "also"}
    order = [s for i, s in enumerate(sections) if s not in sections[:i]]
    assert order == [*map(str, range(1, 8)), "also"], "entries follow the issue's order"

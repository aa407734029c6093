"""One mistake in a vocabulary file (data/quantities.yaml, data/models.yaml) is one problem,
not one per record that uses it: an empty unit definition gave 1,355 errors (the file failed
its schema, so every claim's quantity and unit were unknown)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REAL_DATA
from r1kb.problems import Problem
from r1kb.validate import validate


def _errors_after(tmp_path: Path, name: str, old: str, new: str) -> list[Problem]:
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    text = (data / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (data / name).write_text(text.replace(old, new), encoding="utf-8")
    return validate(data).errors


@pytest.mark.parametrize("definition", ['""', '"  "'])
def test_an_empty_unit_definition_is_one_problem_at_the_definition(
    tmp_path: Path, definition: str
) -> None:
    """tokens has units built on it (trillion-tokens, USD-per-million-tokens…) and claims in
    all of them, derived ones among them: none is reported again."""
    errors = _errors_after(
        tmp_path, "quantities.yaml", 'definition: "[token]"', f"definition: {definition}"
    )
    assert [(p.code, p.path, p.line) for p in errors] == [
        ("bad-unit-definition", "$.units.tokens.definition", 6)
    ]
    assert "the definition is empty" in errors[0].message


@pytest.mark.parametrize(
    ("name", "old", "new", "code"),
    [
        ("quantities.yaml", 'definition: "[token]"', "definition: 5", "schema-wrong-type"),
        (
            "models.yaml",
            "\n  deepseek-r1:\n",
            "\n  deepseek-r1:\n    colour: red\n",
            "schema-unknown-property",
        ),
    ],
)
def test_a_vocabulary_file_that_fails_its_schema_is_one_problem(
    tmp_path: Path, name: str, old: str, new: str, code: str
) -> None:
    """Its ids are not reported missing once per claim, nor its units once per rate."""
    errors = _errors_after(tmp_path, name, old, new)
    assert [(p.code, Path(p.file).name) for p in errors] == [(code, name)], errors[:5]

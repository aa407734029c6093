"""Property-based tests: whatever is written into a data directory, validate() returns a
clean problem report (registered codes, file and message set) and never raises.

One data directory (the all-features case) is built per module; each example writes
one file into it, validates, and restores the file.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASE_SNAPSHOTS, CASES, REAL_DATA, build_data_dir
from r1kb import reporters
from r1kb.codes import CODES
from r1kb.problems import Problem
from r1kb.validate import validate

BASE = CASES / "valid" / "all-features"
HEADER = "# yaml-language-server: $schema=../schema/claim.schema.json\n"
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TARGETS = [
    "claims/fuzzed.yaml",
    "claims/v3-training-gpu-hours.yaml",  # an input of derivations, a redirect target
    "claims/v3-base-total-parameters.yaml",  # in a symmetric contradiction
    "sources/fuzzed.yaml",
    "sources/toy-report.yaml",  # cited by most claims
    "models.yaml",
    "quantities.yaml",
    "redirects.yaml",
    "published-ids.txt",
    "schema/claim.schema.json",
    "schema/redirects.schema.json",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(BASE, tmp_path_factory.mktemp("fuzz") / "data")


@contextmanager
def written(data: Path, rel: str, content: bytes) -> Iterator[None]:
    path = data / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def assert_clean_report(data: Path, rel: str, content: bytes) -> list[Problem]:
    with written(data, rel, content):
        result = validate(data, [CASE_SNAPSHOTS])
    for p in result.problems:
        assert isinstance(p, Problem)
        assert p.file and p.message and p.code in CODES, p
        assert p.severity == CODES[p.code].severity
        assert p.line is None or p.line >= 1, p
    for fmt in reporters.FORMATS:
        assert reporters.render(result, fmt)
    json.loads(reporters.as_json(result))
    return result.problems


# --- arbitrary bytes --------------------------------------------------------------------------


@SETTINGS
@given(target=st.sampled_from(TARGETS), content=st.binary(max_size=400))
def test_arbitrary_bytes(data_dir: Path, target: str, content: bytes) -> None:
    assert_clean_report(data_dir, target, content)


@SETTINGS
@given(
    target=st.sampled_from(TARGETS),
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300),
)
def test_arbitrary_text(data_dir: Path, target: str, text: str) -> None:
    assert_clean_report(data_dir, target, (HEADER + text).encode("utf-8"))


# --- arbitrary YAML documents -----------------------------------------------------------------

FIELDS = [
    *["subject", "quantity", "scope", "value", "unit", "statement", "status", "verdict"],
    *["sources", "source", "role", "locator", "quote", "method", "checked", "derivation"],
    *["formula", "inputs", "claim", "tolerance", "relations", "contradicts", "supersedes"],
    *["corrected_by", "history", "date", "note", "notes", "withdrawn", "reason", "replaced_by"],
    *["low", "high", "title", "publisher", "kind", "primary", "read_as", "published"],
    *["snapshot", "models", "units", "quantities", "redirects", "definition", "label"],
]
WORDS = [
    *["deepseek-v3", "deepseek-r1", "training-cost", "USD", "GPU-hours", "date", "text", "1"],
    *["disclosed", "derived", "estimated", "speculative", "undisclosed", "accurate"],
    *["inaccurate", "misleading", "unsupported", "outdated", "claims", "supports", "refutes"],
    *["toy-report", "a-blog", "v3-training-gpu-hours", "v3-gpu-hours", "v3-training-cost"],
    *["2025-01-20", "2025-02-30", "gpu_hours * price", "x ** 99", "toy-report.txt"],
]
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8), st.integers(), st.none())
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(WORDS),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=25,
)


def dump(document: Any) -> bytes:
    return (HEADER + yaml.safe_dump(document, allow_unicode=True)).encode("utf-8")


@SETTINGS
@given(target=st.sampled_from(TARGETS), document=documents)
def test_arbitrary_yaml_documents(data_dir: Path, target: str, document: Any) -> None:
    assert_clean_report(data_dir, target, dump(document))


# --- mutations of valid records -------------------------------------------------------------


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(record: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    parent = record
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "drop":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif isinstance(parent, dict):  # "add" a sibling key
        parent[value if isinstance(value, str) else str(value)] = copy.deepcopy(parent[last])
    else:
        parent.append(value)


def _record(rel: str) -> Any:
    path = BASE / rel if (BASE / rel).exists() else REAL_DATA / rel
    return yaml.safe_load(path.read_text(encoding="utf-8"))


RECORDS = {
    rel: _record(rel)
    for rel in [
        "claims/v3-training-cost.yaml",
        "claims/deepseek-weekly-gpu-cost-recomputed.yaml",
        "claims/r1-total-parameters-blog.yaml",
        "claims/v3-training-gpu-hours.yaml",
        "claims/v3-training-gpu-hours-old.yaml",
        "claims/deepseek-gpu-fleet-size-undisclosed.yaml",
        "sources/toy-report.yaml",
        "redirects.yaml",
        "models.yaml",
        "quantities.yaml",
    ]
}
RECORDS["units.yaml"] = {"units": RECORDS["quantities.yaml"]["units"]}  # mutate units only
mutation = st.tuples(
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["drop", "replace", "replace", "add"]),
    st.one_of(st.sampled_from(WORDS), documents),
)


@SETTINGS
@given(
    rel=st.sampled_from(sorted(RECORDS)),
    as_new_file=st.booleans(),
    mutations=st.lists(mutation, min_size=1, max_size=4),
)
def test_mutated_records(
    data_dir: Path, rel: str, as_new_file: bool, mutations: list[tuple[int, str, Any]]
) -> None:
    record = copy.deepcopy(RECORDS[rel])
    for index, action, value in mutations:
        paths = _paths(record)
        if not paths:
            break
        _mutate(record, paths[index % len(paths)], action, value)
    if rel == "units.yaml":
        rel, record = "quantities.yaml", {**RECORDS["quantities.yaml"], **record}
    target = rel
    if as_new_file and rel.startswith(("claims/", "sources/")):
        target = rel.split("/")[0] + "/mutated.yaml"
    assert_clean_report(data_dir, target, dump(record))


def test_the_base_is_clean(data_dir: Path) -> None:
    """The properties start from a valid knowledge base (so mutations reach the rules)."""
    assert validate(data_dir, [CASE_SNAPSHOTS]).problems == []


# --- the file system's faults and every other file r1kb reads ------------------------------


@SETTINGS
@given(
    content=st.binary(max_size=200),
    failing=st.sampled_from(["write", "fsync", "replace", "fdopen"]),
)
def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, failing: str
) -> None:
    """write_atomic under a full or read-only disk: OSError, the old bytes, no stray file."""
    import errno
    import os

    from r1kb import fsutil

    folder = tmp_path_factory.mktemp("faults")
    target = folder / "published-ids.txt"
    target.write_bytes(b"# ids\nclaims/kept\n")

    def fail(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    mp = pytest.MonkeyPatch()
    try:
        if failing == "write":
            real_fdopen = os.fdopen

            class Full:
                def __init__(self, fh: Any) -> None:
                    self.fh = fh

                def __enter__(self) -> Full:
                    return self

                def __exit__(self, *exc: object) -> None:
                    self.fh.close()

                def write(self, _: bytes) -> int:
                    raise OSError(errno.ENOSPC, "No space left on device")

            mp.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
        else:
            mp.setattr(os, failing, fail)
        with pytest.raises(OSError):
            fsutil.write_atomic(target, content)
    finally:
        mp.undo()
    assert target.read_bytes() == b"# ids\nclaims/kept\n"
    assert [p.name for p in folder.iterdir()] == ["published-ids.txt"]


@SETTINGS
@given(
    published=st.binary(max_size=200),
    redirects=st.binary(max_size=200),
)
def test_new_reads_any_published_list_and_redirects_without_raising(
    data_dir: Path, published: bytes, redirects: bytes
) -> None:
    from r1kb import scaffold

    with (
        written(data_dir, "published-ids.txt", published),
        written(data_dir, "redirects.yaml", redirects),
    ):
        for kind in ("claim", "source"):
            assert isinstance(scaffold.taken_ids(data_dir, kind), set)
        why = scaffold.published_problem(data_dir)
        assert why is None or "published-ids.txt" in why


def test_write_atomic_keeps_the_mode_and_replaces_whole(tmp_path: Path) -> None:
    import os
    import stat

    from r1kb.fsutil import write_atomic

    target = tmp_path / "list.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n" and stat.S_IMODE(os.stat(target).st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    write_atomic(fresh, b"x")
    assert fresh.read_bytes() == b"x" and stat.S_IMODE(os.stat(fresh).st_mode) & 0o600 == 0o600

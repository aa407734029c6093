"""Property-based tests: whatever is written into a data directory, validate() returns a
clean problem report (registered codes, file and message set) and never raises.

One data directory (the all-features case) is built per module; each example writes
one file into it, validates, and restores the file.
"""

from __future__ import annotations

import copy
import errno
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
from r1kb.schemas import SCHEMA_FILES
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
    *(f"schema/{name}" for name in SCHEMA_FILES.values()),
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


# --- the schema folder: any JSON, `$ref`s in circles and to other documents --------------

SCHEMA_KEYS = [
    *["type", "properties", "items", "prefixItems", "$defs", "$ref", "$dynamicRef", "enum"],
    *["const", "pattern", "required", "additionalProperties", "anyOf", "oneOf", "allOf"],
    *["not", "if", "then", "else", "description", "title", "minimum", "maxLength", "format"],
    *["$id", "$anchor", "examples", "default", "a", "b"],
]
REFS = [
    *["#", "#/$defs/a", "#/$defs/b", "#/$defs/a/items", "#/properties", "#/nowhere", "#a"],
    *["other.schema.json", "claim.schema.json#/$defs/id", "file:///etc/hostname"],
]
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from([*REFS, "object", "array", "string", "number", "^[a-z]+$", "(a+)+$"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(SCHEMA_KEYS), children, max_size=5),
    ),
    max_leaves=20,
)


@SETTINGS
@given(
    name=st.sampled_from(sorted(SCHEMA_FILES.values())),
    graft=json_values,
    defs=st.dictionaries(st.sampled_from(["a", "b"]), json_values, max_size=2),
    where=st.integers(min_value=0, max_value=100),
    whole=st.booleans(),
)
def test_any_json_in_the_schema_folder(
    data_dir: Path, name: str, graft: Any, defs: dict[str, Any], where: int, whole: bool
) -> None:
    """Any JSON as a schema, or grafted into the real one (a `$ref` cycle was a RecursionError
    in the build): a clean report, and a usable schema renders on the reference page."""
    from r1kb import schemas
    from r1kb.site.context import SiteContext
    from r1kb.site.pages import schema_reference
    from r1kb.site.urls import Urls

    schema: Any = graft
    if not whole:
        schema = json.loads((data_dir / "schema" / name).read_text(encoding="utf-8"))
        props = schema["properties"]
        props[sorted(props)[where % len(props)]] = graft
        schema.setdefault("$defs", {}).update(defs)
    rel = f"schema/{name}"
    content = json.dumps(schema).encode("utf-8")
    assert_clean_report(data_dir, rel, content)
    with written(data_dir, rel, content):
        if schemas.unusable(data_dir / "schema", name.split(".")[0]) is None:
            ctx = SiteContext(kb=None, urls=Urls(), dates=None, schema_dir=data_dir / "schema")  # type: ignore[arg-type]
            assert "Schema reference" in schema_reference.render(ctx)


def test_the_base_is_clean(data_dir: Path) -> None:
    """The properties start from a valid knowledge base (so mutations reach the rules)."""
    assert validate(data_dir, [CASE_SNAPSHOTS]).problems == []


# --- the file system's faults and every other file r1kb reads ------------------------------


def break_the_disk(mp: pytest.MonkeyPatch, failing: str, code: int) -> None:
    """One step of fsutil's writes fails with code, as on a full or read-only disk
    (mkstemp, fdopen for writing, write, fsync, or replace: the step that names the file,
    os.replace or, for a file that must be new, os.link); reading files still works."""
    import os
    import tempfile

    def fail(*_: object, **__: object) -> Any:
        raise OSError(code, os.strerror(code))

    class Full:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, _: bytes) -> int:
            raise OSError(code, os.strerror(code))

    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" not in mode:
            return real_fdopen(fd, mode, *args, **kwargs)
        return fail() if failing == "fdopen" else Full(real_fdopen(fd, mode, *args, **kwargs))

    if failing in ("fdopen", "write"):
        mp.setattr(os, "fdopen", fdopen)
    elif failing == "mkstemp":
        mp.setattr(tempfile, "mkstemp", fail)
    elif failing == "replace":
        mp.setattr(os, "replace", fail)
        mp.setattr(os, "link", fail)
    else:
        mp.setattr(os, failing, fail)


@SETTINGS
@given(
    content=st.binary(max_size=200),
    failing=st.sampled_from(["mkstemp", "fdopen", "write", "fsync", "replace"]),
)
def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, failing: str
) -> None:
    """write_atomic under a full or read-only disk: OSError, the old bytes, no stray file."""
    import errno

    from r1kb import fsutil

    folder = tmp_path_factory.mktemp("faults")
    target = folder / "published-ids.txt"
    target.write_bytes(b"# ids\nclaims/kept\n")

    mp = pytest.MonkeyPatch()
    try:
        break_the_disk(mp, failing, errno.ENOSPC)
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


# --- every command that writes, on a full or read-only disk ---------------------------------

WRITERS = {
    "publish-ids": ["publish-ids"],
    "new source": [
        "new", "source", "acme-blog-2025-02-01", "--title", "R1 explained", "--publisher", "Acme",
        "--kind", "blog", "--published", "2025-02-01", "--url", "https://acme.example/r1",
    ],
    "new claim": [
        "new", "claim", "tiny-report-r1-cost", "--subject", "deepseek-r1", "--quantity",
        "training-cost", "--value", "5580000", "--statement", "It says R1 cost $5.58M.",
        "--status", "speculative", "--verdict", "misleading", "--corrected-by",
        "v3-training-cost", "--source", "some-blog", "--locator", "p. 1", "--quote", "$5.58M",
    ],
    "check-source --draft": ["check-source", "--draft", "{tmp}/drafts", "{tmp}/article.txt"],
}  # fmt: skip
FAULTS = {  # (what fails, errno): a full disk fails a write, a read-only one the first create
    "mkstemp": errno.EROFS, "fdopen": errno.EROFS, "write": errno.ENOSPC,
    "fsync": errno.ENOSPC, "replace": errno.ENOSPC,
}  # fmt: skip


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("failing", sorted(FAULTS))
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_every_command_that_writes_fails_cleanly_on_a_faulty_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, failing: str
) -> None:
    """`new`, `publish-ids` and `--draft` on a read-only or full disk were tracebacks, and
    `new claim` left a 0-byte record: now an error, and not one file changed or added."""
    import os

    from click.testing import CliRunner

    from r1kb.cli import cli

    data = build_data_dir(CASES / "valid" / "minimal", tmp_path / "data")
    (tmp_path / "article.txt").write_text("DeepSeek-R1 has 671B parameters.\n", encoding="utf-8")
    before = _files(tmp_path)
    code = FAULTS[failing]

    break_the_disk(monkeypatch, failing, code)
    monkeypatch.setenv("R1KB_CACHE_DIR", "")  # the cache may fail silently; not what is tested
    args = [a.format(tmp=tmp_path) for a in WRITERS[command]]
    result = CliRunner().invoke(cli, [*args, "--data", str(data)])
    assert result.exit_code in (1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert os.strerror(code) in result.output, result.output
    assert _files(tmp_path) == before

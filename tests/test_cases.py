"""The validator against folders of passing and failing examples.

Each folder under tests/cases/valid and tests/cases/invalid is a small data
directory (claims/, sources/, optionally models.yaml, quantities.yaml, exchange-rates.yaml,
redirects.yaml, published-ids.txt, schema/ files that replace or join the real
ones); the real vocabularies and schemas are laid under it. An invalid case's
expected.yaml lists every problem it must produce as {file, line, code}
(optionally `path`): the produced set must equal it exactly. A valid case
produces nothing (or only the warnings its expected.yaml lists). Quotes are
checked against the case's own snapshots/ folder, else the shared
tests/cases/snapshots/ — never the project's configured snapshot dirs.

Cases that need bytes git should not hold (bad UTF-8, a file over 1 MiB, a
dangling link, a named pipe) are generated below into a copy of a committed case.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import CASE_SNAPSHOTS, CASES, ROOT, relative_file
from r1kb.codes import CODES
from r1kb.loader import MAX_BYTES
from r1kb.problems import Problem
from r1kb.validate import validate

Triple = tuple[str, int | None, str]

VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def _expected(case: Path) -> list[dict[str, object]]:
    path = case / "expected.yaml"
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["problems"]
    for e in entries:
        assert set(e) <= {"file", "line", "code", "path"}, f"{path}: unknown keys in {e}"
        assert e["code"] in CODES, f"{path}: {e['code']!r} is not a registered code"
    return entries


def _snapshot_dir(case: Path) -> Path:
    own = case / "snapshots"
    return own if own.is_dir() else CASE_SNAPSHOTS


def _check_problem(p: Problem) -> None:
    """Every problem is complete and its code is registered with the right severity."""
    assert isinstance(p, Problem)
    assert p.file and p.code and p.message, p
    assert p.code in CODES, f"unregistered code {p.code!r}"
    assert p.severity == CODES[p.code].severity, p
    assert p.path.startswith("$"), p


def _run(data: Path, snapshots: Path) -> tuple[list[Problem], set[Triple]]:
    problems = validate(data, [snapshots]).problems
    for p in problems:
        _check_problem(p)
    return problems, {(relative_file(p.file, data), p.line, p.code) for p in problems}


def _compare(data: Path, snapshots: Path, expected: list[dict[str, object]]) -> None:
    problems, found = _run(data, snapshots)
    want = {(str(e["file"]), e["line"], str(e["code"])) for e in expected}  # type: ignore[misc]
    shown = "\n".join(
        f"  {relative_file(p.file, data)}:{p.line}: {p.path}: {p.message} [{p.code}]"
        for p in problems
    )
    assert found == want, (
        f"\nmissing: {sorted(want - found, key=str)}\nunexpected: {sorted(found - want, key=str)}"
        f"\nproduced:\n{shown}"
    )
    for e in expected:
        if "path" in e:
            where = (e["file"], e["line"], e["code"])
            paths = {
                p.path for p in problems if (relative_file(p.file, data), p.line, p.code) == where
            }
            assert e["path"] in paths, f"{e}: produced paths {paths}"


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case: Path, make_data: Callable[..., Path]) -> None:
    expected = _expected(case)
    assert all(CODES[str(e["code"])].severity == "warning" for e in expected), (
        "a valid case may only expect warnings"
    )
    _compare(make_data(case), _snapshot_dir(case), expected)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case(case: Path, make_data: Callable[..., Path]) -> None:
    expected = _expected(case)
    assert expected, f"{case.name} has no expected.yaml problems"
    _compare(make_data(case), _snapshot_dir(case), expected)


# --- generated cases ------------------------------------------------------------------------

HEADER = b"# yaml-language-server: $schema=../schema/claim.schema.json\n"


@dataclass(frozen=True)
class Generated:
    """A committed base case plus files written by `write`; expects exactly `expected`."""

    name: str
    write: Callable[[Path], None]
    expected: tuple[Triple, ...]
    base: str = "valid/all-features"


def _write(rel: str, content: bytes) -> Callable[[Path], None]:
    def write(data: Path) -> None:
        (data / rel).write_bytes(content)

    return write


def _dangling_link(data: Path) -> None:
    os.symlink(data / "claims" / "no-such-target.yaml", data / "claims" / "dangling-link.yaml")


def _links_everywhere(data: Path) -> None:
    """Links named like records, a schema replaced by a link, a linked folder: never read nor
    published (they would disclose /etc/passwd, the environment or the job's token)."""
    os.symlink("/etc/passwd", data / "claims" / "passwd.yaml")
    os.symlink("../../../../../.git/config", data / "sources" / "git-config.yaml")
    (data / "schema" / "claim.schema.json").unlink()
    os.symlink("/proc/self/environ", data / "schema" / "claim.schema.json")
    os.symlink("claims", data / "linked-folder")
    os.symlink("/etc/hostname", data / "claims" / ".hidden-link.yaml")


def _fifo(data: Path) -> None:
    os.mkfifo(data / "claims" / "pipe.yaml")


def _link_loop(data: Path) -> None:
    os.symlink(data / "claims" / "loop-b.yaml", data / "claims" / "loop-a.yaml")
    os.symlink(data / "claims" / "loop-a.yaml", data / "claims" / "loop-b.yaml")


def _loosened_schemas(data: Path) -> None:
    """The same pull request loosens the schemas (no id patterns) and adds hostile ids."""
    for name in ("models", "quantities", "redirects", "source"):
        path = data / "schema" / f"{name}.schema.json"
        path.write_text(re.sub(r'"(propertyNames|pattern)"', r'"x-\1"', path.read_text()))
    blog = data / "sources" / "a-blog.yaml"
    blog.write_text(
        blog.read_text().replace("snapshot: blog-post.txt", "snapshot: ../../../../etc/passwd")
    )
    _insert_entry(
        data,
        "models.yaml",
        "models",
        '"x\\" onmouseover=\\"alert(1)":\n'
        "    {name: Xx hostile, kind: company, description: A hostile id., order: 999}",
    )
    _insert_entry(
        data,
        "quantities.yaml",
        "quantities",
        '"q onmouseover=alert(1)":\n'
        "    {name: Qq hostile, unit: count, group: hardware, description: A hostile id.,"
        " disclosure: Not disclosed at all.}",
    )
    (data / "redirects.yaml").write_text(
        "# yaml-language-server: $schema=schema/redirects.schema.json\n"
        'redirects:\n  "../../../../escaped": v3-training-gpu-hours\n'
        "  v3-gpu-hours: v3-training-gpu-hours\n"
        "sources: {an-old-blog-name: a-blog}\nmodels: {r1: deepseek-r1}\n",
        encoding="utf-8",
    )


def _line_after(name: str, key: str) -> int:
    """The line below a top-level key of the project's own vocabulary file (where the
    generated case inserts its hostile entry)."""
    lines = (Path(__file__).resolve().parents[1] / "data" / name).read_text(encoding="utf-8")
    return lines.split("\n").index(key) + 2


def _insert_entry(data: Path, name: str, table: str, entry: str) -> None:
    """A hostile entry written first under a top-level table of a vocabulary file."""
    text = (data / name).read_text(encoding="utf-8")
    text = text.replace(f"\n{table}:\n", f"\n{table}:\n  {entry}\n", 1)
    (data / name).write_text(text, encoding="utf-8")


def _formula_unit_id(data: Path) -> None:
    """A unit id that a spreadsheet would run as a formula (the CSV export's unit column):
    units have no id pattern in the schema, so the rule in Python refuses it."""
    entry = (
        '"=HYPERLINK(\\"https://evil.example\\",\\"x\\")": {label: evil, definition: "[parameter]"}'
    )
    _insert_entry(data, "quantities.yaml", "units", entry)


def _vocabulary_flood(data: Path) -> None:
    """5,000 more terms for a quantity: check-source would compile every one (10,000 took
    15 s and 280 MB); the schema sets no limit a pull request could not loosen."""
    text = (data / "quantities.yaml").read_text(encoding="utf-8")
    at = text.index("    terms: [", text.index("\nquantities:\n")) + len("    terms: [")
    terms = "".join(f'"made-up term {i}", ' for i in range(5_000))
    (data / "quantities.yaml").write_text(text[:at] + terms + text[at:], encoding="utf-8")


def _wildcards(data: Path) -> None:
    """A term with two `*`: they can share a long word in every way, which the matcher tries."""
    text = (data / "quantities.yaml").read_text(encoding="utf-8")
    at = text.index("    terms: [", text.index("\nquantities:\n")) + len("    terms: [")
    (data / "quantities.yaml").write_text(text[:at] + '"tok* tok*", ' + text[at:], "utf-8")


def _published_gone(data: Path) -> None:
    (data / "published-ids.txt").unlink()


def _published_folder(data: Path) -> None:
    (data / "published-ids.txt").unlink()
    (data / "published-ids.txt").mkdir()


def _redirects_folder(data: Path) -> None:
    (data / "redirects.yaml").mkdir()


GENERATED = [
    Generated(
        "not-utf8-latin1",
        _write("claims/latin1.yaml", HEADER + b"subject: deepseek-r1\nnotes: caf\xe9\n"),
        (("claims/latin1.yaml", 3, "not-utf8"),),
    ),
    Generated(
        "not-utf8-nul",
        _write("claims/nul.yaml", HEADER + b"subject: deepseek-r1\n\nnotes: a\x00b\n"),
        (("claims/nul.yaml", 4, "not-utf8"),),
    ),
    Generated(
        "utf16-with-bom",
        _write("sources/utf16.yaml", "title: x\n".encode("utf-16")),
        (("sources/utf16.yaml", 1, "not-utf8"),),
    ),
    Generated(
        "published-ids-not-utf8",  # was: the guard switched itself off
        _write("published-ids.txt", b"# ids\nclaims/v3-training-gpu-hours\nclaims/caf\xe9\n"),
        (("published-ids.txt", 3, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-missing",
        _published_gone,
        (("published-ids.txt", None, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-folder",
        _published_folder,
        (("published-ids.txt", None, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-empty",  # was: valid, with the guard switched off
        _write("published-ids.txt", b""),
        (("published-ids.txt", None, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-blank",
        _write("published-ids.txt", b"\n  \n"),
        (("published-ids.txt", None, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-without-header",  # the list lost its beginning (a truncated merge)
        _write("published-ids.txt", b"claims/gone-claim\n"),
        (("published-ids.txt", 1, "published-ids-unreadable"),),
    ),
    Generated(
        "published-ids-with-bom",  # the header stays a comment; the guard still runs
        _write("published-ids.txt", "\ufeff# ids\nclaims/gone-claim\n".encode()),
        (("published-ids.txt", 2, "published-id-missing"),),
    ),
    Generated(
        "file-too-large",
        _write("claims/huge.yaml", HEADER + b"# padding\n" * (MAX_BYTES // 10 + 1)),
        (("claims/huge.yaml", None, "file-too-large"),),
    ),
    Generated(
        "dangling-link",
        _dangling_link,
        (("claims/dangling-link.yaml", None, "not-a-regular-file"),),
    ),
    Generated(
        "links-everywhere",
        _links_everywhere,
        (
            ("claims/passwd.yaml", None, "not-a-regular-file"),
            ("claims/.hidden-link.yaml", None, "not-a-regular-file"),
            ("sources/git-config.yaml", None, "not-a-regular-file"),
            ("schema/claim.schema.json", None, "not-a-regular-file"),
            ("linked-folder", None, "not-a-regular-file"),
        ),
        base="invalid/schema-invalid",
    ),
    Generated(
        "named-pipe",  # never opened: reading a FIFO would hang the validator
        _fifo,
        (("claims/pipe.yaml", None, "not-a-regular-file"),),
    ),
    Generated(
        "link-loop",  # was an OSError traceback
        _link_loop,
        (
            ("claims/loop-a.yaml", None, "not-a-regular-file"),
            ("claims/loop-b.yaml", None, "not-a-regular-file"),
        ),
    ),
    Generated(
        "ids-checked-when-the-schema-is-loosened",
        _loosened_schemas,
        (
            ("models.yaml", _line_after("models.yaml", "models:"), "bad-id"),
            ("quantities.yaml", _line_after("quantities.yaml", "quantities:"), "bad-id"),
            ("redirects.yaml", 3, "bad-id"),
            ("sources/a-blog.yaml", 8, "schema-bad-value"),
            ("sources/a-blog.yaml", 8, "quote-unchecked"),  # never read
        ),
    ),
    Generated(
        "unit-id-that-is-a-formula",
        _formula_unit_id,
        (
            ("quantities.yaml", _line_after("quantities.yaml", "units:"), "bad-id"),
            ("quantities.yaml", _line_after("quantities.yaml", "units:"), "bad-unit-definition"),
        ),
    ),
    Generated(
        "vocabulary-too-large",
        _vocabulary_flood,
        # reported at the file's first key (the whole file: `$`)
        (
            (
                "quantities.yaml",
                _line_after("quantities.yaml", "units:") - 1,
                "vocabulary-too-large",
            ),
        ),
    ),
    Generated(
        "term-too-many-wildcards",
        _wildcards,
        (
            (
                "quantities.yaml",
                _line_after("quantities.yaml", "units:") - 1,
                "term-too-many-wildcards",
            ),
        ),
    ),
    Generated(
        "file-unreadable-folder",
        _redirects_folder,
        (("redirects.yaml", None, "file-unreadable"),),
        base="valid/minimal",
    ),
]


@pytest.mark.parametrize("gen", GENERATED, ids=lambda g: g.name)
def test_generated_case(gen: Generated, make_data: Callable[..., Path]) -> None:
    data = make_data(CASES / gen.base)
    gen.write(data)
    base_expected = _expected(CASES / gen.base)
    expected = [*base_expected, *({"file": f, "line": ln, "code": c} for f, ln, c in gen.expected)]
    _compare(data, CASE_SNAPSHOTS, expected)


# --- coverage of the code registry ----------------------------------------------------------


def _codes_expected_by_cases() -> set[str]:
    codes = {str(e["code"]) for case in INVALID for e in _expected(case)}
    return codes | {code for g in GENERATED for _, _, code in g.expected}


def test_every_registered_code_has_a_case() -> None:
    missing = sorted(set(CODES) - _codes_expected_by_cases())
    assert not missing, f"codes no case produces: {missing}"


def test_every_case_folder_is_well_formed() -> None:
    for case in [*VALID, *INVALID]:
        assert (case / "claims").is_dir() or case.name == "data-missing", case
        for child in case.iterdir():
            allowed = {"claims", "sources", "snapshots", "expected.yaml", "published-ids.txt"}
            allowed |= {"models.yaml", "quantities.yaml", "redirects.yaml", "exchange-rates.yaml"}
            allowed |= {"schema"}
            assert child.name in allowed, f"{child} is not part of the case format"
    assert len(INVALID) >= len(CODES) // 2


def _literal_codes(node: ast.AST) -> set[str]:
    return {
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and KEBAB.match(n.value)
    }


KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def test_every_code_the_engine_can_emit_is_registered() -> None:
    """Statically: every code literal passed to problem()/YamlIssue or set as error_code."""
    emitted: set[str] = set()
    for path in (ROOT / "src" / "r1kb").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                index = {"problem": 1, "YamlIssue": 0}.get(name)
                if index is not None and len(node.args) > index:
                    emitted |= _literal_codes(node.args[index])
                emitted |= {
                    c for kw in node.keywords if kw.arg == "code" for c in _literal_codes(kw.value)
                }
            elif isinstance(node, ast.Assign):
                targets = [t for t in node.targets for t in ast.walk(t)]
                if any(getattr(t, "attr", getattr(t, "id", "")) == "error_code" for t in targets):
                    emitted |= _literal_codes(node.value)
    assert emitted, "found no code literals: the scan is broken"
    assert emitted <= set(CODES), f"unregistered: {sorted(emitted - set(CODES))}"

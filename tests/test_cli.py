"""The command line as a user meets it: help everywhere, exit codes, output formats."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO

import click
import pytest
from click.testing import CliRunner

from r1kb.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SNAPSHOTS = CASES / "snapshots"
TEXT_LINE = re.compile(
    r"^(?P<file>[^:\s]+\.yaml):(?P<line>\d+):(?P<col>\d+): \$\S*: .+ \[[a-z-]+\]"
)


def _walk(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _walk(command, (*prefix, name))


def _data_copy(tmp_path: Path, case: Path) -> Path:
    """A case directory over the real vocabularies, as the case tests do."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("models.yaml", "quantities.yaml", "redirects.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(case, data, dirs_exist_ok=True)
    if not (data / "published-ids.txt").exists():
        (data / "published-ids.txt").write_text("# published ids\n", encoding="utf-8")
    return data


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return _data_copy(tmp_path, CASES / "valid" / "minimal")


@pytest.fixture
def broken(minimal: Path) -> Path:
    claim = minimal / "claims" / "v3-training-cost.yaml"
    claim.write_text(claim.read_text().replace("value: 5576000", "value: 6.0e6"))
    return minimal


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = list(_walk(cli))
    assert len(commands) >= 3
    for path, command in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert command.help, f"`r1kb {' '.join(path)}` has no help text"
        assert "Example" in result.output, f"`r1kb {' '.join(path)} --help` shows no example"
        invocation = "r1kb " + " ".join(path)
        assert invocation in result.output, f"no example of `{invocation}` in its help"


def test_top_level_help_and_version(runner: CliRunner) -> None:
    assert "validate" in runner.invoke(cli, ["--help"]).output
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and re.search(r"\d+\.\d+", result.output)


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "r1kb", "--help"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and "validate" in out.stdout


DEV_FULL = Path("/dev/full")


def _run(
    args: list[str], stdout: IO[str] | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A command as a shell runs it (r1kb through main(), not click's test runner)."""
    return subprocess.run(
        args, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False, timeout=300, env=env
    )


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "command",
    [
        ["codes"],
        ["codes", "--format", "json"],
        ["--help"],
        ["validate"],
        ["export"],
        ["publish-ids"],
    ],
)
@pytest.mark.parametrize("encoding", [None, "ascii"])
def test_a_full_standard_output_is_one_line_not_a_traceback(
    command: list[str], encoding: str | None, minimal: Path
) -> None:
    """click.echo's OSError (No space left on device) was a traceback, and a small output
    that failed only when flushed at exit was "Exception ignored" and status 120. With an
    ASCII output (PYTHONIOENCODING=ascii), click wrote to its buffer directly: a traceback."""
    args = command if command[0] in ("codes", "--help") else [*command, "--data", str(minimal)]
    env = {**os.environ, **({"PYTHONIOENCODING": encoding} if encoding else {})}
    with DEV_FULL.open("w") as full:
        out = _run([sys.executable, "-m", "r1kb", *args], stdout=full, env=env)
    assert out.returncode == 1, out.stderr
    assert "r1kb: cannot write the output: No space left on device" in out.stderr.splitlines()
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr


def test_a_closed_pipe_ends_quietly(minimal: Path) -> None:
    """`r1kb export | head -1`: the reader is gone; no message, no traceback, status 1."""
    args = [sys.executable, "-m", "r1kb", "export", "--data", str(minimal), "--format", "json"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # before r1kb has written anything: every write finds no reader
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert b"cannot write" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
def test_a_closed_standard_output_is_an_error() -> None:
    """`r1kb codes >&-` lost the whole output and said it succeeded (status 0)."""
    out = _run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "r1kb", "codes"])
    assert out.returncode == 1
    assert out.stderr == "r1kb: cannot write the output: standard output is closed\n"


def test_validate_clean_exits_zero(runner: CliRunner, minimal: Path) -> None:
    result = runner.invoke(cli, ["validate", "--data", str(minimal), "--snapshots", str(SNAPSHOTS)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("ok: 5 claims, 2 sources")


def test_validate_problem_text_format_and_exit_one(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(cli, ["validate", "--data", str(broken), "--snapshots", str(SNAPSHOTS)])
    assert result.exit_code == 1
    lines = [
        line
        for line in result.output.splitlines()
        if TEXT_LINE.match(line) and not line.endswith("(warning)")
    ]
    assert lines, result.output
    first = TEXT_LINE.match(lines[0])
    assert first and first["file"].endswith("claims/v3-training-cost.yaml")
    assert first["line"] == "5"  # the value line: the arithmetic disagrees with 6.0e6
    assert "[arithmetic-disagrees]" in result.output
    assert result.output.strip().splitlines()[-1].startswith("FAILED:")


def test_validate_json_format(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(
        cli, ["validate", "--data", str(broken), "--snapshots", str(SNAPSHOTS), "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False and report["summary"]["errors"] >= 1
    codes = {p["code"] for p in report["problems"]}
    assert "arithmetic-disagrees" in codes
    assert all(
        {"file", "line", "path", "code", "message", "severity"} <= p.keys()
        for p in report["problems"]
    )


def test_validate_github_annotations(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(
        cli,
        ["validate", "--data", str(broken), "--snapshots", str(SNAPSHOTS), "--format", "github"],
    )
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert annotations
    assert re.match(
        r"::error file=[^,]+v3-training-cost\.yaml,line=5,col=\d+,title=arithmetic-disagrees::",
        annotations[0],
    )


def test_unchecked_quotes_warn_unless_strict(runner: CliRunner, minimal: Path) -> None:
    relaxed = runner.invoke(cli, ["validate", "--data", str(minimal)])
    strict = runner.invoke(cli, ["validate", "--data", str(minimal), "--strict-quotes"])
    assert "[quote-unchecked] (warning)" in relaxed.output
    assert relaxed.exit_code == 0 and strict.exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--data", "{missing}/r1kb"],
        ["validate", "--format", "xml"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_two_without_traceback(
    runner: CliRunner, args: list[str], tmp_path: Path
) -> None:
    result = runner.invoke(cli, [a.format(missing=tmp_path / "missing") for a in args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_on_an_empty_directory_reports_missing_files(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["validate", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "[data-missing]" in result.output and "Traceback" not in result.output


def test_codes_lists_the_registry(runner: CliRunner) -> None:
    from r1kb.codes import CODES

    text = runner.invoke(cli, ["codes"]).output
    listed = json.loads(runner.invoke(cli, ["codes", "--format", "json"]).output)
    assert {c["code"] for c in listed} == set(CODES)
    assert all(code in text for code in CODES)


@pytest.mark.parametrize(
    "content",
    [b"claims/v3-training-cost\nclaims/caf\xe9\nsources/tiny-report\n", b"\x00\x01binary"],
)
def test_publish_ids_refuses_a_list_it_cannot_read(
    runner: CliRunner, minimal: Path, content: bytes
) -> None:
    """It used to drop every id after a bad byte and rewrite the file."""
    published = minimal / "published-ids.txt"
    published.write_bytes(content)
    result = runner.invoke(cli, ["publish-ids", "--data", str(minimal)])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert published.read_bytes() == content


def test_publish_ids_on_a_full_disk_keeps_the_list(
    runner: CliRunner, minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write leaves the old list whole (it used to truncate it and crash)."""
    import errno
    import os

    published = minimal / "published-ids.txt"
    published.write_text("# ids\nclaims/v3-training-cost\n", encoding="utf-8")
    before = published.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(cli, ["publish-ids", "--data", str(minimal)])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert published.read_bytes() == before
    assert sorted(p.name for p in minimal.iterdir() if p.name.startswith(".")) == []


def test_publish_ids_adds_models_and_quantities(runner: CliRunner, minimal: Path) -> None:
    result = runner.invoke(cli, ["publish-ids", "--data", str(minimal)])
    assert result.exit_code == 0, result.output
    ids = (minimal / "published-ids.txt").read_text(encoding="utf-8").splitlines()
    assert "models/deepseek-r1" in ids and "quantities/training-cost" in ids


def test_publish_ids_only_adds(runner: CliRunner, minimal: Path) -> None:
    published = minimal / "published-ids.txt"
    published.write_text("# ids\nclaims/an-old-claim\n")
    result = runner.invoke(cli, ["publish-ids", "--data", str(minimal)])
    assert result.exit_code == 0, result.output
    ids = [line for line in published.read_text().splitlines() if not line.startswith("#")]
    assert "claims/an-old-claim" in ids and "claims/v3-training-cost" in ids
    assert "sources/tiny-report" in ids
    check = runner.invoke(cli, ["validate", "--data", str(minimal), "--snapshots", str(SNAPSHOTS)])
    assert "[published-id-missing]" in check.output and "an-old-claim" in check.output


def test_a_non_utf8_pyproject_is_not_a_traceback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.r1kb]\ndata_dir = "data\xff"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_refuses_a_missing_snapshots_folder(
    runner: CliRunner, minimal: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing"  # never an absolute path of the machine: it may exist there
    result = runner.invoke(cli, ["validate", "--data", str(minimal), "--snapshots", str(missing)])
    assert result.exit_code == 2 and f"'{missing}' is not a directory" in result.output


def test_no_module_imports_the_top_level_cli() -> None:
    """The subcommands (check-source, export, new) take their shared options from
    r1kb.options, so that the import graph has no circle through cli.py."""
    import ast

    src = Path(__file__).resolve().parents[1] / "src" / "r1kb"
    offenders = []
    for path in src.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(n == "r1kb.cli" or n.startswith("r1kb.cli.") for n in names):
                offenders.append(str(path.relative_to(src)))
    assert not offenders, offenders


def test_a_snapshot_name_too_long_for_a_file_is_an_error_not_a_traceback(
    runner: CliRunner, minimal: Path, tmp_path: Path
) -> None:
    """A 300-character snapshot name reached the file system: OSError (name too long)."""
    source = minimal / "sources" / "tiny-report.yaml"
    text = re.sub(r"(?m)^snapshot: .*$", "snapshot: " + "a" * 300 + ".txt", source.read_text())
    source.write_text(text, encoding="utf-8")
    shots = tmp_path / "shots"
    shots.mkdir()
    result = runner.invoke(cli, ["validate", "--data", str(minimal), "--snapshots", str(shots)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "not a plain file name" in result.output and "[schema-bad-value]" in result.output


def test_a_chain_of_thousands_of_redirects_resolves(runner: CliRunner, minimal: Path) -> None:
    """Each link of a chain was looked for in a list of the chain so far: 2,000 links took
    24 s, 4,000 over two minutes (the cost itself is not timed here: it resolves)."""
    links = {f"old-{i}": f"old-{i + 1}" for i in range(3000)}
    links["old-3000"] = "v3-training-cost"
    (minimal / "redirects.yaml").write_text(
        "redirects:\n" + "".join(f"  {a}: {b}\n" for a, b in links.items()), encoding="utf-8"
    )
    result = runner.invoke(cli, ["validate", "--data", str(minimal), "--format", "json"])
    problems = json.loads(result.output)["problems"]
    assert not [p for p in problems if "redirect" in p["code"]], problems


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("source.schema.json", None, "source.schema.json is missing"),
        ("source.schema.json", "{not json", "source.schema.json is not JSON"),
        ("models.schema.json", '{"type": 5}', "models.schema.json is not a valid JSON Schema"),
    ],
)
def test_a_missing_or_broken_schema_file_is_reported_by_validate(
    runner: CliRunner, tmp_path: Path, name: str, content: str | None, why: str
) -> None:
    """The data's own schema folder with one file gone, not JSON or not a schema: one problem
    naming the file (it was a traceback), never a fallback to another schema."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    if content is None:
        (data / "schema" / name).unlink()
    else:
        (data / "schema" / name).write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert why in result.output and "[schema-invalid]" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

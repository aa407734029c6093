"""`r1kb new source` / `r1kb new claim`: records from flags, prompts in a terminal, ids checked."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from r1kb import new as new_module
from r1kb import new_values
from r1kb.cli import cli
from r1kb.scaffold import FOLDERS, SCHEMA_LINES
from r1kb.validate import validate

ROOT = Path(__file__).resolve().parents[1]

SOURCE = [
    "new", "source", "acme-blog-2025-02-01", "--title", "R1 explained", "--publisher", "Acme",
    "--kind", "blog", "--published", "2025-02-01", "--url", "https://acme.example/r1",
    "--author", "A. Writer",
]  # fmt: skip
CLAIM = [
    "new", "claim", "acme-blog-2025-02-01-r1-training-cost", "--subject", "deepseek-r1",
    "--quantity", "training-cost", "--value", "5,580,000",
    "--statement", "Acme says DeepSeek-R1 cost $5.58M to train.", "--status", "speculative",
    "--verdict", "misleading", "--corrected-by", "v3-training-cost", "--corrected-by",
    "r1-rl-cost", "--source", "acme-blog-2025-02-01", "--locator", "paragraph 3",
    "--quote", "R1 cost $5.58M to train",
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def run(data: Path, args: list[str], stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [*args, "--data", str(data)], input=stdin)


def test_new_source_and_claim_validate(data: Path) -> None:
    result = run(data, SOURCE)
    assert result.exit_code == 0, result.output
    source = data / "sources" / "acme-blog-2025-02-01.yaml"
    assert source.read_text(encoding="utf-8").startswith(SCHEMA_LINES["source"] + "\n")
    result = run(data, CLAIM)
    assert result.exit_code == 0, result.output
    claim = data / "claims" / "acme-blog-2025-02-01-r1-training-cost.yaml"
    text = claim.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINES["claim"] + "\n") and "value: 5580000" in text
    outcome = validate(data, [])
    assert outcome.ok, [(p.file, p.message) for p in outcome.errors]
    assert {p.code for p in outcome.problems if "acme" in p.file} == {"quote-unchecked"}


@pytest.mark.parametrize(
    ("record_id", "why"),
    [("Not_Kebab", "not a kebab-case id"), ("r1-total-parameters", "already used")],
)
def test_ids_are_checked(data: Path, record_id: str, why: str) -> None:
    args = [*CLAIM]
    args[2] = record_id
    result = run(data, args)
    assert result.exit_code == 2 and why in result.output
    assert not (data / "claims" / "Not_Kebab.yaml").exists()


def test_bad_references_are_refused_before_writing(data: Path) -> None:
    run(data, SOURCE)
    args = [*CLAIM]
    args[args.index("deepseek-r1")] = "deepseek-r2"
    args[args.index("r1-rl-cost")] = "no-such-claim"
    result = run(data, [*args, "--unit", "GPUs"])
    assert result.exit_code == 2
    for problem in ("no model 'deepseek-r2'", "no claim 'no-such-claim'", "does not fit"):
        assert problem in result.output
    assert not (data / "claims" / "acme-blog-2025-02-01-r1-training-cost.yaml").exists()


def test_missing_values_are_refused_without_a_terminal(data: Path) -> None:
    result = run(data, ["new", "source", "acme-2"])
    assert result.exit_code == 2
    assert "missing --title, --publisher, --kind, --published" in result.output


def test_missing_values_are_asked_for_in_a_terminal(data: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(new_module, "interactive", lambda: True)
    answers = "R1 explained\nAcme\nblog\n2025-02-01\n"
    result = run(data, ["new", "source", "acme-3"], stdin=answers)
    assert result.exit_code == 0, result.output
    text = (data / "sources" / "acme-3.yaml").read_text(encoding="utf-8")
    assert "kind: blog" in text and "publisher: Acme" in text


def test_values_ranges_dates_and_undisclosed(data: Path) -> None:
    assert new_values.parse_value("..6000000", "USD") == {"high": 6000000}
    assert new_values.parse_value("1e9..", "parameters") == {"low": 1000000000}
    assert new_values.parse_value("2025-01-20", "date") == "2025-01-20"
    assert new_values.parse_value("null", "USD") is None
    result = run(
        data,
        [
            "new", "claim", "r1-hidden-size-undisclosed", "--subject", "deepseek-r1",
            "--quantity", "hidden-size", "--statement", "DeepSeek has not stated R1's hidden size.",
            "--status", "undisclosed", "--verdict", "accurate",
            "--checked", "deepseek-r1-paper-v1", "--checked", "deepseek-v3-technical-report",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (data / "claims" / "r1-hidden-size-undisclosed.yaml").read_text(encoding="utf-8")
    assert "value: null" in text and "sources: []" in text
    assert "checked:\n- deepseek-r1-paper-v1\n- deepseek-v3-technical-report" in text
    assert not [p for p in validate(data, []).errors if "undisclosed" in p.file]


def test_new_on_a_full_disk_leaves_no_record(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It used to leave a 0-byte record behind and print a traceback."""
    import errno
    import os

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run(data, SOURCE)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert not isinstance(result.exception, OSError)
    assert not list((data / "sources").glob("acme-*")) and not list((data / "sources").glob(".*"))


def test_new_refuses_while_the_published_list_is_unreadable(data: Path) -> None:
    published = data / "published-ids.txt"
    published.write_bytes(published.read_bytes() + b"claims/caf\xe9\n")
    result = run(data, SOURCE)
    assert result.exit_code == 1 and "published-ids.txt" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (data / "sources" / "acme-blog-2025-02-01.yaml").exists()


def test_new_with_a_non_utf8_redirects_file_does_not_crash(data: Path) -> None:
    (data / "redirects.yaml").write_bytes(b"redirects:\n  caf\xe9: x\n")
    result = run(data, SOURCE)
    assert result.exit_code == 0, result.output


def test_values_are_exact_and_finite() -> None:
    import click

    assert new_values.parse_value("12345678901234567", "parameters") == 12345678901234567
    assert new_values.parse_value("671,000,000,000", "parameters") == 671000000000
    for bad in ("nan", "inf", "-Infinity"):
        with pytest.raises(click.BadParameter, match="not a finite number"):
            new_values.parse_value(bad, "USD")


@pytest.mark.parametrize(
    "name", ["a\nsubject: injected", "a\r\nverdict: accurate", "a\u2028status: x", "a\x85b: c"]
)
def test_comments_in_records_cannot_inject_keys(name: str) -> None:
    """An input file name with a line break went into a draft's header comment and became a
    key of the record."""
    from r1kb.scaffold import render
    from r1kb.yamlstrict import load_text

    text = render(
        "claim", {"statement": "x"}, {"statement": f"from {name}"}, [f"drafted from {name}"]
    )
    loaded = load_text(text)
    assert not loaded.issues and loaded.data == {"statement": "x"}, text


@pytest.mark.parametrize(
    "text", ["1" * 5000, "-" + "9" * 4301, "1e999", "1e31", "-2e30", "1e-400", "-1e-31", "..1e31"]
)
def test_values_beyond_the_validated_range_are_refused(text: str) -> None:
    """5,000 digits gave a traceback (Python's int() digit limit) and 1e-400 became 0; validate
    refuses anything beyond [1e-30, 1e30] in size (value-out-of-range)."""
    import click

    with pytest.raises(click.BadParameter, match="beyond any figure's size") as caught:
        new_values.parse_value(text, "USD")
    assert "1e-30" in caught.value.message and "another unit" in caught.value.message


@pytest.mark.parametrize("text", ["0", "-0.0", "0e-400", "1e30", "-1e-30", "1e-30..1e30"])
def test_values_at_the_validated_limits_are_kept(text: str) -> None:
    low, _, high = text.partition("..")
    value = new_values.parse_value(text, "USD")
    expected = {"low": float(low), "high": float(high)} if high else float(text)
    assert value == expected


def test_a_value_of_5000_digits_is_a_usage_error(data: Path) -> None:
    args = [*CLAIM]
    args[args.index("5,580,000")] = "1" * 5000
    result = run(data, args)
    assert result.exit_code == 2 and "beyond any figure's size" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (data / "claims" / "acme-blog-2025-02-01-r1-training-cost.yaml").exists()


@pytest.mark.parametrize(("text", "ascii"), [("١٢٣", "123"), ("１２.５", "12.5"), ("٥..٧", "5")])
def test_digits_other_than_0_to_9_are_refused(text: str, ascii: str) -> None:
    """Arabic-Indic (and full-width) digits were read as 123 without a word."""
    import click

    with pytest.raises(click.BadParameter, match="digits other than 0-9") as caught:
        new_values.parse_value(text, "USD")
    assert f"write {ascii!r}" in caught.value.message


def _claim_with(**changes: str) -> list[str]:
    args = [*CLAIM]
    for flag, value in changes.items():
        args[args.index("--" + flag.replace("_", "-")) + 1] = value
    return args


def _source_with(*extra: str, **changes: str) -> list[str]:
    args = [*SOURCE]
    for flag, value in changes.items():
        args[args.index("--" + flag) + 1] = value
    return [*args, *extra]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (_source_with(published="2999-01-01"), "date-in-future"),
        (_source_with(published="2025-13"), "bad-date"),
        (_source_with("--snapshot", "../secret.txt"), "schema-bad-value"),
        (_source_with("--snapshot=-rf.txt"), "schema-bad-value"),
        (_claim_with(locator="   "), "blank-text"),
        (_claim_with(quote="\u200b\u200b\u200b"), "blank-text"),
        (_claim_with(value="null"), "value-missing"),
        (
            _claim_with(status="undisclosed", verdict="accurate", value="null"),
            "undisclosed-unchecked",
        ),
        (_claim_with(value="1e30..1"), "bad-range"),
    ],
)
def test_new_refuses_a_record_validate_would_refuse(data: Path, args: list[str], code: str) -> None:
    """`new` wrote these records, then `r1kb validate` refused them."""
    if args[1] == "claim":
        assert run(data, SOURCE).exit_code == 0
    before = validate(data, [])
    result = run(data, args)
    assert result.exit_code == 2, result.output
    assert "would not validate" in result.output and f"[{code}]" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (data / FOLDERS[args[1]] / f"{args[2]}.yaml").exists()
    assert validate(data, []).problems == before.problems


def test_new_says_every_problem_at_once(data: Path) -> None:
    """With a reference of its own checks wrong, `new` said only that one; what validate would
    refuse besides (a blank locator) came on the next run. Both are said, and validate's
    counterpart of an own check (unknown-source) is not said twice."""
    result = run(data, _claim_with(source="no-such-source", locator=" "))
    assert result.exit_code == 2, result.output
    assert "source: no source 'no-such-source'" in result.output
    assert "[blank-text]" in result.output and "[unknown-source]" not in result.output
    assert not (data / "claims" / f"{CLAIM[2]}.yaml").exists()
    # the same code elsewhere in the record is another problem, and said too
    result = run(data, [*_claim_with(source="no-such-source"), "--checked", "no-such-checked"])
    assert "source: no source 'no-such-source'" in result.output
    assert "$.checked[0]: source 'no-such-checked'" in result.output, result.output


DERIVED = [
    "new", "claim", "acme-r1-rl-cost-check", "--subject", "deepseek-r1",
    "--quantity", "training-cost", "--value", "294000", "--status", "derived",
    "--statement", "R1's RL GPU-hours at 2 dollars an hour make its cost.",
    "--verdict", "accurate", "--source", "acme-blog-2025-02-01", "--locator", "paragraph 3",
    "--quote", "R1 cost $5.58M to train", "--formula", "gpu_hours * price",
    "--input", "gpu_hours=r1-rl-gpu-hours", "--input", "price=2 USD-per-GPU-hour",
]  # fmt: skip


def test_a_derived_claim_is_written_with_its_derivation(data: Path) -> None:
    """`new` offered "derived", then refused every derived claim: it had no way to write the
    formula and inputs validate requires (derived-without-derivation)."""
    assert run(data, SOURCE).exit_code == 0
    result = run(data, DERIVED)
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((data / "claims" / "acme-r1-rl-cost-check.yaml").read_text("utf-8"))
    assert record["derivation"] == {
        "formula": "gpu_hours * price",
        "inputs": {
            "gpu_hours": {"claim": "r1-rl-gpu-hours"},
            "price": {"value": 2, "unit": "USD-per-GPU-hour"},
        },
    }
    outcome = validate(data, [])
    assert outcome.ok, [(p.file, p.message) for p in outcome.errors]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (["--input", "gpu_hours"], "write NAME=CLAIM_ID or NAME=VALUE UNIT"),
        (["--input", "price=3 USD-per-GPU-hour"], "'price' is given twice"),
        (["--input", "x=1e999 USD"], "beyond any figure's size"),
    ],
)
def test_derivation_inputs_that_cannot_be_read_are_usage_errors(
    data: Path, change: list[str], said: str
) -> None:
    assert run(data, SOURCE).exit_code == 0
    result = run(data, [*DERIVED, *change])
    assert result.exit_code == 2 and said in result.output, result.output
    assert not (data / "claims" / "acme-r1-rl-cost-check.yaml").exists()


def test_a_derived_claim_without_inputs_is_refused(data: Path) -> None:
    args = [a for a in DERIVED if not a.startswith(("gpu_hours=", "price="))]
    result = run(data, [a for a in args if a != "--input"])
    assert result.exit_code == 2 and "needs its formula's inputs" in result.output


@pytest.mark.parametrize("kind", ["source", "claim"])
def test_reserved_ids_are_refused(data: Path, kind: str) -> None:
    """`index` validated, then `r1kb export` and the site refused it (a folder's index page)."""
    run(data, SOURCE)
    args = [*(SOURCE if kind == "source" else CLAIM)]
    args[2] = "index"
    result = run(data, args)
    assert result.exit_code == 2 and "'index' is reserved" in result.output
    assert not (data / FOLDERS[kind] / "index.yaml").exists()


def test_two_runs_creating_one_id_do_not_both_write(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both runs passed the id check; the second one's rename replaced the first one's record."""
    import os

    target = data / "sources" / "acme-blog-2025-02-01.yaml"
    real_fsync = os.fsync

    def other_run_writes_first(fd: int) -> None:
        if not target.exists():
            target.write_text("# the other run's record\n", encoding="utf-8")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", other_run_writes_first)
    result = run(data, SOURCE)
    assert result.exit_code == 2 and "already exists" in result.output, result.output
    assert target.read_text(encoding="utf-8") == "# the other run's record\n"
    assert not list((data / "sources").glob(".*"))


@pytest.mark.parametrize("links", [True, False])
def test_write_exclusive_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    import errno
    import os

    from r1kb.fsutil import write_exclusive

    def no_links(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))  # FAT, some network shares

    if not links:
        monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "a.yaml"
    write_exclusive(path, "one\n")
    with pytest.raises(FileExistsError):
        write_exclusive(path, "two\n")
    assert path.read_text(encoding="utf-8") == "one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def _examples(help_text: str) -> list[str]:
    """The `r1kb new ...` command lines a help text shows, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", help_text)
    return [line.strip() for line in joined.splitlines() if "r1kb new " in line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash to run the examples in")
def test_the_examples_of_new_run_as_shown(data: Path) -> None:
    """The help's examples are what a contributor pastes into a shell: each one, run by bash
    as shown, writes a record that validates, with the text as written ("$5.58M" in double
    quotes lost its "$5" to the shell)."""
    runner = CliRunner()
    commands = [
        *_examples(runner.invoke(cli, ["new", "source", "--help"]).output),
        *_examples(runner.invoke(cli, ["new", "claim", "--help"]).output),
    ]
    assert len(commands) == 3
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", f"{command} --data {shlex.quote(str(data))}"],
            capture_output=True, text=True, env=env, check=False, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    outcome = validate(data, [])
    assert outcome.ok, [(p.file, p.message) for p in outcome.errors]
    claim = yaml.safe_load((data / "claims" / "acme-r1-cost.yaml").read_text(encoding="utf-8"))
    assert claim["statement"] == "Acme says R1 cost $5.58M to train."


def test_a_record_that_validates_costs_one_validation(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data without the record is validated only when there are errors to tell apart."""
    import r1kb.validate

    calls: list[int] = []
    real = r1kb.validate.validate_loaded

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(r1kb.validate, "validate_loaded", counted)
    assert run(data, SOURCE).exit_code == 0
    assert len(calls) == 1


def test_errors_already_in_the_data_are_not_the_new_records(data: Path) -> None:
    """A record that adds no error is written beside one that was broken before it, and a
    record's own errors are said without the ones that were there before."""
    broken = data / "claims" / "r1-total-parameters.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    result = run(data, SOURCE)
    assert result.exit_code == 0, result.output
    assert (data / "sources" / "acme-blog-2025-02-01.yaml").exists()
    args = [*CLAIM]
    args[args.index("r1-rl-cost")] = "no-such-claim"  # an error of the record's own
    result = run(data, args)
    assert result.exit_code == 2 and "no claim 'no-such-claim'" in result.output, result.output
    assert "unknown_field" not in result.output and "r1-total-parameters" not in result.output


@pytest.mark.parametrize(
    ("value", "written", "refused"),
    [
        ("12345678901234567", "value: 12345678901234567\n", None),  # was written as …568
        ("nan", None, "not a finite number"),  # was "null is not valid"
        ("inf", None, "not a finite number"),
    ],
)
def test_values_reach_the_record_exactly_or_not_at_all(
    data: Path, value: str, written: str | None, refused: str | None
) -> None:
    """The value reader's answers, end to end: what `new claim` writes, or why it refuses."""
    assert run(data, SOURCE).exit_code == 0
    args = [*CLAIM]
    args[args.index("5,580,000")] = value
    result = run(data, args)
    path = data / "claims" / "acme-blog-2025-02-01-r1-training-cost.yaml"
    if refused is not None:
        assert result.exit_code == 2 and refused in result.output, result.output
        assert not path.exists()
    else:
        assert result.exit_code == 0, result.output
        assert written in path.read_text(encoding="utf-8")

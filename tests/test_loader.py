"""The loader: what it reads, what it refuses, and the knowledge base it builds."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CASES, relative_file
from r1kb.kb import KnowledgeBase
from r1kb.loader import ID_RE, MAX_BYTES, load

MINIMAL = CASES / "valid" / "minimal"
HEADER = "# yaml-language-server: $schema=../schema/claim.schema.json\n"


def codes(data: Path) -> set[tuple[str, int | None, str]]:
    return {(relative_file(p.file, data), p.line, p.code) for p in load(data).problems}


def test_a_valid_directory_loads_into_the_knowledge_base(make_data: Callable[..., Path]) -> None:
    loaded = load(make_data(MINIMAL))
    assert loaded.problems == []
    kb = loaded.kb
    assert set(kb.claims) == loaded.present_claim_ids
    assert "v3-training-cost" in kb.claims and "tiny-report" in kb.sources
    assert kb.claims["v3-training-cost"].derivation is not None
    assert kb.claims["r1-training-cost-blog"].sources[0].role == "claims"
    assert kb.sources["tiny-report"].primary is True
    assert "deepseek-r1" in kb.models and "training-cost" in kb.quantities
    assert kb.units["GPU-hours"].numeric and not kb.units["date"].numeric


@pytest.mark.parametrize(
    ("size", "refused"), [(MAX_BYTES - 1, False), (MAX_BYTES, False), (MAX_BYTES + 1, True)]
)
def test_one_mib_limit(make_data: Callable[..., Path], size: int, refused: bool) -> None:
    data = make_data(MINIMAL)
    body = (HEADER + "subject: deepseek-r1\n").encode()
    (data / "claims" / "big.yaml").write_bytes(body + b"#" * (size - len(body) - 1) + b"\n")
    assert (data / "claims" / "big.yaml").stat().st_size == size
    found = {code for file, _, code in codes(data) if file == "claims/big.yaml"}
    assert ("file-too-large" in found) is refused
    if not refused:
        assert "schema-missing-property" in found  # it was read and checked


def test_unexpected_files_and_hidden_files(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    (data / "claims" / "x.yml").write_text("subject: deepseek-r1\n")
    (data / "claims" / "README.md").write_text("# claims\n")
    (data / "claims" / "nested.yaml").mkdir()
    (data / "sources" / "backup.yaml~").write_text("title: x\n")
    (data / "claims" / ".gitkeep").write_text("")
    (data / "claims" / ".hidden.yaml").write_text("not: [even yaml\n")
    (data / "notes.txt").write_text("files at the top level are not scanned\n")
    assert codes(data) == {
        ("claims/x.yml", None, "unexpected-file"),
        ("claims/README.md", None, "unexpected-file"),
        ("claims/nested.yaml", None, "unexpected-file"),
        ("sources/backup.yaml~", None, "unexpected-file"),
        ("claims/.hidden.yaml", None, "unexpected-file"),  # was skipped without a word
    }


@pytest.mark.parametrize(
    "good", ["v3-training-cost", "r1-distill-qwen-1.5b", "a", "0", "seed-abc-2025.01", "x1-2-3"]
)
def test_good_ids(good: str) -> None:
    assert ID_RE.match(good)


@pytest.mark.parametrize(
    "bad",
    ["V3-cost", "v3_cost", "v3--cost", "-v3", "v3-", "v3.", "v3 cost", "v3-cöst", "", "v3..x"],
)
def test_bad_ids(make_data: Callable[..., Path], bad: str) -> None:
    assert not ID_RE.match(bad)
    if bad:
        data = make_data(MINIMAL)
        source = MINIMAL / "claims" / "v3-gpu-rental-price.yaml"
        (data / "claims" / f"{bad}.yaml").write_text(source.read_text())
        assert (f"claims/{bad}.yaml", 1, "bad-id") in codes(data)


def test_missing_vocabularies_and_folders(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    (data / "models.yaml").unlink()
    (data / "quantities.yaml").unlink()
    for f in (data / "claims").iterdir():
        f.unlink()
    (data / "claims").rmdir()
    assert codes(data) == {
        ("models.yaml", None, "data-missing"),
        ("quantities.yaml", None, "data-missing"),
        ("claims", None, "data-missing"),
    }


def test_a_link_is_refused_never_followed(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    os.symlink(data / "claims" / "gone.yaml", data / "claims" / "link.yaml")
    os.symlink(data / "claims" / "v3-gpu-rental-price.yaml", data / "claims" / "copy.yaml")
    assert codes(data) == {
        ("claims/link.yaml", None, "not-a-regular-file"),
        ("claims/copy.yaml", None, "not-a-regular-file"),
    }
    assert "copy" not in load(data).kb.claims


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    path = data / "claims" / "v3-gpu-rental-price.yaml"
    path.chmod(0)
    try:
        assert ("claims/v3-gpu-rental-price.yaml", None, "file-unreadable") in codes(data)
    finally:
        path.chmod(0o644)


def test_invalid_records_are_present_but_not_in_the_knowledge_base(
    make_data: Callable[..., Path],
) -> None:
    data = make_data(MINIMAL)
    path = data / "claims" / "v3-gpu-rental-price.yaml"
    path.write_text(path.read_text().replace("status: disclosed", "status: confirmed"))
    loaded = load(data)
    assert "v3-gpu-rental-price" in loaded.present_claim_ids
    assert "v3-gpu-rental-price" not in loaded.kb.claims
    assert {p.code for p in loaded.problems} == {"schema-bad-value"}


def test_a_bom_is_accepted(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    path = data / "claims" / "v3-gpu-rental-price.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(data).problems == []


def test_published_ids_skip_comments_and_blanks(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    (data / "published-ids.txt").write_text(
        "# published ids\n\nclaims/v3-training-cost\n  sources/tiny-report  \n"
    )
    assert load(data).kb.published_ids == ["claims/v3-training-cost", "sources/tiny-report"]
    (data / "published-ids.txt").write_bytes(b"\xff\xfe")
    assert load(data).kb.published_ids == []


def test_paths_are_relative_to_the_working_directory(
    make_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = make_data(MINIMAL)
    (data / "claims" / "x.yml").write_text("")
    monkeypatch.chdir(tmp_path)
    assert [p.file for p in load(data).problems] == [os.path.join("data", "claims", "x.yml")]
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # outside the working directory: absolute
    assert [p.file for p in load(data).problems] == [os.path.abspath(data / "claims" / "x.yml")]


def test_a_colon_in_an_unquoted_value_says_to_quote_it(make_data: Callable[..., Path]) -> None:
    data = make_data(MINIMAL)
    path = data / "claims" / "v3-gpu-rental-price.yaml"
    text = path.read_text(encoding="utf-8")
    statement = next(ln for ln in text.splitlines() if ln.startswith("statement:"))
    path.write_text(text.replace(statement, "statement: DeepSeek says: $2 per GPU-hour"))
    (found,) = [p for p in load(data).problems if p.code == "yaml-syntax"]
    assert "must be quoted" in found.hint and 'statement: "' in found.hint


def test_a_file_name_with_a_newline_stays_on_its_line(make_data: Callable[..., Path]) -> None:
    """A record named `x\\n::error::…` must not inject a workflow command into CI logs."""
    from r1kb import reporters
    from r1kb.validate import validate

    data = make_data(MINIMAL)
    (data / "claims" / "x\n::error file=a::pwned\r.yaml").write_text("x: 1\n")
    result = validate(data, [])
    for fmt in ("text", "github"):
        for line in reporters.render(result, fmt).splitlines():
            assert not line.startswith("::error file=a"), (fmt, line)
    assert "\\n::error file=a::pwned\\r.yaml" in reporters.text(result)


def test_a_linked_folder_is_never_listed(make_data: Callable[..., Path], tmp_path: Path) -> None:
    """data/sources or data/schema as a link to a folder elsewhere: nothing in it is read."""
    data = make_data(MINIMAL)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("token: s3cr3t\n")
    (outside / "claim.schema.json").write_text('{"title": "s3cr3t"}')
    shutil.rmtree(data / "sources")
    os.symlink(outside, data / "sources")
    shutil.rmtree(data / "schema")
    os.symlink(outside, data / "schema")
    problems = load(data).problems
    assert {("sources", "not-a-regular-file"), ("schema", "not-a-regular-file")} <= {
        (p.file.rsplit("/", 1)[-1], p.code) for p in problems
    }
    assert not [p for p in problems if "secret" in p.file or "s3cr3t" in p.message]


def test_folders_nested_thousands_deep_are_no_recursion_error(
    make_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data/ walks (links, the site's dates) used to recurse: RecursionError."""
    from r1kb.site.dates import data_dates

    data = make_data(MINIMAL)
    depth, made = 1200, 0  # deeper than Python's recursion limit
    monkeypatch.chdir(data / "claims")
    try:
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
            made += 1
        os.symlink("/etc/passwd", "leak.yaml")
        problems = load(data).problems
        assert [p.code for p in problems if p.file.endswith("leak.yaml")] == ["not-a-regular-file"]
        assert data_dates(data).per_file
    finally:  # undo the tree without recursion: shutil.rmtree (and pytest's cleanup) recurse
        if os.path.lexists("leak.yaml"):
            os.unlink("leak.yaml")
        for _ in range(made):
            os.chdir("..")
            os.rmdir("d")


def test_a_value_derived_from_a_knowledge_base_is_made_once_and_a_copy_makes_its_own() -> None:
    kb = KnowledgeBase()
    made: list[KnowledgeBase] = []

    def make(k: KnowledgeBase) -> int:
        made.append(k)
        return len(made)

    assert kb.derived("n", make) == kb.derived("n", make) == 1
    copy = dataclasses.replace(kb, outside=["o1"])
    assert copy.derived("n", make) == 2
    assert made == [kb, copy]

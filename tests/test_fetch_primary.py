"""scripts/fetch_sources.py --primary: a clone without ../shared fetches DeepSeek's documents
into a cache of its own; a document that changed since it was read never fails a quote."""

from __future__ import annotations

import http.server
import importlib.util
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, build_data_dir

SCRIPT = ROOT / "scripts" / "fetch_sources.py"
R1KB = str(Path(sys.executable).with_name("r1kb"))


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fetch_sources", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("url", "download"),
    [
        ("https://github.com/deepseek-ai/DeepSeek-V3/blob/main/README_WEIGHTS.md",
         "https://raw.githubusercontent.com/deepseek-ai/DeepSeek-V3/main/README_WEIGHTS.md"),
        ("https://github.com/deepseek-ai/DeepSeek-R1",
         "https://raw.githubusercontent.com/deepseek-ai/DeepSeek-R1/HEAD/README.md"),
        ("https://arxiv.org/abs/2412.19437", "https://arxiv.org/pdf/2412.19437"),
        ("https://api-docs.deepseek.com/news", "https://api-docs.deepseek.com/news"),
    ],
)  # fmt: skip
def test_documents_are_downloaded_as_their_text(url: str, download: str) -> None:
    assert _script().download_url(url) == download


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = tmp_path / "site"
    site.mkdir()
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(site), **k)  # noqa: E731
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _source(data: Path, sid: str, url: str, snapshot: str, primary: bool = True) -> None:
    (data / "sources" / f"{sid}.yaml").write_text(
        "# yaml-language-server: $schema=../schema/source.schema.json\n"
        f"title: {sid}\npublisher: DeepSeek-AI\nkind: technical-report\n"
        f"primary: {str(primary).lower()}\nread_as: text-copy\npublished: '2025-01-22'\n"
        f"url: {url}\nsnapshot: {snapshot}\n",
        encoding="utf-8",
    )


def _claim(data: Path, cid: str, sid: str, quote: str) -> None:
    (data / "claims" / f"{cid}.yaml").write_text(
        "# yaml-language-server: $schema=../schema/claim.schema.json\n"
        "subject: deepseek-r1\nquantity: total-parameters\nvalue: 671000000000\n"
        "unit: parameters\nstatement: DeepSeek-R1 has 671B parameters.\nstatus: disclosed\n"
        f"verdict: accurate\nsources:\n  - source: {sid}\n    role: supports\n"
        f"    locator: p. 1\n    quote: {quote}\n",
        encoding="utf-8",
    )


def test_primary_snapshots_are_fetched_and_checked(
    tmp_path: Path, served: tuple[Path, str]
) -> None:
    site, base = served
    (site / "report.txt").write_text("Intro.\nDeepSeek-R1 has 671B parameters.\n", "utf-8")
    (site / "page.html").write_text(
        "<html><body><p>DeepSeek-R1 has <b>671B</b> parameters.</p></body></html>", "utf-8"
    )
    (site / "changed.txt").write_text("This page now says something else.\n", "utf-8")
    data = build_data_dir(None, tmp_path / "data")
    for folder in ("claims", "sources"):
        (data / folder).mkdir()
    _source(data, "report", f"{base}/report.txt", "report.txt")
    _source(data, "page", f"{base}/page.html", "page.txt")
    _source(data, "changed", f"{base}/changed.txt", "changed.txt")
    _source(data, "gone", f"{base}/gone.txt", "gone.txt")
    _source(data, "blog", f"{base}/report.txt", "blog.txt", primary=False)
    for sid in ("report", "page", "changed", "gone", "blog"):
        _claim(data, f"r1-parameters-{sid}", sid, "DeepSeek-R1 has 671B parameters")
    cache = tmp_path / "cache"
    argv = [sys.executable, str(SCRIPT), "--primary", "--data", str(data), "--cache", str(cache)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in cache.iterdir()) == [
        "changed.txt.fetched", "page.txt", "report.txt"
    ]  # fmt: skip
    assert "changed since it was read" in done.stderr and "cannot fetch" in done.stderr
    assert "2 fetched, 0 present, 1 changed, 1 failed" in done.stdout
    before = subprocess.run([R1KB, "validate", "--data", str(data)], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert "0 verified" in before.stdout
    after = subprocess.run([R1KB, "validate", "--data", str(data), "--snapshots", str(cache)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert "quotes: 2 verified, 3 unchecked, 0 not found" in after.stdout, after.stdout
    again = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=120)
    assert "0 fetched, 2 present" in again.stdout  # a second run keeps what it has


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    argv = [sys.executable, str(SCRIPT), "--primary", "--data", str(tmp_path / "nowhere"),
            "--cache", str(tmp_path / "cache")]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "is not a directory" in done.stderr


def test_fetching_stops_at_its_overall_deadline(tmp_path: Path) -> None:
    """Issue 10 §5: no overall deadline; a list of slow pages could hold CI for hours."""
    record = tmp_path / "a-post.yaml"
    record.write_text("url: http://127.0.0.1:9/post.html\n", encoding="utf-8")
    argv = [sys.executable, str(SCRIPT), "--deadline", "0", "--cache", str(tmp_path / "cache")]
    done = subprocess.run([*argv, str(record)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == ""
    assert "overall deadline has passed" in done.stderr


def test_a_snapshot_name_that_leaves_the_cache_is_never_written(
    tmp_path: Path, served: tuple[Path, str]
) -> None:
    """With the schema's pattern loosened in the same pull request, `snapshot:
    ../../x` made `--primary` write the page it fetched outside the cache."""
    import re

    site, base = served
    (site / "page.txt").write_text("Any text the pull request's author serves.\n", "utf-8")
    data = build_data_dir(None, tmp_path / "data")
    for folder in ("claims", "sources"):
        (data / folder).mkdir()
    schema = data / "schema" / "source.schema.json"
    schema.write_text(re.sub(r'"pattern"', '"x-pattern"', schema.read_text("utf-8")), "utf-8")
    _source(data, "escape", f"{base}/page.txt", "../../escaped.txt")
    cache = tmp_path / "a" / "cache"
    argv = [sys.executable, str(SCRIPT), "--primary", "--data", str(data), "--cache", str(cache)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "is not a plain file name" in done.stderr
    assert not list(tmp_path.rglob("escaped.txt*"))

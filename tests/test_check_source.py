"""`r1kb check-source` as a user meets it: the seed articles, every output format, exit codes,
and inputs that must never produce a traceback."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r1kb.checksource.evaluation.evaluate import evaluate, total
from r1kb.checksource.pipeline import check_text
from r1kb.cli import cli
from r1kb.config import find_config
from r1kb.kb import KnowledgeBase
from r1kb.loader import load

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "seed_labels"
CONFIG = find_config(start=ROOT)
SEEDS = next((d for d in CONFIG.snapshot_dirs if d.name == "seeds" and d.is_dir()), None)
needs_seeds = pytest.mark.skipif(
    SEEDS is None, reason="the seed articles (../shared/seeds) are absent"
)
JAVAEDGE = "004_0f6ef36fceb0fceb.txt"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(ROOT / "data").kb


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    def invoke(*args: str, stdin: bytes | str | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, ["check-source", *args], input=stdin)

    return invoke


@needs_seeds
def test_quality_bar_on_the_seed_answer_key(kb: KnowledgeBase) -> None:
    scores = evaluate(LABELS, kb, CONFIG.snapshot_dirs)
    assert not any(s.skipped for s in scores)
    t = total(scores)
    assert t.labels >= 20
    assert t.right / t.labels >= 0.95, [p for s in scores for p in s.problems]
    assert (t.reported - t.matched_reports) / max(t.reported, 1) <= 0.05
    for s in scores:
        assert not [p for p in s.problems if "not in the article" in p]


@needs_seeds
def test_the_evaluation_script_prints_the_same_layout(kb: KnowledgeBase) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "evaluate_extraction.py")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    assert re.search(r"^overall\s+\d+\s+\d+\s+\d+\s+\d+\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%", out, re.M)
    for stem in (p.stem for p in LABELS.glob("*.yaml")):
        assert re.search(rf"^{stem}\s", out, re.M)


@needs_seeds
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
def test_every_format_on_a_seed_article(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS / JAVAEDGE
    result = run("--format", fmt, "--without-source", "seed-javaedge-r1-rivals-o1", str(path))
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "text":
        for outcome in ("conflicts", "known-misconception", "misattributed", "new", "agrees"):
            assert re.search(rf"^{outcome} \(\d+\)$", out, re.M)
        assert "r1-release-date" in out and "v3-training-cost" in out
    elif fmt == "markdown":
        assert out.startswith("### `r1kb check-source`")
        assert "| Line | Figure |" in out and "#### Misattributed" in out
    elif fmt == "json":
        data = json.loads(out)
        text = path.read_text(encoding="utf-8")
        required = {
            "text",
            "start",
            "end",
            "line",
            "value",
            "unit",
            "model",
            "quantity",
            "outcome",
            "claims",
        }
        assert data["figures"] and all(required <= set(f) for f in data["figures"])
        for f in data["figures"]:
            assert text[f["start"] : f["end"]] == f["text"]
            assert text.count("\n", 0, f["start"]) + 1 == f["line"]
    else:
        assert re.search(
            r"^::warning file=.*,line=4,col=\d+,title=check-source conflicts::", out, re.M
        )
        assert "::notice" in out


@needs_seeds
def test_fail_on_decides_the_exit_code(run) -> None:  # type: ignore[no-untyped-def]
    path = str(SEEDS / JAVAEDGE)
    assert run("--fail-on", "known-misconception", path).exit_code == 1
    assert run("--fail-on", "conflicts", "--format", "github", path).output.count("::error") == 0
    figure_free = str(SEEDS / "003_b11ea42a980cdd34.txt")
    assert run("--fail-on", "conflicts,new,misattributed", figure_free).exit_code == 0
    bad = run("--fail-on", "wrong,agrees", path)
    assert bad.exit_code == 2 and "unknown outcome" in bad.output


def test_a_figure_free_article_says_so(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "plain.txt"
    article.write_text("DeepSeek's R1 is a reasoning model. Nobody knows more.\n", encoding="utf-8")
    result = run(str(article))
    assert result.exit_code == 0
    assert "no figures about DeepSeek-R1 or its family found" in result.output


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"\x00\x01\x02binary\xff\xfe garbage" * 50,
        bytes(random.Random(7).randrange(256) for _ in range(20000)),
        ("DeepSeek-R1 has 671B parameters " * 20000).encode(),
        b"9" * 1_000_000,
        ("1,234 " * 100000).encode(),
        b"<html><p>R1 <b>unclosed &bogus; &#99999999; <script>var a = '5B'</p><li>R1 $5.6M",
        b"| Model | Params |\n| --- | --- |\n| DeepSeek-R1 | 671B |\n",
        b"\xff\xfeD\x00e\x00e\x00p\x00",
    ],
)
def test_no_input_produces_a_traceback(run, payload: bytes) -> None:  # type: ignore[no-untyped-def]
    result = run("-", stdin=payload)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_binary_input_is_reported_as_such(run) -> None:  # type: ignore[no-untyped-def]
    result = run("-", stdin=b"\x00\x01\x02\x03")
    assert "binary data" in result.output and "no figures" in result.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("R1V3 -–$¥%.,()<>&;#\n0123456789BKMTbillion")), max_size=300
    )
)
def test_arbitrary_text_never_raises(kb: KnowledgeBase, text: str) -> None:
    for fmt in ("text", "markdown", "html"):
        report = check_text(text, kb, fmt=fmt)
        for f in report.figures:
            assert 0 <= f.start <= f.end <= len(text)


def test_usage_errors_exit_two(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run().exit_code == 2
    missing = run(str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "cannot read" in missing.output
    assert run("--format", "xml", "-", stdin="").exit_code == 2


def test_standard_input_and_file_names(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--format", "json", "-", stdin="DeepSeek-R1 has 671B parameters.\n")
    data = json.loads(result.output)
    (figure,) = data["figures"]
    assert figure["input"] == "-" and figure["outcome"] == "agrees"
    assert figure["claims"] == ["r1-total-parameters"]


def test_large_input_reads_every_figure(kb: KnowledgeBase) -> None:
    """Speed is measured by scripts/bench_check_source.py, not asserted here."""
    text = ("DeepSeek-V3 was trained on 14.8T tokens at a cost of $5.576M. " * 2000) + "\n"
    report = check_text(text, kb)
    assert len(report.figures) == 4000


def test_a_figure_in_a_currency_without_a_rate_is_not_called_absent(kb: KnowledgeBase) -> None:
    """Yuan against a knowledge base that holds the cost in dollars and no exchange rate: the
    figure is not compared, and the message says what is held rather than 'nothing in the
    knowledge base'. (tests/test_check_source_exchange.py: the same with the rates on record.)"""
    kb = dataclasses.replace(kb, exchange_rates=[])
    report = check_text("DeepSeek-R1 cost about 2 million yuan to train.\n", kb)
    (figure,) = report.figures
    assert figure.outcome == "new" and figure.quantity == "training-cost"
    assert figure.message.startswith("not compared: the knowledge base gives")
    assert "r1-rl-cost" in figure.message and "CNY" in figure.message
    dollars = check_text("DeepSeek-R1 cost about $2 million to train.\n", kb).figures[0]
    assert dollars.outcome == "conflicts"

"""`check-source --draft`: drafts carry TODOs that block validation; resolved, they validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from r1kb.cli import cli
from r1kb.config import find_config
from r1kb.scaffold import SCHEMA_LINES
from r1kb.validate import validate

ROOT = Path(__file__).resolve().parents[1]
CONFIG = find_config(start=ROOT)
SEEDS = next((d for d in CONFIG.snapshot_dirs if d.name == "seeds" and d.is_dir()), None)

ARTICLE = """# What we know about DeepSeek-R1

DeepSeek-R1 has 671 billion parameters and was released on 21 January 2025.
DeepSeek reportedly has 50,000 H100 GPUs.
DeepSeek-R1-Zero was trained on 2,048 H800s.
DeepSeek rents its GPUs at $1.50 per GPU-hour.
"""


def fill_todos(folder: Path) -> int:
    """Resolve every TODO of the drafts in folder as a contributor would; returns how many."""
    filled = 0
    for path in sorted(folder.glob("*/*.yaml")):
        kind = "claim" if path.parent.name == "claims" else "source"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in list(data.items()):
            if value is not None:
                continue
            filled += 1
            data[key] = {
                "statement": "The article states this figure about the model.",
                "status": "speculative",
                "verdict": "accurate" if not data.get("relations") else "inaccurate",
                "title": "An article about DeepSeek-R1",
                "publisher": "Example Publisher",
                "published": "2025-02-01",
                "kind": "blog",
            }[key]
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        path.write_text(SCHEMA_LINES[kind] + "\n" + body, encoding="utf-8")
    return filled


def merged(tmp_path: Path, drafts: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for kind in ("sources", "claims"):
        for path in (drafts / kind).glob("*.yaml"):
            shutil.copy(path, data / kind / path.name)
    return data


def draft(tmp_path: Path, article: Path, *extra: str) -> tuple[Path, str]:
    out = tmp_path / "drafts"
    result = CliRunner().invoke(cli, ["check-source", "--draft", str(out), *extra, str(article)])
    assert result.exit_code == 0, result.output
    return out, result.output


def check_validates(tmp_path: Path, drafts: Path) -> None:
    snapshots = [drafts / "snapshots", *CONFIG.snapshot_dirs]
    before = validate(merged(tmp_path / "raw", drafts), snapshots)
    draft_files = {p.name for p in drafts.glob("*/*.yaml")}
    blocking = [p for p in before.errors if Path(p.file).name in draft_files]
    assert blocking, "unresolved drafts must not validate"
    assert fill_todos(drafts) > 0
    after = validate(merged(tmp_path / "filled", drafts), snapshots)
    assert after.ok, [f"{p.file}:{p.line}: {p.message} [{p.code}]" for p in after.errors]
    assert not [p for p in after.problems if p.code == "quote-not-found"]
    assert after.summary()["claims"] > before.summary()["claims"] - 1


def test_drafts_of_every_outcome_validate_once_resolved(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    drafts, output = draft(tmp_path, article)
    for outcome in ("agrees", "conflicts", "known-misconception", "misattributed", "new"):
        assert outcome in output
    claims = sorted((drafts / "claims").glob("*.yaml"))
    assert len(claims) == 5
    texts = {p.stem: p.read_text(encoding="utf-8") for p in claims}
    assert all(t.startswith(SCHEMA_LINES["claim"]) and "TODO" in t for t in texts.values())
    source_file = next((drafts / "sources").glob("*.yaml"))
    source = source_file.read_text(encoding="utf-8")
    assert "what-we-know-about-deepseek-r1" in source and "publisher: null  # TODO" in source
    misattributed = next(t for t in texts.values() if ": misattributed;" in t)
    assert "verdict: misleading" in misattributed and "- v3-base-gpu-count" in misattributed
    # the figure that agrees is not a claim of its own: the article supports the agreed claim
    assert not [
        cid for cid in texts if cid.endswith("total-parameters") and cid != "r1-total-parameters"
    ]
    supported = yaml.safe_load(texts["r1-total-parameters"])
    original = yaml.safe_load((ROOT / "data/claims/r1-total-parameters.yaml").read_text("utf-8"))
    assert supported["sources"][:-1] == original["sources"]
    assert supported["sources"][-1]["source"] == source_file.stem
    assert supported["sources"][-1]["role"] == "supports"
    assert {k: v for k, v in supported.items() if k != "sources"} == {
        k: v for k, v in original.items() if k != "sources"
    }
    # no draft is disclosed without primary evidence
    for cid, text in texts.items():
        if cid != "r1-total-parameters":
            assert "status: disclosed" not in text, cid
    check_validates(tmp_path, drafts)


@pytest.mark.skipif(SEEDS is None, reason="the seed articles (../shared/seeds) are absent")
def test_drafts_of_a_seed_article_validate_once_resolved(tmp_path: Path) -> None:
    seed = SEEDS / "004_0f6ef36fceb0fceb.txt"
    drafts, _ = draft(tmp_path, seed, "--without-source", "seed-javaedge-r1-rivals-o1")
    assert len(list((drafts / "claims").glob("*.yaml"))) >= 12
    check_validates(tmp_path, drafts)


def test_a_second_draft_never_overwrites_the_first(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "DeepSeek rents its GPUs at $1.50 per GPU-hour. DeepSeek-R1 has 671B parameters.\n",
        encoding="utf-8",
    )
    drafts, _ = draft(tmp_path, article)
    draft(tmp_path, article)
    assert len(list((drafts / "sources").glob("*.yaml"))) == 2
    claims = sorted(p.stem for p in (drafts / "claims").glob("*.yaml"))
    assert len(claims) == 3 and "r1-total-parameters" in claims
    assert not [c for c in claims if c.endswith("-2")]  # a second id says what it is
    # the agreed claim carries both drafts' evidence, the first not overwritten
    supported = yaml.safe_load((drafts / "claims" / "r1-total-parameters.yaml").read_text("utf-8"))
    sources = {p.stem for p in (drafts / "sources").glob("*.yaml")}
    assert {e["source"] for e in supported["sources"]} >= sources


def test_two_figures_for_one_quantity_get_ids_that_say_their_value(tmp_path: Path) -> None:
    article = tmp_path / "costs.txt"
    article.write_text(
        "DeepSeek-R1 cost $5.6M to train. Others say DeepSeek-R1 cost $6M.\n", encoding="utf-8"
    )
    drafts, _ = draft(tmp_path, article)
    claims = sorted(p.stem for p in (drafts / "claims").glob("*.yaml"))
    assert claims == ["costs-r1-training-cost", "costs-r1-training-cost-6m"], claims


@pytest.mark.parametrize(
    ("title", "byline", "expected"),
    [
        ("DeepSeek-R1 explained | Example Blog", "Published 3 February 2025",
         "example-blog-2025-02-03-deepseek-r1-explained"),
        # a long line's date is what the article talks about, not its own
        ("DeepSeek-R1 explained", "It was released on 20 January 2025 by DeepSeek in China.",
         "deepseek-r1-explained"),
        # a page titled with its site's name: the page's question is its topic (no -2, -3)
        ("Milvus", "What is the batch size used during training DeepSeek's R1 model?",
         "milvus-batch-size-used-during-training-deepseek"),
    ],
)  # fmt: skip
def test_a_source_id_follows_the_house_convention(
    tmp_path: Path, title: str, byline: str, expected: str
) -> None:
    article = tmp_path / "post.html"
    article.write_text(
        f"<html><head><title>{title}</title></head><body><p>{byline}</p>"
        "<p>DeepSeek-R1 has 671B parameters.</p></body></html>",
        encoding="utf-8",
    )
    drafts, _ = draft(tmp_path, article)
    ids = [p.stem for p in (drafts / "sources").glob("*.yaml")]
    assert ids == [expected], ids

"""Measure check-source against labelled articles (an answer key per article).

A label file (tests/seed_labels/<snapshot stem>.yaml) names the article's `source` id and
`snapshot` file, and lists `labels`: the exact `text` of each figure (with `occurrence` when it
repeats), its model, quantity, value, unit and `expected_outcome`. Outcomes are judged against
the knowledge base without the claims that only the article itself makes. A reported figure
matches a label when their spans overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.result.result import Figure, Report
from r1kb.kb import KnowledgeBase
from r1kb.snapshots import find_snapshot

Checker = Callable[[str, KnowledgeBase, str, Matcher], Report]


@dataclass
class Label:
    text: str
    start: int
    end: int
    data: dict[str, Any]


@dataclass
class ArticleScore:
    name: str
    labels: int = 0
    reported: int = 0
    found: int = 0  # labels matched by a reported figure
    right: int = 0  # ... with the expected outcome
    matched_reports: int = 0  # reported figures that are labelled figures
    model: int = 0
    quantity: int = 0
    value: int = 0
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None


def locate(text: str, labels: list[dict[str, Any]]) -> tuple[list[Label], list[str]]:
    out, problems = [], []
    for entry in labels:
        span, n = entry["text"], int(entry.get("occurrence", 1))
        pos = -1
        for _ in range(n):
            pos = text.find(span, pos + 1)
            if pos < 0:
                break
        if pos < 0:
            problems.append(f"label {span!r} (occurrence {n}) is not in the article")
            continue
        out.append(Label(span, pos, pos + len(span), entry))
    return out, problems


def value_agrees(expected: Any, got: Any) -> bool:
    if isinstance(expected, dict) and isinstance(got, dict):
        return set(expected) == set(got) and all(_close(expected[k], got[k]) for k in expected)
    if isinstance(expected, dict) or isinstance(got, dict):
        point, rng = (got, expected) if isinstance(expected, dict) else (expected, got)
        lo, hi = rng.get("low", float("-inf")), rng.get("high", float("inf"))
        return isinstance(point, (int, float)) and lo * 0.995 <= point <= hi * 1.005
    if isinstance(expected, str) or isinstance(got, str):
        return str(expected) == str(got)
    return _close(expected, got)


def _close(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) <= 0.005 * max(abs(float(a)), abs(float(b)), 1e-12)
    except (TypeError, ValueError):
        return a == b


def score_article(labels: list[Label], figures: list[Figure], name: str) -> ArticleScore:
    s = ArticleScore(name, labels=len(labels), reported=len(figures))
    used: set[int] = set()
    for label in labels:
        overlapping = [
            (min(label.end, f.end) - max(label.start, f.start), i)
            for i, f in enumerate(figures)
            if i not in used and f.start < label.end and label.start < f.end
        ]
        if not overlapping:
            s.problems.append(f"missed {label.text!r} (expected {label.data['expected_outcome']})")
            continue
        _, i = max(overlapping)
        used.add(i)
        f = figures[i]
        s.found += 1
        s.right += f.outcome == label.data["expected_outcome"]
        s.model += f.model == label.data.get("model")
        s.quantity += f.quantity == label.data.get("quantity")
        s.value += value_agrees(label.data.get("value"), f.value)
        if f.outcome != label.data["expected_outcome"]:
            s.problems.append(
                f"{label.text!r}: {f.outcome}, expected {label.data['expected_outcome']}"
            )
    s.matched_reports = len(used)
    for i, f in enumerate(figures):
        if i not in used:
            s.problems.append(f"extra {f.text!r} (line {f.line}) reported as {f.outcome}")
    return s


def evaluate(
    label_dir: Path,
    kb: KnowledgeBase,
    snapshot_dirs: list[Path],
    checker: Checker | None = None,
) -> list[ArticleScore]:
    """Score every labelled article in label_dir (sorted by file name)."""
    checker = checker or (lambda text, kb, name, m: check_text(text, kb, name, matcher=m))
    scores = []
    for path in sorted(Path(label_dir).glob("*.yaml")):
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
        snap = find_snapshot(key["snapshot"], snapshot_dirs)
        if snap is None:
            scores.append(ArticleScore(path.stem, skipped=f"{key['snapshot']} not found"))
            continue
        text = snap.path.read_text(encoding="utf-8")
        labels, problems = locate(text, key.get("labels") or [])
        matcher = Matcher(kb, frozenset([key["source"]]))
        report = checker(text, kb, key["snapshot"], matcher)
        score = score_article(labels, report.figures, path.stem)
        score.problems[:0] = problems
        scores.append(score)
    return scores


def total(scores: list[ArticleScore]) -> ArticleScore:
    out = ArticleScore("overall")
    for s in scores:
        if s.skipped:
            continue
        for name in ("labels", "reported", "found", "right", "matched_reports", "model",
                     "quantity", "value"):  # fmt: skip
            setattr(out, name, getattr(out, name) + getattr(s, name))
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:6.1f}%" if d else "    n/a"


def table(scores: list[ArticleScore], label_dir: Path) -> str:
    """The report the evaluation script prints: the same layout every time."""
    t = total(scores)
    lines = [
        f"label set: {label_dir} ({len(scores)} articles, {t.labels} labelled figures)",
        "recall = labelled figures found; precision = reported figures that are labelled; "
        "outcome = found figures with the expected outcome; found+right = recall with the "
        "right outcome",
        f"{'article':28} {'labels':>6} {'reported':>8} {'found':>5} {'right':>5} "
        f"{'recall':>7} {'precision':>9} {'outcome':>7} {'found+right':>11}",
    ]
    for s in [*scores, t]:
        if s.skipped:
            lines.append(f"{s.name:28} skipped: {s.skipped}")
            continue
        lines.append(
            f"{s.name:28} {s.labels:6d} {s.reported:8d} {s.found:5d} {s.right:5d} "
            f"{_pct(s.found, s.labels):>7} {_pct(s.matched_reports, s.reported):>9} "
            f"{_pct(s.right, s.found):>7} {_pct(s.right, s.labels):>11}"
        )
    lines.append(
        f"attribution of found figures: model {_pct(t.model, t.found).strip()}, "
        f"quantity {_pct(t.quantity, t.found).strip()}, value {_pct(t.value, t.found).strip()}"
    )
    details = [f"  {s.name}: {p}" for s in scores for p in s.problems]
    lines.append("differences:" if details else "differences: none")
    lines.extend(details)
    return "\n".join(lines)

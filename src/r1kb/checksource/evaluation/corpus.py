"""Score check-source on a labelled corpus of articles (`labels.yaml` beside the article files).

The format and the measure are those of `../shared/articles/README.md`: each article file has
header lines, a line of dashes, then the body; labels point into the body with an exact `span`
(disambiguated by a `context` that occurs once, or repeated verbatim: `occurrences`) and a
verdict. Only the body is checked.

* recall: core labels without `repeat_of` that some reported figure overlaps, over all of them;
* precision: reported figures that overlap some labelled span (core or not), over all reported;
* outcome accuracy: of the recalled labels, those whose outcome fits the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from r1kb.checksource.evaluation.evaluate import Checker
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.pipeline import check_text
from r1kb.checksource.result.result import Figure
from r1kb.kb import KnowledgeBase

FITS = {
    "correct": {"agrees"},
    "incorrect": {"conflicts", "known-misconception", "misattributed"},
    "misleading": {"conflicts", "known-misconception", "misattributed"},
}
_DASHES = re.compile(r"^-{3,}[ \t]*$", re.M)


@dataclass
class Span:
    label: dict[str, Any]
    places: list[tuple[int, int]]  # every place the span stands in the body

    def overlaps(self, f: Figure) -> int:
        """Characters the figure shares with the span's best place (0: none)."""
        return max((min(b, f.end) - max(a, f.start) for a, b in self.places), default=0)


@dataclass
class CorpusScore:
    name: str
    core: int = 0  # core labels without repeat_of
    found: int = 0
    right: int = 0
    reported: int = 0
    matched: int = 0  # reported figures overlapping some label
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, other: CorpusScore) -> None:
        for k in ("core", "found", "right", "reported", "matched"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def recall(self) -> float:
        return self.found / self.core if self.core else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.reported if self.reported else 1.0

    @property
    def outcome(self) -> float:
        return self.right / self.found if self.found else 1.0


def body_of(text: str) -> str:
    """The article body: the text after the first line of dashes (all of it if there is none)."""
    m = _DASHES.search(text)
    return text[m.end() + 1 :] if m else text


def locate(body: str, label: dict[str, Any]) -> list[tuple[int, int]]:
    span = str(label["span"])
    context = label.get("context")
    if context:
        at = body.find(str(context))
        inner = str(context).find(span)
        if at < 0 or inner < 0:
            return []
        return [(at + inner, at + inner + len(span))]
    places, pos = [], body.find(span)
    while pos >= 0:
        places.append((pos, pos + len(span)))
        if not label.get("occurrences") and len(places) == 1:
            break
        pos = body.find(span, pos + 1)
    return places


def fits(verdict: str, outcome: str) -> bool:
    return outcome in FITS[verdict] if verdict in FITS else outcome != "agrees"


def score(name: str, body: str, labels: list[dict[str, Any]], figures: list[Figure]) -> CorpusScore:
    s = CorpusScore(name, reported=len(figures))
    spans = []
    for label in labels:
        places = locate(body, label)
        if not places:
            s.problems.append(f"label {label.get('id')} {label.get('span')!r} not in the body")
            continue
        spans.append(Span(label, places))
    for f in figures:
        if any(sp.overlaps(f) > 0 for sp in spans):
            s.matched += 1
        else:
            s.extras.append(f"{f.text!r} (line {f.line}) {f.model} {f.quantity} {f.outcome}")
    for sp in spans:
        label = sp.label
        if not label.get("core") or label.get("repeat_of"):
            continue
        s.core += 1
        hits = sorted(((sp.overlaps(f), i) for i, f in enumerate(figures)), reverse=True)
        what = f"{label['id']} {label['span']!r} ({label.get('verdict')}: {label.get('quantity')})"
        if not hits or hits[0][0] <= 0:
            s.misses.append(what)
            continue
        s.found += 1
        f = figures[hits[0][1]]
        if fits(str(label.get("verdict")), f.outcome):
            s.right += 1
        else:
            s.wrong.append(f"{what}: {f.outcome} as {f.model} {f.quantity} {f.value}")
    return s


def exclusions(kb: KnowledgeBase, url: str | None) -> frozenset[str]:
    """The knowledge base's sources that are this article (judged without its own claims)."""
    if not url:
        return frozenset()
    key = url.rstrip("/").split("://")[-1]
    return frozenset(
        s.id for s in kb.sources.values() if s.url and s.url.rstrip("/").split("://")[-1] == key
    )


def evaluate_corpus(
    folder: Path, kb: KnowledgeBase, checker: Checker | None = None
) -> list[CorpusScore]:
    """Score every article of a labelled corpus folder (in the labels' order)."""
    checker = checker or (lambda text, kb, name, m: check_text(text, kb, name, matcher=m))
    key = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    scores = []
    for article in key.get("articles") or []:
        path = folder / article["file"]
        if not path.is_file():
            scores.append(CorpusScore(article["file"], problems=["article file missing"]))
            continue
        body = body_of(path.read_text(encoding="utf-8"))
        matcher = Matcher(kb, exclusions(kb, article.get("url")))
        report = checker(body, kb, article["file"], matcher)
        scores.append(score(article["file"], body, article.get("figures") or [], report.figures))
    return scores


def is_corpus(folder: Path) -> bool:
    return (folder / "labels.yaml").is_file()


def corpus_table(scores: list[CorpusScore], folder: Path, details: bool = True) -> str:
    total = overall(scores)
    lines = [
        f"corpus: {folder} ({len(scores)} articles, {total.core} core figures)",
        "recall = core labels found; precision = reported figures that are labelled; "
        "outcome = found labels with an outcome that fits the verdict",
        f"{'article':60} {'core':>4} {'found':>5} {'right':>5} {'rep':>4} "
        f"{'recall':>6} {'prec':>6} {'outcome':>7}",
    ]
    for s in [*scores, total]:
        lines.append(
            f"{s.name[:60]:60} {s.core:4d} {s.found:5d} {s.right:5d} {s.reported:4d} "
            f"{s.recall:6.2f} {s.precision:6.2f} {s.outcome:7.2f}"
        )
    if details:
        for s in scores:
            for kind, items in (("miss", s.misses), ("wrong", s.wrong), ("extra", s.extras),
                                ("problem", s.problems)):  # fmt: skip
                lines.extend(f"  {s.name[:3]} {kind}: {item}" for item in items)
    return "\n".join(lines)


def overall(scores: list[CorpusScore]) -> CorpusScore:
    out = CorpusScore("overall")
    for s in scores:
        out.add(s)
    return out

"""Draft records from a check-source report: one source, one claim per distinct figure.

Filled in as far as the tool knows: quote, locator, value, unit, model, quantity, a suggested
status and verdict, the claims that correct it; what only a person can say (the statement, the
publisher and date, the status of a new figure) is left `null` with a TODO comment, so the draft
does not validate until it is resolved. The prose read is written to snapshots/ for quote checks:
keep it in a snapshot directory outside the project (other people's text is never committed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from r1kb import scaffold
from r1kb.checksource.candidates.dates import find_dates
from r1kb.checksource.matching.match import Matcher
from r1kb.checksource.reporting import supports
from r1kb.checksource.result.result import Figure, Report
from r1kb.checksource.result.wording import model_name, quantity_name, value
from r1kb.fsutil import read_regular_file, write_atomic
from r1kb.kb import Claim, KnowledgeBase, Unit

STATUS_TODO = (
    "disclosed (DeepSeek states it: cite that source too), estimated (needs method), or speculative"
)
VERDICT_TODO = (
    "accurate, inaccurate, misleading or unsupported (not accurate: add relations.corrected_by)"
)


def write_drafts(
    report: Report,
    kb: KnowledgeBase,
    out_dir: Path,
    matcher: Matcher | None = None,
    schema_dir: Path | None = None,
) -> list[Path]:
    """Write the drafts for one report under out_dir; returns the files written.

    Every file is written atomically (a full or read-only disk leaves no half record);
    OSError is raised for the caller to report. With schema_dir (the data's schema folder),
    its claim and source schemas are copied to out_dir/schema/, so that the drafts' `$schema`
    line (../schema/…, right once they are moved into data/) also works while they sit in
    out_dir."""
    out_dir = Path(out_dir)
    name = display_name(report.name)
    source_id = scaffold.unique_id(
        house_id(report), set(kb.sources) | scaffold.taken_ids(out_dir, "source")
    )
    snapshot = f"{source_id}.txt"
    (out_dir / "snapshots").mkdir(parents=True, exist_ok=True)
    snap_path = out_dir / "snapshots" / snapshot
    write_atomic(snap_path, report.text)
    written = [snap_path, _source(report, source_id, snapshot, out_dir)]
    taken = set(kb.claims) | set(kb.redirects) | scaffold.taken_ids(out_dir, "claim")
    supported: dict[str, list[Figure]] = {}
    new: list[list[Figure]] = []
    for figures in _distinct(report.figures):
        target = _agreed(figures[0], kb)
        if target is None:
            new.append(figures)
        else:
            supported.setdefault(target, []).extend(figures)
    data_dir = schema_dir.parent if schema_dir is not None else None
    for claim_id, figures in supported.items():
        path = _support(claim_id, figures, kb, source_id, name, out_dir, data_dir)
        if path is None:
            new.append(figures)  # the record cannot be amended in place: a claim of its own
        else:
            written.append(path)
    for figures in new:
        claim_id = _claim_id(source_id, figures[0], taken, kb.units)
        taken.add(claim_id)
        text = _claim(figures, kb, source_id, name)
        written.append(scaffold.write(out_dir, "claim", claim_id, text))
    if schema_dir is not None:
        written += _schemas(schema_dir, out_dir / "schema")
    return written


def house_id(report: Report) -> str:
    """A source id after the house convention, <publisher>-<date>-<topic>
    ("cnbc-2025-01-23-alexandr-wang-davos"), as far as the article shows them: the publisher
    from the end of its title ("… | Example Blog"), the date of a byline, the topic from the
    title's first words (else the file name's)."""
    title = " ".join((report.title or "").split())
    parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", title) if title else []
    publisher = parts[-1] if len(parts) > 1 and len(parts[-1].split()) <= 4 else ""
    topic = " ".join(parts[:-1]) if publisher else title
    if title and not publisher and len(title.split()) == 1:  # a title that is the site's name
        publisher, topic = title, _question(report.text[:2000])
    topic = topic or Path(display_name(report.name)).stem
    date = _byline_date(report.text[:3000])
    words = [scaffold.slug(publisher, 3, 24) if publisher else "", date,
             scaffold.slug(topic, 6, 50)]  # fmt: skip
    return "-".join(w for w in words if w and w != "untitled") or "article"


_FILLER = {"a", "an", "the", "is", "are", "was", "were", "what", "how", "why", "which", "for",
           "of", "in", "on", "to", "and", "do", "does", "did", "s"}  # fmt: skip


def _question(text: str) -> str:
    """The page's question, for a page titled only with its site's name ("Milvus": "What is the
    training duration for DeepSeek's R1 model?"), its filler words dropped."""
    for line in text.splitlines():
        words = re.findall(r"[A-Za-z0-9]+", line)
        if line.strip().endswith("?") and 3 <= len(words) <= 20:
            return " ".join(w for w in words if w.lower() not in _FILLER)
    return ""


def _byline_date(text: str) -> str:
    """The date of a short line near the top ("Published 3 February 2025", "Feb 3, 2025 · 5 min
    read"): the article's own date; a date in its prose is what it talks about."""
    for line in text.splitlines():
        if len(line.split()) > 8:
            continue
        for d in find_dates(line):
            if d.first[:1].isdigit():
                return d.first if d.is_day else d.first[:7]
    return ""


def _claim_id(source_id: str, f: Figure, taken: set[str], units: Mapping[str, Unit]) -> str:
    """<source>-<model>-<quantity>; a second figure for the same model and quantity adds its
    value ("…-training-cost-5-6m"), never a bare "-2"."""
    short = f.model.removeprefix("deepseek-") or "deepseek"
    base = f"{source_id}-{short}-{f.quantity}"
    if base in taken:
        base = f"{base}-{scaffold.slug(str(value(f.value, f.unit, units)), 4, 24)}"
    return scaffold.unique_id(base, taken)


def _agreed(f: Figure, kb: KnowledgeBase) -> str | None:
    """The accurate claim a figure agrees with, which the article can support: DeepSeek's own
    record of the figure first (disclosed, made by a primary source), not a secondary's."""

    def rank(c: Claim) -> tuple[bool, bool, str]:
        own = any(
            e.role == "claims" and (s := kb.sources.get(e.source)) is not None and s.primary
            for e in c.sources
        )
        return c.status != "disclosed", not own, c.id

    if f.outcome != "agrees":
        return None
    agreed = [
        c
        for cid in f.claims
        if (c := kb.claims.get(cid)) is not None and c.verdict == "accurate" and c.withdrawn is None
    ]
    return min(agreed, key=rank).id if agreed else None


def _support(
    claim_id: str,
    figures: list[Figure],
    kb: KnowledgeBase,
    source_id: str,
    name: str,
    out_dir: Path,
    data_dir: Path | None,
) -> Path | None:
    """The agreed claim's record with the article added as `supports` evidence (on top of an
    earlier draft of the same claim, if any); None if it cannot be amended in place."""
    drafted = out_dir / "claims" / f"{claim_id}.yaml"
    text = supports.claim_text(str(drafted), None, claim_id) or supports.claim_text(
        kb.claims[claim_id].file, data_dir, claim_id
    )
    evidence = [
        {"source": source_id, "role": "supports", "locator": loc, "quote": quote}
        for loc, quote in dict.fromkeys((g.locator, g.quote) for g in figures if len(g.quote) >= 3)
    ]
    if text is None or not evidence:
        return None
    f = figures[0]
    note = (
        f"check-source: {f.text!r} ({name}, line {f.line}) agrees with this claim; the article "
        "is added to its sources as supporting evidence. TODO: check it, then delete this line."
    )
    amended = supports.with_evidence(text, evidence, note)
    return None if amended is None else scaffold.write(out_dir, "claim", claim_id, amended)


def display_name(name: str) -> str:
    """The input's name as a draft may carry it: the file name alone, never the contributor's
    local path (drafts are committed)."""
    return "standard input" if name == "-" else (Path(name).name or "article")


def _schemas(schema_dir: Path, target: Path) -> list[Path]:
    """Copies of the schemas the drafts name, and of the schema files those refer to."""
    with contextlib.suppress(OSError):
        if target.resolve() == schema_dir.resolve():
            return []  # drafting straight into data/: its schemas are there
    wanted, copied = ["claim.schema.json", "source.schema.json"], []
    while wanted:
        file = wanted.pop()
        data = read_regular_file(schema_dir / file, 1 << 20)
        if data is None or (target / file) in copied:
            continue
        target.mkdir(parents=True, exist_ok=True)
        write_atomic(target / file, data)
        copied.append(target / file)
        refs = re.findall(rb'"\$ref"\s*:\s*"([\w.-]+\.schema\.json)', data)
        wanted += [r.decode() for r in refs if (target / r.decode()) not in copied]
    return copied


def _distinct(figures: list[Figure]) -> list[list[Figure]]:
    groups: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        if not _finite(f.value):
            continue  # never `value: .inf` in a record
        key = (f.model, f.quantity, json.dumps(f.value, sort_keys=True))
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    return True


def _source(report: Report, source_id: str, snapshot: str, out_dir: Path) -> Path:
    fields: dict[str, Any] = {
        "title": report.title,
        "publisher": None,
        "published": None,
        "accessed": dt.date.today().isoformat(),
        "kind": None,
        "primary": False,
        "read_as": "text-copy",
        "read_note": f"plain-text copy of {display_name(report.name)} as read by r1kb check-source "
        f"(snapshot {snapshot}, kept outside the project).",
        "snapshot": snapshot,
    }
    todo = {
        "publisher": "who published it (a newspaper, a website, a company)",
        "published": "publication date YYYY-MM-DD (or YYYY-MM, YYYY)",
        "kind": "press, blog, content-farm, analyst-report, interview, forum… (see the schema)",
        "url": "add `url: https://…` where the article is published (CI fetches it)",
        "authors": "add `authors: [Name]` if the article names them",
    }
    if not report.title:
        todo["title"] = "the article's title as published"
    header = [
        f"Draft written by r1kb check-source from {display_name(report.name)}.",
        "Resolve every TODO, then run r1kb validate.",
    ]
    return scaffold.write(
        out_dir, "source", source_id, scaffold.render("source", fields, todo, header)
    )


def _claim(figures: list[Figure], kb: KnowledgeBase, source_id: str, name: str) -> str:
    f = figures[0]
    fields: dict[str, Any] = {
        "subject": f.model,
        "quantity": f.quantity,
        "value": f.value,
        "unit": f.unit,
    }
    fields["statement"] = None
    todo = {
        "statement": "one plain sentence, e.g. what the article says about "
        f"{model_name(kb, f.model)}'s {quantity_name(kb, f.quantity)} "
        f"({value(f.value, f.unit, kb.units)})",
        "scope": "add `scope:` if the figure covers only some stages or costs",
    }
    places = dict.fromkeys((g.locator, g.quote) for g in figures if len(g.quote) >= 3)
    evidence = [
        {"source": source_id, "role": "claims", "locator": loc, "quote": quote}
        for loc, quote in places
    ]
    status, verdict, fixes = _suggest(f, kb, evidence)
    fields["status"], fields["verdict"] = status, verdict
    if status is None:
        todo["status"] = STATUS_TODO
    if verdict is None:
        todo["verdict"] = VERDICT_TODO
    fields["sources"] = evidence
    if fixes:
        fields["relations"] = {"corrected_by": fixes}
    header = [
        f"Draft written by r1kb check-source from {name}, line {f.line}:",
        f"{f.text!r}: {f.outcome}; {f.message}",
        "Resolve every TODO (null values), check the suggested status and verdict,",
        "then run r1kb validate.",
    ]
    return scaffold.render("claim", fields, todo, header)


def _suggest(
    f: Figure, kb: KnowledgeBase, evidence: list[dict[str, str]]
) -> tuple[str | None, str | None, list[str]]:
    """Suggested status, verdict and correcting claims for a figure's outcome."""
    accurate = [
        cid for cid in f.corrections if (c := kb.claims.get(cid)) and c.verdict == "accurate"
    ]
    if f.outcome == "agrees":
        for cid in f.claims:
            c = kb.claims[cid]
            primary = [e for e in c.sources if (s := kb.sources.get(e.source)) and s.primary]
            if c.status == "disclosed" and primary:
                e = primary[0]
                evidence.append(
                    {"source": e.source, "role": "supports", "locator": e.locator, "quote": e.quote}
                )
                return "disclosed", "accurate", []
        return "speculative", "accurate", []
    if f.outcome == "conflicts":
        return "speculative", "inaccurate", accurate or f.claims
    if f.outcome == "known-misconception":
        first = kb.claims[f.claims[0]]
        verdict = (
            first.verdict
            if first.verdict in ("inaccurate", "misleading", "unsupported")
            else "inaccurate"
        )
        return "speculative", verdict, accurate
    if f.outcome == "misattributed":
        return "speculative", "misleading", list(dict.fromkeys([*f.claims, *accurate]))
    return None, None, []

"""Print a check-source result: a table grouped by outcome, Markdown, JSON, GitHub annotations."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from r1kb.checksource.result.result import CheckResult, Figure, Report
from r1kb.checksource.result.wording import value
from r1kb.kb import Unit
from r1kb.reporters import (
    _escape,  # the workflow-command escaping `r1kb validate` uses
    one_line,
)
from r1kb.site.escape import md_text

# A pull-request comment holds at most 65,536 characters; the report keeps a margin (for the
# note that says what was cut) and counts UTF-8 bytes, which are never fewer than characters.
COMMENT_LIMIT = 65_536
MARKDOWN_BUDGET = COMMENT_LIMIT - 1_536

FORMATS = ("text", "markdown", "json", "github")
ORDER = ("conflicts", "known-misconception", "misattributed", "new", "agrees")
HEADINGS = {
    "conflicts": "Conflicts with the knowledge base",
    "known-misconception": "Known misconceptions",
    "misattributed": "Misattributed (right figure, wrong model or scope)",
    "new": "New (nothing in the knowledge base)",
    "agrees": "Agrees with the knowledge base",
}


def _groups(report: Report) -> Iterable[tuple[str, list[Figure]]]:
    for outcome in ORDER:
        figures = [f for f in report.figures if f.outcome == outcome]
        if figures:
            yield outcome, figures


def _value(f: Figure, units: Mapping[str, Unit]) -> str:
    return value(f.value, f.unit, units)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def explanation(f: Figure) -> list[str]:
    """Why check-source read a figure as it did: the evidence for its model, its quantity and
    its outcome (what a contributor reads when the tool is wrong)."""
    compared = ", ".join(f.claims) or "no claim about this model and quantity"
    lines = [
        f"model {f.model}: {f.attribution or 'named with the figure'}",
        f"quantity {f.quantity}: {f.quantity_basis or 'the figure unit'}",
        f"compared with: {compared}",
    ]
    if f.corrections and f.corrections != f.claims:
        lines.append(f"corrected by: {', '.join(f.corrections)}")
    lines.append(f"outcome {f.outcome}: {f.message}")
    if f.quote:
        lines.append(f"in: {_clip(f.quote, 160)}")
    return lines


def text(result: CheckResult, fail_on: frozenset[str] = frozenset(), explain: bool = False) -> str:
    out: list[str] = []
    for report in result.reports:
        out.append(report.summary())
        out.extend(f"  note: {n}" for n in report.notes)
        for outcome, figures in _groups(report):
            out.append("")
            out.append(f"{outcome} ({len(figures)})")
            rows = [
                (
                    str(f.line),
                    _clip(f.text, 30),
                    _clip(_value(f, report.units), 24),
                    f.model,
                    f.quantity,
                )
                for f in figures
            ]
            widths = [
                max(len(r[i]) for r in [("line", "figure", "value", "model", "quantity"), *rows])
                for i in range(5)
            ]
            head = ("line", "figure", "value", "model", "quantity")
            out.append("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
            for row, f in zip(rows, figures, strict=True):
                out.append(
                    "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                )
                if explain:
                    out.extend(f"      {line}" for line in explanation(f))
                else:
                    out.append(f"      {f.message}")
        out.append("")
    return "\n".join(one_line(line) for line in out).rstrip() + "\n"


def _md(text: str, limit: int = 300) -> str:
    """Article text (a title, a figure, a file name) for a line of a GitHub comment: shown
    literally, never as a link, an image, HTML, a table cell break, an @mention or an issue
    reference (a zero-width space follows @ and #, and breaks "://" and "www."), nor as math
    (GitHub renders "$…$" as LaTeX: "$5.6M and $6M")."""
    clipped = _clip(text, limit).replace("@", "@\u200b").replace("#", "#\u200b")
    clipped = clipped.replace("://", ":\u200b//").replace("www.", "www\u200b.")
    return md_text(clipped).replace("$", "&#36;")


def markdown(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    """A pull-request comment: every input's summary first, then the tables, cut with a note
    where the comment would pass GitHub's limit."""
    head: list[str] = []
    for report in result.reports:
        head += [f"### `r1kb check-source`: {_md(report.name)}", ""]
        if report.title:
            head += [f"*{_md(report.title)}*", ""]
        line = report.findings()
        line = line[:1].upper() + line[1:] + "."
        head.append(_md(line) if report.error else line)
        head.extend(f"> {_md(n)}" for n in report.notes[:20])
        head.append("")
    out = list(head)
    used = _size(out)
    shown = total = 0
    for report in result.reports:
        section: list[str] = [f"#### {_md(report.name)}"] if len(result.reports) > 1 else []
        for outcome, figures in _groups(report):
            section += ["", f"#### {HEADINGS[outcome]} ({len(figures)})", ""]
            section.append("| Line | Figure | Value | Model | Quantity | Knowledge base |")
            section.append("| ---: | --- | --- | --- | --- | --- |")
            for f in figures:
                total += 1
                row = _md_row(f, report.units)
                if used + _size([*section, row]) > MARKDOWN_BUDGET:
                    continue
                section.append(row)
                shown += 1
        if used + _size(section) <= MARKDOWN_BUDGET:
            out += [*section, ""]
            used += _size([*section, ""])
    if shown < total:
        out.append(
            f"> {total - shown} of {total} figure(s) are not listed: a pull-request comment holds "
            f"{COMMENT_LIMIT:,} characters. Run `r1kb check-source` on the article for all of them."
        )
    return "\n".join(out).rstrip() + "\n"


def _md_row(f: Figure, units: Mapping[str, Unit]) -> str:
    cells = [
        str(f.line),
        _md(f.text, 80),
        _md(_value(f, units), 60),
        _md(f.model, 80),
        _md(f.quantity, 80),
        _md(f.message, 400),
    ]
    return "| " + " | ".join(cells) + " |"


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _finite(value: Any) -> Any:
    """value with every infinite or NaN float replaced by None (JSON has no Infinity)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def as_json(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    figures = [{"input": r.name, **f.as_dict()} for r in result.reports for f in r.figures]
    data = {
        "counts": result.counts(),
        "failed": sorted(result.outcomes() & fail_on),
        "figures": figures,
        "inputs": [
            {k: v for k, v in r.as_dict().items() if k != "figures"} for r in result.reports
        ],
    }
    return json.dumps(_finite(data), indent=2, ensure_ascii=False, allow_nan=False)


def github(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    lines = []
    for report in result.reports:
        where = "" if report.name == "-" else f" file={_escape(report.name, True)}"
        lines.extend(f"::notice{where}::{_escape('check-source: ' + n)}" for n in report.notes)
        for f in report.figures:
            if f.outcome in fail_on:
                level = "error"
            elif f.outcome in ("conflicts", "known-misconception", "misattributed"):
                level = "warning"
            else:
                level = "notice"
            props = [] if report.name == "-" else [f"file={_escape(report.name, True)}"]
            props += [
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape('check-source ' + f.outcome, True)}",
            ]
            body = _escape(f"{f.text!r} ({f.model}, {f.quantity}): {f.message}")
            lines.append(f"::{level} {','.join(props)}::{body}")
        lines.append(f"r1kb check-source: {report.summary()}")
    return "\n".join(one_line(line) for line in lines) + "\n"


RENDERERS: dict[str, Callable[[CheckResult, frozenset[str]], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
    "github": github,
}


def render(
    result: CheckResult, fmt: str, fail_on: frozenset[str] = frozenset(), explain: bool = False
) -> str:
    """The result in a format; `explain` adds the evidence under each figure of the text table
    (the JSON always carries it: `attribution`, `quantity_basis`, `claims`, `message`)."""
    if fmt == "text":
        return text(result, fail_on, explain)
    return RENDERERS[fmt](result, fail_on)

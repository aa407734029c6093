"""Print a check-source result: a table grouped by outcome, Markdown, JSON, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from r1kb.checksource.result import CheckResult, Figure, Report
from r1kb.reporters import _escape  # the workflow-command escaping `r1kb validate` uses

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


def _value(f: Figure) -> str:
    from r1kb.checksource.wording import value

    return value(f.value, f.unit)


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
                (str(f.line), _clip(f.text, 30), _clip(_value(f), 24), f.model, f.quantity)
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
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")


def markdown(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    out: list[str] = []
    for report in result.reports:
        out.append(f"### `r1kb check-source`: {_md(report.name)}")
        out.append("")
        if report.title:
            out.append(f"*{_md(report.title)}*")
            out.append("")
        line = report.summary().split(": ", 1)[-1]
        out.append(line[:1].upper() + line[1:] + ".")
        out.extend(f"> {_md(n)}" for n in report.notes)
        for outcome, figures in _groups(report):
            out += ["", f"#### {HEADINGS[outcome]} ({len(figures)})", ""]
            out.append("| Line | Figure | Value | Model | Quantity | Knowledge base |")
            out.append("| ---: | --- | --- | --- | --- | --- |")
            for f in figures:
                cells = [
                    str(f.line),
                    f"`{_md(f.text)}`",
                    _md(_value(f)),
                    f.model,
                    f.quantity,
                    _md(f.message),
                ]
                out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_json(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    figures = [{"input": r.name, **f.as_dict()} for r in result.reports for f in r.figures]
    return json.dumps(
        {
            "counts": result.counts(),
            "failed": sorted(result.outcomes() & fail_on),
            "figures": figures,
            "inputs": [
                {k: v for k, v in r.as_dict().items() if k != "figures"} for r in result.reports
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def github(result: CheckResult, fail_on: frozenset[str] = frozenset()) -> str:
    lines = []
    for report in result.reports:
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
    return "\n".join(lines) + "\n"


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

"""What check-source found: one report per input, one entry per figure. Printing is elsewhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from r1kb.checksource.matching.match import OUTCOMES
from r1kb.kb import Unit


@dataclass
class Figure:
    text: str  # the exact span of the input
    start: int  # character offsets into the input, end exclusive
    end: int
    line: int
    column: int
    value: Any  # a number, {low, high}, or an ISO date, in `unit`
    unit: str
    model: str
    quantity: str
    outcome: str
    claims: list[str] = field(default_factory=list)  # the matched claims
    corrections: list[str] = field(default_factory=list)  # accurate claims that correct it
    related: list[str] = field(default_factory=list)  # e.g. records that it is undisclosed
    message: str = ""
    quote: str = ""  # the sentence it stands in
    locator: str = ""  # section and paragraph
    attribution: str = ""  # how the model was decided
    quantity_basis: str = ""  # what decided the quantity (a term, a header, the unit's default)

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Report:
    name: str  # the file name as given, or "-" for standard input
    figures: list[Figure] = field(default_factory=list)
    error: str | None = None  # the input could not be read
    notes: list[str] = field(default_factory=list)  # e.g. "not UTF-8: decoded with replacements"
    title: str | None = None
    fmt: str = "text"
    chars: int = 0
    text: str = ""  # the prose check-source read (for drafts); not printed
    units: Mapping[str, Unit] = field(default_factory=dict)  # how values are written; not printed

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(OUTCOMES, 0)
        for f in self.figures:
            out[f.outcome] += 1
        return out

    def summary(self) -> str:
        return f"{self.name}: {self.findings()}"

    def findings(self) -> str:
        """The summary without the input's name."""
        if self.error:
            return self.error
        if not self.figures:
            return "no figures about DeepSeek-R1 or its family found"
        parts = ", ".join(f"{n} {o}" for o, n in self.counts().items() if n)
        return f"{len(self.figures)} figure(s): {parts}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "format": self.fmt,
            "error": self.error,
            "notes": self.notes,
            "counts": self.counts(),
            "summary": self.summary(),
            "figures": [f.as_dict() for f in self.figures],
        }


@dataclass
class CheckResult:
    reports: list[Report] = field(default_factory=list)

    def outcomes(self) -> set[str]:
        return {f.outcome for r in self.reports for f in r.figures}

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(OUTCOMES, 0)
        for r in self.reports:
            for k, v in r.counts().items():
                out[k] += v
        return out

"""Validation: loader -> schema -> rules -> one sorted list of problems (the result).

The result knows nothing about printing or exit codes (see reporters and cli).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from r1kb.loader import Loaded, load
from r1kb.positions import PositionIndex
from r1kb.problems import Problem
from r1kb.rules import Context, all_rules


@dataclass
class ValidationResult:
    loaded: Loaded
    problems: list[Problem]
    quote_stats: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, int]:
        kb = self.loaded.kb
        return {
            "claims": len(self.loaded.present_claim_ids),
            "sources": len(self.loaded.present_source_ids),
            "models": len(kb.models),
            "quantities": len(kb.quantities),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "quotes_verified": self.quote_stats.get("verified", 0),
            "quotes_unchecked": self.quote_stats.get("unchecked", 0),
            "quotes_not_found": self.quote_stats.get("not_found", 0),
        }


def validate(data_dir: Path, snapshot_dirs: list[Path] | None = None) -> ValidationResult:
    return validate_loaded(load(Path(data_dir)), snapshot_dirs)


def validate_loaded(loaded: Loaded, snapshot_dirs: list[Path] | None = None) -> ValidationResult:
    """The rules run on records already loaded (as `r1kb new` loads a record not yet written)."""
    ctx = Context(loaded=loaded, snapshot_dirs=list(snapshot_dirs or []))
    problems = list(loaded.problems)
    structural = bool(loaded.kb.models) and bool(loaded.kb.quantities)
    schemas_usable = not any(p.code == "schema-invalid" for p in problems)
    if schemas_usable and (structural or loaded.kb.claims):
        for rule in all_rules():
            problems.extend(rule(ctx))
    problems = _with_positions(loaded, problems)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.message))
    return ValidationResult(loaded, _dedupe(problems), dict(ctx.quote_stats))


def _with_positions(loaded: Loaded, problems: list[Problem]) -> list[Problem]:
    """Fill line and column, parsing positions only for files that have problems."""
    indexes: dict[str, PositionIndex | None] = {}
    out = []
    for p in problems:
        if p.line is not None:
            out.append(p)
            continue
        if p.file not in indexes:
            rf = loaded.files.get(p.file)
            indexes[p.file] = (
                PositionIndex(rf.text) if rf is not None and rf.text is not None else None
            )
        index = indexes[p.file]
        where = index.locate(p.parts, key=p.at_key) if index is not None else None
        out.append(replace(p, line=where[0], column=where[1]) if where else p)
    return out


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in problems:
        key = (p.file, p.line, p.column, p.path, p.code, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out

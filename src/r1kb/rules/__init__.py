"""Rules across records, run after the schema. Each rule yields Problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from r1kb.kb import KnowledgeBase
from r1kb.loader import Loaded
from r1kb.problems import Problem
from r1kb.units import UnitSystem


@dataclass
class Context:
    loaded: Loaded
    snapshot_dirs: list[Path] = field(default_factory=list)
    quote_stats: dict[str, int] = field(
        default_factory=lambda: {"verified": 0, "unchecked": 0, "not_found": 0}
    )

    @property
    def kb(self) -> KnowledgeBase:
        return self.loaded.kb

    @cached_property
    def units(self) -> UnitSystem:
        return UnitSystem(self.kb.units)

    def claim_exists(self, claim_id: str) -> bool:
        """A claim file (valid or not) or a redirect: references to it resolve."""
        return claim_id in self.loaded.present_claim_ids or claim_id in self.kb.redirects


Rule = Callable[[Context], Iterable[Problem]]


def all_rules() -> list[Rule]:
    from r1kb.rules import (
        agreement,
        blank,
        derivations,
        disclosure,
        lineage,
        permanence,
        quotes,
        rates,
        references,
        relations,
        status,
        vocabulary,
    )

    return [
        *permanence.RULES,
        *references.RULES,
        *lineage.RULES,
        *rates.RULES,
        *status.RULES,
        *disclosure.RULES,
        *derivations.RULES,
        *relations.RULES,
        *agreement.RULES,
        *quotes.RULES,
        *blank.RULES,
        *vocabulary.RULES,
    ]

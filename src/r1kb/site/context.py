"""Everything a page renderer needs, built once per site build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from r1kb.derive import Recomputation, recompute
from r1kb.kb import Claim, KnowledgeBase, Model, Quantity, Source
from r1kb.site.dates import DataDates
from r1kb.site.escape import md_anchor
from r1kb.site.evidence import Readings
from r1kb.site.formatting import Formatter
from r1kb.site.history import History
from r1kb.site.repository import Repository
from r1kb.site.urls import CLAIMS, MODELS, QUANTITIES, SOURCES, Urls
from r1kb.site.vocabulary import STATUS_RANK, VERDICT_RANK
from r1kb.units import UnitSystem

T = TypeVar("T")
SITE_TITLE = "r1kb"
CITATION_AUTHOR = "r1kb contributors"
CONTAINER_TITLE = "r1kb: a citable knowledge base of claims about DeepSeek-R1"


@dataclass
class SiteContext:
    kb: KnowledgeBase
    urls: Urls = field(default_factory=Urls)
    dates: DataDates = field(default_factory=DataDates)
    project_root: Path | None = None  # for CONTRIBUTING.md
    schema_dir: Path | None = None
    history: History = field(default_factory=History)  # from git, read once (r1kb.site.release)
    repository: Repository | None = None  # mkdocs.yml's repo_url: edit and report links

    def __post_init__(self) -> None:
        self._recomputed: dict[str, Recomputation] = {}
        self._per_claim: dict[tuple[str, str], Any] = {}
        self.claim_since: dict[str, str | None] = {}  # Disclosure.since, for every date

    def per_claim(self, what: str, claim: Claim, make: Callable[[], T]) -> T:
        """make() once per claim and `what` (a claim's value or citation is written on
        several pages; records do not change during a build)."""
        key = (what, claim.id)
        if key not in self._per_claim:
            self._per_claim[key] = make()
        return self._per_claim[key]

    @cached_property
    def fmt(self) -> Formatter:
        return Formatter(self.kb.units)

    @cached_property
    def readings(self) -> Readings:
        return Readings(self.kb)

    @cached_property
    def unit_system(self) -> UnitSystem:
        return UnitSystem(self.kb.units)

    # --- records ----------------------------------------------------------------------
    def model_name(self, model_id: str) -> str:
        model = self.kb.models.get(model_id)
        return model.name if model else model_id

    def short_model_name(self, model_id: str) -> str:
        """'DeepSeek-R1-Distill-Qwen-1.5B' -> 'R1-Distill-Qwen-1.5B': for narrow labels."""
        return self.model_name(model_id).removeprefix("DeepSeek-") or self.model_name(model_id)

    def model_alias(self, model_id: str) -> str:
        """The shortest name people use for the model, from its aliases in data/models.yaml
        that are part of its name ('R1', 'V3-Base', 'Distill-Qwen-32B'): for column heads
        and chart rows, where the full names repeat the same long prefix."""
        model = self.kb.models.get(model_id)
        if model is None:
            return model_id
        names = [a for a in model.aliases if " " not in a and a in model.name]
        return min([*names, self.short_model_name(model_id)], key=lambda n: (len(n), n))

    def quantity_name(self, quantity_id: str) -> str:
        q = self.kb.quantities.get(quantity_id)
        return q.name if q else quantity_id

    def value_text(self, claim: Claim) -> str:
        return self.per_claim("value", claim, lambda: self.fmt.value(claim.value, claim.unit))

    def recomputed(self, claim: Claim) -> Recomputation | None:
        if not claim.derivation:
            return None
        if claim.id not in self._recomputed:
            self._recomputed[claim.id] = recompute(self.kb, self.unit_system, claim)
        return self._recomputed[claim.id]

    @cached_property
    def superseded_by(self) -> dict[str, list[Claim]]:
        """Claim id -> the claims that list it under `supersedes`."""
        out: dict[str, list[Claim]] = {}
        for claim in self.kb.claims.values():
            for old in claim.related("supersedes"):
                out.setdefault(old, []).append(claim)
        return out

    @cached_property
    def checked_by(self) -> dict[str, list[Claim]]:
        """Source id -> the live claims (by id) that list it under `checked`: one pass, not
        one scan of every claim per source page."""
        out: dict[str, list[Claim]] = {}
        for claim in self.kb.live_claims():
            for sid in dict.fromkeys(claim.checked):
                out.setdefault(sid, []).append(claim)
        return out

    def claim_date(self, claim: Claim) -> str | None:
        return self.dates.of(f"claims/{claim.id}.yaml")

    def claiming_sources(self, claim: Claim) -> list[Source]:
        """Sources that make the claim (role `claims`), else every source it cites."""
        ids = claim.source_ids("claims") or claim.source_ids()
        return [self.kb.sources[s] for s in dict.fromkeys(ids) if s in self.kb.sources]

    @staticmethod
    def sort_key(claim: Claim) -> tuple[int, int, str]:
        """Best-founded first: accurate before the rest, then by status, then by id."""
        return (
            VERDICT_RANK.get(claim.verdict, 99),
            STATUS_RANK.get(claim.status, 99),
            claim.id,
        )

    def sorted_claims(self, claims: list[Claim]) -> list[Claim]:
        return sorted(claims, key=self.sort_key)

    # --- addresses --------------------------------------------------------------------
    def src_claim(self, claim_id: str) -> str:
        return self.urls.src(CLAIMS, claim_id)

    def src_source(self, source_id: str) -> str:
        return self.urls.src(SOURCES, source_id)

    def src_model(self, model_id: str) -> str:
        return self.urls.src(MODELS, model_id)

    def src_quantity(self, quantity_id: str) -> str:
        return self.urls.src(QUANTITIES, quantity_id)

    def chart_path(self, quantity: Quantity) -> str:
        return f"{QUANTITIES}/{quantity.id}.svg"

    def permalink(self, claim: Claim) -> str:
        return self.urls.permalink(self.src_claim(claim.id))

    def claim_url(self, claim: Claim) -> str | None:
        """The claim's absolute permalink, or None when the build has no site address."""
        return self.urls.absolute(self.src_claim(claim.id))

    def models_in_order(self) -> list[Model]:
        return self.kb.sorted_models()

    @cached_property
    def quantity_groups(self) -> dict[str, list[str]]:
        """Group -> its quantity ids, both in the order of data/quantities.yaml."""
        groups: dict[str, list[str]] = {}
        for q in self.kb.quantities.values():
            groups.setdefault(q.group, []).append(q.id)
        return groups

    @staticmethod
    def group_title(group: str) -> str:
        """'hyperparameters' -> 'Hyperparameters': a group as a heading."""
        return group[:1].upper() + group[1:]

    @staticmethod
    def group_anchor(group: str) -> str:
        return md_anchor(f"group-{group}")

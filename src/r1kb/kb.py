"""The indexed knowledge base: typed records and lookups shared by every consumer.

Built once by the loader from validated records; the validator's rules, the
site renderers, the exports and check-source all read from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

STATUSES = ("disclosed", "derived", "estimated", "speculative", "undisclosed")
VERDICTS = ("accurate", "inaccurate", "misleading", "unsupported", "outdated")
ROLES = ("claims", "supports", "refutes")
RELATION_KINDS = ("contradicts", "supersedes", "corrected_by")
# A model shares these groups' quantities with the model whose weights it starts from, as it
# does every quantity marked `inherited` in data/quantities.yaml (the schema says so).
INHERITED_GROUPS = ("parameters", "architecture")

Value = float | int | str | dict[str, float] | None


@dataclass(frozen=True)
class Evidence:
    source: str
    role: str
    locator: str
    quote: str


@dataclass
class Claim:
    id: str
    file: str
    subject: str
    quantity: str
    value: Value
    unit: str
    statement: str
    status: str
    verdict: str
    sources: list[Evidence]
    scope: str | None = None
    method: str | None = None
    checked: list[str] = field(default_factory=list)
    derivation: dict[str, Any] | None = None
    relations: dict[str, list[str]] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    notes: str | None = None
    withdrawn: dict[str, Any] | None = None

    @property
    def is_numeric(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    @property
    def is_range(self) -> bool:
        return isinstance(self.value, dict)

    def related(self, kind: str) -> list[str]:
        return self.relations.get(kind, [])

    def source_ids(self, *roles: str) -> list[str]:
        return [e.source for e in self.sources if not roles or e.role in roles]


@dataclass
class Source:
    id: str
    file: str
    title: str
    publisher: str
    kind: str
    primary: bool
    read_as: str
    published: str
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    archive_url: str | None = None
    accessed: str | None = None
    read_note: str | None = None
    snapshot: str | None = None
    revision: str | None = None
    language: str | None = None
    notes: str | None = None


@dataclass
class Model:
    id: str
    name: str
    kind: str
    description: str
    derived_from: list[dict[str, str]] = field(default_factory=list)
    external_base: str | None = None
    order: int = 1000
    aliases: list[str] = field(default_factory=list)


@dataclass
class Quantity:
    id: str
    name: str
    unit: str
    group: str
    description: str
    disclosure: str
    log_scale: bool = False
    headline: int | None = None
    terms: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    refines: str | None = None
    default_for_unit: bool = False
    inherited: bool = False
    company: bool = False  # of the company itself, never of a model (see the schema)

    @property
    def shared_with_base(self) -> bool:
        """A model has its base model's figure for it unless it has a record of its own."""
        return self.inherited or self.group in INHERITED_GROUPS


@dataclass
class Unit:
    id: str
    label: str
    definition: str
    symbol: str | None = None
    terms: list[str] = field(default_factory=list)
    currency: bool = False

    @property
    def numeric(self) -> bool:
        return self.definition not in ("date", "text")


@dataclass(frozen=True)
class ExchangeRate:
    """How many units of one currency one unit of another bought on a date
    (data/exchange-rates.yaml): what check-source compares a figure in yuan with a claim in
    dollars by."""

    id: str
    unit: str  # the currency counted ("CNY")
    per: str  # one unit of this currency ("USD")
    value: float
    date: str  # the day or month the rate is for (YYYY-MM-DD or YYYY-MM)
    basis: str  # what the rate is (a monthly average, a central parity fixing…)
    source: str
    locator: str
    quote: str


@dataclass
class KnowledgeBase:
    claims: dict[str, Claim] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    # renamed sources, models and quantities: kind ("sources") -> old id -> current id
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)  # names outside the family (models.yaml)
    size_nouns: list[str] = field(default_factory=list)  # "model", "version" (models.yaml)
    accelerators: list[str] = field(default_factory=list)  # GPU names (quantities.yaml)
    exchange_rates: list[ExchangeRate] = field(default_factory=list)
    accelerator_variants: list[str] = field(default_factory=list)  # "SXM", "PCIe"
    gpu_machines: list[str] = field(default_factory=list)  # "nodes", "servers"
    foreign_units: list[str] = field(default_factory=list)  # "GB", "bits": no quantity's unit
    expert_layout_cues: list[str] = field(default_factory=list)  # "8-of-256 routed", "MoE"
    money_not_cost: list[str] = field(default_factory=list)  # "revenue", "valuation"
    published_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[str, dict[str, list[str]]] | None = None
        self._derived: dict[str, Any] = {}

    def derived(self, name: str, make: Callable[[KnowledgeBase], T]) -> T:
        """A value worked out from the knowledge base (its compiled vocabulary, a summary of
        its records), made once: like the index, it holds because a knowledge base is not
        changed once loaded. A copy (`dataclasses.replace`) makes its own."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]

    # --- lookups -------------------------------------------------------------
    def resolve(self, claim_id: str) -> Claim | None:
        """A claim by id, following redirects of renamed ids."""
        seen = set()
        while claim_id in self.redirects and claim_id not in self.claims and claim_id not in seen:
            seen.add(claim_id)
            claim_id = self.redirects[claim_id]
        return self.claims.get(claim_id)

    def current_id(self, claim_id: str) -> str:
        """The id a reference to a claim names now: the claim a renamed id redirects to, else
        the id as written (an unknown one stays unknown)."""
        found = self.resolve(claim_id) if isinstance(claim_id, str) else None
        return found.id if found is not None else claim_id

    def _build_index(self) -> dict[str, dict[str, list[str]]]:
        index: dict[str, dict[str, list[str]]] = {
            k: defaultdict(list)
            for k in ("subject", "quantity", "status", "verdict", "source", "corrects", "derives")
        }
        for cid in sorted(self.claims):
            c = self.claims[cid]
            index["subject"][c.subject].append(cid)
            index["quantity"][c.quantity].append(cid)
            index["status"][c.status].append(cid)
            index["verdict"][c.verdict].append(cid)
            for sid in dict.fromkeys(c.source_ids()):
                index["source"][sid].append(cid)
            for target in c.related("corrected_by"):
                index["corrects"][target].append(cid)
            for spec in (c.derivation or {}).get("inputs", {}).values():
                if isinstance(spec, dict) and "claim" in spec:
                    index["derives"][spec["claim"]].append(cid)
        return index

    def by(self, key: str, value: str) -> list[Claim]:
        """Claims whose `key` (subject, quantity, status, verdict, source) equals value, by id."""
        if self._index is None:
            self._index = self._build_index()
        return [self.claims[cid] for cid in self._index[key].get(value, [])]

    def corrections_of(self, claim_id: str) -> list[Claim]:
        """Claims that name claim_id in their corrected_by (the misconceptions it corrects)."""
        return self.by("corrects", claim_id)

    def used_by(self, claim_id: str) -> list[Claim]:
        """Claims whose derivation takes claim_id as an input."""
        return self.by("derives", claim_id)

    def inputs_of(self, claim: Claim) -> list[Claim]:
        """The claims a derived claim's formula takes (those that resolve), in its order."""
        specs = (claim.derivation or {}).get("inputs", {}).values()
        found = (self.resolve(s["claim"]) for s in specs if isinstance(s, dict) and "claim" in s)
        return [c for c in found if c is not None]

    def derivatives_of(self, model_id: str) -> list[Model]:
        return [
            m
            for m in self.sorted_models()
            if any(d.get("model") == model_id for d in m.derived_from)
        ]

    def weights_lineage(self, model_id: str) -> list[str]:
        """The model and the models whose weights it starts from, nearest first (first
        parent only; not across distillation, which starts from another family's weights)."""
        chain, seen = [model_id], {model_id}
        current = self.models.get(model_id)
        while current is not None and current.kind not in ("distilled-model", "company"):
            parents = [d["model"] for d in current.derived_from if d.get("model") not in seen]
            if not parents:
                break
            chain.append(parents[0])
            seen.add(parents[0])
            current = self.models.get(parents[0])
        return chain

    def sorted_models(self) -> list[Model]:
        return sorted(self.models.values(), key=lambda m: (m.order, m.id))

    def live_claims(self) -> list[Claim]:
        return [c for cid, c in sorted(self.claims.items()) if c.withdrawn is None]

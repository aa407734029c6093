"""What DeepSeek's own position is on each quantity of each model, now or at a past date.

A cell of the disclosure matrix is decided by DeepSeek's position alone: it disclosed the
figure, it can be derived from what it disclosed, or a record says it did not disclose it.
Estimates and speculation are kept beside the cell, never in its place. A model with no
record of its own shares an inherited quantity (data/quantities.yaml) with the model whose
weights it starts from. A quantity recorded only for the company does not apply to a model,
and one never recorded for the company does not apply to it. Anything else is not yet
researched.

With a date, each claim is taken as it stood then: its `history` when it has one, else from
the date of the documents behind it (see `since`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from r1kb.kb import Claim, KnowledgeBase
from r1kb.site.vocabulary import STATUS_RANK, VERDICT_RANK

# DeepSeek's own position, first wins: a record that DeepSeek did not disclose a figure comes
# before the figure derived from what it did disclose (training FLOP by 6ND): the derived
# figure is shown beside it, with the estimates and speculation.
POSITIONS = ("disclosed", "undisclosed", "derived")
BESIDE = ("derived", "estimated", "speculative")
NOT_WRONG = ("accurate", "outdated")  # a disclosure overtaken later is still a disclosure


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    meaning: str


KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("disclosed", "disclosed", "DeepSeek states the figure in its own document."),
        Kind("derived", "derived", "Computed by arithmetic from figures DeepSeek disclosed."),
        Kind(
            "undisclosed",
            "undisclosed",
            "A record says DeepSeek has not disclosed it, naming the documents checked.",
        ),
        Kind(
            "inherited",
            "inherited",
            "No record of its own: the model shares the figure of the model its weights "
            "start from (linked).",
        ),
        Kind(
            "not-applicable",
            "not applicable",
            "A company figure for a model, or a model figure for the company.",
        ),
        Kind(
            "not-researched",
            "not yet researched",
            "No record of DeepSeek's position yet; estimates or speculation, if any, are "
            "shown beside.",
        ),
    )
}


def pad_date(text: str) -> str:
    """'2025-09' -> '2025-09-31', '2025' -> '2025-12-31': comparable with full dates as
    text, a partial date taken as the end of its period (when a reader knew of it for sure)."""
    parts = text.split("-")[:3]
    return "-".join(parts + ["12", "31"][len(parts) - 1 :]) if len(parts) < 3 else text


@dataclass
class State:
    """A claim as it stood at a date."""

    claim: Claim
    status: str
    verdict: str


@dataclass
class Cell:
    kind: str
    model: str
    claim: Claim | None = None  # DeepSeek's position (the base model's when inherited)
    via: str | None = None  # the base model when inherited
    base_kind: str | None = None  # the base model's kind of cell when inherited
    beside: list[State] = field(default_factory=list)  # estimates and speculation
    count: int = 0  # the model's own claims in the cell

    @property
    def estimate_exists(self) -> bool:
        return any(s.status == "estimated" for s in self.beside)


class Disclosure:
    """Cells of the matrix for one knowledge base, at one date (None: now)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        as_of: str | None = None,
        since: dict[str, str | None] | None = None,
    ) -> None:
        """since: `since` of each claim so far, shared by the Disclosures of one knowledge base
        at several dates (a claim's first date does not depend on the date looked at)."""
        self.kb = kb
        self.as_of = pad_date(as_of) if as_of else None
        self._since: dict[str, str | None] = {} if since is None else since

    # --- dates --------------------------------------------------------------------------
    def source_date(self, source_id: str) -> str | None:
        s = self.kb.sources.get(source_id)
        return pad_date(s.published) if s and s.published else None

    def since(self, claim: Claim) -> str | None:
        """When the claim could first be made: its history's first date, else the first of
        its primary sources (disclosed), the last of its inputs (derived), the first of the
        documents checked (undisclosed), the first source that makes it (the rest)."""
        if claim.id in self._since:
            return self._since[claim.id]
        self._since[claim.id] = None  # a cycle of derivations stops here
        dates: list[str] = []
        if claim.history:
            dates = [str(h["date"]) for h in claim.history if h.get("date")][:1]
        elif claim.status == "derived" and claim.derivation:
            found = [self.since(c) for c in self.kb.inputs_of(claim)]
            dates = [max(d for d in found if d)] if any(found) else []
        if not dates and claim.status == "undisclosed":
            # not disclosed as of the first document checked, but never before the model's
            # first disclosed figure: a record about R1 does not hold in 2023
            first = self._first_date(claim.checked or claim.source_ids())
            start = self._model_start.get(claim.subject)
            dates = [max(d for d in (first, start) if d)] if first or start else []
        elif not dates:
            primary = [s for s in claim.source_ids() if self._primary(s)]
            if claim.status in ("disclosed", "derived") and primary:
                ids = primary
            else:
                ids = claim.source_ids("claims") or claim.source_ids()
            first = self._first_date(ids)
            dates = [first] if first else []
        self._since[claim.id] = pad_date(dates[0]) if dates else None
        return self._since[claim.id]

    def _first_date(self, source_ids: list[str]) -> str | None:
        return min((d for d in map(self.source_date, source_ids) if d), default=None)

    @cached_property
    def _model_start(self) -> dict[str, str]:
        """Model -> the date of its first disclosed figure on record."""
        out: dict[str, str] = {}
        for c in self.kb.live_claims():
            if c.status == "disclosed" and (when := self.since(c)):
                out[c.subject] = min(out.get(c.subject, when), when)
        return out

    def _primary(self, source_id: str) -> bool:
        s = self.kb.sources.get(source_id)
        return bool(s and s.primary)

    def state(self, claim: Claim) -> State | None:
        """The claim as it stood at the date, None if it could not yet be made."""
        if claim.withdrawn is not None:
            return None
        if self.as_of is None:
            return State(claim, claim.status, claim.verdict)
        if claim.history:
            past = [h for h in claim.history if pad_date(str(h.get("date", ""))) <= self.as_of]
            if not past:
                return None
            last = past[-1]
            return State(claim, last.get("status", claim.status), last.get("verdict", "accurate"))
        when = self.since(claim)
        if when is not None and when > self.as_of:
            return None
        return State(claim, claim.status, claim.verdict)

    # --- cells --------------------------------------------------------------------------
    @cached_property
    def _by_cell(self) -> dict[tuple[str, str], list[State]]:
        out: dict[tuple[str, str], list[State]] = {}
        for c in self.kb.live_claims():
            st = self.state(c)
            if st is not None:
                out.setdefault((c.quantity, c.subject), []).append(st)
        return out

    @cached_property
    def _company_quantities(self) -> tuple[set[str], set[str]]:
        """(quantities recorded for the company, quantities recorded for a model), from
        every record whatever the date: what applies does not change with time."""
        company, model = set(), set()
        for c in self.kb.live_claims():
            subject = self.kb.models.get(c.subject)
            (company if subject and subject.kind == "company" else model).add(c.quantity)
        return company, model

    def applies(self, quantity_id: str, model_id: str) -> bool:
        company, model = self._company_quantities
        m = self.kb.models.get(model_id)
        if m is not None and m.kind == "company":
            return quantity_id in company
        return quantity_id in model or quantity_id not in company

    def own(self, quantity_id: str, model_id: str) -> list[State]:
        return self._by_cell.get((quantity_id, model_id), [])

    def position(self, states: list[State]) -> State | None:
        """DeepSeek's own position among the claims: the firmest disclosed, derived or
        undisclosed record that holds (an undisclosed record only while it is accurate)."""
        candidates = [
            s
            for s in states
            if s.status in POSITIONS
            and (s.verdict in NOT_WRONG if s.status != "undisclosed" else s.verdict == "accurate")
        ]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda s: (
                POSITIONS.index(s.status),
                VERDICT_RANK.get(s.verdict, 99),
                not self._said_by_primary(s.claim),
                -len(set(s.claim.source_ids())),
                s.claim.id,
            ),
        )

    def _overtaken(self, states: list[State]) -> State | None:
        """A record that DeepSeek had not disclosed a figure, overtaken by a disclosure that a
        claim elsewhere records (R1's RL GPU-hours, given in September 2025): that claim."""
        for s in states:
            if s.status == "undisclosed" and s.verdict == "outdated":
                for cid in s.claim.related("corrected_by"):
                    target = self.kb.resolve(cid)
                    later = self.state(target) if target is not None else None
                    if later is not None and self.position([later]) is not None:
                        return later
        return None

    def _said_by_primary(self, claim: Claim) -> bool:
        return any(self._primary(s) for s in claim.source_ids("claims"))

    def cell(self, quantity_id: str, model_id: str) -> Cell:
        states = self.own(quantity_id, model_id)
        count = len(states)
        mine = self.position(states) or self._overtaken(states)
        beside = sorted(
            (s for s in states if s.status in BESIDE and s is not mine),
            key=lambda s: (
                VERDICT_RANK.get(s.verdict, 99),
                STATUS_RANK.get(s.status, 99),
                s.claim.id,
            ),
        )
        if mine is not None:
            return Cell(mine.status, model_id, mine.claim, beside=beside, count=count)
        q = self.kb.quantities.get(quantity_id)
        if q is not None and q.shared_with_base:
            for base in self.kb.weights_lineage(model_id)[1:]:
                theirs = self.position(self.own(quantity_id, base))
                if theirs is not None:
                    return Cell(
                        "inherited", model_id, theirs.claim, base, theirs.status, beside, count
                    )
        if not states and not self.applies(quantity_id, model_id):
            return Cell("not-applicable", model_id)
        return Cell("not-researched", model_id, beside=beside, count=count)

    def has_records(self, model_id: str) -> bool:
        return any(subject == model_id for _, subject in self._by_cell)

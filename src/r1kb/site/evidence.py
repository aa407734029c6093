"""How a claim's evidence was read: DeepSeek's own file, a copy of its text, or a report.

A status says what a figure rests on; this says how firmly the knowledge base saw it. The
reading of a claim is the best reading of the DeepSeek documents it cites (a source's
`read_as`, see data/schema/source.schema.json); a claim citing no DeepSeek document rests
on secondary reports; a derived claim without sources of its own is as firm as its weakest
input; an `undisclosed` record is as firm as the documents it checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from r1kb.kb import Claim, KnowledgeBase, Source


@dataclass(frozen=True)
class Reading:
    id: str
    label: str  # next to the status
    meaning: str  # the tooltip and the downloads' description


READINGS: dict[str, Reading] = {
    r.id: r
    for r in (
        Reading(
            "own-file",
            "DeepSeek's own file",
            "Read in DeepSeek's own document itself (the PDF, the repository file, the page).",
        ),
        Reading(
            "text-copy",
            "a copy of DeepSeek's text",
            "Read in a copy of DeepSeek's text (a plain-text extraction or an excerpt), not in "
            "the original file.",
        ),
        Reading(
            "secondary",
            "a secondary report",
            "No DeepSeek document was read for it: the evidence is someone else's report.",
        ),
    )
}
RANK = {rid: i for i, rid in enumerate(READINGS)}  # best first
# A source's read_as -> the reading it gives a claim, when the source is DeepSeek's own.
FROM_READ_AS = {
    "original": "own-file",
    "text-copy": "text-copy",
    "excerpt": "text-copy",
    "secondary": "secondary",
}


@dataclass(frozen=True)
class ClaimReading:
    reading: Reading
    sources: tuple[Source, ...]  # the DeepSeek documents read that way (empty: none)


class Readings:
    """The reading of every claim, computed once per build (derived claims reuse inputs)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._done: dict[str, ClaimReading] = {}

    def of(self, claim: Claim) -> ClaimReading:
        return self._of(claim, set())

    def _of(self, claim: Claim, visiting: set[str]) -> ClaimReading:
        if claim.id in self._done:
            return self._done[claim.id]
        visiting.add(claim.id)
        ids = [*claim.source_ids(), *claim.checked]
        primary = [
            s for s in (self.kb.sources.get(i) for i in dict.fromkeys(ids)) if s and s.primary
        ]
        if primary:
            best = min(RANK[FROM_READ_AS.get(s.read_as, "secondary")] for s in primary)
            rid = list(READINGS)[best]
            read = tuple(s for s in primary if FROM_READ_AS.get(s.read_as, "secondary") == rid)
            result = ClaimReading(READINGS[rid], read)
        elif claim.derivation and not claim.sources:
            inputs = [self.kb.resolve(spec["claim"]) for spec in self._inputs(claim)]
            found = [
                self._of(c, visiting) for c in inputs if c is not None and c.id not in visiting
            ]
            worst = max(found, key=lambda r: RANK[r.reading.id], default=None)
            result = worst or ClaimReading(READINGS["secondary"], ())
        else:
            result = ClaimReading(READINGS["secondary"], ())
        visiting.discard(claim.id)
        self._done[claim.id] = result
        return result

    @staticmethod
    def _inputs(claim: Claim) -> list[dict[str, str]]:
        inputs = (claim.derivation or {}).get("inputs", {})
        return [spec for spec in inputs.values() if isinstance(spec, dict) and "claim" in spec]

    def relayed(self, claim: Claim) -> bool:
        """True when the claim is made by someone other than DeepSeek (a third party
        repeating or reporting a figure), so its status describes the figure, not the
        claimant."""
        makers = [self.kb.sources.get(i) for i in claim.source_ids("claims")]
        return bool(makers) and not any(s and s.primary for s in makers)

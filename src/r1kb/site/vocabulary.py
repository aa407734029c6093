"""What each status and verdict means: the one text behind badges, tooltips and methodology.

The ids come from r1kb.kb (STATUSES, VERDICTS), which the schema's enums mirror; a test
checks that every id has exactly one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from r1kb.kb import STATUSES, VERDICTS


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    icon: str  # a Material Design icon bundled with Material for MkDocs
    meaning: str  # one sentence: the tooltip
    decided: str  # how the knowledge base decides it (methodology page)
    relayed: str = ""  # the tooltip when someone other than DeepSeek makes the claim


STATUS_TERMS: dict[str, Term] = {
    t.id: t
    for t in (
        Term(
            "disclosed",
            "disclosed",
            "check-decagram",
            "DeepSeek states this figure in its own document (paper, technical report, model "
            "card, repository or official page).",
            "The claim cites a primary source (one of DeepSeek's own documents) with a locator "
            "and a verbatim quote; the validator refuses a `disclosed` claim without one and "
            "checks the quote against the source's text where a snapshot exists.",
            "The figure is in DeepSeek's own document; this claim is someone else's statement "
            "of it, checked against that document.",
        ),
        Term(
            "derived",
            "derived",
            "calculator-variant",
            "Computed from other claims by arithmetic: a formula over named input claims.",
            "The claim carries a formula over named input claims (and constants with units); "
            "every validation recomputes it with units and compares the result with the stated "
            "value within its tolerance.",
        ),
        Term(
            "estimated",
            "estimated",
            "approximately-equal",
            "A third party's estimate with a stated method.",
            "The claim states the method (formula, assumptions, who made it); an estimate "
            "without a method is speculative.",
        ),
        Term(
            "speculative",
            "speculative",
            "crystal-ball",
            "Asserted without a method or primary backing: a rumour, a guess, or a figure "
            "attached to the wrong model or scope.",
            "Anything asserted without DeepSeek's own document behind it for this model and "
            "scope, without arithmetic and without a stated method.",
        ),
        Term(
            "undisclosed",
            "undisclosed",
            "eye-off",
            "DeepSeek has not disclosed this figure: the record has no value and lists the "
            "primary documents that were checked.",
            "A record with no value that names the primary documents checked; it becomes "
            "`outdated` when a later disclosure gives the figure.",
        ),
    )
}

VERDICT_TERMS: dict[str, Term] = {
    t.id: t
    for t in (
        Term(
            "accurate",
            "accurate",
            "check-circle",
            "Holds up against the primary record.",
            "The figure agrees with DeepSeek's own documents for this model and scope (or, for "
            "an estimate, is consistent with them); two accurate claims about the same model, "
            "quantity and scope never disagree.",
        ),
        Term(
            "inaccurate",
            "inaccurate",
            "close-circle",
            "Wrong: the primary record, or the claim's own arithmetic, contradicts it.",
            "The primary record gives a different figure, or the claim's own formula recomputes "
            "to a different value (the arithmetic decides). It names the claims that correct it.",
        ),
        Term(
            "misleading",
            "misleading",
            "alert",
            "A true figure attached to the wrong model, stage or scope, or framed so that it "
            "misleads.",
            "The number exists in the primary record but not for what the claim says it is. "
            "It names the claims that correct it.",
        ),
        Term(
            "unsupported",
            "unsupported",
            "help-circle-outline",
            "Nothing in the primary record backs it (nor refutes it).",
            "Only speculative or estimated claims can be unsupported; it names the claims that "
            "show what is on record instead.",
        ),
        Term(
            "outdated",
            "outdated",
            "history",
            "True when it was said, overtaken by a later disclosure.",
            "The claim's history records the later disclosure; it names the claims that "
            "supersede it.",
        ),
    )
}

# Best first: which status answers "what is known" most firmly (disclosure matrix, headlines).
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}
MISCONCEPTION_VERDICTS = ("inaccurate", "misleading", "outdated")

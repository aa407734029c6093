"""What changed when: each primary disclosure with its date, the figures it put on record, the
gaps it closed and the misconceptions it answers, and the matrix as it stood then.

Everything comes from the records: a figure's first disclosure is the first `history` entry
that gives it a status of DeepSeek's own (disclosed, derived), else the earliest of DeepSeek's
documents behind it (a derived figure: the latest of its inputs); a gap closed is an
undisclosed record whose history turns it `outdated`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from r1kb.kb import Claim, KnowledgeBase
from r1kb.site.badges import status_badge, verdict_badge
from r1kb.site.components import block, claim_link, heading, link, source_link
from r1kb.site.context import SiteContext
from r1kb.site.disclosure import Disclosure, pad_date
from r1kb.site.escape import html_text
from r1kb.site.vocabulary import MISCONCEPTION_VERDICTS

PAGE = "timeline.md"
FOLDER = "timeline"
OWN = ("disclosed", "derived")
# Each snapshot is a whole matrix (quantities × models): at most this many, the dates that
# changed the most, so that the build stays linear in the number of documents.
MAX_SNAPSHOTS = 16


@dataclass
class Event:
    date: str  # as the sources give it ('2025-09-17', '2025-01', '2025')
    sources: list[str] = field(default_factory=list)
    figures: list[Claim] = field(default_factory=list)
    gaps: list[Claim] = field(default_factory=list)
    answers: list[Claim] = field(default_factory=list)

    @property
    def key(self) -> str:
        return pad_date(self.date)


def as_of_page(date: str) -> str:
    return f"{FOLDER}/{date}.md"


class Disclosures:
    """Which primary source first put each figure on record."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.dates = Disclosure(kb)
        self._first: dict[str, str | None] = {}

    def _primary(self, source_id: str) -> bool:
        s = self.kb.sources.get(source_id)
        return bool(s and s.primary)

    def first_source(self, claim: Claim) -> str | None:
        """The primary source that first gave the claim a status of DeepSeek's own."""
        if claim.id in self._first:
            return self._first[claim.id]
        self._first[claim.id] = None  # a cycle of derivations stops here
        found: str | None = None
        own = [h for h in claim.history if h.get("status") in OWN and h.get("source")]
        if own:
            found = str(own[0]["source"])
        elif claim.history:
            found = None  # never DeepSeek's own figure
        elif claim.status == "derived" and claim.derivation:
            firsts = [s for s in map(self.first_source, self.kb.inputs_of(claim)) if s]
            found = max(firsts, key=self._date, default=None)
        if found is None and not claim.history and claim.status in OWN:
            primary = [s for s in claim.source_ids() if self._primary(s)]
            found = min(primary, key=self._date, default=None)
        self._first[claim.id] = found if found in self.kb.sources else None
        return self._first[claim.id]

    def _date(self, source_id: str) -> str:
        return self.dates.source_date(source_id) or "9999"


def events(kb: KnowledgeBase) -> list[Event]:
    """One event per publication date of DeepSeek's own documents, oldest first."""
    by_date: dict[str, Event] = {}
    for s in sorted(kb.sources.values(), key=lambda s: (pad_date(s.published), s.id)):
        if s.primary and s.published:
            by_date.setdefault(s.published, Event(s.published)).sources.append(s.id)
    d = Disclosures(kb)

    def event_of(source_id: str | None) -> Event | None:
        s = kb.sources.get(source_id or "")
        return by_date.get(s.published) if s else None

    first_event: dict[str, Event] = {}
    for c in kb.live_claims():
        e = event_of(d.first_source(c)) if c.status in OWN else None
        if e is not None and c.verdict in ("accurate", "outdated"):
            e.figures.append(c)
            first_event[c.id] = e
        closing = [h for h in c.history if h.get("verdict") == "outdated"]
        if c.status == "undisclosed" and closing and (e := event_of(closing[0].get("source"))):
            e.gaps.append(c)
    for c in kb.live_claims():
        if c.verdict in MISCONCEPTION_VERDICTS and c.status != "undisclosed":
            fixes = {
                first_event[f].date: first_event[f]
                for f in c.related("corrected_by")
                if f in first_event
            }
            for e in fixes.values():
                e.answers.append(c)
    return sorted(by_date.values(), key=lambda e: e.key)


def snapshot_dates(all_events: list[Event]) -> set[str]:
    """The dates that get a matrix as it stood then: those that changed something, the
    MAX_SNAPSHOTS with the most changes."""
    changed = [e for e in all_events if e.figures or e.gaps]
    changed.sort(key=lambda e: (-(len(e.figures) + len(e.gaps)), e.key))
    return {e.date for e in changed[:MAX_SNAPSHOTS]}


def _figure_list(ctx: SiteContext, page: str, claims: Iterable[Claim]) -> str:
    items = "".join(
        f"<li>{html_text(ctx.model_alias(c.subject))} · {html_text(ctx.quantity_name(c.quantity))}"
        f": {claim_link(ctx, page, c, ctx.value_text(c))} {status_badge(c.status, compact=True)}"
        "</li>"
        for c in sorted(claims, key=lambda c: (ctx.model_alias(c.subject), c.quantity, c.id))
    )
    return f'<ul class="r1kb-timeline__figures">{items}</ul>'


def _event(ctx: SiteContext, e: Event, snapshot: bool) -> str:
    sources = "".join(
        f"<li>{source_link(ctx, PAGE, sid)} "
        f'<span class="r1kb-muted">({html_text(ctx.kb.sources[sid].kind)})</span></li>'
        for sid in e.sources
    )
    parts = [
        f'<li id="d-{html_text(e.date)}"><p><time>{html_text(e.date)}</time> '
        + (
            link(ctx, PAGE, as_of_page(e.date), "the matrix as it stood that day")
            if snapshot
            else ""
        )
        + "</p>",
        f"<ul>{sources}</ul>",
    ]
    n = len(e.figures)
    if n:
        parts.append(
            f"<details><summary>{n} figure{'s' * (n != 1)} first on record</summary>"
            f"{_figure_list(ctx, PAGE, e.figures)}</details>"
        )
    if e.gaps:
        gaps = "".join(
            f"<li>{claim_link(ctx, PAGE, c)} {verdict_badge('outdated', compact=True)}</li>"
            for c in e.gaps
        )
        parts.append(f"<p><strong>Gaps closed ({len(e.gaps)})</strong></p><ul>{gaps}</ul>")
    if e.answers:
        answers = "".join(
            f"<li>{claim_link(ctx, PAGE, c)} {verdict_badge(c.verdict)}</li>" for c in e.answers
        )
        parts.append(
            f"<p><strong>Misconceptions it answers ({len(e.answers)})</strong></p>"
            f"<ul>{answers}</ul>"
        )
    if not (n or e.gaps or e.answers):
        parts.append('<p class="r1kb-muted">No figure on record is first given here.</p>')
    return "".join(parts) + "</li>"


def render(ctx: SiteContext, all_events: list[Event] | None = None) -> str:
    all_events = events(ctx.kb) if all_events is None else all_events
    out = [heading(1, "What changed when")]
    matrix = link(ctx, PAGE, "matrix.md", "disclosure matrix")
    out.append(
        block(
            "<p>Each of DeepSeek's own documents, by the date it was published: the figures "
            "first on record there, the gaps it closed (records of what DeepSeek had not "
            "disclosed, which it then did), and the misconceptions whose correction it gave. "
            f"Each date that changed the record links to the {matrix} as it stood that day "
            f"(the {MAX_SNAPSHOTS} that changed it most, at most). A date given only as a "
            "year or a month counts as its last day.</p>",
            "r1kb-intro",
        )
    )
    shots = snapshot_dates(all_events)
    items = "".join(_event(ctx, e, e.date in shots) for e in all_events)
    out.append(block(f'<ol class="r1kb-timeline">{items}</ol>'))
    return "".join(out)

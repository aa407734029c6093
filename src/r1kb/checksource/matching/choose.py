"""Each candidate's readings judged against the knowledge base, and one chosen.

The first reading (the nearest evidence) stands unless it conflicts or is new and the text
allows another that the knowledge base recognises (agrees with, or knows as a misconception):
that one wins. Which others are tried depends on how sure the first is and on the figure: the
unit's other quantities when no term decided the quantity (a precise figure only), the models
named nearby when the model is only carried over, a quantity recorded only as a range for a
figure too loose to be one model's value. A figure no model is named for is reported only
under a reading the knowledge base recognises, or, when the model named nearest before it is
told the figure is another's, as misattributed. Loose figures (a bare date, "in the billions",
"10x") only when recognised.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from r1kb.checksource.attribution.readings import (
    ITS_RECORD,
    NEARBY_RECOGNISED,
    NEAREST_BEFORE,
    Readings,
)
from r1kb.checksource.attribution.walk import Stream
from r1kb.checksource.matching.match import Judgement, Matcher, Value

RECOGNISED = ("agrees", "known-misconception")
_RETRIED = ("conflicts", "new")  # outcomes another reading is tried for
KB_READING = "the reading the knowledge base recognises"


@dataclass
class Choice:
    readings: Readings
    judgement: Judgement
    how: str  # what decided the model
    basis: str  # what decided the quantity
    switched: str | None = None  # the model the text turned out to be about

    @property
    def value(self) -> object:
        return self.judgement.value.as_json()

    @property
    def unit(self) -> str:
        return self.judgement.value.unit


def match(readings: Stream, matcher: Matcher) -> list[Choice]:
    """The chosen reading of every candidate that has one, in the order attribution read them
    (a candidate read again keeps its place and takes its new choice)."""
    chosen: dict[tuple[int, int], Choice | None] = {}
    try:
        r = next(readings)
        while True:
            c = choose(r, matcher)
            chosen[r.key] = c
            r = readings.send(c)
    except StopIteration:
        pass
    return [c for c in chosen.values() if c is not None]


def choose(r: Readings, matcher: Matcher) -> Choice | None:
    first = r.first
    if first is None:
        return _unattributed(r, matcher)
    j = matcher.judge(r.raw, first.model, first.quantity, first.strong)
    if j is None:
        return None
    reading, switched = first, r.switch
    better = None
    precise = j.value.precise
    outcome = j.outcome
    # a model named only in an earlier clause may be told the figure is another's only when
    # no model named nearby owns it ("198 hours for R1-Zero, then 80 hours more")
    retry = outcome in _RETRIED or (outcome == "misattributed" and r.earlier_clause)
    if retry and (precise or _stated_range(j.value)):
        # another quantity of the unit when no term decided it, or when the knowledge base holds
        # nothing on the one a term named; but a range's reading of another quantity proves
        # nothing (it contains many values): only the same quantity for another model nearby
        siblings = precise and (not first.strong or j.outcome == "new")
        others = () if r.strong_model else r.others()
        for other in chain(r.siblings() if siblings else (), others):
            found = matcher.judge(r.raw, other.model, other.quantity, other.strong)
            if found is not None and found.outcome in RECOGNISED and not _open_bounds(found):
                better = found
                if better.model != first.model and not r.strong_model:
                    switched = better.model
                j, reading = better, other
                break
    if better is None and not precise and j.outcome in _RETRIED:
        for other in r.ranges():
            ranged = matcher.judge(r.raw, other.model, other.quantity, other.strong)
            if ranged is not None and ranged.outcome in RECOGNISED:
                j, reading = ranged, other
                break
    if r.only_if_recognised and j.outcome not in RECOGNISED:
        return None
    how = r.how if j.model == first.model else KB_READING
    return Choice(r, j, how, reading.basis, switched)


def _unattributed(r: Readings, matcher: Matcher) -> Choice | None:
    nearest: Choice | None = None
    last = None  # a reading of the figure: its quantity is the one any model's would have
    for reading in r.nearby():
        last = reading
        j = matcher.judge(r.raw, reading.model, reading.quantity, reading.strong)
        if j is None:
            continue
        if j.outcome in RECOGNISED and not _open_bounds(j):
            return Choice(r, j, NEARBY_RECOGNISED, reading.basis)
        if reading.model == r.nearest and j.outcome == "misattributed":
            nearest = Choice(r, j, NEAREST_BEFORE, reading.basis)
    if nearest is not None:
        return nearest  # no reading agrees: the nearest model is told whose figure it is
    # no model named anywhere: the one model whose record it agrees with, if only one does
    agreeing = []
    for reading in r.of_records(last) if last is not None else ():
        j = matcher.judge(r.raw, reading.model, reading.quantity, reading.strong)
        if j is not None and j.outcome == "agrees" and not _open_bounds(j):
            agreeing.append(Choice(r, j, ITS_RECORD, reading.basis))
    if not agreeing:
        return None  # (no record agrees: no owner)
    owner = _one_lineage({c.judgement.model for c in agreeing}, matcher)
    return next((c for c in agreeing if c.judgement.model == owner), None)


def _one_lineage(models: set[str], matcher: Matcher) -> str | None:
    """The one model of these, or the one the others are all built on (a pre-training figure
    agrees with V3-Base's record and with V3's, which takes it over): None when they are
    models apart (a figure that fits two lines of models does not say which it is)."""
    for model in models:
        if all(model in matcher.kb.weights_lineage(other) for other in models):
            return model
    return None


def _stated_range(v: Value) -> bool:
    """Both bounds written out ("1.5B to 70B"): a range no vaguer than its words, which another
    model named nearby may own as its record of that range."""
    return (
        not v.vague
        and v.bound is None
        and v.low is not None
        and v.high is not None
        and (v.low < v.high)
    )


def _open_bounds(j: Judgement) -> bool:
    """Agreement only with claims that bound the value on one side ("less than two months"):
    any small figure fits them, so such a reading is not evidence of what the figure is about."""
    return j.outcome == "agrees" and all(
        isinstance(c.value, dict) and (c.value.get("low") is None or c.value.get("high") is None)
        for c in j.claims
    )

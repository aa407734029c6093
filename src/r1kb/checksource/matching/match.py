"""A figure against the knowledge base: agrees, conflicts, known-misconception, misattributed, new.

A stated number stands for every value that rounds to it ("$5.6M": 5.55-5.65M; "$6M": 5.5-6.5M,
never looser than ±10 %); "under $6M" for a value just under it (5-6M), "over X" just over it;
magnitude words for their literal range ("tens or hundreds of billions": 10B-1T). An accurate
claim agrees when its value lies in that range (or, for a ranged claim, when the figure lies in
its range or states the same bounds); a claim judged wrong matches when it states the same figure,
and wins over agreement when the figure is only a vague range.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from r1kb.capped import CappedDict
from r1kb.checksource.candidates.extract import Raw
from r1kb.checksource.matching.exchange import Conversion, Exchange
from r1kb.kb import Claim, KnowledgeBase
from r1kb.units import UnitError, UnitSystem

OUTCOMES = ("agrees", "conflicts", "known-misconception", "misattributed", "new")
_INF = math.inf
_JUDGED_MAX = 20_000  # judgements kept for figures said again (a matcher serves many articles)


@dataclass
class Value:
    unit: str
    low: float | None = None  # as stated, in unit
    high: float | None = None
    lo: float = -_INF  # every value the figure can stand for
    hi: float = _INF
    dates: tuple[str, str] | None = None
    vague: bool = False
    bound: str | None = None

    @property
    def precise(self) -> bool:
        """Narrow enough to tell one model's figure from another's."""
        if self.dates:
            return True
        return not self.vague and self.lo > 0 and self.hi < _INF and self.hi / self.lo <= 2.5

    def as_json(self) -> object:
        if self.dates:
            first, last = self.dates
            return first if first == last else first[:7]
        if self.low is not None and self.low == self.high and self.bound not in ("upper", "lower"):
            return _plain(self.low)
        if self.bound == "upper":
            return {"high": _plain(self.high if self.high is not None else self.low)}
        if self.bound == "lower":
            return {"low": _plain(self.low)}
        out = {}
        if self.low is not None:
            out["low"] = _plain(self.low)
        if self.high is not None:
            out["high"] = _plain(self.high)
        return out


def _plain(x: float | None) -> float | int | None:
    if x is None:
        return None
    x = float(f"{x:.6g}")
    return int(x) if x.is_integer() and abs(x) < 1e18 else x


def value_of(raw: Raw, unit: str, units: UnitSystem) -> Value | None:
    """The figure in `unit` with the range of values it stands for; None if incompatible."""
    if raw.unit == "date":
        return Value("date", dates=raw.dates) if unit == "date" else None
    src = raw.unit or unit
    if src == "samples" and unit == "sequences":
        src = unit
    try:

        def conv(x: float | None) -> float | None:
            return None if x is None else units.convert(x, src, unit)

        low, high = conv(raw.low), conv(raw.high)
        step = abs(conv(raw.step) or 0.0) if raw.step else 0.0
    except UnitError:
        return None
    except Exception:  # pint dimensionality errors
        return None
    v = Value(unit, low, high, vague=raw.vague, bound=raw.bound)
    if raw.vague:
        v.lo = low if low is not None else -_INF
        v.hi = high if high is not None else _INF
        return v
    x = low if low is not None else 0.0
    if raw.bound == "upper":
        v.lo, v.hi = x - min(step or 0.25 * abs(x), 0.25 * abs(x)), x
    elif raw.bound == "lower":
        v.lo, v.hi = x, x + min(step or 0.25 * abs(x), 0.25 * abs(x))
    else:
        top = high if high is not None else x

        def half(y: float) -> float:
            h = max(min(step / 2, 0.1 * abs(y)), 0.005 * abs(y))
            return max(h, 0.02 * abs(y)) if raw.bound == "approx" else h

        v.lo, v.hi = x - half(x), top + half(top)
    return v


_UNJUDGED = object()  # no judgement kept yet (None is a judgement: no comparable value)


def judged_key(raw: Raw) -> tuple[object, ...]:
    """What of a figure `value_of` reads: figures equal in these are judged alike."""
    return (raw.unit, raw.low, raw.high, raw.step, raw.bound, raw.vague, raw.dates)


@dataclass
class Judgement:
    outcome: str
    model: str
    quantity: str
    value: Value
    claims: list[Claim] = field(default_factory=list)  # the matched claims
    corrections: list[Claim] = field(default_factory=list)  # what corrects the figure
    related: list[Claim] = field(default_factory=list)  # e.g. undisclosed records
    # accurate claims in a unit the figure's does not convert to (no exchange rate on record)
    incomparable: list[Claim] = field(default_factory=list)
    # claims read in the figure's currency through exchange rates, by claim id
    conversions: dict[str, Conversion] = field(default_factory=dict)


class Matcher:
    def __init__(self, kb: KnowledgeBase, exclude_sources: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.units = UnitSystem(kb.units)
        self.exchange = Exchange(kb, self.units)
        self.index: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.by_quantity: dict[str, list[Claim]] = defaultdict(list)
        # (the figure's value, model, quantity, strength) -> its judgement: a figure said again
        # ("671B parameters" in every section) is judged once; nothing changes a judgement
        self._judged: CappedDict[tuple[object, ...], Judgement | None] = CappedDict(_JUDGED_MAX)
        for c in kb.live_claims():
            makers = {e.source for e in c.sources if e.role == "claims"}
            if makers and makers <= exclude_sources:
                continue
            self.index[(c.subject, c.quantity)].append(c)
            self.by_quantity[c.quantity].append(c)

    def lineage(self, model: str) -> list[str]:
        """The model and the models whose weights it starts from (not across distillation)."""
        return self.kb.weights_lineage(model)

    def inherited(self, quantity: str) -> bool:
        """A model shares its base model's figure (architecture, pre-training: the data's
        `inherited`, always for the parameters and architecture groups)."""
        q = self.kb.quantities.get(quantity)
        return q is not None and q.shared_with_base

    def unit_of(self, quantity: str) -> str:
        return self.kb.quantities[quantity].unit

    def _interval(self, c: Claim, unit: str) -> tuple[float, float] | str | None:
        if c.unit == "date" or unit == "date":
            return c.value if isinstance(c.value, str) and unit == "date" == c.unit else None
        if c.value is None or isinstance(c.value, str) or not self.units.is_numeric(c.unit):
            return None
        try:
            if isinstance(c.value, dict):
                lo, hi = c.value.get("low"), c.value.get("high")
                return (
                    -_INF if lo is None else self.units.convert(lo, c.unit, unit),
                    _INF if hi is None else self.units.convert(hi, c.unit, unit),
                )
            x = self.units.convert(float(c.value), c.unit, unit)
        except Exception:  # UnitError or a pint dimensionality error: not comparable
            return None
        return (x, x)

    def consistent(self, v: Value, c: Claim) -> bool:
        """An accurate claim the figure agrees with."""
        iv = self._interval(c, v.unit)
        if iv is None:
            return self._meets_converted(v, c)
        if isinstance(iv, str):
            return v.dates is not None and _within_dates(iv, v.dates)
        lo, hi = iv
        if lo == hi:
            return v.lo <= lo <= v.hi or _binary_k(v, lo)
        return (lo <= v.lo and v.hi <= hi) or self._same_bounds(v, iv)

    def same(self, v: Value, c: Claim) -> bool:
        """A claim that states the same figure."""
        iv = self._interval(c, v.unit)
        if iv is None:
            return not v.vague and self._meets_converted(v, c, same=True)
        if isinstance(iv, str):
            return v.dates is not None and _within_dates(iv, v.dates) and v.precise
        lo, hi = iv
        if lo == hi:
            return not v.vague and v.lo <= lo <= v.hi
        return self._same_bounds(v, iv)

    def _meets_converted(self, v: Value, c: Claim, same: bool = False) -> bool:
        """A claim in another currency whose value, at the rates on record near its date,
        meets the figure's: a single value's span overlaps the figure's; a range contains it
        (but a wrong claim's bounds are no figure to restate: `same` never meets a range)."""
        conv = self.exchange.convert(c, v.unit)
        if conv is None or v.dates:
            return False
        if isinstance(c.value, dict):
            return not same and conv.low <= v.lo and v.hi <= conv.high
        return v.lo <= conv.high and conv.low <= v.hi

    @staticmethod
    def _same_bounds(v: Value, iv: tuple[float, float]) -> bool:
        lo, hi = iv
        if v.vague:
            return _close(v.lo, lo) and _close(v.hi, hi)
        if v.bound == "upper":
            return lo == -_INF and v.hi <= hi <= v.hi * 1.005 + 1e-12
        if v.bound == "lower":
            return hi == _INF and v.lo * 0.995 - 1e-12 <= lo <= v.lo
        return (
            v.low is not None
            and v.high is not None
            and v.low != v.high
            and (_close(v.low, lo) and _close(v.high, hi))
        )

    def judge(
        self, raw: Raw, model: str, quantity: str, strong_quantity: bool = True
    ) -> Judgement | None:
        """The figure's judgement as the model's quantity; the same object for a figure of the
        same value judged again in the same reading (the figure enters only through
        `value_of`, which reads no more of it than `judged_key` holds)."""
        key = (*judged_key(raw), model, quantity, strong_quantity)
        found = self._judged.get(key, _UNJUDGED)
        if found is not _UNJUDGED:
            return found  # type: ignore[return-value]
        return self._judged.keep(key, self._judge_anew(raw, model, quantity, strong_quantity))

    def _judge_anew(
        self, raw: Raw, model: str, quantity: str, strong_quantity: bool
    ) -> Judgement | None:
        j = self._judge(raw, model, quantity, strong_quantity)
        if j is not None and j.value.unit in self.exchange.currencies:
            for c in [*j.claims, *j.corrections]:
                if c.id not in j.conversions and self._interval(c, j.value.unit) is None:
                    conv = self.exchange.convert(c, j.value.unit)
                    if conv is not None:
                        j.conversions[c.id] = conv
        return j

    def _judge(
        self, raw: Raw, model: str, quantity: str, strong_quantity: bool
    ) -> Judgement | None:
        unit = self.unit_of(quantity)
        v = value_of(raw, unit, self.units)
        if v is None:
            v = value_of(raw, raw.unit or unit, self.units)
            if v is None:
                return None
        own = [c for c in self.index[(model, quantity)] if c.value is not None]
        accurate = [c for c in own if c.verdict == "accurate"]
        family = {model}
        if not accurate and self.inherited(quantity):
            family = set(self.lineage(model))
            for ancestor in self.lineage(model)[1:]:
                accurate = [
                    c
                    for c in self.index[(ancestor, quantity)]
                    if c.verdict == "accurate" and c.value is not None
                ]
                if accurate:
                    break
        # figures in a unit that does not convert (USD against yuan: no exchange rate on record)
        unconverted = [
            c for c in accurate if c.value is not None and self._interval(c, v.unit) is None
        ]
        conversions = {
            c.id: conv for c in unconverted if (conv := self.exchange.convert(c, v.unit))
        }
        incomparable = [c for c in unconverted if c.id not in conversions]
        accurate = [c for c in accurate if c not in incomparable]
        j = Judgement("new", model, quantity, v, conversions=conversions)
        agree = [c for c in accurate if self.consistent(v, c)]
        wrong = [c for c in own if c.verdict != "accurate" and self.same(v, c)]
        # a vague range that merely contains the right value ("billions") is judged by the
        # record of that very statement when the knowledge base has one
        if agree and not (wrong and not v.precise):
            j.outcome, j.claims = "agrees", agree
            return j
        if wrong:
            j.outcome, j.claims = "known-misconception", wrong
            j.corrections = self._corrections(wrong)
            return j
        if v.precise:
            elsewhere = [
                c for c in self.by_quantity[quantity]
                if c.subject not in family and c.verdict == "accurate" and self.consistent(v, c)
            ]  # fmt: skip
            if strong_quantity is False:
                elsewhere = [c for c in elsewhere if c.subject != model]
            if elsewhere:
                j.outcome, j.claims, j.corrections = "misattributed", elsewhere, accurate
                return j
        if accurate:
            j.outcome, j.claims, j.corrections = "conflicts", accurate, accurate
            return j
        other = self._other_benchmark(v, model, quantity)
        if other:  # the model's score on another benchmark, given for this one
            j.outcome, j.claims = "misattributed", other
            return j
        j.related = [c for c in self.index[(model, quantity)] if c.value is None]
        j.incomparable = incomparable
        return j

    def _other_benchmark(self, v: Value, model: str, quantity: str) -> list[Claim]:
        """The model's accurate scores on other benchmarks that equal a score stated to its
        decimals ("79.8%", not "80%": a round number matches too much by chance)."""
        q = self.kb.quantities.get(quantity)
        if q is None or q.group != "benchmark" or v.vague or v.bound:
            return []
        if v.low is None or v.low != v.high or float(v.low).is_integer():
            return []
        return [
            c
            for qid, other in self.kb.quantities.items()
            if qid != quantity and other.group == "benchmark" and other.unit == q.unit
            for c in self.index[(model, qid)]
            if c.verdict == "accurate"
            and isinstance(c.value, (int, float))
            and c.unit == v.unit
            and round(float(c.value), 3) == round(v.low, 3)
        ]

    def _corrections(self, claims: list[Claim]) -> list[Claim]:
        out: dict[str, Claim] = {}
        for c in claims:
            for cid in c.related("corrected_by"):
                target = self.kb.resolve(cid)
                if target is not None:
                    out[target.id] = target
        return list(out.values())


def _within_dates(day: str, dates: tuple[str, str]) -> bool:
    """A recorded ISO day within the figure's dates; a year-less figure ("--01-20", from
    "January 20"; "--01", from "January") matches the same month (and day) of any year."""
    if dates[0].startswith("--"):
        return day[4:].startswith(dates[0][1:])
    return dates[0] <= day <= dates[1]


def _binary_k(v: Value, x: float) -> bool:
    """Token lengths written "128K" mean 128,000 or 131,072 (128 × 1,024): an article's 131,072
    agrees with a record of "128K" as 128,000, and the other way round."""
    if v.unit != "tokens" or not 1_000 <= x < 1e8:
        return False
    if x % 1000 == 0 and v.lo <= x / 1000 * 1024 <= v.hi:
        return True
    return x % 1024 == 0 and v.lo <= x / 1024 * 1000 <= v.hi


def _close(a: float, b: float) -> bool:
    if a == b:
        return True
    if math.isinf(a) or math.isinf(b):
        return False
    return abs(a - b) <= 0.005 * max(abs(a), abs(b))

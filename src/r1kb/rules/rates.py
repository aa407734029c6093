"""Exchange rates (data/exchange-rates.yaml): two currencies, a known source, a quote
that states the rate."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.checksource.candidates.quoted import stated_numbers
from r1kb.paths import ID_RE, display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.rules.references import is_future, is_real_date


def exchange_rates(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    qfile = display_path(ctx.loaded.data_dir / "exchange-rates.yaml")
    seen: set[str] = set()
    for i, rate in enumerate(kb.exchange_rates):
        at = ("exchange_rates", i)
        if not ID_RE.fullmatch(rate.id):
            yield problem(
                qfile, "bad-id", f"rate id {rate.id!r} is not a kebab-case id", (*at, "id")
            )
        if rate.id in seen:
            yield problem(
                qfile, "bad-exchange-rate", f"rate id {rate.id!r} is used twice", (*at, "id")
            )
        seen.add(rate.id)
        yield from _currencies(ctx, qfile, rate.unit, rate.per, at)
        if rate.source not in ctx.loaded.present_source_ids:
            yield problem(
                qfile,
                "unknown-source",
                f"source {rate.source!r} has no file in data/sources",
                (*at, "source"),
            )
        if not any(abs(x - rate.value) <= 1e-9 * rate.value for x in stated_numbers(rate.quote)):
            yield problem(
                qfile,
                "rate-not-quoted",
                f"the quote does not state {rate.value:g}",
                (*at, "quote"),
                hint="quote the source's words that give the rate, or correct `value`",
            )
        if not is_real_date(rate.date):
            yield problem(qfile, "bad-date", f"{rate.date!r} is not a real date", (*at, "date"))
        elif is_future(rate.date):
            yield problem(qfile, "date-in-future", f"{rate.date} is in the future", (*at, "date"))


def _currencies(
    ctx: Context, qfile: str, unit: str, per: str, at: tuple[str | int, ...]
) -> Iterator[Problem]:
    units = ctx.kb.units
    if not units:
        return  # quantities.yaml did not load: reported there, not once per rate
    for field, uid in (("unit", unit), ("per", per)):
        if uid not in units:
            yield problem(qfile, "unknown-unit", f"unit {uid!r} is not defined", (*at, field))
    if unit not in units or per not in units:
        return
    if unit == per or not (units[unit].currency and units[per].currency):
        yield problem(
            qfile,
            "bad-exchange-rate",
            f"{unit} per {per}: a rate needs two different currencies (units marked "
            "`currency: true` in quantities.yaml)",
            (*at, "per"),
        )
    elif ctx.units.compatible(unit, per):
        yield problem(
            qfile,
            "bad-exchange-rate",
            f"{unit} and {per} already convert into each other: no rate is needed",
            (*at, "per"),
        )


RULES = [exchange_rates]

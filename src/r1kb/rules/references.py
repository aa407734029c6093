"""Every reference resolves; units fit quantities; values have the right kind."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from r1kb.kb import RELATION_KINDS, Claim
from r1kb.paths import display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.snapshots import safe_snapshot_name

SECONDARY_KINDS = {
    "press",
    "interview",
    "analyst-report",
    "research-estimate",
    "encyclopedia",
    "blog",
    "content-farm",
    "forum",
}


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PERIOD = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2}))?")


def is_iso_date(text: str) -> bool:
    """A calendar day written YYYY-MM-DD (not "2025-W09-5", a week date Python also reads)."""
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_real_date(text: str) -> bool:
    """A day, a month or a year that exists: YYYY-MM-DD, YYYY-MM or YYYY, never month 13, month 0
    or year 0."""
    if is_iso_date(text):
        return True
    m = _PERIOD.fullmatch(text) if isinstance(text, str) else None
    return m is not None and int(m["y"]) >= 1 and (m["m"] is None or 1 <= int(m["m"]) <= 12)


def vocabularies(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    models_file = display_path(ctx.loaded.data_dir / "models.yaml")
    for model in kb.models.values():
        for i, d in enumerate(model.derived_from):
            if d["model"] not in kb.models:
                yield problem(
                    models_file,
                    "unknown-model",
                    f"{d['model']!r} is not a model id",
                    ("models", model.id, "derived_from", i, "model"),
                )
    qfile = display_path(ctx.loaded.data_dir / "quantities.yaml")
    for q in kb.quantities.values():
        if q.unit not in kb.units:
            yield problem(
                qfile,
                "unknown-unit",
                f"unit {q.unit!r} is not defined under `units`",
                ("quantities", q.id, "unit"),
            )
        if q.refines is not None and q.refines not in kb.quantities:
            yield problem(
                qfile,
                "unknown-quantity",
                f"`refines` names {q.refines!r}, which is not a quantity id",
                ("quantities", q.id, "refines"),
            )
    if any(u.numeric for u in kb.units.values()):
        ctx.units.registry  # noqa: B018 - defines every unit, collecting errors
        for uid, message in sorted(ctx.units.errors.items()):
            yield problem(qfile, "bad-unit-definition", message, ("units", uid, "definition"))


def claim_fields(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    # A vocabulary file that did not load (no models, no quantities: the schema asks for at
    # least one) is reported on its own; its ids are not reported missing once per claim.
    for c in kb.claims.values():
        yield from _other_dates(c)
        yield from _magnitudes(c)
        if kb.models and c.subject not in kb.models:
            yield problem(
                c.file,
                "unknown-model",
                f"{c.subject!r} is not a model in models.yaml",
                ("subject",),
            )
        if not kb.quantities:
            continue
        quantity = kb.quantities.get(c.quantity)
        if quantity is None:
            yield problem(
                c.file,
                "unknown-quantity",
                f"{c.quantity!r} is not a quantity in quantities.yaml",
                ("quantity",),
                hint="add it to data/quantities.yaml or use an existing id",
            )
        yield from _constant_units(ctx, c)
        if c.unit not in kb.units and c.unit != "1":
            yield problem(c.file, "unknown-unit", f"unit {c.unit!r} is not defined", ("unit",))
            continue
        if (
            quantity is not None
            and quantity.unit in kb.units
            and not ctx.units.compatible(c.unit, quantity.unit)
            and not (ctx.units.broken(c.unit) or ctx.units.broken(quantity.unit))
        ):  # (a unit that cannot be defined is reported once, at its definition)
            yield problem(
                c.file,
                "unit-mismatch",
                f"unit {c.unit!r} does not fit quantity {c.quantity!r} (unit {quantity.unit!r})",
                ("unit",),
            )
        yield from _value_kind(ctx, c)


def _constant_units(ctx: Context, c: Claim) -> Iterator[Problem]:
    for name, spec in ((c.derivation or {}).get("inputs") or {}).items():
        unit = spec.get("unit")
        if unit is not None and unit != "1" and unit not in ctx.kb.units:
            yield problem(
                c.file,
                "unknown-unit",
                f"unit {unit!r} of input {name!r} is not defined",
                ("derivation", "inputs", name, "unit"),
            )


# The magnitudes a figure can have: beyond any quantity of the knowledge base (training compute
# is ~3e24 FLOP) on either side. 5e-324 and 1.7e308 validated, then broke the site's charts (a
# logarithm of 0, a tick of 10^309) and a unit conversion ran to infinity.
MAX_MAGNITUDE = 1e30
MIN_MAGNITUDE = 1e-30


def beyond_magnitude(v: object) -> bool:
    """A number of a size no figure has (0 and anything not a number aside)."""
    if isinstance(v, bool) or not isinstance(v, int | float) or v == 0:
        return False
    return not MIN_MAGNITUDE <= abs(v) <= MAX_MAGNITUDE


def _magnitudes(c: Claim) -> Iterator[Problem]:
    value = c.value
    pairs: list[tuple[tuple[str, ...], object]] = [(("value",), value)]
    if isinstance(value, dict):
        pairs = [(("value", k), value.get(k)) for k in ("low", "high")]
    for parts, v in pairs:
        if beyond_magnitude(v):
            yield problem(
                c.file,
                "value-out-of-range",
                f"{v:g} is beyond any figure's size (between {MIN_MAGNITUDE:g} and "
                f"{MAX_MAGNITUDE:g}, or 0)",
                parts,
                hint="check the unit: a figure this large or small is one in another unit",
            )


def _other_dates(c: Claim) -> Iterator[Problem]:
    """History and withdrawal dates (the schema checks their shape, not that they exist)."""
    dated = [(("history", i, "date"), h["date"]) for i, h in enumerate(c.history)]
    if c.withdrawn is not None:
        dated.append((("withdrawn", "date"), c.withdrawn["date"]))
    for parts, value in dated:
        if not is_iso_date(value):
            yield problem(c.file, "bad-date", f"{value!r} is not a real date", parts)
        elif is_future(value):
            yield _future(c.file, value, parts)


def is_future(value: str) -> bool:
    """After tomorrow (UTC): a record cannot tell what has not happened yet (a day of slack
    for time zones)."""
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if is_iso_date(value):
        return dt.date.fromisoformat(value) > tomorrow
    if not is_real_date(value):
        return False
    first = dt.date(int(value[:4]), int(value[5:7]) if len(value) > 4 else 1, 1)
    return first > tomorrow  # a month or a year that has not begun


def _future(file: str, value: str, parts: tuple[str | int, ...]) -> Problem:
    return problem(
        file,
        "date-in-future",
        f"{value} is in the future",
        parts,
        hint="give the date the event happened (YYYY-MM-DD)",
    )


def _value_kind(ctx: Context, c: Claim) -> Iterator[Problem]:
    value = c.value
    if value is None:
        return
    # The unit's kind comes from its definition, not its id: a unit `label` defined as
    # `text` takes text, whatever it is called.
    defined = ctx.kb.units.get(c.unit)
    unit = defined.definition if defined is not None and not defined.numeric else c.unit
    if unit == "date":
        if not isinstance(value, str) or len(value) != 10 or value[4] != "-":
            yield problem(
                c.file,
                "value-kind-mismatch",
                f"a date value is a quoted ISO date (YYYY-MM-DD), not {value!r}",
                ("value",),
            )
        elif not is_iso_date(value):
            yield problem(c.file, "bad-date", f"{value!r} is not a real date", ("value",))
        elif is_future(value):
            yield _future(c.file, value, ("value",))
    elif unit == "text":
        if not isinstance(value, str):
            yield problem(
                c.file,
                "value-kind-mismatch",
                f"a text quantity takes a short string, not {value!r}",
                ("value",),
            )
    elif isinstance(value, str):
        yield problem(
            c.file,
            "value-kind-mismatch",
            f"{value!r} is a string but unit {c.unit!r} is numeric: write a plain number "
            'in the base unit (671000000000, not "671B")',
            ("value",),
        )
    elif isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None and low > high:
            yield problem(c.file, "bad-range", f"low {low} is above high {high}", ("value",))


def source_references(ctx: Context) -> Iterator[Problem]:
    known = ctx.loaded.present_source_ids
    for c in ctx.kb.claims.values():
        for i, e in enumerate(c.sources):
            if e.source not in known:
                yield problem(
                    c.file,
                    "unknown-source",
                    f"source {e.source!r} has no file in data/sources",
                    ("sources", i, "source"),
                )
        for i, sid in enumerate(c.checked):
            if sid not in known:
                yield problem(
                    c.file,
                    "unknown-source",
                    f"source {sid!r} has no file in data/sources",
                    ("checked", i),
                )
        for i, h in enumerate(c.history):
            if "source" in h and h["source"] not in known:
                yield problem(
                    c.file,
                    "unknown-source",
                    f"source {h['source']!r} has no file in data/sources",
                    ("history", i, "source"),
                )


def claim_references(ctx: Context) -> Iterator[Problem]:
    for c in ctx.kb.claims.values():
        refs: list[tuple[tuple[str | int, ...], str]] = []
        for kind in RELATION_KINDS:
            refs += [(("relations", kind, i), t) for i, t in enumerate(c.related(kind))]
        for name, spec in ((c.derivation or {}).get("inputs") or {}).items():
            if "claim" in spec:
                refs.append((("derivation", "inputs", name, "claim"), spec["claim"]))
        if c.withdrawn and "replaced_by" in c.withdrawn:
            refs.append((("withdrawn", "replaced_by"), c.withdrawn["replaced_by"]))
        for parts, target in refs:
            if ctx.kb.current_id(target) == c.id:
                via = "" if target == c.id else f" (through the redirect {target!r})"
                yield problem(
                    c.file, "self-reference", f"a claim cannot refer to itself here{via}", parts
                )
            elif not ctx.claim_exists(target):
                yield problem(
                    c.file, "unknown-claim", f"claim {target!r} has no file in data/claims", parts
                )


def _url_key(url: str) -> str:
    """A URL as a reader would tell it apart: no fragment, no trailing slash, host in lower
    case, http and https alike."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "https://[::1/x": no URL to compare (see `sources`)
        return url.strip()
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower().removeprefix('www.')}{path}{query}"


def _unreadable_url(url: object) -> str:
    """Why the URL cannot be parsed ("Invalid IPv6 URL"), or "" when it can (or is absent)."""
    if not isinstance(url, str):
        return ""
    try:
        urlsplit(url.strip())
    except ValueError as exc:
        return str(exc)
    return ""


def duplicate_sources(ctx: Context) -> Iterator[Problem]:
    """Two records for one document split its claims and its quotes; two revisions of a
    document (each naming its `revision`) are not duplicates."""
    by_url: dict[str, list[str]] = defaultdict(list)
    for sid in sorted(ctx.kb.sources):
        s = ctx.kb.sources[sid]
        if s.url:
            by_url[_url_key(s.url)].append(sid)
    for ids in by_url.values():
        first = ctx.kb.sources[ids[0]]
        for sid in ids[1:]:
            s = ctx.kb.sources[sid]
            if s.revision and first.revision and s.revision != first.revision:
                continue
            yield problem(
                s.file,
                "duplicate-source",
                f"source {first.id!r} has the same URL",
                ("url",),
                hint="cite the existing source, or name each version in `revision`",
            )


def sources(ctx: Context) -> Iterator[Problem]:
    for s in ctx.kb.sources.values():
        if s.primary and s.kind in SECONDARY_KINDS:
            yield problem(
                s.file,
                "primary-kind-mismatch",
                f"a {s.kind} is not DeepSeek's own document: set primary: false",
                ("primary",),
            )
        for key in ("url", "archive_url"):
            why = _unreadable_url(getattr(s, key, None))
            if why:
                yield problem(
                    s.file, "invalid-url", f"not a URL a browser can follow: {why}", (key,)
                )
        if s.snapshot is not None and not safe_snapshot_name(s.snapshot):
            yield problem(
                s.file,
                "schema-bad-value",
                f"{s.snapshot!r} is not a plain file name in a snapshot directory",
                ("snapshot",),
                hint="letters, digits, '_', '.' and '-' only; no folder, no '..'",
            )
        for key in ("published", "accessed"):
            value = getattr(s, key)
            if value and not is_real_date(value):
                yield problem(s.file, "bad-date", f"{value!r} is not a real date", (key,))
            elif value and is_future(value):
                yield _future(s.file, value, (key,))


RULES = [
    vocabularies,
    claim_fields,
    source_references,
    claim_references,
    sources,
    duplicate_sources,
]

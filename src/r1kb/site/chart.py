"""A quantity's claims as an SVG dot plot, drawn at build time.

Hand-written SVG rather than a plotting library: the chart is one kind of plot (one row per
claim, a log or linear axis, a dot or a range bar coloured by status), and writing it
directly keeps it small, deterministic, themeable by the site's CSS in light and dark mode,
with real text (selectable, searchable) and a link per row, and it adds no dependency the
size of matplotlib for ~200 lines of drawing.

Filled marks are accurate claims; hollow marks are inaccurate, misleading, unsupported or
outdated ones. Open ranges ("under two months") end in an arrow at the edge of the plot.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from r1kb.kb import Claim, Quantity
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text
from r1kb.site.labels import row_label
from r1kb.site.vocabulary import STATUS_TERMS
from r1kb.units import UnitError

WIDTH = 880
LABEL_W = 300
RIGHT_PAD = 24
ROW_H = 26
TOP = 40
AXIS_H = 44
MAX_LABEL = 44  # characters of a row's label and source together
LABEL = 32  # of which the label ("Distill-Qwen-32B · RL R1 stage") at most
STANDALONE_STYLE = """
  text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 12px;
         fill: #1f2328; }
  .r1kb-chart__bg { fill: #ffffff; }
  .r1kb-chart__muted { fill: #57606a; }
  .r1kb-chart__grid { stroke: #d0d7de; }
  .r1kb-chart__axis { stroke: #57606a; }
  .r1kb-chart__row:hover .r1kb-chart__band { fill: #f0f3f6; }
  .r1kb-chart__band { fill: transparent; }
  .r1kb-chart--disclosed { fill: #2e7d32; stroke: #2e7d32; }
  .r1kb-chart--derived { fill: #1565c0; stroke: #1565c0; }
  .r1kb-chart--estimated { fill: #7b1fa2; stroke: #7b1fa2; }
  .r1kb-chart--speculative { fill: #d84315; stroke: #d84315; }
  .r1kb-chart--undisclosed { fill: #616161; stroke: #616161; }
  .r1kb-chart__hollow { fill: #ffffff; }
  .r1kb-chart__value { paint-order: stroke; stroke: #ffffff; stroke-width: 4px; }
"""


@dataclass
class Point:
    claim: Claim
    low: float | None  # in the axis' unit; None: open below
    high: float | None  # None: open above
    label: str
    who: str
    value: str

    @property
    def anchor(self) -> float:
        return self.low if self.low is not None else self.high  # type: ignore[return-value]


def _date_number(text: str) -> float | None:
    try:
        return float(dt.date.fromisoformat(text).toordinal())
    except ValueError:
        return None


def _numbers(ctx: SiteContext, quantity: Quantity, claim: Claim) -> tuple[float | None, ...] | None:
    """(low, high) in the quantity's unit, or None if the claim cannot be plotted."""
    if claim.value is None or isinstance(claim.value, bool):
        return None
    if quantity.unit == "date":
        day = _date_number(claim.value) if isinstance(claim.value, str) else None
        return None if day is None else (day, day)
    if isinstance(claim.value, str):
        return None

    def convert(x: float | None) -> float | None:
        if x is None:
            return None
        return ctx.unit_system.convert(float(x), claim.unit, quantity.unit)

    try:
        if isinstance(claim.value, dict):
            return convert(claim.value.get("low")), convert(claim.value.get("high"))
        x = convert(claim.value)
        return x, x
    except UnitError:
        return None
    except Exception:  # pint raises several kinds for incompatible units: not plottable
        return None


AUTO_LOG_SPAN = 100  # positive figures this many times apart go on a logarithmic axis


def uses_log_scale(ctx: SiteContext, quantity: Quantity, claims: list[Claim]) -> bool:
    """Logarithmic when the vocabulary asks for it, or when the figures on record (all
    positive) span two orders of magnitude or more: learning rates from 10⁻⁶ to 2.2 × 10⁻⁴
    would otherwise pile up against zero."""
    if quantity.unit == "date":
        return False
    if quantity.log_scale:
        return True
    values = [
        v
        for c in claims
        if not c.withdrawn
        for v in (_numbers(ctx, quantity, c) or ())
        if v is not None
    ]
    return bool(values) and min(values) > 0 and max(values) / min(values) >= AUTO_LOG_SPAN


def chart_points(
    ctx: SiteContext, quantity: Quantity, claims: list[Claim], log: bool | None = None
) -> list[Point]:
    """The plottable claims; on a logarithmic axis (`log`, by default the quantity's own
    setting) figures that are not positive are left out."""
    log = quantity.log_scale if log is None else log
    points = []
    per_model: dict[str, int] = {}
    for claim in claims:
        if not claim.withdrawn:
            per_model[claim.subject] = per_model.get(claim.subject, 0) + 1
    for claim in claims:
        if claim.withdrawn:
            continue
        nums = _numbers(ctx, quantity, claim)
        if nums is None or (nums[0] is None and nums[1] is None):
            continue
        low, high = nums
        if log and any(v is not None and v <= 0 for v in (low, high)):
            continue
        sources = ctx.claiming_sources(claim)
        who = ", ".join(s.publisher for s in sources) or "r1kb"
        # the scope tells DeepSeek's own figures for one model apart ("R1 · RL R1 stage");
        # an article's claim is told apart by who makes it
        made_by = [ctx.kb.sources[s] for s in claim.source_ids("claims") if s in ctx.kb.sources]
        scoped = per_model[claim.subject] > 1 and all(s.primary for s in made_by)
        label = row_label(ctx, claim, with_scope=scoped)
        points.append(Point(claim, low, high, label, who, ctx.value_text(claim)))
    points.sort(key=lambda p: (p.anchor, p.claim.id))
    seen: dict[str, int] = {}
    for p in points:  # the same label and source twice: number them, so that each row is found
        key = f"{p.label} · {p.who}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            p.label = f"{p.label} ({seen[key]})"
    return points


class Scale:
    def __init__(self, lo: float, hi: float, log: bool, x0: float, x1: float) -> None:
        self.lo, self.hi, self.log, self.x0, self.x1 = lo, hi, log, x0, x1

    def __call__(self, v: float) -> float:
        if self.log:
            t = (math.log10(v) - self.lo) / (self.hi - self.lo)
        else:
            t = (v - self.lo) / (self.hi - self.lo)
        return self.x0 + t * (self.x1 - self.x0)


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def _axis(points: list[Point], log: bool, is_date: bool) -> tuple[float, float, list[float]]:
    """(lo, hi, ticks) in data units (log: lo/hi are exponents, ticks are values)."""
    values = [v for p in points for v in (p.low, p.high) if v is not None]
    vmin, vmax = min(values), max(values)
    if log:
        lo, hi = math.floor(math.log10(vmin)), math.ceil(math.log10(vmax))
        if hi - lo < 1:
            hi = lo + 1
        step = max(1, math.ceil((hi - lo) / 8))
        return lo, hi, [10.0**e for e in range(lo, hi + 1, step)]
    if is_date:
        first, last = dt.date.fromordinal(int(vmin)), dt.date.fromordinal(int(vmax))
        start = dt.date(first.year, 1 if first.month <= 6 else 7, 1)
        end_year = last.year + (1 if last.month > 6 else 0)
        end = dt.date(end_year, 7 if last.month <= 6 else 1, 1)
        ticks, d = [], start
        while d <= end:
            ticks.append(float(d.toordinal()))
            d = dt.date(d.year + (d.month == 7), 1 if d.month == 7 else 7, 1)
        return ticks[0], ticks[-1], ticks
    lo = 0.0 if vmin >= 0 else vmin
    if vmin > 0 and vmin > (vmax - vmin):
        # all figures far from zero (84-97 %): the axis starts near the smallest, so that
        # their differences are not squeezed into a corner of a 0-100 axis
        lo = vmin - (vmax - vmin) * 0.1 if vmax > vmin else vmin * 0.9
    if vmax == lo:
        vmax = lo + 1
    step = _nice_step(vmax - lo)
    lo = math.floor(lo / step) * step
    hi = math.ceil(vmax / step) * step
    if hi == vmax and vmax != 0:
        hi += step
    count = round((hi - lo) / step)
    return lo, hi, [lo + i * step for i in range(count + 1)]


def _tick_label(ctx: SiteContext, quantity: Quantity, v: float, is_date: bool) -> str:
    if is_date:
        return dt.date.fromordinal(int(v)).strftime("%Y-%m")
    rounded = float(f"{v:.12g}")
    return ctx.fmt.axis_number(int(rounded) if rounded.is_integer() else rounded, quantity.unit)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quantity_chart(
    ctx: SiteContext,
    quantity: Quantity,
    claims: list[Claim],
    href: Callable[[Claim], str],
    *,
    standalone: bool = False,
) -> str | None:
    """The SVG of a quantity's plottable claims, or None when none can be plotted."""
    is_date = quantity.unit == "date"
    log = uses_log_scale(ctx, quantity, claims)
    points = chart_points(ctx, quantity, claims, log)
    if not points:
        return None
    lo, hi, ticks = _axis(points, log, is_date)
    x0, x1 = LABEL_W + 16, WIDTH - RIGHT_PAD
    scale = Scale(lo, hi, log, x0, x1)
    height = TOP + ROW_H * len(points) + AXIS_H
    unit = ctx.kb.units.get(quantity.unit)
    unit_label = "" if is_date or unit is None else unit.label
    axis_title = f"{quantity.name}" + (f" ({unit_label})" if unit_label else "")
    axis_title += " · logarithmic scale" if log else ""
    title = f"{quantity.name}: {len(points)} claim{'s' * (len(points) != 1)}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="r1kb-chart" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-labelledby="r1kb-chart-title">',
        f'<title id="r1kb-chart-title">{html_text(title)}</title>',
    ]
    if standalone:
        out.append(f"<style>{STANDALONE_STYLE}</style>")
        out.append(f'<rect class="r1kb-chart__bg" width="{WIDTH}" height="{height}"/>')
    out.append(_legend(points))
    plot_bottom = TOP + ROW_H * len(points)
    for t in ticks:
        x = scale(t)
        out.append(
            f'<line class="r1kb-chart__grid" x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" '
            f'y2="{plot_bottom}"/>'
        )
        out.append(
            f'<text class="r1kb-chart__muted" x="{x:.1f}" y="{plot_bottom + 16}" '
            f'text-anchor="middle">{html_text(_tick_label(ctx, quantity, t, is_date))}</text>'
        )
    out.append(
        f'<line class="r1kb-chart__axis" x1="{x0}" y1="{plot_bottom}" x2="{x1}" '
        f'y2="{plot_bottom}"/>'
    )
    out.append(
        f'<text class="r1kb-chart__muted" x="{(x0 + x1) / 2:.1f}" y="{plot_bottom + 36}" '
        f'text-anchor="middle">{html_text(axis_title)}</text>'
    )
    for i, p in enumerate(points):
        out.append(_row(p, TOP + i * ROW_H, scale, x0, x1, href(p.claim)))
    out.append("</svg>")
    return "\n".join(out)


def _legend(points: list[Point]) -> str:
    present = [s for s in STATUS_TERMS if any(p.claim.status == s for p in points)]
    parts, x = [], 0.0
    for status in present:
        parts.append(
            f'<circle class="r1kb-chart--{status}" cx="{x + 6}" cy="14" r="5"/>'
            f'<text x="{x + 15}" y="18">{html_text(status)}</text>'
        )
        x += 24 + 7.2 * len(status)
    parts.append(
        f'<circle class="r1kb-chart--undisclosed r1kb-chart__hollow" cx="{x + 10}" cy="14" r="5"'
        f' stroke-width="2"/><text class="r1kb-chart__muted" x="{x + 19}" y="18">'
        "hollow: not accurate</text>"
    )
    shift = f"translate({LABEL_W + 16},0)"
    return f'<g class="r1kb-chart__legend" transform="{shift}">{"".join(parts)}</g>'


def _row(p: Point, top: float, scale: Scale, x0: float, x1: float, href: str) -> str:
    y = top + ROW_H / 2
    label_len = min(len(p.label), LABEL)
    status = p.claim.status
    hollow = p.claim.verdict != "accurate"
    cls = f"r1kb-chart--{status}"
    tip = f"{p.value} — {p.claim.statement} ({p.claim.status}, {p.claim.verdict})"
    parts = [
        f'<a href="{html_text(href)}" class="r1kb-chart__row">',
        f"<title>{html_text(tip)}</title>",
        f'<rect class="r1kb-chart__band" x="0" y="{top}" width="{WIDTH}" height="{ROW_H}"/>',
        f'<text x="{LABEL_W}" y="{y + 4}" text-anchor="end">{html_text(_short(p.label, LABEL))}'
        f'<tspan class="r1kb-chart__muted"> · {html_text(_short(p.who, MAX_LABEL - label_len))}'
        "</tspan></text>",
    ]
    lo_x = scale(p.low) if p.low is not None else x0
    hi_x = scale(p.high) if p.high is not None else x1
    if p.low != p.high:
        parts.append(
            f'<line class="{cls}" x1="{lo_x:.1f}" y1="{y}" x2="{hi_x:.1f}" y2="{y}" '
            f'stroke-width="4" stroke-opacity="0.6"/>'
        )
        if p.low is None:
            parts.append(_arrow(cls, lo_x, y, -1))
        if p.high is None:
            parts.append(_arrow(cls, hi_x, y, 1))
    mark_cls = f"{cls} r1kb-chart__hollow" if hollow else cls
    for x in {lo_x if p.low is not None else None, hi_x if p.high is not None else None} - {None}:
        parts.append(f'<circle class="{mark_cls}" cx="{x:.1f}" cy="{y}" r="6" stroke-width="2.5"/>')
    label_x, anchor = _label_position(p, lo_x, hi_x, x0, x1)
    parts.append(
        f'<text class="r1kb-chart__value" x="{label_x:.1f}" y="{y + 4}" text-anchor="{anchor}" '
        f'font-weight="600">{html_text(p.value)}</text>'
    )
    parts.append("</a>")
    return "".join(parts)


def _label_position(p: Point, lo_x: float, hi_x: float, x0: float, x1: float) -> tuple[float, str]:
    """Right of the marks when there is room, else left of them, else over the bar (the
    label has a halo in the background colour, so it stays readable over a bar)."""
    width = 7.0 * len(p.value) + 10
    marks = [x for x, bound in ((lo_x, p.low), (hi_x, p.high)) if bound is not None]
    if p.high is not None and max(marks) + width < x1 + RIGHT_PAD:
        return max(marks) + 10, "start"
    if p.low is not None and min(marks) - width > x0:
        return min(marks) - 10, "end"
    return max(marks) - 10, "end"


def _arrow(cls: str, x: float, y: float, direction: int) -> str:
    tip, back = x + 6 * direction, x - 2 * direction
    return f'<polygon class="{cls}" points="{tip:.1f},{y} {back:.1f},{y - 5} {back:.1f},{y + 5}"/>'

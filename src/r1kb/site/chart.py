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


def _axis(
    points: list[Point], log: bool, is_date: bool, ticks: int = 5
) -> tuple[float, float, list[float]]:
    """(lo, hi, ticks) in data units (log: lo/hi are exponents, ticks are values); `ticks`
    is about how many ticks to aim for (fewer on a phone)."""
    values = [v for p in points for v in (p.low, p.high) if v is not None]
    vmin, vmax = min(values), max(values)
    if log:
        lo, hi = math.floor(math.log10(vmin)), math.ceil(math.log10(vmax))
        if hi - lo < 1:
            hi = lo + 1
        step = max(1, math.ceil((hi - lo) / (2 * ticks - 2)))  # 5: every decade up to 8
        return lo, hi, [10.0**e for e in range(lo, hi + 1, step)]
    if is_date:
        first, last = dt.date.fromordinal(int(vmin)), dt.date.fromordinal(int(vmax))
        start = dt.date(first.year, 1 if first.month <= 6 else 7, 1)
        end_year = last.year + (1 if last.month > 6 else 0)
        end = dt.date(end_year, 7 if last.month <= 6 else 1, 1)
        days, d = [], start
        while d <= end:
            days.append(float(d.toordinal()))
            d = dt.date(d.year + (d.month == 7), 1 if d.month == 7 else 7, 1)
        keep = max(1, math.ceil((len(days) - 1) / (ticks + 1)))  # every half year, or year...
        shown = days[::keep] if (len(days) - 1) % keep == 0 else [*days[::keep], days[-1]]
        return days[0], days[-1], shown
    lo = 0.0 if vmin >= 0 else vmin
    if vmin > 0 and vmin > (vmax - vmin):
        # all figures far from zero (84-97 %): the axis starts near the smallest, so that
        # their differences are not squeezed into a corner of a 0-100 axis
        lo = vmin - (vmax - vmin) * 0.1 if vmax > vmin else vmin * 0.9
    if vmax == lo:
        vmax = lo + 1
    step = _nice_step(vmax - lo, ticks)
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


@dataclass
class Frame:
    """What both layouts of a chart share: the points, the axis and the titles."""

    quantity: Quantity
    points: list[Point]
    log: bool
    is_date: bool
    title: str
    axis_title: str

    def axis(self, ticks: int) -> tuple[float, float, list[float]]:
        return _axis(self.points, self.log, self.is_date, ticks)


def chart_frame(ctx: SiteContext, quantity: Quantity, claims: list[Claim]) -> Frame | None:
    """The chart's data, or None when nothing can be plotted."""
    is_date = quantity.unit == "date"
    log = uses_log_scale(ctx, quantity, claims)
    points = chart_points(ctx, quantity, claims, log)
    if not points:
        return None
    unit = ctx.kb.units.get(quantity.unit)
    unit_label = "" if is_date or unit is None else unit.label
    axis_title = f"{quantity.name}" + (f" ({unit_label})" if unit_label else "")
    axis_title += " · logarithmic scale" if log else ""
    title = f"{quantity.name}: {len(points)} claim{'s' * (len(points) != 1)}"
    return Frame(quantity, points, log, is_date, title, axis_title)


def svg_open(frame: Frame, width: int, height: float, css_class: str, title_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" aria-labelledby="{title_id}">\n'
        f'<title id="{title_id}">{html_text(frame.title)}</title>'
    )


def axis_lines(
    ctx: SiteContext,
    frame: Frame,
    ticks: list[float],
    scale: Scale,
    rows: tuple[float, float],
    width: float,
) -> list[str]:
    """The grid line and label of each tick from `rows` (top, bottom), and the axis line under
    the plot; a label that would cross the drawing's edge is aligned to it instead."""
    top, bottom = rows
    out = []
    for t in ticks:
        x = scale(t)
        label = _tick_label(ctx, frame.quantity, t, frame.is_date)
        half = 3.4 * len(label)
        tx, anchor = (0.0, "start") if x < half else (x, "middle")
        tx, anchor = (width, "end") if x + half > width else (tx, anchor)
        out.append(
            f'<line class="r1kb-chart__grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}"/>'
        )
        out.append(
            f'<text class="r1kb-chart__muted" x="{tx:.1f}" y="{bottom + 16}" '
            f'text-anchor="{anchor}">{html_text(label)}</text>'
        )
    out.append(
        f'<line class="r1kb-chart__axis" x1="{scale.x0}" y1="{bottom}" x2="{scale.x1}" '
        f'y2="{bottom}"/>'
    )
    return out


def quantity_chart(
    ctx: SiteContext,
    quantity: Quantity,
    claims: list[Claim],
    href: Callable[[Claim], str],
    *,
    standalone: bool = False,
) -> str | None:
    """The SVG of a quantity's plottable claims, or None when none can be plotted: labels
    left of the plot, for a wide screen or the downloadable file (r1kb.site.chart_narrow
    draws the same chart for a phone)."""
    frame = chart_frame(ctx, quantity, claims)
    if frame is None:
        return None
    points = frame.points
    lo, hi, ticks = frame.axis(5)
    x0, x1 = LABEL_W + 16, WIDTH - RIGHT_PAD
    scale = Scale(lo, hi, frame.log, x0, x1)
    key, lines = legend(points, x0, WIDTH - x0)
    top = TOP + 18 * (lines - 1)  # below the legend, however many lines it takes
    height = top + ROW_H * len(points) + AXIS_H
    out = [svg_open(frame, WIDTH, height, "r1kb-chart r1kb-chart-wide", "r1kb-chart-title")]
    if standalone:
        out.append(f"<style>{STANDALONE_STYLE}</style>")
        out.append(f'<rect class="r1kb-chart__bg" width="{WIDTH}" height="{height}"/>')
    out.append(key)
    plot_bottom = top + ROW_H * len(points)
    out.extend(axis_lines(ctx, frame, ticks, scale, (top - 6, plot_bottom), WIDTH))
    out.append(
        f'<text class="r1kb-chart__muted" x="{(x0 + x1) / 2:.1f}" y="{plot_bottom + 36}" '
        f'text-anchor="middle">{html_text(frame.axis_title)}</text>'
    )
    for i, p in enumerate(points):
        row_top = top + i * ROW_H
        label = f'<text x="{LABEL_W}" y="{row_top + ROW_H / 2 + 4}" text-anchor="end">'
        out.append(
            row_open(p, row_top, WIDTH, ROW_H, href(p.claim))
            + row_label_text(p, label)
            + marks(p, row_top + ROW_H / 2, scale, RIGHT_PAD)
        )
    out.append("</svg>")
    return "\n".join(out)


def legend(points: list[Point], left: float, width: float) -> tuple[str, int]:
    """The statuses drawn, then the hollow mark, wrapped into lines of `width`: (svg, lines)."""
    present = [s for s in STATUS_TERMS if any(p.claim.status == s for p in points)]
    items = [(f"r1kb-chart--{s}", "", s) for s in present]
    hollow = "r1kb-chart--undisclosed r1kb-chart__hollow"
    items.append((hollow, "r1kb-chart__muted", "hollow: not accurate"))
    parts, x, line = [], 0.0, 0
    for mark, text_cls, text in items:
        size = 24 + 7.2 * len(text)
        if x and x + size - 24 > width:
            x, line = 0.0, line + 1
        y = 14 + 18 * line
        stroke = ' stroke-width="2"' if "hollow" in mark else ""
        klass = f' class="{text_cls}"' if text_cls else ""
        parts.append(
            f'<circle class="{mark}" cx="{x + 6}" cy="{y}" r="5"{stroke}/>'
            f'<text{klass} x="{x + 15}" y="{y + 4}">{html_text(text)}</text>'
        )
        x += size
    shift = f"translate({left},0)"
    return f'<g class="r1kb-chart__legend" transform="{shift}">{"".join(parts)}</g>', line + 1


def row_open(p: Point, top: float, width: float, height: float, href: str) -> str:
    """A row's link, its tooltip and the band that lights up under the pointer."""
    tip = f"{p.value} — {p.claim.statement} ({p.claim.status}, {p.claim.verdict})"
    return (
        f'<a href="{html_text(href)}" class="r1kb-chart__row"><title>{html_text(tip)}</title>'
        f'<rect class="r1kb-chart__band" x="0" y="{top}" width="{width}" height="{height}"/>'
    )


def row_label_text(p: Point, text_tag: str) -> str:
    """'R1 · RL stage · DeepSeek-AI' in the given <text> element, the source muted."""
    label_len = min(len(p.label), LABEL)
    return (
        f'{text_tag}{html_text(_short(p.label, LABEL))}<tspan class="r1kb-chart__muted"> · '
        f"{html_text(_short(p.who, MAX_LABEL - label_len))}</tspan></text>"
    )


def marks(p: Point, y: float, scale: Scale, right_pad: float) -> str:
    """A row's dot or range bar (arrows for open bounds) and its value; closes the row."""
    x0, x1 = scale.x0, scale.x1
    status = p.claim.status
    cls = f"r1kb-chart--{status}"
    parts = []
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
    mark_cls = f"{cls} r1kb-chart__hollow" if p.claim.verdict != "accurate" else cls
    for x in {lo_x if p.low is not None else None, hi_x if p.high is not None else None} - {None}:
        parts.append(f'<circle class="{mark_cls}" cx="{x:.1f}" cy="{y}" r="6" stroke-width="2.5"/>')
    label_x, anchor = _label_position(p, lo_x, hi_x, x0, x1 + right_pad)
    parts.append(
        f'<text class="r1kb-chart__value" x="{label_x:.1f}" y="{y + 4}" text-anchor="{anchor}" '
        f'font-weight="600">{html_text(p.value)}</text>'
    )
    parts.append("</a>")
    return "".join(parts)


def _label_position(
    p: Point, lo_x: float, hi_x: float, x0: float, edge: float
) -> tuple[float, str]:
    """Right of the marks when there is room before `edge`, else left of them, else over the
    bar (the label has a halo in the background colour, so it stays readable over a bar)."""
    width = 7.0 * len(p.value) + 10
    marks = [x for x, bound in ((lo_x, p.low), (hi_x, p.high)) if bound is not None]
    if p.high is not None and max(marks) + width < edge:
        return max(marks) + 10, "start"
    if p.low is not None and min(marks) - width > x0:
        return min(marks) - 10, "end"
    return max(marks) - 10, "end"


def _arrow(cls: str, x: float, y: float, direction: int) -> str:
    tip, back = x + 6 * direction, x - 2 * direction
    return f'<polygon class="{cls}" points="{tip:.1f},{y} {back:.1f},{y - 5} {back:.1f},{y + 5}"/>'

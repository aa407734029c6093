"""A quantity's chart laid out for a phone: the same rows, links and titles as the wide
chart (r1kb.site.chart), 360 units wide, each row's label on its own line above its dot or
range bar, and fewer axis ticks. The page carries both; its CSS shows one (below ~45em
this one), so the 12 px labels stay 12 px instead of shrinking with an 880-unit drawing.
"""

from __future__ import annotations

from collections.abc import Callable

from r1kb.kb import Claim, Quantity
from r1kb.site.chart import (
    Scale,
    axis_lines,
    chart_frame,
    legend,
    marks,
    row_label_text,
    row_open,
    svg_open,
)
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text

WIDTH = 360
PAD = 10  # left and right of the plot
RIGHT_ROOM = 6  # a value label may reach this far past the plot's right end
ROW_H = 40  # a label line and a mark line
AXIS_H = 44
TICKS = 3  # aim for about this many ticks


def narrow_chart(
    ctx: SiteContext, quantity: Quantity, claims: list[Claim], href: Callable[[Claim], str]
) -> str | None:
    """The phone SVG of a quantity's plottable claims, or None when none can be plotted."""
    frame = chart_frame(ctx, quantity, claims)
    if frame is None:
        return None
    lo, hi, ticks = frame.axis(TICKS)
    x0, x1 = PAD + 6, WIDTH - PAD - 6  # a dot at either end stays whole
    scale = Scale(lo, hi, frame.log, x0, x1)
    key, lines = legend(frame.points, PAD, WIDTH - 2 * PAD)
    top = 18 * lines + 10
    plot_bottom = top + ROW_H * len(frame.points)
    height = plot_bottom + AXIS_H
    title_id = "r1kb-chart-title-narrow"
    out = [svg_open(frame, WIDTH, height, "r1kb-chart r1kb-chart-narrow", title_id), key]
    out.extend(axis_lines(ctx, frame, ticks, scale, (top, plot_bottom), WIDTH))
    out.append(
        f'<text class="r1kb-chart__muted" x="{WIDTH / 2:.1f}" y="{plot_bottom + 36}" '
        f'text-anchor="middle">{html_text(frame.axis_title)}</text>'
    )
    for i, p in enumerate(frame.points):
        row_top = top + i * ROW_H
        label = f'<text class="r1kb-chart__label" x="{PAD}" y="{row_top + 14}">'
        out.append(
            row_open(p, row_top, WIDTH, ROW_H, href(p.claim))
            + row_label_text(p, label)
            + marks(p, row_top + 28, scale, RIGHT_ROOM)
        )
    out.append("</svg>")
    return "\n".join(out)

"""The SVG chart of a quantity: positions, scales, colours, labels, escaping."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from r1kb.kb import Claim, Evidence
from r1kb.site import chart, chart_narrow
from r1kb.site.build import load_validated
from r1kb.site.context import SiteContext
from site_helpers import write_site_data

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    data = write_site_data(tmp_path_factory.mktemp("chart") / "data")
    return SiteContext(kb=load_validated(data, []))


def _claim(
    cid: str, value, unit: str = "USD", status: str = "disclosed", verdict: str = "accurate"
):  # type: ignore[no-untyped-def]
    return Claim(
        id=cid,
        file="",
        subject="deepseek-r1",
        quantity="training-cost",
        value=value,
        unit=unit,
        statement=f"Statement of {cid} <b>",
        status=status,
        verdict=verdict,
        sources=[Evidence("toy-report", "claims", "p. 1", "q")],
    )


def _texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _costs() -> list[Claim]:
    """Four training costs from $294K to $1.6B, in three statuses, two of them not accurate."""
    return [
        _claim("r1-cost", 294000),
        _claim("v3-cost", 5576000),
        _claim("r1-wrong", 5580000, status="speculative", verdict="misleading"),
        _claim("capex", 1.6e9, status="estimated", verdict="unsupported"),
    ]


def test_log_chart_of_costs(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    claims = [*_costs(), _claim("nothing", None, status="undisclosed")]
    svg = chart.quantity_chart(ctx, q, claims, lambda c: f"../claims/{c.id}/", standalone=True)
    assert svg is not None
    root = ElementTree.fromstring(svg)  # well-formed XML
    texts = _texts(svg)
    for label in ("$294K", "$5.576M", "$5.58M", "$1.6B"):
        assert label in texts
    assert {"$100K", "$1M", "$10M", "$100M", "$1B", "$10B"} <= set(texts)  # powers of ten
    assert any("logarithmic scale" in t for t in texts)
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == [
        "../claims/r1-cost/",
        "../claims/v3-cost/",
        "../claims/r1-wrong/",
        "../claims/capex/",
    ]
    circles = {c.get("class") for c in root.iter(f"{SVG}circle")}
    assert "r1kb-chart--disclosed" in circles
    assert "r1kb-chart--speculative r1kb-chart__hollow" in circles  # not accurate: hollow
    assert "<style>" in svg  # the standalone file carries its own colours


def test_positions_follow_the_log_scale(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    claims = [_claim("a", 1e5), _claim("b", 1e6), _claim("c", 1e7)]
    points = chart.chart_points(ctx, q, claims)
    lo, hi, _ticks = chart._axis(points, log=True, is_date=False)
    scale = chart.Scale(lo, hi, True, 0, 300)
    xs = [scale(p.anchor) for p in points]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])  # equal ratios, equal distances
    assert (lo, hi) == (5, 7)


def test_ranges_and_open_bounds(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    svg = chart.quantity_chart(
        ctx, q, [_claim("under", {"high": 6000000}), _claim("span", {"low": 1e6, "high": 6e6})], str
    )
    assert svg is not None
    root = ElementTree.fromstring(svg)
    assert len(list(root.iter(f"{SVG}polygon"))) == 1  # one open bound, one arrow
    assert "< $6M" in _texts(svg) and "$1M–$6M" in _texts(svg)
    assert "<style>" not in svg  # inline: the site's CSS colours it in both themes


def test_units_are_converted_to_the_quantity_unit(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["pretraining-duration"]  # in days
    months = Claim(**{**vars(_claim("m", {"high": 2}, unit="months")), "quantity": q.id})
    days = Claim(**{**vars(_claim("d", 54.2, unit="days")), "quantity": q.id})
    points = chart.chart_points(ctx, q, [months, days])
    by_id = {p.claim.id: p for p in points}
    assert by_id["m"].high == pytest.approx(2 * 30.436875)
    assert by_id["d"].low == pytest.approx(54.2)
    assert by_id["m"].value == "< 2 months"  # labels stay as the record says


def test_dates_on_a_time_axis(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["release-date"]
    claims = [
        Claim(**{**vars(_claim(i, d, unit="date")), "quantity": q.id})
        for i, d in (("r1", "2025-01-20"), ("v3", "2024-12-26"), ("x", "not a date"))
    ]
    svg = chart.quantity_chart(ctx, q, claims, str)
    assert svg is not None
    texts = _texts(svg)
    assert "2025-01-20" in texts and "2024-12-26" in texts
    assert "2024-07" in texts and "2025-07" in texts  # half-year ticks
    assert not any("logarithmic" in t for t in texts)
    narrow = chart_narrow.narrow_chart(ctx, q, claims, str)
    assert narrow is not None
    root = ElementTree.fromstring(narrow)
    edges = {t.get("text-anchor") for t in root.iter(f"{SVG}text") if t.get("x") == "0.0"}
    assert edges == {"start"}  # the first tick's label starts at the edge instead of crossing it


def test_nothing_to_plot(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["licence"]
    assert chart.quantity_chart(ctx, q, [_claim("l", "MIT", unit="text")], str) is None
    cost = ctx.kb.quantities["training-cost"]
    assert chart.quantity_chart(ctx, cost, [_claim("zero", 0)], str) is None  # log: not > 0


def test_linear_axis_starts_at_zero(ctx: SiteContext) -> None:
    points = [
        chart.Point(_claim("a", 3), 3.0, 3.0, "m", "w", "3"),
        chart.Point(_claim("b", 87), 87.0, 87.0, "m", "w", "87"),
    ]
    lo, hi, ticks = chart._axis(points, log=False, is_date=False)
    assert lo == 0 and hi >= 87 and ticks[0] == 0 and ticks[-1] == hi
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert step / 10 ** math.floor(math.log10(step)) in (1, 2, 2.5, 5)  # a "nice" step


def test_labels_are_escaped(ctx: SiteContext, tmp_path: Path) -> None:
    q = ctx.kb.quantities["training-cost"]
    claim = ctx.kb.claims["r1-training-cost-hostile"]
    svg = chart.quantity_chart(ctx, q, [claim], lambda c: '"><script>x</script>')
    assert svg is not None
    assert "<script" not in svg and "<b " not in svg and "<i>" not in svg
    ElementTree.fromstring(svg)


def _lr(cid: str, value: float) -> Claim:
    return Claim(**{**vars(_claim(cid, value, unit="ratio")), "quantity": "learning-rate"})


def test_figures_two_orders_of_magnitude_apart_go_on_a_log_axis(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["learning-rate"]
    assert not q.log_scale  # the vocabulary does not ask for it; the spread does
    wide = [_lr("a", 1e-6), _lr("b", 2.2e-4)]
    assert chart.uses_log_scale(ctx, q, wide)
    svg = chart.quantity_chart(ctx, q, wide, str)
    assert svg is not None and any("logarithmic" in t for t in _texts(svg))
    narrow = [_lr("a", 1e-4), _lr("b", 2.2e-4)]
    assert not chart.uses_log_scale(ctx, q, narrow)
    with_zero = [_lr("a", 0), _lr("b", 2.2e-4)]  # zero has no logarithm: stay linear
    assert not chart.uses_log_scale(ctx, q, with_zero)
    release = ctx.kb.quantities["release-date"]
    assert not chart.uses_log_scale(ctx, release, [])


def test_rows_are_labelled_with_short_model_names(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    svg = chart.quantity_chart(ctx, q, [_claim("r1-cost", 294000)], str)
    assert svg is not None
    label = next(t for t in _texts(svg) if "Toy" in t or "DeepSeek-AI" in t)
    assert label.startswith("R1 ·")  # "DeepSeek-" dropped: distill names fit in full


def _rows(svg: str) -> list[tuple[str, str]]:
    """(link, label text) of each row."""
    root = ElementTree.fromstring(svg)
    return [
        (a.get("href") or "", "".join(next(a.iter(f"{SVG}text")).itertext()))
        for a in root.iter(f"{SVG}a")
    ]


def test_quantity_page_carries_a_wide_and_a_narrow_chart(ctx: SiteContext) -> None:
    from r1kb.site.pages import quantity

    page = quantity.render(ctx, ctx.kb.quantities["training-cost"])
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 2
    wide, narrow = (ElementTree.fromstring(s) for s in svgs)
    assert "r1kb-chart-wide" in (wide.get("class") or "")
    assert "r1kb-chart-narrow" in (narrow.get("class") or "")
    assert wide.get("aria-labelledby") != narrow.get("aria-labelledby")  # ids stay unique
    assert _rows(svgs[0]) == _rows(svgs[1])  # same rows, same labels, same links
    links = [href for href, _ in _rows(svgs[1])]
    assert len(links) == len(set(links)) >= 2 and all("/claims/" in h for h in links)


def test_narrow_chart_fits_a_phone(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    claims = [*_costs(), _claim("under", {"high": 6000000}, status="derived")]
    wide = chart.quantity_chart(ctx, q, claims, lambda c: f"../claims/{c.id}/")
    narrow = chart_narrow.narrow_chart(ctx, q, claims, lambda c: f"../claims/{c.id}/")
    assert wide is not None and narrow is not None
    root = ElementTree.fromstring(narrow)
    width = float(root.get("viewBox", "").split()[2])
    assert width <= 400 and float(root.get("width") or 0) == width
    links = [h for h, _ in _rows(narrow)]
    assert sorted(links) == sorted(f"../claims/{c.id}/" for c in claims)  # each row, once
    assert _rows(narrow) == _rows(wide)  # every row linked, labels as in the wide chart
    # each label on its own line, above its marks, starting at the left edge
    for a in root.iter(f"{SVG}a"):
        label = next(a.iter(f"{SVG}text"))
        marks = [float(c.get("cy") or 0) for c in a.iter(f"{SVG}circle")]
        assert float(label.get("x") or 0) < 20 and label.get("text-anchor") is None
        assert marks and all(float(label.get("y") or 0) < y for y in marks)
    # every drawn thing inside the drawing; fewer ticks than the wide chart
    for c in root.iter(f"{SVG}circle"):
        assert 0 <= float(c.get("cx") or 0) <= width
    ticks = [t for t in _texts(narrow) if t.startswith("$") and t in _texts(wide)]
    wide_ticks = {"$100K", "$1M", "$10M", "$100M", "$1B", "$10B"} & set(_texts(wide))
    narrow_ticks = wide_ticks & set(ticks)
    assert 2 <= len(narrow_ticks) < len(wide_ticks)
    for t in root.iter(f"{SVG}text"):  # tick labels near an edge are aligned to it
        if "".join(t.itertext()) in narrow_ticks:
            x, anchor = float(t.get("x") or 0), t.get("text-anchor")
            half = 3.4 * len("".join(t.itertext()))
            left = x - {"start": 0, "middle": half, "end": 2 * half}[anchor or "start"]
            assert left >= 0 and left + 2 * half <= width
    assert "<title" in narrow and "Statement of capex &lt;b&gt;" in narrow  # tooltips, escaped

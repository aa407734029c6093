"""The disclosure matrix's cells, the timeline, chart rows and quantity pages, on the real
knowledge base: each rule checked over every cell or row, and the cases the reader asked
about (inherited facts, estimates beside undisclosed, the Nature paper's changes)."""

from __future__ import annotations

import re

import pytest

from r1kb.kb import KnowledgeBase
from r1kb.site import build
from r1kb.site.chart import _axis, chart_points, uses_log_scale
from r1kb.site.context import SiteContext
from r1kb.site.disclosure import BESIDE, KINDS, Disclosure, pad_date
from r1kb.site.escape import md_anchor
from r1kb.site.pages import matrix, quantity, timeline, transparency
from r1kb.site.urls import Urls
from site_helpers import REAL_DATA


@pytest.fixture(scope="module")
def ctx() -> SiteContext:
    return SiteContext(kb=build.load_validated(REAL_DATA, []), urls=Urls())


@pytest.fixture(scope="module")
def kb(ctx: SiteContext) -> KnowledgeBase:
    return ctx.kb


def test_every_cell_is_decided_by_deepseeks_position(kb: KnowledgeBase) -> None:
    d = Disclosure(kb)
    kinds = set()
    for qid, q in kb.quantities.items():
        for mid in kb.models:
            cell = d.cell(qid, mid)
            kinds.add(cell.kind)
            own = [c for c in kb.by("subject", mid) if c.quantity == qid and not c.withdrawn]
            held = [  # DeepSeek's own position, as long as it holds
                c
                for c in own
                if (c.status, c.verdict) in (("disclosed", "accurate"), ("undisclosed", "accurate"))
            ]
            assert all(s.status in BESIDE for s in cell.beside)
            if cell.kind in ("disclosed", "derived", "undisclosed"):
                assert cell.claim is not None and cell.claim.status == cell.kind
                overtaken = [  # an undisclosed record whose correction gives the figure
                    c for c in own if cell.claim.id in c.related("corrected_by")
                ]
                assert cell.claim in own or overtaken
            elif cell.kind == "inherited":
                # no position of its own, the figure of a model its weights start from
                assert q.shared_with_base and cell.via in kb.weights_lineage(mid)[1:]
                assert cell.claim is not None and cell.claim.subject == cell.via
                assert not held
            elif cell.kind == "not-applicable":
                assert not own
            else:
                assert cell.kind == "not-researched" and not held
    assert kinds == set(KINDS)


def test_estimates_stand_beside_undisclosed_and_inherited_facts_link_the_base(
    kb: KnowledgeBase,
) -> None:
    d = Disclosure(kb)
    fleet = d.cell("gpu-fleet-size", "deepseek")
    assert fleet.kind == "undisclosed" and fleet.estimate_exists
    flop = d.cell("training-compute", "deepseek-v3-base")
    assert flop.kind == "undisclosed" and any(s.status == "derived" for s in flop.beside)
    tokens = d.cell("pretraining-tokens", "deepseek-r1")
    assert tokens.kind == "inherited" and tokens.via == "deepseek-v3-base"
    assert tokens.base_kind == "disclosed" and tokens.claim is not None
    assert any(s.status == "speculative" for s in tokens.beside)  # shown, not instead
    params = d.cell("total-parameters", "deepseek-r1-0528")
    assert params.kind == "inherited" and params.via == "deepseek-r1"


def test_cells_as_of_a_date_follow_the_histories(kb: KnowledgeBase) -> None:
    january, now = Disclosure(kb, "2025-01-20"), Disclosure(kb)
    assert january.cell("training-cost", "deepseek-r1").kind == "undisclosed"
    assert now.cell("training-cost", "deepseek-r1").kind == "derived"
    before = Disclosure(kb, "2024-01-01")
    assert not before.has_records("deepseek-r1")
    assert pad_date("2025-09") == "2025-09-31" and pad_date("2025") == "2025-12-31"


def test_matrix_page_shows_values_beside_badges_and_links_the_base(ctx: SiteContext) -> None:
    page = matrix.render(ctx)
    d = Disclosure(ctx.kb)
    cell = d.cell("pretraining-tokens", "deepseek-r1")
    row = next(r for r in page.split("<tr>") if 'href="../quantities/pretraining-tokens/"' in r)
    assert cell.claim is not None
    assert f'href="../claims/{cell.claim.id}/"' in row and "↑ V3-Base" in row
    assert ctx.value_text(cell.claim) in row
    past = matrix.render(ctx, as_of="2025-01-20", page=timeline.as_of_page("2025-01-20"))
    assert "Disclosure matrix as of 2025-01-20" in past


def test_timeline_lists_each_primary_document_with_what_it_changed(ctx: SiteContext) -> None:
    kb = ctx.kb
    events = timeline.events(kb)
    keys = [e.key for e in events]
    assert keys == sorted(keys)
    primary = {s.id for s in kb.sources.values() if s.primary}
    assert {sid for e in events for sid in e.sources} == primary
    for e in events:
        for c in e.figures:
            assert c.status in ("disclosed", "derived")
        for c in e.gaps:  # an undisclosed record whose history says this disclosure closed it
            assert c.status == "undisclosed"
            assert any(
                h.get("verdict") == "outdated" and kb.sources[h["source"]].published == e.date
                for h in c.history
            )
    nature = next(e for e in events if "nature-2025-deepseek-r1-supplementary" in e.sources)
    assert "r1-rl-cost-undisclosed-2025-01" in [c.id for c in nature.gaps]
    assert "r1-rl-cost" in [c.id for c in nature.figures]
    page = timeline.render(ctx, events)
    for date in timeline.snapshot_dates(events):
        assert f'href="../{timeline.FOLDER}/{date}/"' in page or f"{date}/" in page
    assert len(timeline.snapshot_dates(events)) <= timeline.MAX_SNAPSHOTS


def test_transparency_counts_match_the_cells(ctx: SiteContext) -> None:
    page = transparency.render(ctx)
    d = Disclosure(ctx.kb)
    for m in ctx.models_in_order():
        cells = [d.cell(q, m.id) for q in ctx.kb.quantities]
        own = sum(c.kind in ("disclosed", "derived") for c in cells)
        applicable = sum(c.kind != "not-applicable" for c in cells)
        row = page.split(f'href="#{md_anchor(f"m-{m.id}")}"')[1].split("</tr>")[0]
        total = row.rsplit("<td>", 1)[1]
        assert total.startswith(f"<strong>{own}</strong> / {applicable}") or applicable == 0


def test_every_model_link_of_the_summary_table_reaches_its_heading(ctx: SiteContext) -> None:
    """The table linked to "#m-deepseek-r1-distill-qwen-1.5b", the heading's id is
    "m-deepseek-r1-distill-qwen-1-5b" (found by a review of the built site)."""
    page = transparency.render(ctx)
    ids = set(re.findall(r"\{ #([\w-]+)", page))
    links = re.findall(r'href="#([^"]+)"', page)
    assert links and set(links) <= ids, set(links) - ids


def test_chart_rows_have_unique_short_labels(ctx: SiteContext) -> None:
    for q in ctx.kb.quantities.values():
        claims = [c for c in ctx.kb.by("quantity", q.id) if not c.withdrawn]
        points = chart_points(ctx, q, claims, uses_log_scale(ctx, q, claims))
        labels = [f"{p.label} · {p.who}" for p in points]
        assert len(labels) == len(set(labels)), q.id
        assert all(not p.label.startswith("DeepSeek-") or p.label == "DeepSeek" for p in points)
    cost = ctx.kb.quantities["training-cost"]
    claims = ctx.kb.by("quantity", "training-cost")
    r1 = [p.label for p in chart_points(ctx, cost, claims) if p.claim.subject == "deepseek-r1"]
    assert "R1 · RL R1 stage" in r1 and "R1 · SFT data" in r1


def test_linear_axis_fits_figures_far_from_zero(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["math-500"]
    claims = ctx.kb.by("quantity", "math-500")
    points = chart_points(ctx, q, claims, False)
    lo, hi, _ticks = _axis(points, False, False)
    values = [p.low for p in points if p.low is not None]
    assert lo > 0 and lo <= min(values) and hi >= max(values)
    assert (max(values) - min(values)) / (hi - lo) > 0.5  # the figures use most of the axis


def test_quantity_page_leads_with_a_comparison_table(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["math-500"]
    page = quantity.render(ctx, q)
    compare, chart, detail = (page.index(s) for s in ("r1kb-compare", "## Chart", "## All claims"))
    assert compare < chart < detail
    table = page.split("r1kb-compare")[1].split("</table>")[0]
    for c in ctx.kb.by("quantity", "math-500"):
        if c.verdict == "accurate":
            assert f'href="../../claims/{c.id}/"' in table
            row = table.split(f'href="../../claims/{c.id}/"')[1].split("</tr>")[0]
            assert ctx.value_text(c).replace(" ", "&nbsp;") in row or ctx.value_text(c) in row
            assert f"r1kb-status--{c.status}" in row and f"r1kb-verdict--{c.verdict}" in row


def test_comparison_rows_have_unique_labels(ctx: SiteContext) -> None:
    for qid in ("training-cost", "total-parameters", "math-500", "training-gpu-hours"):
        page = quantity.render(ctx, ctx.kb.quantities[qid])
        table = page.split("r1kb-compare")[1].split("</table>")[0]
        labels = [r.split("</a></th>")[0].rsplit(">", 1)[1] for r in table.split("<tr>")[2:]]
        assert labels and len(labels) == len(set(labels)), (qid, labels)

"""The home page's headline cards on the real knowledge base: R1's own figures are never
shown without the figure of the model R1 is built on, when the two differ."""

from __future__ import annotations

import pytest

from r1kb.site import analysis, answer, build
from r1kb.site.context import SiteContext
from r1kb.site.dates import DataDates
from r1kb.site.escape import html_text
from r1kb.site.pages import home, model
from r1kb.site.urls import Urls
from r1kb.site.vocabulary import MISCONCEPTION_VERDICTS
from site_helpers import REAL_DATA


@pytest.fixture(scope="module")
def real_ctx(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    return SiteContext(
        kb=build.load_validated(REAL_DATA, []),
        urls=Urls(),
        dates=DataDates(latest="2026-11-23", from_git=True),
        project_root=tmp_path_factory.mktemp("home"),
        schema_dir=REAL_DATA / "schema",
    )


def test_r1_cost_card_names_the_base_models_cost(real_ctx: SiteContext) -> None:
    heads = {h.quantity.id: h for h in analysis.headlines(real_ctx.kb)}
    cost = heads["training-cost"]
    assert cost.claim is not None and cost.claim.subject == "deepseek-r1"
    assert cost.claim.value == 294000 and cost.via is None
    assert cost.base is not None and cost.base.subject == "deepseek-v3-base"
    assert cost.base.value == 5328000


def test_equal_figures_are_not_repeated(real_ctx: SiteContext) -> None:
    heads = {h.quantity.id: h for h in analysis.headlines(real_ctx.kb)}
    assert heads["total-parameters"].claim.value == 671e9  # type: ignore[union-attr]
    assert heads["total-parameters"].base is None  # V3-Base's 671B is the same figure


def test_home_answers_the_cost_question_once(real_ctx: SiteContext) -> None:
    """R1's own stages, its base model and the total with what it leaves out, each with its
    badges; no card repeats one of those figures on its own."""
    page = home.render(real_ctx)
    found = {a.own.quantity: a for a in answer.answers(real_ctx)}
    cost = found["training-cost"]
    assert cost.own.subject == "deepseek-r1" and cost.total.subject == "deepseek-r1"
    assert cost.own.id in [i["claim"] for i in cost.total.derivation["inputs"].values()]  # type: ignore[index]
    assert {c.subject for c in cost.base} == {"deepseek-v3-base"}
    # the parts add up: the base and R1's own make the total, the stages make R1's own
    parts = sum(float(c.value) for c in [*cost.base, cost.own])  # type: ignore[arg-type]
    assert parts == pytest.approx(float(cost.total.value), rel=0.01)  # type: ignore[arg-type]
    stages = sum(float(c.value) for c in cost.stages)  # type: ignore[arg-type]
    assert len(cost.stages) >= 2 and stages == pytest.approx(float(cost.own.value), rel=0.02)  # type: ignore[arg-type]
    html = page.split('<div class="r1kb-answer">')[1 + list(found).index("training-cost")]
    order = [cost.total, *cost.base, cost.own, *cost.stages]
    positions = [html.index(f'href="claims/{c.id}/"') for c in order]
    assert positions == sorted(positions)
    for c in order:  # every figure with both badges in its row
        row = html.split(f'href="claims/{c.id}/"')[1].split("</tr>")[0]
        assert f"r1kb-status--{c.status}" in row and f"r1kb-verdict--{c.verdict}" in row
    assert html_text(cost.total.scope or "") in html
    cards = page.split('class="r1kb-cards">')[1].split("<!-- /r1kb:block -->")[0].split("r1kb-card")
    assert not [c for c in cards if "/training-cost/" in c or "/training-gpu-hours/" in c]
    sheet = model.render(real_ctx, real_ctx.kb.models["deepseek-r1"])
    assert "What it took to train" in sheet and f"claims/{cost.total.id}/" in sheet


def test_most_repeated_misconceptions_are_ranked_by_distinct_sources(
    real_ctx: SiteContext,
) -> None:
    ranked = analysis.most_repeated(real_ctx.kb, limit=50)
    counts = [r.sources for r in ranked]
    assert counts == sorted(counts, reverse=True)
    for r in ranked:
        assert all(c.verdict in MISCONCEPTION_VERDICTS for c in r.claims)
        assert r.sources == len({s for c in r.claims for s in c.source_ids("claims")})
    top = analysis.most_repeated(real_ctx.kb)
    r1_cost = [r for r in top if (r.subject, r.quantity) == ("deepseek-r1", "training-cost")]
    assert r1_cost, "the $5.6M/$6M claims about R1's cost are among the most repeated"
    page = home.render(real_ctx)
    repeated = page.split('<ol class="r1kb-repeated">')[1].split("</ol>")[0]
    assert f'href="claims/{r1_cost[0].lead.id}/"' in repeated

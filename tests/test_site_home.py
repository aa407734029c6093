"""The home page's headline cards on the real knowledge base: R1's own figures are never
shown without the figure of the model R1 is built on, when the two differ."""

from __future__ import annotations

import pytest

from r1kb.site import analysis, build
from r1kb.site.context import SiteContext
from r1kb.site.dates import DataDates
from r1kb.site.pages import home
from r1kb.site.urls import Urls
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


def test_home_card_shows_both_figures(real_ctx: SiteContext) -> None:
    page = home.render(real_ctx)
    card = next(c for c in page.split('<div class="r1kb-card">') if "/training-cost/" in c)
    assert "$294K" in card and "$5.328M" in card
    assert "which R1 is built on" in card
    assert 'href="claims/v3-base-pretraining-cost/"' in card

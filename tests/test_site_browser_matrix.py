"""The disclosure matrix, the timeline and the cost answer in headless Chromium, at 1280 and
390 px, light and dark: the head row and the quantity column stay in view while the table
scrolls, the filters hide groups and models, every cell shows its value, nothing overflows
the page. Fixtures (the real site, served; the browser) come from test_site_browser."""

# ruff: noqa: F811  (the fixtures imported from test_site_browser are parameters here)
from __future__ import annotations

from pathlib import Path

import pytest

from test_site_browser import artifacts, base_url, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_matrix_head_sticks_filters_work_and_cells_show_values(
    browser, base_url: str, artifacts: Path, width: int, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "matrix/")
    assert page.evaluate(NO_OVERFLOW)
    box = page.locator(".r1kb-matrix-scroll")
    head = page.locator("table.r1kb-dmatrix thead th").nth(1)
    corner = page.locator("table.r1kb-dmatrix th[scope=row]").first
    top, left = box.bounding_box()["y"], box.bounding_box()["x"]  # type: ignore[index]
    box.evaluate("b => { b.scrollTop = 3000; b.scrollLeft = 400; }")
    assert head.bounding_box()["y"] == pytest.approx(top, abs=2)  # type: ignore[index]
    assert corner.bounding_box()["x"] == pytest.approx(left, abs=2)  # type: ignore[index]
    # every cell that holds a claim shows the value with its status icon
    filled = page.locator("table.r1kb-dmatrix td > a:first-child")
    texts = filled.evaluate_all(
        "as => as.map(a => [a.innerText.trim(), !!a.querySelector('.r1kb-i')])"
    )
    assert len(texts) > 400 and all(text and icon for text, icon in texts)
    page.screenshot(path=str(artifacts / f"matrix-sticky-{width}-{scheme}.png"))
    box.evaluate("b => { b.scrollTop = 0; b.scrollLeft = 0; }")
    page.locator("form.r1kb-filters input[name=g][value=benchmark]").uncheck()
    assert page.locator("tbody[data-g=benchmark]").is_hidden()
    r1 = page.locator("form.r1kb-filters label", has_text="R1").locator("input").first
    column = r1.get_attribute("value")
    r1.uncheck()
    visible = page.locator(f"table.r1kb-dmatrix [data-m='{column}']").evaluate_all(
        "cs => cs.filter(c => c.offsetParent !== null).length"
    )
    assert visible == 0
    assert page.locator("tbody[data-g=parameters]").is_visible()
    page.screenshot(path=str(artifacts / f"matrix-filtered-{width}-{scheme}.png"))
    context.close()


@pytest.mark.parametrize(("width", "scheme"), [(1280, "dark"), (390, "light")])
def test_timeline_and_cost_answer_fit_and_link(
    browser, base_url: str, artifacts: Path, width: int, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)
    answer = page.locator(".r1kb-answer").filter(has_text="Training cost")
    assert answer.is_visible() and page.evaluate(NO_OVERFLOW)
    rows = answer.locator("tr")
    assert rows.count() >= 5
    for i in range(rows.count()):  # each figure with both of its badges
        assert rows.nth(i).locator(".r1kb-status").count() == 1
        assert rows.nth(i).locator(".r1kb-verdict").count() == 1
    answer.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"home-cost-{width}-{scheme}.png"))
    page.goto(base_url + "timeline/")
    assert page.evaluate(NO_OVERFLOW)
    page.screenshot(path=str(artifacts / f"timeline-{width}-{scheme}.png"))
    page.locator("a", has_text="the matrix as it stood that day").first.click()
    page.wait_for_url("**/timeline/**")
    assert "as of" in page.locator("h1").first.inner_text()
    context.close()

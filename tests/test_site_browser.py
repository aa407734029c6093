"""End to end in headless Chromium: search for a figure, open a claim, check badges and cite box.

Debian's /usr/bin/chromium driven by Playwright (never `playwright install`); the built site
is served by Python's http.server in a thread. Screenshots go to $R1KB_ARTIFACTS (default:
the test's temporary directory).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_helpers import real_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (scripts/test.sh installs it on CI)")
    site = real_site(tmp_path_factory.mktemp("real"))
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("R1KB_ARTIFACTS")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (scripts/test.sh installs it on CI)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_search_a_figure_then_open_its_claim(browser, base_url: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base_url)
            else (external.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.goto(base_url)
    assert "DeepSeek-R1, claim by claim" in page.locator("h1").first.inner_text()
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("671", delay=60)  # key by key: fill() does not trigger search
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert "matching document" in meta
    results = page.locator(".md-search-result__item")
    assert results.count() > 0
    first = results.first
    assert "671B parameters" in first.inner_text()
    page.screenshot(path=str(artifacts / "search-671.png"))

    first.locator("a").first.click()
    page.wait_for_url("**/claims/**")
    assert "/claims/" in page.url
    heading = page.locator("h1").first.inner_text()
    assert "Total parameters of" in heading and "671B parameters" in heading
    status = page.locator(".r1kb-facts .r1kb-status").first
    verdict = page.locator(".r1kb-facts .r1kb-verdict").first
    assert status.inner_text().strip() == "disclosed"
    assert verdict.inner_text().strip() == "accurate"
    assert "DeepSeek's own document" in (status.get_attribute("title") or "")  # or relayed
    colour = status.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # filled: the status colour
    icon = status.evaluate("e => getComputedStyle(e, '::before').maskImage")
    assert icon.startswith('url("data:image/svg+xml')

    labels = page.locator(".tabbed-labels label").all_inner_texts()
    assert labels == ["BibTeX", "CSL-JSON", "RIS", "Plain text"]
    bibtex = page.locator(".tabbed-block").first.inner_text()
    claim_id = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1]
    assert bibtex.startswith(f"@misc{{r1kb:{claim_id},") and "671" in bibtex
    page.locator(".tabbed-labels label", has_text="RIS").click()
    assert "TY  - DATA" in page.locator(".tabbed-block").nth(2).inner_text()
    copy = page.locator('.tabbed-block button[title="Copy to clipboard"]')
    assert copy.count() == 4  # every format is copyable
    jsonld = page.locator('script[type="application/ld+json"]').inner_text()
    assert '"@type": "Claim"' in jsonld
    page.screenshot(path=str(artifacts / "claim.png"), full_page=True)
    assert external == []  # nothing fetched from other hosts
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_and_matrix_render_in_both_themes(
    browser, base_url: str, artifacts: Path, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "quantities/training-cost/")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    chart = page.locator("svg.r1kb-chart")
    assert chart.is_visible()
    drawn = chart.text_content() or ""
    assert "$5.576M" in drawn and "$294K" in drawn
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600  # the chart uses the page's width
    page.screenshot(path=str(artifacts / f"quantity-training-cost-{scheme}.png"), full_page=True)
    page.goto(base_url + "matrix/")
    assert page.locator("table.r1kb-dmatrix td.r1kb-c--disclosed").count() > 10
    page.screenshot(path=str(artifacts / f"matrix-{scheme}.png"))  # more: test_site_browser_matrix
    context.close()


def test_fact_sheet_reads_on_a_phone(browser, base_url: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the fact sheet's rows stack (value, badges and claim one under the other), so
    nothing of a claim is hidden off to the side; the groups are linked from the top."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "models/deepseek-r1/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tables = page.locator(".r1kb-factsheet table")
    assert tables.count() > 5  # one per group of quantities
    overflow = tables.evaluate_all("ts => ts.map(t => t.scrollWidth - t.clientWidth)")
    assert max(overflow) <= 1  # nothing to scroll sideways to
    claim = page.locator(".r1kb-factsheet td a[href*='/claims/']").first
    box = claim.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    page.locator(".r1kb-jump a", has_text="Benchmark").click()
    assert page.url.endswith("#group-benchmark")
    page.screenshot(path=str(artifacts / "fact-sheet-r1-390.png"))
    # a claim page's sources, and a claims index, stack the same way: every quote is in view
    for path in ("claims/r1-rl-cost/", "claims/"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        overflow = page.locator(".r1kb-stack table").evaluate_all(
            "ts => ts.map(t => t.scrollWidth - t.clientWidth)"
        )
        assert overflow and max(overflow) <= 1, path
    quote = page.goto(base_url + "claims/r1-rl-cost/") and page.locator(".r1kb-quote").first
    box = quote.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()

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
    title = status.get_attribute("title") or ""
    # DeepSeek's own claim ("states this figure in its own document") or a relayed one
    # ("the figure is in DeepSeek's own document; this claim is someone else's statement")
    assert "own document" in title
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
    chart = page.locator("svg.r1kb-chart-wide")
    assert chart.is_visible() and page.locator("svg.r1kb-chart-narrow").is_hidden()
    drawn = chart.text_content() or ""
    assert "$5.576M" in drawn and "$294K" in drawn
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600  # the chart uses the page's width
    page.screenshot(path=str(artifacts / f"quantity-training-cost-{scheme}.png"), full_page=True)
    page.goto(base_url + "matrix/")
    assert page.locator("table.r1kb-dmatrix td.r1kb-c--disclosed").count() > 10
    page.screenshot(path=str(artifacts / f"matrix-{scheme}.png"))  # more: test_site_browser_matrix
    context.close()


@pytest.mark.parametrize(
    ("path", "scheme"), [("quantities/training-cost/", "light"), ("quantities/math-500/", "dark")]
)
def test_charts_fit_a_phone(
    browser, base_url: str, artifacts: Path, path: str, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the narrow chart shows instead of the wide one: it fits the screen, its
    labels stay 12 px, and its rows link like the wide chart's."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg.r1kb-chart-wide").is_hidden()
    chart = page.locator("svg.r1kb-chart-narrow")
    assert chart.is_visible()
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    wrap = page.locator(".r1kb-chart-wrap").evaluate("w => w.scrollWidth - w.clientWidth")
    assert wrap <= 1  # nothing to scroll sideways inside the chart either
    sizes = chart.locator("text").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 11  # readable: not an 880-unit drawing shrunk to a phone
    rows = chart.locator("a.r1kb-chart__row")
    assert rows.count() == page.locator("svg.r1kb-chart-wide a.r1kb-chart__row").count() > 1
    name = path.strip("/").replace("/", "-") + f"-chart-390-{scheme}.png"
    page.screenshot(path=str(artifacts / name), full_page=True)
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


def _settle(page, quiet_ms: int = 2000, limit_ms: int = 90_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the result list has stopped changing (typing queues a search per key)."""
    last, still, waited = None, 0, 0
    while waited < limit_ms and still < quiet_ms:
        now = page.evaluate(
            "[...document.querySelectorAll('.md-search-result__item a')].slice(0, 5)"
            ".map(a => a.href).join() + document.querySelector('.md-search-result__meta')"
            ".innerText"
        )
        still = still + 250 if now == last else 0
        last = now
        page.wait_for_timeout(250)
        waited += 250


# (query, what the first result must be): a claim id, or a page path
SEARCHES = [
    ("294", "claims/r1-rl-cost/"),
    ("294,000", "claims/r1-rl-cost/"),
    ("5.576", "claims/v3-training-cost/"),
    ("$5.6 million", None),
    ("5.6M", None),
    ("6 million", None),
    ("DeepSeek-R1 training cost", "claims/r1-rl-cost/"),
    ("R1 cost", "claims/r1-rl-cost/"),
    ("never disclosed", None),
]


@pytest.mark.parametrize(("query", "first"), SEARCHES)
def test_search_finds_what_newcomers_type(browser, base_url: str, query: str, first) -> None:  # type: ignore[no-untyped-def]
    """Typed key by key; the first result is the expected page, and never a claim that does
    not hold up (those rank below accurate claims, model and quantity pages)."""
    from r1kb.loader import load
    from site_helpers import REAL_DATA

    kb = load(REAL_DATA).kb
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=40)
    last = query.lower().split()[-1]
    page.wait_for_function(
        "w => { const a = document.querySelector('.md-search-result__item a');"
        " return a && (new URL(a.href).searchParams.get('h') || '').toLowerCase().includes(w); }",
        arg=last,
        timeout=90_000,
    )
    _settle(page)
    href = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
    path = urlsplit(href).path.lstrip("/")
    if first:
        assert path == first, (query, path)
    if path.startswith("claims/"):
        claim = kb.claims[path.split("/")[1]]
        assert claim.verdict == "accurate", (query, path)
        if query[0].isdigit() or query.startswith("$"):
            assert claim.quantity in ("training-cost", "cumulative-training-cost"), (query, path)
    page.close()


PHONE_PAGES = [
    "",
    "models/deepseek-r1/",
    "claims/seed-javaedge-r1-rivals-o1-r1-training-cost-5.58m/",
    "claims/r1-rl-cost/",
    "misconceptions/",
    "claims/",
    "sources/",
    "quantities/training-cost/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_pages_fit_a_phone(browser, base_url: str, artifacts: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """At 390 px: no page scrolls sideways, every value in a claim table has its badges beside
    it (same row, in view), and a claim page's cite box is linked from its top."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    for path in PHONE_PAGES:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        missing = page.evaluate(
            """() => [...document.querySelectorAll('.r1kb-stack td .r1kb-value')]
              .filter(v => { const row = v.closest('tr');
                 const b = row.querySelector('.r1kb-badge');
                 if (!b) return false;  // a row with no badges (a derivation input) is fine
                 const r = b.getBoundingClientRect(), s = v.getBoundingClientRect();
                 return r.right > 390 || s.right > 390 || Math.abs(r.top - s.top) > 400; })
              .map(v => v.textContent)"""
        )
        assert missing == [], (path, missing[:5])
        # the comparison across models fills the column (Material's table wrapper once shrank
        # its cards to half the screen)
        narrow = page.evaluate(
            """() => [...document.querySelectorAll('.r1kb-compare table')]
              .filter(t => t.getBoundingClientRect().width < 0.9 * t.closest('article')
                 .getBoundingClientRect().width).length"""
        )
        assert narrow == 0, path
        name = (path.strip("/").replace("/", "-") or "home") + f"-390-{scheme}.png"
        page.screenshot(path=str(artifacts / name))
    page.goto(base_url + "claims/seed-javaedge-r1-rivals-o1-r1-training-cost-5.58m/")
    correction = page.locator(".r1kb-correction").bounding_box()
    assert correction is not None and correction["y"] < 844  # in the first screen
    page.locator(".r1kb-to-cite a").click()
    page.wait_for_timeout(300)
    cite = page.locator(".tabbed-labels").first.bounding_box()
    assert cite is not None and 0 <= cite["y"] < 844
    context.close()

"""Value formatting, escaping, URLs, badges: the pieces every page is made of."""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from r1kb.kb import STATUSES, VERDICTS, Unit
from r1kb.site import badges, escape
from r1kb.site.dates import data_dates
from r1kb.site.formatting import Formatter
from r1kb.site.urls import Urls, _relpath
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS
from site_helpers import REAL_DATA


@pytest.fixture(scope="module")
def fmt() -> Formatter:
    """The units of the real data/quantities.yaml."""
    raw = yaml.safe_load((REAL_DATA / "quantities.yaml").read_text(encoding="utf-8"))
    return Formatter({uid: Unit(id=uid, **u) for uid, u in raw["units"].items()})


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (671000000000, "parameters", "671B parameters"),
        (1500000000, "parameters", "1.5B parameters"),
        (5576000, "USD", "$5.576M"),
        (294000, "USD", "$294K"),
        (5580000, "USD", "$5.58M"),
        (1.6e9, "USD", "$1.6B"),
        (2, "USD", "$2"),
        (2788000, "GPU-hours", "2.788M GPU-hours"),
        (5000, "GPU-hours", "5K GPU-hours"),
        (180000, "GPU-hours-per-trillion-tokens", "180K GPU-hours per trillion tokens"),
        (14800000000000, "tokens", "14.8T tokens"),
        (128000, "tokens", "128K tokens"),
        (163840, "tokens", "163,840 tokens"),  # a context length, not "163.84K"
        (32768, "tokens", "32,768 tokens"),
        (1500, "GPU-hours", "1.5K GPU-hours"),
        (5328, "USD", "$5,328"),
        (2500000, "tokens", "2.5M tokens"),
        (2048, "GPUs", "2,048 GPUs"),
        (50000, "GPUs", "50,000 GPUs"),
        (1, "GPUs", "1 GPU"),
        (2, "USD-per-GPU-hour", "$2 per GPU-hour"),
        (0.55, "USD-per-million-tokens", "$0.55 per million tokens"),
        (113000000, "USD-per-week", "$113M per week"),
        (79.8, "percent", "79.8%"),
        (2029, "rating", "2,029"),
        (61, "count", "61"),
        (15360, "sequences", "15,360 sequences"),
        (800000, "samples", "800K samples"),
        (54.2, "days", "54.2 days"),
        (87072, "USD-per-day", "$87,072 per day"),
        (562027, "USD-per-day", "$562,027 per day"),
        (1, "USD-per-day", "$1 per day"),
        (2500000, "kWh", "2.5M kWh"),
        (1, "kWh", "1 kWh"),
        (1200, "MWh", "1,200 MWh"),
        (588, "tCO2e", "588 t CO₂e"),
        (1, "tCO2e", "1 t CO₂e"),
        (1, "litres", "1 litre"),
        (3.7, "days-per-trillion-tokens", "3.7 days per trillion tokens"),
        (3e-06, "ratio", "3 × 10⁻⁶"),
        (0.00022, "ratio", "2.2 × 10⁻⁴"),
        (0.001, "ratio", "0.001"),
        (3.2856e24, "FLOP", "3.29 × 10²⁴ FLOP"),  # a magnitude, as people write it
        (32768, "tokens", "32,768 tokens"),
        ({"high": 2}, "months", "< 2 months"),
        ({"low": 1000000}, "USD", "> $1M"),
        ({"low": 10000000000, "high": 1000000000000}, "parameters", "10B–1T parameters"),
        ({"low": 1000000, "high": 6000000}, "USD", "$1M–$6M"),
        ("2025-01-20", "date", "2025-01-20"),
        ("MIT License", "text", "MIT License"),
        (None, "USD", "not disclosed"),
    ],
)
def test_values_read_as_a_reader_expects(fmt: Formatter, value, unit, shown) -> None:  # type: ignore[no-untyped-def]
    assert fmt.value(value, unit) == shown


def test_no_digit_is_rounded_away(fmt: Formatter) -> None:
    assert fmt.value(1234567, "USD") == "$1.234567M"
    assert fmt.value(2664000, "GPU-hours") == "2.664M GPU-hours"
    assert fmt.value(0.1 + 0.2, "percent") == "0.30000000000000004%"  # the record's own float


def test_exact_and_spelled_forms(fmt: Formatter) -> None:
    assert fmt.exact(671000000000, "parameters") == "671,000,000,000 parameters"
    assert fmt.exact(5576000, "USD") == "$5,576,000"
    assert fmt.exact(3.2856e24, "FLOP") == "3,285,600,000,000,000,000,000,000 FLOP"
    assert fmt.exact({"low": 10**10, "high": 10**12}, "parameters") == (
        "10,000,000,000–1,000,000,000,000 parameters"
    )
    assert fmt.exact(2048, "GPUs") is None  # nothing scaled: nothing to add
    assert fmt.spelled(671000000000) == "671 billion"
    assert fmt.spelled(14800000000000) == "14.8 trillion"
    assert fmt.spelled(2048) is None


def test_computed_results_keep_six_significant_digits(fmt: Formatter) -> None:
    assert fmt.computed(5576000.000000001, "USD") == "$5.576M"
    assert fmt.computed(11340000.0, "USD-per-week") == "$11.34M per week"
    assert fmt.constant(24, "hours") == "24 hours"
    assert fmt.constant(7, "1") == "7"


def test_unknown_units_are_written_out() -> None:
    fmt = Formatter({"x": Unit("x", "widgets", "[widget]")})
    assert fmt.value(3, "x") == "3 widgets"
    assert fmt.value(3, "furlongs") == "3 furlongs"


# --- escaping ---------------------------------------------------------------------------------


def test_html_text_escapes_markup_and_quotes() -> None:
    assert escape.html_text('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


def test_md_text_leaves_no_markdown_or_html_active() -> None:
    out = escape.md_text("*a* _b_ [c](d) <e> `f` {: #g} | h & i")
    for ch in "*_[]()<>`{}|":
        assert ch not in out
    assert "&#42;a&#42;" in out
    assert "&#38; i" in out


HIDDEN = [
    "\x1b",
    "\x00",
    "\x7f",
    "\x9b",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


@pytest.mark.parametrize("ch", HIDDEN, ids=lambda ch: f"U+{ord(ch):04X}")
@pytest.mark.parametrize(
    "helper",
    [escape.html_text, escape.html_code, escape.md_text, escape.render_markdown],
    ids=lambda f: f.__name__,
)
def test_controls_and_bidi_overrides_are_shown_as_escapes(helper, ch: str) -> None:  # type: ignore[no-untyped-def]
    out = helper(f"a{ch}b")
    assert ch not in out
    assert ch.encode("unicode_escape").decode("ascii").replace("\\", "&#92;") in out


@pytest.mark.parametrize("ch", HIDDEN, ids=lambda ch: f"U+{ord(ch):04X}")
def test_json_for_script_writes_controls_and_bidi_overrides_as_json_escapes(ch: str) -> None:
    text = escape.json_for_script({"a": f"x{ch}y"})
    assert ch not in text and json.loads(text) == {"a": f"x{ch}y"}


def test_line_breaks_and_tabs_stay_whitespace_in_html() -> None:
    assert escape.html_text("a\tb\nc\r") == "a\tb\nc\r"


@pytest.mark.parametrize(
    "anchor",
    [
        "x } <img src=x onerror=alert(1)> {",
        "a onclick=alert(1)",
        'q" onmouseover="alert(1)',
        "",
        "}}}",
    ],
)
def test_heading_anchors_cannot_leave_the_attribute_list(anchor: str) -> None:
    """A schema file name or a model id in `{ #anchor }` used to add attributes and elements."""
    from r1kb.site.components import heading

    line = heading(2, "Title", anchor=f"schema-{anchor}").strip()
    attr = line.split("{ #", 1)[1]
    assert attr.endswith(" }") and re.fullmatch(r"[A-Za-z0-9_-]+", attr[:-2]), line
    import markdown

    html = markdown.markdown(line, extensions=["attr_list"])
    assert "<img" not in html and not re.search(r"\son\w+=", html), html


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("../relative", None),
        ("https://exa mple.org", None),
        (None, None),
    ],
)
def test_only_http_links_are_kept(url, safe) -> None:  # type: ignore[no-untyped-def]
    assert escape.safe_url(url) == safe


def test_external_link_drops_unsafe_urls() -> None:
    assert escape.external_link("javascript:alert(1)", "x<") == "x&lt;"
    link = escape.external_link("https://e.org/?a=1&b=2", "T")
    assert link == '<a href="https://e.org/?a=1&amp;b=2" rel="noopener">T</a>'


def test_markdown_renders_without_raw_html_or_unsafe_links() -> None:
    html = escape.render_markdown(
        "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "<div onclick=alert(3)>block</div>\n\n"
        "[js](javascript:alert(4)) [ok](https://example.org) [rel](../x)\n\n"
        "![pixel](https://evil.example/p.png) `<code>`"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "&lt;script&gt;" in html and "&lt;div onclick=alert(3)&gt;" in html
    assert "javascript:" not in html and "../x" not in html
    assert 'href="https://example.org"' in html
    assert "evil.example" not in html and "<span>pixel</span>" in html
    assert "<code>&lt;code&gt;</code>" in html


def test_inline_markdown_has_no_paragraph() -> None:
    assert escape.render_markdown("a `b`", inline=True) == "a <code>b</code>"


def test_json_for_script_cannot_close_the_script() -> None:
    text = escape.json_for_script({"a": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


# --- URLs -----------------------------------------------------------------------------------------


def test_relative_links_with_directory_urls() -> None:
    u = Urls()
    assert u.url("claims/a.md") == "claims/a/"
    assert u.url("index.md") == ""
    assert u.rel("claims/a.md", "models/b.md") == "../../models/b/"
    assert u.rel("index.md", "claims/a.md") == "claims/a/"
    assert u.rel("claims/a.md", "index.md") == "../../"
    assert u.rel("claims/index.md", "claims/a.md") == "a/"
    assert u.rel("claims/a.md", "claims/a.md") == "./"
    assert u.rel("quantities/x.md", "quantities/x.svg") == "../x.svg"


def test_relative_links_without_directory_urls() -> None:
    u = Urls(use_directory_urls=False)
    assert u.url("claims/a.md") == "claims/a.html"
    assert u.rel("claims/a.md", "models/b.md") == "../models/b.html"
    assert u.rel("claims/a.md", "index.md") == "../index.html"
    assert u.rel("claims/a.md", "claims/index.md") == "./index.html"


def test_permalinks_use_site_url_when_configured() -> None:
    assert Urls().permalink("claims/a.md") == "/claims/a/"
    assert (
        Urls(site_url="https://e.org/kb").permalink("claims/a.md") == "https://e.org/kb/claims/a/"
    )


# --- badges ---------------------------------------------------------------------------------------


def test_every_status_and_verdict_has_one_term() -> None:
    assert tuple(STATUS_TERMS) == STATUSES
    assert tuple(VERDICT_TERMS) == VERDICTS
    icons = [t.icon for t in (*STATUS_TERMS.values(), *VERDICT_TERMS.values())]
    assert len(set(icons)) == len(icons)


def test_badges_carry_class_word_and_meaning() -> None:
    b = badges.status_badge("disclosed")
    assert 'class="r1kb-badge r1kb-status r1kb-status--disclosed"' in b
    assert ">disclosed</span>" in b
    assert "DeepSeek states this figure in its own document" in b
    v = badges.verdict_badge("misleading", compact=True)
    assert "r1kb-verdict--misleading" in v and "r1kb-badge--compact" in v
    assert '<span class="r1kb-sr">misleading</span>' in v
    assert badges.status_badge("<x>") == '<span class="r1kb-badge">&lt;x&gt;</span>'


def test_badge_icons_are_inline_svg_masks() -> None:
    css = badges.badge_css()
    for kind, terms in (("status", STATUS_TERMS), ("verdict", VERDICT_TERMS)):
        for term in terms:
            assert f".r1kb-{kind}--{term}{{--r1kb-icon:url('data:image/svg+xml" in css
    assert "http://" not in css.replace("http://www.w3.org/2000/svg", "")
    svg = badges.icon_svg("check-decagram")
    assert svg is not None and ElementTree.fromstring(svg).tag.endswith("svg")


# --- dates ----------------------------------------------------------------------------------------


def _touch(path: Path, day: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x: 1\n", encoding="utf-8")
    stamp = dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
    os.utime(path, (stamp, stamp))


def test_data_dates_from_file_times_without_git(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _touch(tmp_path / "claims" / "a.yaml", "2025-01-02")
    _touch(tmp_path / "claims" / "b.yaml", "2025-03-04")
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no git at all: no crash
    found = data_dates(tmp_path)
    assert not found.from_git
    assert found.latest == "2025-03-04"
    assert found.of("claims/a.yaml") == "2025-01-02"
    assert found.of("claims/missing.yaml") == "2025-03-04"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_data_dates_from_git_history(tmp_path: Path) -> None:
    _touch(tmp_path / "claims" / "a.yaml", "2030-01-01")  # file time ignored when committed
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2025-02-03T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-02-03T10:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], env=env, check=True)
    found = data_dates(tmp_path)
    assert found.from_git and found.of("claims/a.yaml") == "2025-02-03"
    _touch(tmp_path / "claims" / "b.yaml", "2026-05-06")  # not committed: its file time
    assert data_dates(tmp_path).latest == "2026-05-06"


_SEGMENT = st.sampled_from(["claims", "x", "a-b", "index.html", "c.svg", ".", "", "claims"])


@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=4))
def test_relative_paths_are_posixpath_s(target: list[str], base: list[str]) -> None:
    """Links between pages: the fast relpath gives what posixpath.relpath gives (for paths
    from the site root, which never start with "/")."""
    t, b = "/".join(target).lstrip("/"), "/".join(base).lstrip("/")
    for to in (t, f"{t}/" if t else t):
        assert _relpath(to, b) == posixpath.relpath(to or ".", b or ".")

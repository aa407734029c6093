"""A misconception never reads as a fact; search finds what readers type (issue 11, §1 and §2).

Built site (the real data): for every claim that does not hold up, the page title, the meta
description and the search entry say who says it and the verdict, and the correction stands
under the heading before anything else; closed gaps read as gaps. The search index carries
each page's figures in people's notations, model names and quantity synonyms.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from r1kb.kb import Claim
from r1kb.loader import load
from r1kb.site import framing, search_terms
from r1kb.site.vocabulary import VERDICT_TERMS
from site_helpers import REAL_DATA, real_site

pytestmark = pytest.mark.slow

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_site(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load(REAL_DATA).kb


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, dict[str, str]]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {d["location"]: d for d in data["docs"]}


def _not_accurate(kb) -> list[Claim]:  # type: ignore[no-untyped-def]
    return [c for c in kb.live_claims() if c.verdict != "accurate"]


def _publishers(kb, claim: Claim) -> list[str]:  # type: ignore[no-untyped-def]
    ids = claim.source_ids("claims") or claim.source_ids()
    return [kb.sources[s].publisher for s in ids if s in kb.sources]


def test_every_claim_that_does_not_hold_up_is_framed(site: Path, kb, index) -> None:  # type: ignore[no-untyped-def]
    claims = _not_accurate(kb)
    assert len(claims) > 40
    gaps = 0
    for c in claims:
        html = (site / "claims" / c.id / "index.html").read_text(encoding="utf-8")
        title = unescape(_TITLE.search(html).group(1))  # type: ignore[union-attr]
        description = unescape(_DESCRIPTION.search(html).group(1))  # type: ignore[union-attr]
        entry = index[f"claims/{c.id}/"]["title"]
        label = VERDICT_TERMS[c.verdict].label
        if framing.is_closed_gap(c):
            gaps += 1
            date = framing.closed(c).date or ""
            for text in (title, entry):
                assert f"not disclosed until {date}" in text and "gap closed" in text, c.id
            assert description.startswith(f"A gap that closed on {date}"), c.id
        else:
            first = _publishers(kb, c)[0]
            for text in (title, entry):
                assert text.startswith(first) and " says " in text, (c.id, text)
                assert text.endswith(f"— {label}") or f"— {label} " in text, (c.id, text)
            assert description.startswith(first) and f"Verdict: {c.verdict}." in description
        # the correction first, then the claim's own statement, then its sources
        h1 = html.index("<h1")
        correction = html.index("r1kb-correction")
        statement = html.index("r1kb-statement")
        sources = html.index('id="sources"')
        assert h1 < correction < statement < sources, c.id
        for fix in framing.corrections(_Ctx(kb), c):
            assert html.index(f"../{fix.id}/") < sources, (c.id, fix.id)
        assert "On record:" in description or not c.related("corrected_by"), c.id
    assert gaps >= 10


class _Ctx:
    """The one thing framing.corrections needs of a site context."""

    def __init__(self, kb) -> None:  # type: ignore[no-untyped-def]
        self.kb = kb


def test_accurate_claims_keep_their_plain_title(site: Path) -> None:
    html = (site / "claims" / "r1-rl-cost" / "index.html").read_text(encoding="utf-8")
    assert "<title>Training cost of DeepSeek-R1: $294K" in html
    assert "r1kb-correction" not in html
    assert 'href="#cite-this-claim"' in html and 'id="cite-this-claim"' in html


def test_misconceptions_page_lists_closed_gaps_apart(site: Path, kb) -> None:  # type: ignore[no-untyped-def]
    html = (site / "misconceptions" / "index.html").read_text(encoding="utf-8")
    gaps_at = html.index('id="gaps-closed"')
    outdated_at = html.index('id="outdated"')
    for c in _not_accurate(kb):
        link = f'href="../claims/{c.id}/"'
        where = html.index(link)
        if framing.is_closed_gap(c):
            assert where > gaps_at, c.id
        elif c.verdict == "outdated":
            assert outdated_at < where < gaps_at, c.id


def test_search_entries_carry_notations_names_and_synonyms(index, kb) -> None:  # type: ignore[no-untyped-def]
    words = index["claims/r1-rl-cost/"]["keywords"].split()
    for notation in ("294", "294,000", "294K", "$294K", "0.294M"):
        assert any(w.lower().startswith(notation.lower()) for w in words), notation
    v3 = index["claims/v3-training-cost/"]["keywords"]
    for notation in ("5.576M", "5.6M", "$5.6 million"):
        assert notation in v3
    for term in kb.quantities["training-cost"].terms:
        assert term.rstrip("*") in index["quantities/training-cost/"]["keywords"], term
    assert "DeepSeek-R1" in index["models/deepseek-r1/"]["keywords"]
    misleading = index["claims/seed-javaedge-r1-rivals-o1-cost-covers-final-run-only/"]
    assert misleading["keywords"].endswith("misleading")
    # accurate claims, model and quantity pages rank above misconceptions for the same words
    assert index["claims/r1-rl-cost/"]["boost"] > misleading["boost"]
    assert index["models/deepseek-r1/"]["boost"] > misleading["boost"]
    assert index["quantities/training-cost/"]["boost"] > misleading["boost"]
    # sections that repeat other claims or the citation stay out of the index
    assert not [loc for loc in index if loc.endswith(("#cite-this-claim", "#related-claims"))]


def test_notations_of_a_cost_and_a_context_length() -> None:
    cost = search_terms.notations(294000, "USD")
    assert {"294,000", "294000", "294K", "$294K", "0.294M", "$0.294M"} <= set(cost)
    big = search_terms.notations(5576000, "USD")
    assert {"5.576M", "5.6M", "$5.6M", "$5.6 million", "6 million"} <= set(big)
    tokens = search_terms.notations(131072, "tokens")
    assert "128K" in tokens and "131,072" in tokens
    assert search_terms.notations(79.8, "%") == ["79.8"]  # scores are not rounded


def test_fact_sheet_leads_with_the_firmest_accurate_figure() -> None:
    """R1's pre-training tokens: V3-Base's 14.8T from DeepSeek's report first (R1 is built on
    it), then Milvus's 100B–1T, marked as a claim that does not hold up."""
    from r1kb.site import build
    from r1kb.site.pages import model
    from site_helpers import ROOT

    ctx = build.prepare(ROOT)
    html = model.render(ctx, ctx.kb.models["deepseek-r1"])
    row = html[html.index("../../quantities/pretraining-tokens/") :]
    assert row.index("v3-base-pretraining-tokens/") < row.index("seed-milvus-training-duration")
    assert row.index("14.8T") < row.index("claimed, does not hold up") < row.index("100B–1T")
    assert "which this model is built on" in row[: row.index("100B–1T")]

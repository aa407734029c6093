"""JSON-LD for a claim page: a schema.org `Claim`, and a `ClaimReview` carrying the verdict.

The review's rating puts the verdicts on schema.org's 1-5 scale (5 = accurate) with the
verdict's name as `alternateName`, which is what readers of ClaimReview display. A withdrawn
claim keeps its Claim but no review.
"""

from __future__ import annotations

from typing import Any

from r1kb.kb import Claim
from r1kb.site.context import CITATION_AUTHOR, CONTAINER_TITLE, SiteContext
from r1kb.site.escape import json_for_script, safe_url
from r1kb.site.vocabulary import VERDICT_TERMS

RATING = {"accurate": 5, "outdated": 4, "misleading": 3, "unsupported": 2, "inaccurate": 1}


def _appearance(ctx: SiteContext, claim: Claim) -> list[dict[str, Any]]:
    out = []
    for source in ctx.claiming_sources(claim):
        work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        url = safe_url(source.url)
        if url:
            work["url"] = url
        if source.published:
            work["datePublished"] = source.published
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
        out.append(work)
    return out


def claim_jsonld(ctx: SiteContext, claim: Claim) -> dict[str, Any]:
    url = ctx.permalink(claim)
    claim_node: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"{url}#claim",
        "url": url,
        "identifier": claim.id,
        "text": claim.statement,
        "about": {"@type": "Thing", "name": ctx.model_name(claim.subject)},
        "isPartOf": {"@type": "Dataset", "name": CONTAINER_TITLE},
    }
    appearance = _appearance(ctx, claim)
    if appearance:
        claim_node["appearance"] = appearance
    date = ctx.claim_date(claim)
    if date:
        claim_node["dateModified"] = date
    graph = [claim_node]
    if claim.withdrawn is None and claim.verdict in RATING:
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim.statement,
            "itemReviewed": {"@id": f"{url}#claim"},
            "author": {"@type": "Organization", "name": CITATION_AUTHOR},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING[claim.verdict],
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": VERDICT_TERMS[claim.verdict].label,
                "ratingExplanation": VERDICT_TERMS[claim.verdict].meaning,
            },
        }
        if date:
            review["datePublished"] = date
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}


def claim_jsonld_script(ctx: SiteContext, claim: Claim) -> str:
    """The JSON-LD text, safe to put between <script type="application/ld+json"> tags."""
    return json_for_script(claim_jsonld(ctx, claim))

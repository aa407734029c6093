"""JSON-LD: a schema.org `Claim` and a `ClaimReview` carrying the verdict for a claim page,
and a `Dataset` for the knowledge base as a whole (Home and Downloads).

The review's rating puts the verdicts on schema.org's 1-5 scale (5 = accurate) with the
verdict's name as `alternateName`, which is what readers of ClaimReview display. A withdrawn
claim keeps its Claim but no review. Without a site address, ids are fragments of the page
itself (`#claim`) and no URL is given.
"""

from __future__ import annotations

from typing import Any

from r1kb.kb import Claim
from r1kb.site.context import CITATION_AUTHOR, CONTAINER_TITLE, SiteContext
from r1kb.site.dataset import DATA_LICENCE, data_version
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


def _dataset_ref(ctx: SiteContext) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Dataset", "name": CONTAINER_TITLE}
    home = ctx.urls.absolute("index.md")
    if home:
        node["@id"] = f"{home}#dataset"
        node["url"] = home
    return node


def claim_jsonld(ctx: SiteContext, claim: Claim) -> dict[str, Any]:
    url = ctx.claim_url(claim)
    claim_node: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"{url or ''}#claim",
        "identifier": claim.id,
        "text": claim.statement,
        "about": {"@type": "Thing", "name": ctx.model_name(claim.subject)},
        "isPartOf": _dataset_ref(ctx),
    }
    if url:
        claim_node["url"] = url
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
            **({"url": url} if url else {}),
            "claimReviewed": claim.statement,
            "itemReviewed": {"@id": claim_node["@id"]},
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


def dataset_jsonld(ctx: SiteContext, downloads: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The knowledge base as a schema.org Dataset; downloads: (path in the site, media type,
    description) of each file."""
    node = _dataset_ref(ctx)
    node.update(
        {
            "description": (
                "An annotated, citable knowledge base of claims about DeepSeek-R1 and the "
                "models it is built from: every figure with its status and verdict, its "
                "sources, locators and quotes."
            ),
            "creator": {"@type": "Organization", "name": CITATION_AUTHOR},
            "license": DATA_LICENCE.url,
            "version": data_version(ctx),
            "isAccessibleForFree": True,
            "keywords": ["DeepSeek-R1", "DeepSeek-V3", "language models", "fact-checking"],
        }
    )
    if ctx.dates.latest:
        node["dateModified"] = ctx.dates.latest
    files = []
    for path, media_type, description in downloads:
        item: dict[str, Any] = {
            "@type": "DataDownload",
            "name": path.rsplit("/", 1)[-1],
            "encodingFormat": media_type,
            "description": description,
        }
        url = ctx.urls.absolute(path)
        if url:
            item["contentUrl"] = url
        files.append(item)
    node["distribution"] = files
    return {"@context": "https://schema.org", **node}


def dataset_jsonld_script(ctx: SiteContext, downloads: list[tuple[str, str, str]]) -> str:
    return json_for_script(dataset_jsonld(ctx, downloads))

"""The knowledge base as one citable dataset: its licences, its version, the access date.

The licences are stated once here and in the repository's LICENSE files (code) and
data/LICENSE (records); tests hold CITATION.cff, pyproject.toml and those files to the same
identifiers. `data_version` is the one place that says which version of the data a page,
a citation or a download carries.
"""

from __future__ import annotations

from dataclasses import dataclass

from r1kb.site.context import SiteContext
from r1kb.site.history import UNVERSIONED
from r1kb.site.release import access_date


@dataclass(frozen=True)
class Licence:
    spdx: str
    name: str
    url: str


CODE_LICENCE = Licence("MIT", "MIT License", "https://opensource.org/license/mit")
DATA_LICENCE = Licence(
    "CC-BY-4.0",
    "Creative Commons Attribution 4.0 International",
    "https://creativecommons.org/licenses/by/4.0/",
)
# Quotes are other people's words, reproduced to show where a figure comes from.
QUOTES_NOTE = (
    "Quotations inside the records are short excerpts of their sources, reproduced for "
    "verification; they remain their authors' and are not licensed by r1kb."
)
LICENCE_NOTE = (
    f"Records: {DATA_LICENCE.name} ({DATA_LICENCE.spdx}, {DATA_LICENCE.url}); "
    f"attribute to the r1kb contributors. Code: {CODE_LICENCE.name}. {QUOTES_NOTE}"
)
NO_ADDRESS_HINT = "set R1KB_SITE_URL=https://…/ when building, for absolute permalinks"
NO_ADDRESS_BUILD = (
    "r1kb: no site address (R1KB_SITE_URL is not set): citations, JSON-LD, the sitemap and "
    "the downloads carry no URL, and pages have no canonical link; " + NO_ADDRESS_HINT
)


def data_version(ctx: SiteContext) -> str:
    """The version of the data the site and its downloads carry: the data release read from
    git once per build (r1kb.site.release), else the date the data last changed."""
    version = ctx.history.version
    if version and version != UNVERSIONED:
        return version
    return ctx.dates.latest or build_date()


def build_date() -> str:
    """Today (UTC), or the date of $SOURCE_DATE_EPOCH for a reproducible build."""
    return access_date()

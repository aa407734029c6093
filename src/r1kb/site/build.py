"""Plan a site build: validate the data, then produce every page, asset and the navigation.

The MkDocs hook (scripts/mkdocs_hooks.py) only hands these to MkDocs. Nothing here imports
MkDocs, so the whole site can be rendered and tested without running a build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path
from typing import Any

from r1kb.config import find_config
from r1kb.kb import STATUSES, VERDICTS, KnowledgeBase
from r1kb.paths import ID_RE, RESERVED_IDS
from r1kb.site import badges, feed, framing, jsonld, release, search_terms
from r1kb.site import records as api
from r1kb.site.components import fill_slots, lift_blocks, toc_entries
from r1kb.site.context import SiteContext
from r1kb.site.dates import data_dates
from r1kb.site.escape import html_text
from r1kb.site.exports import EXPORTS
from r1kb.site.pages import (
    changelog,
    claim,
    contributing,
    downloads,
    home,
    indexes,
    matrix,
    methodology,
    misconceptions,
    model,
    problem_codes,
    quantity,
    schema_reference,
    source,
    timeline,
    transparency,
)
from r1kb.site.repository import Repository
from r1kb.site.urls import CLAIMS, MODELS, QUANTITIES, SOURCES, STATUS, Urls, site_url_problem
from r1kb.site.urls import VERDICTS as VERDICT_DIR

__all__ = [
    "TOC_KEY",
    "Generated",
    "SiteDataError",
    "check_ids",
    "fill_slots",
    "generate",
    "iter_generated",
    "nav",
    "prepare",
]

TOC_KEY = "r1kb_toc"  # page.meta: headings written as HTML, for the table of contents
DATA_ENV = "R1KB_DATA_DIR"  # build the site from another data directory (tests, benchmarks)
OFF_NAV = {"hide": ["navigation"]}  # pages outside the sidebar use its width for content
# Lists of claims repeat what the claim pages say: out of the search index, so that a search
# lands on claims (and indexing stays proportional to the knowledge base, not a multiple).
LIST_PAGE = {"search": {"exclude": True}, "hide": ["toc"]}
# The matrix, the summary per model and the timeline repeat every figure too (out of the
# index for the same reason); the wide tables use the whole width.
NO_SEARCH = {"search": {"exclude": True}}
TABLE_PAGE = {**NO_SEARCH, "hide": ["navigation", "toc"]}


class SiteDataError(Exception):
    """The data does not validate (or cannot be found): the message is the text report."""


@dataclass
class Generated:
    src_uri: str  # where MkDocs thinks the file lives in docs/
    content: str | bytes
    in_nav: bool = True  # claim and source pages stay out of the sidebar
    meta: dict[str, Any] = field(default_factory=dict)  # page.meta additions (JSON-LD, ...)
    blocks: list[str] = field(default_factory=list)  # HTML for the page's slots (fill_slots)


def data_location(project_root: Path) -> tuple[Path, list[Path]]:
    """The data directory ($R1KB_DATA_DIR, else [tool.r1kb] of pyproject.toml) and the
    snapshot directories quotes are checked against."""
    cfg = find_config(start=project_root)
    override = os.environ.get(DATA_ENV)
    data = Path(override).resolve() if override else cfg.data_dir
    return data, cfg.snapshot_dirs


def load_validated(data_dir: Path, snapshot_dirs: list[Path]) -> KnowledgeBase:
    """The knowledge base, or SiteDataError with the validator's text report."""
    from r1kb import reporters
    from r1kb.validate import validate

    if not data_dir.is_dir():
        raise SiteDataError(f"r1kb: data directory {str(data_dir)!r} does not exist")
    result = validate(data_dir, snapshot_dirs)
    if not result.ok:
        errors_only = reporters.text(replace(result, problems=result.errors)).splitlines()[:-1]
        summary = reporters.text(result).splitlines()[-1]
        report = "\n".join([*errors_only, summary])
        raise SiteDataError(
            "r1kb: the data does not validate, so the site is not built "
            f"(warnings are listed by `r1kb validate`):\n{report}"
        )
    kb = result.loaded.kb
    for kind, ids in (("claim", kb.claims), ("source", kb.sources), ("model", kb.models)):
        for reserved in RESERVED_IDS:
            if reserved in ids:
                raise SiteDataError(f"r1kb: the {kind} id {reserved!r} is reserved by the site")
    check_ids(kb)
    return kb


def check_ids(kb: KnowledgeBase) -> None:
    """Every id that becomes a file path or a URL of the site is kebab-case: the rules say so
    already; this keeps a page from being written outside site/ if a rule were ever skipped."""
    renamed = [rid for table in kb.renamed.values() for pair in table.items() for rid in pair]
    groups = {
        "claim": [*kb.claims, *kb.redirects, *kb.redirects.values()],
        "source": list(kb.sources),
        "model": list(kb.models),
        "quantity": list(kb.quantities),
        "renamed": renamed,
    }
    for kind, ids in groups.items():
        for rid in ids:
            if not (isinstance(rid, str) and ID_RE.match(rid)):
                raise SiteDataError(f"r1kb: the {kind} id {rid!r} cannot name a page")


def prepare(
    project_root: Path,
    *,
    site_url: str | None = None,
    use_directory_urls: bool = True,
    repo_url: str | None = None,
    edit_uri: str | None = None,
) -> SiteContext:
    """Validate the project's data and return the context every renderer uses; the
    records' git history is read here, once per build."""
    if site_url and (why := site_url_problem(site_url)):
        raise SiteDataError(
            f"r1kb: the site address {site_url!r} (site_url in mkdocs.yml: R1KB_SITE_URL) {why}"
        )
    data_dir, snapshots = data_location(project_root)
    kb = load_validated(data_dir, snapshots)
    history = release.load(data_dir)
    return SiteContext(
        kb=kb,
        urls=Urls(use_directory_urls=use_directory_urls, site_url=site_url or None),
        dates=data_dates(
            data_dir, (history.file_dates, history.dirty) if history.available else None
        ),
        project_root=project_root,
        schema_dir=data_dir / "schema",
        history=history,
        repository=Repository.from_config(repo_url, edit_uri, history.prefix),
    )


def redirect_html(
    ctx: SiteContext, old_id: str, new_id: str, kind: str = CLAIMS
) -> tuple[str, str]:
    """(path, html) of the page that sends a renamed id (claim, source, model or quantity)
    to its current page."""
    old_src = ctx.urls.src(kind, old_id)
    new_src = ctx.urls.src(kind, new_id)
    old_url = ctx.urls.url(old_src)
    path = old_url + "index.html" if old_url.endswith("/") else old_url
    target = ctx.urls.rel(old_src, new_src)
    canonical = html_text(ctx.urls.permalink(new_src) if ctx.urls.site_url else target)
    href = html_text(target)
    label = {CLAIMS: "Claim", SOURCES: "Source", MODELS: "Model", QUANTITIES: "Quantity"}[kind]
    html = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {html_text(old_id)}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f"<p>{label} <code>{html_text(old_id)}</code> is now "
        f'<a href="{href}">{html_text(new_id)}</a>.</p>\n</body>\n</html>\n'
    )
    return path, html


def generate(ctx: SiteContext, *, lift: bool = True) -> list[Generated]:
    """Every generated page and file of the site. With lift, the raw HTML blocks of each
    page are moved out of its Markdown into `blocks` (the hook fills them in again)."""
    return list(iter_generated(ctx, lift=lift))


def iter_generated(ctx: SiteContext, *, lift: bool = True) -> Iterator[Generated]:
    """`generate` one file at a time, so that a caller can shrink each (the hook packs its
    blocks) before the next is made: a large site's pages need not all be held at once."""
    files = [(f"{downloads.FOLDER}/{e.filename}", e.media_type, e.description) for e in EXPORTS]
    dataset = jsonld.dataset_jsonld_script(ctx, files)
    for g in _produce(ctx):
        if g.src_uri in ("index.md", "downloads.md"):
            g.meta["r1kb_jsonld"] = dataset
        if g.src_uri.endswith(".md") and isinstance(g.content, str):
            g.meta.setdefault("title", page_title(g.content))
            if lift:
                g.content, g.blocks = lift_blocks(g.content)
                if toc := toc_entries(g.blocks):
                    g.meta[TOC_KEY] = toc
        yield g


def _produce(ctx: SiteContext) -> Iterator[Generated]:
    kb = ctx.kb
    yield from [
        Generated("index.md", home.render(ctx)),
        Generated(ctx.urls.src(CLAIMS), indexes.all_claims(ctx), meta=dict(LIST_PAGE)),
        Generated(ctx.urls.src(SOURCES), indexes.sources(ctx), meta={"hide": ["toc"]}),
        Generated(ctx.urls.src(MODELS), indexes.models(ctx)),
        Generated(ctx.urls.src(QUANTITIES), indexes.quantities(ctx)),
        Generated("misconceptions.md", misconceptions.render(ctx)),
        Generated("matrix.md", matrix.render(ctx), meta=dict(TABLE_PAGE)),
        Generated("transparency.md", transparency.render(ctx), meta=dict(TABLE_PAGE)),
        Generated("methodology.md", methodology.render(ctx)),
        Generated("contributing.md", contributing.render(ctx)),
        Generated(changelog.PAGE, changelog.render(ctx), meta=dict(LIST_PAGE)),
        Generated(feed.PATH, feed.render(ctx), in_nav=False),
        Generated("reference/codes.md", problem_codes.render(ctx)),
        Generated("reference/schema.md", schema_reference.render(ctx)),
        Generated(badges.BADGE_CSS_PATH, badges.badge_css()),
    ]
    events = timeline.events(kb)
    yield Generated("timeline.md", timeline.render(ctx, events), meta=dict(NO_SEARCH))
    yield from [
        Generated(
            page := timeline.as_of_page(date),
            matrix.render(ctx, as_of=date, page=page),
            in_nav=False,
            meta=dict(TABLE_PAGE),
        )
        for date in sorted(timeline.snapshot_dates(events))
    ]
    yield from [
        Generated(f"{STATUS}/{s}.md", indexes.by_status(ctx, s), meta=dict(LIST_PAGE))
        for s in STATUSES
    ]
    yield from [
        Generated(f"{VERDICT_DIR}/{v}.md", indexes.by_verdict(ctx, v), meta=dict(LIST_PAGE))
        for v in VERDICTS
    ]
    yield from [
        Generated(
            ctx.src_model(m.id),
            model.render(ctx, m),
            meta={"hide": ["toc"], **search_terms.model_meta(m)},
        )
        for m in ctx.models_in_order()
    ]
    for q in kb.quantities.values():
        page = quantity.render(ctx, q)
        meta = {**OFF_NAV, **search_terms.quantity_meta(q)}
        yield Generated(ctx.src_quantity(q.id), page, in_nav=False, meta=meta)
        svg = quantity.chart_file(ctx, q)
        if svg is not None:
            yield Generated(ctx.chart_path(q), svg)
    for c in (kb.claims[i] for i in sorted(kb.claims)):
        meta = {
            **OFF_NAV,
            "r1kb_jsonld": jsonld.claim_jsonld_script(ctx, c),
            "description": html_text(framing.description(ctx, c)),
            **search_terms.claim_meta(ctx, c, gap=framing.is_closed_gap(c)),
        }
        yield Generated(ctx.src_claim(c.id), claim.render(ctx, c), in_nav=False, meta=meta)
    for sid in sorted(kb.sources):
        yield (
            Generated(
                ctx.src_source(sid), source.render(ctx, kb.sources[sid]), False, dict(OFF_NAV)
            )
        )
    for old in sorted(kb.redirects):
        current = kb.resolve(old)
        if old not in kb.claims and current is not None:
            path, html = redirect_html(ctx, old, current.id)
            yield Generated(path, html, in_nav=False)
    present = {SOURCES: kb.sources, MODELS: kb.models, QUANTITIES: kb.quantities}
    for kind, records in present.items():
        for old, new in sorted(kb.renamed.get(kind, {}).items()):
            if old not in records and new in records:
                path, html = redirect_html(ctx, old, new, kind)
                yield Generated(path, html, in_nav=False)
    sizes = {}
    for e in EXPORTS:
        text = e.render(ctx)
        sizes[e.filename] = len(text.encode("utf-8"))
        yield Generated(f"{downloads.FOLDER}/{e.filename}", text, in_nav=False)
    schemas = schema_reference.schema_files(ctx.schema_dir)
    for name, data in schemas.items():
        yield Generated(f"{downloads.FOLDER}/schema/{name}", data, in_nav=False)
    for kind, record in api.all_records(ctx):
        text = api.api_file(ctx, kind, record)
        yield Generated(api.api_path(kind, record.id), text, in_nav=False)
    yield Generated("downloads.md", downloads.render(ctx, sizes, sorted(schemas)))


def page_title(markdown: str) -> str:
    """The page's H1 as HTML-escaped text, for page.meta.title.

    Without it the theme takes the title from the H1 and writes it through Jinja's
    `striptags`, which unescapes entities: a record value such as `</title><script>` would
    become live markup in the <title> element. The theme writes page.meta.title as it is.
    """
    for line in markdown.splitlines():
        if line.startswith("# "):
            text = line[2:].split(" { #")[0]
            return html_text(unescape(text).strip())
    return ""


def nav(ctx: SiteContext) -> list[Any]:
    """The sidebar: models, the quantity index, claims by status and verdict, the rest.

    Claim, source and quantity pages stay out of it (reached through the index pages): the
    sidebar is rendered into every page, so its size multiplies the build time and the
    size of the site. Titles are HTML-escaped: the theme writes them into pages unescaped.
    """
    return [
        {"Home": "index.md"},
        {
            "Models": [ctx.urls.src(MODELS)]
            + [{html_text(m.name): ctx.src_model(m.id)} for m in ctx.models_in_order()]
        },
        {"Quantities": ctx.urls.src(QUANTITIES)},
        {
            "Claims": [
                ctx.urls.src(CLAIMS),
                {"By status": [{s.capitalize(): f"{STATUS}/{s}.md"} for s in STATUSES]},
                {"By verdict": [{v.capitalize(): f"{VERDICT_DIR}/{v}.md"} for v in VERDICTS]},
            ]
        },
        {"Sources": ctx.urls.src(SOURCES)},
        {"Misconceptions": "misconceptions.md"},
        {
            "Disclosure": [
                {"Matrix": "matrix.md"},
                {"Summary per model": "transparency.md"},
                {"What changed when": "timeline.md"},
            ]
        },
        {
            "About": [
                {"Methodology": "methodology.md"},
                {"Contributing": "contributing.md"},
                {"Changelog": changelog.PAGE},
                {"Problem codes": "reference/codes.md"},
                {"Schema reference": "reference/schema.md"},
                {"Downloads": "downloads.md"},
            ]
        },
    ]

"""Every page renderer, on a small knowledge base with hostile strings (no MkDocs run)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from r1kb.codes import CODES
from r1kb.site import analysis, build
from r1kb.site.context import SiteContext
from r1kb.site.dates import DataDates
from r1kb.site.escape import html_text, md_anchor, md_text
from r1kb.site.exports import EXPORTS
from r1kb.site.pages import (
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
)
from r1kb.site.urls import Urls
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS
from site_helpers import HOSTILE_STATEMENT, REAL_DATA, write_site_data


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    root = tmp_path_factory.mktemp("pages")
    data = write_site_data(root / "data")
    kb = build.load_validated(data, [])
    return SiteContext(
        kb=kb,
        urls=Urls(),
        dates=DataDates(latest="2025-03-04", from_git=True),
        project_root=root,
        schema_dir=REAL_DATA / "schema",
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def no_live_markup(page: str) -> None:
    """No record string turned into markup: every element and attribute is one we write."""
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "b", "i", "object", "embed"), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").lower().startswith(("javascript:", "data:"))


def test_claim_page_shows_everything(ctx: SiteContext) -> None:
    page = claim.render(ctx, ctx.kb.claims["v3-training-cost"])
    assert page.lstrip().startswith("# Training cost of DeepSeek-V3&#58; $5.576M")
    assert (
        "At an assumed $2 per GPU-hour, the official training of DeepSeek-V3 cost $5.576M." in page
    )
    assert "(5.576 million; exactly $5,576,000)" in page
    assert "r1kb-status--disclosed" in page and "r1kb-verdict--accurate" in page
    assert STATUS_TERMS["disclosed"].meaning in page
    assert '<a href="../../models/deepseek-v3/">DeepSeek-V3</a>' in page
    assert '<a href="../../quantities/training-cost/">Training cost</a>' in page
    assert "<code>gpu_hours * price</code>" in page
    assert "Recomputed: <strong>$5.576M</strong>, which agrees" in page
    assert '<a href="../v3-training-gpu-hours/">' in page  # derivation input
    assert '<q class="r1kb-quote">$5.576M</q>' in page and "p. 5, Table 1" in page
    assert "<time>2024-12-26</time>" in page  # history
    assert "<em>widely repeated</em>" in page  # notes rendered as Markdown
    assert "Corrects" in page and '<a href="../r1-training-cost-hostile/">' in page
    for i, tab in enumerate(("BibTeX", "CSL-JSON", "RIS", "Plain text"), 1):
        assert f'<label for="__tabbed_1_{i}">{tab}</label>' in page
    assert '<code class="language-bibtex">@misc{r1kb:v3-training-cost,' in page
    assert "This build has no site address" in page  # no path handed out as a permalink


def test_claim_page_escapes_a_hostile_record(ctx: SiteContext) -> None:
    page = claim.render(ctx, ctx.kb.claims["r1-training-cost-hostile"])
    no_live_markup(page)  # citations too: their code blocks are escaped (escape.html_code)
    assert "&lt;script&gt;alert(&quot;statement&quot;)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;svg onload=alert(2)&gt;" in page
    assert '<a href="https://example.org/report" rel="nofollow noopener">the report</a>' in page
    assert "<span>tracker</span>" in page and "evil.example/pixel" not in page


def test_withdrawn_claim_points_to_its_replacement(ctx: SiteContext) -> None:
    page = claim.render(ctx, ctx.kb.claims["v3-training-gpu-hours-old"])
    assert "This claim is withdrawn" in page
    assert "Withdrawn on 2025-02-01: Recorded the pre-training figure" in page
    assert 'Replaced by <a href="../v3-training-gpu-hours/">' in page


def test_undisclosed_claim_lists_what_was_checked(ctx: SiteContext) -> None:
    page = claim.render(ctx, ctx.kb.claims["r1-gpu-fleet-undisclosed"])
    assert "not disclosed" in page and "would be in GPUs" in page
    assert "Primary documents checked" in page
    assert '<a href="../../sources/toy-report/">Toy Technical Report</a>' in page


def test_model_fact_sheet(ctx: SiteContext) -> None:
    page = model.render(ctx, ctx.kb.models["deepseek-r1"])
    assert page.lstrip().startswith("# DeepSeek&#45;R1") or page.lstrip().startswith(
        "# DeepSeek-R1"
    )
    assert "671B&nbsp;parameters" in page and "MIT &lt;b&gt;License&lt;/b&gt;" in page
    assert '<a href="../deepseek-v3-base/">DeepSeek-V3-Base</a>' in page  # derived from
    assert '<a href="../deepseek-r1-0528/">DeepSeek-R1-0528</a>' in page  # derivatives
    assert page.index("Total parameters") < page.index("Training cost")  # vocabulary order
    no_live_markup(page)


def test_fact_sheet_has_a_section_per_quantity_group(ctx: SiteContext) -> None:
    m = ctx.kb.models["deepseek-r1"]
    page = model.render(ctx, m)
    claims = [c for c in ctx.kb.by("subject", m.id) if c.withdrawn is None]
    groups = [
        g for g, qids in ctx.quantity_groups.items() if any(c.quantity in qids for c in claims)
    ]
    assert len(groups) > 1
    positions = [page.index(f"### {ctx.group_title(g)} {{ #group-{g} }}") for g in groups]
    assert positions == sorted(positions)  # in the vocabulary's order
    assert page.count("<table") == len(groups)  # one table per group
    for g in groups:
        assert f'href="#group-{g}"' in page  # the links to the groups at the top
    for c in claims:  # every claim is still on the sheet, in its group's section
        at = page.index(f'href="../../claims/{c.id}/"')
        group = ctx.kb.quantities[c.quantity].group
        section = max(p for p, g in zip(positions, groups, strict=True) if p < at)
        assert section == positions[groups.index(group)]
    no_live_markup(page)


def test_source_page_track_record(ctx: SiteContext) -> None:
    page = source.render(ctx, ctx.kb.sources["hostile-blog"])
    no_live_markup(page)
    assert "&lt;b onmouseover=alert(4)&gt;Hostile&lt;/b&gt;" in page
    assert "Of the 1 claim it makes:" in page and "r1kb-verdict--misleading" in page
    assert 'href="https://blog.example/post?a=1&amp;b=&lt;2&gt;"' in page
    report = source.render(ctx, ctx.kb.sources["toy-report"])
    assert "Checked for figures it does not give" in report
    assert "primary (DeepSeek's own document)" in report


def test_quantity_page_has_chart_and_every_claim(ctx: SiteContext) -> None:
    q = ctx.kb.quantities["training-cost"]
    page = quantity.render(ctx, q)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="r1kb-chart r1kb-chart-wide"' in page
    assert 'href="../../claims/v3-training-cost/"' in page
    assert "### DeepSeek&#45;V3 { #deepseek-v3 }" in page or "{ #deepseek-v3 }" in page
    assert "$5.576M" in page and "$5.58M" in page
    assert '<a href="../training-cost.svg">SVG file</a>' in page
    file_svg = quantity.chart_file(ctx, q)
    assert file_svg is not None and 'href="../claims/v3-training-cost/"' in file_svg
    no_live_markup(page)


def test_home_page(ctx: SiteContext) -> None:
    page = home.render(ctx)
    assert "R1 at a glance" in page and "671B parameters" in page
    assert "data last changed on <time>2025-03-04</time>" in page
    assert '<a href="status/disclosed/">' in page and '<a href="verdicts/misleading/">' in page
    assert "Most repeated misconceptions" in page
    assert "made by 1 source" in page and 'href="claims/r1-training-cost-hostile/"' in page
    assert "nothing on record" in page  # headline quantities without a claim say so
    no_live_markup(page)


def test_headlines_fall_back_to_the_base_model(ctx: SiteContext) -> None:
    heads = {h.quantity.id: h for h in analysis.headlines(ctx.kb)}
    assert heads["total-parameters"].claim.id == "r1-total-parameters"  # type: ignore[union-attr]
    assert heads["total-parameters"].via is None
    assert heads["training-cost"].claim is None  # R1's only cost claim is not accurate
    assert analysis.lineage(ctx.kb, "deepseek-r1")[:2] == ["deepseek-r1", "deepseek-v3-base"]


def test_misconceptions_page_pairs_claims_with_corrections(ctx: SiteContext) -> None:
    page = misconceptions.render(ctx)
    row = next(r for r in page.split("<tr>") if "r1-training-cost-hostile" in r)
    assert 'href="../claims/v3-training-cost/"' in row
    assert "withdrawn" not in page  # withdrawn claims are not misconceptions
    for verdict in ("inaccurate", "misleading", "outdated", "unsupported"):
        assert f"{{ #{verdict} }}" in page
    no_live_markup(page)


def _matrix_cells(ctx: SiteContext, page: str, quantity_href: str) -> dict[str, str]:
    """Model id -> its cell in the row of one quantity (cells carry their column's index)."""
    row = next(r for r in page.split("<tr>") if quantity_href in r)
    models = [m.id for m in ctx.models_in_order()]
    cells = row.split("</th>", 1)[1].split("<td ")[1:]
    return {models[int(c.split('data-m="', 1)[1].split('"', 1)[0])]: c for c in cells}


def test_matrix_cells_hold_deepseeks_position_and_its_value(ctx: SiteContext) -> None:
    page = matrix.render(ctx)
    cells = _matrix_cells(ctx, page, 'href="../quantities/training-cost/"')
    v3 = cells["deepseek-v3"]
    assert 'class="r1kb-c--disclosed"' in v3 and 'href="../claims/v3-training-cost/"' in v3
    assert html_text(ctx.value_text(ctx.kb.claims["v3-training-cost"])) in v3
    # R1 has only a speculative claim: not DeepSeek's position, so it stands beside the cell
    r1 = cells["deepseek-r1"]
    assert 'class="r1kb-c--not-researched"' in r1
    assert "r1kb-c__beside" in r1 and "r1kb-status--speculative" in r1
    fleet = _matrix_cells(ctx, page, "gpu-fleet-size/")
    assert 'class="r1kb-c--undisclosed"' in fleet["deepseek"]
    assert 'class="r1kb-c--not-applicable"' in fleet["deepseek-r1"]  # a company figure
    no_live_markup(page)


def test_matrix_is_one_table_with_a_body_per_group_and_a_filter(ctx: SiteContext) -> None:
    page = matrix.render(ctx)
    assert page.count("<table") == 1 and page.count("<thead>") == 1
    for group in ctx.quantity_groups:
        assert f'<tbody data-g="{group}">' in page
        assert f'id="group-{group}"' in page and f'href="#group-{group}"' in page
        assert f'name="g" value="{group}"' in page
    models = ctx.models_in_order()
    for i in range(len(models)):  # every model has a column, and a filter box
        assert f'name="m" value="{i}"' in page and f'<th scope="col" data-m="{i}"' in page
    for qid in ctx.kb.quantities:
        cells = _matrix_cells(ctx, page, f'href="../quantities/{qid}/"')
        assert list(cells) == [m.id for m in models]
    no_live_markup(page)


def test_methodology_explains_every_term(ctx: SiteContext) -> None:
    page = methodology.render(ctx)
    for term in (*STATUS_TERMS.values(), *VERDICT_TERMS.values()):
        assert term.meaning in page.replace("&#x27;", "'")
        assert f'<tr id="{term.id}">' in page


def test_problem_code_reference_lists_every_code(ctx: SiteContext) -> None:
    page = problem_codes.render(ctx)
    for code in CODES:
        assert f'<tr id="{code}"><td><code>{code}</code></td>' in page


def test_schema_reference_lists_every_claim_field(ctx: SiteContext) -> None:
    page = schema_reference.render(ctx)
    for field in ("subject", "value", "sources[].quote", "derivation.inputs.<id>.claim"):
        assert f"<code>{field}</code>" in page.replace("&lt;", "<").replace("&gt;", ">")
    assert "<code>disclosed</code>, <code>derived</code>" in page
    assert "r1kb redirects" in page


def test_contributing_renders_the_repository_file(ctx: SiteContext, tmp_path: Path) -> None:
    assert "r1kb validate" in contributing.render(ctx)  # no CONTRIBUTING.md: a pointer
    (tmp_path / "CONTRIBUTING.md").write_text(
        "# Contributing\n\nRun `r1kb validate`. See [schema](data/schema/claim.schema.json).\n"
        "<script>x</script>\n",
        encoding="utf-8",
    )
    other = SiteContext(kb=ctx.kb, project_root=tmp_path)
    page = contributing.render(other)
    assert "<code>r1kb validate</code>" in page and "<span>schema</span>" in page
    assert "<script" not in page and page.count("# Contributing") == 1


def test_downloads_page_lists_every_export(ctx: SiteContext) -> None:
    page = downloads.render(ctx, {"r1kb.json": 2048}, ["claim.schema.json"])
    for e in EXPORTS:
        assert f'<a href="{e.filename}">{e.filename}</a>' in page
    assert "2.0 KiB" in page and '<a href="schema/claim.schema.json">' in page


def test_index_pages_reach_every_claim_and_source(ctx: SiteContext) -> None:
    everything = indexes.all_claims(ctx)
    for cid in ctx.kb.claims:
        assert f'href="{cid}/"' in everything
    assert "withdrawn</span>" in everything
    sources = indexes.sources(ctx)
    for sid in ctx.kb.sources:
        assert f'href="{sid}/"' in sources
    assert sources.index("toy-report") < sources.index("hostile-blog")  # primary first
    disclosed = indexes.by_status(ctx, "disclosed")
    assert 'href="../../claims/v3-training-cost/"' in disclosed
    assert "r1-training-cost-hostile" not in disclosed
    assert "r1-training-cost-hostile" in indexes.by_verdict(ctx, "misleading")
    assert "DeepSeek-R1-Distill-Llama-70B" in indexes.models(ctx)
    assert 'href="training-cost/"' in indexes.quantities(ctx)


def test_claim_indexes_have_a_section_per_model(ctx: SiteContext) -> None:
    everything = indexes.all_claims(ctx)
    subjects = list(
        dict.fromkeys(c.subject for c in indexes._ordered_claims(ctx, list(ctx.kb.claims.values())))
    )
    assert len(subjects) > 1
    positions = [
        everything.index(f"## {md_text(ctx.model_name(m))} {{ #{md_anchor(m)} }}") for m in subjects
    ]
    assert positions == sorted(positions)  # in the models' order
    assert everything.count("<table") == len(subjects)
    for m in subjects:
        assert f'href="#{md_anchor(m)}"' in everything
    for c in ctx.kb.claims.values():  # each claim in its model's section
        at = everything.index(f'href="{c.id}/"')
        section = max(p for p in positions if p < at)
        assert section == positions[subjects.index(c.subject)]
    disclosed = indexes.by_status(ctx, "disclosed")
    assert "## " in disclosed and 'class="r1kb-jump"' in disclosed


def test_generate_and_nav_agree(ctx: SiteContext) -> None:
    files = build.generate(ctx)
    uris = [g.src_uri for g in files]
    assert len(uris) == len(set(uris))
    pages = {g.src_uri for g in files if g.src_uri.endswith(".md")}
    for cid in ctx.kb.claims:
        assert f"claims/{cid}.md" in pages
    off_nav = ("claims/", "sources/", "quantities/")
    in_nav = [g.src_uri for g in files if g.in_nav and g.src_uri.endswith(".md")]
    assert not [u for u in in_nav if u.startswith(off_nav) and not u.endswith("/index.md")]

    def nav_pages(items: object) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, dict):
            return [p for v in items.values() for p in nav_pages(v)]
        return [p for v in items for p in nav_pages(v)]  # type: ignore[attr-defined]

    listed = nav_pages(build.nav(ctx))
    assert set(listed) <= pages
    assert not [
        p
        for p in listed
        if p.startswith(("claims/", "sources/", "quantities/")) and not p.endswith("index.md")
    ]
    redirect = next(g for g in files if g.src_uri == "claims/v3-gpu-hours/index.html")
    assert 'content="0; url=../v3-training-gpu-hours/"' in str(redirect.content)
    jsonld_meta = next(g.meta for g in files if g.src_uri == "claims/v3-training-cost.md")
    assert '"@type": "ClaimReview"' in jsonld_meta["r1kb_jsonld"]
    hostile = next(g.meta for g in files if g.src_uri == "claims/r1-training-cost-hostile.md")
    assert HOSTILE_STATEMENT not in str(hostile)  # escaped in the description and JSON-LD


def test_invalid_data_is_refused_with_the_report(tmp_path: Path) -> None:
    data = write_site_data(tmp_path / "data")
    path = data / "claims" / "v3-training-cost.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 5576000", "value: 5000000"))
    with pytest.raises(build.SiteDataError) as err:
        build.load_validated(data, [])
    text = str(err.value)
    assert "the site is not built" in text and "v3-training-cost.yaml" in text
    assert "[arithmetic-agrees]" in text or "[arithmetic-disagrees]" in text
    assert "(warning)" not in text  # warnings stay with `r1kb validate`
    with pytest.raises(build.SiteDataError, match="does not exist"):
        build.load_validated(tmp_path / "missing", [])


def test_blocks_lifted_out_of_markdown_come_back_verbatim(ctx: SiteContext) -> None:
    import markdown

    from r1kb.site.components import fill_slots, lift_blocks

    claim_page = claim.render(ctx, ctx.kb.claims["r1-training-cost-hostile"])
    source_page = source.render(ctx, ctx.kb.sources["hostile-blog"])
    # A claim page is its title and one block (components.join_blocks); a source page has several.
    for page, count in ((claim_page, 1), (source_page, 2)):
        lifted, blocks = lift_blocks(page)
        assert len(blocks) >= count and "&lt;script&gt;" not in lifted  # the record text left
        html = fill_slots(markdown.markdown(lifted, extensions=["attr_list"]), blocks)
        for b in blocks:
            assert b in html
        assert "data-r1kb-slot" not in html

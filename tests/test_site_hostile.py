"""The hostile site: every text field of every record kind, the vocabularies and the schemas
set to payloads, built with `mkdocs build --strict`; no page may carry an `on*` attribute, a
`javascript:` URL or an element the payloads tried to inject. File names that are payloads
(schema files, links to files outside data/) stop the build instead."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from r1kb.schemas import SCHEMA_FILES
from r1kb.site.context import SiteContext
from r1kb.site.pages import schema_reference
from r1kb.site.urls import Urls
from site_helpers import build_site, write_site_data

pytestmark = pytest.mark.slow

MARK = "r1kbxss"  # every payload carries it: an element or attribute with it was injected
PAYLOADS = (
    f'"><img src=x onerror=alert("{MARK}")>',
    f"<script>alert('{MARK}')</script>",
    f"{{ onclick=alert('{MARK}') }}",
    f'x }} <img src=x onerror=alert("{MARK}")> {{',
    f"[{MARK}](javascript:alert(1)) <svg onload=alert('{MARK}')>",
    f"</title><script>alert('{MARK}')</script>",
    f"' onmouseover='alert(\"{MARK}\")' x='",
)
HEADERS = {
    "models.yaml": "# yaml-language-server: $schema=schema/models.schema.json\n",
    "quantities.yaml": "# yaml-language-server: $schema=schema/quantities.schema.json\n",
}


# In every payload too: a right-to-left override (it reorders what follows on the screen) and
# an escape (a terminal would act on it); neither may reach a page as the raw character.
RAW = ("\u202e", "\x1b")
HIDDEN = "".join(RAW)


def _payload(i: int, original: str = "") -> str:
    return f"{HIDDEN}{PAYLOADS[i % len(PAYLOADS)]} {original}".strip()


def _poison_vocabulary(data: Path, name: str, fields: dict[str, tuple[str, ...]]) -> None:
    raw = yaml.safe_load((data / name).read_text(encoding="utf-8"))
    n = 0
    for table, keys in fields.items():
        for entry in raw[table].values():
            for key in keys:
                if isinstance(entry.get(key), str):
                    entry[key] = _payload(n, entry[key])
                    n += 1
                elif isinstance(entry.get(key), list):
                    entry[key] = [*entry[key], _payload(n).replace("\n", " ")[:80]]
                    n += 1
    text = json.dumps(raw, ensure_ascii=False, indent=1)  # JSON is YAML 1.2: read back exactly
    (data / name).write_text(HEADERS[name] + text + "\n", encoding="utf-8")


def _poison_schemas(data: Path) -> None:
    for i, name in enumerate(SCHEMA_FILES.values()):
        path = data / "schema" / name
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema["title"] = _payload(i, str(schema.get("title", "")))
        schema["description"] = _payload(i + 1, str(schema.get("description", "")))
        for j, prop in enumerate((schema.get("properties") or {}).values()):
            if isinstance(prop, dict):
                prop["description"] = _payload(i + j, str(prop.get("description", "")))
        path.write_text(json.dumps(schema, indent=1), encoding="utf-8")


FREE_TEXT = {
    "statement", "scope", "notes", "method", "locator", "quote", "note", "reason",
    "title", "publisher", "read_note", "revision", "authors",
}  # fmt: skip
HEADER_LINE = "# yaml-language-server: $schema=../schema/{}.schema.json\n"


def _poison_record(path: Path, kind: str, n: int) -> int:
    """Every free-text field of a claim or source record set to a payload (as JSON, which
    is YAML 1.2 and reads back exactly)."""

    def walk(node: object) -> object:
        nonlocal n
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in FREE_TEXT and isinstance(value, str):
                    n += 1
                    out[key] = _payload(n, value)
                elif key == "authors" and isinstance(value, list):
                    n += 1
                    out[key] = [*value, _payload(n)]
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    poisoned = walk(record)
    text = json.dumps(poisoned, ensure_ascii=False, indent=1)
    path.write_text(HEADER_LINE.format(kind) + text + "\n", encoding="utf-8")
    return n


def write_hostile_data(dest: Path) -> Path:
    data = write_site_data(dest)
    n = 0
    for path in sorted((data / "claims").glob("*.yaml")):
        n = _poison_record(path, "claim", n)
    for path in sorted((data / "sources").glob("*.yaml")):
        n = _poison_record(path, "source", n)
    _poison_vocabulary(
        data, "models.yaml", {"models": ("name", "description", "aliases", "external_base")}
    )
    _poison_vocabulary(
        data,
        "quantities.yaml",
        {
            "quantities": ("name", "description", "disclosure", "terms", "qualifiers"),
            "units": ("label", "symbol", "terms"),
        },
    )
    rate = {
        "id": "cny-per-usd-2025-01",
        "unit": "CNY",
        "per": "USD",
        "value": 7.2957,
        "date": "2025-01",
        "basis": _payload(n + 1, "a monthly average"),
        "source": "toy-report",
        "locator": _payload(n + 2, "table"),
        "quote": _payload(n + 3, "Jan 2025: 7.2957"),
    }
    rates = json.dumps({"exchange_rates": [rate]}, ensure_ascii=False, indent=1)
    header = "# yaml-language-server: $schema=schema/exchange-rates.schema.json\n"
    (data / "exchange-rates.yaml").write_text(header + rates + "\n", encoding="utf-8")
    _poison_schemas(data)
    return data


class Scan(HTMLParser):
    """Collects what a payload could have injected into one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: (v or "").lower() for k, v in attrs}
        # a <meta>'s content is a URL only in a refresh or a *url property; a description
        # is text (it may quote a record's "javascript:" as words, escaped)
        urls = ("href", "src", "action", "formaction")
        if named.get("http-equiv") == "refresh" or "url" in named.get("property", "") + named.get(
            "name", ""
        ):
            urls += ("content",)
        for name, value in attrs:
            value = value or ""
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            squeezed = "".join(value.split()).lower()
            if name in urls and "javascript:" in squeezed:
                self.found.append(f"<{tag} {name}={value!r}>")
            if MARK in name:
                self.found.append(f"<{tag}> attribute {name!r}")
        if tag in ("img", "iframe", "object", "embed") or (
            tag == "svg" and any(n.startswith("on") for n, _ in attrs)
        ):
            self.found.append(f"<{tag}> element")
        self._script = "" if tag == "script" else None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        script = self._script or ""
        runs = tag == "script" and not script.lstrip().startswith(("{", "["))  # JSON-LD is data
        if runs and MARK in script and "alert(" in script:
            self.found.append("<script> with a payload")
        self._script = None


def injected(html: str) -> list[str]:
    scan = Scan()
    scan.feed(html)
    return scan.found


@pytest.fixture(scope="module")
def hostile_everything(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-everything")
    return build_site(root / "site", write_hostile_data(root / "data"))


def test_scan_catches_what_it_looks_for() -> None:
    assert injected('<img src=x onerror="alert(1)">')
    assert injected('<a href=" java\nscript:alert(1)">x</a>')
    assert injected(f"<script>alert('{MARK}')</script>")
    assert not injected(f"<p>&lt;img src=x onerror=alert('{MARK}')&gt;</p>")
    assert not injected(f'<p title="&quot;&gt;&lt;img onerror={MARK}">x</p>')
    assert injected('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">')
    assert not injected('<meta name="description" content="[x](javascript:alert(1)) says">')


def test_no_page_of_the_hostile_site_carries_injected_markup(hostile_everything: Path) -> None:
    pages = sorted(hostile_everything.rglob("*.html"))
    assert len(pages) > 20
    shown = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        shown += html.count(MARK)
        assert not injected(html), (path.relative_to(hostile_everything), injected(html))
    assert shown > 50, "the payloads did not reach the pages: the test proves nothing"
    # the data downloads and the API (downloads/, api/) keep the records' text as it is
    readable = [*pages, hostile_everything / "search" / "search_index.json"]
    raw = [
        (path.relative_to(hostile_everything), hex(ord(ch)))
        for path in readable
        for ch in RAW
        if ch in path.read_text(encoding="utf-8")
    ]
    assert not raw, raw
    claim = (hostile_everything / "claims" / "v3-training-cost" / "index.html").read_text("utf-8")
    assert "&#92;u202e&#92;x1b" in claim  # shown as their escapes
    for path in hostile_everything.rglob("*.svg"):
        assert not injected(path.read_text(encoding="utf-8")), path


def test_hostile_exchange_rates_reach_their_pages_as_text(hostile_everything: Path) -> None:
    for page in ("methodology", "sources/toy-report"):
        html = (hostile_everything / page / "index.html").read_text("utf-8")
        table = html[html.index("r1kb-rates") :]
        assert MARK in table and "7.2957 CNY per USD" in table
        assert not injected(html)


def test_schema_reference_shows_hostile_schema_text_as_text(hostile_everything: Path) -> None:
    page = (hostile_everything / "reference" / "schema" / "index.html").read_text("utf-8")
    assert MARK in page and not injected(page)
    assert 'id="schema-claim"' in page


@pytest.mark.parametrize(
    "name",
    [
        f'x }} <img src=x onerror=alert("{MARK}")> {{.schema.json',
        f"a onclick=alert({MARK}).schema.json",
    ],
)
def test_a_schema_file_name_that_is_a_payload_stops_the_build(tmp_path: Path, name: str) -> None:
    data = write_site_data(tmp_path / "data")
    (data / "schema" / name).write_text("{}", encoding="utf-8")
    with pytest.raises(AssertionError, match="unexpected-file"):
        build_site(tmp_path / "site", data)
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("target", ["/etc/passwd", "../../.git/config"])
def test_a_linked_schema_stops_the_build_and_is_never_published(
    tmp_path: Path, target: str
) -> None:
    data = write_site_data(tmp_path / "data")
    (data / "schema" / "models.schema.json").unlink()
    os.symlink(target, data / "schema" / "models.schema.json")
    with pytest.raises(AssertionError, match="not-a-regular-file"):
        build_site(tmp_path / "site", data)
    assert not (tmp_path / "site" / "downloads").exists()


def test_schema_reference_names_only_known_regular_files(tmp_path: Path) -> None:
    """Even given a folder with payload names and links, the page and the downloads keep to
    the known schema files that are regular files."""
    folder = tmp_path / "schema"
    folder.mkdir()
    for name in SCHEMA_FILES.values():
        (folder / name).write_text('{"title": "T", "properties": {}}', encoding="utf-8")
    (folder / f"x }} <img src=x onerror={MARK}> {{.schema.json").write_text("{}")
    (folder / "models.schema.json").unlink()
    os.symlink("/etc/passwd", folder / "models.schema.json")
    files = schema_reference.schema_files(folder)
    assert set(files) == set(SCHEMA_FILES.values()) - {"models.schema.json"}
    ctx = SiteContext(kb=None, urls=Urls(), dates=None, schema_dir=folder)  # type: ignore[arg-type]
    page = schema_reference.render(ctx)
    assert MARK not in page and "root:" not in page


@pytest.mark.parametrize(
    ("table", "rid"),
    [
        ("redirects", "../../../../escaped"),
        ("claims", "x/../../y"),
        ("models", 'm" onmouseover="alert(1)'),
        ("quantities", "q\nx"),
    ],
)
def test_the_site_refuses_ids_that_cannot_name_a_page(table: str, rid: str) -> None:
    """Even if a rule were skipped, no page is written outside site/ nor named by markup."""
    from r1kb.kb import KnowledgeBase
    from r1kb.site.build import SiteDataError, check_ids

    kb = KnowledgeBase()
    target = kb.redirects if table == "redirects" else getattr(kb, table)
    target[rid] = "v3-training-cost" if table == "redirects" else object()  # type: ignore[assignment]
    with pytest.raises(SiteDataError, match="cannot name a page"):
        check_ids(kb)
    kb2 = KnowledgeBase()
    kb2.renamed["sources"] = {"old": rid}
    with pytest.raises(SiteDataError):
        check_ids(kb2)

"""The linear search-section parser finds exactly the sections Material's parser finds, and
hands anything outside its plain shape back to Material's parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from r1kb.site import search_sections
from r1kb.site.search_sections import (
    _after_last_heading,
    material_sections,
    sections,
    strips_nothing,
)
from site_helpers import build_in_process, write_site_data


def _dump(found: list) -> list[tuple]:
    return [(s.el.tag, s.id, s.depth, list(s.title), list(s.text), s.is_excluded()) for s in found]


def _indexed(found: list) -> list[tuple]:
    """The sections the index takes (an excluded section may be cut short: never read)."""
    return _dump([s for s in found if not s.is_excluded()])


def _same(html: str) -> None:
    found = sections(html)
    assert found is not None, html
    assert _indexed(found) == _indexed(material_sections(html))


CASES = [
    "<p>Preface &amp; more</p>",
    '<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1><p>Text\nwith lines</p>',
    '<h2 id="a">First h2</h2><p>x</p><h3 id="b">b</h3><ul><li>one</li><li> </li></ul>',
    "<div data-search-exclude><p>hidden</p><div>inner</div><p>shown after inner div</p></div>",
    '<h2 id="x" data-search-exclude>Cite</h2><pre><code>a\n\n  b</code></pre><h2 id="y">Y</h2>',
    '<p>a<br>b<br/>c<img src="x" alt="&quot;q&quot;"><hr /></p>',
    "<ul><li><ul><li>nested</li></ul></li><li><p></p></li></ul><sub>1</sub><sup> </sup>",
    '<section><h2 id="in">Nested heading</h2><p>in</p></section><p>after the section</p>',
    "<p>x<!-- a comment -->y<!---->z</p>",
    '<svg><title id="t">A chart &lt;1&gt;</title><path d="M0 0"/></svg><p>after</p>',
    '<td class="linenodiv"><pre>1\n2</pre></td><p>code</p>',
    '<P CLASS="x">Upper case</P><dl><dt>k</dt><dd>v</dd></dl>',
    "<p>unclosed <em>emphasis</p></em><p>stray end</b></p>",
    "text only &amp; &#x27;entities&#39; &unknown; &",
]


@pytest.mark.parametrize("html", CASES)
def test_same_sections_as_material(html: str) -> None:
    _same(html)


@pytest.mark.parametrize(
    "html",
    [
        "<script>var a = '<p>';</script><p>x</p>",
        "<style>p { }</style>",
        "<p class='single'>quotes</p>",
        "<p class=unquoted>value</p>",
        "<p>a < b</p>",
        "<title>a <b>bold</b> title</title>",
        "<!DOCTYPE html><p>x</p>",
        "<p>x<!-- a -- b --></p>",
    ],
)
def test_other_html_is_left_to_material(html: str) -> None:
    assert sections(html) is None
    material_sections(html)  # and Material's parser reads it


TAGS = ["p", "div", "h1", "h2", "h3", "li", "ul", "pre", "code", "a", "span", "br", "section"]
ATTRS = [
    "",
    ' id="s1"',
    ' id="s2"',
    " data-search-exclude",
    ' class="headerlink"',
    ' class="&#104;eaderlink"',  # a permalink behind a character reference
    ' title="headerlink" class="x"',  # the word, but not the class
    ' class="linenodiv"',
    ' title="&quot;x&quot;"',
    " DATA-Search-Exclude",  # attribute names in any case
    ' CLASS="linenodiv"',
    ' class="x" title="&amp;"',  # a reference, but not in the class
    ' data-class="headerlink"',
]
TEXTS = ["", "word", " ", "\n", "two words", "a &amp; b", "  \n  ", "&lt;tag&gt;", "x\ny", "a > b"]


@st.composite
def _html(draw: st.DrawFn) -> str:
    """Tags opened, closed (also out of order) and text, as tokens."""
    out = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["open", "close", "text", "void"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "open":
            out.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        elif kind == "close":
            out.append(f"</{tag}>")
        elif kind == "void":
            out.append(f"<{tag}{draw(st.sampled_from(ATTRS))} />")
        else:
            out.append(draw(st.sampled_from(TEXTS)))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_html())
def test_same_sections_on_any_tag_soup(html: str) -> None:
    try:
        expected = _indexed(material_sections(html))
    except ValueError:  # Material's parser fails on some orders of kept tags; so must we,
        try:  # unless the error is in the unread tail of an excluded section
            found = sections(html)
        except ValueError:
            return
        assert found is not None
        cut = _after_last_heading(html)
        assert found[-1].is_excluded() and cut < len(html)
        assert _indexed(found) == _indexed(material_sections(html[:cut]))
        return
    found = sections(html)
    assert found is not None
    assert _indexed(found) == expected


def test_an_excluded_last_section_is_not_read_to_the_end() -> None:
    head = '<h2 id="a">A</h2><p>indexed</p><h2 id="cite" data-search-exclude>Cite</h2>'
    found = sections(head + "<pre><code>left unread</code></pre>")
    assert found is not None
    assert [s.id for s in found] == [None, "a", "cite"]  # an h2 first: an untitled section
    assert "".join(found[-1].text) == ""
    assert _indexed(found) == _indexed(material_sections(head + "<pre>x</pre>"))


PIECES = ["data-search-", "exclude", "x", '="', '"', "v", " ", "\n", "-", "=", "<p ", ">"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_strips_nothing_when_materials_substitution_removes_nothing(html: str) -> None:
    """The search plugin's clean-up after indexing (SearchPlugin.on_page_context)."""
    removes = re.sub(r'\s?data-search-\w+="[^"]+"', "", html) != html
    assert strips_nothing(html) is not removes


def _index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.slow
def test_search_index_is_the_one_material_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole site (with hostile text in every field) indexed both ways: the same index."""
    data = write_site_data(tmp_path / "data")
    ours = _index(build_in_process(tmp_path / "ours", data, monkeypatch))
    monkeypatch.setattr(search_sections, "install", lambda index: None)
    theirs = _index(build_in_process(tmp_path / "material", data, monkeypatch))
    assert len(ours["docs"]) > 50
    assert ours == theirs

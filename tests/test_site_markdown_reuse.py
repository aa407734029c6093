"""A title page rendered from the probe is what Markdown makes of it, for titles of every
kind; other pages go through Markdown, one Markdown object for all."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from r1kb.site.escape import md_literal, md_text
from r1kb.site.markdown_reuse import convert, title_page
from site_helpers import HOSTILE_STATEMENT, HOSTILE_TITLE, ROOT


@cache
def _setup() -> tuple[Any, File, Files]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    file = File("claims/x.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    return config, file, Files([file])


def _page(title: str) -> str:
    return f'# {title}\n\n\n<div data-r1kb-slot="0"></div>\n\n'


def _same(text: str) -> bool:
    """Whether the probe gave the page (True) or left it to Markdown (False); either way
    what the page gets is what Markdown gives."""
    config, file, files = _setup()
    source = _page(md_text(text))
    fast = title_page(source, file, config, files)
    slow = convert(source, file, config, files)
    if fast is not None:
        assert fast == slow, text
    return fast is not None


TITLES = [
    "Training cost of DeepSeek-V3-Base: $5.576M",
    HOSTILE_STATEMENT,
    HOSTILE_TITLE,
    'R1\'s <b>bold</b> & "quoted" {#id .cls} [link](x) *em* _u_ `code` ~~s~~ ^sup^ ==m==',
    "Ünïcödé — “quotes” 100 % · 中文标题 😀",
    "1. not a list",
    "- not a list either",
    "Ends with hashes ##",
    "Tab\tand  spaces\u00a0collapsed",
    "&amp; &#58; &lt;already&gt; escaped",
]


@pytest.mark.parametrize("text", TITLES)
def test_title_pages_as_markdown_makes_them(text: str) -> None:
    assert _same(text)  # these all take the short way


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_title(text: str) -> None:
    _same(text)


def test_other_pages_are_converted() -> None:
    config, file, files = _setup()
    assert not md_literal("a *b*")
    assert not md_literal("&#\u0663;")  # no character reference (\\d read other digits too)
    for source in (
        _page("a *b*"),  # not literal: Markdown converts it
        '# T\n\n\n<div data-r1kb-slot="0"></div>\n\n\n<div data-r1kb-slot="1"></div>\n\n',
        "# T\n\nSome *text*.\n",
    ):
        assert title_page(source, file, config, files) is None
    done = convert("# T\n\nSome *text*.\n", file, config, files)
    assert "<em>text</em>" in done.content
    assert [t["id"] for t in done.toc_tokens] == ["t"]

"""Contributing: the repository's CONTRIBUTING.md, or a short pointer when there is none.

The file is rendered like record notes (no raw HTML, http/https links only); links to
files of the repository, which the site does not publish, keep their text.
"""

from __future__ import annotations

from r1kb.site.components import block, heading, link
from r1kb.site.context import SiteContext
from r1kb.site.escape import render_markdown

PAGE = "contributing.md"
FILE = "CONTRIBUTING.md"


def render(ctx: SiteContext) -> str:
    text = None
    if ctx.project_root is not None:
        try:
            text = (ctx.project_root / FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
    out = [heading(1, "Contributing")]
    if text and text.strip():
        body = text.lstrip()
        if body.startswith("# "):  # the page has its own title
            body = body.split("\n", 1)[1] if "\n" in body else ""
        out.append(block(render_markdown(body), "r1kb-contributing"))
        return "".join(out)
    schema = link(ctx, PAGE, "reference/schema.md", "schema reference")
    codes = link(ctx, PAGE, "reference/codes.md", "problem codes")
    out.append(
        block(
            "<p>Claims live in <code>data/claims/&lt;id&gt;.yaml</code> and sources in "
            "<code>data/sources/&lt;id&gt;.yaml</code> of the project's repository, one record "
            "per file. Add a source and its claims, run <code>r1kb validate</code>, which "
            "reports every problem with its file and line, and open a pull request. See the "
            f"{schema} for every field and the {codes} for what the validator checks; the "
            "repository's CONTRIBUTING.md has the details.</p>"
        )
    )
    return "".join(out)

"""The problem-code reference, generated from the registry in r1kb.codes."""

from __future__ import annotations

from r1kb.codes import CODES, Code
from r1kb.site.components import block, heading, table_block
from r1kb.site.context import SiteContext
from r1kb.site.escape import html_text, render_markdown

PAGE = "reference/codes.md"


def render(ctx: SiteContext) -> str:
    del ctx  # the registry is global; the signature matches the other pages
    groups: dict[str, list[Code]] = {}
    for code in CODES.values():
        groups.setdefault(code.group, []).append(code)
    out = [heading(1, "Problem codes")]
    out.append(
        block(
            "<p>Every problem <code>r1kb validate</code> can report has a stable code; a code is "
            "never renamed or reused. Errors stop the site from building; warnings do not. "
            f"{len(CODES)} codes in {len(groups)} groups.</p>"
            "<p>Print them with <code>r1kb codes</code> (or <code>--format json</code>).</p>"
        )
    )
    for group, codes in groups.items():
        out.append(heading(2, group.capitalize(), anchor=f"group-{group}"))
        rows = "\n".join(
            f'<tr id="{html_text(c.code)}"><td><code>{html_text(c.code)}</code></td>'
            f'<td><span class="r1kb-severity r1kb-severity--{html_text(c.severity)}">'
            f"{html_text(c.severity)}</span></td><td><strong>{html_text(c.title)}</strong><br>"
            f"{render_markdown(c.explanation, inline=True)}</td></tr>"
            for c in codes
        )
        out.append(table_block(("Code", "Severity", "Meaning"), [rows]))
    return "".join(out)

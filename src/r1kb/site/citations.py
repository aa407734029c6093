"""How to cite one claim: BibTeX, CSL-JSON, RIS and plain text.

The cited work is the claim's page in the knowledge base: its title is the claim's
statement, its author the knowledge base's contributors, its date the last change of the
claim's record, its URL the permalink. Every field is one line (whitespace collapsed), so
no record text can break the format; BibTeX specials are escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from r1kb.kb import Claim
from r1kb.site.context import CITATION_AUTHOR, CONTAINER_TITLE, SiteContext

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def bibtex_escape(text: object) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in one_line(text))


@dataclass(frozen=True)
class CitationData:
    key: str
    title: str
    url: str
    date: str | None  # YYYY-MM-DD
    note: str

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def citation_data(ctx: SiteContext, claim: Claim) -> CitationData:
    note = f"r1kb claim {claim.id}; status: {claim.status}; verdict: {claim.verdict}"
    if claim.withdrawn:
        note += "; withdrawn"
    return CitationData(
        key=f"r1kb:{claim.id}",
        title=one_line(claim.statement),
        url=ctx.permalink(claim),
        date=ctx.claim_date(claim),
        note=note,
    )


def bibtex(ctx: SiteContext, claim: Claim) -> str:
    d = citation_data(ctx, claim)
    fields = [
        ("title", bibtex_escape(d.title)),
        ("author", "{" + bibtex_escape(CITATION_AUTHOR) + "}"),
        ("howpublished", rf"\url{{{d.url}}}"),
        ("url", d.url),
    ]
    if d.date:
        fields += [("year", d.year or ""), ("date", d.date)]
    fields.append(("note", bibtex_escape(f"{CONTAINER_TITLE}. {d.note}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{d.key},\n{body}\n}}"


def csl_item(ctx: SiteContext, claim: Claim) -> dict[str, object]:
    d = citation_data(ctx, claim)
    item: dict[str, object] = {
        "id": d.key,
        "type": "entry",
        "title": d.title,
        "author": [{"literal": CITATION_AUTHOR}],
        "container-title": CONTAINER_TITLE,
        "URL": d.url,
        "note": d.note,
    }
    if d.date:
        y, m, day = (int(p) for p in d.date.split("-"))
        item["issued"] = {"date-parts": [[y, m, day]]}
    return item


def csl_json(ctx: SiteContext, claim: Claim) -> str:
    return json.dumps([csl_item(ctx, claim)], indent=2, ensure_ascii=False)


def ris(ctx: SiteContext, claim: Claim) -> str:
    d = citation_data(ctx, claim)
    lines = [
        ("TY", "ELEC"),
        ("ID", d.key),
        ("TI", d.title),
        ("AU", CITATION_AUTHOR),
        ("T2", CONTAINER_TITLE),
        ("UR", d.url),
    ]
    if d.date:
        lines += [("PY", d.year or ""), ("DA", d.date.replace("-", "/"))]
    lines += [("N1", d.note), ("ER", "")]
    return "\n".join(f"{tag}  - {one_line(value)}".rstrip() for tag, value in lines)


def plain(ctx: SiteContext, claim: Claim) -> str:
    d = citation_data(ctx, claim)
    when = f" ({d.date})" if d.date else ""
    title = d.title if d.title.endswith((".", "?", "!")) else d.title + "."
    return (
        f"{CITATION_AUTHOR}{when}. “{title}” {CONTAINER_TITLE}, claim {claim.id} "
        f"({claim.status}, {claim.verdict}). {d.url}"
    )

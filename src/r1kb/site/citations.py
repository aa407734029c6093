"""How to cite one claim: BibTeX, CSL-JSON, RIS and plain text.

The cited work is the claim's page in the knowledge base: its title is the claim's
statement, its author the knowledge base's contributors, its date the last change of the
claim's record, its URL the absolute permalink (left out when the build has no site
address), with the data's version and the access date. Every field is one line (whitespace
collapsed), so no record text can break the format; BibTeX specials are escaped, and control
characters are shown as their escapes in BibTeX and RIS (escape.show_controls).
"""

from __future__ import annotations

from dataclasses import dataclass

from r1kb.kb import Claim
from r1kb.site.context import CITATION_AUTHOR, CONTAINER_TITLE, SiteContext
from r1kb.site.dataset import DATA_LICENCE, build_date, data_version
from r1kb.site.escape import show_controls
from r1kb.site.json_text import indented

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


_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)


def bibtex_escape(text: object) -> str:
    """One line of BibTeX text: control characters as their escapes, whose backslash is then
    escaped with the other specials."""
    return show_controls(one_line(text)).translate(_BIBTEX_TABLE)


def ris_text(text: object) -> str:
    """The value of a RIS line: one line, control characters as their escapes."""
    return show_controls(one_line(text))


def bibtex_title(text: object) -> str:
    """Escaped, with every word that holds a capital letter in braces.

    Statements are written in sentence case, so each capital is meant (DeepSeek-R1, H800,
    Nature): styles that sentence-case titles would otherwise print "Deepseek-r1". A word
    that starts with a control sequence gets two braces, because BibTeX changes the case
    inside `{\\...}` groups.
    """
    out = []
    for word in bibtex_escape(text).split(" "):
        core = word.rstrip(".,;:!?")
        tail = word[len(core) :]
        if core.islower() or not any(ch.isupper() for ch in core):  # islower: quick
            out.append(word)
        elif core.startswith("\\"):
            out.append("{{" + core + "}}" + tail)
        else:
            out.append("{" + core + "}" + tail)
    return " ".join(out)


@dataclass(frozen=True)
class CitationData:
    key: str
    title: str
    url: str | None  # None when the build has no site address
    date: str | None  # YYYY-MM-DD: the record's last change
    note: str
    version: str
    accessed: str  # YYYY-MM-DD

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def citation_data(ctx: SiteContext, claim: Claim) -> CitationData:
    return ctx.per_claim("citation", claim, lambda: _citation_data(ctx, claim))


def _citation_data(ctx: SiteContext, claim: Claim) -> CitationData:
    note = f"r1kb claim {claim.id}; status: {claim.status}; verdict: {claim.verdict}"
    if claim.withdrawn:
        note += "; withdrawn"
    return CitationData(
        key=f"r1kb:{claim.id}",
        title=one_line(claim.statement),
        url=ctx.claim_url(claim),
        date=ctx.claim_date(claim),
        note=note,
        version=data_version(ctx),
        accessed=build_date(),
    )


def _date_parts(date: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(p) for p in date.split("-")]]}


def bibtex(ctx: SiteContext, claim: Claim) -> str:
    """Kept per claim: the claim's page and the downloads both write it."""
    return ctx.per_claim("bibtex", claim, lambda: _bibtex(ctx, claim))


def _bibtex(ctx: SiteContext, claim: Claim) -> str:
    d = citation_data(ctx, claim)
    fields = [
        ("title", bibtex_title(d.title)),
        ("author", "{" + bibtex_escape(CITATION_AUTHOR) + "}"),
    ]
    if d.url:
        fields += [("howpublished", rf"\url{{{d.url}}}"), ("url", d.url)]
        fields.append(("urldate", d.accessed))
    if d.date:
        fields += [("year", d.year or ""), ("date", d.date)]
    fields.append(("version", bibtex_escape(d.version)))
    fields.append(("note", bibtex_escape(f"{CONTAINER_TITLE}. {d.note}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{d.key},\n{body}\n}}"


def csl_item(ctx: SiteContext, claim: Claim) -> dict[str, object]:
    """A CSL-JSON item of type `dataset`: reference managers import it as a dataset, with
    its version and access date."""
    d = citation_data(ctx, claim)
    item: dict[str, object] = {
        "id": d.key,
        "type": "dataset",
        "title": d.title,
        "author": [{"literal": CITATION_AUTHOR}],
        "container-title": CONTAINER_TITLE,
        "version": d.version,
        "note": d.note,
    }
    if d.url:
        item["URL"] = d.url
        item["accessed"] = _date_parts(d.accessed)
    if d.date:
        item["issued"] = _date_parts(d.date)
    return item


def csl_json(ctx: SiteContext, claim: Claim) -> str:
    return indented([csl_item(ctx, claim)])


def ris(ctx: SiteContext, claim: Claim) -> str:
    """A RIS record of type DATA (dataset); Y2 is the access date, ET the version."""
    d = citation_data(ctx, claim)
    lines = [
        ("TY", "DATA"),
        ("ID", d.key),
        ("TI", d.title),
        ("AU", CITATION_AUTHOR),
        ("T2", CONTAINER_TITLE),
    ]
    if d.url:
        lines += [("UR", d.url), ("Y2", d.accessed.replace("-", "/"))]
    if d.date:
        lines += [("PY", d.year or ""), ("DA", d.date.replace("-", "/"))]
    lines += [("ET", d.version), ("N1", d.note), ("ER", "")]
    return "\n".join(f"{tag}  - {ris_text(value)}".rstrip() for tag, value in lines)


def plain(ctx: SiteContext, claim: Claim) -> str:
    d = citation_data(ctx, claim)
    when = f" ({d.date})" if d.date else ""
    title = d.title if d.title.endswith((".", "?", "!")) else d.title + "."
    where = f" {d.url} (accessed {d.accessed})." if d.url else ""
    return (
        f"{CITATION_AUTHOR}{when}. “{title}” {CONTAINER_TITLE}, claim {claim.id} "
        f"({claim.status}, {claim.verdict}). Version {d.version}.{where}"
    )


def dataset_bibtex(ctx: SiteContext) -> str:
    """A BibTeX entry for the knowledge base as a whole (the downloads page)."""
    version = data_version(ctx)
    url = ctx.urls.absolute("index.md")
    fields = [
        ("title", bibtex_title(CONTAINER_TITLE)),
        ("author", "{" + bibtex_escape(CITATION_AUTHOR) + "}"),
        ("year", version[:4]),
        ("version", bibtex_escape(version)),
    ]
    if url:
        fields += [("howpublished", rf"\url{{{url}}}"), ("url", url), ("urldate", build_date())]
    fields.append(("note", bibtex_escape(f"Data licence: {DATA_LICENCE.name}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{r1kb,\n{body}\n}}"


def dataset_plain(ctx: SiteContext) -> str:
    version = data_version(ctx)
    url = ctx.urls.absolute("index.md")
    where = f" {url} (accessed {build_date()})." if url else ""
    return (
        f"{CITATION_AUTHOR} ({version[:4]}). {CONTAINER_TITLE} (version {version}) "
        f"[Data set, {DATA_LICENCE.spdx}].{where}"
    )

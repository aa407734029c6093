"""Status and verdict badges: one colour and one icon per term, explained on hover.

A badge is a small <span> with the term's word, a class per term and a tooltip with the
term's meaning. Colours live in docs/stylesheets/r1kb.css (light and dark); icons are the
Material Design SVGs bundled with Material for MkDocs, put once into a generated stylesheet
as CSS masks (`badge_css`), so pages stay small and nothing is fetched from other hosts.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import quote

from r1kb.site.escape import html_text
from r1kb.site.vocabulary import STATUS_TERMS, VERDICT_TERMS, Term

BADGE_CSS_PATH = "assets/r1kb-badges.css"


@cache
def icon_svg(name: str) -> str | None:
    """The SVG source of a Material Design icon bundled with the theme, or None."""
    try:
        path = resources.files("material") / "templates" / ".icons" / "material" / f"{name}.svg"
        return path.read_text(encoding="utf-8").strip()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


def tooltip(kind: str, term: Term, relayed: bool = False) -> str:
    meaning = term.relayed if relayed and term.relayed else term.meaning
    return f"{kind.capitalize()}: {term.label}. {meaning}"


def _badge(kind: str, term: Term, compact: bool, relayed: bool = False) -> str:
    label = html_text(term.label)
    text = f'<span class="r1kb-sr">{label}</span>' if compact else label
    extra = " r1kb-badge--compact" if compact else ""
    return (
        f'<span class="r1kb-badge r1kb-{kind} r1kb-{kind}--{term.id}{extra}" '
        f'title="{html_text(tooltip(kind, term, relayed))}">{text}</span>'
    )


@cache  # a few hundred thousand badges a large site, of a few dozen kinds
def status_badge(status: str, *, compact: bool = False, relayed: bool = False) -> str:
    """The badge of a status; compact: the icon only (the word stays for screen readers).
    relayed: the claim is made by someone other than DeepSeek (the tooltip says so)."""
    term = STATUS_TERMS.get(status)
    if term is None:
        return f'<span class="r1kb-badge">{html_text(status)}</span>'
    return _badge("status", term, compact, relayed)


@cache
def verdict_badge(verdict: str, *, compact: bool = False) -> str:
    term = VERDICT_TERMS.get(verdict)
    if term is None:
        return f'<span class="r1kb-badge">{html_text(verdict)}</span>'
    return _badge("verdict", term, compact)


def badges(status: str, verdict: str) -> str:
    return f"{status_badge(status)} {verdict_badge(verdict)}"


def badge_css() -> str:
    """One CSS mask rule per term: the icon drawn in the badge's text colour."""
    rules = ["/* Generated from r1kb.site.vocabulary: badge icons (Material Design Icons). */"]
    for kind, terms in (("status", STATUS_TERMS), ("verdict", VERDICT_TERMS)):
        for term in terms.values():
            svg = icon_svg(term.icon)
            if svg is None:
                continue
            data = "data:image/svg+xml;charset=utf-8," + quote(svg, safe=' =:/"')
            rules.append(f".r1kb-{kind}--{term.id}{{--r1kb-icon:url('{data}')}}")
    return "\n".join(rules) + "\n"


@cache
def reading_badge(reading_id: str, label: str, meaning: str) -> str:
    """How a claim's evidence was read (r1kb.site.evidence), shown next to its status."""
    return (
        f'<span class="r1kb-reading r1kb-reading--{html_text(reading_id)}" '
        f'title="{html_text("Evidence read in: " + label + ". " + meaning)}">'
        f"{html_text(label)}</span>"
    )

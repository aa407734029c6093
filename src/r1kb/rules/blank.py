"""Text fields that hold something to read: a quote, a statement, a locator, a name. The
schemas ask for at least one character, which a space or a zero-width space is (a quote of
three spaces was "found" in every snapshot)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from r1kb.paths import display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context


def is_blank(value: object) -> bool:
    """A string without a letter, digit, sign or mark: only spaces, invisible format characters
    (zero-width spaces, joiners) or control characters."""
    return isinstance(value, str) and all(
        ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs") for ch in value
    )


def blank_texts(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for c in kb.claims.values():
        fields: list[tuple[tuple[str | int, ...], object]] = [(("statement",), c.statement)]
        for i, e in enumerate(c.sources):
            fields += [(("sources", i, "locator"), e.locator), (("sources", i, "quote"), e.quote)]
        if c.derivation:
            fields.append((("derivation", "method"), c.derivation.get("method")))
        yield from _blank(c.file, fields)
    for s in kb.sources.values():
        yield from _blank(s.file, [(("title",), s.title), (("publisher",), s.publisher)])
    models = display_path(ctx.loaded.data_dir / "models.yaml")
    for m in kb.models.values():
        fields = [(("models", m.id, "name"), m.name)]
        fields += [(("models", m.id, "aliases", i), a) for i, a in enumerate(m.aliases)]
        yield from _blank(models, fields)
    quantities = display_path(ctx.loaded.data_dir / "quantities.yaml")
    for q in kb.quantities.values():
        fields = [(("quantities", q.id, "name"), q.name)]
        fields += [(("quantities", q.id, "terms", i), t) for i, t in enumerate(q.terms)]
        yield from _blank(quantities, fields)


def _blank(file: str, fields: list[tuple[tuple[str | int, ...], object]]) -> Iterator[Problem]:
    for parts, value in fields:
        if is_blank(value):
            yield problem(
                file,
                "blank-text",
                "only spaces or invisible characters: nothing a reader could check",
                parts,
                hint="write the words, or leave the field out where it is optional",
            )


RULES = [blank_texts]

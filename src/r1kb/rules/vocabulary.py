"""The vocabularies' size and their terms' wildcards: bounded, since check-source compiles
every word of them (r1kb.vocabulary_size)."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.paths import display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.vocabulary_size import (
    MAX_WILDCARDS,
    over_limits,
    too_many_wildcards,
    vocabulary_words,
    words_in,
)


def vocabulary_size(ctx: Context) -> Iterator[Problem]:
    terms = vocabulary_words(ctx.kb)
    why = over_limits(terms)
    if why is None:
        return
    largest = max(terms, key=lambda name: sum(map(words_in, terms[name])))  # the one to trim
    yield problem(
        display_path(ctx.loaded.data_dir / largest),
        "vocabulary-too-large",
        why,
        hint="keep the words articles really use; a term that is a spelling of another "
        "(spaces, hyphens, case) is matched already, and `word*` matches any ending",
    )


def wildcards(ctx: Context) -> Iterator[Problem]:
    for name, terms in too_many_wildcards(vocabulary_words(ctx.kb)).items():
        for term in terms:
            yield problem(
                display_path(ctx.loaded.data_dir / name),
                "term-too-many-wildcards",
                f"the term {term!r} holds {str(term).count('*')} `*`; at most {MAX_WILDCARDS}",
                hint="a `*` ends one word of a term (`activ*`); write the other words out, or "
                "list the spellings as terms of their own",
            )


RULES = [vocabulary_size, wildcards]

"""The vocabularies' size: bounded, since check-source compiles every word of them
(r1kb.vocabulary_size)."""

from __future__ import annotations

from collections.abc import Iterator

from r1kb.paths import display_path
from r1kb.problems import Problem, problem
from r1kb.rules import Context
from r1kb.vocabulary_size import vocabulary_too_large, vocabulary_words


def vocabulary_size(ctx: Context) -> Iterator[Problem]:
    why = vocabulary_too_large(ctx.kb)
    if why is None:
        return
    words = vocabulary_words(ctx.kb)
    largest = max(words, key=lambda name: len(words[name]))
    yield problem(
        display_path(ctx.loaded.data_dir / largest),
        "vocabulary-too-large",
        why,
        hint="keep the words articles really use; a term that is a spelling of another "
        "(spaces, hyphens, case) is matched already, and `word*` matches any ending",
    )


RULES = [vocabulary_size]

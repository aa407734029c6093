"""A term set's terms grouped by the two characters their matches begin with.

A place in a text is tried against the terms its first two characters can begin, not against
every term of its first letter: the same first match (the terms left out cannot match there,
and the others keep their order), for a fraction of the alternatives.
"""

from __future__ import annotations


def pair_key(term: str, first_word: str) -> str | None:
    """The two characters every match of a term begins with, lowercased, where both are fixed
    ASCII characters (its first word's first two); None where the second may vary (a one-letter
    first word, a wildcard after the first letter, a term that starts with a gap) or is not
    ASCII (case folding may match it from another character)."""
    literal = first_word[:-1] if first_word.endswith("*") and len(first_word) > 1 else first_word
    if not term.startswith(first_word) or len(literal) < 2 or not literal[:2].isascii():
        return None
    return literal[:2].lower()


def by_pairs(keys: list[str | None], firsts: list[str]) -> dict[str, list[int]]:
    """The terms (by index, in order) to try where a place begins with each pair of ASCII
    characters: those of that pair and those of its first letter whose second may vary; under
    the first letter alone, only the latter (the places whose pair no term has)."""
    loose: dict[str, list[int]] = {}
    for i, (key, first) in enumerate(zip(keys, firsts, strict=True)):
        if key is None:
            loose.setdefault(first, []).append(i)
    fixed: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            fixed.setdefault(key, []).append(i)
    out = {key: sorted(members + loose.get(key[0], [])) for key, members in fixed.items()}
    return out | loose

"""Whether a term can end right before the linking words in front of a position, read from the
position backwards on the window reversed (a quick, exact test before the window is scanned).

`NumberWords.named_before` wants the last term of a window that only linking words ("of",
"is", "=") and spaces follow. Such a term ends where the linking words begin, or between two
of them, and its last word is written right there. The window reversed is matched, from its
start, by the linking words and spaces reversed, then one term's last word reversed: where
no such match exists, no term ends at a place the linking words could follow, and the window
holds no term `named_before` could take (its scan, ~50 characters, is not needed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from r1kb.checksource.lexicon.starts import any_of, last_word

# a character, a character class or an escaped character, with its quantifier if any
_ITEM = re.compile(r"(?:\[(?:\\.|[^\]])*\]|\\.|[^\\\[])[?*+]?")


def reversed_pattern(source: str) -> str:
    """A pattern made only of characters, classes and quantifiers on them ("set[ \\t]+to",
    "equals?") spelled backwards: it matches a text reversed where the source matches it."""
    items = _ITEM.findall(source)
    if "".join(items) != source:
        raise ValueError(f"not a plain sequence: {source!r}")
    return "".join(reversed(items))


def last_words_reversed(terms: Iterable[str]) -> str:
    """A pattern (to be read with re.I) that matches the text before any term's match ends,
    reversed: its last word as term_pattern spells it (its plural, a wildcard's ending)."""
    plain: set[str] = set()
    wild: set[str] = set()
    for term in terms:
        last = last_word(term)
        if last is None:
            continue
        if last.endswith("*") and len(last) > 1:
            wild.add(last[:-1][::-1])  # then \w*(?:[-‑.]\w+)* (see term_pattern)
        else:
            plain.update(
                (last + ending)[::-1]
                for ending in ("", "s", "es")[: 3 if last[-1].isalpha() else 1]
            )
    alternatives = [any_of(sorted(plain))] if plain else []
    alternatives += [r"(?:\w+[\-‑.])*\w*" + re.escape(w) for w in sorted(wild)]
    return "|".join(alternatives) or "(?!)"


def ends_before(link_words: Iterable[str], terms: Iterable[str]) -> re.Pattern[str]:
    """The test on a window reversed (see the module docstring): a trailing line break (where
    `$` also matches), linking words and spaces, then a term's last word."""
    link = "|".join(reversed_pattern(w) for w in link_words)
    return re.compile(rf"\n?(?:[ \t]|{link})*(?:{last_words_reversed(terms)})", re.I)

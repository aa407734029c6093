"""How many words the vocabularies may hold in all, and how many wildcards a term.

check-source compiles every quantity term and qualifier, unit term, currency code and sign,
model name and alias, and the other word lists of data/quantities.yaml and data/models.yaml
into its recognisers, at a cost that grows with the words in them (faster than their number:
10,000 two-word terms took 15 s and 280 MB to compile, 3,750 terms of 11 one-letter words
159 s and 556 MB), and a pull request may add any number (the schema's limits are the pull
request's to loosen). So the words inside the terms are counted: the project holds about
2,400 words in 1,200 terms; validate refuses more than MAX_WORDS words or MAX_CHARS
characters in all (`vocabulary-too-large`), and check-source does not compile them. At the
cap, terms of 11 one-letter words compile in 8.4 s and 151 MB (10,000 such words: 19 s, 322 MB).

A `*` on a word of a term matches any ending; two in one term can share a long word between
them in every way, which the matcher tries (26 of them on 28 letters took 25 s, half again
for each letter more): a term holds at most MAX_WILDCARDS (`term-too-many-wildcards`).
"""

from __future__ import annotations

from r1kb.checksource.lexicon.starts import WORD_SPLIT
from r1kb.kb import KnowledgeBase

MAX_WORDS = 5_000  # words inside the terms, as a term's pattern spells them
MAX_CHARS = 100_000
MAX_WILDCARDS = 1
Terms = dict[str, list[str]]  # file name -> every word list's entries it holds


def vocabulary_words(kb: KnowledgeBase) -> Terms:
    """Every word check-source compiles, by the file that holds it."""
    return {
        "quantities.yaml": [
            *(t for q in kb.quantities.values() for t in (*q.terms, *q.qualifiers)),
            *(t for u in kb.units.values() for t in u.terms),
            *(w for u in kb.units.values() if u.currency for w in (u.id, u.symbol) if w),
            *kb.accelerators,
            *kb.accelerator_variants,
            *kb.gpu_machines,
            *kb.foreign_units,
            *kb.expert_layout_cues,
            *kb.money_not_cost,
        ],
        "models.yaml": [
            *(w for m in kb.models.values() for w in (m.name, *m.aliases)),
            *kb.outside,
            *kb.size_nouns,
        ],
    }


def words_in(term: str) -> int:
    """The words of a term as its pattern spells them (split where a gap may stand)."""
    return sum(1 for w in WORD_SPLIT.split(str(term)) if w)


def vocabulary_too_large(kb: KnowledgeBase) -> str | None:
    """What is over a limit (None: nothing), counted over both files."""
    return over_limits(vocabulary_words(kb))


def over_limits(terms: Terms) -> str | None:
    """`vocabulary_too_large` of terms already gathered."""
    count = sum(words_in(t) for ts in terms.values() for t in ts)
    chars = sum(len(str(t)) for ts in terms.values() for t in ts)
    if count <= MAX_WORDS and chars <= MAX_CHARS:
        return None
    held = ", ".join(f"{name}: {len(ts):,} terms" for name, ts in terms.items())
    return (
        f"the vocabularies hold {count:,} words of {chars:,} characters ({held}); at most "
        f"{MAX_WORDS:,} words and {MAX_CHARS:,} characters in all are compiled by check-source"
    )


def too_many_wildcards(terms: Terms) -> dict[str, list[str]]:
    """The terms with more than MAX_WILDCARDS `*`, by the file that holds them."""
    found = {
        name: [t for t in ts if str(t).count("*") > MAX_WILDCARDS] for name, ts in terms.items()
    }
    return {name: ts for name, ts in found.items() if ts}


def vocabulary_unusable(kb: KnowledgeBase) -> str | None:
    """Why check-source will not compile the vocabularies (None: it will)."""
    terms = vocabulary_words(kb)
    if (why := over_limits(terms)) is not None:
        return why
    if heavy := too_many_wildcards(terms):
        name, ts = next(iter(heavy.items()))
        return f"{name}: the term {ts[0]!r} holds more than {MAX_WILDCARDS} `*`"
    return None

"""How many words the vocabularies may hold in all.

check-source compiles every quantity term and qualifier, unit term, currency code and sign,
model name and alias, and the other word lists of data/quantities.yaml and data/models.yaml
into its recognisers, at a cost that grows with their number: 10,000 terms took 15 s to
compile and 280 MB, and a pull request may add any number (the schema's limits are the pull
request's to loosen). The project holds about 1,100 words (13,500 characters); validate
refuses more than MAX_WORDS or MAX_CHARS in all (`vocabulary-too-large`), and check-source
does not compile them.
"""

from __future__ import annotations

from r1kb.kb import KnowledgeBase

MAX_WORDS = 5_000  # compiled in ~7 s, 155 MB, once (then cached)
MAX_CHARS = 100_000


def vocabulary_words(kb: KnowledgeBase) -> dict[str, list[str]]:
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
        ],
        "models.yaml": [
            *(w for m in kb.models.values() for w in (m.name, *m.aliases)),
            *kb.outside,
            *kb.size_nouns,
        ],
    }


def vocabulary_too_large(kb: KnowledgeBase) -> str | None:
    """What is over a limit (None: nothing), counted over both files."""
    words = vocabulary_words(kb)
    count = sum(len(w) for w in words.values())
    chars = sum(len(str(x)) for w in words.values() for x in w)
    if count <= MAX_WORDS and chars <= MAX_CHARS:
        return None
    held = ", ".join(f"{name}: {len(w):,}" for name, w in words.items())
    return (
        f"the vocabularies hold {count:,} words of {chars:,} characters ({held}); at most "
        f"{MAX_WORDS:,} words and {MAX_CHARS:,} characters in all are compiled by check-source"
    )

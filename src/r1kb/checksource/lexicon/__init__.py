"""Stage 0, the lexicon: the words and notations articles write figures and names in — the
vocabulary of quantities, units and models compiled once per run from data/quantities.yaml and
data/models.yaml, and the English that stays in Python (number words, magnitudes, qualifiers,
month names). Nothing about any one article."""

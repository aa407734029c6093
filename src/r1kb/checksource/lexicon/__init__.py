"""Stage 0, the lexicon: the words for quantities, units and models, compiled once per run from
data/quantities.yaml and data/models.yaml (nothing about any one article)."""

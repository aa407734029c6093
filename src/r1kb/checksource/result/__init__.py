"""Stage 5, the result: one report per input, one figure per chosen reading, with the words
that say why its outcome. Printing is the next stage."""

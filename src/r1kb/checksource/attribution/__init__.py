"""Stage 3, attribution: for each candidate, the readings its words allow (a model and a
quantity, each with the evidence that decided it), nearest evidence first."""

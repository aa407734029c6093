"""Stage 2, the candidates: every numeral of the document with its notation (value, range,
unit, currency, date) and every name of a model, a benchmark or the company."""

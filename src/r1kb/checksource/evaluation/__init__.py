"""After the pipeline: check-source measured on labelled articles (recall, precision, outcome)."""

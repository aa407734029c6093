"""Stage 4, matching: each reading judged against the knowledge base, and the reading chosen
per candidate (one the knowledge base recognises wins over one where it conflicts or is new)."""

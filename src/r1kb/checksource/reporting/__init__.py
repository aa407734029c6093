"""Stage 6, the reporters: a result printed as text, Markdown, JSON or GitHub annotations, or
written as draft records."""

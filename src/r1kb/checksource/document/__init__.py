"""Stage 1, the document: an input's bytes decoded and read as blocks (headings, list items,
paragraphs, sentences) and table cells, whether it came as text, Markdown or HTML."""

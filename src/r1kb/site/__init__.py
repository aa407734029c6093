"""The static site: renderers that turn the knowledge base into Markdown pages and assets.

Every module returns strings (Markdown, HTML fragments, SVG, export files); the thin MkDocs
hook in scripts/ only hands them to MkDocs. Importing this package is cheap: the Markdown
library is needed only by `r1kb.site.escape.render_markdown`.
"""

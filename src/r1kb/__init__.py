"""r1kb: an annotated, citable knowledge base of the facts and claims about DeepSeek-R1."""

__version__ = "0.1.0"

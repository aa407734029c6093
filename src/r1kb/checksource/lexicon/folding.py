"""Words matched case-insensitively, as keys of the word tables.

Python's case-insensitive patterns let four non-ASCII letters stand for ASCII ones (İ and ı
for i, ſ for s, the Kelvin sign K for k), which `str.lower` does not map: "ſeven weeks"
matches the number-word pattern, and its lowercased words are not a key of the table.
"""

from __future__ import annotations

# every non-ASCII letter a case-insensitive pattern (Python's re) matches with an ASCII one;
# tests/test_check_source_hostile.py derives the list again from re and compares
ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Text lowercased as a case-insensitive pattern compares it, twins made ASCII."""
    return text.translate(ASCII_TWINS).lower()

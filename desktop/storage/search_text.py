"""Folding text for search: what the clerk types matches what is stored, accents and case aside.

SQLite's LIKE and lower() only fold ASCII, so "helene" would miss "Hélène"; the stored
`search_key` columns and the typed words are folded the same way here instead.
"""

from __future__ import annotations

import unicodedata

SEPARATOR = " | "  # between the folded fields of one key; never matches a typed word


def fold(text: str) -> str:
    """Lowercase, accents removed, spaces collapsed: 'Hélène  DUPONT' → 'helene dupont'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a query, each to be found somewhere in the key."""
    return fold(text).split()


def key(*fields: str) -> str:
    return SEPARATOR.join(fold(f) for f in fields if f and f.strip())

"""Folding text for search: what the clerk types matches what is stored, accents and case aside.

SQLite's LIKE and lower() only fold ASCII, so "helene" would miss "Hélène"; the stored
`search_key` columns and the typed words are folded the same way here instead.
"""

from __future__ import annotations

import unicodedata

SEPARATOR = " | "  # between the folded fields of one key; never matches a typed word


class _NoCombining(dict):
    """str.translate table dropping combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        self[code] = value = None if unicodedata.combining(ch) else ch
        return value


_DROP_COMBINING = _NoCombining()


def fold(text: str) -> str:
    """Lowercase, accents removed, spaces collapsed: 'Hélène  DUPONT' → 'helene dupont'."""
    text = text or ""
    if text.isascii():  # NFKD changes no ASCII character: the common case, 10× faster
        return " ".join(text.lower().split())
    bare = unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING)
    return " ".join(bare.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a query, each to be found somewhere in the key."""
    return fold(text).split()


def key(*fields: str) -> str:
    return SEPARATOR.join(fold(f) for f in fields if f and f.strip())

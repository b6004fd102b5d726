"""ISO 3166-1 countries and ISO 3166-2 states/provinces, named in French and English.

Codes and subdivisions come from pycountry (the ISO 3166 tables, maintained); the names
people use come from the CLDR through Babel ("États-Unis", "United States"), with
pycountry's ISO name as a second spelling to match. Both are loaded on first use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

HOME_COUNTRY = "FR"  # the shop ships from mainland France (docs/sources/customs.md §1)

# EU member states (TFEU art. 52, as of 2020-02-01: United Kingdom left).
EU_MEMBERS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
# Countries whose post wants the state / province on the town line (UPU S42 address
# templates; USPS Publication 28 §2, Canada Post Addressing Guidelines, Australia Post
# Addressing Standards): "NEW YORK NY 10001", "OTTAWA ON K1A 0B1", "SYDNEY NSW 2000".
STATE_COUNTRIES = frozenset({"US", "CA", "AU"})


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name_fr: str
    name_en: str
    official: str = ""  # the ISO 3166 English short name, when it differs

    def name(self, lang: str = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True)
class Subdivision:
    code: str  # the part after the country: "NY", "ON", "NSW"
    name: str  # the ISO 3166-2 name, as the country writes it

    def label(self) -> str:
        return f"{self.code} — {self.name}"


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Etats-Unis" finds "États-Unis"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@cache
def _table() -> dict[str, Country]:
    import pycountry
    from babel import Locale

    fr, en = Locale("fr").territories, Locale("en").territories
    out: dict[str, Country] = {}
    for c in pycountry.countries:
        iso = getattr(c, "common_name", None) or c.name
        out[c.alpha_2] = Country(c.alpha_2, c.alpha_3, fr.get(c.alpha_2, iso),
                                 en.get(c.alpha_2, iso), c.name)
    return out


def loaded() -> bool:
    """Whether the table is in memory (the window asks it off the GUI thread at start)."""
    return _table.cache_info().currsize > 0


def get(code: str) -> Country | None:
    return _table().get((code or "").strip().upper())


def is_known(code: str) -> bool:
    return get(code) is not None


def all_countries() -> list[Country]:
    return list(_table().values())


def _names(c: Country) -> tuple[str, ...]:
    return tuple(fold(n) for n in (c.name_fr, c.name_en, c.official) if n)


def find(text: str, lang: str = "fr") -> list[Country]:
    """Countries matching `text` by code or name (French or English), best first: the exact
    code ("US"), an exact name, the alpha-3 code, names that start with it, then names that
    contain it. Empty when nothing matches: an unknown country is refused, never guessed."""
    needle = fold(text)
    if not needle:
        return sorted(all_countries(), key=lambda c: fold(c.name(lang)))
    ranked: dict[str, tuple[int, str]] = {}
    for c in _table().values():
        names = _names(c)
        if c.code.casefold() == needle:
            rank = 0
        elif needle in names:
            rank = 1
        elif c.alpha3.casefold() == needle:
            rank = 2
        elif any(n.startswith(needle) for n in names):
            rank = 3
        elif len(needle) >= 3 and any(needle in n for n in names):
            rank = 4
        else:
            continue
        ranked[c.code] = (rank, fold(c.name(lang)))
    return [get(code) for code, _ in sorted(ranked.items(), key=lambda kv: kv[1])]


def resolve(text: str) -> Country | None:
    """The one country `text` names (a code, an alpha-3 code or a full name), else None."""
    needle = fold(text)
    if not needle:
        return None
    found = get(text)
    if found:
        return found
    exact = [c for c in _table().values()
             if needle in _names(c) or c.alpha3.casefold() == needle]
    return exact[0] if len(exact) == 1 else None


def needs_state(code: str) -> bool:
    return (code or "").upper() in STATE_COUNTRIES


@cache
def subdivisions(code: str) -> tuple[Subdivision, ...]:
    """The states / provinces / territories of a country that uses them in addresses."""
    if not needs_state(code):
        return ()
    import pycountry

    found = pycountry.subdivisions.get(country_code=code.upper()) or []
    top = [s for s in found if s.parent_code is None]
    return tuple(sorted((Subdivision(s.code.split("-", 1)[1], s.name) for s in top),
                        key=lambda s: s.code))


def find_subdivision(country: str, text: str) -> Subdivision | None:
    """The subdivision `text` names, by code ("ny") or name ("New York")."""
    needle = fold(text)
    for s in subdivisions(country):
        if needle in (s.code.casefold(), fold(s.name)):
            return s
    return None

"""ISO 3166-1 countries with French and English names (resources/reference/countries.json)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.reference import load_json

HOME_COUNTRY = "FR"  # the shop ships from mainland France (docs/sources/customs.md §1)

# EU member states (TFEU art. 52, as of 2020-02-01: United Kingdom left).
EU_MEMBERS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name_fr: str
    name_en: str

    def name(self, lang: str = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en


@lru_cache(maxsize=1)
def _table() -> dict[str, Country]:
    rows = load_json("reference", "countries.json")["countries"]
    return {r["alpha2"]: Country(r["alpha2"], r["alpha3"], r["name_fr"], r["name_en"])
            for r in rows}


def get(code: str) -> Country | None:
    return _table().get((code or "").strip().upper())


def is_known(code: str) -> bool:
    return get(code) is not None


def all_countries() -> list[Country]:
    return list(_table().values())


def find(text: str, lang: str = "fr") -> list[Country]:
    """Countries whose code or name starts with / contains `text` (type-ahead)."""
    needle = (text or "").strip().casefold()
    if not needle:
        return all_countries()
    exact = [c for c in _table().values() if c.code.casefold() == needle]
    starts = [c for c in _table().values()
              if c not in exact and c.name(lang).casefold().startswith(needle)]
    contains = [c for c in _table().values()
                if c not in exact and c not in starts and needle in c.name(lang).casefold()]
    return exact + starts + contains

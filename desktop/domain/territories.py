"""Customs and fiscal territories from an address: country code *and* postal code.

The table (`resources/reference/territories.json`, docs/sources/customs.md §1) names the places that a
country code alone gets wrong: Spanish postal codes 35/38 are the Canary Islands, 97133 is
Saint-Barthélemy, 980xx Monaco (inside the EU), and so on. Everything else is decided by
EU membership (`countries.EU_MEMBERS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain import countries
from desktop.domain.address import Address
from desktop.domain.reference import load_json

EU_ZONE = "EU"  # the EU customs and VAT territory (Reg. 952/2013 art. 4, Directive 2006/112)


@dataclass(frozen=True)
class Territory:
    id: str  # "ES-CN", "FR-GP", or a plain ISO code for an ordinary country
    name_fr: str
    name_en: str
    declaration: bool  # True: a CN22/CN23 is needed from the EU mainland
    zone: str = ""  # Colissimo overseas zone "OM1"/"OM2" [C 8.2 C]
    note_fr: str = ""
    note_en: str = ""
    source: str = ""
    parent: str = ""  # the country whose postal codes it uses
    special: bool = False  # True when it comes from the territory table

    def name(self, lang: str = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def note(self, lang: str = "fr") -> str:
        return self.note_fr if lang == "fr" else self.note_en

    @property
    def customs_zone(self) -> str:
        """Two addresses in the same zone exchange goods without a declaration."""
        return self.id if self.declaration else EU_ZONE if self.in_eu else self.id

    @property
    def in_eu(self) -> bool:
        return not self.declaration and (self.special or self.id in countries.EU_MEMBERS)


@dataclass(frozen=True)
class _Row:
    territory: Territory
    aliases: frozenset[str]
    parent: str
    prefixes: tuple[str, ...]
    length: int | None


def normalise_postcode(postcode: str) -> str:
    """'630 86' → '63086', 'AX-22100' → '22100', 'je2 3ab' → 'JE23AB'."""
    text = re.sub(r"[\s\-]", "", (postcode or "").upper())
    # A country prefix before an all-digit code ("AX-22100", "D-27498") is dropped.
    prefixed = re.fullmatch(r"[A-Z]{1,2}(\d{3,})", text)
    return prefixed.group(1) if prefixed else text


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    out = []
    for r in load_json("reference", "territories.json")["territories"]:
        t = Territory(r["id"], r["name_fr"], r["name_en"], bool(r["declaration"]),
                      r.get("zone", ""), r.get("note_fr", ""), r.get("note_en", ""),
                      r.get("source", ""), r.get("parent", ""), special=True)
        out.append(_Row(t, frozenset(c.upper() for c in r.get("countries", ())),
                        r.get("parent", "").upper(), tuple(r.get("postcodes", ())),
                        r.get("postcode_length")))
    return tuple(out)


def all_special() -> list[Territory]:
    return [r.territory for r in _rows()]


def get(territory_id: str) -> Territory | None:
    return next((r.territory for r in _rows() if r.territory.id == territory_id), None)


def classify(country: str, postcode: str = "") -> Territory:
    """The territory of an address given its ISO country code and postal code."""
    code = (country or "").strip().upper()
    pc = normalise_postcode(postcode)
    for row in _rows():
        if code in row.aliases:
            return row.territory
        if code == row.parent and pc and any(pc.startswith(p) for p in row.prefixes) and (
                row.length is None or len(pc) == row.length):
            return row.territory
    c = countries.get(code)
    in_eu = code in countries.EU_MEMBERS
    name_fr = c.name_fr if c else code
    name_en = c.name_en if c else code
    if in_eu:
        return Territory(code, name_fr, name_en, False,
                         note_fr="territoire douanier et fiscal de l'UE",
                         note_en="EU customs and VAT territory",
                         source="TFEU art. 52; Regulation (EU) 952/2013 art. 4")
    return Territory(code, name_fr, name_en, True, note_fr="pays hors UE",
                     note_en="country outside the EU", source="Regulation (EU) 952/2013 art. 4")


def of_address(address: Address) -> Territory:
    return classify(address.country, address.postcode)

"""French postal codes → communes and *libellés d'acheminement* (resources/reference/fr-postcodes.json).

Source: npm `codes-postaux` 4.1.2, Base Adresse Nationale (IGN, DINUM, ANCT), MIT; built from
INSEE's COG and DGFiP's FIMOCT. Covers mainland France, Corsica and the DOM (971–976);
the COM (975 SPM is present, 986–988 are not) are accepted on format alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.reference import load_json

FR_POSTCODE = re.compile(r"^\d{5}$")  # 5 digits (La Poste, docs/sources/addresses.md)
# Countries whose addresses use the French 5-digit code: overseas departments and
# collectivities have their own ISO codes but French postcodes (docs/sources/customs.md §1).
FRENCH_POSTCODE_COUNTRIES = frozenset("FR GP MQ GF RE YT PM BL MF NC PF WF MC TF".split())
# Prefixes the reference table covers; other French codes (986–988, Monaco 980) are
# checked on format only.
_COVERED_PREFIXES = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "90", "91", "92", "93",
                     "94", "95", "971", "972", "973", "974", "975", "976")


@dataclass(frozen=True)
class Commune:
    postcode: str
    insee: str
    name: str
    routing_label: str  # libellé d'acheminement, uppercase, for address line 6


@lru_cache(maxsize=1)
def _by_code() -> dict[str, list[Commune]]:
    table: dict[str, list[Commune]] = {}
    for row in load_json("reference", "fr-postcodes.json"):
        commune = Commune(row["codePostal"], row["codeCommune"], row["nomCommune"],
                          row["libelleAcheminement"])
        table.setdefault(commune.postcode, []).append(commune)
    return table


def communes(postcode: str) -> list[Commune]:
    return list(_by_code().get((postcode or "").strip(), []))


def is_covered(postcode: str) -> bool:
    """True where the table is authoritative, so an absent code really does not exist."""
    return postcode.startswith(_COVERED_PREFIXES) and not postcode.startswith(("980", "986",
                                                                              "987", "988"))


@lru_cache(maxsize=65536)  # the same commune names are folded for every address checked
def fold(text: str) -> str:
    """Uppercase, no accents, punctuation to spaces: the form of NF Z10-011 lines 4–6."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae")
    cleaned = re.sub(r"[^\w]+", " ", ascii_text.upper())
    return re.sub(r"\s+", " ", cleaned.replace("_", " ")).strip()


def match_town(postcode: str, town: str) -> Commune | None:
    """The commune of `postcode` whose name or routing label matches `town` (folded)."""
    wanted = fold(town)
    for commune in communes(postcode):
        if wanted in (fold(commune.name), fold(commune.routing_label)):
            return commune
    return None


def suggest(prefix: str, limit: int = 50) -> list[Commune]:
    """Type-ahead: communes whose postcode starts with `prefix`."""
    prefix = (prefix or "").strip()
    out: list[Commune] = []
    for code in sorted(_by_code()):
        if code.startswith(prefix):
            out.extend(_by_code()[code])
            if len(out) >= limit:
                break
    return out[:limit]

"""Destination zones as the carriers see them, from the country and the French postcode.

FR: mainland France, Corsica and Monaco; OM1/OM2: Colissimo overseas zones [C 8.2 C]
(docs/sources/customs.md §1: French overseas addresses may carry country FR with a 97x/98x postcode);
EU: other EU member states; INT: everything else.
"""

from __future__ import annotations

from desktop.domain.address import Address
from desktop.domain.countries import EU_MEMBERS
from desktop.domain.messages import Text

# [C 8.2 C]: OM1 = Guadeloupe (incl. St-Barthélemy, St-Martin), Martinique, Réunion, Guyane,
# Mayotte, St-Pierre-et-Miquelon; OM2 = New Caledonia, French Polynesia, Wallis-et-Futuna, TAAF.
OM1_COUNTRIES = frozenset("GP MQ RE GF YT PM BL MF".split())
OM2_COUNTRIES = frozenset("NC PF WF TF".split())
OM1_PREFIXES = ("971", "972", "973", "974", "975", "976")  # docs/sources/customs.md §1
OM2_PREFIXES = ("984", "986", "987", "988")  # TAAF 984, WF 986, PF 987, NC 988
DOMESTIC_COUNTRIES = frozenset({"FR", "MC"})  # Monaco is served as France (docs/sources/customs.md §1)


# The zones as a message names them (a refused destination: "Suisse (hors UE)").
ZONE_NAMES: dict[str, Text] = {
    "FR": Text("France métropolitaine et Monaco", "mainland France and Monaco"),
    "EU": Text("Union européenne", "European Union"),
    "INT": Text("hors UE", "outside the EU"),
    "OM1": Text("Outre-mer zone 1", "overseas zone 1"),
    "OM2": Text("Outre-mer zone 2", "overseas zone 2"),
}


def zone_of(address: Address) -> str:
    country = (address.country or "").strip().upper()
    postcode = (address.postcode or "").strip()
    if country in OM1_COUNTRIES or (country == "FR" and postcode.startswith(OM1_PREFIXES)):
        return "OM1"
    if country in OM2_COUNTRIES or (country == "FR" and postcode.startswith(OM2_PREFIXES)):
        return "OM2"
    if country in DOMESTIC_COUNTRIES:
        return "FR"
    if country in EU_MEMBERS:
        return "EU"
    return "INT"


def is_metropolitan(address: Address) -> bool:
    """Mainland France incl. Corsica (the COD territory [C 4.3]); Monaco is not."""
    return (address.country or "").upper() == "FR" and zone_of(address) == "FR"


def is_corsica(address: Address) -> bool:
    return (address.country or "").upper() == "FR" and (address.postcode or "").startswith("20")


def is_national(address: Address) -> bool:
    """National for claim purposes: France and overseas [C 4.2.2, 8.2 C]."""
    return zone_of(address) in ("FR", "OM1", "OM2")

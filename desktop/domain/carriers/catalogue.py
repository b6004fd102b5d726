"""The carrier services and their stable ids (issue 3 §9).

Interim catalogue for the counter workflow; the carrier-rules work replaces the data with
`resources/` tables while keeping this interface (`Service`, `Catalogue.get/all`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.errors import NotFound


@dataclass(frozen=True)
class Service:
    id: str
    carrier: str  # "laposte-delivengo", "colissimo", "novapost"
    carrier_name: str
    name_fr: str
    name_en: str
    max_weight_g: int
    tracked: bool
    tracking_prefix: str | None  # S10 service indicator for locally numbered items
    source: str = ""

    def name(self, lang: str = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en


_SERVICES = (
    Service("delivengo-profil-tracked", "laposte-delivengo", "La Poste Delivengo",
            "Delivengo Profil suivi", "Delivengo Profil tracked", 2000, True, "LD", "[D 2, 6.1]"),
    Service("delivengo-profil-untracked", "laposte-delivengo", "La Poste Delivengo",
            "Delivengo Profil sans suivi", "Delivengo Profil untracked", 2000, False, "UD",
            "[D 2, 6.1]"),
    Service("colissimo-domicile-france", "colissimo", "Colissimo",
            "Colissimo Domicile France sans signature", "Colissimo Home France", 30000, True,
            "CA", "[C 1]"),
    Service("colissimo-domicile-france-signature", "colissimo", "Colissimo",
            "Colissimo Domicile France avec signature", "Colissimo Home France, signature",
            30000, True, "CB", "[C 1]"),
    Service("colissimo-domicile-outremer", "colissimo", "Colissimo",
            "Colissimo Domicile Outre-mer sans signature", "Colissimo Home Overseas", 30000,
            True, "CC", "[C 1]"),
    Service("colissimo-domicile-outremer-signature", "colissimo", "Colissimo",
            "Colissimo Domicile Outre-mer avec signature", "Colissimo Home Overseas, signature",
            30000, True, "CD", "[C 1]"),
    Service("colissimo-expert-international", "colissimo", "Colissimo",
            "Colissimo Expert International", "Colissimo Expert International", 30000, True,
            "CE", "[C 1]"),
    Service("novapost-documents", "novapost", "Nova Post", "Nova Post documents",
            "Nova Post documents", 2000, True, "CF", "[N 2.1.1]"),
    Service("novapost-parcel", "novapost", "Nova Post", "Nova Post colis", "Nova Post parcel",
            30000, True, "CG", "[N 2.1.2]"),
    Service("novapost-cargo", "novapost", "Nova Post", "Nova Post fret", "Nova Post cargo",
            1_000_000, True, "CH", "[N 2.1.3]"),
)


class Catalogue:
    def __init__(self, services: tuple[Service, ...] = _SERVICES):
        self._by_id = {s.id: s for s in services}

    def get(self, service_id: str) -> Service:
        try:
            return self._by_id[service_id]
        except KeyError:
            raise NotFound("service", service_id) from None

    def has(self, service_id: str) -> bool:
        return service_id in self._by_id

    def all(self) -> list[Service]:
        return list(self._by_id.values())


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue()

"""Customs settings: thresholds, SDR rate, stop words, per-carrier lengths, copies and codes.

Defaults ship in `resources/customs/` (docs/sources/customs.md marks these figures configurable); the app
passes overrides as keyword arguments to `CustomsSettings.load(...)` or `dataclasses.replace`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from desktop.domain.money import parse_decimal
from desktop.domain.reference import load_json, resource_path


@dataclass(frozen=True)
class CarrierCustoms:
    """How one carrier wants its declarations (resources/customs/carriers.json)."""

    carrier: str
    always_cn23: bool = False
    copies: dict = field(default_factory=lambda: {"CN22": 3, "CN23": 3, "invoice": 3})
    lengths: dict = field(default_factory=dict)
    eori_threshold_applies: bool = False
    combined_label_cn22: bool = False
    source: str = ""

    def copies_of(self, document: str) -> int:
        # UPU forms come in sets of at most 4 copies (docs/sources/customs.md §2).
        return max(1, min(4, int(self.copies.get(document, 1))))


@dataclass(frozen=True)
class CustomsSettings:
    cn22_max_value: Decimal = Decimal("380.00")  # EUR, docs/sources/customs.md §2 (configurable)
    cn22_max_weight_g: int = 2000  # docs/sources/customs.md §2
    cn22_max_lines: int = 4  # UPU CN 22 layout
    eur_per_sdr: Decimal = Decimal("1.2667")  # 380 € / 300 SDR (configurable)
    eori_threshold: Decimal = Decimal("1000.00")  # docs/sources/customs.md §3, Colissimo
    exchange_rates_to_eur: dict = field(default_factory=lambda: {"EUR": Decimal("1")})
    operator_name: str = "La Poste"
    incoterm: str = "DAP"
    stop_words: frozenset = frozenset()
    carriers: dict = field(default_factory=dict)  # carrier id → CarrierCustoms
    category_codes: dict = field(default_factory=dict)  # "colissimo" → {category: code}
    commercial_categories: frozenset = frozenset({"sale_of_goods", "commercial_sample"})

    @staticmethod
    def load(**overrides) -> CustomsSettings:
        return replace(_defaults(), **overrides) if overrides else _defaults()

    def carrier(self, carrier_id: str) -> CarrierCustoms:
        return self.carriers.get(carrier_id) or self.carriers.get("default") or CarrierCustoms("default")

    def to_eur(self, amount: Decimal, currency: str) -> Decimal | None:
        rate = self.exchange_rates_to_eur.get((currency or "EUR").upper())
        return None if rate is None else amount * rate

    def to_sdr(self, amount_eur: Decimal) -> Decimal:
        return (amount_eur / self.eur_per_sdr).quantize(Decimal("0.01"))

    def is_stop_word(self, description: str) -> bool:
        return normalise_description(description) in self.stop_words


def normalise_description(text: str) -> str:
    """Lowercase, punctuation and repeated spaces removed: 'Clothes.' → 'clothes'."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[^\w\s-]+", " ", text)
    return " ".join(text.replace("_", " ").split()).strip("- ")


@lru_cache(maxsize=1)
def _defaults() -> CustomsSettings:
    raw = load_json("customs", "settings.json")
    carriers_raw = load_json("customs", "carriers.json")
    codes = load_json("customs", "category_codes.json")
    words = resource_path("customs", "stop_words.txt").read_text(encoding="utf-8").splitlines()
    stop = frozenset(normalise_description(w) for w in words if w.strip() and not w.startswith("#"))
    carriers = {
        key: CarrierCustoms(
            carrier=key, always_cn23=bool(row.get("always_cn23", False)),
            copies=dict(row.get("copies", {})), lengths=dict(row.get("lengths", {})),
            eori_threshold_applies=bool(row.get("eori_threshold_applies", False)),
            combined_label_cn22=bool(row.get("combined_label_cn22", False)),
            source=row.get("source", ""))
        for key, row in carriers_raw.items() if isinstance(row, dict)}
    return CustomsSettings(
        cn22_max_value=parse_decimal(raw["cn22_max_value"]["value"]),
        cn22_max_weight_g=int(raw["cn22_max_weight_g"]["value"]),
        cn22_max_lines=int(raw["cn22_max_lines"]["value"]),
        eur_per_sdr=parse_decimal(raw["eur_per_sdr"]["value"]),
        eori_threshold=parse_decimal(raw["eori_threshold"]["value"]),
        exchange_rates_to_eur={k.upper(): parse_decimal(v) for k, v in
                               raw["exchange_rates_to_eur"]["value"].items()},
        operator_name=raw["operator_name"]["value"],
        incoterm=raw["incoterm"]["value"],
        stop_words=stop, carriers=carriers,
        category_codes={k: v for k, v in codes.items() if isinstance(v, dict)},
        commercial_categories=frozenset(codes.get("commercial", ())))

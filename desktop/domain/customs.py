"""Customs declaration value objects (CN22/CN23 contents, docs/sources/customs.md §2).

The rules (when a form is needed, which one, data quality) live in `customs_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.domain.money import Money

# UPU categories of item (CN22/CN23 box 10).
CATEGORIES = ("gift", "commercial_sample", "documents", "returned_goods", "sale_of_goods", "other")


@dataclass(frozen=True)
class CustomsItem:
    description: str
    quantity: int
    net_weight_g: int  # for the whole line
    value: Decimal  # for the whole line, excluding VAT
    currency: str = "EUR"
    hs_code: str = ""
    origin: str = ""  # ISO 3166-1 alpha-2
    sku: str = ""

    @property
    def money(self) -> Money:
        return Money(self.value, self.currency)


@dataclass(frozen=True)
class CustomsDeclaration:
    category: str
    items: tuple[CustomsItem, ...] = ()
    explanation: str = ""  # required when category is "other"
    comments: str = ""
    invoice_number: str = ""
    licence_number: str = ""
    certificate_number: str = ""
    postal_charges: Decimal | None = None
    sender_customs_reference: str = ""  # e.g. EORI
    importer_reference: str = ""
    importer_phone: str = ""
    importer_email: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def total_value(self) -> Decimal:
        return sum((i.value for i in self.items), Decimal("0"))

    @property
    def total_net_weight_g(self) -> int:
        return sum(i.net_weight_g for i in self.items)

    @property
    def currency(self) -> str:
        return self.items[0].currency if self.items else "EUR"


@dataclass(frozen=True)
class Product:
    """A catalogue product, the source of customs lines."""

    sku: str
    description_fr: str
    description_en: str
    hs_code: str = ""
    origin: str = ""  # ISO 3166-1 alpha-2
    unit_net_weight_g: int = 0
    unit_value: Decimal = Decimal("0")
    currency: str = "EUR"
    ean: str = ""
    id: int | None = None

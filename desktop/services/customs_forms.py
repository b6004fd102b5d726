"""Customs use cases: what to print for a shipment, and editing a declaration's lines.

- `plan(shipment, ...)` → `CustomsPlan`: is a declaration needed (and why), which form, how
  many copies for this carrier, every violation, and the `CustomsPaper` the forms print.
- `produce(plan, renderers)` → the documents as bytes; the renderers (CN22, CN23, invoice)
  are injected by the caller (printing is an outer layer: services never import it).
- Editing helpers for the customs editor of the counter screen: add a catalogue
  product by SKU/EAN with a quantity, set/remove a line, live totals (`summary`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from desktop.domain.customs import CustomsDeclaration, CustomsItem, Product
from desktop.domain.customs_paper import CustomsPaper
from desktop.domain.customs_rules import (
    CN22,
    CN23,
    Need,
    carrier_of,
    declaration_need_for,
    validate_declaration,
)
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import NotFound, Violation
from desktop.domain.ports import Products
from desktop.domain.shipment import Shipment

Renderer = Callable[[CustomsPaper, int], bytes]  # (paper, copies) -> PDF bytes
CN22_LABEL, CN22_A4, INVOICE = "CN22-label", "CN22-A4", "invoice"


@dataclass(frozen=True)
class Document:
    kind: str  # "CN22-label", "CN22-A4", "CN23", "invoice"
    copies: int
    filename: str


@dataclass(frozen=True)
class CustomsPlan:
    need: Need
    violations: list[Violation]
    paper: CustomsPaper | None
    documents: tuple[Document, ...] = ()

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "error"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def plan(shipment: Shipment, *, settings: CustomsSettings | None = None,
         sender_eori: str = "", posting_date: date | None = None, office_of_origin: str = "",
         signatory: str = "", cn22_on_label: bool = True, base_name: str = "customs") -> CustomsPlan:
    settings = settings or CustomsSettings.load()
    need = declaration_need_for(shipment, settings=settings)
    if not need.required:
        return CustomsPlan(need, [], None)
    weight = shipment.parcel.weight_g if isinstance(shipment.parcel.weight_g, int) else None
    violations = validate_declaration(shipment.customs, gross_weight_g=weight,
                                      service_id=shipment.service_id, sender_eori=sender_eori,
                                      settings=settings)
    if shipment.customs is None:
        return CustomsPlan(need, violations, None)
    paper = CustomsPaper(
        sender=shipment.sender, recipient=shipment.recipient, declaration=shipment.customs,
        gross_weight_g=weight or 0, item_number=shipment.tracking_number or "",
        operator=settings.operator_name, office_of_origin=office_of_origin,
        posting_date=posting_date, signatory=signatory, sender_eori=sender_eori,
        invoice_date=posting_date, incoterm=settings.incoterm, reference=shipment.reference)
    carrier = settings.carrier(carrier_of(shipment.service_id))
    docs: list[Document] = []
    if need.form == CN22:
        kind = CN22_LABEL if cn22_on_label else CN22_A4
        docs.append(Document(kind, carrier.copies_of(CN22), f"{base_name}-cn22.pdf"))
    elif need.form == CN23:
        docs.append(Document(CN23, carrier.copies_of(CN23), f"{base_name}-cn23.pdf"))
    if shipment.customs.category != "documents" and (
            need.form == CN23 or shipment.customs.category in settings.commercial_categories):
        # A commercial invoice (or pro-forma) travels with every CN 23 and with commercial
        # items (docs/sources/customs.md §2–3; Colissimo asks the invoice ×4).
        docs.append(Document(INVOICE, carrier.copies_of("invoice"), f"{base_name}-invoice.pdf"))
    return CustomsPlan(need, violations, paper, tuple(docs))


def produce(p: CustomsPlan, renderers: Mapping[str, Renderer]) -> dict[str, bytes]:
    """filename → PDF bytes for each planned document; refuses a plan with errors."""
    if not p.ok:
        from desktop.domain.errors import ValidationFailed
        raise ValidationFailed(p.errors)
    if p.paper is None:
        return {}
    return {d.filename: renderers[d.kind](p.paper, d.copies) for d in p.documents}


# --- editing a declaration (the customs editor's model calls these) ----------------------
def line_from_product(product: Product, quantity: int, lang: str = "en") -> CustomsItem:
    """A customs line for `quantity` units of a catalogue product (line totals, Decimal)."""
    description = (product.description_en or product.description_fr) if lang == "en" else \
        (product.description_fr or product.description_en)
    return CustomsItem(description=description, quantity=quantity,
                       net_weight_g=product.unit_net_weight_g * quantity,
                       value=product.unit_value * quantity, currency=product.currency,
                       hs_code=product.hs_code, origin=product.origin, sku=product.sku)


def add_product(decl: CustomsDeclaration, products: Products, code: str, quantity: int = 1,
                lang: str = "en") -> CustomsDeclaration:
    """Adds a product typed or scanned by SKU/EAN; the same SKU again adds to its line."""
    product = products.find_code(code.strip())
    if product is None:
        raise NotFound("product", code)
    if quantity < 1:
        from desktop.domain.errors import ValidationFailed
        raise ValidationFailed([Violation("quantity", "positive", limit=0, actual=quantity)])
    items = list(decl.items)
    for n, item in enumerate(items):
        if item.sku and item.sku == product.sku:
            items[n] = line_from_product(product, item.quantity + quantity, lang)
            if item.description != items[n].description:  # keep the clerk's own wording
                items[n] = replace(items[n], description=item.description)
            return replace(decl, items=tuple(items))
    return replace(decl, items=tuple(items) + (line_from_product(product, quantity, lang),))


def set_line(decl: CustomsDeclaration, index: int, item: CustomsItem) -> CustomsDeclaration:
    items = list(decl.items)
    items[index] = item
    return replace(decl, items=tuple(items))


def remove_line(decl: CustomsDeclaration, index: int) -> CustomsDeclaration:
    items = list(decl.items)
    del items[index]
    return replace(decl, items=tuple(items))


@dataclass(frozen=True)
class Summary:
    """Live totals for the editor: exact sums of the lines (Decimal, grams)."""

    lines: int
    quantity: int
    net_weight_g: int
    value: Decimal
    currency: str
    value_sdr: Decimal | None
    per_line_errors: dict = field(default_factory=dict)  # row index → list[Violation]


def summary(decl: CustomsDeclaration, violations: list[Violation] = (),
            settings: CustomsSettings | None = None) -> Summary:
    settings = settings or CustomsSettings.load()
    in_eur = settings.to_eur(decl.total_value, decl.currency)
    per_line: dict[int, list[Violation]] = {}
    for v in violations:
        if v.field.startswith("customs.items["):
            index = int(v.field[len("customs.items["):].split("]", 1)[0])
            per_line.setdefault(index, []).append(v)
    return Summary(len(decl.items), sum(i.quantity for i in decl.items), decl.total_net_weight_g,
                   decl.total_value, decl.currency,
                   settings.to_sdr(in_eur) if in_eur is not None else None, per_line)

"""Catalogue products checked with the customs rules before they are stored.

A product is the source of customs lines, so it must already pass what a declaration
needs (CUSTOMS.md §3): precise FR and EN descriptions (no stop word alone), an HS code of
6/8/10 digits that exists in HS 2022, an ISO origin, a real value (Decimal, not 0 or 1),
a weight in grams. `check_product` runs those checks through `validate_declaration` on a
one-unit line; the repository then refuses a duplicate SKU.
"""

from __future__ import annotations

import re

from desktop.domain.customs import CustomsDeclaration, CustomsItem, Product
from desktop.domain.customs_rules import validate_declaration
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import Violation
from desktop.domain.money import parse_decimal

MAX_SKU = 35  # carrier article reference fields (CUSTOMS.md §3: references ≤ 35)
EAN = re.compile(r"^(\d{8}|\d{12}|\d{13}|\d{14})$")  # GS1: EAN-8, UPC-A, EAN-13, GTIN-14
# Customs line field → product field, for the rules' violations.
_LINE_TO_PRODUCT = {"net_weight_g": "unit_net_weight_g", "value": "unit_value",
                    "hs_code": "hs_code", "origin": "origin", "currency": "currency"}
_ITEM = re.compile(r"^customs\.items\[0\]\.(\w+)$")


def check_product(raw: dict, product_id: int | None = None,
                  settings: CustomsSettings | None = None) -> tuple[Product | None, list[Violation]]:
    """The product the texts describe, or every problem with its field name."""
    get = lambda k: str(raw.get(k) or "").strip()  # noqa: E731
    problems: list[Violation] = []
    sku, ean = get("sku"), get("ean").replace(" ", "")
    if not sku:
        problems.append(Violation("sku", "required"))
    elif len(sku) > MAX_SKU:
        problems.append(Violation("sku", "max_length", limit=MAX_SKU, actual=len(sku),
                                  source="CUSTOMS.md §3"))
    if ean and not EAN.match(ean):
        problems.append(Violation("ean", "ean_format", actual=ean, source="GS1"))
    weight_text = get("unit_net_weight_g").replace(" ", "")
    weight = int(weight_text) if weight_text.isdigit() else None
    if weight is None:
        problems.append(Violation("unit_net_weight_g", "not_a_number", actual=weight_text))
    try:
        value = parse_decimal(get("unit_value"))
    except ValueError:
        value = None
        problems.append(Violation("unit_value", "not_a_decimal", actual=get("unit_value")))
    hs_code = re.sub(r"[\s.]", "", get("hs_code"))
    origin, currency = get("origin").upper(), (get("currency") or "EUR").upper()
    for lang_field in ("description_fr", "description_en"):
        # A sale: HS code and origin are required (UPU CN 23 boxes 7 and 8).
        line = CustomsItem(description=get(lang_field), quantity=1, net_weight_g=weight if weight is not None else 1,
                           value=value if value is not None else parse_decimal("2"),
                           currency=currency, hs_code=hs_code, origin=origin)
        found = validate_declaration(CustomsDeclaration("sale_of_goods", (line,)),
                                     gross_weight_g=None, service_id="", settings=settings)
        for v in found:
            m = _ITEM.match(v.field)
            if not m:
                continue
            key = lang_field if m.group(1) == "description" else _LINE_TO_PRODUCT.get(m.group(1))
            if key is None or (key != lang_field and lang_field == "description_en"):
                continue  # the shared fields are judged once, with the French line
            if key == "unit_net_weight_g" and weight is None:
                continue
            if key == "unit_value" and value is None:
                continue
            # A catalogue product must name a real HS 2022 subheading (a line only warns).
            problems.append(Violation(key, v.rule, v.limit, v.actual, v.source, "error"))
    if problems:
        return None, problems
    return Product(sku=sku, description_fr=get("description_fr"),
                   description_en=get("description_en"), hs_code=hs_code, origin=origin,
                   unit_net_weight_g=weight, unit_value=value, currency=currency, ean=ean,
                   id=product_id), []

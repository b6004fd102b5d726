"""Catalogue products checked with the customs rules before they are stored.

A product is the source of customs lines, so it must already pass what a declaration
needs (docs/sources/customs.md §3): precise FR and EN descriptions (no stop word alone), an HS code of
6/8/10 digits that exists in HS 2022, an ISO origin, a real value (Decimal, not 0 or 1),
a weight in grams. `check_product` runs those checks through `validate_declaration` on a
one-unit line; the repository then refuses a duplicate SKU.
"""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.domain.customs import CustomsDeclaration, CustomsItem, Product
from desktop.domain.customs_rules import SRC_CARRIER_DATA as CARRIER_DATA
from desktop.domain.customs_rules import validate_declaration
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import Violation
from desktop.domain.input_rules import clean_text, parse_amount
from desktop.domain.parcel import MAX_PLAUSIBLE_WEIGHT_G

MAX_SKU = 35  # carrier article reference fields (docs/sources/customs.md §3: references ≤ 35)
EAN = re.compile(r"^(\d{8}|\d{12}|\d{13}|\d{14})$")  # GS1: EAN-8, UPC-A, EAN-13, GTIN-14
# Customs line field → product field, for the rules' violations.
_LINE_TO_PRODUCT = {"net_weight_g": "unit_net_weight_g", "value": "unit_value",
                    "hs_code": "hs_code", "origin": "origin", "currency": "currency"}
_ITEM = re.compile(r"^customs\.items\[0\]\.(\w+)$")


FIELDS = ("sku", "ean", "description_fr", "description_en", "hs_code", "origin",
          "unit_net_weight_g", "unit_value", "currency")


def check_product(raw: dict, product_id: int | None = None,
                  settings: CustomsSettings | None = None) -> tuple[Product | None, list[Violation]]:
    """The product the texts describe, or every problem with its field name.

    The one product validator: the product editor and the CSV import both call it, so a
    product the editor refuses is never imported either."""
    problems: list[Violation] = []
    texts: dict[str, str] = {}
    for key in FIELDS:  # bounded, clean text before any rule reads it
        text, problem = clean_text(key, str(raw.get(key) or "").strip())
        if problem:
            problems.append(problem)
        texts[key] = text
    if problems:
        return None, problems
    get = texts.__getitem__
    sku, ean = get("sku"), get("ean").replace(" ", "")
    if not sku:
        problems.append(Violation("sku", "required"))
    elif len(sku) > MAX_SKU:
        problems.append(Violation("sku", "max_length", limit=MAX_SKU, actual=len(sku),
                                  source=CARRIER_DATA))
    if ean and not EAN.match(ean):
        problems.append(Violation("ean", "ean_format", actual=ean, source="GS1"))
    weight_text = get("unit_net_weight_g").replace(" ", "").replace("\u00a0", "")
    weight = int(weight_text) if weight_text.isdigit() and len(weight_text) <= 7 else None
    if weight is None and weight_text.isdigit():
        problems.append(Violation("unit_net_weight_g", "max_value", limit=MAX_PLAUSIBLE_WEIGHT_G,
                                  actual=weight_text[:12]))
    elif weight is None:
        problems.append(Violation("unit_net_weight_g", "not_a_number", actual=weight_text))
    elif weight > MAX_PLAUSIBLE_WEIGHT_G:
        problems.append(Violation("unit_net_weight_g", "max_value", limit=MAX_PLAUSIBLE_WEIGHT_G,
                                  actual=weight, source="[N 2.1.3]"))
        weight = None
    value, problem = parse_amount("unit_value", get("unit_value"))
    if problem:
        problems.append(problem)
    hs_code = re.sub(r"[\s.]", "", get("hs_code"))
    origin, currency = get("origin").upper(), (get("currency") or "EUR").upper()
    for lang_field in ("description_fr", "description_en"):
        # A sale: HS code and origin are required (UPU CN 23 boxes 7 and 8).
        line = CustomsItem(description=get(lang_field), quantity=1, net_weight_g=weight if weight is not None else 1,
                           value=value if value is not None else Decimal("2"),
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

"""`check_product`: a catalogue product passes the customs rules before it is stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.services.products import MAX_SKU, check_product

GOOD = {"sku": "TS-01", "ean": "3760 0000 00017", "description_fr": "Tee-shirt homme en coton",
        "description_en": "Men's cotton T-shirt", "hs_code": "6109.10", "origin": " pt",
        "unit_net_weight_g": "1 180", "unit_value": "12,50", "currency": ""}


def rules(problems) -> set[tuple[str, str]]:
    return {(v.field, v.rule) for v in problems}


def test_good_texts_give_a_normalised_product():
    product, problems = check_product(GOOD, product_id=7)
    assert problems == []
    assert product.unit_value == Decimal("12.50") and isinstance(product.unit_value, Decimal)
    assert (product.hs_code, product.origin, product.unit_net_weight_g) == ("610910", "PT", 1180)
    assert (product.ean, product.currency, product.id) == ("3760000000017", "EUR", 7)
    assert (product.description_fr, product.description_en) == (GOOD["description_fr"],
                                                                GOOD["description_en"])


def test_customs_rules_refuse_a_vague_or_placeholder_product():
    bad = dict(GOOD, description_en="clothes", hs_code="999999", origin="XX", unit_value="1",
               unit_net_weight_g="0", ean="12345")
    product, problems = check_product(bad)
    assert product is None
    assert {("description_en", "customs_vague_description"),
            ("hs_code", "customs_hs_unknown"),  # an error for a catalogue product
            ("origin", "unknown_country"), ("unit_value", "customs_placeholder_value"),
            ("unit_net_weight_g", "positive"), ("ean", "ean_format")} <= rules(problems)
    assert all(v.severity == "error" for v in problems)


def test_missing_and_unreadable_fields_are_named():
    product, problems = check_product(dict(GOOD, sku="", description_en="", unit_value="douze",
                                           hs_code="", unit_net_weight_g="lourd"))
    assert product is None
    found = rules(problems)
    assert {("sku", "required"), ("description_en", "required"),
            ("unit_value", "not_a_decimal"), ("hs_code", "customs_hs_required"),
            ("unit_net_weight_g", "not_a_number")} <= found
    # an unreadable weight or value is reported once, not again by the customs rules
    assert [f for f, _ in found].count("unit_net_weight_g") == 1
    assert [f for f, _ in found].count("unit_value") == 1


@pytest.mark.parametrize("length, ok", [(MAX_SKU, True), (MAX_SKU + 1, False)])
def test_sku_length_limit(length, ok):
    product, problems = check_product(dict(GOOD, sku="S" * length))
    assert (product is not None) is ok
    if not ok:
        (v,) = problems
        assert (v.field, v.rule, v.limit, v.actual) == ("sku", "max_length", MAX_SKU, length)

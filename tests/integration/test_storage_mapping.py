"""Row ↔ domain mapping: customs JSON and Decimal round-trips (property-based)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.storage import columns, mapping
from desktop.storage.tables import ShipmentRow
from tests.integration.helpers_storage import declaration, shipment

amounts = st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e12"),
                      max_value=Decimal("1e12"))
texts = st.text(max_size=40)
items = st.builds(CustomsItem, description=texts, quantity=st.integers(1, 999),
                  net_weight_g=st.integers(0, 30_000), value=amounts,
                  currency=st.sampled_from(["EUR", "GBP", "UAH"]), hs_code=st.text("0123456789",
                                                                                   max_size=10),
                  origin=st.sampled_from(["", "FR", "CN"]), sku=texts)
declarations = st.builds(CustomsDeclaration, category=st.sampled_from(["gift", "sale_of_goods"]),
                         items=st.lists(items, max_size=5).map(tuple), explanation=texts,
                         postal_charges=st.none() | amounts, importer_email=texts)


@settings(max_examples=200, deadline=None)
@given(declarations)
def test_customs_survive_the_json_column_exactly(decl):
    stored = columns.dumps(mapping.customs_to_json(decl))  # what the TEXT column holds
    back = mapping.customs_from_json(columns.loads(stored))
    assert back == decl
    for before, after in zip(decl.items, back.items, strict=True):
        assert after.value.as_tuple() == before.value.as_tuple()
    if decl.postal_charges is not None:
        assert back.postal_charges.as_tuple() == decl.postal_charges.as_tuple()


def test_customs_json_is_readable_with_amounts_as_strings():
    doc = mapping.customs_to_json(declaration())
    assert doc["version"] == 1
    assert [i["value"] for i in doc["items"]] == ["59.90", "0.10"]
    assert doc["postal_charges"] == "17.35"
    assert '"value":"59.90"' in columns.dumps(doc)


def test_shipment_values_cover_every_address_field():
    row = ShipmentRow(**mapping.shipment_values(shipment()))
    back = mapping.address_from(row, "recipient_")
    assert back == shipment().recipient
    assert mapping.address_from(row, "sender_") == shipment().sender
    assert "helene dupont" in row.search_key and "cmd-1001" in row.search_key

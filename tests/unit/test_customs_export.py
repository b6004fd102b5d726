"""Carrier data shapes (Colissimo, Delivengo), SDR conversion, the customs plan."""

import csv
import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import ValidationFailed
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.services import customs_export, customs_forms

PARIS = Address(name="Boutique", street="1 RUE DE RIVOLI", postcode="75001", city="PARIS")
TOKYO = Address(name="Aiko Sato", street="1-1 Chiyoda", postcode="100-0001", city="Tokyo",
                country="JP")
ITEMS = (CustomsItem("Tea towel, linen, striped", 3, 300, Decimal("10.00"), "EUR", "630260", "FR",
                     "TT-3"),
         CustomsItem("Beeswax candle, hand-dipped", 2, 240, Decimal("19.90"), "EUR", "340600",
                     "FR"))
DECL = CustomsDeclaration(category="sale_of_goods", items=ITEMS, invoice_number="F-1",
                          postal_charges=Decimal("9.50"), comments="Fragile",
                          importer_reference="JP-123")


def shipment(service="delivengo-profil-tracked", weight=800, decl=DECL, recipient=TOKYO):
    return Shipment(PARIS, recipient, service, Parcel(weight_g=weight), customs=decl,
                    tracking_number="LD037468675FR")


def paper(**kw):
    p = customs_forms.plan(shipment(**kw), posting_date=date(2024, 3, 15))
    assert p.paper is not None
    return p.paper


def test_colissimo_shape():
    data = customs_export.colissimo(paper())
    assert data["contents"]["category"]["value"] == 3  # commercial [docs/sources/customs.md §4]
    first = data["contents"]["article"][0]
    assert first == {"description": "Tea towel, linen, striped", "quantity": 3,
                     "weight": "0.100", "value": "3.33", "hsCode": "630260",
                     "originCountry": "FR", "currency": "EUR", "artref": "TT-3"}
    assert data["invoiceNumber"] == "F-1" and data["importersReference"] == "JP-123"
    assert data["totalValue"] == "29.90"  # exact, whatever the unit rounding


@pytest.mark.parametrize("category,code", [("gift", 1), ("commercial_sample", 2),
                                           ("sale_of_goods", 3), ("documents", 4),
                                           ("other", 5), ("returned_goods", 6)])
def test_colissimo_category_codes(category, code):
    p = replace(paper(), declaration=replace(DECL, category=category))
    assert customs_export.colissimo(p)["contents"]["category"]["value"] == code


def test_delivengo_shape_and_sdr():
    data = customs_export.delivengo(paper())
    assert data["envoi_commercial"] is True and data["envoi_nature"] == 3
    assert data["quantite_total"] == 5 and data["poids_total"] == 800
    assert data["valeur_total"] == "29.90" and data["frais_port"] == "9.50"
    assert data["valeur_dts"] == str((Decimal("29.90") / Decimal("1.2667")).quantize(Decimal("0.01")))
    assert data["articles"][1] == {"description_detaillee": "Beeswax candle, hand-dipped",
                                   "quantite": 2, "poids": 240, "valeur": "19.90",
                                   "pays_origine": "FR", "num_tarifaire": "340600"}
    assert sum(Decimal(a["valeur"]) for a in data["articles"]) == Decimal(data["valeur_total"])


def test_sdr_rate_is_configurable():
    settings = CustomsSettings.load(eur_per_sdr=Decimal("1.10"))
    assert customs_export.delivengo(paper(), settings)["valeur_dts"] == "27.18"


def test_json_keeps_amounts_as_exact_strings():
    text = customs_export.to_json(customs_export.delivengo(paper()))
    assert '"valeur_total": "29.90"' in text
    assert json.loads(text)["articles"][0]["valeur"] == "10.00"


@pytest.mark.parametrize("carrier", ["colissimo", "delivengo"])
def test_csv_one_row_per_article(carrier):
    data = customs_export.SHAPES[carrier](paper())
    rows = list(csv.reader(io.StringIO(customs_export.to_csv(data, carrier)), delimiter=";"))
    assert len(rows) == 3 and all(len(r) == len(rows[0]) for r in rows)
    head = rows[0]
    desc = head.index("article_description" if carrier == "colissimo"
                      else "article_description_detaillee")
    assert [r[desc] for r in rows[1:]] == ["Tea towel, linen, striped",
                                           "Beeswax candle, hand-dipped"]


# --- the plan ---------------------------------------------------------------------------
def test_plan_delivengo_small_sale_gets_cn22_and_invoice():
    p = customs_forms.plan(shipment(), posting_date=date(2024, 3, 15))
    assert p.ok and p.need.form == "CN22"
    assert [(d.kind, d.copies) for d in p.documents] == [("CN22-label", 3), ("invoice", 3)]


def test_plan_colissimo_cn23_four_copies():
    p = customs_forms.plan(shipment(service="colissimo-expert-international"))
    assert [(d.kind, d.copies) for d in p.documents] == [("CN23", 4), ("invoice", 4)]


def test_plan_gift_under_threshold_has_no_invoice():
    p = customs_forms.plan(shipment(decl=replace(DECL, category="gift")))
    assert [d.kind for d in p.documents] == ["CN22-label"]


def test_plan_not_needed_inside_eu():
    berlin = Address(name="Max", street="Unter den Linden 1", postcode="10117", city="Berlin",
                     country="DE")
    p = customs_forms.plan(shipment(recipient=berlin))
    assert not p.need.required and p.documents == () and p.paper is None


def test_produce_refuses_a_plan_with_errors_and_renders_otherwise():
    bad = customs_forms.plan(shipment(decl=replace(DECL, invoice_number="")))
    with pytest.raises(ValidationFailed):
        customs_forms.produce(bad, {})
    good = customs_forms.plan(shipment(), base_name="x")
    calls = []
    out = customs_forms.produce(good, {"CN22-label": lambda pa, n: calls.append(n) or b"A",
                                       "invoice": lambda pa, n: b"B"})
    assert out == {"x-cn22.pdf": b"A", "x-invoice.pdf": b"B"} and calls == [3]


def test_summary_live_totals_and_errors_per_line():
    decl = replace(DECL, items=ITEMS + (replace(ITEMS[0], hs_code="12"),))
    violations = customs_forms.plan(shipment(decl=decl, weight=2000)).violations
    s = customs_forms.summary(decl, violations)
    assert (s.lines, s.quantity, s.net_weight_g, s.value) == (3, 8, 840, Decimal("39.90"))
    assert list(s.per_line_errors) == [2]
    assert s.value_sdr == (Decimal("39.90") / Decimal("1.2667")).quantize(Decimal("0.01"))


def test_editing_lines():
    d = customs_forms.set_line(DECL, 1, replace(ITEMS[1], quantity=1, value=Decimal("9.95")))
    assert d.total_value == Decimal("19.95")
    assert customs_forms.remove_line(d, 0).items == (replace(ITEMS[1], quantity=1,
                                                             value=Decimal("9.95")),)


# --- Decimal end to end: totals equal the sum of the lines to the cent -------------------

cents = st.integers(min_value=1, max_value=500_000).map(lambda n: Decimal(n) / 100)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cents, st.integers(1, 9)), min_size=1, max_size=12))
def test_totals_equal_sum_of_lines_to_the_cent(lines):
    items = tuple(CustomsItem(f"Linen tea towel, pattern {n}", q, 10 * q, v, "EUR", "630260",
                              "FR") for n, (v, q) in enumerate(lines))
    decl = replace(DECL, items=items)
    expected = sum((v for v, _ in lines), Decimal("0"))
    p = replace(paper(), declaration=decl)
    assert decl.total_value == expected
    assert customs_forms.summary(decl).value == expected
    delivengo = customs_export.delivengo(p)
    assert Decimal(delivengo["valeur_total"]) == expected
    assert sum(Decimal(a["valeur"]) for a in delivengo["articles"]) == expected
    assert Decimal(customs_export.colissimo(p)["totalValue"]) == expected

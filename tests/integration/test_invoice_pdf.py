"""Commercial / pro-forma invoice from the same data as the CN 23."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.customs_paper import CustomsPaper
from desktop.printing.invoice import ROWS_PER_PAGE, render_invoice, unit_price

DECL = CustomsDeclaration(category="sale_of_goods", invoice_number="F-2024-0042",
                          postal_charges=Decimal("14.90"), importer_reference="EIN 12-3456789",
                          items=(CustomsItem("Tea towel, linen, striped", 3, 300,
                                             Decimal("10.00"), "EUR", "630260", "FR"),
                                 CustomsItem("Beeswax candle, hand-dipped", 2, 240,
                                             Decimal("19.90"), "EUR", "340600", "FR")))
PAPER = CustomsPaper(
    Address(name="Camille Martin", company="Atelier Comptoir", street="12 rue des Lilas",
            postcode="69003", city="LYON"),
    Address(name="Jane Doe", street="1 Main St", postcode="10001", city="New York", country="US"),
    DECL, gross_weight_g=800, item_number="CE123456785FR", posting_date=date(2024, 3, 15),
    sender_eori="FR12345678900013", reference="CMD-1001")


def _text(pdf: bytes) -> str:
    return " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_commercial_invoice_content_and_totals():
    text = _text(render_invoice(PAPER))
    for value in ("FACTURE COMMERCIALE", "COMMERCIAL INVOICE", "F-2024-0042", "15/03/2024",
                  "CE123456785FR", "CMD-1001", "DAP", "EORI : FR12345678900013",
                  "EIN 12-3456789", "Tea towel, linen, striped", "630260", "3.3333", "10.00",
                  "9.95", "19.90", "29.90 EUR", "14.90 EUR", "44.80 EUR", "0.540 kg",
                  "0.800 kg", "Sale of goods"):
        assert value in text, value


def test_pro_forma_for_a_gift():
    text = _text(render_invoice(replace(PAPER, declaration=replace(DECL, category="gift"))))
    assert "PRO FORMA INVOICE" in text and "COMMERCIAL INVOICE" not in text


def test_unit_price_exact_or_four_decimals():
    assert unit_price(Decimal("19.90"), 2) == Decimal("9.95")
    assert unit_price(Decimal("10.00"), 3) == Decimal("3.3333")


def test_many_lines_continue_on_more_pages_with_copies():
    items = tuple(CustomsItem(f"Linen napkin, colour {n}", 1, 40, Decimal("4.10"), "EUR",
                              "630260", "FR") for n in range(ROWS_PER_PAGE + 1))
    pdf = render_invoice(replace(PAPER, declaration=replace(DECL, items=items)), copies=2)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 4
    text = _text(pdf)
    assert f"{(ROWS_PER_PAGE + 1) * Decimal('4.10')} EUR" in text  # 77.90, exact

"""CN 23 PDF: every box label and value readable by pypdf; the item number decodes."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.customs_paper import CustomsPaper
from desktop.printing.cn23 import ROWS_PER_SHEET, render_cn23

SENDER = Address(name="Camille Martin", company="Atelier Comptoir", street="12 rue des Lilas",
                 postcode="69003", city="LYON", country="FR", phone="+33 4 78 00 00 00",
                 email="contact@atelier.example")
RECIPIENT = Address(name="Олена Коваль", company="Kyiv Crafts LLC", street="vul. Khreshchatyk 22",
                    postcode="01001", city="Kyiv", country="UA", phone="+380 44 123 4567",
                    email="olena@crafts.example")
ITEMS = (
    CustomsItem("Men's cotton shirt, long sleeves", 2, 400, Decimal("59.80"), "EUR", "620520", "FR"),
    CustomsItem("Stoneware coffee mug, hand-painted", 1, 350, Decimal("18.50"), "EUR", "691200", "PT"),
    CustomsItem("Scented soy wax candle in glass jar", 3, 600, Decimal("36.05"), "EUR", "340600", "FR"),
)
DECL = CustomsDeclaration(
    category="sale_of_goods", items=ITEMS, explanation="Online order", comments="No perishables",
    invoice_number="F-2024-0042", licence_number="LIC-778", certificate_number="CERT-12",
    postal_charges=Decimal("14.90"), sender_customs_reference="FR12345678900013",
    importer_reference="UA-VAT 123456789", importer_phone="+380 44 765 4321",
    importer_email="customs@crafts.example")
PAPER = CustomsPaper(SENDER, RECIPIENT, DECL, gross_weight_g=1650, item_number="CE123456785FR",
                     operator="La Poste", office_of_origin="Lyon Part-Dieu",
                     posting_date=date(2024, 3, 15))

BOX_LABELS = [
    "DÉCLARATION EN DOUANE", "CUSTOMS DECLARATION", "CN 23",
    "Peut être ouvert d'office / May be opened officially",
    "Opérateur désigné / Designated operator",
    "No. of item (barcode, if any)",
    "De / From", "À / To", "Nom / Name", "Entreprise / Business", "Rue / Street",
    "Code postal / Postcode", "Ville / City", "Pays / Country",
    "Sender's customs reference (if any)",
    "Importer's reference (if any) (tax code/VAT No./importer code)",
    "Importer's telephone/fax/e-mail (if known)",
    "Detailed description of contents", "(1)", "Quantity", "(2)", "Net weight (in kg)", "(3)",
    "Total gross weight", "(4)", "Value", "(5)", "Total value", "(6)",
    "HS tariff number", "(7)", "Country of origin of goods", "(8)",
    "Postal charges/Fees", "(9)", "Category of item", "(10)",
    "Commercial sample", "Gift", "Returned goods", "Documents", "Sale of goods", "Other",
    "Explanation", "Comments", "(11)", "Licence (12)", "Certificate", "(13)", "Invoice", "(14)",
    "Office of origin / Date of posting",
    "I certify that the particulars given in this customs declaration are correct",
    "Date and sender's signature", "(15)",
]


def _text(pdf: bytes, page: int = 0) -> str:
    raw = PdfReader(io.BytesIO(pdf)).pages[page].extract_text()
    return re.sub(r"\s+", " ", raw)


@pytest.fixture(scope="module")
def pdf():
    return render_cn23(PAPER)


def test_every_box_label_is_in_the_text(pdf):
    text = _text(pdf)
    missing = [label for label in BOX_LABELS if label not in text]
    assert missing == []


def test_every_value_is_in_the_text(pdf):
    text = _text(pdf)
    values = ["La Poste", "Camille Martin", "Atelier Comptoir", "12 rue des Lilas", "69003",
              "LYON", "France (FR)", "Олена Коваль", "Kyiv Crafts LLC", "vul. Khreshchatyk 22",
              "01001", "Kyiv", "Ukraine (UA)", "FR12345678900013", "UA-VAT 123456789",
              "+380 44 765 4321", "customs@crafts.example", "+33 4 78 00 00 00",
              "Men's cotton shirt, long sleeves", "Stoneware coffee mug, hand-painted",
              "0.400", "0.350", "0.600", "59.80 EUR", "18.50 EUR", "36.05 EUR",
              "620520", "691200", "340600", "PT", "1.650", "114.35 EUR", "14.90 EUR",
              "Online order", "No perishables", "LIC-778", "CERT-12", "F-2024-0042",
              "Lyon Part-Dieu", "15/03/2024", "CE 123 456 785 FR", "Exemplaire / Copy 1/1"]
    missing = [v for v in values if v not in text]
    assert missing == []


def test_total_equals_sum_of_lines_to_the_cent(pdf):
    assert DECL.total_value == Decimal("114.35")
    assert "114.35 EUR" in _text(pdf)


def test_item_number_barcode_decodes(pdf):
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=300 / 72).to_pil()
    found = zxingcpp.read_barcodes(image)
    values = {(b.format, b.text) for b in found}
    assert (zxingcpp.BarcodeFormat.Code128, "CE123456785FR") in values


def test_copies_and_continuation_sheets():
    assert len(PdfReader(io.BytesIO(render_cn23(PAPER, copies=4))).pages) == 4
    assert len(PdfReader(io.BytesIO(render_cn23(PAPER, copies=9))).pages) == 4  # UPU: ≤ 4
    many = tuple(replace(ITEMS[0], description=f"Men's cotton shirt, model {n}")
                 for n in range(ROWS_PER_SHEET + 2))
    pdf = render_cn23(replace(PAPER, declaration=replace(DECL, items=many)), copies=2)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 4
    second = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert f"{ROWS_PER_SHEET + 1}. Men's cotton shirt, model {ROWS_PER_SHEET}" in second
    assert "Continuation sheet 2/2" in second


def test_checked_category_is_drawn_and_deterministic(pdf):
    assert render_cn23(PAPER) == pdf  # reprint = identical bytes [D 13.3]
    gift = render_cn23(replace(PAPER, declaration=replace(DECL, category="gift")))
    assert gift != pdf


def test_page_is_a4(pdf):
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)

"""CN 22 on a 100×150 mm label and on A4: boxes readable, item number decodes."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.customs_paper import CustomsPaper
from desktop.printing.cn22 import render_cn22_a4, render_cn22_label

PAPER = CustomsPaper(
    sender=Address(name="Camille Martin", street="12 rue des Lilas", postcode="69003",
                   city="LYON"),
    recipient=Address(name="Jane Doe", street="1 Main St", postcode="10001", city="New York",
                      country="US"),
    declaration=CustomsDeclaration(category="gift", items=(
        CustomsItem("Hand-knitted wool scarf, grey", 1, 180, Decimal("35.00"), "EUR", "611710", "FR"),
        CustomsItem("Lavender honey, 250 g glass jar", 2, 500, Decimal("17.00"), "EUR", "040900", "FR"),
    )),
    gross_weight_g=890, item_number="LD037468675FR", posting_date=date(2024, 3, 15))

LABELS = ["DÉCLARATION EN DOUANE", "CUSTOMS DECLARATION", "CN 22",
          "Peut être ouvert d'office / May be opened officially", "Designated operator",
          "Cadeau / Gift", "Commercial sample", "Documents", "Returned goods", "Sale of goods",
          "Autre / Other", "Explanation", "Quantity and detailed description of contents",
          "(1)", "Weight (kg)", "(2)", "Value", "(3)", "HS No.", "(4)", "Origin", "(5)",
          "Total weight", "(6)", "Total value", "(7)",
          "I certify that the particulars given in this customs declaration are correct",
          "Date and sender's signature", "(8)"]
VALUES = ["La Poste", "LD 037 468 675 FR", "1 × Hand-knitted wool scarf, grey",
          "2 × Lavender honey, 250 g glass jar", "0.180", "0.500", "35.00 EUR", "17.00 EUR",
          "611710", "040900", "0.890", "52.00 EUR", "15/03/2024", "Camille Martin"]


def _text(pdf: bytes, page: int = 0) -> str:
    return re.sub(r"\s+", " ", PdfReader(io.BytesIO(pdf)).pages[page].extract_text())


def _decode(pdf: bytes, page: int = 0) -> set:
    image = pdfium.PdfDocument(pdf)[page].render(scale=300 / 72).to_pil()
    return {(b.format, b.text) for b in zxingcpp.read_barcodes(image)}


def test_label_page_is_100_by_150_mm():
    box = PdfReader(io.BytesIO(render_cn22_label(PAPER))).pages[0].mediabox
    assert round(float(box.width), 2) == 283.46 and round(float(box.height), 2) == 425.2


def test_label_boxes_and_values():
    text = _text(render_cn22_label(PAPER))
    assert [x for x in LABELS + VALUES if x not in text] == []


def test_label_item_number_decodes():
    assert (zxingcpp.BarcodeFormat.Code128, "LD037468675FR") in _decode(render_cn22_label(PAPER))


def test_label_copies_one_page_each_and_deterministic():
    pdf = render_cn22_label(PAPER, copies=3)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    assert pdf == render_cn22_label(PAPER, copies=3)


def test_a4_two_forms_per_sheet_and_decodes():
    pdf = render_cn22_a4(PAPER, copies=3)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert _text(pdf, 0).count("CN 22") == 2 and _text(pdf, 1).count("CN 22") == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210
    assert (zxingcpp.BarcodeFormat.Code128, "LD037468675FR") in _decode(pdf)


def test_without_item_number_no_barcode():
    pdf = render_cn22_label(replace(PAPER, item_number=""))
    assert _decode(pdf) == set()
    assert "52.00 EUR" in _text(pdf)


def test_documents_only_form():
    docs = replace(PAPER, declaration=CustomsDeclaration(category="documents"), gross_weight_g=60)
    text = _text(render_cn22_label(docs))
    assert "Documents" in text and "0.060" in text


def test_combined_label_and_cn22_is_one_deterministic_job():
    from desktop.printing.cn22 import combine_label_and_cn22

    label = render_cn22_label(replace(PAPER, item_number="CE123456785FR"))  # any 10×15 page
    combined = combine_label_and_cn22(label, PAPER, copies=2)
    reader = PdfReader(io.BytesIO(combined))
    assert len(reader.pages) == 3
    assert all(round(float(p.mediabox.height), 1) == 425.2 for p in reader.pages)
    assert combined == combine_label_and_cn22(label, PAPER, copies=2)
    assert (zxingcpp.BarcodeFormat.Code128, "LD037468675FR") in _decode(combined, 2)

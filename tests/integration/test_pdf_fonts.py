"""PDF fonts that keep documents small (issue 9 §7): text the standard fonts can draw uses
Helvetica, nothing embedded; any other text (Cyrillic …) falls back to embedded DejaVu and
still reads back; the same inputs always give the same bytes (a reprint is identical)."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from desktop.domain.address import Address
from desktop.domain.label_layout import shipping_label
from desktop.printing.cn23 import render_cn23
from desktop.printing.invoice import render_invoice
from desktop.printing.pdf_label import render_pdf
from desktop.printing.samples import SAMPLES
from tests.integration.test_cn23_pdf import PAPER

LATIN = Address(name="Herr Jürgen Groß", street="Straße 1", postcode="10115", city="Berlin",
                country="DE", phone="+49 30 1234567")


def fonts_of(pdf: bytes) -> tuple[set[str], bool]:
    """Base font names of every page, and whether any font program is embedded."""
    names, embedded = set(), False
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).lstrip("/").split("+")[-1])
            descriptor = font.get("/FontDescriptor")
            embedded |= descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return names, embedded


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_latin_label_uses_the_standard_fonts_and_stays_small():
    shipment, service = SAMPLES["domestic-private"]()
    pdf = render_pdf(shipping_label(shipment, service, "fr"))
    assert fonts_of(pdf) == ({"Helvetica", "Helvetica-Bold"}, False)
    assert len(pdf) < 8 * 1024
    assert "Lumière & Fils SARL" in text_of(pdf)  # accents drawn by the standard font
    assert render_pdf(shipping_label(shipment, service, "fr")) == pdf


def test_a_cyrillic_label_embeds_dejavu_and_reads_back():
    shipment, service = SAMPLES["domestic-private"]()
    shipment = replace(shipment, recipient=replace(shipment.recipient, name="Олена Коваль"))
    pdf = render_pdf(shipping_label(shipment, service, "fr"))
    names, embedded = fonts_of(pdf)  # (reportlab's initial Helvetica may be listed, unused)
    assert embedded and "DejaVuSans" in names
    assert "ОЛЕНА КОВАЛЬ" in text_of(pdf).upper()


def test_customs_forms_fall_back_to_dejavu_only_when_a_text_needs_it():
    latin = replace(PAPER, recipient=LATIN)
    for render in (render_cn23, render_invoice):
        pdf = render(latin)
        assert fonts_of(pdf) == ({"Helvetica", "Helvetica-Bold"}, False), render.__name__
        assert "Groß" in text_of(pdf)
        assert render(latin) == pdf
        cyrillic = render(PAPER)  # the recipient is "Олена Коваль"
        names, embedded = fonts_of(cyrillic)
        assert embedded and "DejaVuSans" in names, render.__name__
        assert "Олена Коваль" in text_of(cyrillic)
        assert len(pdf) * 3 < len(cyrillic)

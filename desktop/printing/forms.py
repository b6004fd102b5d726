"""Pre-printed forms to bytes: the filled fields (a `LabelSpec`, any language) and a
carrier's own PDF label placed on its stock page without any change to its content.

The PDF label of a carrier (Delivengo) may not be modified [D 13.3] and prints at 100 %
[D 5.1]: the page is embedded whole as a form XObject, only translated by the template's
position plus the printer's offset, never scaled.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2 as pdfium

from desktop.domain.forms import FormTemplate, calibration_page, fill_form
from desktop.domain.printer_profile import PrinterProfile
from desktop.domain.shipment import Shipment
from desktop.printing.render import render_label

POINTS_PER_MM = 72 / 25.4


def render_form(template: FormTemplate, shipment: Shipment, profile: PrinterProfile,
                lang: str = "fr", undeliverable: str = "") -> bytes:
    spec = fill_form(template, shipment, lang, (profile.offset_x_mm, profile.offset_y_mm),
                     undeliverable)
    return render_label(spec, _single_page(profile))


def render_calibration(template: FormTemplate, profile: PrinterProfile) -> bytes:
    """The calibration grid on the template's stock, with the printer's current offset."""
    spec = calibration_page(template.width_mm, template.height_mm,
                            (profile.offset_x_mm, profile.offset_y_mm))
    return render_label(spec, _single_page(profile))


def _single_page(profile: PrinterProfile) -> PrinterProfile:
    # a form is its own page: an A4 "sheet" profile prints it as one page of its size
    return replace(profile, sheet="label") if profile.language == "pdf" else profile


def place_carrier_pdf(pdf: bytes, template: FormTemplate,
                      offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """Each page of the carrier's PDF on a page of the stock's size, at the template's
    position plus the offset (mm from the top-left), unscaled and unmodified."""
    if template.carrier_pdf_at is None:
        raise ValueError(f"form {template.id} takes no carrier PDF")
    src = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    w, h = template.width_mm * POINTS_PER_MM, template.height_mm * POINTS_PER_MM
    for i in range(len(src)):
        page_w, page_h = src[i].get_size()
        page = out.new_page(w, h)
        xobject = src.page_as_xobject(i, out)
        obj = xobject.as_pageobject()
        x = (template.carrier_pdf_at[0] + offset_mm[0]) * POINTS_PER_MM
        top = (template.carrier_pdf_at[1] + offset_mm[1]) * POINTS_PER_MM
        obj.transform(pdfium.PdfMatrix().translate(x, h - top - page_h))
        page.insert_obj(obj)
        page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()

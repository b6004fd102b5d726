"""Demo-mode labels: the demo carrier's number and the addresses, with SPECIMEN across.

A demo label must never pass for a carrier's: "SPECIMEN" is drawn diagonally over the whole
label (PDF) or printed in large type across its middle and foot (ZPL), and the carrier is
named "DÉMO / DEMO". Pure function from values to bytes, like the other renderers here.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from desktop.domain.address import format_lines
from desktop.domain.connectors import LabelMedia
from desktop.domain.shipment import Shipment
from desktop.printing.barcodes import code128_pattern, runs
from desktop.printing.escape import field_barcode, field_text
from desktop.printing.fonts import register_fonts

WORD = "SPECIMEN"
WIDTH_MM, HEIGHT_MM = 100, 150
MODULE_MM = 0.38  # within the S10 module range 0.33–0.51 mm (tracking.S10_MODULE_*)


def render_specimen(shipment: Shipment, number: str, media: LabelMedia) -> bytes:
    if media in (LabelMedia.ZPL_203, LabelMedia.ZPL_300):
        return _zpl(shipment, number, 8 if media is LabelMedia.ZPL_203 else 12)
    return _pdf(shipment, number)


def _pdf(shipment: Shipment, number: str) -> bytes:
    regular, bold = register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(WIDTH_MM * mm, HEIGHT_MM * mm), invariant=1)
    c.setTitle(f"{WORD} {number}")
    c.setFont(bold, 14)
    c.drawString(6 * mm, 140 * mm, "DÉMO / DEMO — " + WORD)
    y = 128
    c.setFont(regular, 9)
    for _, line in format_lines(shipment.sender):
        c.drawString(6 * mm, y * mm, line)
        y -= 4
    y -= 4
    c.setFont(bold, 11)
    for _, line in format_lines(shipment.recipient):
        c.drawString(6 * mm, y * mm, line)
        y -= 5
    pattern = code128_pattern(number)
    left = (WIDTH_MM - len(pattern) * MODULE_MM) / 2
    for start, length in runs(pattern):
        c.rect((left + start * MODULE_MM) * mm, 22 * mm, length * MODULE_MM * mm, 15 * mm,
               stroke=0, fill=1)
    c.setFont(bold, 11)
    c.drawCentredString(WIDTH_MM / 2 * mm, 16 * mm, number)
    c.setFont(regular, 8)
    c.drawCentredString(WIDTH_MM / 2 * mm, 8 * mm,
                        "Étiquette de démonstration, non valable / demo label, not valid")
    c.saveState()
    c.setFillColorRGB(0.55, 0.55, 0.55)
    c.translate(WIDTH_MM / 2 * mm, HEIGHT_MM / 2 * mm)
    c.rotate(56)  # corner to corner of a 100 × 150 mm label
    c.setFont(bold, 40)
    c.drawCentredString(0, -14, WORD)
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def _zpl(shipment: Shipment, number: str, dots_per_mm: int) -> bytes:
    d = dots_per_mm
    out = ["^XA", "^CI28", f"^PW{WIDTH_MM * d}", f"^LL{HEIGHT_MM * d}",
           f"^FO{6 * d},{8 * d}^A0N,{6 * d},{6 * d}^FH^FD{field_text('DEMO - ' + WORD)}^FS"]
    y = 22
    for _, line in format_lines(shipment.recipient):
        out.append(f"^FO{6 * d},{y * d}^A0N,{4 * d},{4 * d}^FH^FD{field_text(line)}^FS")
        y += 5
    out.append(f"^FO{6 * d},{70 * d}^A0N,{16 * d},{14 * d}^FH^FD{WORD}^FS")
    out.append(f"^FO{10 * d},{100 * d}^BY{max(2, round(MODULE_MM * d))}"
               f"^BCN,{15 * d},Y,N,N^FH^FD{field_barcode(number)}^FS")
    out.append(f"^FO{6 * d},{130 * d}^A0N,{12 * d},{10 * d}^FH^FD{WORD}^FS")
    out.append("^XZ")
    return ("\n".join(out) + "\n").encode("ascii")

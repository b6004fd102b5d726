"""What the printer will print, as a bitmap for the counter to show before printing.

A label (or a carrier's PDF) is rasterised at the printer's resolution by pdfium, then
thresholded to pure black and white like a thermal head's dots, so a barcode too fine for
the printer shows as it will print. Pure function: bytes in, `Bitmap` out; the widget
(`desktop.ui.widgets.label_preview`) wraps it in a QImage without copying pixel logic.
The layout is drawn with the PDF's fonts (DejaVu), not the printer's resident fonts: text
metrics differ a little from a ZPL/EPL/TSPL print, positions and barcodes do not.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from desktop.domain.label import LabelSpec
from desktop.domain.printer_profile import PrinterProfile
from desktop.domain.printing import Bitmap
from desktop.printing.pdf_label import render_pdf
from desktop.printing.zpl import DOTS_PER_MM

PREVIEW_DPI = 203  # a PDF printer has no dots of its own: preview at the common 8 dots/mm
THRESHOLD = 128  # a thermal dot is on or off; mid-grey decides
_ON_OFF = bytes(0 if v < THRESHOLD else 255 for v in range(256))


def preview_label(spec: LabelSpec, profile: PrinterProfile | None = None,
                  dots: bool = True) -> Bitmap:
    dpi = (profile.dpi if profile is not None else None) or PREVIEW_DPI
    return preview_pdf(render_pdf(spec), dpi, dots=dots)


def preview_pdf(pdf: bytes, dpi: int = PREVIEW_DPI, page: int = 0, dots: bool = True) -> Bitmap:
    """Page `page` of a PDF (ours or a carrier's) at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        # the printers' nominal dots: 203 dpi = 8 dots/mm (800 × 1200 for 10 × 15 cm);
        # pdfium rounds the size up, so aim a hair below the whole number of dots
        width_pt = document[page].get_size()[0]
        across = round(width_pt / 72 * 25.4 * DOTS_PER_MM.get(dpi, dpi / 25.4))
        bitmap = document[page].render(scale=(across - 1e-6) / width_pt, grayscale=True)
        pixels = bytes(bitmap.buffer)
        if dots:
            pixels = pixels.translate(_ON_OFF)
        return Bitmap(bitmap.width, bitmap.height, bitmap.stride, pixels, dpi)
    finally:
        document.close()

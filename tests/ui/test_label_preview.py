"""The label preview: the widget shows the label drawn at the printer's resolution, and the
barcode still decodes from what the widget paints."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from desktop.domain.label_layout import shipping_label
from desktop.domain.printer_profile import load_profiles
from desktop.printing.preview import preview_label
from desktop.printing.samples import SAMPLES
from desktop.ui.widgets.label_preview import LabelPreview


def _label():
    shipment, service = SAMPLES["business-abroad"]()
    return shipping_label(shipment, service), shipment.tracking_number


def test_bitmap_is_at_the_printer_resolution_and_pure_dots():
    spec, tracking = _label()
    for pid, size in (("generic-zpl-203", (800, 1200)), ("zebra-zd421-300", (1200, 1800))):
        bitmap = preview_label(spec, load_profiles()[pid])
        assert (bitmap.width, bitmap.height) == size
        assert set(bitmap.pixels) <= {0, 255}
        image = Image.frombytes("L", (bitmap.width, bitmap.height), bitmap.pixels, "raw", "L",
                                bitmap.stride)
        assert [r.text for r in zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormat.Code128)] == [tracking]


def test_without_dots_the_preview_keeps_its_greys():
    from desktop.printing.pdf_label import render_pdf
    from desktop.printing.preview import preview_pdf

    spec, _ = _label()
    grey = preview_pdf(render_pdf(spec), 203, dots=False)
    assert (grey.width, grey.height) == (800, 1200)
    assert len(set(grey.pixels)) > 2  # anti-aliased edges, not thresholded


def test_widget_paints_the_label_keeping_its_proportions(qtbot):
    spec, tracking = _label()
    widget = LabelPreview()
    qtbot.addWidget(widget)
    widget.resize(500, 800)
    widget.show()
    widget.set_bitmap(preview_label(spec, load_profiles()["generic-zpl-300"]))
    pixmap = widget.pixmap()
    assert abs(pixmap.width() / pixmap.height() - 100 / 150) < 0.01
    assert "300 dpi" in widget.toolTip()
    shot = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_Grayscale8)
    image = Image.frombytes("L", (shot.width(), shot.height()), bytes(shot.constBits()), "raw",
                            "L", shot.bytesPerLine())
    assert [r.text for r in zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.Code128)] == [tracking]
    widget.set_bitmap(None)
    assert widget.image() is None and widget.text()


def test_a_carrier_pdf_previews_at_the_printer_dots_too():
    from desktop.domain.forms import load_form
    from desktop.printing.forms import place_carrier_pdf
    from desktop.printing.pdf_label import render_pdf
    from desktop.printing.preview import preview_pdf

    spec, tracking = _label()
    placed = place_carrier_pdf(render_pdf(spec), load_form("delivengo-stock"), (2.0, 0.0))
    bitmap = preview_pdf(placed, 300)
    assert (bitmap.width, bitmap.height) == (1200, 1800)
    image = Image.frombytes("L", (bitmap.width, bitmap.height), bitmap.pixels, "raw", "L",
                            bitmap.stride)
    (found,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)
    assert found.text == tracking

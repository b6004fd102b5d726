"""System printer transport: PDF pages painted at exact physical size on a QPrinter.

Qt's PDF output stands in for a real queue: the printed page must measure 100 × 150 mm and
the label's barcode must still decode to the tracking number.
"""

from __future__ import annotations

import io
import threading

import pypdfium2
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from desktop.ui.system_printer import SystemPrinterError, SystemPrinterTransport, queue_name
from tests.ui.helpers import pdf_barcodes

PT_PER_MM = 72 / 25.4


def box_pdf(x_mm=10, y_mm=20, w_mm=60, h_mm=30, pages=1) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(100 * mm, 150 * mm))
    for _ in range(pages):
        # reportlab's origin is bottom-left: convert from top-left.
        c.rect(x_mm * mm, (150 - y_mm - h_mm) * mm, w_mm * mm, h_mm * mm, stroke=0, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def dark_box_mm(path, page_index=0, px_per_mm=10):
    """Bounding box (left, top, right, bottom) in mm of the dark pixels of a PDF page."""
    doc = pypdfium2.PdfDocument(str(path))
    try:
        page = doc[page_index]
        image = page.render(scale=px_per_mm / PT_PER_MM, grayscale=True).to_pil()
        width_mm, height_mm = (v / PT_PER_MM for v in page.get_size())
    finally:
        doc.close()
    bbox = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    return tuple(v / px_per_mm for v in bbox), (width_mm, height_mm)


def test_queue_names():
    assert queue_name("system:") == ""
    assert queue_name("system://") == ""
    assert queue_name("system://Zebra_GK420d") == "Zebra_GK420d"
    assert queue_name("system://Label%20Printer") == "Label Printer"
    with pytest.raises(ValueError):
        queue_name("tcp://host:9100")


def test_page_is_printed_at_100_percent(qapp, tmp_path):
    out = tmp_path / "printed.pdf"
    where = SystemPrinterTransport("system:", output_file=out).send(box_pdf(), "label.pdf")
    assert where == str(out)
    (left, top, right, bottom), (width, height) = dark_box_mm(out)
    # Qt stores page sizes in whole points: 100 × 150 mm becomes 283 × 425 pt (±0.2 mm).
    assert width == pytest.approx(100, abs=0.2) and height == pytest.approx(150, abs=0.2)
    # The box keeps its place and size: no "fit to page", no margins added.
    assert (left, top) == (pytest.approx(10, abs=0.3), pytest.approx(20, abs=0.3))
    assert (right - left, bottom - top) == (pytest.approx(60, abs=0.3),
                                           pytest.approx(30, abs=0.3))


def test_every_page_is_printed(qapp, tmp_path):
    out = tmp_path / "two.pdf"
    SystemPrinterTransport("system:", output_file=out).send(box_pdf(pages=2), "two.pdf")
    doc = pypdfium2.PdfDocument(str(out))
    assert len(doc) == 2
    doc.close()


def test_real_label_still_decodes(qapp, ctx, tmp_path):
    from desktop.domain.parcel import Parcel
    from desktop.domain.printing import LabelFormat
    from desktop.domain.shipment import Shipment
    from tests.ui.conftest import DUPONT, SHOP

    shipment = Shipment(sender=SHOP, recipient=DUPONT, service_id="delivengo-profil-tracked",
                        parcel=Parcel(1250), tracking_number="LD000000019FR")
    label = ctx.shipping.render_label(shipment, LabelFormat.PDF)
    out = tmp_path / "label.pdf"
    SystemPrinterTransport("system:", output_file=out).send(label, "label.pdf")
    assert "LD000000019FR" in pdf_barcodes(out)


def test_send_from_a_worker_thread(qapp, tmp_path):
    out = tmp_path / "thread.pdf"
    errors: list[BaseException] = []

    def work():
        try:
            SystemPrinterTransport("system:", output_file=out).send(box_pdf(), "t.pdf")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert not errors and out.read_bytes().startswith(b"%PDF-")


def test_zpl_is_refused(qapp, tmp_path):
    with pytest.raises(SystemPrinterError, match="PDF"):
        SystemPrinterTransport("system:", output_file=tmp_path / "x.pdf").send(b"^XA^XZ", "x")


def test_missing_queue_status_and_send(qapp):
    transport = SystemPrinterTransport("system://No_Such_Queue")
    status = transport.status()
    assert not status.ready and "No_Such_Queue" in status.detail
    with pytest.raises(SystemPrinterError, match="not found"):
        transport.send(box_pdf(), "x.pdf")


def test_app_routes_system_scheme_to_it(ctx):
    from desktop.app import open_printer

    transport = open_printer("system://Some_Queue", ctx.extra_transports)
    assert isinstance(transport, SystemPrinterTransport)
    assert transport.queue == "Some_Queue"

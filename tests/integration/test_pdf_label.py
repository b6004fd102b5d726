"""The PDF label: real page size, barcodes that decode, text that reads back and stays inside."""

from __future__ import annotations

import io
import subprocess
import sys
from functools import cache

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from desktop.domain.address import format_lines
from desktop.domain.label import LabelSpec, Text
from desktop.domain.label_layout import label_payload, shipping_label
from desktop.domain.tracking import group_s10
from desktop.printing.pdf_label import render_pdf
from desktop.printing.samples import SAMPLES

MM = 72 / 25.4
NAMES = sorted(SAMPLES)


@cache
def _pdf(name: str) -> bytes:
    shipment, service = SAMPLES[name]()
    return render_pdf(shipping_label(shipment, service))


def _image(pdf: bytes, dpi: int = 300):
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


@pytest.mark.parametrize("name", NAMES)
def test_page_is_exactly_100_by_150_mm(name):
    page = PdfReader(io.BytesIO(_pdf(name))).pages[0]
    box = [float(v) for v in page.mediabox]
    assert box[0] == 0 and box[1] == 0
    assert box[2] == pytest.approx(283.46, abs=0.01) and box[3] == pytest.approx(425.20, abs=0.01)
    assert len(PdfReader(io.BytesIO(_pdf(name))).pages) == 1


@pytest.mark.parametrize("name", NAMES)
def test_barcodes_decode_to_the_tracking_number_and_the_payload(name):
    shipment, _ = SAMPLES[name]()
    found = {r.format: r for r in zxingcpp.read_barcodes(_image(_pdf(name)))}
    assert found[zxingcpp.BarcodeFormat.Code128].text == shipment.tracking_number
    assert found[zxingcpp.BarcodeFormat.DataMatrix].bytes.decode("utf-8") == \
        label_payload(shipment)


def test_code128_still_decodes_at_thermal_printer_resolution():
    shipment, _ = SAMPLES["domestic-private"]()
    found = zxingcpp.read_barcodes(_image(_pdf("domestic-private"), dpi=203),
                                   formats=zxingcpp.BarcodeFormat.Code128)
    assert [r.text for r in found] == [shipment.tracking_number]


@pytest.mark.parametrize("name", NAMES)
def test_recipient_lines_read_back_as_text(name):
    shipment, _ = SAMPLES[name]()
    text = PdfReader(io.BytesIO(_pdf(name))).pages[0].extract_text()
    flat = " ".join(text.split())
    for _, line in format_lines(shipment.recipient):
        line = " ".join(line.split())
        # Lines longer than the block are cut with an ellipsis: their start must be there.
        assert line in flat or line[:20] in flat, line
    assert "DESTINATAIRE" in flat
    assert group_s10(shipment.tracking_number) in flat  # the human-readable line


def test_cyrillic_reads_back_from_the_hostile_label():
    flat = " ".join(PdfReader(io.BytesIO(_pdf("hostile-text"))).pages[0].extract_text().split())
    assert "ВУЛ. ХРЕЩАТИК 1" in flat and "Олена" in flat


@pytest.mark.parametrize("name", NAMES)
def test_every_character_is_drawn_inside_the_page_margins(name):
    doc = pdfium.PdfDocument(_pdf(name))
    page = doc[0]
    textpage = page.get_textpage()
    width, height = page.get_size()
    count = textpage.count_chars()
    assert count > 50
    for i in range(count):
        left, bottom, right, top = textpage.get_charbox(i)
        if right - left == 0:  # spaces and generated line breaks have no box
            continue
        assert 2.5 * MM <= left and right <= width - 2.5 * MM, (i, left, right)
        assert 2.5 * MM <= bottom and top <= height - 2.5 * MM, (i, bottom, top)


def test_long_text_is_cut_to_its_width_and_line_count():
    words = "Lorem ipsum dolor sit amet " * 20
    spec = LabelSpec(100, 150, (Text(10, 10, 40, 4, words, max_lines=2),
                                Text(10, 30, 40, 4, "x" * 200, fit="shrink")))
    doc = pdfium.PdfDocument(render_pdf(spec))
    textpage = doc[0].get_textpage()
    boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
    boxes = [b for b in boxes if b[2] > b[0]]
    assert all(10 * MM - 0.5 <= b[0] and b[2] <= 50 * MM + 0.5 for b in boxes)
    lines = [line for line in textpage.get_text_range().splitlines() if line.strip()]
    assert len(lines) == 3  # two wrapped lines + one shrunk line
    assert lines[0].startswith("Lorem ipsum") and not lines[0].endswith("…")
    assert lines[1].endswith("…") and lines[2].endswith("…")
    assert lines[2].startswith("xxxxxxxx")


def test_same_label_gives_identical_bytes_even_in_a_new_process():
    pdf = _pdf("business-abroad")
    assert render_pdf(shipping_label(*SAMPLES["business-abroad"]())) == pdf
    code = ("import sys; from desktop.printing.samples import SAMPLES;"
            "from desktop.domain.label_layout import shipping_label;"
            "from desktop.printing.pdf_label import render_pdf;"
            "sys.stdout.buffer.write(render_pdf(shipping_label(*SAMPLES['business-abroad']())))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert out == pdf


def test_sample_writer_produces_the_golden_zpl_and_a_readable_preview(tmp_path):
    from pathlib import Path

    from PIL import Image

    from desktop.printing.samples import write_samples

    written = write_samples(str(tmp_path), dpi=150)
    assert len(written) == 4 * len(SAMPLES)
    golden = Path(__file__).resolve().parents[1] / "golden" / "labels"
    assert (tmp_path / "label-hostile-text-300.zpl").read_bytes() == \
        (golden / "hostile-text-300.zpl").read_bytes()
    with Image.open(tmp_path / "label-domestic-private.png") as png:
        assert png.size == (round(100 / 25.4 * 150), round(150 / 25.4 * 150))

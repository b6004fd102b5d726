"""Barcodes decoded back (zxing-cpp) from every language's output: ZPL rendered by an
outside offline renderer (tools/zpl-render), EPL2/TSPL drawn from their commands
(tests/label_interpreters.py), PDF labels and A4 sheets rasterised by pdfium."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from desktop.domain.label_layout import label_payload, shipping_label
from desktop.domain.printer_profile import load_profiles
from desktop.printing.pdf_label import render_pdf_sheet
from desktop.printing.render import render_label
from desktop.printing.samples import SAMPLES
from tests import zpl_renderer
from tests.label_interpreters import rasterise_epl, rasterise_tspl

PROFILES = load_profiles()
C128, DM = zxingcpp.BarcodeFormat.Code128, zxingcpp.BarcodeFormat.DataMatrix


def _expected(name):
    shipment, service = SAMPLES[name]()
    return shipping_label(shipment, service), shipment.tracking_number, label_payload(shipment)


def _decoded(image):
    return {r.format: r.bytes.decode("utf-8") for r in zxingcpp.read_barcodes(image)}


@pytest.mark.skipif(zpl_renderer.skip_unless_available(), reason=zpl_renderer.MISSING)
@pytest.mark.parametrize("pid,dpmm", [("generic-zpl-203", 8), ("generic-zpl-300", 12),
                                      ("generic-zpl-600", 24), ("honeywell-pc42t-zpl", 8)])
def test_zpl_rendered_by_an_outside_renderer_decodes(tmp_path, pid, dpmm):
    names = sorted(SAMPLES)
    specs = [_expected(n) for n in names]
    images = zpl_renderer.render([render_label(s, PROFILES[pid]) for s, _, _ in specs],
                                 100, 150, dpmm, tmp_path)
    for (_, tracking, payload), image in zip(specs, images, strict=True):
        assert image.size == (100 * dpmm, 150 * dpmm)
        assert _decoded(image) == {C128: tracking, DM: payload}


@pytest.mark.parametrize("pid", ["generic-epl2-203", "generic-epl2-300",
                                 "honeywell-pc42t-epl-cyrillic"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_epl_drawn_from_its_commands_decodes(pid, name):
    spec, tracking, payload = _expected(name)
    assert _decoded(rasterise_epl(render_label(spec, PROFILES[pid]))) == \
        {C128: tracking, DM: payload}


@pytest.mark.parametrize("pid,dpmm", [("generic-tspl-203", 8), ("generic-tspl-300", 12),
                                      ("tsc-te200", 8)])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_tspl_drawn_from_its_commands_decodes(pid, dpmm, name):
    spec, tracking, payload = _expected(name)
    assert _decoded(rasterise_tspl(render_label(spec, PROFILES[pid]), dpmm)) == \
        {C128: tracking, DM: payload}


@pytest.mark.parametrize("sheet,per_page", [("a4x2", 2), ("a4x4", 4)])
def test_a4_sheets_hold_their_labels_and_every_barcode_decodes(sheet, per_page):
    expected = [_expected(n) for n in sorted(SAMPLES)] * 2  # 6 labels
    pdf = pdfium.PdfDocument(render_pdf_sheet([s for s, _, _ in expected], sheet))
    assert len(pdf) == -(-len(expected) // per_page)
    found = []
    for page in pdf:
        assert [round(v / 72 * 25.4) for v in page.get_size()] == [210, 297]
        image = page.render(scale=203 / 72).to_pil().convert("L")
        found += [r.text for r in zxingcpp.read_barcodes(image, formats=C128)]
    assert sorted(found) == sorted(t for _, t, _ in expected)


def test_a_half_used_sheet_starts_at_the_given_cell():
    spec, tracking, _ = _expected("domestic-private")
    page = pdfium.PdfDocument(render_pdf_sheet([spec], "a4x4", first_cell=3))[0]
    image = page.render(scale=203 / 72).to_pil().convert("L")
    w, h = image.size
    assert [r.text for r in zxingcpp.read_barcodes(image.crop((w // 2, h // 2, w, h)),
                                                   formats=C128)] == [tracking]
    assert zxingcpp.read_barcodes(image.crop((0, 0, w, h // 2)), formats=C128) == []

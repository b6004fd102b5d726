"""Pre-printed forms: only the variable fields at the template's positions plus the
printer's offset; a carrier's PDF placed unscaled; a calibration page in mm."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from desktop.domain.forms import (
    FormError,
    calibration_page,
    check_user_forms,
    fill_form,
    load_form,
    read_form,
)
from desktop.domain.label import Code128, DataMatrix, Text
from desktop.domain.label_layout import shipping_label
from desktop.domain.printer_profile import load_profiles
from desktop.printing.escape import unescape
from desktop.printing.forms import place_carrier_pdf, render_calibration, render_form
from desktop.printing.pdf_label import render_pdf
from desktop.printing.samples import SAMPLES
from desktop.printing.zpl import parse_commands

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "forms"
UPDATE = os.environ.get("COMPTOIR_UPDATE_GOLDEN") == "1"
PROFILES = load_profiles()
LIASSE = load_form("colissimo-liasse")


def _golden(name: str, out: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
    assert out == path.read_bytes(), f"{name} differs: scripts/update-golden if meant"


def test_only_variable_text_lands_on_the_form_at_its_positions():
    shipment, _ = SAMPLES["business-abroad"]()
    spec = fill_form(LIASSE, shipment, undeliverable="return")
    assert all(isinstance(e, Text) for e in spec.elements)  # no barcode, no box of ours
    recipient = next(a for a in LIASSE.areas if a.field == "recipient")
    first = next(e for e in spec.elements if e.x_mm == recipient.x_mm)
    assert (first.y_mm, first.text) == (recipient.y_mm, shipment.recipient.company)
    ticks = [e for e in spec.elements if e.text == "X"]
    ret = next(a for a in LIASSE.areas if a.field == "undeliverable_return")
    assert [(t.x_mm, t.y_mm) for t in ticks] == [(ret.x_mm, ret.y_mm)]
    moved = fill_form(LIASSE, shipment, offset_mm=(1.5, -2.0), undeliverable="return")
    assert [v for e in moved.elements for v in (e.x_mm - 1.5, e.y_mm + 2.0)] == \
        pytest.approx([v for e in spec.elements for v in (e.x_mm, e.y_mm)])


@pytest.mark.parametrize("pid", ["generic-zpl-203", "zebra-zd421-300", "generic-pdf-10x15",
                                 "tsc-te200"])
def test_filled_form_renders_in_every_language(pid):
    shipment, _ = SAMPLES["domestic-private"]()
    out = render_form(LIASSE, shipment, replace(PROFILES[pid], offset_x_mm=1, offset_y_mm=-1))
    if pid.startswith("generic-zpl"):
        _golden("colissimo-liasse-zpl203.zpl", out)
        fields = [unescape(a) for c, a in parse_commands(out) if c == "^FD"]
        assert "Mme Claire Dupont" in fields and "75008 PARIS" in fields
        assert ("^BC" not in out.decode()) and ("^BX" not in out.decode())
    assert out


def test_calibration_page_zpl_golden_and_pdf_positions():
    zpl = render_calibration(LIASSE, replace(PROFILES["generic-zpl-203"], offset_x_mm=2))
    _golden("calibration-150x100-zpl203.zpl", zpl)
    pdf = render_calibration(LIASSE, replace(PROFILES["generic-pdf-10x15"], offset_x_mm=2,
                                             offset_y_mm=-1))
    page = pdfium.PdfDocument(pdf)[0]
    assert [round(v / 72 * 25.4) for v in page.get_size()] == [150, 100]
    text = page.get_textpage()
    caption = text.get_text_range().split("\r\n")
    assert "10,10 mm" in caption[0] or any("10,10 mm" in c for c in caption)
    # the first caption's left edge sits at 10 + 1 + 2 (offset) mm
    left = text.get_charbox(text.get_text_range().index("10,10 mm"))[0] / 72 * 25.4
    assert left == pytest.approx(13.0, abs=0.3)


def test_calibration_crosses_and_grid():
    spec = calibration_page(100, 150)
    captions = [e.text for e in spec.elements if isinstance(e, Text)]
    assert captions[:3] == ["10,10 mm", "50,70 mm", "90,140 mm"]
    assert not any(isinstance(e, Code128 | DataMatrix) for e in spec.elements)


def test_carrier_pdf_is_placed_unscaled_at_the_offset():
    shipment, service = SAMPLES["domestic-private"]()
    pdf = render_pdf(shipping_label(shipment, service))
    stock = load_form("delivengo-stock")

    def barcode_box(doc_bytes):
        image = pdfium.PdfDocument(doc_bytes)[0].render(scale=300 / 72).to_pil().convert("L")
        (r,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)
        return r.text, r.position.top_left.x, r.position.top_left.y, r.position.top_right.x

    text0, x0, y0, right0 = barcode_box(place_carrier_pdf(pdf, stock))
    text1, x1, y1, right1 = barcode_box(place_carrier_pdf(pdf, stock, (4.0, 2.0)))
    dots = 300 / 25.4
    assert text0 == text1 == shipment.tracking_number
    assert (x1 - x0) / dots == pytest.approx(4.0, abs=0.2)
    assert (y1 - y0) / dots == pytest.approx(2.0, abs=0.2)
    assert abs((right1 - x1) - (right0 - x0)) <= 1  # same width (± a dot): never scaled


def _shipped_liasse() -> dict:
    return json.loads((Path(__file__).resolve().parents[2] / "resources" / "printers" /
                       "forms" / "colissimo-liasse.json").read_text(encoding="utf-8"))


def test_a_bad_template_names_its_field_rule_and_value(tmp_path):
    data = _shipped_liasse()
    data["areas"][1]["x_mm"] = 140  # 140 + 66 > 150
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormError) as refused:
        read_form(path)
    v = refused.value.violation
    assert (v.field, v.rule.value, v.actual) == ("f › areas[1] › width_mm", "max_value", 66)
    assert refused.value.describe("en") == (
        "f › areas[1] › width_mm: 66, at most 10 (right edge of the 150 mm form, x_mm 140) "
        "[printers guide]")
    assert "bord droit du formulaire de 150 mm" in refused.value.describe("fr")
    data["areas"][1]["x_mm"], data["areas"][1]["field"] = 70, "barcode"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormError, match=r"areas\[1\] › field: 'barcode' is not an allowed "
                                        r"value \(sender, .*, undeliverable_return\)"):
        read_form(path)


@pytest.mark.parametrize("change,field,rule,value", [
    (lambda d: d["areas"][0].update(y_mm="12"), "areas[0] › y_mm", "wrong_type", "string"),
    (lambda d: d["areas"][0].update(y_mm=-1), "areas[0] › y_mm", "min_value", -1),
    (lambda d: d["areas"][0].update(y_mm=95), "areas[0] › y_mm", "max_value", 95),
    (lambda d: d["areas"][2].update(max_lines=9), "areas[2] › max_lines", "max_value", 9),
    (lambda d: d["areas"][2].update(size_mm=30), "areas[2] › size_mm", "max_value", 30),
    (lambda d: d["areas"][2].update(x_mn=3), "areas[2] › x_mn", "unknown_key", "x_mn"),
    (lambda d: d["areas"][2].pop("width_mm"), "areas[2] › width_mm", "required", None),
    (lambda d: d.update(stock_mm=[150, 500]), "stock_mm[1]", "max_value", 500),
    (lambda d: d.update(measured="yes"), "measured", "wrong_type", "string"),
    (lambda d: d.update(id="delivengo-stock"), "id", "choice", "delivengo-stock"),
])
def test_a_shops_own_template_is_checked_field_by_field(tmp_path, change, field, rule, value):
    data = _shipped_liasse()
    change(data)
    (tmp_path / "colissimo-liasse.json").write_text(json.dumps(data), encoding="utf-8")
    (problem,) = check_user_forms(tmp_path)
    assert (problem.field, problem.rule.value, problem.actual) == \
        (f"forms/colissimo-liasse › {field}", rule, value)
    with pytest.raises(FormError):
        load_form("colissimo-liasse", tmp_path)


def test_a_shops_own_template_replaces_the_shipped_positions(tmp_path):
    data = _shipped_liasse()
    data["areas"][1].update(x_mm=60, y_mm=30)  # the recipient, measured on the real form
    data["measured"] = True
    own = tmp_path / "colissimo-liasse.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    assert check_user_forms(tmp_path) == []
    template = load_form("colissimo-liasse", tmp_path)
    assert (template.origin, template.measured) == (str(own), True)
    shipment, _ = SAMPLES["business-abroad"]()
    first = fill_form(template, shipment).elements
    assert any((e.x_mm, e.y_mm, e.text) == (60, 30, shipment.recipient.company) for e in first)
    # no own file: the shipped template; an empty folder changes nothing
    assert load_form("colissimo-liasse", tmp_path / "none") == LIASSE
    assert load_form("delivengo-stock", tmp_path).origin.endswith("delivengo-stock.json")


def test_own_templates_with_unknown_names_or_broken_json_are_refused(tmp_path):
    (tmp_path / "colissimo.json").write_text("{}", encoding="utf-8")
    (tmp_path / "delivengo-stock.json").write_text("{", encoding="utf-8")
    named, broken = check_user_forms(tmp_path)
    assert (named.field, named.rule.value, named.actual) == \
        ("forms/colissimo", "choice", "colissimo.json")
    assert "colissimo-liasse, delivengo-stock" in named.describe("en")
    assert (broken.field, broken.rule.value) == ("forms/delivengo-stock", "invalid_json")

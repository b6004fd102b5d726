"""The shipping label layout: geometry, UPU S10 barcode rules, content, DataMatrix payload."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import combinations
from urllib.parse import unquote

import pytest
from barcode.codex import Code128 as PyCode128
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.address import format_lines
from desktop.domain.errors import ValidationFailed
from desktop.domain.label import (
    Box,
    Code128,
    DataMatrix,
    Text,
    bounds,
    clean_text,
    code128_modules,
    wrap_text,
)
from desktop.domain.label_layout import (
    S10_QUIET_MODULES,
    label_date,
    label_payload,
    shipping_label,
)
from desktop.domain.tracking import make_s10
from desktop.printing.barcodes import code128_pattern
from desktop.printing.samples import HOSTILE, SAMPLES

ALL = sorted(SAMPLES)


def _spec(name: str, **changes):
    shipment, service = SAMPLES[name]()
    if changes:
        shipment = replace(shipment, **changes)
    return shipping_label(shipment, service), shipment, service


def _texts(spec) -> list[Text]:
    return [e for e in spec.elements if isinstance(e, Text)]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("name", ALL)
def test_every_element_lies_inside_the_label(name):
    spec, _, _ = _spec(name)
    assert (spec.width_mm, spec.height_mm) == (100.0, 150.0)
    for element in spec.elements:
        left, top, right, bottom = bounds(element)
        assert 0 <= left < right <= 100 and 0 <= top < bottom <= 150, element


@pytest.mark.parametrize("name", ALL)
def test_no_two_printed_elements_overlap(name):
    spec, _, _ = _spec(name)
    painted = [e for e in spec.elements if not isinstance(e, Box)]
    for a, b in combinations(painted, 2):
        assert not _overlap(bounds(a), bounds(b)), (a, b)


@pytest.mark.parametrize("name", ALL)
def test_text_is_either_inside_a_frame_or_clear_of_it(name):
    spec, _, _ = _spec(name)
    for box in (e for e in spec.elements if isinstance(e, Box)):
        inner = (box.x_mm + box.thickness_mm, box.y_mm + box.thickness_mm,
                 box.x_mm + box.width_mm - box.thickness_mm,
                 box.y_mm + box.height_mm - box.thickness_mm)
        for e in spec.elements:
            if isinstance(e, Box):
                continue
            b = bounds(e)
            inside = inner[0] <= b[0] and inner[1] <= b[1] and b[2] <= inner[2] and b[3] <= inner[3]
            assert inside or not _overlap(b, bounds(box)), (box, e)


@pytest.mark.parametrize("name", ALL)
def test_tracking_barcode_follows_upu_s10(name):
    spec, shipment, _ = _spec(name)
    [bar] = [e for e in spec.elements if isinstance(e, Code128)]
    assert bar.data == shipment.tracking_number
    assert 0.33 <= bar.module_mm <= 0.51
    assert bar.height_mm >= 12.5 and bar.height_mm >= 0.15 * bar.width_mm
    quiet = S10_QUIET_MODULES * bar.module_mm
    zone = (bar.x_mm - quiet, bar.y_mm, bar.x_mm + bar.width_mm + quiet,
            bar.y_mm + bar.height_mm)
    assert zone[0] >= 0 and zone[2] <= 100
    for other in spec.elements:
        if other is not bar:
            assert not _overlap(zone, bounds(other)), other


@pytest.mark.parametrize("name", ALL)
def test_human_readable_number_is_grouped_and_prominent(name):
    spec, shipment, _ = _spec(name)
    [bar] = [e for e in spec.elements if isinstance(e, Code128)]
    n = shipment.tracking_number
    assert bar.human_readable == f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:11]} {n[11:]}"
    assert bar.text_size_mm >= 4


@pytest.mark.parametrize("number", [make_s10("CE", 12345678), make_s10("LD", 3746867),
                                    "RR473124829GB", "CA000000014FR"])
def test_s10_symbols_are_what_python_barcode_encodes(number):
    assert code128_pattern(number) == PyCode128(number).build()[0]
    assert len(code128_pattern(number)) == code128_modules(number) == 156


@pytest.mark.parametrize("data", ["6A15984040331", "12345", "hello World 2024!", "a\x01b"])
def test_the_layout_measures_the_pattern_the_renderers_draw(data):
    assert len(code128_pattern(data)) == code128_modules(data)
    assert code128_modules(data) <= len(PyCode128(data).build()[0])  # never longer


@pytest.mark.parametrize("name", ALL)
def test_recipient_block_is_the_nf_lines_first_line_biggest_and_bold(name):
    spec, shipment, _ = _spec(name)
    expected = [text for _, text in format_lines(shipment.recipient)]
    texts = _texts(spec)
    start = next(i for i, t in enumerate(texts) if t.text in ("DESTINATAIRE",))
    block = texts[start + 1:start + 1 + len(expected)]
    assert [t.text for t in block] == expected
    assert block[0].bold and block[0].size_mm == max(t.size_mm for t in block)
    assert block[0].size_mm >= 5 and all(t.size_mm >= 4.5 for t in block)
    assert all(t.fit == "shrink" and t.max_lines == 1 for t in block)  # NF: one line each


def test_sender_block_is_small_and_shows_the_country_abroad():
    spec, shipment, _ = _spec("business-abroad")
    texts = [t.text for t in _texts(spec)]
    start = texts.index("EXPÉDITEUR")
    assert texts[start + 1:start + 6] == ["Lumière & Fils SARL", "Atelier Lumière",
                                          "12 RUE DE LA PAIX", "75002 PARIS", "FRANCE"]
    sender_sizes = [t.size_mm for t in _texts(spec)[start + 1:start + 6]]
    assert max(sender_sizes) < 3
    domestic, _, _ = _spec("domestic-private")
    assert "FRANCE" not in [t.text for t in _texts(domestic)]


def test_carrier_service_weight_date_and_reference_are_printed():
    spec, _, _ = _spec("business-abroad")
    texts = [t.text for t in _texts(spec)]
    assert "Colissimo" in texts and "Colissimo Expert International" in texts
    assert "12,345 kg" in texts
    assert "Date : 05/03/2025" in texts
    assert "Réf. : PO-2025-000123456789-ABCDEFGHIJKLM" in texts
    assert "Service : Colissimo Expert International" in texts
    assert not any("colissimo-expert" in t for t in texts)  # the id stays in the DataMatrix


def test_english_captions():
    shipment, service = SAMPLES["domestic-private"]()
    texts = [t.text for t in _texts(shipping_label(shipment, service, "en"))]
    assert "FROM" in texts and "TO" in texts and "Ref. : CMD-1001" in texts
    assert "Colissimo Home France" in texts
    assert "Service : Colissimo Domicile France sans signature" in texts  # staff read French


def test_date_falls_back_to_today_then_to_the_clock():
    shipment, _ = SAMPLES["domestic-private"]()
    undated = replace(shipment, created_at=None)
    assert label_date(undated, date(2024, 12, 31)) == "31/12/2024"
    assert label_date(replace(undated, printed_at=datetime(2025, 1, 2, 23, 59))) == "02/01/2025"
    assert label_date(undated) == date.today().strftime("%d/%m/%Y")


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (Unix)")
def test_date_is_the_shops_local_date_not_utc(monkeypatch):
    shipment, _ = SAMPLES["domestic-private"]()
    late = replace(shipment, created_at=datetime(2025, 3, 5, 23, 30, tzinfo=UTC))
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        assert label_date(late) == "06/03/2025"  # 00:30 in Paris
    finally:
        monkeypatch.undo()
        time.tzset()


def test_payload_fields_decode_back_even_from_hostile_text():
    for name in ALL:
        shipment, _ = SAMPLES[name]()
        payload = label_payload(shipment)
        assert payload.isascii() and payload.isprintable()
        assert not set(payload) & set("^~_\\")
        version, *fields = payload.split("|")
        assert version == "CPT1"
        assert [unquote(f) for f in fields] == [
            shipment.tracking_number, shipment.service_id, str(shipment.parcel.weight_g),
            shipment.recipient.postcode, shipment.recipient.country,
            shipment.reference.strip()]


def test_payload_is_in_the_datamatrix_and_fits_its_square():
    spec, shipment, _ = _spec("domestic-private")
    [dm] = [e for e in spec.elements if isinstance(e, DataMatrix)]
    assert dm.data == label_payload(shipment)
    assert dm.data == "CPT1|CA000000014FR|colissimo-domicile-france|480|75008|FR|CMD-1001"
    assert dm.size_mm >= 15 and dm.module_mm >= 0.5


def test_untracked_shipment_says_so_instead_of_a_barcode():
    spec, _, _ = _spec("domestic-private", tracking_number=None)
    assert not [e for e in spec.elements if isinstance(e, Code128)]
    assert "SANS SUIVI" in [t.text for t in _texts(spec)]
    assert label_payload(replace(SAMPLES["domestic-private"]()[0], tracking_number=None)) \
        .split("|")[1] == ""


def test_a_number_too_long_for_a_readable_barcode_is_refused():
    with pytest.raises(ValidationFailed) as exc:
        _spec("domestic-private", tracking_number="AB" * 20)
    [v] = exc.value.violations
    assert (v.field, v.rule) == ("tracking_number", "barcode_too_long")
    with pytest.raises(ValidationFailed) as exc:
        _spec("domestic-private", tracking_number="CÉ123")
    assert exc.value.violations[0].rule == "barcode_charset"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=24))
def test_any_accepted_number_keeps_its_quiet_zones_inside_the_label(number):
    try:
        spec, _, _ = _spec("domestic-private", tracking_number=number)
    except ValidationFailed:
        assert code128_modules(number) + 20 > 94 / 0.33
        return
    [bar] = [e for e in spec.elements if isinstance(e, Code128)]
    quiet = S10_QUIET_MODULES * bar.module_mm
    assert bar.x_mm - quiet >= 3 - 1e-9 and bar.x_mm + bar.width_mm + quiet <= 97 + 1e-9
    assert 0.33 <= bar.module_mm <= 0.51


# --- text helpers shared by the renderers ------------------------------------------------

def _fits(n: int):
    return lambda s: len(s) <= n


def test_wrap_breaks_at_spaces_and_cuts_with_an_ellipsis():
    assert wrap_text("un deux trois quatre", _fits(9), 3) == ["un deux", "trois", "quatre"]
    assert wrap_text("un deux trois quatre", _fits(9), 2) == ["un deux", "trois…"]
    assert wrap_text("abcdefghijkl", _fits(5), 3) == ["abcde", "fghij", "kl"]
    assert wrap_text("abcdefghijkl", _fits(5), 1) == ["abcd…"]
    assert wrap_text("", _fits(5), 2) == []


def test_clean_text_removes_controls_and_collapses_spaces():
    assert clean_text("a\r\n\tb\x00c\u202ed\u200b  e") == "a b cd e"
    assert clean_text(HOSTILE).count("\n") == 0


@given(st.text(alphabet=st.characters(max_codepoint=0x7f)) | st.text())
def test_clean_text_of_plain_ascii_takes_a_shortcut_to_the_same_result(text):
    # the general rule, written out: controls → space, format characters dropped, runs of
    # spaces collapsed, ends stripped
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text
                   if unicodedata.category(c) not in ("Cs", "Cf", "Co", "Cn"))
    assert clean_text(text) == " ".join(kept.split())


@given(st.text(), st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=4))
def test_wrapped_lines_never_exceed_the_width_or_the_line_count(text, width, max_lines):
    lines = wrap_text(text, _fits(width), max_lines)
    assert len(lines) <= max_lines
    assert all(1 <= len(line) <= max(width, 1) for line in lines)

"""The demo carrier: same interface, numbers no carrier uses, SPECIMEN labels."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from desktop.connectors.fake import FakeCarrier, is_demo_number
from desktop.domain.carriers.numbers import COLISSIMO_13
from desktop.domain.connectors import (
    NOVAPOST_NUMBER,
    CarrierConnector,
    CarrierError,
    CarrierRef,
    CreateRequest,
    ErrorKind,
    LabelMedia,
    PickupQuery,
)
from desktop.domain.tracking import is_valid_s10
from desktop.printing.specimen import render_specimen
from tests.connector_helpers import delivengo_shipment


@pytest.fixture
def demo():
    return FakeCarrier(render_specimen, first_serial=41)


def test_implements_the_connector_interface(demo):
    assert isinstance(demo, CarrierConnector)


def test_numbers_come_from_the_demo_range_and_look_like_no_carrier(demo):
    created = demo.create(CreateRequest(delivengo_shipment(), "k1"))
    number = created.ref.tracking_number
    assert number == "DEMO-0000000041" and is_demo_number(number)
    assert not is_valid_s10(number) and not NOVAPOST_NUMBER.match(number)
    assert not COLISSIMO_13.match(number)


def test_pdf_label_says_specimen_and_its_barcode_reads_back(demo):
    created = demo.create(CreateRequest(delivengo_shipment(), "k1"))
    pdf = created.label.content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "SPECIMEN" in text and "JOHN SMITH" in text.upper()
    image = pdfium.PdfDocument(pdf)[0].render(scale=300 / 72, grayscale=True).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image)
             if r.format == zxingcpp.BarcodeFormat.Code128]
    assert found == [created.ref.tracking_number]


def test_zpl_specimen(demo):
    created = demo.create(CreateRequest(delivengo_shipment(), "k1", media=LabelMedia.ZPL_203))
    zpl = created.label.content.decode("ascii")
    assert zpl.startswith("^XA") and zpl.count("SPECIMEN") >= 2
    assert created.ref.tracking_number in zpl and created.label.media_type == "application/zpl"


def test_same_key_never_creates_twice(demo):
    first = demo.create(CreateRequest(delivengo_shipment(), "same"))
    again = demo.create(CreateRequest(delivengo_shipment(), "same"))
    assert again.ref == first.ref and demo.created_count == 1
    assert demo.find_by_reference("same").ref == first.ref
    assert demo.find_by_reference("other") is None


def test_track_cancel_and_queued_failures(demo):
    ref = demo.create(CreateRequest(delivengo_shipment(), "k1")).ref
    assert [e.code for e in demo.track(ref.tracking_number).events] == ["created"]
    demo.cancel(ref)
    assert demo.track(ref.tracking_number).events[-1].code == "cancelled"
    with pytest.raises(CarrierError):
        demo.cancel(CarrierRef("demo", "DEMO-9999999999"))
    demo.fail_next.append(CarrierError("demo", ErrorKind.RETRYABLE, "timeout"))
    with pytest.raises(CarrierError) as info:
        demo.create(CreateRequest(delivengo_shipment(), "k2"))
    assert info.value.retryable
    assert demo.create(CreateRequest(delivengo_shipment(), "k2")).ref.tracking_number


def test_pickup_points_and_quote(demo):
    points = demo.pickup_points(PickupQuery("FR", postcode="75002", city="PARIS",
                                            kinds=("locker",), limit=2))
    assert [p.kind for p in points] == ["locker", "locker"]
    assert str(demo.quote(delivengo_shipment()).price) == "6.00 EUR"  # 4 € + 2 started kg
    with pytest.raises(CarrierError) as info:
        demo.deposit_slip(__import__("datetime").date(2026, 12, 1))
    assert info.value.kind is ErrorKind.UNSUPPORTED

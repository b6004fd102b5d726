from datetime import UTC, datetime

import pytest

from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.errors import ValidationFailed
from desktop.domain.parcel import Parcel
from desktop.domain.printing import JobOutcome, LabelFormat
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import is_valid_s10
from desktop.services.clock import FixedClock
from desktop.services.print_jobs import PrintJobService
from desktop.services.shipping import ShippingService
from tests.fakes import MemoryJobs, MemoryRanges, MemoryShipments, RecordingPrinter

SENDER = Address(company="Atelier Comptoir", street="3 rue des Lilas", postcode="69003",
                 city="Lyon", phone="0472000000")
RECIPIENT = Address(name="Ivan Petrenko", street="vul. Khreshchatyk 1", postcode="01001",
                    city="Kyiv", country="UA", phone="+380441234567")


class TextRenderer:
    def render(self, spec, fmt):
        return f"{fmt.value}:{spec}".encode()


def build(printer=None):
    shipments, jobs = MemoryShipments(), MemoryJobs()
    printer = printer or RecordingPrinter()
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    printing = PrintJobService(jobs, lambda url, fmt: printer, clock)
    service = ShippingService(
        shipments=shipments, ranges=MemoryRanges(), catalogue=default_catalogue(),
        renderer=TextRenderer(), label_builder=lambda s, svc, lang: s.tracking_number,
        printing=printing, clock=clock)
    return service, shipments, jobs, printer


def shipment(**kw):
    base = dict(sender=SENDER, recipient=RECIPIENT, service_id="colissimo-expert-international",
                parcel=Parcel(weight_g=1250), reference="CMD-42")
    base.update(kw)
    return Shipment(**base)


def test_ship_numbers_saves_prints_and_marks_printed():
    service, shipments, jobs, printer = build()
    result = service.ship(shipment(), "memory://test", LabelFormat.ZPL203)
    s = result.shipment
    assert is_valid_s10(s.tracking_number) and s.tracking_number.startswith("CE")
    assert s.status is ShipmentStatus.PRINTED and s.printed_at is not None
    assert shipments.get(s.id) == s
    assert printer.sent == [(f"zpl203:{s.tracking_number}".encode(), f"{s.tracking_number}-label.zpl")]
    assert jobs.get(result.print.job.id).outcome is JobOutcome.SENT


def test_two_shipments_never_share_a_number():
    service, *_ = build()
    a = service.ship(shipment(), "memory://", LabelFormat.PDF).shipment
    b = service.ship(shipment(), "memory://", LabelFormat.PDF).shipment
    assert a.tracking_number != b.tracking_number


@pytest.mark.parametrize("change,field,rule", [
    (dict(parcel=Parcel(weight_g=0)), "parcel.weight_g", "positive"),
    (dict(parcel=Parcel(weight_g=-5)), "parcel.weight_g", "positive"),
    (dict(parcel=Parcel(weight_g=30_001)), "parcel.weight_g", "max_value"),
    (dict(service_id="pigeon"), "service", "unknown_service"),
    (dict(reference="R" * 36), "reference", "max_length"),
    (dict(recipient=Address(name="X", street="1 rue", city="Paris", country="FR")),
     "recipient.postcode", "required"),
])
def test_refusals_name_the_field_and_store_nothing(change, field, rule):
    service, shipments, jobs, printer = build()
    with pytest.raises(ValidationFailed) as err:
        service.ship(shipment(**change), "memory://", LabelFormat.PDF)
    assert (field, rule) in {(v.field, v.rule) for v in err.value.violations}
    assert shipments.rows == {} and jobs.rows == {} and printer.sent == []


def test_printer_failure_keeps_the_shipment_as_a_draft_and_reprint_sends_identical_bytes():
    service, shipments, jobs, printer = build(RecordingPrinter(fail=ConnectionRefusedError("refused")))
    result = service.ship(shipment(), "tcp://10.0.0.9:9100", LabelFormat.ZPL300)
    assert not result.printed and "refused" in result.print.job.error
    assert shipments.get(result.shipment.id).status is ShipmentStatus.DRAFT
    printer.fail = None
    again = service.print_again(result.shipment.id, "memory://", LabelFormat.ZPL300)
    assert again.ok and again.job.reprint_of == result.print.job.id
    assert again.job.payload == result.print.job.payload
    assert shipments.get(result.shipment.id).status is ShipmentStatus.PRINTED


def test_colissimo_pre_paid_numbers_are_scanned_never_invented():
    service, shipments, *_ = build()
    domestic = dict(service_id="colissimo-domicile-france",
                    recipient=Address(name="Mme Marie Dupont", street="12 rue de l'Eglise",
                                      postcode="75016", city="Paris"))
    with pytest.raises(ValidationFailed) as err:
        service.ship(shipment(**domestic), "memory://", LabelFormat.PDF)
    assert ("tracking_number", "form_number_required") in {
        (v.field, v.rule) for v in err.value.violations}
    with pytest.raises(ValidationFailed):
        service.ship(shipment(**domestic, tracking_number="6A1598404033"), "memory://",
                     LabelFormat.PDF)
    done = service.ship(shipment(**domestic, tracking_number="6a 1598 4040 331"), "memory://",
                        LabelFormat.PDF)
    assert done.shipment.tracking_number == "6A15984040331"


def test_a_carrier_range_wins_over_the_local_one_and_warns_when_low():
    from desktop.domain.tracking import NumberRange
    from desktop.services.shipping import carrier_or_local_range, local_range

    service, *_ = build()
    ranges = service._ranges
    ranges.ensure(NumberRange("carrier-colissimo-expert-international", "CX", 500, 502,
                              low_water=2))
    service._range_for = carrier_or_local_range(ranges, local_range)
    first = service.ship(shipment(), "memory://", LabelFormat.PDF)
    assert first.shipment.tracking_number.startswith("CX00000500")
    assert [w.rule for w in first.warnings] == ["range_low"]


def test_status_moves_only_forward():
    service, shipments, *_ = build()
    s = service.ship(shipment(), "memory://", LabelFormat.PDF).shipment
    deposited, _ = service.set_status(s.id, ShipmentStatus.DEPOSITED)
    assert deposited.deposited_at is not None
    with pytest.raises(ValidationFailed):
        service.set_status(s.id, ShipmentStatus.VOIDED)

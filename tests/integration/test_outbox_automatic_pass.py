"""The automatic outbox pass (`OutboxService.resend_due`, the GUI's start-up and periodic
pass): each entry's back-off is respected, a carrier's entries keep their order, only this
bench's entries are sent, and each label is printed as the carrier returned it."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from desktop.connectors.fake import FakeCarrier
from desktop.domain.connectors import DEMO, CarrierError, ErrorKind
from desktop.domain.outbox import OutboxEntry, idempotency_key
from desktop.domain.printing import LabelFormat, PrinterStatus
from desktop.services.carrier_outbox import OutboxService
from desktop.services.print_jobs import PrintJobService
from tests.integration.helpers_storage import (  # noqa: F401
    clock,
    db,
    db_path,
    db_url,
    engine_name,
    shipment,
)


class MemoryPrinter:
    """A printer transport that keeps the bytes it received."""

    url = "mem://label-printer"

    def __init__(self):
        self.received: list[bytes] = []

    def send(self, payload: bytes, job_name: str = "") -> str:
        self.received.append(payload)
        return self.url

    def status(self) -> PrinterStatus:
        return PrinterStatus(ready=True)


def label(_shipment, number: str, _media) -> bytes:
    return b"%PDF-1.4 carrier label " + number.encode()


def setup(db, clock):
    printer, carrier = MemoryPrinter(), FakeCarrier(label)
    printing = PrintJobService(db.print_jobs, lambda _p, _f: printer, clock,
                               shipments=db.shipments, uow=db)
    outbox = OutboxService(uow=db, outbox=db.carrier_outbox, shipments=db.shipments,
                           printing=printing, connectors=lambda _c: carrier, clock=clock,
                           sleep=lambda _s: None, rng=lambda: 0.5)
    return outbox, carrier, printer


def waiting_entry(db, bench: str = "") -> int:
    db.set_bench(bench)
    saved = db.shipments.add(shipment(tracking_number=None))
    db.carrier_outbox.add(OutboxEntry(shipment_id=saved.id, carrier=DEMO,
                                      key=idempotency_key(saved.id), printer="mem://",
                                      format=LabelFormat.PDF))
    db.set_bench("")
    return saved.id


def test_back_off_order_and_bench_are_respected(db, clock):
    outbox, carrier, printer = setup(db, clock)
    a, b = waiting_entry(db), waiting_entry(db)
    elsewhere = waiting_entry(db, bench="poste 2")
    first = db.carrier_outbox.for_shipment(a)
    db.carrier_outbox.update(replace(first, attempts=1,
                                     next_attempt_at=clock.now() + timedelta(seconds=60)))

    done = outbox.resend_due(bench="")
    # `a` is still in its back-off and holds `b` back (order kept); the other bench's waits.
    assert done.results == () and done.waiting == 3 and carrier.created_count == 0

    clock.advance(seconds=61)
    done = outbox.resend_due(bench="")
    assert [r.shipment.id for r in done.created] == [a, b] and done.waiting == 1
    numbers = [r.shipment.tracking_number for r in done.created]
    assert numbers == sorted(numbers)  # created in the order they were saved
    assert printer.received == [label(None, n, None) for n in numbers]  # as returned
    assert db.carrier_outbox.for_shipment(elsewhere).attempts == 0

    done = outbox.resend_due(bench="poste 2")
    assert [r.shipment.id for r in done.created] == [elsewhere] and done.waiting == 0
    assert outbox.resend_due(bench="").results == () and carrier.created_count == 3


def test_a_failed_try_waits_its_back_off_then_is_created_once(db, clock):
    outbox, carrier, printer = setup(db, clock)
    sid = waiting_entry(db)
    carrier.fail_next = [CarrierError(DEMO, ErrorKind.RETRYABLE, "503", status=503)] * 2
    done = outbox.resend_due()
    assert done.created == () and done.waiting == 1
    entry = db.carrier_outbox.for_shipment(sid)
    assert entry.attempts == 1 and entry.next_attempt_at > clock.now()

    assert outbox.resend_due().results == ()  # not due yet: the carrier is not asked
    assert db.carrier_outbox.for_shipment(sid).attempts == 1
    clock.value = entry.next_attempt_at
    done = outbox.resend_due()
    assert [r.shipment.id for r in done.created] == [sid] and carrier.created_count == 1
    assert len(printer.received) == 1

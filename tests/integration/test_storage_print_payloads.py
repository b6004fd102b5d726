"""Print-job bytes that stay small (migrations 0021, 0024): stored compressed in their own
table, read back identical, purged to their SHA-256 (the bytes' row deleted) once the parcel
was deposited; a purged job is never reprinted."""
# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import hashlib

import pytest

from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.domain.shipment import ShipmentStatus
from desktop.services.print_jobs import PrintJobService, ReprintRefused
from tests.fakes import RecordingPrinter
from tests.integration.helpers_storage import (  # noqa: F401
    clock,
    db,
    db_path,
    db_url,
    engine_name,
    shipment,
)

ZPL = b"^XA^CI28" + b"^FO50,50^A0N,30,30^FDHelene Dupont 12 rue des Lilas^FS" * 40 + b"^XZ"


def stored_size(db, job_id: int) -> tuple[int, str]:
    from sqlalchemy import select

    from desktop.storage.tables import PrintJobBytesRow, PrintJobRow

    with db._uow.read() as s:
        encoding = s.scalar(select(PrintJobRow.payload_encoding).where(PrintJobRow.id == job_id))
        data = s.scalar(select(PrintJobBytesRow.data).where(PrintJobBytesRow.job_id == job_id))
        return (None if data is None else len(data)), encoding


def test_job_bytes_are_compressed_and_read_back_identical(db, clock):
    saved = db.shipments.add(shipment())
    job = db.print_jobs.add(PrintJob("memory://t", LabelFormat.ZPL203, ZPL, shipment_id=saved.id,
                                     created_at=clock.now()))
    assert db.print_jobs.get(job.id).payload == ZPL
    assert job.payload_sha256 == hashlib.sha256(ZPL).hexdigest()
    size, encoding = stored_size(db, job.id)
    assert encoding == "zlib" and size < len(ZPL) / 5


def test_a_deposited_parcels_bytes_are_purged_to_their_hash_and_not_reprinted(db, clock):
    printer = RecordingPrinter()
    service = PrintJobService(db.print_jobs, lambda url, fmt: printer, clock,
                              shipments=db.shipments, owner="here:1")
    kept, deposited = (db.shipments.add(shipment(reference=r)) for r in ("A", "B"))
    jobs = {s.id: service.send(PrintJob("memory://t", LabelFormat.ZPL203, ZPL,
                                        shipment_id=s.id)).job for s in (kept, deposited)}
    printed = db.shipments.get(deposited.id)
    db.shipments.update(printed.moved_to(ShipmentStatus.DEPOSITED, clock.now()))

    assert service.purge(lambda _service: None) == 1
    gone = db.print_jobs.get(jobs[deposited.id].id)
    assert gone.payload == b"" and gone.payload_sha256 == hashlib.sha256(ZPL).hexdigest()
    assert stored_size(db, gone.id) == (None, "purged")  # the bytes' row is gone
    with pytest.raises(ReprintRefused, match="purged"):
        service.reprint_shipment(deposited.id)
    assert db.print_jobs.get(jobs[kept.id].id).payload == ZPL  # not deposited: kept
    assert service.reprint_shipment(kept.id).job.outcome is JobOutcome.SENT
    assert service.purge(lambda _service: None) == 0  # nothing more to purge

    clock.advance(days=31)  # past the label's validity (carrier data)
    assert service.purge(lambda _service: 30) == 2  # the label and its reprint


def test_a_reprint_whose_stored_bytes_changed_is_refused(db, clock):
    from sqlalchemy import update

    from desktop.storage.payloads import encode
    from desktop.storage.tables import PrintJobBytesRow

    printer = RecordingPrinter()
    service = PrintJobService(db.print_jobs, lambda url, fmt: printer, clock,
                              shipments=db.shipments, owner="here:1")
    saved = db.shipments.add(shipment())
    job = service.send(PrintJob("memory://t", LabelFormat.ZPL203, ZPL, shipment_id=saved.id)).job
    with db._uow.write() as s:  # the bytes altered behind the journal's back
        s.execute(update(PrintJobBytesRow).where(PrintJobBytesRow.job_id == job.id)
                  .values(data=encode(ZPL.replace(b"Helene", b"Hacked"))["payload"]))
    with pytest.raises(ReprintRefused, match="SHA-256"):
        service.reprint(job.id)
    assert [p for p, _name in printer.sent] == [ZPL]  # only the first print

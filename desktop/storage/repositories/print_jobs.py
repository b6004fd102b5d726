"""Print-job journal (port `PrintJobs`): the exact bytes sent, so a reprint is identical.

The bytes live in `print_job_bytes` (one row per job, compressed) until the purge deletes
that row; the job keeps their SHA-256 and size."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop.domain.errors import NotFound
from desktop.domain.printing import JobOutcome, PrintJob
from desktop.storage import mapping, payloads
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import PrintJobBytesRow, PrintJobRow, ShipmentRow

_WITH_BYTES = select(PrintJobRow, PrintJobBytesRow.data).outerjoin(
    PrintJobBytesRow, PrintJobBytesRow.job_id == PrintJobRow.id)


def _one(s: Session, job_id: int) -> PrintJob:
    row = get_or_raise(s, PrintJobRow, job_id, "print_job")
    stored = s.get(PrintJobBytesRow, job_id)
    return mapping.job_from(row, stored.data if stored is not None else None)


def _many(s: Session, stmt) -> list[PrintJob]:
    return [mapping.job_from(row, data) for row, data in s.execute(stmt)]


class SqlPrintJobs:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def add(self, job: PrintJob) -> PrintJob:
        values = mapping.job_values(job)
        with self._uow.write() as s:
            if job.shipment_id is not None and s.get(ShipmentRow, job.shipment_id) is None:
                raise NotFound("shipment", job.shipment_id)
            if job.reprint_of is not None and s.get(PrintJobRow, job.reprint_of) is None:
                raise NotFound("print_job", job.reprint_of)
            data = values.pop("payload")
            row = PrintJobRow(created_at=job.created_at or self._uow.stamp())
            mapping.apply(row, values)
            s.add(row)
            s.flush()
            s.add(PrintJobBytesRow(job_id=row.id, data=data))
            s.flush()
            return mapping.job_from(row, data)

    def set_outcome(self, job_id: int, outcome: JobOutcome, error: str = "",
                    output: str = "") -> PrintJob:
        with self._uow.write() as s:
            row = get_or_raise(s, PrintJobRow, job_id, "print_job")
            row.outcome = JobOutcome(outcome).value
            row.error = error or ""
            row.output = output or ""
            s.flush()
            return _one(s, job_id)

    def claim(self, job_id: int, owner: str) -> PrintJob | None:
        """queued → sending in one conditional UPDATE: of two processes, one wins."""
        t = PrintJobRow
        with self._uow.write() as s:
            done = s.execute(update(t).where(t.id == job_id, t.outcome == JobOutcome.QUEUED.value)
                             .values(outcome=JobOutcome.SENDING.value, claimed_by=owner)
                             .execution_options(synchronize_session=False))
            if done.rowcount != 1:
                return None
            s.expire_all()
            return _one(s, job_id)

    def in_states(self, *states: JobOutcome) -> list[PrintJob]:
        wanted = [JobOutcome(x).value for x in states]
        stmt = (_WITH_BYTES.where(PrintJobRow.outcome.in_(wanted))
                .order_by(PrintJobRow.created_at, PrintJobRow.id))
        with self._uow.read() as s:
            return _many(s, stmt)

    def recent(self, limit: int = 50) -> list[PrintJob]:
        stmt = (_WITH_BYTES.order_by(PrintJobRow.created_at.desc(),
                                     PrintJobRow.id.desc()).limit(limit))
        with self._uow.read() as s:
            return _many(s, stmt)

    def unpurged_shipments(self) -> list[int]:
        """Shipments some of whose job bytes are still kept (the purge's candidates)."""
        t = PrintJobRow
        stmt = (select(t.shipment_id).where(t.payload_encoding != payloads.PURGED,
                                             t.shipment_id.is_not(None)).distinct())
        with self._uow.read() as s:
            return sorted(s.scalars(stmt))

    def purge_payloads(self, shipment_id: int) -> int:
        """Drops the bytes of the shipment's settled jobs (sent, failed), keeping their
        SHA-256 and size; jobs still to print or to confirm keep theirs. The bytes' rows are
        deleted: their pages are free for the next jobs."""
        t = PrintJobRow
        settled = (JobOutcome.SENT.value, JobOutcome.FAILED.value)
        with self._uow.write() as s:
            ids = list(s.scalars(select(t.id).where(t.shipment_id == shipment_id,
                                                    t.payload_encoding != payloads.PURGED,
                                                    t.outcome.in_(settled))))
            if not ids:
                return 0
            s.execute(update(t).where(t.id.in_(ids)).values(payload_encoding=payloads.PURGED)
                      .execution_options(synchronize_session=False))
            s.execute(delete(PrintJobBytesRow).where(PrintJobBytesRow.job_id.in_(ids))
                      .execution_options(synchronize_session=False))
            return len(ids)

    def get(self, job_id: int) -> PrintJob:
        with self._uow.read() as s:
            return _one(s, job_id)

    def for_shipment(self, shipment_id: int) -> list[PrintJob]:
        stmt = (_WITH_BYTES.where(PrintJobRow.shipment_id == shipment_id)
                .order_by(PrintJobRow.created_at, PrintJobRow.id))
        with self._uow.read() as s:
            return _many(s, stmt)

"""Print-job journal (port `PrintJobs`): the exact bytes sent, so a reprint is identical."""

from __future__ import annotations

from sqlalchemy import select, update

from desktop.domain.errors import NotFound
from desktop.domain.printing import JobOutcome, PrintJob
from desktop.storage import mapping, payloads
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import PrintJobRow, ShipmentRow


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
            row = PrintJobRow(created_at=job.created_at or self._uow.stamp())
            mapping.apply(row, values)
            s.add(row)
            s.flush()
            return mapping.job_from(row)

    def set_outcome(self, job_id: int, outcome: JobOutcome, error: str = "",
                    output: str = "") -> PrintJob:
        with self._uow.write() as s:
            row = get_or_raise(s, PrintJobRow, job_id, "print_job")
            row.outcome = JobOutcome(outcome).value
            row.error = error or ""
            row.output = output or ""
            s.flush()
            return mapping.job_from(row)

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
            return mapping.job_from(get_or_raise(s, PrintJobRow, job_id, "print_job"))

    def in_states(self, *states: JobOutcome) -> list[PrintJob]:
        wanted = [JobOutcome(x).value for x in states]
        stmt = (select(PrintJobRow).where(PrintJobRow.outcome.in_(wanted))
                .order_by(PrintJobRow.created_at, PrintJobRow.id))
        with self._uow.read() as s:
            return [mapping.job_from(r) for r in s.scalars(stmt)]

    def recent(self, limit: int = 50) -> list[PrintJob]:
        stmt = (select(PrintJobRow).order_by(PrintJobRow.created_at.desc(),
                                             PrintJobRow.id.desc()).limit(limit))
        with self._uow.read() as s:
            return [mapping.job_from(r) for r in s.scalars(stmt)]

    def unpurged_shipments(self) -> list[int]:
        """Shipments some of whose job bytes are still kept (the purge's candidates)."""
        t = PrintJobRow
        stmt = (select(t.shipment_id).where(t.payload_encoding != payloads.PURGED,
                                             t.shipment_id.is_not(None)).distinct())
        with self._uow.read() as s:
            return sorted(s.scalars(stmt))

    def purge_payloads(self, shipment_id: int) -> int:
        """Drops the bytes of the shipment's settled jobs (sent, failed), keeping their
        SHA-256 and size; jobs still to print or to confirm keep theirs."""
        t = PrintJobRow
        settled = (JobOutcome.SENT.value, JobOutcome.FAILED.value)
        with self._uow.write() as s:
            done = s.execute(update(t).where(t.shipment_id == shipment_id,
                                             t.payload_encoding != payloads.PURGED,
                                             t.outcome.in_(settled))
                             .values(payload=b"", payload_encoding=payloads.PURGED)
                             .execution_options(synchronize_session=False))
            return done.rowcount

    def get(self, job_id: int) -> PrintJob:
        with self._uow.read() as s:
            return mapping.job_from(get_or_raise(s, PrintJobRow, job_id, "print_job"))

    def for_shipment(self, shipment_id: int) -> list[PrintJob]:
        stmt = (select(PrintJobRow).where(PrintJobRow.shipment_id == shipment_id)
                .order_by(PrintJobRow.created_at, PrintJobRow.id))
        with self._uow.read() as s:
            return [mapping.job_from(r) for r in s.scalars(stmt)]

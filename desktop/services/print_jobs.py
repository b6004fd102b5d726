"""Sending bytes to printers and recording every job (bytes, printer, time, outcome).

A reprint sends the recorded bytes again, identical: a generated label must not be altered
afterwards [D 13.3].
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.ports import Clock, PrinterResolver, PrintJobs
from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.services.changes import Changes


@dataclass(frozen=True)
class PrintOutcome:
    job: PrintJob
    changes: Changes

    @property
    def ok(self) -> bool:
        return self.job.outcome is JobOutcome.SENT


class PrintJobService:
    def __init__(self, jobs: PrintJobs, printers: PrinterResolver, clock: Clock):
        self._jobs, self._printers, self._clock = jobs, printers, clock

    def send(self, job: PrintJob, job_name: str) -> PrintOutcome:
        """Records the job first (so a crash mid-print leaves a trace), then sends it."""
        stored = self._jobs.add(replace(job, created_at=self._clock.now(),
                                        outcome=JobOutcome.PENDING))
        try:
            transport = self._printers(job.printer, job.format)
            where = transport.send(job.payload, job_name)
        except Exception as exc:  # any transport failure is recorded and reported, not raised
            failed = self._jobs.set_outcome(stored.id, JobOutcome.FAILED, error=_reason(exc))
            return PrintOutcome(failed, Changes(print_jobs=True))
        sent = self._jobs.set_outcome(stored.id, JobOutcome.SENT, output=where)
        return PrintOutcome(sent, Changes(print_jobs=True))

    def reprint(self, job_id: int, printer: str | None = None) -> PrintOutcome:
        original = self._jobs.get(job_id)
        again = replace(original, id=None, printer=printer or original.printer,
                        reprint_of=original.reprint_of or original.id, error="", output="")
        return self.send(again, _job_name(original))

    def history(self, shipment_id: int) -> list[PrintJob]:
        return self._jobs.for_shipment(shipment_id)


def _job_name(job: PrintJob) -> str:
    return f"{job.kind}-{job.shipment_id or 'x'}.{job.format.extension}"


def label_job_name(tracking: str, kind: str, fmt: LabelFormat) -> str:
    return f"{tracking}-{kind}.{fmt.extension}"


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text

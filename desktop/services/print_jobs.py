"""The print-job journal and sending: every job is stored with its bytes before any byte
leaves, and goes queued → sending → sent | failed (see `JobOutcome`).

- `enqueue` records a job `queued` (inside the caller's transaction when there is one);
- `dispatch` claims each queued job (one process wins), asks the printer's status first, and
  sends it: a printer that is not ready, or any failure, leaves the job `failed` with its
  reason; a shipment becomes `printed` once every one of its documents was sent;
- `recover` runs at start-up: jobs left `sending` by a dead process await the clerk's
  confirmation (they may have come out: never sent again silently), queued ones are sent.

A reprint sends the recorded bytes again, identical: a generated label must not be altered
afterwards [D 13.3].
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import timedelta

from desktop.domain.errors import Violation
from desktop.domain.ports import Clock, PrinterResolver, PrintJobs, Shipments, UnitOfWork
from desktop.domain.printing import JobOutcome, LabelFormat, PrinterState, PrintJob
from desktop.domain.retention import ERASED_JOB
from desktop.domain.shipment import ShipmentStatus
from desktop.services.changes import Changes

OwnerAlive = Callable[[str], bool]  # is the process named "host:pid" still running?
INTERRUPTED = "interrupted while sending: did it print?"
NOT_PRINTED = "not printed (the clerk said so): sent again"
WAITING = "printer not ready"  # a queued job's reason starts with it (paper out, offline …)
BEHIND = "waiting behind job {id} (the printer is not ready)"
UNCONFIRMED = "sent, unconfirmed: the printer cannot report its state"
PURGED = "its bytes were purged after the deposit; only their SHA-256 is kept"
ALTERED = "its stored bytes no longer match the SHA-256 recorded when it was sent"


# Automatic retries while a printer is offline or not ready (our choice: a clerk refills
# paper within a minute or two; a printer off for the night is asked every 5 minutes).
RETRY_FIRST_S = 5.0
RETRY_MAX_S = 300.0


def retry_delay_s(attempt: int) -> float:
    """The wait before retry number `attempt` (0, 1, 2 …): doubled each time, capped."""
    return min(RETRY_FIRST_S * 2 ** max(attempt, 0), RETRY_MAX_S)


class ReprintRefused(ValueError):
    """A reprint that cannot give identical bytes (they were purged, or erased: then
    `violation` says so in the clerk's language)."""

    def __init__(self, text: str, violation: Violation | None = None):
        super().__init__(text)
        self.violation = violation

    def describe(self, lang: str = "fr") -> str:
        return self.violation.describe(lang) if self.violation is not None else str(self)


def erased_refusal(number: object) -> ReprintRefused:
    """The refusal of a reprint whose documents an erasure purged (GDPR art. 17)."""
    return ReprintRefused(f"shipment {number} cannot be reprinted: {ERASED_JOB}",
                          Violation("tracking_number", "reprint_erased", actual=number))


@dataclass(frozen=True)
class PrintOutcome:
    job: PrintJob
    changes: Changes

    @property
    def ok(self) -> bool:
        return self.job.outcome is JobOutcome.SENT


@dataclass(frozen=True)
class Recovery:
    """What the start-up found: jobs to confirm, and the queued jobs it sent again."""

    awaiting: tuple[PrintJob, ...]
    resent: tuple[PrintJob, ...]

    @property
    def changes(self) -> Changes:
        touched = bool(self.awaiting or self.resent)
        return Changes(print_jobs=touched, shipments=bool(self.resent))


class PrintJobService:
    def __init__(self, jobs: PrintJobs, printers: PrinterResolver, clock: Clock, *,
                 shipments: Shipments | None = None, owner: str = "",
                 owner_alive: OwnerAlive | None = None, uow: UnitOfWork | None = None):
        self._jobs, self._printers, self._clock = jobs, printers, clock
        self._uow = uow  # the last document's "sent" and the shipment's "printed": one commit
        self._shipments = shipments
        self.owner = owner or "local"
        self._owner_alive = owner_alive or (lambda _owner: True)

    # -- journal ---------------------------------------------------------------------------
    def enqueue(self, job: PrintJob) -> PrintJob:
        return self._jobs.add(replace(job, id=None, created_at=self._clock.now(),
                                      outcome=JobOutcome.QUEUED, error="", output="",
                                      claimed_by=""))

    def get(self, job_id: int) -> PrintJob:
        return self._jobs.get(job_id)

    def history(self, shipment_id: int) -> list[PrintJob]:
        return self._jobs.for_shipment(shipment_id)

    def awaiting_confirmation(self) -> list[PrintJob]:
        return self._jobs.in_states(JobOutcome.AWAITING_CONFIRMATION)

    def unfinished_printers(self) -> list[str]:
        """The printers of the jobs not yet settled (queued, sending): start-up cleaning."""
        jobs = self._jobs.in_states(JobOutcome.QUEUED, JobOutcome.SENDING)
        return list(dict.fromkeys(j.printer for j in jobs))

    # -- sending ---------------------------------------------------------------------------
    def dispatch(self, jobs: Iterable[PrintJob]) -> list[PrintJob]:
        """Sends each queued job once, in the order given (a batch prints in order); once a
        printer is not ready, the later jobs for it stay queued behind the first one, so
        nothing overtakes it. Returns the jobs as they ended."""
        done: list[PrintJob] = []
        blocked: dict[str, int] = {}  # printer URL → the job that found it not ready
        for job in jobs:
            if job.printer in blocked and job.outcome is JobOutcome.QUEUED:
                done.append(self._jobs.set_outcome(
                    job.id, JobOutcome.QUEUED, error=BEHIND.format(id=blocked[job.printer])))
                continue
            ended = self._send_one(job)
            if ended.outcome is JobOutcome.QUEUED:
                blocked[ended.printer] = ended.id
            done.append(ended)
        for shipment_id in dict.fromkeys(j.shipment_id for j in done if j.shipment_id):
            self.settle(shipment_id)
        return done

    def send(self, job: PrintJob, job_name: str = "") -> PrintOutcome:
        """Records then sends one job (reprints, test pages)."""
        stored = self.enqueue(replace(job, job_name=job_name or job.job_name))
        (sent,) = self.dispatch([stored])
        return PrintOutcome(sent, Changes(print_jobs=True, shipments=sent.shipment_id is not None))

    # -- the queue --------------------------------------------------------------------------
    def waiting(self) -> list[PrintJob]:
        """The jobs still to print, oldest first: queued ones, and failed ones whose document
        was not printed since (no later reprint of it). Awaiting confirmation is not
        waiting: only the clerk can tell whether it came out."""
        # An erased job (its bytes gone with the person's data) never waits again.
        jobs = [j for j in self._jobs.in_states(JobOutcome.QUEUED, JobOutcome.FAILED)
                if j.error != ERASED_JOB]
        done_docs = {(j.reprint_of or j.id) for j in self._jobs.in_states(
            JobOutcome.SENT, JobOutcome.SENDING, JobOutcome.AWAITING_CONFIRMATION)}
        latest: dict[int, PrintJob] = {}
        for job in jobs:
            latest[job.reprint_of or job.id] = job  # oldest first: the last one wins
        return [j for j in jobs if j.outcome is JobOutcome.QUEUED
                or ((j.reprint_of or j.id) not in done_docs
                    and latest[j.reprint_of or j.id].id == j.id
                    and j.error != NOT_PRINTED)]

    def retry(self, job_ids: Iterable[int] = (), failed: bool = True) -> list[PrintJob]:
        """Sends what waits (or only `job_ids` among it), in order. A job already printed is
        not waiting: a retry after success prints nothing. `failed=False` (the automatic
        retries) leaves failed jobs for the clerk: only the queued ones wait for a printer."""
        wanted = set(job_ids)
        jobs = [j for j in self.waiting() if (not wanted or j.id in wanted)
                and (failed or j.outcome is JobOutcome.QUEUED)]
        requeued = [j if j.outcome is JobOutcome.QUEUED
                    else self._jobs.set_outcome(j.id, JobOutcome.QUEUED, error=j.error)
                    for j in jobs]
        return self.dispatch(requeued)

    def recent(self, limit: int = 50) -> list[PrintJob]:
        return self._jobs.recent(limit)

    def reprint_shipment(self, shipment_id: int, kind: str = "label",
                         printer: str | None = None) -> PrintOutcome:
        """An explicit reprint of a shipment's document (identical bytes)."""
        originals = [j for j in self._jobs.for_shipment(shipment_id)
                     if j.reprint_of is None and j.kind == kind]
        if not originals:
            raise ReprintRefused(f"shipment {shipment_id} has no {kind} to reprint")
        return self.reprint(originals[-1].id, printer)

    def reprint(self, job_id: int, printer: str | None = None) -> PrintOutcome:
        original = self._jobs.get(job_id)
        if not original.payload and original.error == ERASED_JOB:
            raise erased_refusal(self._number(original))
        if not original.payload:
            raise ReprintRefused(f"job {job_id} cannot be reprinted identically: {PURGED}")
        if original.payload_sha256 and \
                hashlib.sha256(original.payload).hexdigest() != original.payload_sha256:
            raise ReprintRefused(f"job {job_id} cannot be reprinted identically: {ALTERED}")
        again = replace(original, id=None, printer=printer or original.printer,
                        reprint_of=original.reprint_of or original.id)
        return self.send(again, original.job_name or _job_name(original))

    def _number(self, job: PrintJob) -> object:
        """The shipment's number as the clerk knows it (else its id) for a message."""
        if job.shipment_id is None or self._shipments is None:
            return job.shipment_id or job.id
        return self._shipments.get(job.shipment_id).tracking_number or job.shipment_id

    def _send_one(self, job: PrintJob) -> PrintJob:
        claimed = self._jobs.claim(job.id, self.owner)
        if claimed is None:  # sent (or being sent) by another process, or not queued
            return self._jobs.get(job.id)
        try:
            transport = self._printers(claimed.printer, claimed.format)
            status = transport.status()
            # Not ready or silent (offline): nothing is sent, the job waits in the queue with
            # the printer's reason (retried with back-off, or `jobs retry`). A printer that
            # cannot be asked at all (state "unknown": no status channel) is sent to, or it
            # could never print, but the result says nobody confirmed it.
            if not status.ready and status.state is not PrinterState.UNKNOWN:
                return self._jobs.set_outcome(claimed.id, JobOutcome.QUEUED,
                                              error=f"{WAITING}: {status.detail}")
            where = transport.send(claimed.payload, claimed.job_name or _job_name(claimed))
        except Exception as exc:  # any transport failure is recorded and reported, not raised
            # The bytes may have left without the printer confirming: ask the clerk, never
            # print it again blindly (transports mark this `maybe_printed`).
            state = (JobOutcome.AWAITING_CONFIRMATION if getattr(exc, "maybe_printed", False)
                     else JobOutcome.FAILED)
            return self._jobs.set_outcome(claimed.id, state, error=_reason(exc))
        note = UNCONFIRMED if status.state is PrinterState.UNKNOWN else ""
        if self._uow is None or not claimed.shipment_id:
            return self._jobs.set_outcome(claimed.id, JobOutcome.SENT, output=where, error=note)
        # A kill between the two writes would leave every document sent and the shipment a
        # draft that no start-up looks at again: both in one transaction.
        with self._uow.transaction():
            sent = self._jobs.set_outcome(claimed.id, JobOutcome.SENT, output=where, error=note)
            self.settle(claimed.shipment_id)
        return sent

    def settle(self, shipment_id: int) -> bool:
        """A draft becomes `printed` once each of its documents was sent (the original job
        or one of its reprints). Returns whether it is printed (or further) now."""
        if self._shipments is None:
            return False
        jobs = self._jobs.for_shipment(shipment_id)
        originals = [j for j in jobs if j.reprint_of is None]
        sent = {j.reprint_of or j.id for j in jobs if j.outcome is JobOutcome.SENT}
        if not originals or any(j.id not in sent for j in originals):
            return False
        shipment = self._shipments.get(shipment_id)
        if shipment.status is ShipmentStatus.DRAFT:
            self._shipments.update(shipment.moved_to(ShipmentStatus.PRINTED, self._clock.now()))
        return shipment.status is not ShipmentStatus.VOIDED

    # -- storage that stays small --------------------------------------------------------
    def purge(self, validity_days: Callable[[str], int | None]) -> int:
        """Drops the bytes of jobs that can no longer be reprinted usefully, keeping their
        SHA-256 (and the shipment, the inputs): once the parcel was deposited or voided, or
        its label's validity (`validity_days(service_id)`, carrier data; None: no limit)
        has passed. Returns the number of jobs purged."""
        if self._shipments is None:
            return 0
        now, purged = self._clock.now(), 0
        for shipment_id in self._jobs.unpurged_shipments():
            s = self._shipments.get(shipment_id)
            days = validity_days(s.service_id)
            expired = (days is not None and s.created_at is not None
                       and now - s.created_at > timedelta(days=days))
            if s.status in (ShipmentStatus.DEPOSITED, ShipmentStatus.VOIDED) or expired:
                purged += self._jobs.purge_payloads(shipment_id)
        return purged

    # -- after a crash ---------------------------------------------------------------------
    def recover(self, resend: bool = True) -> Recovery:
        """Start-up: jobs left `sending` by a process that is gone now await confirmation;
        jobs still `queued` (stored, never sent) are sent now when `resend`."""
        for job in self._jobs.in_states(JobOutcome.SENDING):
            if job.claimed_by != self.owner and not self._owner_alive(job.claimed_by):
                self._jobs.set_outcome(job.id, JobOutcome.AWAITING_CONFIRMATION,
                                       error=INTERRUPTED)
        resent = self.dispatch(self._jobs.in_states(JobOutcome.QUEUED)) if resend else []
        return Recovery(tuple(self.awaiting_confirmation()), tuple(resent))

    def confirm(self, job_id: int, printed: bool) -> PrintOutcome:
        """The clerk's answer for a job awaiting confirmation: it printed (→ sent), or it did
        not (→ sent again now)."""
        job = self._jobs.get(job_id)
        if job.outcome is not JobOutcome.AWAITING_CONFIRMATION:
            return PrintOutcome(job, Changes())
        if printed:
            done = self._jobs.set_outcome(job.id, JobOutcome.SENT, output=job.output,
                                          error="confirmed printed by the clerk")
            if done.shipment_id:
                self.settle(done.shipment_id)
            return PrintOutcome(done, Changes(print_jobs=True, shipments=True))
        self._jobs.set_outcome(job.id, JobOutcome.FAILED, error=NOT_PRINTED)
        return self.reprint(job.id)


def _job_name(job: PrintJob) -> str:
    return f"{job.kind}-{job.shipment_id or 'x'}.{job.format.extension}"


def label_job_name(tracking: str, kind: str, fmt: LabelFormat) -> str:
    return f"{tracking}-{kind}.{fmt.extension}"


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text

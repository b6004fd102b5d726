"""Sending the carrier outbox: create each waiting shipment with its carrier, exactly once,
then print the label the carrier returned, byte for byte [D 13.3] [N 4.3.5].

    counter submit:  shipment (no number yet) + outbox entry     … one transaction
    send:            carrier create (retries with back-off; a creation that may have
                     happened is looked up by our key first, also across restarts)
                     → number + carrier label stored as a print job  … one transaction
                     → the job is sent (PDF at 100 %, ZPL passed through: the bytes as is)

A retryable failure (timeout, dropped connection, 429, 5xx) leaves the entry waiting, with
its next attempt time; the carrier's refusal of our fields marks it `refused` with the
fields mapped back onto ours. Every exchange, secrets already masked by the connector's
redaction, is kept on the entry (the shipment's carrier log).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass, replace
from datetime import timedelta

from desktop.domain.backoff import RetryPolicy
from desktop.domain.connectors import (
    LOOKUP,
    CarrierConnector,
    CarrierError,
    Created,
    CreateRequest,
    ErrorKind,
    LabelMedia,
)
from desktop.domain.errors import Violation
from desktop.domain.messages import Rule
from desktop.domain.outbox import OutboxEntry, OutboxState, idempotency_key
from desktop.domain.ports import CarrierOutbox, Clock, Shipments, UnitOfWork
from desktop.domain.printing import LabelFormat, PrintJob
from desktop.domain.shipment import Shipment, shipment_name
from desktop.services.carrier_calls import create_exactly_once
from desktop.services.print_jobs import PrintJobService, label_job_name

Connectors = Callable[[str], CarrierConnector]
CustomsDocuments = Callable[[Shipment], list[tuple[str, str, bytes]]]
MAYBE_CREATED = Rule.CARRIER_MAYBE_CREATED.value
# How long a sender holds an entry (our choice): longer than a creation with all its
# retries — DEFAULT_POLICY's 4 tries of the client's 20 s timeout plus 3 waits of at most
# 120 s (a capped Retry-After) is under 8 minutes; a sender that crashed frees it after this.
SENDING_LEASE = timedelta(minutes=15)
MAX_EXCHANGES = 50  # kept per shipment (the latest): enough to follow every retry
# At the counter the clerk waits: a few quick tries, then the outbox takes over.
COUNTER_POLICY = RetryPolicy(attempts=2, base_s=0.2, max_s=1.0, max_retry_after_s=2.0)


class ExchangeCapture:
    """The connectors' exchange sink: records each (already redacted) exchange for the
    shipment being sent on this thread, and passes it on to `then` (the debug log)."""

    def __init__(self, then: Callable[[object], None] | None = None):
        self._then, self._local = then, threading.local()

    def __call__(self, exchange: object) -> None:
        bucket = getattr(self._local, "bucket", None)
        if bucket is not None:
            bucket.append(asdict(exchange) if is_dataclass(exchange) else dict(exchange))
        if self._then is not None:
            self._then(exchange)

    @contextmanager
    def recording(self) -> Iterator[list[dict]]:
        self._local.bucket = bucket = []
        try:
            yield bucket
        finally:
            self._local.bucket = None


@dataclass(frozen=True)
class SendResult:
    entry: OutboxEntry
    shipment: Shipment
    jobs: tuple[PrintJob, ...] = ()
    error: CarrierError | None = None

    @property
    def created(self) -> bool:
        return self.entry.state is OutboxState.CREATED

    def violations(self) -> list[Violation]:
        return self.error.violations() if self.error is not None else []


@dataclass(frozen=True)
class RefusedShipment:
    """A shipment its carrier refused, to correct at the counter, as the clerk knows it."""

    shipment_id: int
    name: str  # the recipient and the reference (`shipment_name`)
    carrier: str


@dataclass(frozen=True)
class OutboxPass:
    """One automatic pass: what was sent, how many entries still wait, and the shipments
    of this bench the carrier refused (to correct at the counter), oldest first."""

    results: tuple[SendResult, ...]
    waiting: int
    refused: tuple[RefusedShipment, ...] = ()

    @property
    def created(self) -> tuple[SendResult, ...]:
        return tuple(r for r in self.results if r.created)



def label_format_of(document_media: str, wanted: LabelFormat) -> LabelFormat:
    """The print job format of the carrier's bytes: what they are, not what we asked."""
    if document_media == "application/pdf":
        return LabelFormat.PDF
    return wanted if wanted.value.startswith("zpl") else LabelFormat.ZPL203


def media_for(fmt: LabelFormat) -> LabelMedia:
    try:
        return LabelMedia.for_format(fmt)
    except KeyError:  # EPL/TSPL printers: the carriers give PDF or ZPL only
        return LabelMedia.PDF_10X15


class OutboxService:
    def __init__(self, *, uow: UnitOfWork, outbox: CarrierOutbox, shipments: Shipments,
                 printing: PrintJobService, connectors: Connectors, clock: Clock,
                 customs_documents: CustomsDocuments | None = None,
                 capture: ExchangeCapture | None = None, policy: RetryPolicy = COUNTER_POLICY,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: Callable[[], float] = random.random):
        self._uow, self._outbox, self._shipments = uow, outbox, shipments
        self._printing, self._connectors, self._clock = printing, connectors, clock
        self._customs_documents = customs_documents
        self._capture = capture or ExchangeCapture()
        self.policy, self._sleep, self._rng = policy, sleep, rng
        # One send at a time in this process: the counter's immediate send and the GUI's
        # automatic pass never take the same entry together (one creation per shipment).
        self._sending = threading.RLock()

    @property
    def capture(self) -> ExchangeCapture:
        return self._capture

    # -- inside the counter's transaction ---------------------------------------------------
    def add(self, shipment: Shipment, carrier: str, printer: str, fmt: LabelFormat,
            forms_printer: str = "") -> OutboxEntry:
        return self._outbox.add(OutboxEntry(
            shipment_id=shipment.id, carrier=carrier, key=idempotency_key(shipment.id),
            printer=printer, format=fmt, forms_printer=forms_printer))

    def reopen(self, entry: OutboxEntry, printer: str, fmt: LabelFormat,
               forms_printer: str = "") -> OutboxEntry:
        """A refused entry whose shipment the clerk corrected: waiting again, same key (the
        carrier created nothing), its log kept."""
        if entry.state is not OutboxState.REFUSED:
            raise ValueError(f"outbox entry {entry.id} is {entry.state.value}, not refused")
        # Told that the carrier may hold it already and offers no look-up, the clerk who
        # prints again has checked there: the next try creates it.
        checked = any(v.rule == MAYBE_CREATED for v in entry.refusal())
        return self._outbox.update(replace(
            entry, state=OutboxState.AWAITING_CARRIER, next_attempt_at=None, last_error="",
            field_errors=(), printer=printer, format=fmt, forms_printer=forms_printer,
            maybe_created=entry.maybe_created and not checked))

    # -- reading ----------------------------------------------------------------------------
    @staticmethod
    def is_refused(entry: OutboxEntry) -> bool:
        return entry.state is OutboxState.REFUSED

    def waiting(self, carrier: str | None = None) -> list[OutboxEntry]:
        return self._outbox.waiting(carrier)

    def refused(self, bench: str | None = None) -> list[OutboxEntry]:
        """The entries the carrier refused, to correct at the counter (oldest first)."""
        return self._outbox.refused(bench)

    def for_shipment(self, shipment_id: int) -> OutboxEntry | None:
        return self._outbox.for_shipment(shipment_id)

    # -- sending ----------------------------------------------------------------------------
    def send(self, carrier: str | None = None, *, due_only: bool = False,
             bench: str | None = None) -> list[SendResult]:
        """Sends the waiting entries oldest first (`comptoir submit`, the GUI's automatic
        pass). A carrier that does not answer (retryable error) is not asked again in this
        pass, so its entries keep their order; with `due_only`, an entry still in its
        back-off holds back the later ones of its carrier for the same reason. `bench`: only
        the entries saved at that bench (their labels go to its printer; two benches sharing
        a database never send one entry together)."""
        results, silent = [], set()
        now = self._clock.now()
        for entry in self._outbox.waiting(carrier):
            if entry.carrier in silent or (bench is not None and entry.bench != bench[:64]):
                continue
            if due_only and entry.next_attempt_at is not None and entry.next_attempt_at > now:
                silent.add(entry.carrier)
                continue
            result = self.send_shipment(entry.shipment_id)
            if result is None:  # sent meanwhile (the counter's own attempt)
                continue
            results.append(result)
            if result.error is not None and result.error.retryable:
                silent.add(entry.carrier)
        return results

    def resend_due(self, bench: str | None = None) -> OutboxPass:
        """The automatic pass: the entries whose back-off is over, then what still waits."""
        results = self.send(due_only=True, bench=bench)
        refused = tuple(RefusedShipment(e.shipment_id,
                                        shipment_name(self._shipments.get(e.shipment_id)),
                                        e.carrier) for e in self._outbox.refused(bench))
        return OutboxPass(tuple(results), len(self._outbox.waiting()), refused)

    def send_shipment(self, shipment_id: int) -> SendResult | None:
        with self._sending:  # read again under the lock: another pass may have sent it
            entry = self._outbox.for_shipment(shipment_id)
            if entry is None or entry.state is not OutboxState.AWAITING_CARRIER:
                return None
            # Another bench (or `comptoir submit`) may be sending it right now: one wins.
            now = self._clock.now()
            if not self._outbox.claim(entry.id, now, now + SENDING_LEASE):
                return None
            return self.send_entry(entry)  # its result releases the lease (sending_until None)

    def send_entry(self, entry: OutboxEntry) -> SendResult:
        shipment = self._shipments.get(entry.shipment_id)
        unknown: list[bool] = []  # a try whose creation may have reached the carrier
        with self._capture.recording() as exchanges:
            try:
                created = self._create(self._connectors(entry.carrier), shipment, entry,
                                       unknown)
            except CarrierError as exc:
                maybe = entry.maybe_created or exc.outcome_unknown or bool(unknown)
                return self._failed(entry, shipment, exc, maybe, exchanges)
        return self._created(entry, shipment, created, exchanges)

    def _create(self, connector: CarrierConnector, shipment: Shipment, entry: OutboxEntry,
                unknown: list[bool]) -> Created:
        options = dict(shipment.options or {})
        request = CreateRequest(shipment, entry.key, media=media_for(entry.format),
                                pickup_point_id=str(options.get("division_id") or ""))
        if entry.maybe_created and LOOKUP in connector.capabilities:
            # An earlier run's creation may have reached the carrier: take it, never twice.
            found = connector.find_by_reference(entry.key, request.media)
            if found is not None:
                return found
        elif entry.maybe_created:
            raise CarrierError(entry.carrier, ErrorKind.PERMANENT, entry.key,
                               rule=MAYBE_CREATED)

        def on_retry(_n: int, exc: CarrierError, _wait: float) -> None:
            if exc.outcome_unknown:
                unknown.append(True)

        return create_exactly_once(connector, request, self.policy, sleep=self._sleep,
                                   rng=self._rng, on_retry=on_retry)

    def _failed(self, entry: OutboxEntry, shipment: Shipment, exc: CarrierError,
                maybe_created: bool, exchanges: list[dict]) -> SendResult:
        now = self._clock.now()
        refused = exc.kind is ErrorKind.PERMANENT and not exc.outcome_unknown
        attempts = entry.attempts + 1
        wait = self.policy.delay(min(attempts, 10), self._rng)
        if exc.retry_after_s:
            wait = max(wait, exc.retry_after_s)
        updated = self._outbox.update(replace(
            entry, attempts=attempts, maybe_created=maybe_created,
            state=OutboxState.REFUSED if refused else OutboxState.AWAITING_CARRIER,
            next_attempt_at=None if refused else now + timedelta(seconds=wait),
            last_error=exc.describe("en"),
            field_errors=tuple((f.field or "carrier", f"{f.carrier_field}: {f.message}")
                               for f in exc.field_errors)
            # A refusal that names no field still says why, for the clerk who reopens it.
            or ((("carrier", exc.message, exc.rule) if exc.rule else ("carrier", exc.message),)
                if refused else ()),
            exchanges=_kept(entry.exchanges, exchanges)))
        return SendResult(updated, shipment, (), exc)

    def _created(self, entry: OutboxEntry, shipment: Shipment, created: Created,
                 exchanges: list[dict]) -> SendResult:
        number = created.ref.tracking_number
        with self._uow.transaction():
            numbered = self._shipments.update(replace(
                shipment, tracking_number=number, updated_at=self._clock.now()))
            updated = self._outbox.update(replace(
                entry, state=OutboxState.CREATED, attempts=entry.attempts + 1,
                next_attempt_at=None, last_error="", field_errors=(),
                exchanges=_kept(entry.exchanges, exchanges)))
            queued = [self._printing.enqueue(job)
                      for job in self._documents(numbered, created, entry)]
        jobs = tuple(self._printing.dispatch(queued))
        return SendResult(updated, self._shipments.get(shipment.id), jobs)

    def _documents(self, shipment: Shipment, created: Created,
                   entry: OutboxEntry) -> list[PrintJob]:
        """The carrier's label as received, then its other documents, else our customs forms."""
        jobs = []
        if created.label is not None:
            fmt = label_format_of(created.label.media_type, entry.format)
            jobs.append(PrintJob(printer=entry.printer, format=fmt,
                                 payload=created.label.content, kind="label",
                                 shipment_id=shipment.id,
                                 job_name=label_job_name(shipment.tracking_number or "label",
                                                         "label", fmt)))
        forms_printer = entry.forms_printer or entry.printer
        if created.documents:
            for doc in created.documents:
                fmt = label_format_of(doc.media_type, entry.format)
                jobs.append(PrintJob(printer=forms_printer, format=fmt, payload=doc.content,
                                     kind=doc.kind, shipment_id=shipment.id,
                                     job_name=f"{shipment.tracking_number}-{doc.kind}."
                                              f"{doc.extension}"))
        elif self._customs_documents is not None:
            for kind, filename, payload in self._customs_documents(shipment):
                jobs.append(PrintJob(printer=forms_printer, format=LabelFormat.PDF,
                                     payload=payload, kind=kind.lower(),
                                     shipment_id=shipment.id, job_name=filename))
        return jobs


def _kept(old: tuple[dict, ...], new: list[dict]) -> tuple[dict, ...]:
    return tuple([*old, *new][-MAX_EXCHANGES:])

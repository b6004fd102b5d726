"""The interfaces the services need; storage, printing and devices implement them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # named in signatures only: `comptoir history` need not load them all
    from desktop.domain.customs import Product
    from desktop.domain.label import LabelSpec
    from desktop.domain.outbox import OutboxEntry, OutboxState
    from desktop.domain.printing import JobOutcome, LabelFormat, PrinterStatus, PrintJob
    from desktop.domain.retention import AuditEntry, Cutoff, Erased, PersonData
    from desktop.domain.shipment import Contact, SenderProfile, Shipment, ShipmentStatus
    from desktop.domain.tracking import NumberRange
    from desktop.domain.weighing import ScaleReading


class Clock(Protocol):
    def now(self) -> datetime: ...  # timezone-aware


class UnitOfWork(Protocol):
    """One transaction around a use case: every repository call made inside `transaction()`
    on this thread commits together or not at all (an exception rolls everything back)."""

    def transaction(self) -> AbstractContextManager[object]: ...


class AddressBook(Protocol):
    def search(self, text: str = "", limit: int = 50) -> list[Contact]: ...
    def get(self, contact_id: int) -> Contact: ...
    def add(self, contact: Contact) -> Contact: ...
    def update(self, contact: Contact) -> Contact: ...
    def delete(self, contact_id: int) -> None: ...
    def all(self, batch: int = 1000) -> Iterator[Contact]: ...  # by id, read in batches
    # An import: adds `new`, rewrites `changed` (by id), one transaction; returns rows written.
    def save_many(self, new: Iterable[Contact], changed: Iterable[Contact] = ()) -> int: ...
    # Rewrites `keep`, moves other_id's shipments to it, deletes other_id: one transaction.
    def merge(self, keep: Contact, other_id: int) -> Contact: ...


class SenderProfiles(Protocol):
    def list(self) -> list[SenderProfile]: ...
    def get(self, profile_id: int) -> SenderProfile: ...
    def add(self, profile: SenderProfile) -> SenderProfile: ...
    def update(self, profile: SenderProfile) -> SenderProfile: ...
    def delete(self, profile_id: int) -> None: ...


class TextSearch(Protocol):
    """Free-text matching for the address book and the history, one per database engine
    (SQLite FTS5, PostgreSQL pg_trgm) behind the same repositories.

    `where(kind, text, session)` ("contacts" or "shipments") returns a filter that the
    storage's own repositories add to their query (opaque here), or None when the text holds
    no word; `session` (the storage's, optional) lets it pick a plan from the index.
    """

    def where(self, kind: str, text: str, session: object = None) -> object | None: ...


class ChangeFeed(Protocol):
    """Tells when shipments changed in the database, whoever changed them (another bench).
    `on_change` is called on the feed's own thread; `stop` ends it."""

    def start(self, on_change: Callable[[], None]) -> None: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class HistoryQuery:
    text: str = ""  # an exact tracking number or reference first, else words of name/company/city
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    status: ShipmentStatus | None = None
    service_ids: tuple[str, ...] = ()  # any of these services (a carrier = its services)
    country: str | None = None  # recipient country, ISO 3166-1 alpha-2
    bench: str | None = None  # the bench that saved it (setting `bench_name`)
    # Sent through a carrier's web service and its outbox entry in this state (a carrier's
    # refusal to correct: `OutboxState.REFUSED`)
    carrier_state: OutboxState | None = None
    offset: int = 0
    limit: int = 100
    # Keyset paging: the (created_at, id) of the last row already shown; the next page starts
    # after it without counting the rows before (offset is kept for small pages).
    after: tuple[datetime, int] | None = None


class Shipments(Protocol):
    def add(self, shipment: Shipment) -> Shipment: ...  # returns it with id and timestamps
    def update(self, shipment: Shipment) -> Shipment: ...
    def get(self, shipment_id: int) -> Shipment: ...
    def find_by_tracking(self, number: str) -> Shipment | None: ...
    def find_by_draft_key(self, key: str) -> Shipment | None: ...  # offline journal replay
    def all(self, batch: int = 1000) -> Iterator[Shipment]: ...  # by id, read in batches
    def search(self, query: HistoryQuery) -> list[Shipment]: ...  # newest first
    # Counts stop at `cap` (the view shows "1 000+"): never a scan of the whole history.
    def count(self, query: HistoryQuery, cap: int | None = None) -> int: ...


class PersonalData(Protocol):
    """Retention purges, one person's data and the audit log (desktop/domain/retention.py)."""

    # cutoffs: per service and destination, without / with customs, aware datetimes
    def expired_counts(self, cutoffs: list[Cutoff]) -> dict[str, int]: ...
    # + audit, one transaction; → count per service, (printer, output) of the deleted jobs
    def purge(self, cutoffs: list[Cutoff], rules: dict[str, str]
              ) -> tuple[dict[str, int], tuple[tuple[str, str], ...]]: ...
    def find_person(self, text: str) -> PersonData: ...
    def erase(self, contact_ids: Iterable[int], shipment_ids: Iterable[int],
              reason: str) -> Erased: ...  # + stored copies, audit; one transaction
    def record(self, action: str, rule: str = "", count: int = 0, detail: str = "") -> None: ...
    def audit_log(self, limit: int = 100) -> list[AuditEntry]: ...


class PrintJobs(Protocol):
    def add(self, job: PrintJob) -> PrintJob: ...
    def set_outcome(self, job_id: int, outcome: JobOutcome, error: str = "",
                    output: str = "") -> PrintJob: ...
    def get(self, job_id: int) -> PrintJob: ...
    def for_shipment(self, shipment_id: int) -> list[PrintJob]: ...
    # queued → sending for `owner` (a process id), atomically: None if it was not queued, so
    # two processes never both send one job.
    def claim(self, job_id: int, owner: str) -> PrintJob | None: ...
    def in_states(self, *states: JobOutcome) -> list[PrintJob]: ...  # oldest first
    def recent(self, limit: int = 50) -> list[PrintJob]: ...  # newest first
    def unpurged_shipments(self) -> list[int]: ...  # shipments whose job bytes are kept
    # drops the bytes of a shipment's settled jobs (hash and size kept): how many
    def purge_payloads(self, shipment_id: int) -> int: ...


class TrackingRanges(Protocol):
    def ensure(self, number_range: NumberRange) -> NumberRange: ...  # create if missing
    def get(self, name: str) -> NumberRange: ...
    def list(self) -> list[NumberRange]: ...
    def allocate(self, name: str) -> str: ...  # atomic; never hands out a number twice


class CarrierOutbox(Protocol):
    """Shipments waiting for their carrier's number (desktop.domain.outbox)."""

    def add(self, entry: OutboxEntry) -> OutboxEntry: ...
    def update(self, entry: OutboxEntry) -> OutboxEntry: ...
    def for_shipment(self, shipment_id: int) -> OutboxEntry | None: ...
    def waiting(self, carrier: str | None = None) -> list[OutboxEntry]: ...  # oldest first
    # Atomically: the entry is this caller's to send until `until` — True unless it is no
    # longer waiting or another process holds it (its `sending_until` not yet passed).
    def claim(self, entry_id: int, now: datetime, until: datetime) -> bool: ...
    def refused(self, bench: str | None = None) -> list[OutboxEntry]: ...  # oldest first
    # shipment id → its entry's state, for the shipments that have one
    def states(self, shipment_ids: Iterable[int]) -> dict[int, OutboxState]: ...


class Products(Protocol):
    def search(self, text: str = "", limit: int = 50) -> list[Product]: ...  # sku, ean, words
    def get(self, product_id: int) -> Product: ...
    def find_code(self, code: str) -> Product | None: ...  # exact SKU or EAN (scanner)
    def add(self, product: Product) -> Product: ...
    def update(self, product: Product) -> Product: ...
    def upsert_many(self, products: Iterable[Product]) -> int: ...  # by SKU, one transaction
    def delete(self, product_id: int) -> None: ...


class LabelRenderer(Protocol):
    def render(self, spec: LabelSpec, fmt: LabelFormat) -> bytes: ...


class PrinterTransport(Protocol):
    """Sends bytes to one printer; knows nothing of what they mean."""

    url: str

    def send(self, payload: bytes, job_name: str = "") -> str: ...  # returns where it went
    def status(self) -> PrinterStatus: ...


class PrinterResolver(Protocol):
    def __call__(self, url: str, fmt: LabelFormat) -> PrinterTransport: ...


class Scale(Protocol):
    """`read()` returns one reading or raises OSError (silent, garbled, unplugged)."""

    def read(self) -> ScaleReading: ...
    def close(self) -> None: ...


class ZeroingScale(Scale, Protocol):
    """A scale whose protocol can zero and tare (MT-SICS Z/T, Toledo Z/T, HID zero)."""

    def zero(self) -> bool: ...
    def tare(self) -> bool: ...


def nothing(_: Iterable) -> None:  # pragma: no cover - placeholder for optional hooks
    return None

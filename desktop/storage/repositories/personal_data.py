"""Personal data (port `PersonalData`): retention purges, one person's data, the audit log.

Every change and its audit entry are written in the same transaction: there is never a
purge without its record, nor a record of a purge that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, and_, delete, func, not_, or_, select, update

from desktop.domain.printing import JobOutcome
from desktop.domain.retention import ERASED_JOB, AuditEntry, Cutoff, Erased, PersonData
from desktop.domain.tracking import normalise
from desktop.storage import mapping, payloads, search_text
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import (
    AuditRow,
    CarrierOutboxRow,
    ContactRow,
    PrintJobBytesRow,
    PrintJobRow,
    ShipmentRow,
    WorkDraftRow,
)

# Blanked on erasure; postcode, city and country stay (statistics, carrier invoices), as do
# the tracking number and reference (the shop's accounts point at them).
ERASED_FIELDS = ("name", "company", "complement", "building", "street", "locality", "phone",
                 "email")
# What a work-list draft's recipient keeps (its shipment-file JSON, README "Shipment file").
KEPT_DRAFT_FIELDS = ("postcode", "city", "country", "state")
# What a carrier exchange keeps: when, where and how it went, never the bodies (they hold
# the recipient, and the carrier's label in its answer).
KEPT_EXCHANGE_FIELDS = ("carrier", "method", "url", "status", "elapsed_ms")


def _last_event() -> ColumnElement:
    # coalesce() takes its type from its first argument: datetimes bind as stored (UTC).
    return func.coalesce(ShipmentRow.deposited_at, ShipmentRow.printed_at, ShipmentRow.created_at)


def _expired(cutoffs: Iterable[Cutoff]) -> ColumnElement[bool]:
    """Shipments past one of the cutoffs (plain / customs, per service and destination)."""
    last = _last_event()
    parts = []
    for cut in cutoffs:
        condition = and_(ShipmentRow.service_id == cut.service_id, or_(
            and_(ShipmentRow.customs.is_(None), last < cut.plain),
            and_(ShipmentRow.customs.is_not(None), last < cut.customs)))
        if cut.countries is not None:
            where = ShipmentRow.recipient_country.in_(sorted(cut.countries))
            condition = and_(condition, where if cut.inside else not_(where))
        parts.append(condition)
    return or_(*parts) if parts else ShipmentRow.id.is_(None)


class SqlPersonalData:
    def __init__(self, uow: UnitOfWork, search):
        self._uow = uow
        self._search = search

    # --- retention ----------------------------------------------------------------------

    def expired_counts(self, cutoffs: list[Cutoff]) -> dict[str, int]:
        stmt = (select(ShipmentRow.service_id, func.count())
                .where(_expired(cutoffs)).group_by(ShipmentRow.service_id))
        with self._uow.read() as s:
            return {sid: int(n) for sid, n in s.execute(stmt)}

    def purge(self, cutoffs: list[Cutoff], rules: dict[str, str]
              ) -> tuple[dict[str, int], tuple[tuple[str, str], ...]]:
        """Deletes the expired shipments (their print jobs go with them, FK cascade) and
        writes one audit entry per service, in one transaction. Returns the count per
        service and (printer, output) of the deleted jobs: the files a spool kept."""
        with self._uow.write() as s, _zeroed_when_freed(s):
            now = self._uow.stamp()
            done: dict[str, int] = {}
            spooled: list[tuple[str, str]] = []
            for service_id in dict.fromkeys(c.service_id for c in cutoffs):
                cuts = [c for c in cutoffs if c.service_id == service_id]
                gone = select(ShipmentRow.id).where(_expired(cuts))
                spooled += [(r.printer, r.output) for r in s.execute(
                    select(PrintJobRow.printer, PrintJobRow.output).where(
                        PrintJobRow.shipment_id.in_(gone), PrintJobRow.output != ""))]
                result = s.execute(delete(ShipmentRow).where(_expired(cuts))
                                   .execution_options(synchronize_session=False))
                if result.rowcount:
                    done[service_id] = result.rowcount
                    s.add(AuditRow(at=now, action="purge", rule=rules.get(service_id, "")[:200],
                                   count=result.rowcount,
                                   detail=f"{service_id}: last event before "
                                          + "; ".join(_described(c) for c in cuts)))
            if done:
                s.flush()
                forget = getattr(self._search, "forget", None)
                if forget is not None:  # the search index's copy of the deleted words
                    forget(s)
            return done, tuple(spooled)

    # --- one person -------------------------------------------------------------------------

    def find_person(self, text: str) -> PersonData:
        """Contacts matching `text` (name words, e-mail, phone) and every shipment sent to
        them or carrying the same words, e-mail or phone."""
        text = (text or "").strip()
        if not text:
            return PersonData()
        with self._uow.read() as s:
            match = self._search.where("contacts", text, s)
            contact_rows = list(s.scalars(select(ContactRow).where(
                or_(match if match is not None else ContactRow.id.is_(None),
                    ContactRow.email == text, ContactRow.phone == text))
                .order_by(ContactRow.id)))
            ids = [r.id for r in contact_rows]
            shipment_match = self._search.where("shipments", text, s)
            emails = {r.email for r in contact_rows if r.email} | {text}
            phones = {r.phone for r in contact_rows if r.phone} | {text}
            conditions = [ShipmentRow.recipient_email.in_(emails),
                          ShipmentRow.recipient_phone.in_(phones),
                          ShipmentRow.tracking_number == normalise(text)]
            if ids:
                conditions.append(ShipmentRow.contact_id.in_(ids))
            if shipment_match is not None:
                conditions.append(shipment_match)
            shipment_rows = list(s.scalars(select(ShipmentRow).where(or_(*conditions))
                                           .order_by(ShipmentRow.id)))
            return PersonData(contacts=tuple(mapping.contact_from(r) for r in contact_rows),
                              shipments=tuple(mapping.shipment_from(r) for r in shipment_rows))

    def erase(self, contact_ids: Iterable[int], shipment_ids: Iterable[int],
              reason: str) -> Erased:
        """Deletes the contacts and blanks the recipient of the shipments, with every stored
        copy of it: the print jobs' bytes (purged to their SHA-256, as after a deposit, and
        never sent again), the work-list drafts they came from and the carrier exchanges.
        One transaction, one audit entry. Returns the spool files of the purged jobs."""
        contact_ids, shipment_ids = list(contact_ids), list(shipment_ids)
        blank = {f"recipient_{f}": "" for f in ERASED_FIELDS}
        with self._uow.write() as s, _zeroed_when_freed(s):
            now = self._uow.stamp()
            n = jobs = 0
            spooled: list[tuple[str, str]] = []
            for chunk in _chunks(shipment_ids):
                rows = list(s.scalars(select(ShipmentRow).where(ShipmentRow.id.in_(chunk))))
                for row in rows:
                    for key, value in blank.items():
                        setattr(row, key, value)
                    row.contact_id = None
                    row.search_key = search_text.key(row.recipient_city, row.reference)
                    row.updated_at = now
                n += len(rows)
                found, files = _erase_jobs(s, chunk)
                jobs += found
                spooled += files
                _erase_drafts(s, chunk, now)
                _erase_exchanges(s, chunk, now)
            removed = 0
            for chunk in _chunks(contact_ids):
                removed += s.execute(delete(ContactRow).where(ContactRow.id.in_(chunk))).rowcount
            s.add(AuditRow(at=now, action="erase", rule=reason[:200], count=removed + n,
                           detail=f"{removed} contact(s), {n} shipment(s) anonymised, "
                                  f"{jobs} print job(s) purged"))
            s.flush()
            forget = getattr(self._search, "forget", None)
            if forget is not None:  # the search index's own copy of the erased words
                forget(s)
            return Erased(removed + n, tuple(spooled))

    # --- audit --------------------------------------------------------------------------

    def record(self, action: str, rule: str = "", count: int = 0, detail: str = "") -> None:
        with self._uow.write() as s:
            s.add(AuditRow(at=self._uow.stamp(), action=action, rule=rule[:200], count=count,
                           detail=detail))

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(max(0, limit))
        with self._uow.read() as s:
            return [AuditEntry(at=r.at, action=r.action, rule=r.rule, count=r.count,
                               detail=r.detail, bench=r.bench or "") for r in s.scalars(stmt)]


def _described(cut: Cutoff) -> str:
    where = ""
    if cut.countries is not None:
        where = (" to " if cut.inside else " elsewhere than ") + ",".join(sorted(cut.countries))
    return f"{cut.plain.date()} (customs: {cut.customs.date()}){where}"


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]



def _erase_jobs(s, shipment_ids: list[int]) -> tuple[int, list[tuple[str, str]]]:
    """Purges the bytes of the shipments' print jobs (hash and size kept) and marks them
    erased; a job not yet sent is failed, so no queue sends it later. Returns how many, and
    (printer, output) of each: where a file printer wrote it."""
    t = PrintJobRow
    rows = list(s.execute(select(t.id, t.printer, t.output).where(t.shipment_id.in_(shipment_ids))))
    if not rows:
        return 0, []
    ids = [r.id for r in rows]
    settled = (JobOutcome.SENT.value, JobOutcome.FAILED.value)
    s.execute(update(t).where(t.id.in_(ids), t.outcome.not_in(settled))
              .values(outcome=JobOutcome.FAILED.value)
              .execution_options(synchronize_session=False))
    s.execute(update(t).where(t.id.in_(ids))
              .values(payload_encoding=payloads.PURGED, error=ERASED_JOB)
              .execution_options(synchronize_session=False))
    s.execute(delete(PrintJobBytesRow).where(PrintJobBytesRow.job_id.in_(ids))
              .execution_options(synchronize_session=False))
    return len(ids), [(r.printer, r.output) for r in rows if r.output]


def _erase_drafts(s, shipment_ids: list[int], now) -> None:
    """The work-list drafts (shop orders) the shipments were printed from keep only what the
    shipment keeps of its recipient."""
    for row in s.scalars(select(WorkDraftRow).where(WorkDraftRow.shipment_id.in_(shipment_ids))):
        document = dict(row.document or {})
        recipient = dict(document.get("recipient") or {})
        document["recipient"] = {k: v for k, v in recipient.items() if k in KEPT_DRAFT_FIELDS}
        row.document = document
        row.updated_at = now


def _erase_exchanges(s, shipment_ids: list[int], now) -> None:
    """The carrier exchanges kept on the outbox entries lose their bodies (our request with
    the recipient, the carrier's answer with its label) and any message quoting them."""
    rows = s.scalars(select(CarrierOutboxRow).where(
        CarrierOutboxRow.shipment_id.in_(shipment_ids)))
    for row in rows:
        row.exchanges = [{**{k: e.get(k) for k in KEPT_EXCHANGE_FIELDS if k in e},
                          "erased": True} for e in (row.exchanges or ()) if isinstance(e, dict)]
        row.last_error = ERASED_JOB if row.last_error else ""
        row.field_errors = [[path, ERASED_JOB] for path, *_rest in (row.field_errors or ())]
        row.updated_at = now


@contextmanager
def _zeroed_when_freed(s) -> Iterator[None]:
    """SQLite: pages freed meanwhile (the labels' rows, old index segments) are overwritten
    with zeros instead of keeping the erased bytes in the file (PRAGMA secure_delete)."""
    if s.get_bind().dialect.name != "sqlite":
        yield
        return
    driver = s.connection().connection.driver_connection
    (before,) = driver.execute("PRAGMA secure_delete").fetchone()
    driver.execute("PRAGMA secure_delete = 1")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA secure_delete = {int(before)}")

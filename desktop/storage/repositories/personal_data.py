"""Personal data (port `PersonalData`): retention purges, one person's data, the audit log.

Every change and its audit entry are written in the same transaction: there is never a
purge without its record, nor a record of a purge that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, or_, select

from desktop.domain.retention import AuditEntry, PersonData
from desktop.domain.tracking import normalise
from desktop.storage import mapping, search_text
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import AuditRow, ContactRow, ShipmentRow

# Blanked on erasure; postcode, city and country stay (statistics, carrier invoices), as do
# the tracking number and reference (the shop's accounts point at them).
ERASED_FIELDS = ("name", "company", "complement", "building", "street", "locality", "phone",
                 "email")


def _last_event() -> ColumnElement:
    # coalesce() takes its type from its first argument: datetimes bind as stored (UTC).
    return func.coalesce(ShipmentRow.deposited_at, ShipmentRow.printed_at, ShipmentRow.created_at)


def _expired(cutoffs: dict[str, tuple[datetime, datetime]]) -> ColumnElement[bool]:
    """Shipments of these services whose last event is before their cutoff (plain / customs)."""
    last = _last_event()
    parts = []
    for service_id, (plain, customs) in cutoffs.items():
        parts.append(and_(ShipmentRow.service_id == service_id, or_(
            and_(ShipmentRow.customs.is_(None), last < plain),
            and_(ShipmentRow.customs.is_not(None), last < customs))))
    return or_(*parts) if parts else ShipmentRow.id.is_(None)


class SqlPersonalData:
    def __init__(self, uow: UnitOfWork, search):
        self._uow = uow
        self._search = search

    # --- retention ----------------------------------------------------------------------

    def expired_counts(self, cutoffs: dict[str, tuple[datetime, datetime]]) -> dict[str, int]:
        stmt = (select(ShipmentRow.service_id, func.count())
                .where(_expired(cutoffs)).group_by(ShipmentRow.service_id))
        with self._uow.read() as s:
            return {sid: int(n) for sid, n in s.execute(stmt)}

    def purge(self, cutoffs: dict[str, tuple[datetime, datetime]],
              rules: dict[str, str]) -> dict[str, int]:
        """Deletes the expired shipments (their print jobs go with them, FK cascade) and
        writes one audit entry per service, in one transaction."""
        with self._uow.write() as s:
            now = self._uow.stamp()
            done: dict[str, int] = {}
            for service_id, cut in cutoffs.items():
                result = s.execute(delete(ShipmentRow).where(_expired({service_id: cut}))
                                   .execution_options(synchronize_session=False))
                if result.rowcount:
                    done[service_id] = result.rowcount
                    s.add(AuditRow(at=now, action="purge", rule=rules.get(service_id, "")[:200],
                                   count=result.rowcount,
                                   detail=f"{service_id}: last event before "
                                          f"{cut[0].date()} (customs: {cut[1].date()})"))
            return done

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

    def erase(self, contact_ids: Iterable[int], shipment_ids: Iterable[int], reason: str) -> int:
        """Deletes the contacts, blanks the recipient of the shipments; one audit entry."""
        contact_ids, shipment_ids = list(contact_ids), list(shipment_ids)
        blank = {f"recipient_{f}": "" for f in ERASED_FIELDS}
        with self._uow.write() as s:
            now = self._uow.stamp()
            n = 0
            for chunk in _chunks(shipment_ids):
                rows = list(s.scalars(select(ShipmentRow).where(ShipmentRow.id.in_(chunk))))
                for row in rows:
                    for key, value in blank.items():
                        setattr(row, key, value)
                    row.contact_id = None
                    row.search_key = search_text.key(row.recipient_city, row.reference)
                    row.updated_at = now
                n += len(rows)
            removed = 0
            for chunk in _chunks(contact_ids):
                removed += s.execute(delete(ContactRow).where(ContactRow.id.in_(chunk))).rowcount
            s.add(AuditRow(at=now, action="erase", rule=reason[:200], count=removed + n,
                           detail=f"{removed} contact(s), {n} shipment(s) anonymised"))
            return removed + n

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


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


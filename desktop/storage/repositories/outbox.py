"""Carrier outbox (port `CarrierOutbox`): shipments waiting for their carrier's number."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import or_, select, update

from desktop.domain.errors import NotFound
from desktop.domain.outbox import OutboxEntry, OutboxState
from desktop.domain.printing import LabelFormat
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import CarrierOutboxRow, ShipmentRow


def _values(e: OutboxEntry) -> dict:
    return {"shipment_id": e.shipment_id, "carrier": e.carrier, "key": e.key,
            "state": OutboxState(e.state).value, "printer": e.printer,
            "format": LabelFormat(e.format).value, "forms_printer": e.forms_printer or "",
            "attempts": e.attempts, "next_attempt_at": e.next_attempt_at,
            "sending_until": e.sending_until,
            "maybe_created": bool(e.maybe_created), "last_error": e.last_error or "",
            "field_errors": [list(x) for x in e.field_errors],
            "exchanges": list(e.exchanges)}


def _entry(row: CarrierOutboxRow) -> OutboxEntry:
    return OutboxEntry(
        shipment_id=row.shipment_id, carrier=row.carrier, key=row.key, printer=row.printer,
        format=LabelFormat(row.format), forms_printer=row.forms_printer or "",
        state=OutboxState(row.state), attempts=row.attempts,
        next_attempt_at=row.next_attempt_at, sending_until=row.sending_until,
        maybe_created=bool(row.maybe_created),
        last_error=row.last_error or "",
        field_errors=tuple(tuple(str(v) for v in x) for x in (row.field_errors or [])),
        exchanges=tuple(row.exchanges or ()), id=row.id, bench=row.bench or "",
        created_at=row.created_at,
        updated_at=row.updated_at)


class SqlCarrierOutbox:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def add(self, entry: OutboxEntry) -> OutboxEntry:
        with self._uow.write() as s:
            if s.get(ShipmentRow, entry.shipment_id) is None:
                raise NotFound("shipment", entry.shipment_id)
            now = self._uow.stamp()
            row = CarrierOutboxRow(created_at=now, updated_at=now, **_values(entry))
            s.add(row)
            s.flush()
            return _entry(row)

    def update(self, entry: OutboxEntry) -> OutboxEntry:
        with self._uow.write() as s:
            row = s.get(CarrierOutboxRow, entry.id)
            if row is None:
                raise NotFound("outbox", entry.id)
            for name, value in _values(replace(entry)).items():
                setattr(row, name, value)
            row.updated_at = self._uow.stamp()
            s.flush()
            return _entry(row)

    def for_shipment(self, shipment_id: int) -> OutboxEntry | None:
        stmt = select(CarrierOutboxRow).where(CarrierOutboxRow.shipment_id == shipment_id)
        with self._uow.read() as s:
            row = s.scalars(stmt).first()
            return _entry(row) if row is not None else None

    def claim(self, entry_id: int, now: datetime, until: datetime) -> bool:
        """One conditional UPDATE: of two benches (or a bench and `comptoir submit`) reading
        the same waiting entry, exactly one changes the row; the other sees no row changed.
        Row-level on PostgreSQL, the database write lock on SQLite (issue 14 §3)."""
        t = CarrierOutboxRow
        stmt = (update(t).where(t.id == entry_id,
                                t.state == OutboxState.AWAITING_CARRIER.value,
                                or_(t.sending_until.is_(None), t.sending_until < now))
                .values(sending_until=until, updated_at=self._uow.stamp())
                .execution_options(synchronize_session=False))
        with self._uow.write() as s:
            return s.execute(stmt).rowcount == 1

    def waiting(self, carrier: str | None = None) -> list[OutboxEntry]:
        t = CarrierOutboxRow
        stmt = select(t).where(t.state == OutboxState.AWAITING_CARRIER.value).order_by(t.id)
        if carrier:
            stmt = stmt.where(t.carrier == carrier)
        with self._uow.read() as s:
            return [_entry(r) for r in s.scalars(stmt)]

    def refused(self, bench: str | None = None) -> list[OutboxEntry]:
        """The entries the carrier refused (to correct at the counter), oldest first;
        `bench`: only those saved at that bench (ix_carrier_outbox_state)."""
        t = CarrierOutboxRow
        stmt = select(t).where(t.state == OutboxState.REFUSED.value).order_by(t.id)
        if bench is not None:
            stmt = stmt.where(t.bench == bench[:64])
        with self._uow.read() as s:
            return [_entry(r) for r in s.scalars(stmt)]

    def states(self, shipment_ids) -> dict[int, OutboxState]:
        """The state of each listed shipment's entry (shipments without one are left out)."""
        ids = sorted({int(i) for i in shipment_ids if i is not None})
        t = CarrierOutboxRow
        out: dict[int, OutboxState] = {}
        with self._uow.read() as s:
            for start in range(0, len(ids), _CHUNK):
                stmt = select(t.shipment_id, t.state).where(
                    t.shipment_id.in_(ids[start:start + _CHUNK]))
                out.update((sid, OutboxState(state)) for sid, state in s.execute(stmt))
        return out


_CHUNK = 500  # ids per IN list: well under SQLite's and PostgreSQL's parameter limits

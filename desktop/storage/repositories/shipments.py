"""Shipments repository (port `Shipments`): snapshots, history search, paging."""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import func, select

from desktop.domain.errors import NotFound, ValidationFailed, Violation
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import Shipment
from desktop.domain.tracking import normalise
from desktop.storage import mapping
from desktop.storage.repositories import history
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import ContactRow, SenderProfileRow, ShipmentRow


class SqlShipments:
    """Timestamps: `add` keeps the caller's created_at/updated_at or stamps now."""

    def __init__(self, uow: UnitOfWork, local_tz: tzinfo | None = None):
        self._uow = uow
        self._tz = local_tz  # None: the machine's zone, read at each query

    def add(self, shipment: Shipment) -> Shipment:
        values = mapping.shipment_values(shipment)
        with self._uow.write() as s:
            self._check_references(s, values)
            created = shipment.created_at or self._uow.stamp()
            row = ShipmentRow(created_at=created, updated_at=shipment.updated_at or created)
            mapping.apply(row, values)
            s.add(row)
            s.flush()
            return mapping.shipment_from(row)

    def update(self, shipment: Shipment) -> Shipment:
        values = mapping.shipment_values(shipment)
        with self._uow.write() as s:
            row = get_or_raise(s, ShipmentRow, shipment.id, "shipment")
            self._check_references(s, values, own_id=row.id)
            # The caller's stamp wins when it moved it (Shipment.moved_to sets it with the
            # service clock); an untouched one means "now". created_at is never rewritten.
            stamped = shipment.updated_at is not None and shipment.updated_at != row.updated_at
            mapping.apply(row, values)
            row.updated_at = shipment.updated_at if stamped else self._uow.stamp()
            s.flush()
            return mapping.shipment_from(row)

    def get(self, shipment_id: int) -> Shipment:
        with self._uow.read() as s:
            return mapping.shipment_from(get_or_raise(s, ShipmentRow, shipment_id, "shipment"))

    def find_by_tracking(self, number: str) -> Shipment | None:
        wanted = normalise(number)
        if not wanted:
            return None
        with self._uow.read() as s:
            row = s.scalars(select(ShipmentRow).where(ShipmentRow.tracking_number == wanted)).first()
            return mapping.shipment_from(row) if row is not None else None

    def search(self, query: HistoryQuery) -> list[Shipment]:
        stmt = (select(ShipmentRow).where(history.conditions(query, self._tz))
                .order_by(ShipmentRow.created_at.desc(), ShipmentRow.id.desc())
                .offset(max(0, query.offset)).limit(max(0, query.limit)))
        with self._uow.read() as s:
            return [mapping.shipment_from(r) for r in s.scalars(stmt)]

    def count(self, query: HistoryQuery) -> int:
        stmt = select(func.count(ShipmentRow.id)).where(history.conditions(query, self._tz))
        with self._uow.read() as s:
            return int(s.scalar(stmt) or 0)

    @staticmethod
    def _check_references(s, values: dict, own_id: int | None = None) -> None:
        """Clear refusals instead of a bare IntegrityError (the write lock is held)."""
        for key, model, what in (("contact_id", ContactRow, "contact"),
                                 ("sender_profile_id", SenderProfileRow, "sender_profile")):
            if values[key] is not None and s.get(model, values[key]) is None:
                raise NotFound(what, values[key])
        number = values["tracking_number"]
        if number is not None:
            other = s.scalar(select(ShipmentRow.id).where(ShipmentRow.tracking_number == number))
            if other is not None and other != own_id:
                raise ValidationFailed([Violation("tracking_number", "duplicate", actual=number)])

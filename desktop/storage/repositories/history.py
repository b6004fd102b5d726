"""The history search: `HistoryQuery` → SQL conditions on shipments.

Dates are the clerk's local calendar days: "the 3rd" runs from local midnight to the next
local midnight, converted to UTC (what `created_at` holds), so a label printed at 00:30
Paris time on the 3rd is on the 3rd even though it is still the 2nd in UTC.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo

from sqlalchemy import ColumnElement, and_, or_, select, true, tuple_

from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ShipmentStatus
from desktop.domain.tracking import normalise
from desktop.storage.local_days import local_midnight
from desktop.storage.tables import CarrierOutboxRow, ShipmentRow


def exact_match(text: str) -> ColumnElement[bool] | None:
    """A scanned or typed tracking number (spaces allowed), or an order reference, exactly:
    answered by the unique index on the number and the index on the reference."""
    text = (text or "").strip()
    if not text:
        return None
    number = normalise(text)
    return or_(ShipmentRow.tracking_number == number, ShipmentRow.reference == text)


def conditions(q: HistoryQuery, tz: tzinfo | None, text_match=None) -> ColumnElement[bool]:
    """The query's filters; `text_match` is the free-text (or exact) condition, if any."""
    parts: list[ColumnElement[bool]] = []
    if text_match is not None:
        parts.append(text_match)
    if q.date_from is not None:
        parts.append(ShipmentRow.created_at >= local_midnight(q.date_from, tz))
    if q.date_to is not None:  # inclusive: everything before the next local midnight
        parts.append(ShipmentRow.created_at < local_midnight(q.date_to + timedelta(days=1), tz))
    if q.status is not None:
        parts.append(ShipmentRow.status == ShipmentStatus(q.status).value)
    if len(q.service_ids) == 1:
        parts.append(ShipmentRow.service_id == q.service_ids[0])
    elif q.service_ids:
        parts.append(ShipmentRow.service_id.in_(q.service_ids))
    if q.bench:
        parts.append(ShipmentRow.bench == q.bench)
    if q.country:
        parts.append(ShipmentRow.recipient_country == q.country.upper())
    if q.carrier_state is not None:  # few rows in one state: ix_carrier_outbox_state
        t = CarrierOutboxRow
        parts.append(ShipmentRow.id.in_(select(t.shipment_id).where(
            t.state == OutboxState(q.carrier_state).value)))
    if q.after is not None:
        at, last_id = q.after
        parts.append(tuple_(ShipmentRow.created_at, ShipmentRow.id) < tuple_(at, last_id))
    return and_(true(), *parts)

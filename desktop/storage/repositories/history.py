"""The history search: `HistoryQuery` → SQL conditions on shipments.

Dates are the clerk's local calendar days: "the 3rd" runs from local midnight to the next
local midnight, converted to UTC (what `created_at` holds), so a label printed at 00:30
Paris time on the 3rd is on the 3rd even though it is still the 2nd in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import ColumnElement, and_, or_, true

from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ShipmentStatus
from desktop.domain.tracking import normalise
from desktop.storage.repositories.helpers import words_filter
from desktop.storage.tables import ShipmentRow


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The aware instant a local day starts; `tz=None` means the machine's own zone."""
    if tz is None:
        return datetime.combine(day, time()).astimezone()  # the OS applies its DST rules
    return datetime.combine(day, time(), tzinfo=tz)


def conditions(q: HistoryQuery, tz: tzinfo | None) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    text = (q.text or "").strip()
    if text:
        # A tracking number is typed or read with spaces ("RR 473 124 829 GB"): stored
        # numbers have none, so compare with the spaces taken out.
        number = normalise(text)
        parts.append(or_(words_filter(ShipmentRow.search_key, text),
                         ShipmentRow.tracking_number.contains(number, autoescape=True)))
    if q.date_from is not None:
        parts.append(ShipmentRow.created_at >= local_midnight(q.date_from, tz))
    if q.date_to is not None:  # inclusive: everything before the next local midnight
        parts.append(ShipmentRow.created_at < local_midnight(q.date_to + timedelta(days=1), tz))
    if q.status is not None:
        parts.append(ShipmentRow.status == ShipmentStatus(q.status).value)
    return and_(true(), *parts)

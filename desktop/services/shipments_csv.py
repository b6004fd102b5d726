"""The shipment history as CSV (accounting, a carrier dispute, a move to other software).

Cells are formula-safe (desktop/services/csv_files.py); dates are UTC ISO 8601.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.ports import Shipments
from desktop.services.csv_files import write_csv

COLUMNS = ("id", "created_at", "status", "service_id", "tracking_number", "reference",
           "weight_g", "recipient_name", "recipient_company", "recipient_complement",
           "recipient_building", "recipient_street", "recipient_locality", "recipient_postcode",
           "recipient_city", "recipient_country", "recipient_phone", "recipient_email",
           "printed_at", "deposited_at", "voided_at")


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def shipment_row(s) -> list:
    r = s.recipient
    return [s.id, _iso(s.created_at), s.status.value, s.service_id, s.tracking_number or "",
            s.reference, s.parcel.weight_g, r.name, r.company, r.complement, r.building,
            r.street, r.locality, r.postcode, r.city, r.country, r.phone, r.email,
            _iso(s.printed_at), _iso(s.deposited_at), _iso(s.voided_at)]


def export_shipments(shipments: Shipments | Iterable, out, delimiter: str = ";") -> int:
    items = shipments.all() if hasattr(shipments, "all") else shipments
    return write_csv(out, COLUMNS, (shipment_row(s) for s in items), delimiter)

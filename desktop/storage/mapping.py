"""Row ↔ domain conversion. Decimals stay exact both ways; customs go to JSON with string amounts.

Every function here is pure; the repositories decide when to call them.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem, Product
from desktop.domain.parcel import Parcel
from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.domain.shipment import Contact, SenderProfile, Shipment, ShipmentStatus
from desktop.domain.tracking import NumberRange, normalise
from desktop.domain.weighing import WeightSource
from desktop.storage import json_text, payloads, search_text

if TYPE_CHECKING:  # rows are read by column name: SQLAlchemy is not needed to read one
    from desktop.storage.tables import (
        ContactRow,
        PrintJobRow,
        ProductRow,
        SenderProfileRow,
        ShipmentRow,
        TrackingRangeRow,
    )

CUSTOMS_JSON_VERSION = 1  # bump with a migration that rewrites old documents
_ADDRESS_NAMES = tuple(f.name for f in fields(Address))
_ITEM_NAMES = tuple(f.name for f in fields(CustomsItem))


# --- addresses ----------------------------------------------------------------------------

def address_values(address: Address, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{name}": getattr(address, name) or "" for name in _ADDRESS_NAMES}


def address_from(row: object, prefix: str = "") -> Address:
    return Address(**{name: getattr(row, f"{prefix}{name}") or "" for name in _ADDRESS_NAMES})


def require_aware(**stamps: datetime | None) -> None:
    """A naive datetime's zone would be a guess: refuse it before any SQL runs."""
    for name, value in stamps.items():
        if value is not None and (value.tzinfo is None or value.utcoffset() is None):
            raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def apply(row: object, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


# --- contacts and sender profiles ---------------------------------------------------------

def contact_values(contact: Contact) -> dict[str, Any]:
    a = contact.address
    values = address_values(a)
    values["note"] = contact.note or ""
    values["favourite"] = bool(contact.favourite)
    # Display name first so that ordering by the key is ordering by name.
    # Each text once (display name is name or company): a shorter key, a smaller index.
    values["search_key"] = search_text.key(*dict.fromkeys(
        (a.display_name, a.name, a.company, a.city, a.postcode, a.email, a.phone, contact.note)))
    return values


def contact_from(row: ContactRow) -> Contact:
    return Contact(address=address_from(row), id=row.id, note=row.note or "",
                   favourite=bool(row.favourite), last_used_at=row.last_used_at)


def profile_values(profile: SenderProfile) -> dict[str, Any]:
    values = address_values(profile.address)
    values.update(label=profile.label, eori=profile.eori or "", is_default=bool(profile.is_default))
    return values


def profile_from(row: SenderProfileRow) -> SenderProfile:
    return SenderProfile(label=row.label, address=address_from(row), id=row.id, eori=row.eori,
                         is_default=bool(row.is_default))


# --- customs ------------------------------------------------------------------------------

def _amount(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Decimal) or isinstance(value, bool):
        raise TypeError(f"customs amounts must be Decimal, not {type(value).__name__}")
    return str(value)  # str(Decimal) keeps value and exponent: '12.50' stays '12.50'


def customs_to_json(decl: CustomsDeclaration) -> dict[str, Any]:
    items = []
    for item in decl.items:
        entry = {name: getattr(item, name) for name in _ITEM_NAMES}
        entry["value"] = _amount(item.value)
        items.append(entry)
    return {
        "version": CUSTOMS_JSON_VERSION,
        "category": decl.category,
        "items": items,
        "explanation": decl.explanation,
        "comments": decl.comments,
        "invoice_number": decl.invoice_number,
        "licence_number": decl.licence_number,
        "certificate_number": decl.certificate_number,
        "postal_charges": _amount(decl.postal_charges),
        "sender_customs_reference": decl.sender_customs_reference,
        "importer_reference": decl.importer_reference,
        "importer_phone": decl.importer_phone,
        "importer_email": decl.importer_email,
        "extra": dict(decl.extra),
    }


def customs_from_json(doc: dict[str, Any]) -> CustomsDeclaration:
    items = []
    for entry in doc.get("items", []):
        known = {k: v for k, v in entry.items() if k in _ITEM_NAMES}
        known["value"] = Decimal(known["value"])
        items.append(CustomsItem(**known))
    charges = doc.get("postal_charges")
    return CustomsDeclaration(
        category=doc["category"],
        items=tuple(items),
        explanation=doc.get("explanation", ""),
        comments=doc.get("comments", ""),
        invoice_number=doc.get("invoice_number", ""),
        licence_number=doc.get("licence_number", ""),
        certificate_number=doc.get("certificate_number", ""),
        postal_charges=None if charges is None else Decimal(charges),
        sender_customs_reference=doc.get("sender_customs_reference", ""),
        importer_reference=doc.get("importer_reference", ""),
        importer_phone=doc.get("importer_phone", ""),
        importer_email=doc.get("importer_email", ""),
        extra=dict(doc.get("extra") or {}),
    )


def _json_ready(value: Any, field: str) -> Any:
    """Fails before any SQL with a plain TypeError naming the field, not a driver error."""
    try:
        json_text.dumps(value)
    except TypeError as exc:
        raise TypeError(f"{field}: {exc}") from None
    return value


# --- shipments ----------------------------------------------------------------------------

def shipment_values(s: Shipment) -> dict[str, Any]:
    """Column values except id and the timestamps the repository owns."""
    require_aware(created_at=s.created_at, updated_at=s.updated_at, printed_at=s.printed_at,
                  deposited_at=s.deposited_at, voided_at=s.voided_at)
    values: dict[str, Any] = {
        "status": ShipmentStatus(s.status).value,
        "service_id": s.service_id,
        "sender_profile_id": s.sender_profile_id,
        "contact_id": s.contact_id,
        "weight_g": s.parcel.weight_g,
        "length_mm": s.parcel.length_mm,
        "width_mm": s.parcel.width_mm,
        "height_mm": s.parcel.height_mm,
        "options": _json_ready(dict(s.options or {}), "options"),
        "reference": s.reference or "",
        "tracking_number": normalise(s.tracking_number) if s.tracking_number else None,
        "customs": (_json_ready(customs_to_json(s.customs), "customs")
                    if s.customs is not None else None),
        "weighing": s.weighing.as_json() if s.weighing is not None else None,
        "printed_at": s.printed_at,
        "deposited_at": s.deposited_at,
        "voided_at": s.voided_at,
        "search_key": search_text.key(s.recipient.name, s.recipient.company, s.recipient.city,
                                      s.reference),
        "draft_key": s.draft_key,
    }
    values.update(address_values(s.sender, "sender_"))
    values.update(address_values(s.recipient, "recipient_"))
    return values


def shipment_from(row: ShipmentRow) -> Shipment:
    return Shipment(
        sender=address_from(row, "sender_"),
        recipient=address_from(row, "recipient_"),
        service_id=row.service_id,
        parcel=Parcel(row.weight_g, row.length_mm, row.width_mm, row.height_mm),
        options=dict(row.options or {}),
        reference=row.reference or "",
        customs=customs_from_json(row.customs) if row.customs is not None else None,
        tracking_number=row.tracking_number,
        status=ShipmentStatus(row.status),
        id=row.id,
        sender_profile_id=row.sender_profile_id,
        contact_id=row.contact_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        printed_at=row.printed_at,
        deposited_at=row.deposited_at,
        voided_at=row.voided_at,
        weighing=WeightSource.from_json(row.weighing),
        bench=row.bench or "",
        draft_key=row.draft_key,
    )


# --- print jobs, tracking ranges, products ------------------------------------------------

def job_values(job: PrintJob) -> dict[str, Any]:
    require_aware(created_at=job.created_at)
    return {
        "shipment_id": job.shipment_id,
        "printer": job.printer,
        "format": LabelFormat(job.format).value,
        "kind": job.kind,
        **payloads.encode(job.payload),  # compressed, with its SHA-256 and size
        # (`payload` goes to its own table, print_job_bytes: the repository writes it)
        "outcome": JobOutcome(job.outcome).value,
        "error": job.error or "",
        "output": job.output or "",
        "reprint_of": job.reprint_of,
        "claimed_by": job.claimed_by or "",
        "job_name": job.job_name or "",
    }


def job_from(row: PrintJobRow, data: bytes | None) -> PrintJob:
    """`data`: the job's row of print_job_bytes (None once purged)."""
    return PrintJob(printer=row.printer, format=LabelFormat(row.format),
                    payload=payloads.decode(data, row.payload_encoding),
                    payload_sha256=row.payload_sha256 or "",
                    kind=row.kind, shipment_id=row.shipment_id, id=row.id,
                    created_at=row.created_at, outcome=JobOutcome(row.outcome),
                    error=row.error or "", output=row.output or "", reprint_of=row.reprint_of,
                    claimed_by=row.claimed_by or "", job_name=row.job_name or "")


def range_values(r: NumberRange) -> dict[str, Any]:
    return {"name": r.name, "prefix": r.prefix, "first": r.first, "last": r.last,
            "next_serial": r.first if r.next_serial is None else r.next_serial,
            "country": r.country, "low_water": r.low_water, "reference": r.reference or ""}


def range_from(row: TrackingRangeRow) -> NumberRange:
    return NumberRange(name=row.name, prefix=row.prefix, first=row.first, last=row.last,
                       country=row.country, next_serial=row.next_serial,
                       low_water=row.low_water, reference=row.reference or "")


def product_values(p: Product) -> dict[str, Any]:
    if not isinstance(p.unit_value, Decimal):
        raise TypeError(f"unit_value must be Decimal, not {type(p.unit_value).__name__}")
    return {
        "sku": p.sku.strip(), "ean": (p.ean or "").strip(),
        "description_fr": p.description_fr or "", "description_en": p.description_en or "",
        "hs_code": p.hs_code or "", "origin": p.origin or "",
        "unit_net_weight_g": p.unit_net_weight_g, "unit_value": p.unit_value,
        "currency": p.currency or "EUR",
        "search_key": search_text.key(p.sku, p.ean, p.description_fr, p.description_en,
                                      p.hs_code),
    }


def product_from(row: ProductRow) -> Product:
    return Product(sku=row.sku, description_fr=row.description_fr,
                   description_en=row.description_en, hs_code=row.hs_code, origin=row.origin,
                   unit_net_weight_g=row.unit_net_weight_g, unit_value=row.unit_value,
                   currency=row.currency, ean=row.ean, id=row.id)

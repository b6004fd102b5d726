"""The schema: SQLAlchemy 2 typed declarative tables.

Address snapshots on shipments are flattened into `sender_*` / `recipient_*` columns rather
than JSON: the history searches and indexes the recipient's name, company and city, every
dialect can index a plain column, and a change to `Address` then shows up as a reviewed
migration instead of silently old-shaped JSON. The customs declaration and the options are
JSON: they are read whole, never searched, and their shape is owned by the domain.

Length bounds are generous storage bounds; the real limits (38 characters per NF Z10-011
line, 35 for a reference) are enforced by domain validation before anything is saved.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.storage.columns import DecimalText, JSONText, UTCDateTime

# Named constraints: Alembic's batch mode (SQLite table rebuilds) needs names to find them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TEXT = 255  # generous bound for one address field (the NF limit, 38, is checked upstream)
ADDRESS_FIELDS = ("name", "company", "complement", "building", "street", "locality",
                  "postcode", "city", "country", "phone", "email", "state")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), Decimal: DecimalText(), Any: JSONText()}


def _text(length: int = TEXT) -> Mapped[str]:
    return mapped_column(String(length), default="", server_default="")


class AddressColumns:
    """An `Address` flattened (see desktop.domain.address.Address)."""

    name: Mapped[str] = _text()
    company: Mapped[str] = _text()
    complement: Mapped[str] = _text()
    building: Mapped[str] = _text()
    street: Mapped[str] = _text()
    locality: Mapped[str] = _text()
    postcode: Mapped[str] = _text(16)  # UPU S42: postal codes are at most 10 characters
    city: Mapped[str] = _text()
    country: Mapped[str] = _text(2)  # ISO 3166-1 alpha-2
    phone: Mapped[str] = _text(32)  # ITU-T E.164: 15 digits, plus spaces and signs
    email: Mapped[str] = _text(254)  # RFC 5321 path limit
    state: Mapped[str] = _text(8)  # ISO 3166-2 subdivision without the country ("NY")


class ContactRow(AddressColumns, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    favourite: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_used_at: Mapped[datetime | None]  # stamped when a shipment to this contact is saved
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    # Favourites, then the recently used, then by name: the empty type-ahead reads it in order.
    # Word and substring search: the FTS5 tables of migration 0012 (not SQLAlchemy models).
    __table_args__ = (Index("ix_contacts_recent", text("favourite DESC"),
                            text("last_used_at DESC"), "search_key"),)


class SenderProfileRow(AddressColumns, Base):
    __tablename__ = "sender_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    eori: Mapped[str] = _text(17)  # EU EORI: country code + up to 15 characters
    is_default: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ShipmentRow(Base):
    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    service_id: Mapped[str] = mapped_column(String(64))
    sender_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("sender_profiles.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))

    sender_name: Mapped[str] = _text()
    sender_company: Mapped[str] = _text()
    sender_complement: Mapped[str] = _text()
    sender_building: Mapped[str] = _text()
    sender_street: Mapped[str] = _text()
    sender_locality: Mapped[str] = _text()
    sender_postcode: Mapped[str] = _text(16)
    sender_city: Mapped[str] = _text()
    sender_country: Mapped[str] = _text(2)
    sender_phone: Mapped[str] = _text(32)
    sender_email: Mapped[str] = _text(254)
    sender_state: Mapped[str] = _text(8)

    recipient_name: Mapped[str] = _text()
    recipient_company: Mapped[str] = _text()
    recipient_complement: Mapped[str] = _text()
    recipient_building: Mapped[str] = _text()
    recipient_street: Mapped[str] = _text()
    recipient_locality: Mapped[str] = _text()
    recipient_postcode: Mapped[str] = _text(16)
    recipient_city: Mapped[str] = _text()
    recipient_country: Mapped[str] = _text(2)
    recipient_phone: Mapped[str] = _text(32)
    recipient_email: Mapped[str] = _text(254)
    recipient_state: Mapped[str] = _text(8)

    weight_g: Mapped[int]
    length_mm: Mapped[int | None]
    width_mm: Mapped[int | None]
    height_mm: Mapped[int | None]
    options: Mapped[Any] = mapped_column(JSONText(), default=dict)
    reference: Mapped[str] = _text(64)  # domain limit 35 (docs/sources/customs.md §3)
    tracking_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    customs: Mapped[Any | None] = mapped_column(JSONText())
    # The weighing audit: {"kind": "scale", "scale_id", "raw_frame"} or {"kind": "typed",
    # "who", "reason"}; NULL for shipments from before it (or a file that did not say).
    weighing: Mapped[Any | None] = mapped_column(JSONText())
    # Folded (lowercase, no accents) recipient name, company, city and reference: what the
    # history's free-text search looks in, the same way on every dialect.
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    printed_at: Mapped[datetime | None]
    deposited_at: Mapped[datetime | None]
    voided_at: Mapped[datetime | None]
    # The bench (setting `bench_name`) that wrote the row: several benches share a database.
    bench: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # The offline journal entry it was saved from, if any: a replay finds it (migration 0026).
    draft_key: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        CheckConstraint("status IN ('draft', 'printed', 'deposited', 'voided')", name="status"),
        CheckConstraint("weight_g >= 0", name="weight_g"),
        Index("ix_shipments_created_at", "created_at"),
        # One (filter, created_at) index per history filter: "newest first" read in order.
        Index("ix_shipments_service_id_created_at", "service_id", "created_at"),
        Index("ix_shipments_recipient_country_created_at", "recipient_country", "created_at"),
        Index("ix_shipments_reference", "reference"),
        Index("ix_shipments_status_created_at", "status", "created_at"),
        Index("ix_shipments_contact_id", "contact_id"),
        Index("ix_shipments_sender_profile_id", "sender_profile_id"),
        Index("ix_shipments_bench_created_at", "bench", "created_at"),
        Index("ix_shipments_draft_key", "draft_key", unique=True),
    )


class WorkDraftRow(Base):
    """A shop order waiting at the bench (the work list): the draft as a shipment-file JSON
    document, done once its shipment was submitted (same transaction)."""

    __tablename__ = "work_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = _text(64)  # the shop's order number, scanned to select it
    source: Mapped[str] = _text(64)  # the preset the import used
    document: Mapped[Any] = mapped_column(JSONText())
    status: Mapped[str] = mapped_column(String(16), default="pending")
    shipment_id: Mapped[int | None] = mapped_column(
        ForeignKey("shipments.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done')", name="status"),
        Index("ix_work_drafts_status_id", "status", "id"),
        Index("ix_work_drafts_reference", "reference"),
    )


JOB_STATES_CHECK = ("outcome IN ('queued', 'sending', 'sent', 'failed', "
                    "'awaiting_confirmation')")


PAYLOAD_ENCODING_CHECK = "payload_encoding IN ('raw', 'zlib', 'purged')"


class PrintJobRow(Base):
    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A job is part of its shipment's record: it goes if the shipment is ever purged.
    shipment_id: Mapped[int | None] = mapped_column(
        ForeignKey("shipments.id", ondelete="CASCADE"))
    printer: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32), default="label")
    outcome: Mapped[str] = mapped_column(String(32))  # the state, see JobOutcome
    error: Mapped[str] = mapped_column(Text, default="", server_default="")
    output: Mapped[str] = mapped_column(Text, default="", server_default="")
    reprint_of: Mapped[int | None] = mapped_column(
        ForeignKey("print_jobs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    # The state (see JobOutcome): the column keeps its first name, "outcome".
    claimed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    job_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # How the job's row in `print_job_bytes` holds the bytes: raw | zlib, or purged (that
    # row deleted; migrations 0021, 0024); the hash and size are those of the bytes as
    # sent, kept after a purge.
    payload_encoding: Mapped[str] = mapped_column(String(8), default="raw", server_default="raw")
    payload_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    payload_size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The bench (setting `bench_name`) that wrote the row: several benches share a database.
    bench: Mapped[str] = mapped_column(String(64), default="", server_default="")

    __table_args__ = (
        CheckConstraint(JOB_STATES_CHECK, name="outcome"),
        CheckConstraint(PAYLOAD_ENCODING_CHECK, name="payload_encoding"),
        Index("ix_print_jobs_shipment_id", "shipment_id"),
        Index("ix_print_jobs_created_at", "created_at"),
        Index("ix_print_jobs_outcome", "outcome"),  # the start-up resume looks jobs up by state
    )


class PrintJobBytesRow(Base):
    """A job's bytes while it may be reprinted, in their own table (migration 0024): the
    purge deletes the row, so its pages go back to SQLite's free list and the next day's
    jobs reuse them; bytes inside the `print_jobs` rows left half-empty pages behind
    (9.4 KB per customs shipment after the purge, bench/print_storage.py)."""

    __tablename__ = "print_job_bytes"

    job_id: Mapped[int] = mapped_column(
        ForeignKey("print_jobs.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TrackingRangeRow(Base):
    __tablename__ = "tracking_ranges"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2))  # UPU S10 service indicator
    first: Mapped[int]
    last: Mapped[int]
    next_serial: Mapped[int]  # next_serial == last + 1 means exhausted
    country: Mapped[str] = mapped_column(String(2), default="FR")
    low_water: Mapped[int] = mapped_column(default=100)
    # The carrier's written assignment of the range (letter or contract reference).
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")

    __table_args__ = (
        # UPU S10: the serial is 8 digits.
        CheckConstraint("first >= 0 AND last <= 99999999 AND first <= last", name="bounds"),
        CheckConstraint("next_serial >= first AND next_serial <= last + 1", name="next_serial"),
    )


class ProductRow(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    ean: Mapped[str] = _text(14)  # GS1 GTIN-14 at most
    description_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    hs_code: Mapped[str] = _text(12)  # HS 6 digits, national extensions up to 10
    origin: Mapped[str] = _text(2)  # ISO 3166-1 alpha-2
    unit_net_weight_g: Mapped[int] = mapped_column(default=0)
    unit_value: Mapped[Decimal] = mapped_column(DecimalText())  # text, never float
    currency: Mapped[str] = mapped_column(String(3), default="EUR")  # ISO 4217
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (Index("ix_products_ean", "ean"),)


class AuditRow(Base):
    """What happened to personal data: purges, erasures, exports, restores (never the data)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(32))
    rule: Mapped[str] = mapped_column(String(200), default="", server_default="")
    count: Mapped[int] = mapped_column(default=0, server_default="0")
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The bench (setting `bench_name`) that wrote the row: several benches share a database.
    bench: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CarrierOutboxRow(Base):
    """A shipment waiting for its carrier's number (desktop.domain.outbox), one per shipment."""

    __tablename__ = "carrier_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipments.id", ondelete="CASCADE"), unique=True)
    carrier: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64), unique=True)  # our idempotency key
    state: Mapped[str] = mapped_column(String(32))
    printer: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(16))
    forms_printer: Mapped[str] = mapped_column(String(500), default="", server_default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    # Until when one process holds the entry while it talks to the carrier (0030).
    sending_until: Mapped[datetime | None]
    maybe_created: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    field_errors: Mapped[Any] = mapped_column(JSONText(), default=list)
    exchanges: Mapped[Any] = mapped_column(JSONText(), default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The bench (setting `bench_name`) that wrote the row: several benches share a database.
    bench: Mapped[str] = mapped_column(String(64), default="", server_default="")

    __table_args__ = (
        CheckConstraint("state IN ('awaiting_carrier', 'created', 'refused')", name="state"),
        Index("ix_carrier_outbox_state", "state", "id"),
    )

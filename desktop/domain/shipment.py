"""Shipments, sender profiles and address-book contacts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration
from desktop.domain.errors import Violation
from desktop.domain.parcel import Parcel
from desktop.domain.weighing import WeightSource

MAX_REFERENCE_LENGTH = 35  # carrier reference fields: Colissimo/Delivengo ≤ 35 (docs/sources/customs.md §3)


class ShipmentStatus(str, Enum):
    DRAFT = "draft"
    PRINTED = "printed"
    DEPOSITED = "deposited"
    VOIDED = "voided"


# draft → printed → deposited / voided (issue 2); a printed label can be voided before deposit.
ALLOWED_TRANSITIONS: dict[ShipmentStatus, frozenset[ShipmentStatus]] = {
    ShipmentStatus.DRAFT: frozenset({ShipmentStatus.PRINTED, ShipmentStatus.VOIDED}),
    ShipmentStatus.PRINTED: frozenset({ShipmentStatus.DEPOSITED, ShipmentStatus.VOIDED}),
    ShipmentStatus.DEPOSITED: frozenset(),
    ShipmentStatus.VOIDED: frozenset(),
}


@dataclass(frozen=True)
class Contact:
    """An address-book entry."""

    address: Address
    id: int | None = None
    note: str = ""
    favourite: bool = False  # listed first in the address book
    last_used_at: datetime | None = None  # set by storage when a shipment to it is saved


@dataclass(frozen=True)
class SenderProfile:
    """One of the shop's sending identities (several shops, a returns address …)."""

    label: str
    address: Address
    id: int | None = None
    eori: str = ""  # sender's customs reference (CN23)
    is_default: bool = False


@dataclass(frozen=True)
class Shipment:
    sender: Address
    recipient: Address
    service_id: str
    parcel: Parcel
    options: Mapping[str, object] = field(default_factory=dict)
    reference: str = ""
    customs: CustomsDeclaration | None = None
    tracking_number: str | None = None
    status: ShipmentStatus = ShipmentStatus.DRAFT
    id: int | None = None
    sender_profile_id: int | None = None
    contact_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    printed_at: datetime | None = None
    deposited_at: datetime | None = None
    voided_at: datetime | None = None
    weighing: WeightSource | None = None  # where the weight came from (issue 11 §5)
    bench: str = ""  # the bench that saved it (setting `bench_name`); stamped by the storage
    # The offline journal entry it was saved from (a replay finds it instead of saving twice)
    draft_key: str | None = None

    def moved_to(self, status: ShipmentStatus, when: datetime) -> Shipment:
        if status not in ALLOWED_TRANSITIONS[self.status]:
            from desktop.domain.errors import ValidationFailed
            raise ValidationFailed([Violation("status", "invalid_transition",
                                              limit=status.value, actual=self.status.value)])
        stamp = {ShipmentStatus.PRINTED: "printed_at", ShipmentStatus.DEPOSITED: "deposited_at",
                 ShipmentStatus.VOIDED: "voided_at"}[status]
        return replace(self, status=status, updated_at=when, **{stamp: when})


def as_new_draft(original: Shipment, *, keep_confirmation: bool = False) -> Shipment:
    """The shipment as a draft to fill the counter again: sender, recipient, service, parcel,
    options, customs and reference, never its number, label or dates (a carrier number is
    used once). The prohibited-contents confirmation is given per parcel [C 5.4], [N 9]:
    kept only when the draft is the same parcel (`keep_confirmation`, a correction)."""
    options = {k: v for k, v in dict(original.options or {}).items()
               if keep_confirmation or k != "contents_confirmed"}
    return replace(original, id=None, options=options, status=ShipmentStatus.DRAFT,
                   tracking_number=None, created_at=None, updated_at=None, printed_at=None,
                   deposited_at=None, voided_at=None, draft_key=None)


def shipment_name(shipment: Shipment) -> str:
    """How the clerk recognises a shipment without its number: the recipient and, when
    there is one, the reference ("Olena Kovalenko — CMD-42")."""
    who = shipment.recipient.display_name or "?"
    return f"{who} — {shipment.reference}" if shipment.reference else who


def number_already_used(number: str, other: Shipment | None) -> Violation:
    """The refusal of a tracking (form) number another shipment holds, naming that one
    (its id and the bench that saved it, when known)."""
    where = ""
    if other is not None:
        where = f"n° {other.id}" + (f" (poste {other.bench})" if other.bench else "")
    return Violation("tracking_number", "form_number_used", limit=where or "?", actual=number)

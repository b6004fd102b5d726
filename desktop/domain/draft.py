"""The typed draft of one counter action: what the clerk (or a file) asks to ship.

A `ShipmentDraft` is what the GUI form, `comptoir ship`/`check` and batch import hand to
the one submit operation (`desktop.services.counter_operation`). It holds a snapshot of the
sender profile (with its EORI, which the CN 23 needs), the recipient, the parcel, typed
options, the customs declaration, the reference, a scanned carrier number, whether to save
the recipient in the address book, and the problems the input edge already found (a weight
typed as letters), so that every refusal comes back in one verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

from desktop.domain.address import Address
from desktop.domain.carriers.options import OPTION_KEYS, amount, as_date, option_problem
from desktop.domain.customs import CustomsDeclaration
from desktop.domain.errors import Violation
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import SenderProfile, Shipment
from desktop.domain.weighing import WeightSource


@dataclass(frozen=True)
class ShipmentOptions:
    """Every option of `desktop.domain.carriers.options`, typed (None/False: not asked).

    Built with `parse` from a form or a file: a value of the wrong shape is reported as a
    problem and left out, never passed on as an untyped value.
    """

    registered: str | None = None  # "R1" | "R2" | "R3" [C 4.3]
    insurance_eur: Decimal | None = None
    cod_eur: Decimal | None = None
    declared_value_eur: Decimal | None = None
    advice_of_delivery: bool = False
    undeliverable: str | None = None
    novapost_variant: str | None = None
    division_id: str | None = None
    locker_country: str | None = None
    payer: str | None = None
    payment_method: str | None = None
    pieces: int | None = None
    sms: bool = False
    packaging: bool = False
    adult_only: bool = False
    bundle: bool = False
    bundle_textiles: bool = False
    bundle_layers: int | None = None
    shape: str | None = None
    roll: bool = False
    non_mechanisable: bool = False
    contents_flags: tuple[str, ...] = ()
    contents_confirmed: bool = False
    vignettes_applied: int | None = None
    label_created_at: date | None = None
    signature: bool = False

    @classmethod
    def parse(cls, raw: Mapping[str, object] | None) -> tuple[ShipmentOptions, list[Violation]]:
        """Typed options and the problems found (unknown key, wrong shape), never raises."""
        values: dict[str, object] = {}
        problems: list[Violation] = []
        for key, value in (raw or {}).items():
            path = f"options.{key}"
            if key not in OPTION_KEYS:
                problems.append(Violation(path, "unknown_key",
                                          limit=", ".join(sorted(OPTION_KEYS)), actual=key))
                continue
            if value is None or value is False:
                continue  # an option switched off
            problem = option_problem(key, value)
            if problem:
                problems.append(Violation(path, *problem))
                continue
            values[key] = _typed(key, value)
        return cls(**values), problems

    def as_mapping(self) -> dict[str, object]:
        """The options that are set, as the stored JSON and the carrier rules read them."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value is False or value == ():
                continue
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    def with_confirmed_contents(self) -> ShipmentOptions:
        return replace(self, contents_confirmed=True)


def _typed(key: str, value: object) -> object:
    if key in ("insurance_eur", "cod_eur", "declared_value_eur"):
        return amount(value)
    if key == "label_created_at":
        return as_date(value)
    if key == "contents_flags":
        return tuple(value)  # type: ignore[arg-type]
    if key == "division_id":
        return str(value).strip()
    return value


@dataclass(frozen=True)
class ShipmentDraft:
    """One parcel as asked at the counter, before it is numbered or stored."""

    sender: SenderProfile | None  # snapshot of the profile (address, EORI); None: not chosen
    recipient: Address
    service_id: str
    parcel: Parcel
    options: ShipmentOptions = field(default_factory=ShipmentOptions)
    customs: CustomsDeclaration | None = None
    reference: str = ""
    tracking_number: str | None = None  # scanned from the carrier's form, never invented
    contact_id: int | None = None  # the address-book entry the recipient came from
    save_contact: bool = False  # store (or update `contact_id`) the recipient with the parcel
    problems: tuple[Violation, ...] = ()  # what the form or file already refused
    weighing: WeightSource | None = None  # scale (id, frame) or typed (who, why)

    def to_shipment(self) -> Shipment:
        """The shipment to validate and store. The profile's EORI becomes the declaration's
        sender customs reference when the declaration gives none (the CN 23 box)."""
        customs = self.customs
        eori = (self.sender.eori if self.sender else "").strip()
        if customs is not None and eori and not customs.sender_customs_reference.strip():
            customs = replace(customs, sender_customs_reference=eori)
        return Shipment(
            sender=self.sender.address if self.sender else Address(),
            recipient=self.recipient, service_id=self.service_id, parcel=self.parcel,
            options=self.options.as_mapping(), reference=self.reference, customs=customs,
            tracking_number=self.tracking_number or None,
            sender_profile_id=self.sender.id if self.sender else None,
            contact_id=self.contact_id, weighing=self.weighing)


def sender_from_address(address: Address) -> SenderProfile:
    """A sender given as an address (a shipment file) rather than a stored profile."""
    return SenderProfile(label=address.display_name, address=address)


def draft_from_shipment(shipment: Shipment, default_sender: SenderProfile | None, *,
                        contents_confirmed: bool = False) -> ShipmentDraft:
    """The draft of a shipment file (`ship`, `check`, batch import): the file's sender, or
    the default profile (with its EORI) when the file gives none."""
    options, problems = ShipmentOptions.parse(shipment.options)
    if contents_confirmed:
        options = options.with_confirmed_contents()
    has_sender = bool(shipment.sender.display_name or shipment.sender.street)
    sender = sender_from_address(shipment.sender) if has_sender else default_sender
    return ShipmentDraft(sender=sender, recipient=shipment.recipient,
                         service_id=shipment.service_id, parcel=shipment.parcel,
                         options=options, customs=shipment.customs,
                         reference=shipment.reference, tracking_number=shipment.tracking_number,
                         problems=tuple(problems))

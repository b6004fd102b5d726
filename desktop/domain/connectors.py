"""The one interface every carrier connector implements, and the values it exchanges.

A connector turns our `Shipment` into the carrier's shipment and back: the carrier gives the
tracking number and the label bytes, in its own format, which are printed as received
[D 13.3] [N 4.3.5]. Nothing here knows a carrier's field names: they live in one mapper
module per carrier under `desktop/connectors/`.

Errors are one typed `CarrierError`: `retryable` (rate limit, server error, timeout,
connection dropped: try again later, after a look-up by reference when a creation may have
happened) or permanent (the carrier refused the request: fix the fields it names, which are
mapped back onto our field paths).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Protocol, runtime_checkable

from desktop.domain.address import Address
from desktop.domain.errors import DomainError, Violation
from desktop.domain.money import Money
from desktop.domain.printing import LabelFormat
from desktop.domain.shipment import Shipment

# Carrier keys (the `carrier` of a catalogue service), plus the in-process demo carrier.
DELIVENGO = "laposte-delivengo"
COLISSIMO = "colissimo"
NOVAPOST = "novapost"
DEMO = "demo"
# The demo carrier's numbers: "DEMO-" + 10 digits, a shape no real carrier uses (S10 is 2
# letters, 9 digits, 2 letters; Nova Post 4 letters and 10 digits; Colissimo 13 characters).
DEMO_NUMBER = re.compile(r"^DEMO-\d{10}$")
# Nova Post shipment numbers as its API returns them, e.g. SHLT4009860665
# (docs/carrier-connectors.md).
NOVAPOST_NUMBER = re.compile(r"^[A-Z]{4}\d{10}$")

# What a connector can do; the counter and the CLI offer only what the carrier has.
CREATE, CANCEL, TRACK, DEPOSIT_SLIP, PICKUP_POINTS, QUOTE, LOOKUP = (
    "create", "cancel", "track", "deposit_slip", "pickup_points", "quote", "lookup")


class LabelMedia(str, Enum):
    """The print support a carrier renders its label for."""

    PDF_10X15 = "pdf_10x15"
    PDF_A4 = "pdf_a4"
    ZPL_203 = "zpl_203"
    ZPL_300 = "zpl_300"

    @property
    def media_type(self) -> str:
        return "application/zpl" if self.value.startswith("zpl") else "application/pdf"

    @staticmethod
    def for_format(fmt: LabelFormat) -> LabelMedia:
        return {LabelFormat.PDF: LabelMedia.PDF_10X15, LabelFormat.ZPL203: LabelMedia.ZPL_203,
                LabelFormat.ZPL300: LabelMedia.ZPL_300}[fmt]


@dataclass(frozen=True)
class Document:
    """Bytes the carrier produced (label, customs declaration, invoice, deposit slip)."""

    kind: str  # "label", "customs", "invoice", "deposit_slip"
    media_type: str  # "application/pdf", "application/zpl"
    content: bytes = field(repr=False)

    @property
    def extension(self) -> str:
        return "zpl" if self.media_type == "application/zpl" else "pdf"


@dataclass(frozen=True)
class CreateRequest:
    shipment: Shipment
    idempotency_key: str  # ours, unique per shipment: sent so a retry can find the first try
    media: LabelMedia = LabelMedia.PDF_10X15
    simulate: bool = False  # validate with the carrier without creating (where it can)
    pickup_point_id: str = ""  # Nova Post branch / locker (division) chosen at the counter


@dataclass(frozen=True)
class CarrierRef:
    """A shipment as the carrier knows it."""

    carrier: str
    tracking_number: str
    carrier_id: str = ""  # the carrier's own id (envoi id, shipment id …) when it has one
    parcel_id: str = ""  # the parcel's id inside it, where the carrier has one (Delivengo pli)
    reference: str = ""  # our idempotency key as sent


@dataclass(frozen=True)
class Created:
    ref: CarrierRef
    label: Document | None  # None only in simulation mode
    documents: tuple[Document, ...] = ()  # customs declaration, invoice …
    simulated: bool = False
    cost: Money | None = None


@dataclass(frozen=True)
class TrackingEvent:
    when: datetime | None
    code: str
    text: str
    location: str = ""


@dataclass(frozen=True)
class Tracking:
    tracking_number: str
    status: str  # the carrier's latest status text
    delivered: bool = False
    events: tuple[TrackingEvent, ...] = ()


@dataclass(frozen=True)
class PickupQuery:
    country: str
    postcode: str = ""
    city: str = ""
    latitude: float | None = None  # degrees (a position, not an amount)
    longitude: float | None = None
    kinds: tuple[str, ...] = ("locker", "branch", "pickup_point")
    limit: int = 20


@dataclass(frozen=True)
class PickupPoint:
    id: str
    kind: str  # "locker", "branch", "cargo_branch", "pickup_point"
    name: str
    address: Address
    number: str = ""
    max_weight_g: int | None = None
    distance_m: int | None = None
    schedule: str = ""


@dataclass(frozen=True)
class Quote:
    price: Money
    detail: str = ""


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    carrier: str
    detail: str = ""  # account name or the reason it failed (never a secret)


class ErrorKind(str, Enum):
    RETRYABLE = "retryable"  # 429, 5xx, 408, timeout, connection dropped
    PERMANENT = "permanent"  # 4xx: the request must change
    AUTH = "auth"  # credentials refused (after one re-login)
    CONFIG = "config"  # no credentials / URL configured
    UNSUPPORTED = "unsupported"  # the carrier has no such operation


@dataclass(frozen=True)
class FieldError:
    """A field the carrier refused: its own field name and our field path."""

    carrier_field: str
    field: str  # our path, e.g. "recipient.postcode"; "" when it maps to nothing of ours
    message: str


class CarrierError(DomainError):
    def __init__(self, carrier: str, kind: ErrorKind, message: str, *, status: int | None = None,
                 field_errors: Sequence[FieldError] = (), retry_after_s: float | None = None,
                 outcome_unknown: bool = False, rule: str | None = None):
        self.carrier, self.kind, self.message, self.status = carrier, kind, message, status
        self.rule = rule  # a message of our own catalogue instead of the carrier's words
        self.field_errors = tuple(field_errors)
        self.retry_after_s = retry_after_s
        # True when a creation request may have reached the carrier (timeout, dropped
        # connection, 5xx after sending): look the reference up before creating again.
        self.outcome_unknown = outcome_unknown
        super().__init__(self.describe("en"))

    @property
    def retryable(self) -> bool:
        return self.kind is ErrorKind.RETRYABLE

    def violations(self) -> list[Violation]:
        """The refusal as violations on our fields, for the counter screen and the CLI."""
        if self.rule:
            return [Violation("carrier", self.rule, limit=self.carrier, actual=self.message)]
        out = [Violation(f.field or "carrier", "carrier_refused", limit=self.carrier,
                         actual=f"{f.carrier_field}: {f.message}") for f in self.field_errors]
        return out or [Violation("carrier", f"carrier_{self.kind.value}", limit=self.carrier,
                                 actual=self.message)]

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(v.describe(lang) for v in self.violations())


def classify_status(status: int) -> ErrorKind:
    """HTTP status → what to do: wait and retry, fix the request, or fix the credentials."""
    if status in (408, 425, 429) or status >= 500:
        return ErrorKind.RETRYABLE
    if status in (401, 403):
        return ErrorKind.AUTH
    return ErrorKind.PERMANENT


@runtime_checkable
class CarrierConnector(Protocol):
    """One carrier. Operations it lacks raise `CarrierError(kind=UNSUPPORTED)`."""

    carrier: str
    capabilities: frozenset[str]

    def create(self, request: CreateRequest) -> Created: ...
    def find_by_reference(self, reference: str, media: LabelMedia = LabelMedia.PDF_10X15,
                          day: date | None = None) -> Created | None:
        """The shipment created with our idempotency key, its label fetched again."""
    def cancel(self, ref: CarrierRef) -> None: ...
    def track(self, tracking_number: str) -> Tracking: ...
    def deposit_slip(self, day: date) -> Document: ...
    def pickup_points(self, query: PickupQuery) -> list[PickupPoint]: ...
    def quote(self, shipment: Shipment, pickup_point_id: str = "") -> Quote: ...
    def test_connection(self) -> ConnectionCheck: ...


def unsupported(carrier: str, operation: str) -> CarrierError:
    return CarrierError(carrier, ErrorKind.UNSUPPORTED, f"{operation} not offered by {carrier}")

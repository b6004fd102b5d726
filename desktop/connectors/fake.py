"""The demo carrier: in-process, the same interface as the real connectors, nothing sent.

Its numbers come from its own range, `DEMO-` + 10 digits, a shape no real carrier uses
(S10 is 2 letters + 9 digits + 2 letters, Nova Post 4 letters + 10 digits, Colissimo 13
characters; none has a hyphen), so a demo number can never be mistaken for a carrier's. Its labels come from an
injected renderer (the composition root passes `desktop.printing.specimen.render_specimen`,
which draws SPECIMEN across them): this package stays free of PDF code.
Failures can be queued (`fail_next`) to show the outbox and error paths in demo and tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from desktop.domain.address import Address
from desktop.domain.connectors import (
    CANCEL,
    CREATE,
    DEMO,
    DEMO_NUMBER,
    DEPOSIT_SLIP,
    LOOKUP,
    PICKUP_POINTS,
    QUOTE,
    TRACK,
    CarrierError,
    CarrierRef,
    ConnectionCheck,
    Created,
    CreateRequest,
    Document,
    ErrorKind,
    LabelMedia,
    PickupPoint,
    PickupQuery,
    Quote,
    Tracking,
    TrackingEvent,
    unsupported,
)
from desktop.domain.money import Money
from desktop.domain.shipment import Shipment

DEMO_PREFIX = "DEMO-"
DEMO_DIGITS = 10
LabelRenderer = Callable[[Shipment, str, LabelMedia], bytes]
SlipRenderer = Callable[[date, list[str]], bytes]


def is_demo_number(number: str) -> bool:
    return bool(DEMO_NUMBER.match(number.strip().upper()))


class FakeCarrier:
    carrier = DEMO

    def __init__(self, render_label: LabelRenderer, *, render_slip: SlipRenderer | None = None,
                 first_serial: int | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self._render = render_label
        self._render_slip = render_slip
        self._now = now
        # Each run starts its serials from the clock (milliseconds) so a demo database kept
        # between runs, even runs a second apart, never receives the same number twice.
        self._next = (first_serial if first_serial is not None
                      else int(time.time() * 1000) % 10**DEMO_DIGITS)
        self._lock = threading.Lock()
        self._by_key: dict[str, Created] = {}
        self._by_number: dict[str, tuple[Created, datetime, bool]] = {}
        self.fail_next: list[CarrierError] = []
        self.created_count = 0
        self.capabilities = frozenset({CREATE, CANCEL, TRACK, LOOKUP, PICKUP_POINTS, QUOTE}
                                      | ({DEPOSIT_SLIP} if render_slip else set()))

    def _maybe_fail(self) -> None:
        if self.fail_next:
            raise self.fail_next.pop(0)

    def create(self, request: CreateRequest) -> Created:
        self._maybe_fail()
        with self._lock:
            if request.idempotency_key in self._by_key:  # the same key never creates twice
                return self._by_key[request.idempotency_key]
            if request.simulate:
                return Created(CarrierRef(DEMO, "", reference=request.idempotency_key), None,
                               simulated=True)
            number = f"{DEMO_PREFIX}{self._next:0{DEMO_DIGITS}d}"
            self._next += 1
            label = Document("label", request.media.media_type,
                             self._render(request.shipment, number, request.media))
            created = Created(CarrierRef(DEMO, number, carrier_id=number,
                                         reference=request.idempotency_key), label,
                              cost=self._price(request.shipment))
            self._by_key[request.idempotency_key] = created
            self._by_number[number] = (created, self._now(), False)
            self.created_count += 1
            return created

    def find_by_reference(self, reference: str, media: LabelMedia = LabelMedia.PDF_10X15,
                          day: date | None = None) -> Created | None:
        self._maybe_fail()
        return self._by_key.get(reference)

    def cancel(self, ref: CarrierRef) -> None:
        self._maybe_fail()
        with self._lock:
            if ref.tracking_number not in self._by_number:
                raise CarrierError(DEMO, ErrorKind.PERMANENT, f"{ref.tracking_number} unknown",
                                   status=404)
            created, when, _ = self._by_number[ref.tracking_number]
            self._by_number[ref.tracking_number] = (created, when, True)

    def track(self, tracking_number: str) -> Tracking:
        self._maybe_fail()
        entry = self._by_number.get(tracking_number.strip().upper())
        if entry is None:
            raise CarrierError(DEMO, ErrorKind.PERMANENT, f"{tracking_number} unknown", status=404)
        _, when, cancelled = entry
        events = [TrackingEvent(when, "created", "Demo shipment created / envoi démo créé")]
        if cancelled:
            events.append(TrackingEvent(when, "cancelled", "Cancelled / annulé"))
        return Tracking(tracking_number, events[-1].text, False, tuple(events))

    def deposit_slip(self, day: date) -> Document:
        if self._render_slip is None:
            raise unsupported(DEMO, "deposit slip")
        numbers = [n for n, (_, when, cancelled) in self._by_number.items()
                   if when.date() == day and not cancelled]
        return Document("deposit_slip", "application/pdf", self._render_slip(day, numbers))

    def pickup_points(self, query: PickupQuery) -> list[PickupPoint]:
        self._maybe_fail()
        kinds = [k for k in ("locker", "branch", "pickup_point") if k in query.kinds]
        return [PickupPoint(id=f"demo-{k}-{n}", kind=k, name=f"DÉMO {k} {n}",
                            address=Address(name=f"DEMO {k} {n}", street=f"{n} rue de la Démo",
                                            postcode=query.postcode, city=query.city,
                                            country=query.country),
                            number=str(n), max_weight_g=30_000, distance_m=300 * n)
                for n in range(1, 4) for k in kinds][:query.limit]

    def quote(self, shipment: Shipment, pickup_point_id: str = "") -> Quote:
        self._maybe_fail()
        return Quote(self._price(shipment), "demo price, not a tariff / prix de démonstration")

    @staticmethod
    def _price(shipment: Shipment) -> Money:
        # A made-up demo figure: 4 € plus 1 € per started kilogram.
        return Money(Decimal(4 + -(-shipment.parcel.weight_g // 1000)), "EUR")

    def test_connection(self) -> ConnectionCheck:
        return ConnectionCheck(True, DEMO, "demo carrier (in-process, nothing is sent)")

"""Tracking a number through the connector of the carrier it belongs to.

The carrier is the one of the stored shipment with that number; for a number we never
stored, its shape decides (Nova Post, Colissimo 13 characters, the demo carrier). An S10
number alone could be Delivengo's or Colissimo's: the caller names the carrier.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.numbers import COLISSIMO_13
from desktop.domain.connectors import (
    COLISSIMO,
    DEMO,
    DEMO_NUMBER,
    NOVAPOST,
    NOVAPOST_NUMBER,
    CarrierConnector,
    Tracking,
)
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import Shipments
from desktop.domain.tracking import normalise


class TrackingService:
    def __init__(self, shipments: Shipments, catalogue: Catalogue,
                 connector_for: Callable[[str], CarrierConnector]):
        self._shipments = shipments
        self._catalogue = catalogue
        self._connector_for = connector_for

    def carrier_of(self, number: str) -> str:
        text = normalise(number)
        stored = self._shipments.find_by_tracking(text)
        if stored is not None and self._catalogue.has(stored.service_id):
            return self._catalogue.get(stored.service_id).carrier
        for pattern, carrier in ((DEMO_NUMBER, DEMO), (NOVAPOST_NUMBER, NOVAPOST),
                                 (COLISSIMO_13, COLISSIMO)):
            if pattern.match(text):
                return carrier
        raise ValidationFailed([Violation("tracking_number", "carrier_unknown", actual=text)])

    def track(self, number: str, carrier: str | None = None) -> tuple[str, Tracking]:
        text = normalise(number)
        if not text:
            raise ValidationFailed([Violation("tracking_number", "required")])
        carrier = carrier or self.carrier_of(text)
        return carrier, self._connector_for(carrier).track(text)

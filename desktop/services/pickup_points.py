"""Carrier divisions (Nova Post branches, lockers, pick-up points) near the recipient, for the
counter's picker: which kinds the chosen service and variant need, and a cached search.

The clerk types a postcode or a town; the search asks the service's carrier (its web service
or the demo carrier) on a worker thread. Answers are kept for a while per carrier and query,
so going back and forth between parcels for the same town asks the carrier once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.rules_novapost import division_kinds
from desktop.domain.connectors import CarrierConnector, PickupPoint, PickupQuery

# Branches and lockers change rarely; ten minutes keeps the counter fast and still sees a
# locker closed today within the hour (our choice; the Nova Post connector keeps its own).
CACHE_TTL_S = 10 * 60
RESULTS = 20  # a screenful: the nearest ones come first


class PickupPointService:
    def __init__(self, catalogue: Catalogue, connectors: Callable[[str], CarrierConnector], *,
                 ttl_s: float = CACHE_TTL_S, clock: Callable[[], float] = time.monotonic):
        self._catalogue, self._connectors = catalogue, connectors
        self._ttl, self._clock = ttl_s, clock
        self._lock = threading.Lock()
        self._cache: dict[tuple, tuple[float, list[PickupPoint]]] = {}
        self.asked = 0  # searches that went to the carrier (the cache's misses)

    def kinds_needed(self, service_id: str, options: Mapping) -> tuple[str, ...]:
        """The division kinds the service and its variant need, () when none is needed."""
        if not service_id or not self._catalogue.has(service_id):
            return ()
        return division_kinds(self._catalogue.get(service_id), options or {})

    def query(self, service_id: str, recipient: Address, options: Mapping,
              text: str = "") -> PickupQuery | None:
        """The search the picker makes: `text` (a postcode, or a town) or else the
        recipient's postcode and town; the locker's country when one is chosen."""
        kinds = self.kinds_needed(service_id, options)
        if not kinds:
            return None
        country = str(options.get("locker_country") or recipient.country or "").upper()
        text = " ".join(text.split())
        if text:
            has_digit = any(ch.isdigit() for ch in text)
            postcode, city = (text, "") if has_digit else ("", text.upper())
        else:
            postcode, city = recipient.postcode.strip(), recipient.city.strip().upper()
        return PickupQuery(country=country, postcode=postcode, city=city, kinds=kinds,
                           limit=RESULTS)

    def search(self, service_id: str, recipient: Address, options: Mapping,
               text: str = "") -> list[PickupPoint]:
        """The divisions near the recipient (or `text`), nearest first; [] when the service
        needs none. A carrier that does not answer raises its CarrierError."""
        query = self.query(service_id, recipient, options, text)
        if query is None or not query.country:
            return []
        carrier = self._catalogue.get(service_id).carrier
        key = (carrier, query)
        now = self._clock()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and now - cached[0] < self._ttl:
                return list(cached[1])
        points = self._connectors(carrier).pickup_points(query)
        # Only the kinds asked for (a carrier may ignore the filter), nearest first.
        points = sorted((p for p in points if p.kind in query.kinds), key=lambda p: (p.distance_m is None, p.distance_m or 0))
        with self._lock:
            self.asked += 1
            self._cache[key] = (now, points)
        return list(points)

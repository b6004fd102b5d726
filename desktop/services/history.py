"""The shipment history: paged search for the history view and `comptoir history`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.domain.errors import NotFound
from desktop.domain.outbox import OutboxState
from desktop.domain.ports import CarrierOutbox, HistoryQuery, Shipments
from desktop.domain.shipment import Shipment, as_new_draft

COUNT_CAP = 1000  # the view shows "1 000+" beyond: counting a million rows helps nobody


@dataclass(frozen=True)
class HistoryPage:
    """One page of the history and, for its shipments sent through a carrier's web
    service, where their outbox entry stands (waiting, created, refused by the carrier)."""

    shipments: list[Shipment]
    carrier_states: dict[int, OutboxState] = field(default_factory=dict)


class HistoryService:
    def __init__(self, shipments: Shipments, catalogue=None,
                 outbox: CarrierOutbox | None = None):
        self._shipments = shipments
        self._catalogue = catalogue
        self._outbox = outbox

    def search(self, query: HistoryQuery) -> list[Shipment]:
        return self._shipments.search(query)

    def page(self, query: HistoryQuery) -> HistoryPage:
        """`search`, with the carrier outbox state of the shipments found (one more query)."""
        shipments = self._shipments.search(query)
        return HistoryPage(shipments, self.carrier_states([s.id for s in shipments]))

    def carrier_states(self, shipment_ids: list[int]) -> dict[int, OutboxState]:
        if self._outbox is None or not shipment_ids:
            return {}
        return self._outbox.states(shipment_ids)

    def count(self, query: HistoryQuery, cap: int | None = COUNT_CAP) -> int:
        """How many match, up to `cap` (a result equal to `cap` means "cap or more")."""
        return self._shipments.count(query, cap=cap)

    def get(self, shipment_id: int) -> Shipment:
        return self._shipments.get(shipment_id)

    def export_csv(self, out, delimiter: str = ";") -> int:
        from desktop.services.shipments_csv import export_shipments

        return export_shipments(self._shipments, out, delimiter)

    def carrier_services(self, carrier: str) -> tuple[str, ...]:
        """The service ids of a carrier ("colissimo", "novapost", "laposte-delivengo")."""
        if self._catalogue is None:
            return ()
        return tuple(s.id for s in self._catalogue.all() if s.carrier == carrier)

    def with_carrier(self, query: HistoryQuery, carrier: str) -> HistoryQuery:
        wanted = self.carrier_services(carrier)
        if query.service_ids:
            wanted = tuple(s for s in query.service_ids if s in wanted)
        return replace(query, service_ids=wanted or ("",))  # unknown carrier: nothing

    def ship_again(self, shipment_id: int) -> Shipment:
        """A new draft with the same sender, recipient, service, parcel, options and customs:
        never the number, label or dates of the original (a carrier number is used once)."""
        return as_new_draft(self._shipments.get(shipment_id))

    def find(self, key: str) -> Shipment | None:
        """A shipment by its id (digits) or its tracking number, as typed or scanned."""
        key = key.strip()
        if key.isdigit():
            return self._shipments.get(int(key))
        return self._shipments.find_by_tracking(key)

    def stored(self, key: str) -> Shipment:
        """`find`, for a key the user typed as a command argument: absent is an error."""
        shipment = self.find(key)
        if shipment is None:
            raise NotFound("shipment", key.strip())
        return shipment

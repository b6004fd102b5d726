"""The shipment history: paged search for the history view and `comptoir history`."""

from __future__ import annotations

from desktop.domain.ports import HistoryQuery, Shipments
from desktop.domain.shipment import Shipment


class HistoryService:
    def __init__(self, shipments: Shipments):
        self._shipments = shipments

    def search(self, query: HistoryQuery) -> list[Shipment]:
        return self._shipments.search(query)

    def count(self, query: HistoryQuery) -> int:
        return self._shipments.count(query)

    def get(self, shipment_id: int) -> Shipment:
        return self._shipments.get(shipment_id)

"""Admission use case: the verdict and the service suggestion for the counter and the CLI,
against the contract tables in force (reloaded by the settings without restart)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from desktop.domain.carriers.admission import Verdict, check_admission
from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.options import option_states
from desktop.domain.carriers.suggest import Suggestion, suggest_services
from desktop.domain.carriers.weights import chargeable_weight_g
from desktop.domain.errors import Violation
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.services.contract_tables import ContractStore


class AdmissionService:
    def __init__(self, catalogue: Catalogue, contracts: ContractStore,
                 now: Callable[[], datetime] = datetime.now):
        self.catalogue, self.contracts, self._now = catalogue, contracts, now

    def check(self, shipment: Shipment, *, confirmed_contents: bool = False,
              today: date | datetime | None = None) -> Verdict:
        return check_admission(shipment, self.catalogue, self.contracts.contract,
                               today=today or self._now(), confirmed_contents=confirmed_contents)

    def suggest(self, shipment: Shipment, today: date | datetime | None = None) -> list[Suggestion]:
        return suggest_services(shipment, self.catalogue, self.contracts.contract,
                                today or self._now())

    def chargeable_weight_g(self, service_id: str, parcel: Parcel) -> int:
        """For the live display while the clerk types dimensions."""
        return chargeable_weight_g(self.catalogue.get(service_id), parcel)

    def option_states(self, service_id: str, options: dict):
        return option_states(self.catalogue.get(service_id), options)

    def as_check(self, confirmed_contents: bool = True) -> Callable[[Shipment], Iterable[Violation]]:
        """A `validation.ShipmentCheck` for `ShippingService(extra_checks=...)`."""
        def check(shipment: Shipment) -> list[Violation]:
            if not self.catalogue.has(shipment.service_id):
                return []
            return self.check(shipment, confirmed_contents=confirmed_contents).violations
        return check

    def reload(self):
        return self.contracts.reload()

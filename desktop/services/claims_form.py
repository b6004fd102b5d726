"""Claim file use case: the checklist [C 8.2 C] with deadline, answer time and the indemnity
the contract promises, ready for `desktop.printing.claim_pdf`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain import claims
from desktop.domain.carriers.admission import declared_value
from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.shipment import Shipment


@dataclass(frozen=True)
class ClaimFile:
    shipment: Shipment
    service: Service
    items: list[claims.ChecklistItem]
    deposit: date | None
    deadline: date | None
    answer_days: int
    indemnity: claims.Indemnity | None  # Colissimo only [C 8.1]
    loss_or_damage: bool

    @property
    def complete(self) -> bool:
        return all(i.filled for i in self.items if i.required)


def build_claim_file(shipment: Shipment, catalogue: Catalogue, *, account_number: str = "",
                     loss_or_damage: bool = True, purchase_invoice: bool = True,
                     deposit: date | None = None) -> ClaimFile:
    service = catalogue.get(shipment.service_id)
    deposited = deposit or (shipment.deposited_at.date() if shipment.deposited_at else None)
    items = claims.claim_checklist(shipment, service, account_number=account_number,
                                   loss_or_damage=loss_or_damage, deposit=deposited)
    value, _ = declared_value(shipment)
    indemnity = None
    if service.carrier == "colissimo" and loss_or_damage:
        indemnity = claims.indemnity(service, shipment.options, shipment.parcel.weight_g, value,
                                     purchase_invoice=purchase_invoice)
    return ClaimFile(
        shipment=shipment, service=service, items=items, deposit=deposited,
        deadline=claims.claim_deadline(service, shipment.recipient, deposited) if deposited else None,
        answer_days=claims.answer_days(service, shipment.recipient), indemnity=indemnity,
        loss_or_damage=loss_or_damage)

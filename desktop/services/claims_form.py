"""Claim file use case: the carrier's own checklist, where to send it, the last day to claim
(with the days left on `today`), when the answer is due, and what the carrier pays
(Colissimo indemnity [C 8.1] or late-delivery credit [C 4.2.2]; Nova Post declared value
plus the price of the services [N 10.2]). Ready for `desktop.printing.claim_pdf`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain import claims
from desktop.domain.calendar import working_days_between
from desktop.domain.carriers.admission import declared_value
from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.contract import Contract
from desktop.domain.carriers.weights import chargeable_weight_g
from desktop.domain.carriers.zones import zone_of
from desktop.domain.claim_terms import (
    ClaimTerms,
    answer_due,
    claim_terms,
    days_left,
    novapost_compensation,
)
from desktop.domain.shipment import Shipment

J2_TRANSIT_DAYS = 2  # the late-delivery credit applies to J+2 products [C 4.2.2]


@dataclass(frozen=True)
class LateCredit:
    days_taken: int | None  # J+n actually taken (None: not computable → J+3 rate)
    percent: Decimal
    amount: Decimal
    deadline: date  # ask within 12 / 6 months [C 4.2.2]
    source: str = "[C 4.2.2]"


@dataclass(frozen=True)
class ClaimFile:
    shipment: Shipment
    service: Service
    items: list[claims.ChecklistItem]
    deposit: date | None
    deadline: date | None
    answer_days: int | None
    indemnity: claims.Indemnity | None  # Colissimo only [C 8.1]
    loss_or_damage: bool
    terms: ClaimTerms | None = None
    filed: date | None = None  # the day the file is made (the clock's today)
    answer_due: date | None = None
    days_left: int | None = None  # to the deadline, from `filed` (negative: too late)
    compensation: Decimal | None = None  # Nova Post: declared value + price [N 10.2]
    late_credit: LateCredit | None = None  # Colissimo J+2 products [C 4.2.2]

    @property
    def complete(self) -> bool:
        return all(i.filled for i in self.items if i.required)

    @property
    def too_late(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def build_claim_file(shipment: Shipment, catalogue: Catalogue, *, account_number: str = "",
                     loss_or_damage: bool = True, purchase_invoice: bool = True,
                     deposit: date | None = None, today: date | None = None,
                     contract: Contract | None = None, delivered: date | None = None,
                     contact_email: str = "", bank_account: str = "") -> ClaimFile:
    """`today` comes from the caller's clock (tests freeze it); `contract` gives the prices
    the Nova Post compensation and the Colissimo late credit are computed from."""
    service = catalogue.get(shipment.service_id)
    deposited = deposit or (shipment.deposited_at.date() if shipment.deposited_at else None)
    items = claims.claim_checklist(shipment, service, account_number=account_number,
                                   loss_or_damage=loss_or_damage, deposit=deposited,
                                   contact_email=contact_email, bank_account=bank_account)
    value, _ = declared_value(shipment)
    terms = claim_terms(service, shipment.recipient)
    deadline = claims.claim_deadline(service, shipment.recipient, deposited) if deposited else None
    indemnity = compensation = late = None
    if service.carrier == "colissimo" and loss_or_damage:
        indemnity = claims.indemnity(service, shipment.options, shipment.parcel.weight_g, value,
                                     purchase_invoice=purchase_invoice)
    price = _price(shipment, service, contract)
    if service.carrier == "novapost" and loss_or_damage:
        compensation = novapost_compensation(value, price)
    if service.carrier == "colissimo" and not loss_or_damage and deposited and price is not None:
        late = _late_credit(shipment, service, contract, price, deposited, delivered)
    return ClaimFile(
        shipment=shipment, service=service, items=items, deposit=deposited, deadline=deadline,
        answer_days=terms.answer_days, indemnity=indemnity, loss_or_damage=loss_or_damage,
        terms=terms, filed=today, answer_due=answer_due(terms, today) if today else None,
        days_left=days_left(deadline, today) if today else None, compensation=compensation,
        late_credit=late)


def _price(shipment: Shipment, service: Service, contract: Contract | None) -> Decimal | None:
    if contract is None:
        return None
    found = contract.price(service.id, zone_of(shipment.recipient),
                           chargeable_weight_g(service, shipment.parcel))
    return found[0] if found else None


def _late_credit(shipment, service, contract, price, deposited, delivered) -> LateCredit | None:
    row = contract.calendar(service.id, zone_of(shipment.recipient))
    if row is None or row["transit_days"] != J2_TRANSIT_DAYS:
        return None  # only the J+2 products carry the credit [C 4.2.2]
    taken = working_days_between(deposited, delivered, service.workdays) if delivered else None
    fuel = contract.parameter("fuel_coefficient", Decimal(0)) or Decimal(0)
    nm = (contract.parameter("nm_supplement_eur", Decimal(25)) or Decimal(0)) \
        if (shipment.options or {}).get("non_mechanisable") is True else Decimal(0)
    return LateCredit(taken, claims.late_credit_percent(taken),
                      claims.late_credit(price, fuel, nm, taken),
                      claims.late_credit_deadline(shipment.recipient, deposited))

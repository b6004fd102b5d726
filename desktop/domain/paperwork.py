"""Carrier paperwork that travels with a parcel besides the label and the customs forms:
the advice of delivery (UPU CN 07) and the cash-on-delivery sheet.

- AR: with the "AR" option, the CN 07 form is filled in and placed on the address side of
  the parcel [C 4.3, 5.3]. The form carries no barcode of ours: nothing may be added to the
  parcel that could disturb sorting [C 5.3].
- Cash on delivery: Colissimo COD uses La Poste's approved form ("formulaire homologué"
  [C 5.3]), up to 1 500 €, national COD in mainland France only [C 4.3]. Comptoir prints the
  data to copy onto that form, never the form itself. Nova Post collects the amount at
  delivery, and a failure to collect it is a defect the sender may complain about
  [N 11.3, 11.10.1]: the sheet is the shop's record of what is to be collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.address import Address
from desktop.domain.carriers.options import REGISTERED_LEVELS, amount


@dataclass(frozen=True)
class AdviceOfDelivery:
    """The particulars the sender writes on a CN 07 [C 5.3]."""

    item_number: str  # the carrier's number, from the form (never invented)
    item_kind: str  # "parcel"
    registered: str  # "R1".."R3" or ""
    insured_eur: Decimal | None
    cod_eur: Decimal | None
    posting_date: date | None
    sender: Address  # the card comes back to the sender
    addressee: Address
    carrier_name: str
    source: str = "[C 4.3, 5.3]"


@dataclass(frozen=True)
class CashOnDelivery:
    item_number: str
    carrier: str
    carrier_name: str
    service_name: str
    amount_eur: Decimal
    beneficiary: Address  # the sender, who is paid
    bank_account: str  # where the amount is paid ("" when not given)
    payer: Address  # the recipient, who pays at delivery
    notices: tuple[tuple[str, str, str], ...] = ()  # (French, English, source)
    source: str = ""


def advice_of_delivery(shipment, service) -> AdviceOfDelivery | None:
    """The CN 07 of a shipment with the AR option on a service that offers it, else None."""
    o = shipment.options or {}
    if o.get("advice_of_delivery") is not True or not service.allows("advice_of_delivery"):
        return None
    level = o.get("registered") if o.get("registered") in REGISTERED_LEVELS else ""
    posted = shipment.deposited_at or shipment.created_at
    return AdviceOfDelivery(
        item_number=shipment.tracking_number or "", item_kind="parcel", registered=level,
        insured_eur=amount(o.get("insurance_eur")) if o.get("insurance_eur") else None,
        cod_eur=amount(o.get("cod_eur")) if o.get("cod_eur") else None,
        posting_date=posted.date() if posted else None, sender=shipment.sender,
        addressee=shipment.recipient, carrier_name=service.carrier_name)


COD_NOTICE_ABOVE = Decimal(800)  # [C 7]


def cash_on_delivery(shipment, service, bank_account: str = "") -> CashOnDelivery | None:
    """The COD sheet of a shipment with `cod_eur` on a service that offers it, else None."""
    o = shipment.options or {}
    cod = amount(o.get("cod_eur")) if o.get("cod_eur") else None
    if not cod or cod <= 0 or not service.allows("cod_eur"):
        return None
    if service.carrier == "colissimo":
        notices = [("À reporter sur le formulaire homologué de contre-remboursement La Poste ; "
                    "signalétique CRBT sur le colis",
                    "Copy onto La Poste's approved cash-on-delivery form; COD marking on the "
                    "parcel", "[C 5.3]"),
                   ("Jusqu'à 1 500 € ; contre-remboursement national en France métropolitaine "
                    "seulement", "Up to 1 500 €; national COD in mainland France only",
                    "[C 4.3]")]
        if cod > COD_NOTICE_ABOVE:
            notices.append(("Plus de 800 € : jamais laissé à la porte, avis de passage et "
                            "retrait au bureau de poste", "Over 800 €: never left at the door, "
                            "notice and pick-up at the post office", "[C 7]"))
        source = "[C 4.3, 5.3]"
    else:
        notices = [("Montant à encaisser par Nova Post à la livraison ; un défaut "
                    "d'encaissement est un défaut de prestation", "Amount Nova Post collects "
                    "at delivery; failing to collect it is a defect of the service",
                    "[N 11.3]"),
                   ("Réclamation dans les six mois suivant l'expédition",
                    "Complain within six months of dispatch", "[N 11.10.1]")]
        source = "[N 11.3]"
    return CashOnDelivery(
        item_number=shipment.tracking_number or "", carrier=service.carrier,
        carrier_name=service.carrier_name, service_name=service.name("fr"), amount_eur=cod,
        beneficiary=shipment.sender, bank_account=bank_account, payer=shipment.recipient,
        notices=tuple(notices), source=source)

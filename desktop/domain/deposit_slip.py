"""The deposit slip ("bordereau de dépôt"): the day's parcels of one carrier, handed over at
the post office or branch with the bag.

Colissimo's own proof of deposit is the first sheet of each pre-paid form, stamped at the
counter [C 6]; Delivengo's slips come from the MyDelivengo account [D 1]. Our slip is the
shop's list of what went into the bag, with totals and the vignettes to check [C 5.3, 6]. Its
number is **our own document number**, made from the carrier, the day and the first shipment
id. It is never a carrier's number, and no carrier issued it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.address import Address

CARRIER_CODES = {"colissimo": "COL", "laposte-delivengo": "DLV", "novapost": "NVP"}


def slip_number(carrier: str, day: date, first_shipment_id: int) -> str:
    """`BD-COL-20261130-000123`: stable for the same parcels (a rerun prints the same number)
    and unique, because each closing takes parcels no other slip holds. ASCII only, so Code
    128 encodes it as it is."""
    code = CARRIER_CODES.get(carrier, carrier[:3].upper())
    return f"BD-{code}-{day:%Y%m%d}-{first_shipment_id:06d}"


@dataclass(frozen=True)
class SlipLine:
    shipment_id: int
    tracking_number: str
    service_name: str
    recipient: str  # name or company
    destination: str  # postcode, town, country
    weight_g: int
    options: tuple[str, ...] = ()  # "R2", "AR", "CRBT 120.00 €", "Assurance 500 €", "NM"
    postage_vignettes: int | None = None  # Colissimo weight vignettes [C 5.3, 6]
    reference: str = ""
    weighing: str = ""  # "balance" (scale) | "saisie" (typed) | "" (not recorded)


@dataclass(frozen=True)
class DepositSlip:
    number: str  # our document number, see `slip_number`
    carrier: str
    carrier_name: str
    day: date
    sender: Address
    account: str  # the shop's customer account with the carrier ("" when not set)
    lines: tuple[SlipLine, ...]
    # Colissimo: vignettes to check against the parcels at the counter [C 5.3, 6]:
    # "postage", "nm_insurance", "R1".."R3", "AR", "CRBT" → count.
    vignettes: dict[str, int] = field(default_factory=dict)
    source: str = ""

    @property
    def parcels(self) -> int:
        return len(self.lines)

    @property
    def total_weight_g(self) -> int:
        return sum(line.weight_g for line in self.lines)

    @property
    def shipment_ids(self) -> tuple[int, ...]:
        return tuple(line.shipment_id for line in self.lines)


def vignette_totals(per_parcel) -> dict[str, int]:
    """Adds up `Vignettes` (domain.carriers.weights) of the slip's Colissimo parcels."""
    total: Counter[str] = Counter()
    for v in per_parcel:
        if v is None:
            continue
        total["postage"] += v.postage
        total["nm_insurance"] += v.nm_insurance
        for option in v.options:
            total[option] += 1
    return {k: total[k] for k in sorted(total, key=_vignette_order) if total[k]}


def _vignette_order(key: str) -> tuple[int, str]:
    order = ("postage", "nm_insurance", "R1", "R2", "R3", "AR", "CRBT")
    return (order.index(key) if key in order else len(order), key)


def format_weight_kg(grams: int) -> str:
    """1234 → '1,234 kg' (French decimal comma)."""
    return f"{grams / 1000:.3f}".replace(".", ",") + " kg"

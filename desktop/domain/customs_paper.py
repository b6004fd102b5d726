"""Everything printed on a CN22, CN23 or invoice, gathered once (docs/sources/customs.md §2).

The printers (`desktop.printing.cn22/cn23/invoice`) draw a `CustomsPaper`; the service
`customs_forms` builds it from a `Shipment`, so the three documents carry the same data and
the CN23 value always matches the invoice [C 8.2 C].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration


@dataclass(frozen=True)
class CustomsPaper:
    sender: Address
    recipient: Address
    declaration: CustomsDeclaration
    gross_weight_g: int
    item_number: str = ""  # the S10 / carrier number, printed as Code 128 (CN23 header)
    operator: str = "La Poste"  # designated operator (UPU)
    office_of_origin: str = ""
    posting_date: date | None = None
    signatory: str = ""  # who signs box 15 (defaults to the sender's name)
    sender_eori: str = ""
    invoice_date: date | None = None
    incoterm: str = "DAP"
    reference: str = ""  # the shop's order reference

    @property
    def eori(self) -> str:
        return (self.sender_eori or self.declaration.sender_customs_reference).strip()

    @property
    def signer(self) -> str:
        return self.signatory or self.sender.name or self.sender.company

    @property
    def total_value(self) -> Decimal:
        return self.declaration.total_value

    @property
    def currency(self) -> str:
        return self.declaration.currency

    @property
    def is_commercial_invoice(self) -> bool:
        """A sale gets a commercial invoice; anything else a pro-forma one."""
        return self.declaration.category == "sale_of_goods"

"""The carrier paperwork of a stored shipment: the CN 07 advice of delivery when the AR option
is chosen [C 4.3, 5.3], and the cash-on-delivery sheet when `cod_eur` is set ([C 4.3, 5.3],
[N 11.3]). Rendering is injected (desktop.app wires the PDF renderers)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.paperwork import advice_of_delivery, cash_on_delivery
from desktop.domain.shipment import Shipment

CN07, COD = "cn07", "cod"
Renderers = Mapping[str, Callable[..., bytes]]  # CN07: (advice) → PDF; COD: (cod, lang) → PDF


@dataclass(frozen=True)
class Document:
    kind: str
    filename: str
    payload: bytes
    source: str


def paperwork(shipment: Shipment, catalogue: Catalogue, renderers: Renderers, *,
              bank_account: str = "", lang: str = "fr") -> list[Document]:
    """The documents this shipment needs besides its label and customs forms (maybe none)."""
    service = catalogue.get(shipment.service_id)
    base = shipment.tracking_number or f"shipment-{shipment.id}"
    out = []
    advice = advice_of_delivery(shipment, service)
    if advice is not None:
        out.append(Document(CN07, f"{base}-CN07.pdf", renderers[CN07](advice), advice.source))
    cod = cash_on_delivery(shipment, service, bank_account)
    if cod is not None:
        out.append(Document(COD, f"{base}-COD.pdf", renderers[COD](cod, lang), cod.source))
    return out

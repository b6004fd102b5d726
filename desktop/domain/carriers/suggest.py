"""Service suggestion: every service checked against the shipment, admissible ones ranked
first, the others listed with their reasons.

Ranking of the admissible ones: services made for what is sent first (a documents-only
service is offered first only for documents: Nova Post documents is a cardboard envelope
≤ 2 cm [N 2.1.1], and a parcel without typed dimensions would otherwise pass its limits and,
being the cheapest, come first), then the cheapest, then the fastest, then catalogue order.
Refused services follow, those with the fewest reasons first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from desktop.domain.carriers.admission import DATA_RULES, Verdict, check_admission
from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.contract import Contract
from desktop.domain.errors import Violation
from desktop.domain.shipment import Shipment

_NO_PRICE = Decimal("Infinity")
DOCUMENTS_ONLY = frozenset({"novapost-documents"})  # envelope ≤ 35 × 25 × 2 cm [N 2.1.1]


@dataclass(frozen=True)
class Suggestion:
    service: Service
    admissible: bool
    reasons: list[Violation]  # refusals when not admissible; warnings otherwise
    rank_key: tuple
    verdict: Verdict | None = None


def suggest_services(shipment: Shipment, catalogue: Catalogue, contract: Contract,
                     today: date | datetime) -> list[Suggestion]:
    """Every service of the catalogue, admissible first, with the reasons for the others.

    Missing data (phones, variant, contents confirmation) does not exclude a service: it is
    completed once the service is chosen.
    """
    out = []
    for order, service in enumerate(catalogue.all()):
        candidate = replace(shipment, service_id=service.id,
                            options=_options_for(shipment.options, service))
        verdict = check_admission(candidate, catalogue, contract, today=today,
                                  confirmed_contents=True)
        refusals = [v for v in verdict.refusals if v.rule not in DATA_RULES]
        admissible = not refusals
        price = verdict.price_eur if verdict.price_eur is not None else _NO_PRICE
        delivery = verdict.estimated_delivery or date.max
        misfit = service.id in DOCUMENTS_ONLY and not is_documents(shipment)
        rank = (not admissible, len(refusals), misfit, price, delivery, order)
        out.append(Suggestion(service, admissible, refusals if refusals else verdict.warnings,
                              rank, verdict))
    return sorted(out, key=lambda s: s.rank_key)


def is_documents(shipment: Shipment) -> bool:
    """Papers only: declared as documents, or an envelope said to be one by the clerk."""
    category = getattr(shipment.customs, "category", "")
    return category == "documents" or (shipment.options or {}).get("shape") == "envelope"


def _options_for(options, service: Service) -> dict:
    """Keeps only the options the service offers (others belong to another carrier)."""
    from desktop.domain.carriers.options import COMMON_KEYS

    return {k: v for k, v in (options or {}).items() if k in COMMON_KEYS or service.allows(k)}

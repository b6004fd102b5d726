"""Service suggestion: every service checked against the shipment, admissible ones ranked
first (cheapest, then fastest), the others listed with their reasons (issue 3 §4)."""

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
        rank = (not admissible, len(refusals), price, delivery, order)
        out.append(Suggestion(service, admissible, refusals if refusals else verdict.warnings,
                              rank, verdict))
    return sorted(out, key=lambda s: s.rank_key)


def _options_for(options, service: Service) -> dict:
    """Keeps only the options the service offers (others belong to another carrier)."""
    from desktop.domain.carriers.options import COMMON_KEYS

    return {k: v for k, v in (options or {}).items() if k in COMMON_KEYS or service.allows(k)}

"""Validation of a whole shipment before anything is stored or printed.

The built-in checks cover addresses, parcel, service and reference. Carrier admission and
customs rules plug in as extra checks (callables returning violations) wired by the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop.domain.address import validate_address
from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.numbers import validate_form_number
from desktop.domain.errors import Collector, Violation, unique_violations
from desktop.domain.input_rules import text_problem
from desktop.domain.parcel import validate_parcel
from desktop.domain.shipment import MAX_REFERENCE_LENGTH, Shipment

ShipmentCheck = Callable[[Shipment], Iterable[Violation]]

# Who gives the number: desktop.domain.carriers.number_source (never Comptoir itself).


def validate_shipment(shipment: Shipment, catalogue: Catalogue,
                      extra_checks: Iterable[ShipmentCheck] = ()) -> list[Violation]:
    """Every violation (errors and warnings), never just the first."""
    c = Collector()
    c.extend(validate_address(shipment.sender), "sender")
    c.extend(validate_address(shipment.recipient), "recipient")
    c.extend(validate_parcel(shipment.parcel), "parcel")
    if not shipment.service_id:
        c.add("service", "required")
    elif not catalogue.has(shipment.service_id):
        c.add("service", "unknown_service", actual=shipment.service_id)
    else:
        service = catalogue.get(shipment.service_id)
        weight = shipment.parcel.weight_g
        if isinstance(weight, int) and weight > service.max_weight_g:
            c.add("parcel.weight_g", "max_weight", limit=service.max_weight_g, actual=weight,
                  source=service.source)
        if shipment.tracking_number:  # where the number comes from: counter_operation
            c.extend(validate_form_number(shipment.tracking_number, service))
    for name in ("reference", "tracking_number"):  # typed at the counter or read from a file
        problem = text_problem(name, getattr(shipment, name) or "")
        if problem:
            c.violations.append(problem)
    if len(shipment.reference) > MAX_REFERENCE_LENGTH:
        c.add("reference", "max_length", limit=MAX_REFERENCE_LENGTH,
              actual=len(shipment.reference), source="Colissimo/Delivengo data fields")
    if not c.errors or _structurally_sound(c.violations):
        for check in extra_checks:
            c.extend(check(shipment))
    return unique_violations(_one_weight_limit(c.violations))


def _one_weight_limit(violations: list[Violation]) -> list[Violation]:
    """The carrier's admission check and this one may both refuse the weight, with the same
    limit or a stricter one (a contract): the clerk reads it once, the strictest."""
    heavy = [v for v in violations if v.field == "parcel.weight_g" and v.rule == "max_weight"]
    if len(heavy) < 2:
        return violations
    # the strictest limit; on a tie the carrier's check (later), which cites its article
    keep = min(reversed(heavy), key=lambda v: v.limit if isinstance(v.limit, int) else 1 << 62)
    return [v for v in violations if v not in heavy or v is keep]


def _structurally_sound(violations: list[Violation]) -> bool:
    """Extra checks (carrier, customs) need a known service and a readable parcel."""
    return not any(v.field in ("service", "parcel.weight_g") and v.rule in
                   ("required", "unknown_service", "not_a_number") for v in violations)




def errors_of(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "error"]


def warnings_of(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "warning"]

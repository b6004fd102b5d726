"""Number ranges use case: list the S10 ranges with what is left, and add a
carrier-assigned range for one S10 service.

A carrier-assigned range is stored as `carrier-<service id>`; it is the only range numbers
are drawn from (`shipping.carrier_range`), for the services whose number sources include
`carrier_range` (desktop.domain.carriers.number_source). There is no local range.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.number_source import CARRIER_RANGE, format_name
from desktop.domain.carriers.numbers import (
    LOW_WATER_DEFAULT,
    range_name,
    range_warning,
    validate_range,
)
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import TrackingRanges
from desktop.domain.tracking import NumberRange


@dataclass(frozen=True)
class RangeRow:
    range: NumberRange
    service_id: str  # "" for a range of no service (an older version's local range)
    warning: Violation | None  # range_low (warning) or range_exhausted (error)


def list_ranges(ranges: TrackingRanges) -> list[RangeRow]:
    out = []
    for r in ranges.list():
        sid = r.name.removeprefix("carrier-") if r.name.startswith("carrier-") else ""
        out.append(RangeRow(r, sid, range_warning(r)))
    return out


def add_carrier_range(ranges: TrackingRanges, catalogue: Catalogue, service_id: str,
                      prefix: str, first: int, last: int, country: str = "FR",
                      low_water: int = LOW_WATER_DEFAULT, reference: str = "") -> NumberRange:
    """Validates then stores the range; refuses (ValidationFailed) with every problem."""
    problems: list[Violation] = []
    if not catalogue.has(service_id):
        problems.append(Violation("service", "unknown_service", actual=service_id))
    elif CARRIER_RANGE not in catalogue.get(service_id).number_sources:
        problems.append(Violation("service", "form_number_required",
                                  limit=format_name(catalogue.get(service_id).number_format),
                                  actual=service_id))
    if not (reference or "").strip():  # a range exists only as the carrier assigned it
        problems.append(Violation("reference", "required"))
    wanted = NumberRange(name=range_name(service_id), prefix=(prefix or "").strip().upper(),
                         first=first, last=last, country=(country or "").strip().upper(),
                         low_water=low_water, reference=(reference or "").strip())
    problems += validate_range(wanted)
    if not isinstance(low_water, int) or low_water < 0:
        problems.append(Violation("low_water", "min_value", limit=0, actual=low_water))
    if problems:
        raise ValidationFailed(problems)
    return ranges.ensure(wanted)


class NumberRanges:
    """The number-ranges screen's operations over the `TrackingRanges` port."""

    def __init__(self, ranges: TrackingRanges, catalogue: Catalogue):
        self._ranges, self._catalogue = ranges, catalogue

    def list(self) -> list[RangeRow]:
        return list_ranges(self._ranges)

    def add_carrier_range(self, service_id: str, prefix: str, first: int, last: int,
                          country: str = "FR", low_water: int = LOW_WATER_DEFAULT,
                          reference: str = "") -> NumberRange:
        return add_carrier_range(self._ranges, self._catalogue, service_id, prefix, first, last,
                                 country, low_water, reference)

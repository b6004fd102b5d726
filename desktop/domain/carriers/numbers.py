"""Tracking numbers of pre-printed forms (scanned or typed) and number-range warnings.

S10 numbers carry a check digit (UPU S10). Colissimo domestic numbers are pre-printed on
the form La Poste supplies [C 5.3]; they are 13 characters (digit, letter, 11 digits, e.g.
6A15984040331); their numbering rule is the carrier's, so only the shape is checked.
"""

from __future__ import annotations

import re

from desktop.domain.errors import Violation
from desktop.domain.tracking import (
    RANGE_LOW_WATER,
    S10_LAST_SERIAL,
    NumberRange,
    normalise,
    validate_s10,
)

COLISSIMO_13 = re.compile(r"^\d[A-Z]\d{11}$")  # docs/citation-audit.md#numbers
LOW_WATER_DEFAULT = RANGE_LOW_WATER


def validate_form_number(number: str, service=None, field: str = "tracking_number") -> list[Violation]:
    """A pre-printed or scanned number, checked against the service's number format."""
    text = normalise(number)
    fmt = getattr(service, "number_format", None)
    if fmt == "colissimo13" or (fmt is None and COLISSIMO_13.match(text)):
        if not COLISSIMO_13.match(text):
            return [Violation(field, "colissimo_format", actual=number, source="[C 5.3]")]
        return []
    if fmt == "novapost":
        if not text.isdigit():
            return [Violation(field, "not_a_number", actual=number, source="[N 4.3.5]")]
        return []
    problems = validate_s10(text, field)
    prefix = getattr(service, "tracking_prefix", None)
    if not problems and service is not None and service.tracked and prefix and \
            not text.startswith(prefix) and fmt == "s10":
        problems.append(Violation(field, "number_prefix", limit=prefix, actual=text[:2],
                                  source="UPU S10", severity="warning"))
    return problems



def range_warning(number_range: NumberRange, field: str = "tracking_range") -> Violation | None:
    """Exhausted: an error; at or under the low-water mark: a warning."""
    left = number_range.remaining
    if left <= 0:
        return Violation(field, "range_exhausted", limit=number_range.name, actual=0)
    if left <= number_range.low_water:
        return Violation(field, "range_low", limit=number_range.low_water, actual=left,
                         severity="warning")
    return None


def validate_range(number_range: NumberRange) -> list[Violation]:
    """A carrier-assigned S10 range: indicator, 8-digit serials, first ≤ last."""
    out = []
    r = number_range
    if not re.fullmatch(r"[A-Z]{2}", r.prefix or "") or r.prefix[0] in "JKSTW":
        out.append(Violation("prefix", "s10_format", actual=r.prefix, source="UPU S10"))
    for name in ("first", "last"):
        value = getattr(r, name)
        if not isinstance(value, int) or not 0 <= value <= S10_LAST_SERIAL:
            out.append(Violation(name, "max_value", limit=S10_LAST_SERIAL, actual=value,
                                 source="UPU S10"))
    if not out and r.first > r.last:
        out.append(Violation("last", "min_value", limit=r.first, actual=r.last))
    if not re.fullmatch(r"[A-Z]{2}", r.country or ""):
        out.append(Violation("country", "unknown_country", actual=r.country, source="UPU S10"))
    return out


def range_name(service_id: str) -> str:
    """The storage key of a carrier-assigned range for one service."""
    return f"carrier-{service_id}"

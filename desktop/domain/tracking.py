"""UPU S10 item identifiers (docs/sources/s10.md): `RR473124829GB`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.errors import Violation

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)  # UPU S10 check-digit weights (docs/sources/s10.md)
RESERVED_FIRST_LETTERS = frozenset("JKSTW")  # UPU S10: reserved service indicators
# UPU S10 barcode (docs/sources/s10.md): Code 128, module 0.33–0.51 mm, height ≥ 12.5 mm or 15 % of
# the width, quiet zone ≥ 10 modules each side. Used by the label layout and the forms.
S10_MODULE_MIN_MM = 0.33
S10_MODULE_MAX_MM = 0.51
S10_MIN_HEIGHT_MM = 12.5
S10_HEIGHT_RATIO = 0.15
S10_QUIET_MODULES = 10
# Warn when fewer numbers than this remain in a range: our choice, about a day's parcels for
# a busy small shop; editable per range.
RANGE_LOW_WATER = 100  # the default; the contract parameter `range_low_water` overrides it
S10_LAST_SERIAL = 99_999_999  # 8-digit serials (UPU S10)
_S10 = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")


def s10_check_digit(serial: str) -> int:
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"S10 serial must be 8 digits: {serial!r}")
    remainder = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def make_s10(service: str, serial: int | str, country: str = "FR") -> str:
    serial_text = f"{int(serial):08d}"
    if len(serial_text) != 8:
        raise ValueError(f"S10 serial out of range: {serial}")
    if not re.fullmatch(r"[A-Z]{2}", service) or service[0] in RESERVED_FIRST_LETTERS:
        raise ValueError(f"invalid S10 service indicator: {service!r}")
    return f"{service}{serial_text}{s10_check_digit(serial_text)}{country}"


def validate_s10(number: str, field: str = "tracking_number") -> list[Violation]:
    text = normalise(number)
    match = _S10.match(text)
    if not match:
        return [Violation(field, "s10_format", actual=number, source="UPU S10")]
    if s10_check_digit(match.group(2)) != int(match.group(3)):
        return [Violation(field, "check_digit", actual=text, source="UPU S10")]
    return []


def is_valid_s10(number: str) -> bool:
    return not validate_s10(number)


def normalise(number: str) -> str:
    """A scanned or typed number without spaces, uppercase."""
    return re.sub(r"\s+", "", number or "").upper()


def group_number(number: str) -> str:
    """The one human-readable form of a tracking number, for the label, the screens and the
    command line: S10 as `RR 473 124 829 GB` (docs/sources/s10.md); other carriers' numbers
    in groups of four (`6A15 9840 4033 1`) for reading aloud."""
    n = normalise(number)
    if _S10.match(n):
        return f"{n[0:2]} {n[2:5]} {n[5:8]} {n[8:11]} {n[11:13]}"
    return " ".join(n[i:i + 4] for i in range(0, len(n), 4))


group_s10 = group_number  # the former name, still imported by commands/ship.py


@dataclass(frozen=True)
class NumberRange:
    """A block of S10 serials the shop may use: `prefix`, serials first..last, `country`."""

    name: str
    prefix: str  # S10 service indicator, e.g. "LD"
    first: int
    last: int
    country: str = "FR"
    next_serial: int | None = None  # None → first
    low_water: int = RANGE_LOW_WATER  # warn when fewer numbers remain
    reference: str = ""  # the carrier's written assignment (letter, contract annex …)

    @property
    def remaining(self) -> int:
        nxt = self.first if self.next_serial is None else self.next_serial
        return max(0, self.last - nxt + 1)

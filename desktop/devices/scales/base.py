"""What every scale driver shares: its errors and the conversion to integer grams."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.domain.weighing import ScaleReading, ScaleState


class ScaleError(OSError):
    """The scale could not be read (I/O error, timeout, garbled reply)."""


class ScaleDisconnected(ScaleError):
    """The device is gone (unplugged, port closed); the monitor reopens it with backoff."""


# Grams per unit. lb = 0.45359237 kg exactly, oz = lb / 16 [international yard and pound
# agreement, 1959]; these are the units scales send (PROTOCOLS.md).
GRAMS_PER_UNIT: dict[str, Decimal] = {
    "mg": Decimal("0.001"),
    "g": Decimal(1),
    "kg": Decimal(1000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("453.59237") / 16,
}


def to_grams(value: Decimal | str, unit: str) -> int:
    """Integer grams, rounded half up (1.2345 kg → 1235 g). Unknown unit → ValueError."""
    try:
        factor = GRAMS_PER_UNIT[unit.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown weight unit {unit!r}") from None
    try:
        amount = Decimal(value) * factor
    except InvalidOperation:
        raise ValueError(f"not a weight: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not a weight: {value!r}")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def disconnected() -> ScaleReading:
    return ScaleReading(0, False, ScaleState.DISCONNECTED)


def stable_state(weight_g: int) -> ScaleState:
    """The state of a stable reading: zero, negative (after tare) or a real weight."""
    if weight_g == 0:
        return ScaleState.ZERO
    return ScaleState.UNDERLOAD if weight_g < 0 else ScaleState.OK

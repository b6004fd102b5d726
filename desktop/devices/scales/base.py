"""What every scale driver shares: its errors, and the unit conversion of the core."""

from __future__ import annotations

from desktop.domain.weighing import (
    DISCONNECTED,
    GRAMS_PER_UNIT,
    ScaleReading,
    stable_state,
    to_grams,
)

__all__ = ["GRAMS_PER_UNIT", "ScaleDisconnected", "ScaleError", "ScaleTimeout", "disconnected",
           "stable_state", "to_grams"]


class ScaleError(OSError):
    """The scale could not be read (I/O error, timeout, garbled reply)."""


class ScaleTimeout(ScaleError):
    """The scale stayed silent: silence from a device is an error, never a zero."""


class ScaleDisconnected(ScaleError):
    """The device is gone (unplugged, port closed); the monitor reopens it with backoff."""


def disconnected() -> ScaleReading:
    return DISCONNECTED

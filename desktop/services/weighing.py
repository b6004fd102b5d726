"""Taking a weight from a scale: wait for a stable reading, or say why there is none.

The counter, the CLI and (later) the weighing audit use this one rule: only a reading the
scale reports stable — or, for scales that never say, one the driver's stability rule
accepted — counts; silence is an error, never a zero.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.ports import Scale
from desktop.domain.weighing import ScaleReading

POLL_PAUSE_S = 0.1  # our choice: between two polls of a polled scale while it settles


@dataclass(frozen=True)
class StableWait:
    reading: ScaleReading | None  # the stable reading, or None when time ran out
    last: ScaleReading | None  # the last reading seen (motion, overload …)
    error: str = ""  # the last read error when the scale never answered

    @property
    def silent(self) -> bool:
        return self.reading is None and self.last is None


def wait_for_stable(scale: Scale, timeout_s: float, *,
                    clock: Callable[[], float] = time.monotonic,
                    sleep: Callable[[float], None] = time.sleep) -> StableWait:
    """Reads until a stable reading or `timeout_s`; a read error is retried until then."""
    if not timeout_s > 0:
        raise ValueError(f"timeout must be > 0 s, not {timeout_s}")
    deadline = clock() + timeout_s
    last: ScaleReading | None = None
    error = ""
    paced = getattr(scale, "paced_by_device", False)
    while True:
        try:
            reading = scale.read()
        except OSError as exc:
            error = str(exc)
        else:
            if reading.stable:
                return StableWait(reading, reading)
            last = reading
        if clock() >= deadline:
            return StableWait(None, last, error)
        if not paced:
            sleep(min(POLL_PAUSE_S, max(0.0, deadline - clock())))

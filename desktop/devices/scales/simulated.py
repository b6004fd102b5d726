"""The simulated scale: the default device, driven by the demo controls and by tests.

Behaves like a shipping scale: after a parcel is put down (`set_weight`) the reading wobbles
for a moment and then settles; a hand on the parcel (`set_moving`) keeps it wobbling.
The clock and the random source are injectable, so tests never sleep.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from desktop.devices.scales.base import ScaleDisconnected, stable_state
from desktop.domain.weighing import ScaleReading, ScaleState

SETTLE_S = 0.8  # our choice: visible on screen, short enough not to slow the clerk
MIN_WOBBLE_G = 2  # our choice: visible jitter even on a light letter


def default_wobble(target_g: int) -> int:
    """About 1 % of the weight, at least a few grams (our choice, for a credible display)."""
    return max(MIN_WOBBLE_G, abs(target_g) // 100)


class SimulatedScale:
    def __init__(self, weight_g: int = 0, *, settle_s: float = SETTLE_S,
                 wobble_g: int | None = None, capacity_g: int | None = None,
                 clock: Callable[[], float] = time.monotonic, seed: int | None = None):
        if not 0 <= settle_s < math.inf:
            raise ValueError(f"settle_s must be >= 0, not {settle_s!r}")
        self._lock = threading.Lock()
        self._clock = clock
        self._rng = random.Random(seed)
        self.settle_s = settle_s
        self.wobble_g = None if wobble_g is None else _grams(wobble_g, "wobble_g")
        self.capacity_g = None if capacity_g is None else _grams(capacity_g, "capacity_g")
        self._target = _grams(weight_g, "weight_g")
        self._moving = False
        self._settle_until = -math.inf  # the initial weight is already stable
        self._forced: ScaleState | None = None
        self.closed = False

    # -- controls (any thread) ---------------------------------------------------------
    def set_weight(self, grams: int) -> None:
        """A new load: unstable for `settle_s`, then stable at exactly `grams`."""
        grams = _grams(grams, "grams")
        with self._lock:
            self._target = grams
            self._moving = False
            self._settle_until = self._clock() + self.settle_s

    def set_moving(self) -> None:
        """Unstable until `set_stable()` or `set_weight()`."""
        with self._lock:
            self._moving = True

    def set_stable(self, stable: bool = True) -> None:
        """`True` settles at once on the current weight; `False` is `set_moving()`."""
        with self._lock:
            self._moving = not stable
            if stable:
                self._settle_until = -math.inf

    def set_state(self, state: ScaleState) -> None:
        """Forces a device state. OK returns to normal weighing; MOTION is `set_moving()`;
        DISCONNECTED makes `read()` raise `ScaleDisconnected`, as a real driver does."""
        state = ScaleState(state)
        with self._lock:
            if state is ScaleState.MOTION:
                self._moving, self._forced = True, None
            else:
                self._forced = None if state is ScaleState.OK else state

    @property
    def target_g(self) -> int:
        with self._lock:
            return self._target

    # -- Scale port ------------------------------------------------------------------------
    scale_id = "simulated"

    def read(self) -> ScaleReading:
        return self._read().stamped(at=datetime.now(UTC), scale_id=self.scale_id)

    can_zero, can_tare = True, False

    def zero(self) -> bool:
        """Zeroing an empty platform: what is on it now weighs 0 (like a real zero key)."""
        self.set_weight(0)
        return True

    def _read(self) -> ScaleReading:
        with self._lock:
            forced, target = self._forced, self._target
            if forced is ScaleState.DISCONNECTED:
                raise ScaleDisconnected("simulated scale disconnected")
            if forced is ScaleState.FAULT:
                return ScaleReading(0, False, ScaleState.FAULT)
            if forced is ScaleState.ZERO:
                return ScaleReading(0, True, ScaleState.ZERO)
            if forced in (ScaleState.OVERLOAD, ScaleState.UNDERLOAD):
                return ScaleReading(target, False, forced)
            if self.capacity_g is not None and target > self.capacity_g:
                return ScaleReading(target, False, ScaleState.OVERLOAD)
            amplitude = self.wobble_g if self.wobble_g is not None else default_wobble(target)
            if self._moving:
                return ScaleReading(self._jitter(target, amplitude), False, ScaleState.MOTION)
            left = self._settle_until - self._clock()
            if left > 0:
                # The swing dies down as the parcel settles, like a real platform.
                fading = max(1, round(amplitude * left / self.settle_s)) if self.settle_s else 1
                return ScaleReading(self._jitter(target, fading), False, ScaleState.MOTION)
            return ScaleReading(target, True, stable_state(target))

    def close(self) -> None:
        self.closed = True  # nothing to release; kept for the Scale port

    def _jitter(self, target: int, amplitude: int) -> int:
        value = target + self._rng.randint(-amplitude, amplitude)
        return max(0, value) if target >= 0 else value  # a parcel never weighs < 0


def _grams(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be whole grams (int), not {value!r}")
    return value

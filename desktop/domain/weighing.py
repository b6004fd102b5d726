"""Scale readings and the rule for taking a weight from a scale."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ScaleState(str, Enum):
    OK = "ok"
    MOTION = "motion"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"  # negative / under zero
    ZERO = "zero"
    FAULT = "fault"
    DISCONNECTED = "disconnected"


@dataclass(frozen=True)
class ScaleReading:
    weight_g: int
    stable: bool
    state: ScaleState = ScaleState.OK

    @property
    def usable(self) -> bool:
        """Only a stable, positive, in-range reading may fill the parcel weight (issue 2 §8)."""
        return self.stable and self.state == ScaleState.OK and self.weight_g > 0

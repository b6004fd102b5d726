"""Scale readings, exact unit conversion, and the rules for taking a weight from a scale.

Pure: the device drivers build readings, the services and the counter decide with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction


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
    """One reading. Equality looks at what the core decides on (grams, stable, state); the
    provenance (time, scale id, raw frame, the value and unit exactly as the scale sent
    them) rides along for the weighing audit and the display."""

    weight_g: int
    stable: bool
    state: ScaleState = ScaleState.OK
    at: datetime | None = field(default=None, compare=False)
    scale_id: str = field(default="", compare=False)
    raw: bytes = field(default=b"", compare=False, repr=False)
    value: Decimal | None = field(default=None, compare=False)  # "1.250" keeps its resolution
    unit: str = field(default="", compare=False)

    @property
    def usable(self) -> bool:
        """Only a stable, positive, in-range reading may fill the parcel weight."""
        return self.stable and self.state == ScaleState.OK and self.weight_g > 0

    def stamped(self, *, at: datetime | None = None, scale_id: str | None = None) -> ScaleReading:
        return replace(self, at=at if at is not None else self.at,
                       scale_id=scale_id if scale_id is not None else self.scale_id)


DISCONNECTED = ScaleReading(0, False, ScaleState.DISCONNECTED)

# Grams per unit, exact: lb = 0.45359237 kg [international yard and pound agreement, 1959],
# oz = lb / 16. These are the units scales send (docs/scales.md).
GRAMS_PER_UNIT: dict[str, Fraction] = {
    "mg": Fraction(1, 1000),
    "g": Fraction(1),
    "kg": Fraction(1000),
    "lb": Fraction("453.59237"),
    "oz": Fraction("453.59237") / 16,
}
UNIT_ALIASES = {"gr": "g", "kgs": "kg", "lbs": "lb", "#": "lb"}


def unit_name(unit: str) -> str:
    """The canonical unit name ("KG" → "kg"); ValueError for a unit we do not convert."""
    key = unit.strip().lower()
    key = UNIT_ALIASES.get(key, key)
    if key not in GRAMS_PER_UNIT:
        raise ValueError(f"unknown weight unit {unit!r}")
    return key


def exact_grams(value: Decimal | str | int, unit: str) -> Fraction:
    """The exact weight in grams as a fraction (no rounding at all)."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValueError(f"not a weight: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a weight: {value!r}")
    return Fraction(number) * GRAMS_PER_UNIT[unit_name(unit)]


def to_grams(value: Decimal | str | int, unit: str) -> int:
    """Integer grams, rounded half up from the exact value (1.2345 kg → 1235 g,
    0.5 oz = 14.17476… → 14 g). Unknown unit or not a number → ValueError."""
    exact = exact_grams(value, unit)
    rounded = (Decimal(exact.numerator) / Decimal(exact.denominator)
               if exact.denominator != 1 else Decimal(exact.numerator))
    # Decimal division keeps 28 digits: plenty for any scale's capacity and resolution.
    return int(rounded.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def stable_state(weight_g: int) -> ScaleState:
    """The state of a stable reading: zero, negative (after tare) or a real weight."""
    if weight_g == 0:
        return ScaleState.ZERO
    return ScaleState.UNDERLOAD if weight_g < 0 else ScaleState.OK


# -- stability for scales that do not say it -----------------------------------------------
@dataclass(frozen=True)
class StabilityRule:
    """A weight counts as stable after `count` readings in a row within `tolerance_g` of
    each other, spanning at least `min_time_s`. Defaults are our choice: five readings over
    half a second is what a clerk perceives as "settled" on a bench scale."""

    count: int = 5
    tolerance_g: int = 0
    min_time_s: float = 0.5

    def __post_init__(self):
        if self.count < 2:
            raise ValueError(f"stable count must be at least 2, not {self.count}")
        if self.tolerance_g < 0 or self.min_time_s < 0:
            raise ValueError("stable tolerance and time must be >= 0")


class StabilityTracker:
    """Feeds readings of a scale that never reports stability; returns them marked stable
    only once the rule holds. Anything but a weight (overload, fault …) resets it."""

    _WEIGHING = (ScaleState.OK, ScaleState.ZERO, ScaleState.UNDERLOAD, ScaleState.MOTION)

    def __init__(self, rule: StabilityRule = StabilityRule()):
        self.rule = rule
        self.reset()

    def reset(self) -> None:
        self._start = 0.0
        self._count = 0
        self._low = self._high = 0

    def feed(self, reading: ScaleReading, now: float) -> ScaleReading:
        if reading.state not in self._WEIGHING:
            self.reset()
            return replace(reading, stable=False)
        grams = reading.weight_g
        low, high = min(self._low, grams), max(self._high, grams)
        if self._count and high - low <= self.rule.tolerance_g:
            self._count += 1
            self._low, self._high = low, high
        else:  # a new run starts at this reading
            self._start, self._count, self._low, self._high = now, 1, grams, grams
        if self._count >= self.rule.count and now - self._start >= self.rule.min_time_s:
            return replace(reading, stable=True, state=stable_state(grams))
        return replace(reading, stable=False, state=ScaleState.MOTION)


# --- the weighing audit (issue 11 §5) -------------------------------------------------------
WEIGHT_SOURCES = ("scale", "typed")
MAX_REASON = 200  # our choice: a sentence, stored with the shipment


@dataclass(frozen=True)
class WeightSource:
    """Where a shipment's weight came from: a scale (its id and the frame it sent, as
    received) or typed by hand (who: the bench or user name, and why: required)."""

    kind: str  # "scale" | "typed"
    scale_id: str = ""
    raw_frame: str = ""  # the frame as received, bytes shown as escaped ASCII
    who: str = ""
    reason: str = ""

    @classmethod
    def from_reading(cls, reading: ScaleReading) -> WeightSource:
        raw = reading.raw.decode("ascii", "backslashreplace") if reading.raw else ""
        return cls("scale", scale_id=reading.scale_id, raw_frame=raw)

    @classmethod
    def typed(cls, who: str, reason: str) -> WeightSource:
        return cls("typed", who=who, reason=reason)

    def problems(self) -> list:
        from desktop.domain.errors import Violation

        if self.kind not in WEIGHT_SOURCES:
            return [Violation("weighing.kind", "wrong_type", limit=", ".join(WEIGHT_SOURCES),
                              actual=self.kind)]
        if self.kind == "typed":
            reason = self.reason.strip()
            if not reason:
                return [Violation("weighing.reason", "required")]
            if len(reason) > MAX_REASON:
                return [Violation("weighing.reason", "max_length", limit=MAX_REASON,
                                  actual=len(reason))]
        return []

    def as_json(self) -> dict:
        return {k: v for k, v in (("kind", self.kind), ("scale_id", self.scale_id),
                                  ("raw_frame", self.raw_frame), ("who", self.who),
                                  ("reason", self.reason)) if v}

    @classmethod
    def from_json(cls, data: dict | None) -> WeightSource | None:
        if not data:
            return None
        return cls(**{k: str(data.get(k, "")) for k in
                      ("kind", "scale_id", "raw_frame", "who", "reason")})

    @property
    def label_fr(self) -> str:
        """The deposit slip's short column: "balance" or "saisie"."""
        return "balance" if self.kind == "scale" else "saisie"

"""Line protocols read with a regular expression: continuous ASCII streams (generic
`ST,GS,+  1.234kg`, A&D, CAS, Dibal, or the user's own regex) and the print replies of the
MT-SICS compatibles that do not speak MT-SICS (Ohaus `IP`, Sartorius SBI). Pure.

A pattern's named groups say what each part is:
- `value` the number (required), `sign` `+`/`-`, `unit` (else the preset's or `unit=`);
- `status`: a stability header looked up in the preset's table (`ST` stable, `US` moving,
  `OL` overload …); `unstable`: any text there means moving (Ohaus `?`);
- `over` / `under`: any text there means overload / underload (Sartorius `High` / `Low`).
A preset without any stability information gets the N-equal-readings rule in the driver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from desktop.devices.scales.frames import FrameError, LineParser
from desktop.domain.weighing import (
    ScaleReading,
    ScaleState,
    stable_state,
    to_grams,
    unit_name,
)

STABLE, MOVING = "stable", "moving"
_HEADERS = {"ST": STABLE, "US": MOVING, "OL": ScaleState.OVERLOAD, "QT": None}
_NUMBER = r"(?P<value>\d+(?:\.\d*)?|\.\d+)"
_UNIT = r"(?P<unit>kg|g|lb|oz)"
_MAYBE_NUMBER = r"(?:" + _NUMBER + r"|[-.]+)?"  # overload frames print dashes


@dataclass(frozen=True)
class LinePreset:
    name: str
    pattern: str
    unit: str = "kg"  # when the frame carries none
    statuses: dict[str, object] = field(default_factory=lambda: dict(_HEADERS))
    unit_means_stable: bool = False  # Sartorius SBI blanks the unit while moving
    source: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)

    @property
    def reports_stability(self) -> bool:
        groups = self.regex.groupindex
        return self.unit_means_stable or "status" in groups or "unstable" in groups


# Sources and quirks of each preset: docs/scales.md, "Continuous ASCII streams".
PRESETS: dict[str, LinePreset] = {p.name: p for p in (
    # `ST,GS,+  1.234kg`: stability, gross/net, sign, value, unit (CAS, Kern, generic).
    LinePreset("generic", r"(?P<status>ST|US|OL),(?P<mode>GS|NT|TR),\s*(?P<sign>[+-])?\s*"
                          + _MAYBE_NUMBER + r"\s*" + _UNIT + r"?\s*$",
               source="generic indicators"),
    # A&D `ST,+00123.4  g`; `OL,+9999999 ` when overloaded; `QT` is a piece count.
    LinePreset("and", r"(?P<status>ST|US|OL|QT),(?P<sign>[+-])?\s*" + _MAYBE_NUMBER
                      + r"\s*" + _UNIT + r"?\s*$", source="A&D FX/GF/EK manuals"),
    # CAS 22-byte frame: header, gross/net, device id byte, lamp byte, weight, unit.
    LinePreset("cas", r"(?P<status>ST|US|OL),(?P<mode>GS|NT),(?P<device>.)(?P<lamp>.),?"
                      r"\s*(?P<sign>[+-])?\s*" + _MAYBE_NUMBER + r"\s*" + _UNIT + r"?\s*$",
               source="CAS CI/DB indicators"),
    # Dibal: the bare weight, no stability flag; overload is sent as 00.000, which cannot
    # be told from an empty platform (docs/scales.md).
    LinePreset("dibal", r"^\s*(?P<sign>[+-])?\s*" + _NUMBER + r"\s*" + _UNIT + r"?\s*$",
               source="Dibal continuous output"),
    # Ohaus print reply (`IP`): `   1.234 kg ? N` — `?` while moving, N/G net/gross.
    LinePreset("ohaus", r"^\s*(?P<sign>[+-])?\s*" + _NUMBER + r"\s*" + _UNIT
                        + r"\s*(?P<unstable>\?)?\s*(?P<mode>[NG])?\s*$",
               source="Ohaus Defender/Ranger interface manual"),
    # Sartorius SBI print reply: optional 6-char id (`N     `, `G     `), sign, value,
    # unit — blank while moving; `High` / `Low` out of range.
    LinePreset("sartorius", r"^\s*(?:(?P<id>[A-Z][A-Za-z#]{0,5})\s+)?(?:(?P<over>High|H)|"
                            r"(?P<under>Low|L)|(?P<sign>[+-])?\s*" + _NUMBER + r"\s*"
                            + _UNIT + r"?)\s*$",
               unit="g", unit_means_stable=True, source="Sartorius SBI interface manual"),
)}
STREAM_PRESETS = ("generic", "and", "cas", "dibal")


def user_preset(pattern: str, unit: str = "kg") -> LinePreset:
    """The user's own regex; ValueError when it does not compile or lacks `value`."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"regex {pattern!r}: {exc}") from None
    if "value" not in compiled.groupindex:
        raise ValueError(f"regex {pattern!r} needs a named group (?P<value>…)")
    unit_name(unit)
    return LinePreset("regex", pattern, unit=unit)


class RegexLineParser(LineParser):
    def __init__(self, preset: LinePreset, unit: str | None = None):
        super().__init__()
        self.preset = preset
        self.unit = unit_name(unit or preset.unit)
        self._regex = preset.regex
        self.reports_stability = preset.reports_stability
        self.keep_binary = "lamp" in self._regex.groupindex

    def parse_line(self, line: bytes) -> ScaleReading:
        text = line.decode("latin-1")
        match = self._regex.search(text)
        if not match:
            raise FrameError(f"not a {self.preset.name} frame: {text.strip()!r}")
        groups = {k: v for k, v in match.groupdict().items() if v}
        status = self.preset.statuses.get(groups.get("status", "").upper(), STABLE) \
            if "status" in groups else None
        if groups.get("over") or status is ScaleState.OVERLOAD:
            return ScaleReading(0, False, ScaleState.OVERLOAD, raw=line)
        if groups.get("under"):
            return ScaleReading(0, False, ScaleState.UNDERLOAD, raw=line)
        if "status" in groups and status is None:
            raise FrameError(f"not a weight frame: {text.strip()!r}")
        if "value" not in groups:
            raise FrameError(f"no weight in {text.strip()!r}")
        unit = groups.get("unit") or self.unit
        try:
            value = Decimal(groups["value"])
            if groups.get("sign") == "-":
                value = -value
            grams = to_grams(value, unit)
        except (InvalidOperation, ValueError) as exc:
            raise FrameError(f"{exc} in {text.strip()!r}") from None
        stable = (status == STABLE if "status" in groups
                  else not groups.get("unstable") if "unstable" in self._regex.groupindex
                  else bool(groups.get("unit")) if self.preset.unit_means_stable
                  else True)  # no flag at all: the driver's stability rule decides
        return ScaleReading(grams, stable, stable_state(grams) if stable else ScaleState.MOTION,
                            raw=line, value=value, unit=unit_name(unit))

"""USB HID postal scale input reports (DYMO M5/M10/M25, Mettler Toledo PS USB, Stamps.com,
Fairbanks). Pure: one report in, one reading out.

The 6-byte report: report id (3, sometimes 4), status, unit, exponent (signed byte),
weight as a little-endian 16-bit integer; weight = value × 10^exponent. Status and unit
codes are the HID Point of Sale usage tables' (Scale Status, Weight Unit) [USB HID Point
of Sale Usage Tables 1.02, §4 "Scale Page"; erjiang/usbscale; see docs/scales.md].
"""

from __future__ import annotations

from decimal import Decimal

from desktop.devices.scales.frames import Frame, Garbage
from desktop.domain.weighing import ScaleReading, ScaleState, to_grams

REPORT_IDS = (3, 4)
REPORT_SIZE = 6
ZERO_REPORT = b"\x02\x02"  # output report 2 "enforced zero return" [HID POS usage tables]
FAULT, STABLE_ZERO, MOTION, STABLE, UNDER_ZERO, OVERWEIGHT, CALIBRATE, REZERO = range(1, 9)
UNITS = {1: "mg", 2: "g", 3: "kg", 11: "oz", 12: "lb"}  # others (carats, taels …) refused


def parse_report(report: bytes) -> ScaleReading:
    """ValueError for a report that is not a scale data report."""
    if len(report) < REPORT_SIZE or report[0] not in REPORT_IDS:
        raise ValueError(f"not a scale data report: {report.hex(' ')}")
    status, unit_code, exponent = report[1], report[2], int.from_bytes(report[3:4], signed=True)
    raw = bytes(report[:REPORT_SIZE])
    if status in (FAULT, CALIBRATE, REZERO):
        return ScaleReading(0, False, ScaleState.FAULT, raw=raw)
    if status == OVERWEIGHT:
        return ScaleReading(0, False, ScaleState.OVERLOAD, raw=raw)
    if status == STABLE_ZERO:
        return ScaleReading(0, True, ScaleState.ZERO, raw=raw)
    if status not in (MOTION, STABLE, UNDER_ZERO):
        raise ValueError(f"unknown scale status {status} in {raw.hex(' ')}")
    unit = UNITS.get(unit_code)
    if unit is None:
        raise ValueError(f"unknown weight unit code {unit_code} in {raw.hex(' ')}")
    value = Decimal(int.from_bytes(report[4:6], "little")).scaleb(exponent)
    if status == UNDER_ZERO:
        value = -value
    grams = to_grams(value, unit)
    if status == UNDER_ZERO:
        return ScaleReading(grams, False, ScaleState.UNDERLOAD, raw=raw, value=value, unit=unit)
    stable = status == STABLE
    state = (ScaleState.ZERO if grams == 0 else ScaleState.OK) if stable else ScaleState.MOTION
    return ScaleReading(grams, stable, state, raw=raw, value=value, unit=unit)


class HidReportParser:
    """Each `feed` is one input report, as hidapi returns them. The first report after
    opening may be stale (DYMO resends the last one it had), so it is dropped."""

    reports_stability = True

    def __init__(self):
        self._skip = False

    def reset(self, *, mid_stream: bool = False) -> None:
        self._skip = True

    def feed(self, data: bytes) -> list[Frame]:
        if self._skip:
            self._skip = False
            return []
        try:
            return [parse_report(data)]
        except ValueError as exc:
            return [Garbage(bytes(data), str(exc))]


# USB ids of known HID postal scales (vendor, product) → name [erjiang/usbscale;
# linux-usb.org usb.ids; see docs/scales.md]. `packaging/udev/60-comptoir.rules` grants them.
KNOWN_SCALES: dict[tuple[int, int], str] = {
    (0x0922, 0x8003): "DYMO M10", (0x0922, 0x8004): "DYMO M25", (0x0922, 0x8009): "DYMO S180",
    (0x0EB8, 0xF000): "Mettler Toledo PS60", (0x1446, 0x6A73): "Stamps.com",
    (0x2474, 0x0550): "Stamps.com", (0x2474, 0x3550): "Stamps.com",
    (0x0B67, 0x555E): "Fairbanks", (0x7B7C, 0x0100): "USPS / Elane",
}

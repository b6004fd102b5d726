"""Toledo 8213 / 8217 replies (Mettler PS60 default; many shipping scales emulate it). Pure.

Polled with the single byte `W` (no terminator). A weight reply is `STX <weight> CR`
(`XXX.XX` in lb, kg or oz, or `0XXXXX` in grams; some emulations append the unit or `N`
for net); it is only sent when the weight is stable. Otherwise the reply is
`STX ? <status> CR`: bit 0 motion, 1 over capacity, 2 under zero, 3 outside zero capture,
4 centre of zero, 5 net, 6 bad command, 7 parity. Some scales hold bits 5 and 6 at 1, so
the byte is masked with 0x1F before testing. The line is 7E1: read as 8N1 (a pty, a wrong
setting) the parity bit shows up as bit 7, so every byte is masked with 0x7F
[Brecknell 3700LP manual; Rice Lake BenchPro manual; see docs/scales.md].
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.devices.scales.frames import Frame, FrameError, Garbage, Reply
from desktop.domain.weighing import ScaleReading, ScaleState, stable_state, to_grams, unit_name

STX, CR = b"\x02", b"\r"
WEIGH, ZERO, TARE, CLEAR_TARE = b"W", b"Z", b"T", b"C"
MOTION, OVER, UNDER, OUTSIDE_ZERO_CAPTURE, CENTRE_OF_ZERO = 1, 2, 4, 8, 16
STATUS_MASK = 0x1F
_WEIGHT = re.compile(r"^\s*(?P<sign>-)?\s*(?P<value>\d+(?:\.\d*)?|\.\d+)\s*"
                     r"(?P<unit>LB|KG|OZ|G)?\s*(?P<net>N)?\s*$", re.IGNORECASE)
MAX_FRAME = 32  # our choice: a reply is at most 10 bytes


def status_reading(status: int, raw: bytes = b"") -> ScaleReading | Reply:
    bits = status & STATUS_MASK
    if bits & OVER:
        return ScaleReading(0, False, ScaleState.OVERLOAD, raw=raw)
    if bits & UNDER:
        return ScaleReading(0, False, ScaleState.UNDERLOAD, raw=raw)
    if bits & MOTION:
        return ScaleReading(0, False, ScaleState.MOTION, raw=raw)
    if bits & OUTSIDE_ZERO_CAPTURE:  # powered up with a load: the scale cannot weigh
        return ScaleReading(0, False, ScaleState.FAULT, raw=raw)
    if bits & CENTRE_OF_ZERO:
        return ScaleReading(0, True, ScaleState.ZERO, raw=raw)
    return Reply("status", True, f"{status:#04x}", raw)


def parse_frame(body: bytes, unit: str, raw: bytes = b"") -> ScaleReading | Reply:
    """`body` is what lies between STX and CR, already masked to 7 bits."""
    if body.startswith(b"?") and len(body) == 2:
        return status_reading(body[1], raw or body)
    if body.startswith(b"E"):  # echo of the `E<text>` detection command
        return Reply("E", True, body[1:].decode("ascii", "replace"), raw or body)
    match = _WEIGHT.match(body.decode("ascii", "replace"))
    if not match:
        raise FrameError(f"not a Toledo 8213 reply: {body!r}")
    frame_unit = match["unit"] or unit
    try:
        value = Decimal(match["value"])
        if match["sign"]:
            value = -value
        grams = to_grams(value, frame_unit)
    except (InvalidOperation, ValueError) as exc:
        raise FrameError(f"{exc} in {body!r}") from None
    return ScaleReading(grams, True, stable_state(grams), raw=raw or body, value=value,
                        unit=unit_name(frame_unit))


class ToledoParser:
    reports_stability = True

    def __init__(self, unit: str = "kg"):
        self.unit = unit_name(unit)
        self._buffer = b""

    def reset(self, *, mid_stream: bool = False) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> list[Frame]:
        frames: list[Frame] = []
        buffer = self._buffer + bytes(b & 0x7F for b in data)
        while (end := buffer.find(CR)) >= 0:
            chunk, buffer = buffer[:end], buffer[end + 1:]
            start = chunk.rfind(STX)
            if start < 0:
                if chunk.strip():
                    frames.append(Garbage(chunk, "no STX before CR"))
                continue
            if start:
                frames.append(Garbage(chunk[:start], "noise before STX"))
            body = chunk[start + 1:]
            try:
                frames.append(parse_frame(body, self.unit, chunk[start:] + CR))
            except FrameError as exc:
                frames.append(Garbage(chunk[start:] + CR, str(exc)))
        if len(buffer) > MAX_FRAME:
            start = buffer.rfind(STX)
            keep = buffer[start:] if 0 <= start and len(buffer) - start <= MAX_FRAME else b""
            frames.append(Garbage(buffer[:len(buffer) - len(keep)], "no CR"))
            buffer = keep
        self._buffer = buffer
        return frames

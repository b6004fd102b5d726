"""What a scale frame parser turns bytes into, and the stream-safe line framing they share.

A parser is pure: `feed(bytes)` returns the frames completed so far and keeps the rest for
the next call, so a frame split across reads, line noise, bytes received at the wrong baud
rate or a stream joined mid-frame never produce a wrong weight — only `Garbage`, which the
driver reports when nothing better arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from desktop.domain.weighing import ScaleReading


@dataclass(frozen=True)
class Reply:
    """A frame that is not a weight: an acknowledgement (zero, tare), an identification,
    or a refusal (`ok` False, e.g. MT-SICS `ES`, `Z I`)."""

    command: str
    ok: bool
    text: str = ""
    raw: bytes = b""


@dataclass(frozen=True)
class Garbage:
    """Bytes that are not a frame of this protocol (noise, wrong baud rate, another protocol)."""

    raw: bytes
    reason: str


Frame = ScaleReading | Reply | Garbage


class FrameParser(Protocol):
    reports_stability: bool  # False: the driver applies the N-equal-readings rule

    def feed(self, data: bytes) -> list[Frame]: ...

    def reset(self, *, mid_stream: bool = False) -> None: ...


class FrameError(ValueError):
    """A complete frame that does not parse; becomes `Garbage` with this reason."""


MAX_FRAME = 256  # our choice: every protocol here has frames under 40 bytes; noise is cut
_PRINTABLE_TAIL = re.compile(rb"[\x20-\x7e]*$")


class LineParser:
    """Splits on CR and/or LF and hands each non-empty line to `parse_line`.

    `reset(mid_stream=True)` (a continuous stream joined at an unknown point) drops
    everything up to the first line end: the first frame may be a tail such as `34kg`.
    Bytes outside printable ASCII before a line's text (wrong-baud noise glued to a good
    frame) are cut, unless `keep_binary` (CAS frames carry a binary lamp byte)."""

    reports_stability = True
    keep_binary = False

    def __init__(self):
        self._buffer = b""
        self._skip_partial = False

    def reset(self, *, mid_stream: bool = False) -> None:
        self._buffer = b""
        self._skip_partial = mid_stream

    def feed(self, data: bytes) -> list[Frame]:
        frames: list[Frame] = []
        buffer = self._buffer + data
        while True:
            cut = _line_end(buffer)
            if cut < 0:
                break
            line, buffer = buffer[:cut], buffer[cut + 1:]
            if self._skip_partial:
                self._skip_partial = False
                if line.strip(b"\r\n"):
                    continue
            frame = self._frame(line)
            if frame is not None:
                frames.append(frame)
        if len(buffer) > MAX_FRAME:  # no line end in sight: noise, keep only a possible start
            frames.append(Garbage(buffer[:-MAX_FRAME], "no line end"))
            buffer = buffer[-MAX_FRAME:]
        self._buffer = buffer
        return frames

    def _frame(self, line: bytes) -> Frame | None:
        if not self.keep_binary:
            line = _PRINTABLE_TAIL.search(line).group(0)
        if not line.strip():
            return None
        try:
            return self.parse_line(line)
        except FrameError as exc:
            return Garbage(line, str(exc))

    def parse_line(self, line: bytes) -> ScaleReading | Reply:
        raise NotImplementedError


def _line_end(buffer: bytes) -> int:
    cr, lf = buffer.find(b"\r"), buffer.find(b"\n")
    ends = [i for i in (cr, lf) if i >= 0]
    return min(ends) if ends else -1

"""One scale: a protocol (parser, poll, zero, tare) over a link (serial or HID).

`read()` returns one reading or raises: `ScaleTimeout` when the scale is silent,
`ScaleError` when only garbage came, `ScaleDisconnected` when the link broke (it is reopened
on the next read, so an unplugged adapter comes back by itself). A polled scale is sent its
poll and the first reading is returned; a streaming scale is read until its newest complete
frame, so the display never lags behind a backlog.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from desktop.devices.scales.base import ScaleDisconnected, ScaleError, ScaleTimeout
from desktop.devices.scales.frames import FrameParser, Garbage, Reply
from desktop.devices.scales.links import LINKS, Link
from desktop.devices.scales.protocols import ScaleProtocol, SerialSettings
from desktop.domain.weighing import ScaleReading, ScaleState, StabilityRule, StabilityTracker

REPLY_TIMEOUT_S = 1.0  # our choice: every protocol here answers within one display update
STREAM_TIMEOUT_S = 2.0  # our choice: continuous scales send several frames a second


class FramedScale:
    def __init__(self, protocol: ScaleProtocol, target: str, *,
                 serial: SerialSettings | None = None, options: Mapping[str, object] = {},
                 timeout_s: float | None = None, stability: StabilityRule | None = None,
                 scale_id: str = "", connect: bool = True,
                 link_factory: Callable[[str, SerialSettings], Link] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.protocol = protocol
        self.target = target
        self.serial = serial or protocol.serial
        poll: bytes | None = options.get("poll", protocol.poll)  # type: ignore[assignment]
        # `SIR`-like commands start a stream: sent once per opening, then only listened to.
        self.start = poll if poll in protocol.stream_commands else None
        self.poll = None if self.start else poll
        self.parser: FrameParser = protocol.parser(options)
        default_timeout = REPLY_TIMEOUT_S if self.poll else STREAM_TIMEOUT_S
        self.timeout_s = default_timeout if timeout_s is None else timeout_s
        if self.timeout_s <= 0:
            raise ValueError(f"timeout must be > 0 s, not {self.timeout_s:g}")
        self.scale_id = scale_id or f"{protocol.name}:{target}"
        self._tracker = (None if self.parser.reports_stability and stability is None
                         else StabilityTracker(stability or StabilityRule()))
        self._link_factory = link_factory or LINKS[protocol.transport]
        self._clock = clock
        self._lock = threading.Lock()
        self._link: Link | None = None
        self._closed = False
        if connect:
            self._open()  # fail at once when the port is missing, not at the first read

    @property
    def can_zero(self) -> bool:
        return self.protocol.zero is not None

    @property
    def can_tare(self) -> bool:
        return self.protocol.tare is not None

    @property
    def paced_by_device(self) -> bool:
        """True for streams: `read()` waits for the scale, the monitor need not sleep."""
        return self.poll is None

    # -- Scale port ------------------------------------------------------------------------
    def read(self) -> ScaleReading:
        with self._lock:
            link = self._ready()
            if self.poll is not None:
                self._send(link, self.poll)
            reading = self._receive(link, want=None)
        if not isinstance(reading, ScaleReading):  # only readings answer want=None
            raise ScaleError(f"{self.target}: unexpected reply {reading!r}")
        if self._tracker is not None:
            reading = self._tracker.feed(reading, self._clock())
        return replace(reading, at=datetime.now(UTC), scale_id=self.scale_id)

    def zero(self) -> bool:
        """Zeroes the scale; False when the protocol has no zero or the scale refused."""
        return self._command(self.protocol.zero, self.protocol.zero_reply)

    def tare(self) -> bool:
        return self._command(self.protocol.tare, self.protocol.tare_reply)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self.start is not None and self._link is not None and self.protocol.stop:
                try:  # leave the scale quiet, as we found it
                    self._link.write(self.protocol.stop)
                except ScaleDisconnected:
                    pass
            self._drop()

    # -- internals -------------------------------------------------------------------------
    def _command(self, data: bytes | None, reply_id: str) -> bool:
        if data is None:
            return False
        with self._lock:
            link = self._ready()
            self._send(link, data)
            if not reply_id:
                return True
            reply = self._receive(link, want=reply_id)
        return isinstance(reply, Reply) and reply.ok

    def _ready(self) -> Link:
        if self._closed:
            raise ScaleDisconnected(f"{self.target}: closed")
        return self._link or self._open()

    def _open(self) -> Link:
        self._link = self._link_factory(self.target, self.serial)
        self.parser.reset(mid_stream=self.poll is None)
        if self.start is not None:
            try:
                self._link.write(self.start)
            except ScaleDisconnected:
                self._drop()
                raise
        if self._tracker is not None:
            self._tracker.reset()
        return self._link

    def _drop(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()

    def _send(self, link: Link, data: bytes) -> None:
        try:
            link.discard_input()  # a late reply to an earlier poll is not this one's
            self.parser.reset(mid_stream=self.poll is None)  # a stream goes on meanwhile
            link.write(data)
        except ScaleDisconnected:
            self._drop()
            raise

    def _receive(self, link: Link, want: str | None) -> ScaleReading | Reply:
        """The first reading (polled), the newest one (stream), or the reply `want`."""
        deadline = self._clock() + self.timeout_s
        latest: ScaleReading | Reply | None = None
        garbage: Garbage | None = None
        try:
            while True:
                left = deadline - self._clock()
                if left <= 0:
                    break
                data = link.read(left)
                for frame in self.parser.feed(data) if data else ():
                    if isinstance(frame, Garbage):
                        garbage = frame
                    elif want is not None:
                        if isinstance(frame, Reply) and frame.command == want or (
                                isinstance(frame, Reply) and not frame.ok):
                            return frame
                    elif isinstance(frame, ScaleReading):
                        latest = frame
                    elif not frame.ok:  # the scale refused the poll (MT-SICS ES, EL …)
                        latest = ScaleReading(0, False, ScaleState.FAULT, raw=frame.raw)
                if latest is not None and (self.poll is not None or not link.pending()):
                    return latest
        except ScaleDisconnected:
            self._drop()
            raise
        if latest is not None:  # a stream that never paused: its newest frame
            return latest
        # Silence: the port is reopened on the next read. An unplugged adapter does not
        # always fail its reads (a read-only stream just hears nothing), and a replugged
        # one is a new device behind the same /dev/serial/by-id name.
        self._drop()
        label = self.poll.decode("ascii", "replace").strip() if self.poll else ""
        what = f"no reply to {want or label}" if self.poll is not None or want else "no frame"
        if garbage is not None:
            raise ScaleError(f"{self.target}: {garbage.reason} "
                             f"({what} within {self.timeout_s:g} s)")
        raise ScaleTimeout(f"{self.target}: {what} within {self.timeout_s:g} s")

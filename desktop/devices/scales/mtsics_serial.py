"""MT-SICS scale on a serial line: send a weight command, read one CR LF reply.

`SI` (weight now, stable or not) is the default poll: `S` waits for stability inside the
scale, which freezes the live display while the parcel moves [MT-SICS reference manual].
"""

from __future__ import annotations

import threading

import serial

from desktop.devices.scales.base import ScaleDisconnected, ScaleError
from desktop.devices.scales.mtsics import (
    WEIGHT_COMMANDS,
    SicsError,
    command,
    parse_reply,
    to_reading,
)
from desktop.devices.serial_errors import OPEN_ERRORS, SERIAL_ERRORS, close_quietly
from desktop.domain.weighing import ScaleReading, ScaleState

DEFAULT_BAUDRATE = 9600  # MT-SICS default 9600 8N1, no handshake (PROTOCOLS.md)
REPLY_TIMEOUT_S = 1.0  # our choice: `SI` answers within one display update
_MAX_LINE = 256  # an MT-SICS reply is a few dozen bytes; stop reading noise early


class MtSicsScale:
    def __init__(self, port_url: str, *, baudrate: int = DEFAULT_BAUDRATE,
                 poll: str = "SI", timeout_s: float = REPLY_TIMEOUT_S):
        poll = poll.upper()
        if poll not in WEIGHT_COMMANDS or poll in ("SIR", "SR", "SNR"):
            # SIR/SR/SNR make the scale stream on its own: not a poll command.
            raise ValueError(f"poll command must be one of S, SI, SX, SU, SUI; not {poll!r}")
        self.port_url = port_url
        self.poll = poll
        self.timeout_s = timeout_s
        self._settings = {"baudrate": baudrate, "bytesize": serial.EIGHTBITS,
                          "parity": serial.PARITY_NONE, "stopbits": serial.STOPBITS_ONE,
                          "timeout": timeout_s, "write_timeout": timeout_s}
        self._lock = threading.Lock()
        self._port: serial.SerialBase | None = None
        self._closed = False
        self._open()  # fail at once when the port is missing, not at the first poll

    def read(self) -> ScaleReading:
        with self._lock:
            if self._closed:
                raise ScaleDisconnected(f"{self.port_url}: closed")
            port = self._port or self._open()  # reopen after an unplug
            try:
                port.reset_input_buffer()  # drop a late reply to an earlier poll
                port.write(command(self.poll))
                line = port.read_until(b"\n", _MAX_LINE)
            except SERIAL_ERRORS as exc:
                self._drop()
                raise ScaleDisconnected(f"{self.port_url}: {exc}") from exc
        if not line.endswith(b"\n"):
            raise ScaleError(f"{self.port_url}: no reply to {self.poll} within "
                             f"{self.timeout_s:g} s" + (f" (got {line!r})" if line else ""))
        try:
            return to_reading(parse_reply(line))
        except SicsError as exc:
            if exc.code:  # the scale is there but refused or misread the command
                return ScaleReading(0, False, ScaleState.FAULT)
            raise ScaleError(f"{self.port_url}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop()

    def _open(self) -> serial.SerialBase:
        try:
            self._port = serial.serial_for_url(self.port_url, **self._settings)
        except OPEN_ERRORS as exc:
            raise ScaleDisconnected(f"cannot open {self.port_url}: {exc}") from exc
        return self._port

    def _drop(self) -> None:
        port, self._port = self._port, None
        close_quietly(port)

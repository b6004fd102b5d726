"""Serial printer: `serial:///dev/ttyUSB0?baudrate=9600`, or any pyserial URL.

pyserial's own URLs (`loop://`, `socket://host:port`, `spy://…`, `rfc2217://…`) are passed
to `serial.serial_for_url` unchanged, which is how tests reach this code without hardware.
The port stays open between jobs (opening a USB-serial adapter can reset some printers) and
is reopened after an error. `?status=zpl|tspl|epl2` asks that language's status query over
the line (`desktop.devices.printers.status`); without it the state is UNKNOWN (never
"ready"): the port opens, but many serial printers never answer.
"""

from __future__ import annotations

import math
import threading
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import serial

from desktop.devices.printers.status import (
    PROTOCOLS,
    StatusProtocol,
    StatusReplyError,
    unreadable,
)
from desktop.devices.serial_errors import OPEN_ERRORS, SERIAL_ERRORS, close_quietly
from desktop.devices.transports.base import TransportError
from desktop.devices.urls import PYSERIAL_SCHEMES, query_options, split_url
from desktop.domain.printing import PrinterStatus

DEFAULT_BAUDRATE = 9600  # factory setting of Zebra serial ports [ZPL II manual, ^SC]
WRITE_TIMEOUT_S = 30.0  # our choice: a full printer buffer drains slowly at 9600 baud
STATUS_TIMEOUT_S = 3.0  # our choice, as for TCP
_OPTIONS = {"baudrate": int, "bytesize": int, "parity": str, "stopbits": float,
            "rtscts": bool, "xonxoff": bool, "dsrdtr": bool, "timeout": float,
            "status": str, "status_timeout": float}


class SerialTransport:
    def __init__(self, url: str):
        parts = split_url(url)
        self.url = url
        if parts.scheme == "serial":
            if parts.netloc or not parts.path:
                raise ValueError(f"{url}: expected serial:///dev/ttyUSB0 or serial:///COM3")
            opts = query_options(url, parts, _OPTIONS)
            # "serial:///COM3" → "COM3" on Windows; "/dev/ttyUSB0" elsewhere.
            path = parts.path[1:] if parts.path[1:].upper().startswith("COM") else parts.path
            self.port_url = path
        elif parts.scheme in PYSERIAL_SCHEMES:
            # Our options are taken out; pyserial's own (e.g. loop://?logging=debug) stay.
            ours = {k: v for k, v in parse_qsl(parts.query) if k in _OPTIONS}
            theirs = [(k, v) for k, v in parse_qsl(parts.query) if k not in _OPTIONS]
            opts = query_options(url, urlsplit("?" + urlencode(ours)), _OPTIONS)
            # Rebuilt by hand: urlunsplit turns "loop://" into "loop:".
            base = url.strip().split("?", 1)[0]
            self.port_url = base + (f"?{urlencode(theirs)}" if theirs else "")
        else:
            raise ValueError(f"not a serial printer URL: {url!r}")
        self.status_mode = str(opts.pop("status", "open"))
        if self.status_mode != "open" and self.status_mode not in PROTOCOLS:
            raise ValueError(f"{url}: status must be 'open' or one of "
                             f"{', '.join(PROTOCOLS)}")
        self.write_timeout = float(opts.pop("timeout", WRITE_TIMEOUT_S))
        self.status_timeout = float(opts.pop("status_timeout", STATUS_TIMEOUT_S))
        if not 0 < self.status_timeout < math.inf:
            raise ValueError(f"{url}: status_timeout must be a positive number of seconds")
        self.settings = {"baudrate": DEFAULT_BAUDRATE, "bytesize": 8, "parity": "N",
                         "stopbits": 1, **opts}  # 8N1 [ZPL II manual, ^SC defaults]
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()  # one job at a time on the line

    def send(self, payload: bytes, job_name: str = "") -> str:
        with self._lock:
            port = self._open()
            try:
                # write() returns once the OS holds every byte (or write_timeout hits). No
                # flush(): tcdrain() has no timeout and hangs while a printer holds CTS low.
                written = port.write(payload)
            except SERIAL_ERRORS as exc:
                self._drop()
                raise TransportError(self.url, f"writing to {self.port_url} failed: "
                                               f"{exc}") from exc
            if written is not None and written != len(payload):
                self._drop()
                raise TransportError(self.url, f"timed out after {self.write_timeout:g} s: "
                                               f"{written} of {len(payload)} bytes sent")
        return self.port_url

    def status(self) -> PrinterStatus:
        protocol = PROTOCOLS.get(self.status_mode)
        language = protocol.name if protocol else ""
        with self._lock:
            try:
                port = self._open()
            except TransportError as exc:
                return PrinterStatus.offline(str(exc).removeprefix(f"{self.url}: "), language)
            if protocol is None:
                return PrinterStatus.unknown(f"{self.port_url} open; printer state unknown")
            try:
                reply = self._ask(port, protocol)
            except SERIAL_ERRORS as exc:
                self._drop()
                return PrinterStatus.offline(f"status query failed: {exc}", language)
        if not reply or not (protocol.complete(reply) or protocol.usable_partial(reply)):
            return PrinterStatus.offline(f"timeout: no status reply on {self.port_url}",
                                         language)
        try:
            return protocol.parse(reply)
        except StatusReplyError as exc:
            return unreadable(exc, language, reply)

    @property
    def connection(self) -> serial.SerialBase | None:
        """The open pyserial port, if any (diagnostics, and reading back `loop://` in tests)."""
        return self._port

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _ask(self, port: serial.SerialBase, protocol: StatusProtocol) -> bytes:
        port.reset_input_buffer()
        port.write(protocol.command)
        deadline = time.monotonic() + self.status_timeout
        reply = b""
        while not protocol.complete(reply) and time.monotonic() < deadline:
            port.timeout = max(0.01, deadline - time.monotonic())
            reply += port.read(max(1, port.in_waiting))
        return reply

    def _open(self) -> serial.SerialBase:
        if self._port is None:
            try:
                self._port = serial.serial_for_url(
                    self.port_url, write_timeout=self.write_timeout, timeout=self.status_timeout,
                    **self.settings)
            except OPEN_ERRORS as exc:
                raise TransportError(self.url, f"cannot open {self.port_url}: {exc}") from exc
        return self._port

    def _drop(self) -> None:
        port, self._port = self._port, None
        close_quietly(port)

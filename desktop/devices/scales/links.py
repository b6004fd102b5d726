"""Transports a scale driver talks through, by kind (the protocol says which):

- `serial`: any pyserial URL — `/dev/ttyUSB0`, `COM3`, `socket://host:port`,
  `rfc2217://host:port`, `loop://` — with baud rate, data bits, parity, stop bits and flow
  control [pyserial docs, URL handlers];
- `hid`: a USB HID device by vendor and product id (`0922:8003`), through `hidapi`
  (the PyPI package `hidapi`, module `hid`: optional extra `comptoir[hid]`).

A link reads whatever bytes are there (waiting up to a timeout), writes, and discards stale
input; any failure is `ScaleDisconnected` so the driver reopens it on the next read.
"""

from __future__ import annotations

import re
from typing import Protocol

import serial

from desktop.devices.scales.base import ScaleDisconnected
from desktop.devices.scales.protocols import SerialSettings
from desktop.devices.serial_errors import OPEN_ERRORS, SERIAL_ERRORS, close_quietly

READ_CHUNK = 512  # our choice: more than any burst a scale sends between two reads


class Link(Protocol):
    target: str

    def read(self, timeout_s: float) -> bytes: ...

    def pending(self) -> bool: ...

    def write(self, data: bytes) -> None: ...

    def discard_input(self) -> None: ...

    def close(self) -> None: ...


class SerialLink:
    def __init__(self, target: str, settings: SerialSettings):
        self.target = target
        try:
            self._port = serial.serial_for_url(
                target, baudrate=settings.baudrate, bytesize=settings.bytesize,
                parity=settings.parity, stopbits=settings.stopbits, xonxoff=settings.xonxoff,
                rtscts=settings.rtscts, dsrdtr=settings.dsrdtr, timeout=0.1, write_timeout=1.0)
        except OPEN_ERRORS as exc:
            raise ScaleDisconnected(f"cannot open {target}: {exc}") from exc

    def read(self, timeout_s: float) -> bytes:
        try:
            timeout_s = max(0.0, round(timeout_s, 3))
            if self._port.timeout != timeout_s:  # setting it reconfigures the port
                self._port.timeout = timeout_s
            waiting = self._port.in_waiting
            return self._port.read(min(max(1, waiting), READ_CHUNK))
        except SERIAL_ERRORS as exc:
            raise ScaleDisconnected(f"{self.target}: {exc}") from exc

    def pending(self) -> bool:
        try:
            return self._port.in_waiting > 0
        except SERIAL_ERRORS as exc:
            raise ScaleDisconnected(f"{self.target}: {exc}") from exc

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
        except SERIAL_ERRORS as exc:  # includes serial.SerialTimeoutException
            raise ScaleDisconnected(f"{self.target}: {exc}") from exc

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except SERIAL_ERRORS as exc:
            raise ScaleDisconnected(f"{self.target}: {exc}") from exc

    def close(self) -> None:
        close_quietly(self._port)


_HID_ID = re.compile(r"^(?P<vendor>[0-9a-fA-F]{4}):(?P<product>[0-9a-fA-F]{4})$")
HID_REPORT_MAX = 64  # a full-speed interrupt report is at most 64 bytes [USB 2.0 §5.7.3]


def parse_hid_target(target: str) -> tuple[int, int]:
    match = _HID_ID.match(target.strip().strip("/"))
    if not match:
        raise ValueError(f"expected a USB id such as 0922:8003, not {target!r}")
    return int(match["vendor"], 16), int(match["product"], 16)


class HidLink:
    """One report per read. `hid` is imported here only: without the extra installed,
    opening a HID scale says how to get it, and every other scale still works."""

    def __init__(self, target: str, settings: SerialSettings | None = None, *, hid_module=None):
        self.target = target
        vendor, product = parse_hid_target(target)
        if hid_module is None:
            try:
                import hid as hid_module  # the `hidapi` package
            except ImportError as exc:
                raise ScaleDisconnected("USB HID scales need the hidapi package: "
                                        "pip install 'comptoir[hid]'") from exc
        self._hid = hid_module
        try:
            self._device = hid_module.device()
            self._device.open(vendor, product)
        except (OSError, ValueError) as exc:
            raise ScaleDisconnected(f"cannot open HID {target}: {exc}") from exc
        self._pending = b""

    def read(self, timeout_s: float) -> bytes:
        try:
            report = self._device.read(HID_REPORT_MAX, max(1, int(timeout_s * 1000)))
        except (OSError, ValueError) as exc:
            raise ScaleDisconnected(f"HID {self.target}: {exc}") from exc
        return bytes(report)

    def pending(self) -> bool:
        return False  # hidapi has no "bytes waiting": each read is one whole report

    def write(self, data: bytes) -> None:
        try:
            if self._device.write(list(data)) < 0:
                raise OSError("write refused")
        except (OSError, ValueError) as exc:
            raise ScaleDisconnected(f"HID {self.target}: {exc}") from exc

    def discard_input(self) -> None:
        pass  # reports are not buffered on our side

    def close(self) -> None:
        try:
            self._device.close()
        except (OSError, ValueError):
            pass


LINKS = {"serial": SerialLink, "hid": HidLink}

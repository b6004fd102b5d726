"""Chooses a printer transport from its URL scheme (brother_ql style: URL → backend).

`system:` / `system://Queue` (the OS print dialog, for PDF) is served by Qt in `desktop/ui`;
the composition root must intercept it before calling `open_transport`, which refuses it.

Serial transports are shared per URL and keep their port open between jobs (reopening a
USB-serial adapter can reset a printer); `close_transports()` releases them at exit.
"""

from __future__ import annotations

import threading

from desktop.devices.transports.cups import CupsTransport
from desktop.devices.transports.file import FileTransport
from desktop.devices.transports.memory import memory_printer
from desktop.devices.transports.serial_port import SerialTransport
from desktop.devices.transports.tcp import TcpTransport
from desktop.devices.transports.usb import UsbTransport
from desktop.devices.urls import PYSERIAL_SCHEMES, split_url
from desktop.domain.ports import PrinterTransport
from desktop.domain.printing import LabelFormat

SCHEMES = ("file", "tcp", "serial", "usb", "cups", "memory")
SYSTEM_SCHEME = "system"

_serial: dict[str, SerialTransport] = {}
_serial_guard = threading.Lock()


# The status query a raw TCP printer gets when its URL names none: the job's language.
# A PDF sent raw goes to an office printer, where "~HS" would print as text: ask nothing.
STATUS_BY_LANGUAGE = {"zpl": "zpl", "epl2": "epl2", "tspl": "tspl", "pdf": "none"}


def open_transport(url: str, fmt: LabelFormat | None = None) -> PrinterTransport:
    """A transport for `url`. `fmt` sets the file extension used when a job name has none
    and, for `tcp://` without `?status=`, the status query of the job's language (ZPL when
    unknown); the signature also fits `desktop.domain.ports.PrinterResolver`.

    Raises ValueError naming the URL when the scheme is unknown or the URL malformed.
    """
    parts = split_url(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return FileTransport(url, default_ext=fmt.extension if fmt else "bin")
    if scheme == "tcp":
        status = STATUS_BY_LANGUAGE[LabelFormat(fmt).language] if fmt else "zpl"
        return TcpTransport(url, default_status=status)
    if scheme == "usb":
        return UsbTransport(url)
    if scheme == "cups":
        return CupsTransport(url)
    if scheme == "memory":
        return memory_printer(url)
    if scheme == "serial" or scheme in PYSERIAL_SCHEMES:
        with _serial_guard:
            if url not in _serial:
                _serial[url] = SerialTransport(url)
            return _serial[url]
    if scheme == SYSTEM_SCHEME:
        raise ValueError(f"{url}: the system printer is handled by the user interface, "
                         f"not by a raw transport")
    known = ", ".join(f"{s}://" for s in (*SCHEMES, *PYSERIAL_SCHEMES))
    if not scheme:
        raise ValueError(f"printer URL {url!r} has no scheme (known: {known})")
    raise ValueError(f"printer URL {url!r}: unknown scheme {scheme!r} (known: {known})")


def validate_printer_url(url: str, fmt: LabelFormat | None = None) -> None:
    """ValueError naming the problem unless `url` is a printer URL some transport accepts:
    scheme, host, port (1–65535), path and options are checked by that transport's own
    constructor, which connects to nothing; no shared transport is created or kept."""
    if not url or not url.strip():
        raise ValueError("printer URL is empty (e.g. tcp://host:9100, file:///dir)")
    scheme = split_url(url).scheme.lower()
    if scheme == "memory":
        return  # an in-process test printer: any name is valid
    if scheme == "serial" or scheme in PYSERIAL_SCHEMES:
        SerialTransport(url)  # parsed only: the port is opened at the first job
        return
    open_transport(url, fmt)


def close_transports() -> None:
    """Closes the serial ports kept open between jobs; the next job reopens them."""
    with _serial_guard:
        transports = list(_serial.values())
        _serial.clear()
    for transport in transports:
        transport.close()

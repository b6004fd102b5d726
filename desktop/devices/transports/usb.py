"""USB printer class device (`usb:///dev/usb/lp0`): the kernel's usblp driver takes raw bytes.

Access needs the udev rule in `packaging/udev/60-comptoir.rules` (group `plugdev`).
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from desktop.devices.transports.base import TransportError
from desktop.devices.urls import split_url
from desktop.domain.printing import PrinterStatus

# LPGETSTATUS ioctl of the Linux lp/usblp drivers [linux/include/uapi/linux/lp.h]
LPGETSTATUS = 0x060B
LP_PERRORP = 0x08  # active low: 0 means the printer signals an error
LP_PSELECD = 0x10  # printer selected (on line)
LP_POUTPA = 0x20  # paper out


def decode_lp_status(byte: int) -> PrinterStatus:
    """Printer port status byte (IEEE 1284 lines, as usblp reports them) → status."""
    if byte & LP_POUTPA:
        return PrinterStatus(False, "paper out")
    if not byte & LP_PSELECD:
        return PrinterStatus(False, "off line")
    if not byte & LP_PERRORP:
        return PrinterStatus(False, "printer error")
    return PrinterStatus(True, "ready")


class UsbTransport:
    def __init__(self, url: str):
        parts = split_url(url)
        if parts.scheme != "usb":
            raise ValueError(f"not a usb printer URL: {url!r}")
        if parts.netloc or not parts.path.startswith("/") or parts.query:
            raise ValueError(f"{url}: expected usb:///dev/usb/lp0")
        self.url = url
        self.device = Path(parts.path)

    def send(self, payload: bytes, job_name: str = "") -> str:
        with _device_lock(self.device):  # two jobs at once would interleave their bytes
            return self._send(payload)

    def _send(self, payload: bytes) -> str:
        try:
            # No O_CREAT: a missing device must fail, not become a regular file.
            fd = os.open(self.device, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise TransportError(self.url, _explain(exc, self.device)) from exc
        try:
            view = memoryview(bytes(payload))
            while view:
                view = view[os.write(fd, view):]
        except OSError as exc:
            raise TransportError(self.url, f"writing to {self.device} failed: "
                                           f"{exc.strerror or exc}") from exc
        finally:
            os.close(fd)
        return str(self.device)

    def status(self) -> PrinterStatus:
        if not self.device.exists():
            return PrinterStatus.offline(f"not connected: {self.device} does not exist")
        if not os.access(self.device, os.W_OK):
            return PrinterStatus(False, f"permission denied on {self.device} "
                                        f"(udev rule / plugdev group)")
        byte = _ioctl_status(self.device)
        if byte is None:
            return PrinterStatus.unknown(f"{self.device} writable; printer state unknown")
        return decode_lp_status(byte)


_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def _device_lock(device: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(device, threading.Lock())


def _ioctl_status(device: Path) -> int | None:
    """The LPGETSTATUS byte, or None off Linux or when the device is not an lp device."""
    try:
        import fcntl
        import struct
    except ImportError:  # Windows
        return None
    try:
        fd = os.open(device, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        raw = fcntl.ioctl(fd, LPGETSTATUS, struct.pack("i", 0))
        return struct.unpack("i", raw)[0] & 0xFF
    except OSError:
        return None
    finally:
        os.close(fd)


def _explain(exc: OSError, device: Path) -> str:
    if exc.errno == errno.ENOENT:
        return f"not connected: {device} does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied on {device} (install the udev rule, join group plugdev)"
    if exc.errno == errno.EBUSY:
        return f"{device} is busy (used by CUPS or another program)"
    return f"cannot open {device}: {exc.strerror or exc}"

"""Which protocol does the scale on this port speak? Listen first (a continuous scale talks
by itself and a command could disturb it), then try each polled protocol at its own serial
preset. Also lists the USB HID postal scales that are plugged in."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.devices.scales.ascii_stream import PRESETS, STREAM_PRESETS, RegexLineParser
from desktop.devices.scales.base import ScaleError
from desktop.devices.scales.driver import FramedScale
from desktop.devices.scales.hid_report import KNOWN_SCALES
from desktop.devices.scales.links import SerialLink
from desktop.devices.scales.protocols import PROTOCOLS, SerialSettings
from desktop.devices.urls import PYSERIAL_SCHEMES
from desktop.domain.weighing import ScaleReading

LISTEN_S = 1.5  # our choice: continuous indicators send several frames a second
POLL_TIMEOUT_S = 0.6  # our choice: a polled scale answers within one display update
POLLED = ("mt-sics", "toledo", "ohaus", "sartorius")


@dataclass(frozen=True)
class ProbeResult:
    protocol: str
    url: str  # a scale URL that opens this scale
    reading: ScaleReading | None
    detail: str = ""


def port_of(device: str) -> str:
    """`serial:///dev/ttyUSB0` → `/dev/ttyUSB0`; bare ports and pyserial URLs unchanged."""
    text = device.strip().split("?", 1)[0]
    if text.startswith("serial://"):
        rest = text[len("serial://"):]
        return rest[1:] if rest[1:].upper().startswith("COM") else rest
    return text


def scale_url(protocol: str, port: str, query: str = "") -> str:
    scheme = port.split("://", 1)[0] if "://" in port else ""
    base = (f"{protocol}+{port}" if scheme in PYSERIAL_SCHEMES
            else f"{protocol}:///{port}" if port.upper().startswith("COM")
            else f"{protocol}://{port}")
    return base + (f"?{query}" if query else "")


def probe_port(device: str, *, protocols: Iterable[str] = POLLED, listen_s: float = LISTEN_S,
               timeout_s: float = POLL_TIMEOUT_S, first_only: bool = True,
               link_factory: Callable = SerialLink) -> list[ProbeResult]:
    """The protocols that answered on `device`, most likely first; [] when none did.
    ScaleDisconnected when the port cannot be opened at all."""
    port = port_of(device)
    found = _listen(port, listen_s, link_factory)
    if found and first_only:
        return found
    for name in protocols:
        spec = PROTOCOLS[name]
        try:
            scale = FramedScale(spec, port, timeout_s=timeout_s, link_factory=link_factory)
        except ScaleError:
            if name == "mt-sics" and not found:
                raise  # the port itself does not open: say so once
            continue
        try:
            reading = scale.read()
        except ScaleError:
            continue
        finally:
            scale.close()
        found.append(ProbeResult(name, scale_url(name, port), reading, spec.serial.short))
        if first_only:
            break
    return found


def _listen(port: str, listen_s: float, link_factory: Callable) -> list[ProbeResult]:
    link = link_factory(port, SerialSettings())
    data = b""
    try:
        deadline = time.monotonic() + listen_s
        while (left := deadline - time.monotonic()) > 0:
            data += link.read(min(left, 0.2))
    finally:
        link.close()
    results = []
    for preset in STREAM_PRESETS:
        parser = RegexLineParser(PRESETS[preset])
        parser.reset(mid_stream=True)
        frames = [f for f in parser.feed(data) if isinstance(f, ScaleReading)]
        if frames:
            results.append((len(frames), preset, frames[-1]))
    results.sort(key=lambda r: -r[0])  # the preset that understood most frames
    return [ProbeResult("ascii", scale_url("ascii", port, f"preset={preset}"), reading,
                        f"{count} frames") for count, preset, reading in results]


def list_hid_scales(hid_module=None) -> list[ProbeResult]:
    """The HID postal scales plugged in (needs the optional `hidapi` package)."""
    if hid_module is None:
        try:
            import hid as hid_module
        except ImportError:
            return []
    seen = []
    for info in hid_module.enumerate():
        key = (info.get("vendor_id"), info.get("product_id"))
        if key in KNOWN_SCALES:
            seen.append(ProbeResult("hid", f"hid://{key[0]:04x}:{key[1]:04x}", None,
                                    KNOWN_SCALES[key]))
    return seen

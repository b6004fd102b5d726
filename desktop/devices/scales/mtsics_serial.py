"""MT-SICS scale on a serial line (kept for callers of the first driver): a `FramedScale`
with the MT-SICS protocol. `SI` (weight now, stable or not) is the default poll: `S` waits
for stability inside the scale, which freezes the live display [MT-SICS reference manual].
"""

from __future__ import annotations

from dataclasses import replace

from desktop.devices.scales.driver import REPLY_TIMEOUT_S, FramedScale
from desktop.devices.scales.mtsics import poll_command
from desktop.devices.scales.protocols import PROTOCOLS

DEFAULT_BAUDRATE = 9600  # MT-SICS default 9600 8N1, no handshake (docs/scales.md)


def MtSicsScale(port_url: str, *, baudrate: int = DEFAULT_BAUDRATE, poll: str = "SI",  # noqa: N802
                timeout_s: float = REPLY_TIMEOUT_S) -> FramedScale:
    spec = PROTOCOLS["mt-sics"]
    return FramedScale(spec, port_url, serial=replace(spec.serial, baudrate=baudrate),
                       options={"poll": poll_command(poll)}, timeout_s=timeout_s)

"""The scales in use and their I/O threads (after Electrum's `DeviceMgr`).

One `ScaleMonitor` thread per scale, keyed by scale id; readings reach the caller's
callback from that thread (the UI turns it into a Qt signal). A scale opened here does not
need its port at start: a missing or unplugged one reads as DISCONNECTED and is reopened by
its driver at every retry, so nothing ever blocks or crashes the caller.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.devices.scales.monitor import POLL_INTERVAL_S, ScaleMonitor
from desktop.devices.scales.probe import ProbeResult, list_hid_scales, probe_port
from desktop.devices.scales.resolver import open_scale
from desktop.domain.ports import Scale
from desktop.domain.weighing import ScaleReading

Callback = Callable[[ScaleReading], None]


class ScaleManager:
    def __init__(self, opener: Callable[..., Scale] = open_scale):
        self._opener = opener
        self._lock = threading.Lock()
        self._monitors: dict[str, ScaleMonitor] = {}

    def open(self, url: str, *, protocol: str | None = None) -> Scale:
        """The scale for `url`, not yet connected (ValueError for a bad URL)."""
        return self._opener(url, protocol=protocol, connect=False)

    def watch(self, scale: Scale, callback: Callback, *,
              interval_s: float = POLL_INTERVAL_S) -> ScaleMonitor:
        """Starts the I/O thread of `scale`; a scale already watched is stopped first."""
        scale_id = getattr(scale, "scale_id", "") or f"scale-{id(scale):x}"
        monitor = ScaleMonitor.for_scale(scale, callback, interval_s=interval_s,
                                         name=scale_id.rsplit("/", 1)[-1])
        with self._lock:
            old, self._monitors[scale_id] = self._monitors.get(scale_id), monitor
        if old is not None:
            old.stop()
        monitor.start()
        return monitor

    def unwatch(self, monitor: ScaleMonitor) -> None:
        with self._lock:
            for key, value in list(self._monitors.items()):
                if value is monitor:
                    del self._monitors[key]
        monitor.stop()

    @property
    def watched(self) -> list[str]:
        with self._lock:
            return sorted(self._monitors)

    def probe(self, device: str, **kwargs) -> list[ProbeResult]:
        if device.strip().lower() in ("hid", "hid://", "usb"):
            return list_hid_scales()
        return probe_port(device, **kwargs)

    def close(self) -> None:
        with self._lock:
            monitors, self._monitors = list(self._monitors.values()), {}
        for monitor in monitors:
            monitor.stop()

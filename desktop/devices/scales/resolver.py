"""Opens a scale from its URL.

- `simulated://[?weight=1250&settle=0.8&wobble=5&capacity=30000&seed=1]` — the default.
- `mtsics:///dev/ttyUSB0[?baudrate=9600&poll=SI&timeout=1]` — MT-SICS on a serial port;
  `mtsics+socket://host:port` or `mtsics+loop://` reach it through a pyserial URL.
"""

from __future__ import annotations

from desktop.devices.scales.mtsics_serial import DEFAULT_BAUDRATE, REPLY_TIMEOUT_S, MtSicsScale
from desktop.devices.scales.simulated import SETTLE_S, SimulatedScale
from desktop.devices.urls import PYSERIAL_SCHEMES, query_options, split_url
from desktop.domain.ports import Scale

SCHEMES = ("simulated", "mtsics")


def open_scale(url: str) -> Scale:
    """A scale for `url`; ValueError naming the URL for an unknown scheme or option,
    ScaleDisconnected (an OSError) when the device cannot be opened."""
    parts = split_url(url)
    scheme = parts.scheme
    if scheme == "simulated":
        if parts.netloc or parts.path.strip("/"):
            raise ValueError(f"{url}: expected simulated:// or simulated://?weight=1250")
        opts = query_options(url, parts, {"weight": int, "settle": float, "wobble": int,
                                          "capacity": int, "seed": int})
        try:
            return SimulatedScale(opts.get("weight", 0), settle_s=opts.get("settle", SETTLE_S),
                                  wobble_g=opts.get("wobble"), capacity_g=opts.get("capacity"),
                                  seed=opts.get("seed"))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{url}: {exc}") from None
    if scheme == "mtsics" or scheme.startswith("mtsics+"):
        opts = query_options(url, parts, {"baudrate": int, "poll": str, "timeout": float})
        inner = scheme.partition("+")[2]
        if inner:
            if inner not in PYSERIAL_SCHEMES:
                raise ValueError(f"{url}: unknown serial URL scheme {inner!r}")
            port = f"{inner}://{parts.netloc}{parts.path}"  # urlunsplit drops an empty "//"
        elif parts.netloc or not parts.path:
            raise ValueError(f"{url}: expected mtsics:///dev/ttyUSB0")
        else:
            path = parts.path[1:]
            port = path if path.upper().startswith("COM") else parts.path  # Windows COM3
        try:
            return MtSicsScale(port, baudrate=opts.get("baudrate", DEFAULT_BAUDRATE),
                               poll=opts.get("poll", "SI"),
                               timeout_s=opts.get("timeout", REPLY_TIMEOUT_S))
        except ValueError as exc:
            raise ValueError(f"{url}: {exc}") from None
    raise ValueError(f"scale URL {url!r}: unknown scheme {scheme!r} "
                     f"(known: {', '.join(s + '://' for s in SCHEMES)})")

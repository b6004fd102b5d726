"""Opens a scale from its URL (the `scale_url` setting, or `--device` on the command line).

- `simulated://[?weight=1250&settle=0.8&wobble=5&capacity=30000&seed=1]` — the default;
- `serial:///dev/ttyUSB0?protocol=toledo` (Windows `serial:///COM3?…`): a serial port and
  the protocol it speaks;
- `<protocol>:///dev/ttyUSB0`, e.g. `mtsics:///dev/ttyUSB0`, `toledo:///dev/ttyS0`;
- `<protocol>+<pyserial URL>`: `toledo+socket://10.0.0.5:4001`, `mtsics+rfc2217://…`,
  `ascii+loop://`; or a pyserial URL with `?protocol=`: `socket://host:port?protocol=ascii`;
- `hid://0922:8003` — a USB HID postal scale by vendor:product id;
- a bare port (`/dev/ttyUSB0`, `COM3`) when the protocol is given apart (CLI `--protocol`).

Options (query string): `protocol`, serial `baudrate`, `bytesize`, `parity` (N/E/O/M/S),
`stopbits`, `xonxoff`, `rtscts`, `dsrdtr` — defaults are the protocol's preset, e.g. Toledo
9600 7E1 —, `timeout` (s), `id` (the scale id kept with each reading), and for scales that
do not report stability `stable_count`, `stable_tolerance` (g), `stable_time` (s); plus the
protocol's own: `poll` (MT-SICS), `unit` (Toledo, Ohaus, Sartorius, ASCII), `preset` and
`regex` (ASCII).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from urllib.parse import SplitResult, parse_qs

from desktop.devices.scales.driver import FramedScale
from desktop.devices.scales.links import parse_hid_target
from desktop.devices.scales.protocols import (
    ALIASES,
    PROTOCOLS,
    ScaleProtocol,
    SerialSettings,
    find_protocol,
)
from desktop.devices.scales.simulated import SETTLE_S, SimulatedScale
from desktop.devices.urls import PYSERIAL_SCHEMES, query_options, split_url
from desktop.domain.ports import Scale
from desktop.domain.weighing import StabilityRule

SCHEMES = tuple(dict.fromkeys(("simulated", "serial", "hid", *PROTOCOLS)))
_PROTOCOL_SCHEMES = {**{name.replace("-", ""): name for name in PROTOCOLS}, **ALIASES,
                     **{name: name for name in PROTOCOLS}}
_PARITY = {"N": "N", "E": "E", "O": "O", "M": "M", "S": "S", "NONE": "N", "EVEN": "E",
           "ODD": "O", "MARK": "M", "SPACE": "S"}
_COMMON = {"protocol": str, "baudrate": int, "bytesize": int, "parity": str,
           "stopbits": float, "xonxoff": bool, "rtscts": bool, "dsrdtr": bool,
           "timeout": float, "id": str, "stable_count": int, "stable_tolerance": int,
           "stable_time": float}
_SERIAL_KEYS = {f.name for f in fields(SerialSettings)}


@dataclass(frozen=True)
class ScaleConfig:
    """A parsed scale URL: what `FramedScale` needs, checked, nothing opened."""

    protocol: ScaleProtocol
    target: str  # the pyserial URL / port, or the HID vendor:product id
    serial: SerialSettings
    options: dict[str, object] = field(default_factory=dict)
    timeout_s: float | None = None
    stability: StabilityRule | None = None
    scale_id: str = ""

    def open(self, *, connect: bool = True) -> FramedScale:
        return FramedScale(self.protocol, self.target, serial=self.serial, options=self.options,
                           timeout_s=self.timeout_s, stability=self.stability,
                           scale_id=self.scale_id, connect=connect)


def open_scale(url: str, *, protocol: str | None = None, connect: bool = True) -> Scale:
    """A scale for `url`. ValueError naming the URL for a bad URL or option;
    ScaleDisconnected (an OSError) when `connect` and the device cannot be opened."""
    if split_url(url).scheme.lower() == "simulated":
        if protocol:
            raise ValueError(f"{url}: the simulated scale takes no protocol")
        return _simulated(url)
    return parse_scale_url(url, protocol=protocol).open(connect=connect)


def parse_scale_url(url: str, *, protocol: str | None = None) -> ScaleConfig:
    parts = split_url(url)
    scheme = parts.scheme.lower()
    head, _, inner = scheme.partition("+")
    named = protocol
    if _is_bare_port(url, scheme):
        target, query = url.strip().split("?", 1)[0], parts.query
    elif scheme == "hid":
        target, query, named = (parts.netloc + parts.path).strip("/"), parts.query, "hid"
        if protocol and find_protocol(protocol).name != "hid":
            raise ValueError(f"{url}: a hid:// device speaks the hid protocol, not {protocol!r}")
    elif scheme == "serial" or head in _PROTOCOL_SCHEMES:
        if head != "serial":
            named = _PROTOCOL_SCHEMES[head]
        target, query = _serial_target(url, parts, head, inner), parts.query
    elif scheme in PYSERIAL_SCHEMES:
        target, query = url.strip().split("?", 1)[0], parts.query
    else:
        known = ", ".join(f"{s}://" for s in SCHEMES)
        if not scheme:
            raise ValueError(f"scale URL {url!r} has no scheme (known: {known})")
        raise ValueError(f"scale URL {url!r}: unknown scheme {scheme!r} (known: {known})")
    return _config(url, target, query, named)


def _is_bare_port(url: str, scheme: str) -> bool:
    text = url.strip()
    return text.startswith("/") or text.upper().startswith("COM") and "://" not in text \
        or len(scheme) == 1  # a Windows drive letter never names a scheme


def _serial_target(url: str, parts: SplitResult, head: str, inner: str) -> str:
    if inner:
        if inner not in PYSERIAL_SCHEMES:
            raise ValueError(f"{url}: unknown serial URL scheme {inner!r}")
        return f"{inner}://{parts.netloc}{parts.path}"  # urlunsplit drops an empty "//"
    if parts.netloc or not parts.path:
        raise ValueError(f"{url}: expected {head}:///dev/ttyUSB0 or {head}:///COM3")
    path = parts.path[1:]
    return path if path.upper().startswith("COM") else parts.path  # Windows COM3


def _config(url: str, target: str, query: str, named: str | None) -> ScaleConfig:
    raw = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    name = named or raw.get("protocol")
    if not name:
        raise ValueError(f"{url}: which protocol does the scale speak? add ?protocol= "
                         f"({', '.join(PROTOCOLS)})")
    try:
        spec = find_protocol(str(name))
    except ValueError as exc:
        raise ValueError(f"{url}: {exc}") from None
    allowed: dict[str, object] = {**_COMMON, **{k: str for k in spec.options}}
    opts = query_options(url, _query_only(query), allowed)  # type: ignore[arg-type]
    own: dict[str, object] = {}
    for key, convert in spec.options.items():
        if key in opts:
            try:
                own[key] = convert(str(opts[key]))
            except ValueError as exc:
                raise ValueError(f"{url}: {exc}") from None
    try:
        if spec.transport == "hid":
            parse_hid_target(target)
        serial = _serial(url, spec.serial, opts)
        stability = _stability(opts)
        spec.parser(own)  # a bad regex or preset is refused now, not at the first read
    except ValueError as exc:
        raise ValueError(f"{url}: {exc}") from None
    timeout = opts.get("timeout")
    if timeout is not None and not float(timeout) > 0:  # type: ignore[arg-type]
        raise ValueError(f"{url}: timeout must be > 0 s, not {timeout}")
    return ScaleConfig(spec, target, serial, own, timeout, stability,  # type: ignore[arg-type]
                       str(opts.get("id") or ""))


def _query_only(query: str) -> SplitResult:
    return SplitResult("", "", "", query, "")


def _serial(url: str, preset: SerialSettings, opts: dict[str, object]) -> SerialSettings:
    changes = {k: v for k, v in opts.items() if k in _SERIAL_KEYS}
    if "parity" in changes:
        parity = str(changes["parity"]).upper()
        if parity not in _PARITY:
            raise ValueError(f"parity must be N, E, O, M or S, not {changes['parity']!r}")
        changes["parity"] = _PARITY[parity]
    if "stopbits" in changes and float(changes["stopbits"]).is_integer():  # type: ignore[arg-type]
        changes["stopbits"] = int(changes["stopbits"])  # type: ignore[call-overload]
    return replace(preset, **changes)  # type: ignore[arg-type]


def _stability(opts: dict[str, object]) -> StabilityRule | None:
    keys = {"stable_count": "count", "stable_tolerance": "tolerance_g",
            "stable_time": "min_time_s"}
    given = {field_: opts[key] for key, field_ in keys.items() if key in opts}
    return StabilityRule(**given) if given else None  # type: ignore[arg-type]


def _simulated(url: str) -> SimulatedScale:
    parts = split_url(url)
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

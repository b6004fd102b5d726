"""The registry of scale protocols: what to send, how to parse, which serial settings.

One entry per protocol (no if-chains): the resolver, the driver, the probe and the CLI all
read this table. Serial defaults are the manufacturers' factory settings (docs/scales.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desktop.devices.scales import hid_report, mtsics, toledo
from desktop.devices.scales.ascii_stream import (
    PRESETS,
    STREAM_PRESETS,
    RegexLineParser,
    user_preset,
)
from desktop.devices.scales.frames import FrameParser


@dataclass(frozen=True)
class SerialSettings:
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"  # N, E, O, M, S as pyserial spells them
    stopbits: float = 1
    xonxoff: bool = False
    rtscts: bool = False
    dsrdtr: bool = False

    def __post_init__(self):
        if self.baudrate <= 0:
            raise ValueError(f"baudrate must be > 0, not {self.baudrate}")
        if self.bytesize not in (5, 6, 7, 8):
            raise ValueError(f"bytesize must be 5, 6, 7 or 8, not {self.bytesize}")
        if self.parity not in ("N", "E", "O", "M", "S"):
            raise ValueError(f"parity must be N, E, O, M or S, not {self.parity!r}")
        if self.stopbits not in (1, 1.5, 2):
            raise ValueError(f"stopbits must be 1, 1.5 or 2, not {self.stopbits}")

    @property
    def short(self) -> str:
        return f"{self.baudrate} {self.bytesize}{self.parity}{self.stopbits:g}"


ParserFactory = Callable[[Mapping[str, object]], FrameParser]


@dataclass(frozen=True)
class ScaleProtocol:
    name: str
    title: str
    parser: ParserFactory
    poll: bytes | None  # None: the scale sends on its own (stream, HID reports)
    zero: bytes | None = None
    tare: bytes | None = None
    transport: str = "serial"  # a key of desktop.devices.scales.links.LINKS
    serial: SerialSettings = field(default_factory=SerialSettings)
    # Extra URL options: name → converter from the query text (raises ValueError).
    options: Mapping[str, Callable[[str], object]] = field(default_factory=dict)
    zero_reply: str = ""  # the reply id that acknowledges zero/tare ("" = no reply)
    tare_reply: str = ""
    # Commands that make the scale stream (sent once after opening, not polled), and the
    # command that stops it (sent before closing).
    stream_commands: frozenset[bytes] = frozenset()
    stop: bytes | None = None

    @property
    def poll_label(self) -> str:
        return self.poll.decode("ascii", "replace").strip() if self.poll else ""


def _mtsics(opts) -> FrameParser:
    return mtsics.MtSicsParser()


def _toledo(opts) -> FrameParser:
    return toledo.ToledoParser(str(opts.get("unit") or "kg"))


def _line(preset_name: str) -> ParserFactory:
    def make(opts) -> FrameParser:
        return RegexLineParser(PRESETS[preset_name], unit=opts.get("unit") or None)
    return make


def _ascii(opts) -> FrameParser:
    if opts.get("regex"):
        return RegexLineParser(user_preset(str(opts["regex"]), str(opts.get("unit") or "kg")))
    preset = str(opts.get("preset") or "generic")
    if preset not in STREAM_PRESETS:
        raise ValueError(f"unknown ASCII preset {preset!r} (known: {', '.join(STREAM_PRESETS)})")
    return RegexLineParser(PRESETS[preset], unit=opts.get("unit") or None)


def _hid(opts) -> FrameParser:
    return hid_report.HidReportParser()


_UNIT = {"unit": str}
PROTOCOLS: dict[str, ScaleProtocol] = {p.name: p for p in (
    # 9600 8N1, no handshake [MT-SICS reference manual]. `SI` is the poll: `S` waits inside
    # the scale for stability and freezes the live display.
    ScaleProtocol("mt-sics", "Mettler Toledo MT-SICS", _mtsics, mtsics.command("SI"),
                  zero=mtsics.command("Z"), tare=mtsics.command("T"),
                  options={"poll": mtsics.poll_command}, zero_reply="Z", tare_reply="T",
                  stream_commands=frozenset(map(mtsics.command, mtsics.STREAM_COMMANDS)),
                  stop=mtsics.RESET),
    # 9600 7E1 [Brecknell 3700LP manual, "8213 protocol"].
    ScaleProtocol("toledo", "Toledo 8213/8217", _toledo, toledo.WEIGH, zero=toledo.ZERO,
                  tare=toledo.TARE, serial=SerialSettings(9600, 7, "E", 1), options=_UNIT),
    # Ohaus: `IP` immediate print, `Z` zero, `T` tare; 9600 8N1 [Ohaus interface manual].
    ScaleProtocol("ohaus", "Ohaus (IP print)", _line("ohaus"), b"IP\r\n", zero=b"Z\r\n",
                  tare=b"T\r\n", options=_UNIT),
    # Sartorius SBI: ESC P print, ESC T tare/zero; 1200 7O1 factory setting
    # [Sartorius SBI interface manual].
    ScaleProtocol("sartorius", "Sartorius SBI", _line("sartorius"), b"\x1bP\r\n",
                  zero=b"\x1bT\r\n", tare=b"\x1bT\r\n",
                  serial=SerialSettings(1200, 7, "O", 1), options=_UNIT),
    # Continuous output: most indicators default to 9600 8N1 (docs/scales.md).
    ScaleProtocol("ascii", "Continuous ASCII stream", _ascii, None,
                  options={"preset": str, "regex": str, "unit": str}),
    ScaleProtocol("hid", "USB HID postal scale", _hid, None, zero=hid_report.ZERO_REPORT,
                  transport="hid"),
)}
ALIASES = {"mtsics": "mt-sics", "sics": "mt-sics", "8213": "toledo", "8217": "toledo",
           "toledo8213": "toledo", "sbi": "sartorius", "stream": "ascii", "usb": "hid"}


def find_protocol(name: str) -> ScaleProtocol:
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in PROTOCOLS:
        raise ValueError(f"unknown scale protocol {name!r} (known: {', '.join(PROTOCOLS)})")
    return PROTOCOLS[key]

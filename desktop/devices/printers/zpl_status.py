"""Parses the ZPL II `~HS` (host status return) reply. Pure: bytes in, flags out.

The printer answers three strings, each `STX … ETX CR LF` [ZPL II manual, ~HS]:
  1. `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l` — b paper out, c pause, dddd label length (dots),
     eee formats in buffer, f buffer full, g diagnostic mode, h partial format,
     j corrupt RAM, k under temperature, l over temperature;
  2. `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www` — o head up, p ribbon out, q thermal-transfer
     mode, r print mode, t label waiting (peel-off), uuuuuuuu labels remaining;
  3. `xxxx,y` — password, static RAM installed (ignored here).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.printing import PrinterStatus

HS_COMMAND = b"~HS"
STX, ETX = b"\x02", b"\x03"
_LINE1_MIN = 6  # up to f (buffer full): the flags that stop a job [ZPL II manual, ~HS]
_LINE2_MIN = 4  # up to p (ribbon out) [ZPL II manual, ~HS]

# r, print mode [ZPL II manual, ~HS string 2]
PRINT_MODES = {"0": "rewind", "1": "peel-off", "2": "tear-off", "3": "cutter",
               "4": "applicator", "5": "delayed cut", "6": "linerless peel",
               "7": "linerless rewind", "8": "partial cutter", "9": "RFID",
               "K": "kiosk", "S": "stream", "A": "reserved"}


class ZplStatusError(ValueError):
    """The reply is not a `~HS` answer (truncated, garbled, another language)."""


@dataclass(frozen=True)
class ZplHostStatus:
    paper_out: bool
    paused: bool
    label_length_dots: int | None
    formats_in_buffer: int | None
    buffer_full: bool
    head_up: bool
    ribbon_out: bool
    under_temperature: bool = False
    over_temperature: bool = False
    corrupt_ram: bool = False
    thermal_transfer: bool | None = None  # None: the printer did not say
    print_mode: str = ""
    label_waiting: bool = False
    labels_remaining: int | None = None

    @property
    def problems(self) -> list[str]:
        """What stops printing now, most urgent first, as short English codes."""
        out = []
        if self.head_up:
            out.append("head open")
        if self.paper_out:
            out.append("paper out")
        # Direct-thermal printers need no ribbon, and some raise the flag anyway because
        # their ribbon sensor sees nothing: only a thermal-transfer printer is blocked.
        if self.ribbon_out and self.thermal_transfer is not False:
            out.append("ribbon out")
        if self.paused:
            out.append("paused")
        if self.buffer_full:
            out.append("buffer full")
        if self.under_temperature:
            out.append("under temperature")
        if self.over_temperature:
            out.append("over temperature")
        if self.corrupt_ram:
            out.append("corrupt RAM")
        return out

    def to_printer_status(self, raw: bytes = b"") -> PrinterStatus:
        problems = self.problems
        counts = {"formats_in_buffer": self.formats_in_buffer,
                  "labels_remaining": self.labels_remaining, "language": "zpl", "raw": raw}
        if problems:
            return PrinterStatus(False, ", ".join(problems), problems=tuple(problems),
                                 **counts)
        detail = "ready"
        if self.formats_in_buffer:
            detail += f", {self.formats_in_buffer} format(s) in buffer"
        if self.labels_remaining:
            detail += f", {self.labels_remaining} label(s) to print"
        if self.label_waiting:
            detail += ", label waiting to be taken"
        return PrinterStatus(True, detail, **counts)


def split_frames(reply: bytes) -> list[str]:
    """The `STX … ETX` strings of a reply; tolerates missing ETX or bare CR LF lines."""
    if STX in reply:
        chunks = reply.split(STX)[1:]
    else:  # some emulations (and some host libraries) drop the framing
        chunks = reply.splitlines()
    frames = []
    for chunk in chunks:
        text = chunk.split(ETX, 1)[0].strip(b"\r\n \t").decode("ascii", "replace")
        if text:
            frames.append(text)
    return frames


def complete_frames(reply: bytes) -> int:
    """How many whole (ETX-terminated) strings a partial reply holds: stop reading at 3."""
    return reply.count(ETX)


def parse_host_status(reply: bytes) -> ZplHostStatus:
    frames = split_frames(reply)
    if len(frames) < 2:
        raise ZplStatusError(f"~HS reply has {len(frames)} string(s), 3 expected: {reply!r}")
    one = [f.strip() for f in frames[0].split(",")]
    two = [f.strip() for f in frames[1].split(",")]
    if len(one) < _LINE1_MIN or len(two) < _LINE2_MIN:
        raise ZplStatusError(f"~HS reply too short: {reply!r}")
    return ZplHostStatus(
        paper_out=_flag(one, 1),
        paused=_flag(one, 2),
        label_length_dots=_int(one, 3),
        formats_in_buffer=_int(one, 4),
        buffer_full=_flag(one, 5),
        corrupt_ram=_flag(one, 9),
        under_temperature=_flag(one, 10),
        over_temperature=_flag(one, 11),
        head_up=_flag(two, 2),
        ribbon_out=_flag(two, 3),
        thermal_transfer=_flag(two, 4) if len(two) > 4 else None,
        print_mode=PRINT_MODES.get(two[5], two[5]) if len(two) > 5 else "",
        label_waiting=_flag(two, 7),
        labels_remaining=_int(two, 8),
    )


def _flag(fields: list[str], i: int) -> bool:
    if i >= len(fields):
        return False  # an older firmware with fewer fields: the flag does not exist
    value = fields[i]
    if value not in ("0", "1"):
        raise ZplStatusError(f"~HS flag #{i + 1} is {value!r}, 0 or 1 expected")
    return value == "1"


def _int(fields: list[str], i: int) -> int | None:
    if i >= len(fields):
        return None
    if not fields[i].isdigit():
        raise ZplStatusError(f"~HS field #{i + 1} is {fields[i]!r}, a number expected")
    return int(fields[i])

"""Printer status protocols, one per printer language, looked up by name (no if-chain).

Each says which bytes ask, when a reply is complete, and what it means. Transports (TCP,
serial) send `command`, read until `complete(reply)` or their timeout, then `parse(reply)`.
Silence is never "ready": a transport that gets no reply reports OFFLINE.

- zpl: `~HS`, three `STX … ETX` strings (`zpl_status`). [ZPL II manual, ~HS]
- tspl: `ESC ! ?`, one status byte: bit 0 head open, 1 paper jam, 2 out of paper, 3 out of
  ribbon, 4 paused, 5 printing, 7 other error. [TSPL/TSPL2 manual, <ESC>!?]
- epl2: `^ee`, a two-digit error code and CR LF: 00 no error, 07 paper or ribbon empty,
  11 head up, 12 paused, 50 busy printing, 80–93 faults needing a reset. [EPL2 manual, ^ee]
  The code also reports the last command error (01–06, 08–10): the printer can print, so
  it is ready, and the detail says which error it remembers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from desktop.devices.printers.zpl_status import (
    HS_COMMAND,
    ZplStatusError,
    complete_frames,
    parse_host_status,
)
from desktop.domain.printing import PrinterState, PrinterStatus


class StatusProtocol(Protocol):
    name: str
    command: bytes

    def complete(self, reply: bytes) -> bool: ...
    def usable_partial(self, reply: bytes) -> bool: ...
    def parse(self, reply: bytes) -> PrinterStatus: ...


class StatusReplyError(ValueError):
    """A reply that is not an answer to the query (garbled, another language)."""


class ZplStatus:
    name = "zpl"
    command = HS_COMMAND

    def complete(self, reply: bytes) -> bool:
        return complete_frames(reply) >= 3

    def usable_partial(self, reply: bytes) -> bool:
        return complete_frames(reply) >= 2  # some emulations omit the third string

    def parse(self, reply: bytes) -> PrinterStatus:
        try:
            return parse_host_status(reply).to_printer_status(raw=reply)
        except ZplStatusError as exc:
            raise StatusReplyError(str(exc)) from None


TSPL_BITS = ((0, "head open"), (1, "paper jam"), (2, "paper out"), (3, "ribbon out"),
             (4, "paused"), (7, "printer error"))
TSPL_PRINTING = 5


class TsplStatus:
    name = "tspl"
    command = b"\x1b!?"

    def complete(self, reply: bytes) -> bool:
        return len(reply) >= 1

    def usable_partial(self, reply: bytes) -> bool:
        return False

    def parse(self, reply: bytes) -> PrinterStatus:
        if len(reply) != 1:
            raise StatusReplyError(f"ESC!? answers one byte, got {reply!r}")
        byte = reply[0]
        if byte & 0x40:
            # bit 6 is unused in the manual's table: a text reply (e.g. "@") is not a status
            raise StatusReplyError(f"ESC!? status byte {byte:#04x} has an undefined bit set")
        problems = tuple(text for bit, text in TSPL_BITS if byte & (1 << bit))
        if problems:
            return PrinterStatus(False, ", ".join(problems), problems=problems,
                                 language=self.name, raw=reply)
        detail = "ready, printing" if byte & (1 << TSPL_PRINTING) else "ready"
        return PrinterStatus(True, detail, language=self.name, raw=reply)


EPL_READY = {0: "ready", 50: "ready, printing"}
EPL_BLOCKING = {7: "paper or ribbon out", 11: "head open", 12: "paused",
                13: "head too hot", 14: "motor too hot", 16: "battery low",
                80: "undefined error", 81: "cutter jammed or not installed",
                82: "media sensor failure", 83: "illegal interrupt",
                84: "media error (gap or black mark not found)"}
EPL_REMEMBERED = {1: "syntax error", 2: "object beyond the label", 3: "bar code data length",
                  4: "memory full", 5: "memory configuration", 6: "RS-232 error",
                  8: "duplicate name", 9: "name not found", 10: "not in data entry mode",
                  15: "battery low (40 %)", 93: "PDF417 data too large"}


class EplStatus:
    name = "epl2"
    command = b"\r\n^ee\r\n"  # the leading line end closes any half-sent command

    def complete(self, reply: bytes) -> bool:
        return b"\n" in reply or b"\r" in reply

    def usable_partial(self, reply: bytes) -> bool:
        return False

    def parse(self, reply: bytes) -> PrinterStatus:
        text = reply.decode("ascii", "replace").strip()
        head = text[:2]
        if len(head) != 2 or not head.isdigit():
            raise StatusReplyError(f"^ee answers a two-digit code, got {reply!r}")
        code = int(head)
        if code in EPL_READY:
            return PrinterStatus(True, EPL_READY[code], language=self.name, raw=reply)
        if code in EPL_BLOCKING:
            detail = EPL_BLOCKING[code]
            if code == 7 and text[2:3] == "P" and text[3:6].isdigit():
                detail += f", {int(text[3:6])} label(s) waiting"
            return PrinterStatus(False, detail, problems=(EPL_BLOCKING[code],),
                                 language=self.name, raw=reply)
        if code in EPL_REMEMBERED:
            return PrinterStatus(True, f"ready (last error {code:02d}: {EPL_REMEMBERED[code]})",
                                 language=self.name, raw=reply)
        return PrinterStatus(False, f"error code {code:02d}", problems=(f"error {code:02d}",),
                             language=self.name, raw=reply)


PROTOCOLS: dict[str, StatusProtocol] = {p.name: p for p in (ZplStatus(), TsplStatus(),
                                                             EplStatus())}
NO_STATUS = "none"  # a printer that cannot be asked: reachable at best, never "ready"


def status_protocol(name: str) -> StatusProtocol | None:
    """The protocol for a language name; None for "none"; ValueError for anything else."""
    if name == NO_STATUS:
        return None
    try:
        return PROTOCOLS[name]
    except KeyError:
        raise ValueError(f"unknown printer status protocol {name!r} (known: "
                         f"{', '.join([*PROTOCOLS, NO_STATUS])})") from None


def unreadable(exc: Exception, language: str, raw: bytes = b"") -> PrinterStatus:
    return PrinterStatus(False, f"unreadable status reply: {exc}", PrinterState.NOT_READY,
                         problems=("unreadable status",), language=language, raw=raw)


@dataclass(frozen=True)
class Confirmation:
    """What a printer said right after a job: it answered, so it is alive and took bytes."""

    status: PrinterStatus

    def describe(self) -> str:
        s = self.status
        if s.formats_in_buffer:
            return f"confirmed: {s.formats_in_buffer} format(s) in the printer's buffer"
        if s.ready:
            return "confirmed: printer ready"
        return f"taken; printer reports {s.detail}"

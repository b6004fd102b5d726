"""Mettler Toledo MT-SICS replies (also Ohaus, Sartorius compatibles). Pure: text in.

A reply is `<id> <status> [<value> <unit>]` ending CR LF [MT-SICS reference manual]:
`S S     100.00 g` stable, `S D 99.87 g` dynamic, `S I` busy / stability not reached,
`S +` overload, `S -` underload; errors `ES` syntax, `ET` transmission, `EL` logical.
Compatibles echo the command as the id (`SI S 1.25 kg`, `SI +`) and pad with any number of
spaces, so the reply is parsed by tokens, never by columns (docs/scales.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from desktop.devices.scales.base import stable_state, to_grams
from desktop.devices.scales.frames import FrameError, LineParser, Reply
from desktop.domain.weighing import ScaleReading, ScaleState

TERMINATOR = b"\r\n"  # [MT-SICS reference manual, "Command formats"]
WEIGHT_COMMANDS = ("S", "SI", "SIR", "SNR", "SR", "SX", "SU", "SUI")  # ids of weight replies
ERRORS = {"ES": "syntax error", "ET": "transmission error", "EL": "logical error"}
# Status of a weight reply [MT-SICS reference manual, command S / SI]
STATUS = {"S": "stable", "D": "dynamic", "I": "busy", "+": "overload", "-": "underload",
          "L": "logical error", "A": "done"}


class SicsError(ValueError):
    """A reply that is an error (ES/ET/EL: `code` set) or that is not MT-SICS at all."""

    def __init__(self, message: str, code: str = ""):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class SicsReply:
    command: str  # the reply id: "S", "SI", "Z" …
    status: str  # one key of STATUS
    value: Decimal | None = None
    unit: str = ""
    args: str = ""  # the rest of a non-weight reply, e.g. '"B123456789"' after `I4 A`

    @property
    def grams(self) -> int | None:
        return None if self.value is None else to_grams(self.value, self.unit)


def parse_reply(line: bytes | str) -> SicsReply:
    text = line.decode("ascii", "replace") if isinstance(line, bytes) else line
    tokens = text.strip().split()
    if not tokens:
        raise SicsError("empty reply")
    head = tokens[0].upper()
    if head in ERRORS and len(tokens) == 1:
        raise SicsError(f"scale answered {head} ({ERRORS[head]})", code=head)
    if len(tokens) < 2 or tokens[1] not in STATUS:
        raise SicsError(f"not an MT-SICS reply: {text.strip()!r}")
    command, status, rest = head, tokens[1], tokens[2:]
    if command not in WEIGHT_COMMANDS or not rest:
        return SicsReply(command, status, args=" ".join(rest))
    if rest[0] in ("-", "+") and len(rest) > 1:  # a sign set apart from the digits
        rest = [rest[0] + rest[1], *rest[2:]]
    if len(rest) != 2:
        raise SicsError(f"expected '<value> <unit>' in {text.strip()!r}")
    try:
        value = Decimal(rest[0])
    except InvalidOperation:
        raise SicsError(f"not a number: {rest[0]!r} in {text.strip()!r}") from None
    if not value.is_finite():
        raise SicsError(f"not a number: {rest[0]!r}")
    try:
        to_grams(value, rest[1])
    except ValueError as exc:
        raise SicsError(f"{exc} in {text.strip()!r}") from None
    return SicsReply(command, status, value, rest[1].lower())


def to_reading(reply: SicsReply) -> ScaleReading:
    """A weight reply as the core sees it; a non-weight reply (Z, T, I4 …) is SicsError."""
    if reply.command not in WEIGHT_COMMANDS:
        raise SicsError(f"{reply.command} {reply.status} is not a weight reply")
    if reply.status == "+":
        return ScaleReading(0, False, ScaleState.OVERLOAD)
    if reply.status == "-":
        return ScaleReading(0, False, ScaleState.UNDERLOAD)
    if reply.status == "I":  # stability not reached within the scale's timeout
        return ScaleReading(0, False, ScaleState.MOTION)
    grams = reply.grams
    if grams is None or reply.status not in ("S", "D"):
        raise SicsError(f"weight reply without a weight: {reply}")
    if reply.status == "D":
        return ScaleReading(grams, False, ScaleState.MOTION, value=reply.value, unit=reply.unit)
    return ScaleReading(grams, True, stable_state(grams), value=reply.value, unit=reply.unit)


def command(name: str) -> bytes:
    """`S` → b"S\\r\\n"."""
    return name.encode("ascii") + TERMINATOR


# Replies to commands that are not weights: `Z A` zeroed, `T S <tare>` tare stored,
# `I4 A "…"` serial number; `Z I`, `Z +`, `T I` … refused [MT-SICS reference manual].
_DONE = ("A", "S")


class MtSicsParser(LineParser):
    """Stream-safe MT-SICS: weight replies become readings, others `Reply`, errors
    `Reply(ok=False)` (the driver turns a refused weight poll into a FAULT reading)."""

    def parse_line(self, line: bytes) -> ScaleReading | Reply:
        try:
            reply = parse_reply(line)
        except SicsError as exc:
            if exc.code:
                return Reply(exc.code, False, ERRORS[exc.code], line)
            raise FrameError(str(exc)) from None
        if reply.command in WEIGHT_COMMANDS and (reply.value is not None
                                                 or reply.status in "+-I"):
            try:
                return replace(to_reading(reply), raw=line)
            except SicsError as exc:
                raise FrameError(str(exc)) from None
        return Reply(reply.command, reply.status in _DONE, reply.args, line)


POLL_COMMANDS = ("S", "SI", "SX", "SU", "SUI")
# Sent once: the scale then sends a reply at every display update (SIR) until `@`.
STREAM_COMMANDS = ("SIR",)
RESET = command("@")


def poll_command(name: str) -> bytes:
    """The command of `?poll=S` (or `SIR`: stream); ValueError for any other."""
    if name.upper() not in POLL_COMMANDS + STREAM_COMMANDS:
        raise ValueError(f"poll command must be one of "
                         f"{', '.join(POLL_COMMANDS + STREAM_COMMANDS)}; not {name!r}")
    return command(name.upper())

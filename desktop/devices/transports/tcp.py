"""Raw TCP printer (`tcp://host:9100`): the bytes go as they are; status by the language's
query (`?status=zpl|tspl|epl2|none`, default zpl: `~HS`).

A job is only "sent" when the printer took it: after the last byte we half-close and wait
for the printer's side. A reset (a printer that accepted the connection and closed it
without reading, or stopped reading half-way) is an error, never "sent". Then, where the
language can answer, the status is asked again to confirm the printer is alive and holds
the job (ZPL `~HS`: formats in buffer, labels remaining); no answer then raises
`DeliveryUnconfirmed`: the bytes left, but nobody confirmed, so the caller must not resend
blindly.
"""

from __future__ import annotations

import errno
import math
import socket
import time

from desktop.devices.printers.status import (
    Confirmation,
    StatusProtocol,
    StatusReplyError,
    status_protocol,
    unreadable,
)
from desktop.devices.transports.base import DeliveryUnconfirmed, TransportError
from desktop.devices.urls import query_options, split_url
from desktop.domain.errors import Violation
from desktop.domain.messages import Text
from desktop.domain.printing import PrinterStatus

RAW_PORT = 9100  # raw printing port ("JetDirect"), docs/printers.md
CONNECT_TIMEOUT_S = 5.0  # our choice: a printer on the LAN answers well within this
SEND_TIMEOUT_S = 30.0  # our choice: a busy printer may hold a 1000-label batch in its buffer
STATUS_TIMEOUT_S = 3.0  # our choice: ~HS replies at once when the printer can answer
# our choice: after the job, how long we wait for the printer to close its side or reset
# (a reset comes back within a round trip on a LAN: milliseconds);
# printers that keep the connection open just let this run out (that is not an error).
LINGER_S = 0.2
_MAX_REPLY = 4096  # a status reply is under 100 bytes; stop reading garbage early


class TcpTransport:
    """`tcp://host[:port][?timeout=S&connect_timeout=S&status_timeout=S&linger=S
    &status=zpl|tspl|epl2|none&confirm=1|0]`."""

    def __init__(self, url: str, default_status: str = "zpl"):
        parts = split_url(url)
        if parts.scheme != "tcp":
            raise ValueError(f"not a tcp printer URL: {url!r}")
        if not parts.hostname:
            raise ValueError(f"{url}: missing host (tcp://host:9100)")
        if parts.path not in ("", "/"):
            raise ValueError(f"{url}: a tcp printer URL has no path (tcp://host:9100)")
        try:
            port = parts.port
        except ValueError:
            raise ValueError(f"{url}: the port must be a number from 1 to 65535") from None
        opts = query_options(url, parts, {"timeout": float, "connect_timeout": float,
                                          "status_timeout": float, "linger": float,
                                          "status": str, "confirm": bool})
        self.url = url
        self.host: str = parts.hostname
        self.port: int = port or RAW_PORT
        self.connect_timeout = float(opts.get("connect_timeout", CONNECT_TIMEOUT_S))
        self.send_timeout = float(opts.get("timeout", SEND_TIMEOUT_S))
        self.status_timeout = float(opts.get("status_timeout", STATUS_TIMEOUT_S))
        self.linger = float(opts.get("linger", LINGER_S))
        for name in ("connect_timeout", "send_timeout", "status_timeout", "linger"):
            if not 0 < getattr(self, name) < math.inf:
                raise ValueError(f"{url}: {name} must be a positive number of seconds")
        try:
            self.protocol: StatusProtocol | None = status_protocol(
                str(opts.get("status", default_status)))
        except ValueError as exc:
            raise ValueError(f"{url}: {exc}") from None
        self.confirm = bool(opts.get("confirm", True)) and self.protocol is not None
        self.last_confirmation: Confirmation | None = None

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def send(self, payload: bytes, job_name: str = "") -> str:
        self.last_confirmation = None
        with self._connect() as sock:
            try:
                sock.settimeout(self.send_timeout)
                sock.sendall(payload)
                sock.shutdown(socket.SHUT_WR)  # tells the printer the job is complete
            except TimeoutError:
                raise TransportError(self.url, f"timed out after {self.send_timeout:g} s "
                                               f"sending to {self.address}") from None
            except OSError as exc:
                raise TransportError(self.url, f"sending to {self.address} failed, the "
                                               f"printer did not take the job: "
                                               f"{exc.strerror or exc}") from exc
            self._await_close(sock)
        if not self.confirm:
            return self.address
        try:
            status = self._status_or_raise()
        except TransportError as exc:
            raise DeliveryUnconfirmed(self.url, f"the job was sent to {self.address} but "
                                                f"the printer did not confirm it: "
                                                f"{str(exc).removeprefix(self.url + ': ')}") \
                from None
        self.last_confirmation = Confirmation(status)
        return f"{self.address} ({self.last_confirmation.describe()})"

    def _await_close(self, sock: socket.socket) -> None:
        """Waits for the printer's FIN (fine), a reset (error) or `linger` (fine)."""
        deadline = time.monotonic() + self.linger
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                sock.settimeout(remaining)
                if not sock.recv(_MAX_REPLY):
                    return  # orderly close: the printer read everything
        except TimeoutError:
            return  # the printer keeps the connection open: normal for many
        except OSError as exc:
            raise TransportError(self.url, f"{self.address} reset the connection: the "
                                           f"printer did not take the job "
                                           f"({exc.strerror or exc})") from exc

    def status(self) -> PrinterStatus:
        """Asks the language's status query. Silence is an error: a Zebra out of media or
        with the head open may not answer at all, so no reply never means "ready"."""
        try:
            return self._status_or_raise()
        except TransportError as exc:
            return PrinterStatus.offline(str(exc).removeprefix(f"{self.url}: "),
                                         self.protocol.name if self.protocol else "",
                                         reason=exc.violation)

    def _status_or_raise(self) -> PrinterStatus:
        if self.protocol is None:
            with self._connect():
                pass
            return PrinterStatus.unknown(f"{self.address} accepts connections; this printer "
                                         f"is not asked for its state (status=none)",
                                         reason=_why("printer_no_status", self.address,
                                                     "status=none"))
        reply = self.query(self.protocol)
        try:
            return self.protocol.parse(reply)
        except StatusReplyError as exc:
            return unreadable(exc, self.protocol.name, reply)

    def query_host_status(self) -> bytes:
        """The raw `~HS` reply (kept for callers of the ZPL-only transport)."""
        return self.query(status_protocol("zpl"))

    def query(self, protocol: StatusProtocol) -> bytes:
        """The raw reply to `protocol`'s query; TransportError when unreachable or silent."""
        with self._connect() as sock:
            deadline = time.monotonic() + self.status_timeout
            reply = b""
            try:
                sock.settimeout(self.status_timeout)
                sock.sendall(protocol.command)
                while not protocol.complete(reply) and len(reply) < _MAX_REPLY:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    sock.settimeout(remaining)
                    chunk = sock.recv(1024)
                    if not chunk:
                        break  # the printer closed the connection
                    reply += chunk
            except TimeoutError:
                if protocol.usable_partial(reply):
                    return reply
                raise TransportError(self.url, f"timeout: no status reply from "
                                               f"{self.address} within "
                                               f"{self.status_timeout:g} s",
                                     _why("printer_silent", self.address,
                                          self.status_timeout)) from None
            except OSError as exc:
                raise TransportError(self.url, f"status query to {self.address} failed: "
                                               f"{exc.strerror or exc}",
                                     _why("printer_status_failed", self.address,
                                          _os_reason(exc))) from exc
        if not reply:
            raise TransportError(self.url, f"{self.address} closed without a status reply")
        return reply

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port),
                                            timeout=self.connect_timeout)
        except TimeoutError:
            raise TransportError(self.url, f"timeout: {self.address} did not accept a "
                                           f"connection within {self.connect_timeout:g} s",
                                 _why("printer_unreachable", self.address,
                                      f"{self.connect_timeout:g} s")) from None
        except ConnectionResetError as exc:  # accepted, then reset before we could write
            raise TransportError(self.url, f"{self.address} reset the connection at once: "
                                           f"the printer did not take the job") from exc
        except OSError as exc:
            raise TransportError(self.url, f"unreachable: {self.address}: "
                                           f"{exc.strerror or exc}",
                                 _why("printer_unreachable", self.address,
                                      _os_reason(exc))) from exc


def _why(rule: str, address: str, limit: object) -> Violation:
    """The cause for the clerk: the printer's address and the limit or the system's reason
    (the OS wording stays as the system gives it)."""
    return Violation("printer_url", rule, limit=limit, actual=address)


# The system's usual reasons, in the clerk's language; any other is quoted as the OS says it.
_OS_REASONS = {
    errno.ECONNREFUSED: Text("connexion refusée : rien n'écoute à cette adresse",
                             "connection refused: nothing listens at this address"),
    errno.EHOSTUNREACH: Text("machine injoignable", "host unreachable"),
    errno.ENETUNREACH: Text("réseau injoignable", "network unreachable"),
    errno.ECONNRESET: Text("connexion coupée par l'imprimante",
                           "connection reset by the printer"),
    errno.ETIMEDOUT: Text("délai dépassé", "timed out"),
}


def _os_reason(exc: OSError) -> object:
    if isinstance(exc, socket.gaierror):
        return Text("nom de machine inconnu", "unknown host name")
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))

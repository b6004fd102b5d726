"""Raw TCP printer (`tcp://host:9100`): the bytes go as they are, ZPL status by `~HS`."""

from __future__ import annotations

import math
import socket
import time

from desktop.devices.printers.zpl_status import (
    HS_COMMAND,
    ZplStatusError,
    complete_frames,
    parse_host_status,
)
from desktop.devices.transports.base import TransportError
from desktop.devices.urls import query_options, split_url
from desktop.domain.printing import PrinterStatus

RAW_PORT = 9100  # raw printing port ("JetDirect"), PROTOCOLS.md "Reaching a printer"
CONNECT_TIMEOUT_S = 5.0  # our choice: a printer on the LAN answers well within this
SEND_TIMEOUT_S = 30.0  # our choice: a busy printer may hold a 1000-label batch in its buffer
STATUS_TIMEOUT_S = 3.0  # our choice: ~HS replies at once when the printer can answer
_MAX_REPLY = 4096  # a ~HS reply is under 100 bytes; stop reading garbage early


class TcpTransport:
    """`tcp://host[:port][?timeout=S&connect_timeout=S&status_timeout=S]`."""

    def __init__(self, url: str):
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
                                     "status_timeout": float})
        self.url = url
        self.host: str = parts.hostname
        self.port: int = port or RAW_PORT
        self.connect_timeout = float(opts.get("connect_timeout", CONNECT_TIMEOUT_S))
        self.send_timeout = float(opts.get("timeout", SEND_TIMEOUT_S))
        self.status_timeout = float(opts.get("status_timeout", STATUS_TIMEOUT_S))
        for name in ("connect_timeout", "send_timeout", "status_timeout"):
            if not 0 < getattr(self, name) < math.inf:
                raise ValueError(f"{url}: {name} must be a positive number of seconds")

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def send(self, payload: bytes, job_name: str = "") -> str:
        with self._connect() as sock:
            try:
                sock.settimeout(self.send_timeout)
                sock.sendall(payload)
                sock.shutdown(socket.SHUT_WR)  # tells the printer the job is complete
            except TimeoutError:
                raise TransportError(self.url, f"timed out after {self.send_timeout:g} s "
                                               f"sending to {self.address}") from None
            except OSError as exc:
                raise TransportError(self.url, f"sending to {self.address} failed: "
                                               f"{exc.strerror or exc}") from exc
        return self.address

    def status(self) -> PrinterStatus:
        """Asks `~HS`. Silence is an error: a Zebra out of media or with the head open
        may not answer at all (PROTOCOLS.md), so no reply never means "ready"."""
        try:
            reply = self.query_host_status()
        except TransportError as exc:
            return PrinterStatus(False, str(exc).removeprefix(f"{self.url}: "))
        try:
            return parse_host_status(reply).to_printer_status()
        except ZplStatusError as exc:
            return PrinterStatus(False, f"unreadable status reply: {exc}")

    def query_host_status(self) -> bytes:
        """The raw `~HS` reply; raises TransportError when unreachable or silent."""
        with self._connect() as sock:
            deadline = time.monotonic() + self.status_timeout
            reply = b""
            try:
                sock.settimeout(self.status_timeout)
                sock.sendall(HS_COMMAND)
                while complete_frames(reply) < 3 and len(reply) < _MAX_REPLY:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    sock.settimeout(remaining)
                    chunk = sock.recv(1024)
                    if not chunk:
                        break  # the printer closed the connection
                    reply += chunk
            except TimeoutError:
                if complete_frames(reply) >= 2:
                    return reply  # some emulations omit the third string
                raise TransportError(self.url, f"timeout: no status reply from "
                                               f"{self.address} within "
                                               f"{self.status_timeout:g} s") from None
            except OSError as exc:
                raise TransportError(self.url, f"status query to {self.address} failed: "
                                               f"{exc.strerror or exc}") from exc
        if not reply:
            raise TransportError(self.url, f"{self.address} closed without a status reply")
        return reply

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port),
                                            timeout=self.connect_timeout)
        except TimeoutError:
            raise TransportError(self.url, f"timeout: {self.address} did not accept a "
                                           f"connection within {self.connect_timeout:g} s") \
                from None
        except OSError as exc:
            raise TransportError(self.url, f"unreachable: {self.address}: "
                                           f"{exc.strerror or exc}") from exc

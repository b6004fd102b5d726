"""Fake label printers: TCP servers on 127.0.0.1 that record bytes and answer the status
queries of ZPL (`~HS`), TSPL (`ESC ! ?`) and EPL2 (`^ee`) with scripted replies, byte for
byte. Behaviours: "normal" (reads everything), "slam" (accepts the connection and closes it
without reading), "reset" (the same with an immediate RST), "half" (reads a few bytes, then
closes)."""

from __future__ import annotations

import socket
import threading
import time

QUERIES = (b"~HS", b"\x1b!?", b"^ee")
SILENT = None

ZPL_READY = (b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n"
             b"\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n")


def zpl_hs(line1: str, line2: str) -> bytes:
    return b"\x02" + line1.encode() + b"\x03\r\n\x02" + line2.encode() + b"\x03\r\n\x021234,0\x03\r\n"


ZPL_STATES = {
    "ready": ZPL_READY,
    "paper out": zpl_hs("030,1,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
    "paused": zpl_hs("030,0,1,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
    "buffer full": zpl_hs("030,0,0,1245,000,1,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
    "head open": zpl_hs("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,6,0,00000000,1,000"),
    "ribbon out": zpl_hs("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,1,1,2,6,0,00000000,1,000"),
    "one in buffer": zpl_hs("030,0,0,1245,001,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000001,1,000"),
}
TSPL_STATES = {"ready": b"\x00", "head open": b"\x01", "paper jam": b"\x02",
               "paper out": b"\x04", "ribbon out": b"\x08", "paused": b"\x10",
               "printing": b"\x20", "printer error": b"\x80"}
EPL_STATES = {"ready": b"00\r\n", "paper or ribbon out": b"07\r\n",
              "paper out, labels waiting": b"07P003\r\n", "head open": b"11\r\n",
              "paused": b"12\r\n", "printing": b"50\r\n", "syntax error": b"01\r\n"}


class FakePrinter:
    def __init__(self, replies=(), behaviour: str = "normal", half_bytes: int = 10):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.replies = list(replies)
        self.behaviour = behaviour
        self.half_bytes = half_bytes
        self.received: list[bytes] = []  # one entry per connection
        self.queries: list[bytes] = []
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, **options) -> str:
        query = "&".join(f"{k}={v}" for k, v in options.items())
        return f"tcp://127.0.0.1:{self.port}" + (f"?{query}" if query else "")

    @property
    def jobs(self) -> list[bytes]:
        """What arrived on connections that were not status queries."""
        with self.lock:
            return [d for d in self.received if d and not any(d.strip() == q or
                                                              d.strip(b"\r\n") == q
                                                              for q in QUERIES)]

    def _serve(self):
        self.server.settimeout(0.05)
        while not self.closing.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        data = b""
        with conn:
            if self.behaviour in ("slam", "reset"):
                if self.behaviour == "reset":  # linger 0: close sends RST at once
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00"
                                    b"\x00\x00\x00\x00")
                with self.lock:
                    self.received.append(b"")
                return
            conn.settimeout(5)
            answered = False
            try:
                while chunk := conn.recv(self.half_bytes if self.behaviour == "half" else 65536):
                    data += chunk
                    if self.behaviour == "half":
                        break
                    if not answered and any(q in data for q in QUERIES):
                        answered = True
                        self._answer(conn, data)
            except OSError:
                pass
        with self.lock:
            self.received.append(data)

    def _answer(self, conn, data):
        with self.lock:
            self.queries.append(data)
            reply = self.replies.pop(0) if self.replies else self._default(data)
        if reply is SILENT:
            return
        conn.sendall(reply)

    @staticmethod
    def _default(data: bytes) -> bytes:
        if b"~HS" in data:
            return ZPL_READY
        if b"\x1b!?" in data:
            return TSPL_STATES["ready"]
        return EPL_STATES["ready"]

    def wait_connections(self, count: int, timeout: float = 5) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.01)
        raise AssertionError(f"expected {count} connections, got {len(self.received)}")

    def close(self):
        self.closing.set()
        self.thread.join()
        self.server.close()

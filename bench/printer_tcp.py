"""Sending labels to a fake printer on 127.0.0.1 (issue 9): status asked before each job,
the job, the reset check and the confirming status after it, against a plain `sendall` of
the same bytes (the baseline), in the same run. Prints time and bytes per label.

    python -m bench.printer_tcp [--labels N] [--json]
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from dataclasses import replace

from desktop.devices.transports.tcp import TcpTransport
from desktop.domain.label_layout import shipping_label
from desktop.domain.printer_profile import load_profiles
from desktop.domain.tracking import make_s10
from desktop.printing.render import render_label
from desktop.printing.samples import SAMPLES

READY = {b"~HS": (b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n"
                  b"\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n"),
         b"\x1b!?": b"\x00"}


class Printer:
    """Reads every connection to its end, answers status queries as a ready printer."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.bytes = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
                for query, reply in READY.items():
                    if data == query:
                        conn.sendall(reply)
            self.bytes += len(data)


def jobs(n: int, profile) -> list[bytes]:
    shipment, service = SAMPLES["domestic-private"]()
    return [render_label(shipping_label(replace(
        shipment, tracking_number=make_s10("CA", 20_000_000 + i, "FR")), service), profile)
        for i in range(n)]


def plain(port: int, payloads: list[bytes]) -> float:
    start = time.perf_counter()
    for p in payloads:
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(p)
            s.shutdown(socket.SHUT_WR)
            s.recv(1)  # wait for the printer to finish reading, as the transport does
    return time.perf_counter() - start


def checked(url: str, payloads: list[bytes]) -> float:
    transport = TcpTransport(url)
    start = time.perf_counter()
    for p in payloads:
        if not transport.status().ready:
            raise RuntimeError("fake printer not ready")
        transport.send(p, "bench.zpl")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for pid, status in (("generic-zpl-203", "zpl"), ("tsc-te200", "tspl")):
        payloads = jobs(args.labels, load_profiles()[pid])
        printer = Printer()
        base = plain(printer.port, payloads)
        safe = checked(f"tcp://127.0.0.1:{printer.port}?status={status}", payloads)
        size = sum(map(len, payloads)) / len(payloads)
        rows.append({"profile": pid, "labels": args.labels, "bytes_per_label": round(size),
                     "plain_ms_per_label": round(base / args.labels * 1000, 3),
                     "checked_ms_per_label": round(safe / args.labels * 1000, 3),
                     "ratio": round(safe / base, 2)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'profile':<18} {'labels':>6} {'bytes/label':>11} {'plain':>10} "
          f"{'status+send+confirm':>20} {'ratio':>6}")
    for r in rows:
        print(f"{r['profile']:<18} {r['labels']:>6} {r['bytes_per_label']:>11} "
              f"{r['plain_ms_per_label']:>7.3f} ms {r['checked_ms_per_label']:>17.3f} ms "
              f"{r['ratio']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

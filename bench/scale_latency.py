"""Scale latency benchmark (issue 11): from a stable frame written to a pseudo-terminal to
the weight shown in the counter's weight panel (offscreen Qt).

Both paths read the same frames from the same kind of pty in the same run:
- baseline: a plain `pyserial` `readline()` on the port — the least any reader can do;
- comptoir: the real path — `FramedScale` (ASCII stream parser) in its `ScaleMonitor`
  thread from the `ScaleManager`, a Qt signal queued to the GUI thread, `WeightPanel`
  showing the weight (the same wiring as `ScaleLink`);
- comptoir polled: the same with MT-SICS `SI` polls (the frame is the scale's reply).
Target: under 100 ms. A pty has no baud rate: on a real 9600-baud line add the frame's own
transmission time (printed) to both.

    python -m bench.scale_latency [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import threading
import time
import tty

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import serial  # noqa: E402
from PySide6.QtCore import QObject, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.devices.scales import open_scale  # noqa: E402
from desktop.devices.scales.manager import ScaleManager  # noqa: E402
from desktop.ui.i18n import kg  # noqa: E402
from desktop.ui.widgets.weight_panel import WeightPanel  # noqa: E402

TARGET_MS = 100.0
BITS_PER_BYTE_8N1 = 10  # start + 8 data + stop


def frame(grams: int) -> bytes:
    return f"ST,GS,+{grams / 1000:8.3f}kg\r\n".encode()


def open_pty() -> tuple[int, int, str]:
    master, slave = pty.openpty()
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


def baseline(runs: int) -> list[float]:
    master, slave, path = open_pty()
    port = serial.Serial(path, 9600, timeout=2)
    out = []
    try:
        for i in range(runs):
            data = frame(1000 + i)
            start = time.perf_counter()
            os.write(master, data)
            line = port.readline()
            out.append((time.perf_counter() - start) * 1000)
            assert line == data, line
    finally:
        port.close()
        os.close(master)
        os.close(slave)
    return out


class _Bridge(QObject):
    reading = Signal(object)


def _wait_shown(app, panel, text: str, timeout_s: float = 5.0) -> float:
    deadline = time.perf_counter() + timeout_s
    while panel.display.text() != text:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"panel never showed {text!r} (shows {panel.display.text()!r})")
        time.sleep(0.0002)
    return time.perf_counter()


def comptoir_stream(app, runs: int) -> list[float]:
    master, slave, path = open_pty()
    panel = WeightPanel()
    bridge = _Bridge()
    bridge.reading.connect(panel.show_reading)
    manager = ScaleManager()
    scale = open_scale(f"ascii://{path}?timeout=2")
    manager.watch(scale, bridge.reading.emit)
    out = []
    try:
        os.write(master, b"\r\n" + frame(1))  # the first frame after opening is dropped
        os.write(master, frame(999))
        _wait_shown(app, panel, kg(999))
        for i in range(runs):
            grams = 1000 + i
            start = time.perf_counter()
            os.write(master, frame(grams))
            out.append((_wait_shown(app, panel, kg(grams)) - start) * 1000)
    finally:
        manager.close()
        scale.close()
        os.close(master)
        os.close(slave)
    return out


class _PolledScale:
    """An MT-SICS scale on a pty: answers `SI` with the current weight, notes when the
    reply carrying a new weight was written."""

    def __init__(self):
        self.master, self.slave, self.path = open_pty()
        self.grams = 999
        self.written_at: dict[int, float] = {}
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        pending = b""
        while True:
            try:
                chunk = os.read(self.master, 256)
            except OSError:
                return
            pending += chunk
            while b"\r\n" in pending:
                _, pending = pending.split(b"\r\n", 1)
                grams = self.grams
                try:
                    os.write(self.master, f"S S {grams / 1000:9.3f} kg\r\n".encode())
                except OSError:
                    return
                self.written_at.setdefault(grams, time.perf_counter())

    def close(self):
        os.close(self.master)
        os.close(self.slave)


def comptoir_polled(app, runs: int, interval_s: float) -> list[float]:
    dev = _PolledScale()
    panel = WeightPanel()
    bridge = _Bridge()
    bridge.reading.connect(panel.show_reading)
    manager = ScaleManager()
    scale = open_scale(f"mtsics://{dev.path}")
    manager.watch(scale, bridge.reading.emit, interval_s=interval_s)
    out = []
    try:
        _wait_shown(app, panel, kg(999))
        for i in range(runs):
            grams = 1000 + i
            dev.grams = grams
            shown = _wait_shown(app, panel, kg(grams))
            out.append((shown - dev.written_at[grams]) * 1000)
    finally:
        manager.close()
        scale.close()
        dev.close()
    return out


def row(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"{name:38} {statistics.median(ms):8.2f} {p95:8.2f} {ms[-1]:8.2f}"
            f"   {'ok' if p95 < TARGET_MS else 'OVER TARGET'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.1,
                        help="poll interval of the polled case (the counter uses 0.1 s)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    base = baseline(args.runs)
    stream = comptoir_stream(app, args.runs)
    polled = comptoir_polled(app, max(10, args.runs // 4), args.interval)
    wire_ms = len(frame(1000)) * BITS_PER_BYTE_8N1 / 9600 * 1000
    print(f"Scale latency, frame written to a pty → seen ({args.runs} frames; ms)")
    print(f"{'path':38} {'median':>8} {'p95':>8} {'max':>8}   target p95 < {TARGET_MS:g} ms")
    print(row("baseline: pyserial readline", base))
    print(row("comptoir stream → weight panel", stream))
    print(row(f"comptoir polled SI ({args.interval:g} s) → panel", polled))
    ratio = statistics.median(stream) / statistics.median(base)
    print(f"ratio stream/baseline (median): {ratio:.1f}×; "
          f"overhead {statistics.median(stream) - statistics.median(base):.2f} ms")
    print(f"a {len(frame(1000))}-byte frame itself takes {wire_ms:.1f} ms at 9600 8N1 "
          f"(not in the pty figures)")
    ok = all(sorted(x)[int(len(x) * 0.95) - 1] < TARGET_MS for x in (stream, polled))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

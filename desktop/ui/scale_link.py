"""Keeps the configured scale open and forwards its readings to the GUI thread.

The device's own I/O thread (`ScaleMonitor`) calls back from that thread; emitting a signal
of this GUI-thread object queues the reading to the widgets. Opening the device is I/O, so it
happens in the task runner.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.domain.weighing import ScaleReading, ScaleState
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
DISCONNECTED = ScaleReading(0, False, ScaleState.DISCONNECTED)


class ScaleLink(QObject):
    reading = Signal(object)  # ScaleReading, delivered on the GUI thread
    opened = Signal(object)  # the scale device (tests drive the simulated one)
    error = Signal(str)

    def __init__(self, ctx, runner: TaskRunner, parent: QObject | None = None,
                 interval_s: float = 0.1):
        super().__init__(parent)
        self._ctx, self._runner, self._interval = ctx, runner, interval_s
        self.scale = None
        self._monitor = None
        self._generation = 0

    def start(self) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.run(self._open, name="open scale",
                         on_done=lambda pair: self._started(generation, pair),
                         on_error=self._failed)

    def _open(self):  # worker thread
        scale = self._ctx.open_scale()
        monitor = self._ctx.scale_monitor(scale, self.reading.emit, self._interval)
        monitor.start()
        return scale, monitor

    def _started(self, generation: int, pair) -> None:
        scale, monitor = pair
        if generation != self._generation:  # restarted meanwhile: drop this one
            _close(scale, monitor)
            return
        self.scale, self._monitor = scale, monitor
        self.opened.emit(scale)

    def _failed(self, exc: BaseException) -> None:
        log.warning("scale: %s", exc)
        self.reading.emit(DISCONNECTED)
        self.error.emit(str(exc))

    def zero(self) -> None:
        self._command("zero", tr("Zéro refusé par la balance."))

    def tare(self) -> None:
        self._command("tare", tr("Tare refusée par la balance."))

    def _command(self, name: str, refused: str) -> None:
        """Zero or tare on a worker thread: the scale answers within its read timeout."""
        scale = self.scale
        if scale is None or not getattr(scale, f"can_{name}", False):
            return
        self._runner.run(getattr(scale, name), name=f"{name} scale",
                         on_done=lambda ok: None if ok else self.error.emit(refused),
                         on_error=lambda exc: self.error.emit(str(exc)))

    def restart(self) -> None:
        """Reopens on the current settings; the old device is closed off the GUI thread."""
        self._generation += 1
        scale, monitor = self.scale, self._monitor
        self.scale = self._monitor = None
        self._runner.run(_close, scale, monitor, name="close scale")
        self.start()

    def stop(self) -> None:
        """Stops the polling thread (it ends within one interval) and closes the device."""
        self._generation += 1
        scale, monitor = self.scale, self._monitor
        self.scale = self._monitor = None
        _close(scale, monitor)


def _close(scale, monitor) -> None:
    try:
        if monitor is not None:
            monitor.stop()
    finally:
        if scale is not None:
            scale.close()

"""One I/O thread per scale: polls `read()`, hands every reading to a callback.

The callback runs on the monitor's thread; the UI wraps it to post to the GUI thread.
When the device fails the callback gets a DISCONNECTED reading and, after a growing pause,
the monitor tries again: with an `opener` it owns the device, closes the broken one and opens
a fresh one (unplug and replug just works); with `for_scale` the caller owns the device, so
the monitor neither closes it nor replaces it, it only reads it again (drivers reopen their
port themselves).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from desktop.devices.scales.base import disconnected
from desktop.domain.ports import Scale
from desktop.domain.weighing import ScaleReading

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.2  # our choice: 5 readings a second feel live without flooding the UI
BACKOFF_S = (0.5, 1.0, 2.0, 5.0)  # our choice: retry fast after a glitch, then every 5 s
STOP_TIMEOUT_S = 5.0  # our choice: above any driver's read timeout


class ScaleMonitor:
    def __init__(self, opener: Callable[[], Scale], callback: Callable[[ScaleReading], None],
                 *, interval_s: float = POLL_INTERVAL_S, backoff_s: Sequence[float] = BACKOFF_S,
                 name: str = "scale", owns_device: bool = True):
        if interval_s < 0 or not backoff_s or min(backoff_s) < 0:
            raise ValueError("interval and backoff must be >= 0, backoff non-empty")
        self._opener = opener
        self._callback = callback
        self.interval_s = interval_s
        self.backoff_s = tuple(backoff_s)
        self.name = name
        self._owns = owns_device
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: ScaleReading | None = None
        self.last_error: str = ""

    @classmethod
    def for_scale(cls, scale: Scale, callback: Callable[[ScaleReading], None],
                  **kwargs) -> ScaleMonitor:
        """Monitors an already open scale that the caller keeps and closes."""
        return cls(lambda: scale, callback, owns_device=False, **kwargs)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def latest(self) -> ScaleReading | None:
        with self._lock:
            return self._latest

    def start(self) -> None:
        if self.running:
            return
        self._stop = threading.Event()
        # daemon: a stuck driver must not keep the application alive at exit.
        self._thread = threading.Thread(target=self._run, args=(self._stop,),
                                        name=f"comptoir-scale-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Stops the thread (which closes a device it opened); False if it did not end in time."""
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("scale monitor %s still blocked after %.1f s", self.name, timeout)
            return False
        return True

    def __enter__(self) -> ScaleMonitor:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the I/O thread ------------------------------------------------------------------
    def _run(self, stop: threading.Event) -> None:
        scale: Scale | None = None
        failures = 0
        try:
            while not stop.is_set():
                try:
                    if scale is None:
                        scale = self._opener()
                    reading = scale.read()
                except Exception as exc:  # any driver failure means "not connected"
                    self.last_error = f"{type(exc).__name__}: {exc}"
                    log.info("scale %s: %s", self.name, self.last_error)
                    if self._owns:
                        _close(scale)
                        scale = None
                    self._deliver(disconnected(), stop)
                    stop.wait(self.backoff_s[min(failures, len(self.backoff_s) - 1)])
                    failures += 1
                    continue
                failures = 0
                self.last_error = ""
                self._deliver(reading, stop)
                # A stream paces itself: its next read() waits for the scale's next frame.
                stop.wait(0 if getattr(scale, "paced_by_device", False) else self.interval_s)
        finally:
            if self._owns:
                _close(scale)

    def _deliver(self, reading: ScaleReading, stop: threading.Event) -> None:
        with self._lock:
            self._latest = reading
        if stop.is_set():
            return  # no callbacks after stop() returned control to the caller
        try:
            self._callback(reading)
        except Exception:  # a faulty listener must not kill the device thread
            log.exception("scale %s: reading callback failed", self.name)


def _close(scale: Scale | None) -> None:
    if scale is None:
        return
    try:
        scale.close()
    except Exception:  # already broken; closing is best effort
        log.debug("closing scale failed", exc_info=True)

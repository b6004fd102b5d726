"""Runs service calls on a thread pool and hands the outcome back on the GUI thread.

Nothing that touches the database, a printer or a device runs on the GUI thread. The background function must not call Qt widgets; its result or exception comes back
through a queued signal to `TaskRunner._deliver`, which runs in the thread that owns the
runner (the GUI thread), so the callbacks may update widgets freely.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Pending:
    name: str
    on_done: Callback | None
    on_error: Callback | None


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, fn: Callable[[], Any]):
        super().__init__()
        self.setAutoDelete(True)
        self._runner, self._id, self._fn = runner, task_id, fn

    def run(self) -> None:  # worker thread: no widget calls here
        try:
            result, ok = self._fn(), True
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            exc.__comptoir_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            result, ok = exc, False
        try:
            self._runner._finished.emit(self._id, ok, result)
        except RuntimeError:  # the runner's window was closed meanwhile: nobody to tell
            log.debug("task %s finished after its runner was deleted", self._id)


class TaskRunner(QObject):
    """`run(fn, on_done=..., on_error=...)`; `failed` reports errors nobody handled."""

    _finished = Signal(int, bool, object)  # internal: worker → GUI thread (queued)
    failed = Signal(str, object)  # (task name, exception) for errors without on_error
    busy_changed = Signal(bool)
    task_done = Signal(str)  # task name, after its callback ran

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._finished.connect(self._deliver)

    @property
    def active(self) -> int:
        return len(self._pending)

    def run(self, fn: Callable[..., Any], *args: Any, name: str = "",
            on_done: Callback | None = None, on_error: Callback | None = None,
            **kwargs: Any) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(name or getattr(fn, "__name__", "task"), on_done,
                                          on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, task_id, lambda: fn(*args, **kwargs)))
        return task_id

    def wait(self, msecs: int = 30_000) -> bool:
        """Blocks until the pool is idle (shutdown and tests); callbacks run later."""
        return self._pool.waitForDone(msecs)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        try:
            if ok:
                if pending.on_done:
                    pending.on_done(result)
            elif pending.on_error:
                pending.on_error(result)
            else:
                log.error("task %s failed: %s", pending.name,
                          getattr(result, "__comptoir_traceback__", result))
                self.failed.emit(pending.name, result)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
            self.task_done.emit(pending.name)

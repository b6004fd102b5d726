"""Runs service calls on a thread pool and hands the outcome back on the GUI thread.

Nothing that touches the database, a printer or a device runs on the GUI thread. The background function must not call Qt widgets; its result or exception comes back
through a queued signal to `TaskRunner._deliver`, which runs in the thread that owns the
runner (the GUI thread), so the callbacks may update widgets freely.

- `run(..., latest="key")`: "latest request wins". Each key keeps a generation; a result
  that comes back after a newer request with the same key was made is dropped, so a slow
  old answer (service suggestions for the previous destination, an older search) never
  overwrites a newer one.
- `write(...)`: database writes go to one writer thread, one after the other, in the order
  asked (a print, a delete and an import never race each other for SQLite's write lock).
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
    latest: str | None = None  # the "latest wins" key, if any


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
    superseded = Signal(str)  # task name: its result came after a newer request's, dropped

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._writer = QThreadPool(self)  # the serialized executor for database writes
        self._writer.setMaxThreadCount(1)
        self._pending: dict[int, _Pending] = {}
        self._newest: dict[str, int] = {}  # "latest wins" key → the newest task id
        self._ids = itertools.count(1)
        self._finished.connect(self._deliver)

    @property
    def active(self) -> int:
        return len(self._pending)

    def run(self, fn: Callable[..., Any], *args: Any, name: str = "",
            on_done: Callback | None = None, on_error: Callback | None = None,
            latest: str | None = None, **kwargs: Any) -> int:
        """Runs `fn` on the pool; with `latest`, only the newest request of that key answers."""
        return self._start(self._pool, fn, args, kwargs, name, on_done, on_error, latest)

    def write(self, fn: Callable[..., Any], *args: Any, name: str = "",
              on_done: Callback | None = None, on_error: Callback | None = None,
              **kwargs: Any) -> int:
        """Runs `fn` on the single writer thread, after every write asked before it."""
        return self._start(self._writer, fn, args, kwargs, name, on_done, on_error, None)

    def _start(self, pool: QThreadPool, fn, args, kwargs, name, on_done, on_error,
               latest) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(name or getattr(fn, "__name__", "task"), on_done,
                                          on_error, latest)
        if latest is not None:
            self._newest[latest] = task_id
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        pool.start(_Job(self, task_id, lambda: fn(*args, **kwargs)))
        return task_id

    def wait(self, msecs: int = 30_000) -> bool:
        """Blocks until both pools are idle (shutdown and tests); callbacks run later."""
        return self._writer.waitForDone(msecs) and self._pool.waitForDone(msecs)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        stale = pending.latest is not None and self._newest.get(pending.latest) != task_id
        try:
            if stale:  # a newer request with the same key was made: its answer wins
                log.debug("task %s superseded", pending.name)
                self.superseded.emit(pending.name)
            elif ok:
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

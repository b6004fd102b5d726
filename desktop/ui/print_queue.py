"""The GUI's small print-queue dispatcher: while jobs wait (printer offline, paper out …)
it retries them in the background with back-off, off the GUI thread.

Started by any change to the print jobs (a print, a reprint, the start-up recovery); idle
when nothing waits. Jobs awaiting the clerk's confirmation are never retried (the service
does not count them as waiting).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.printing import JobOutcome
from desktop.services.changes import Changes
from desktop.services.print_jobs import retry_delay_s
from desktop.ui.tasks import TaskRunner


class PrintQueueDispatcher(QObject):
    retried = Signal(object)  # the jobs as they ended (list[PrintJob])

    def __init__(self, ctx, events, parent: QObject | None = None,
                 delay_s=retry_delay_s):
        super().__init__(parent)
        self.ctx, self.events, self._delay_s = ctx, events, delay_s
        self.attempt = 0
        # Its own runner: a background retry must not show "work in progress".
        self.runner = TaskRunner(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._retry)
        events.print_jobs.connect(self.kick)

    def kick(self) -> None:
        """Something changed in the queue: look again soon (first delay) unless scheduled."""
        if not self.timer.isActive() and not self.runner.active:
            self.attempt = 0
            self._schedule()

    def stop(self) -> None:
        self.timer.stop()
        self.runner.wait()

    def _schedule(self) -> None:
        self.timer.start(int(self._delay_s(self.attempt) * 1000))

    def _retry(self) -> None:
        self.runner.run(self.ctx.printing.retry, failed=False, name="print queue retry",
                        on_done=self._done, on_error=lambda _exc: self._again())

    def _done(self, jobs) -> None:
        self.retried.emit(jobs)
        sent = any(j.outcome is JobOutcome.SENT for j in jobs)
        if any(j.outcome is JobOutcome.QUEUED for j in jobs):
            if sent:
                self.attempt = 0  # the printer came back: the rest follows soon
            self._again()  # scheduled first: the change below kicks a busy timer
        else:
            self.attempt = 0  # nothing waits: idle until the next change
        if sent:
            self.events.publish(Changes(print_jobs=True, shipments=True))

    def _again(self) -> None:
        self.attempt += 1
        self._schedule()
